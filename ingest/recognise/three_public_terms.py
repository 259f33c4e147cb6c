"""The names of the 三公 components, in a row label or a column's header path.

因公出国(境)费 and its variants, 公务用车购置及运行(维护)费 with 购置费 / 运行费 under
it, 公务接待费, the 三公 total (“三公”经费合计, or 合计 / 小计 under a “三公”经费 group),
and what is printed
beside them but is not 三公: 会议费, 培训费, 机关运行经费, a table's grand 合计.
"""

from __future__ import annotations

import re

from ingest.amounts import normalise_text

COMPONENTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        ("sub_item", r"教学科研|其他因公出国|省属高校|其他会议费"),
        ("agency_operating", r"机关运行经费|行政经费"),
        ("total", r"三公[”\"]?经费(预算数?)?(小计|合计)?$|三公[”\"]?经费(预算)?$"),
        ("table_grand_total", r"^(合计|总计)$"),
        ("vehicle_total", r"公务用车(购置及运|费$)"),
        ("vehicle_purchase", r"公务用车购置(经?费)?$"),
        ("vehicle_operation", r"公务用车运"),
        ("overseas", r"因公出国\(境\)"),
        ("reception", r"公务接待"),
        ("meeting", r"会议费"),
        ("training", r"培训费"),
    )
)
MAIN = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
_GENERIC = re.compile(r"^(合计|小计|总计|预算数|金额|决算数|年初预算数|调整预算数|全年预算数)$")
_UNDER_VEHICLE = (
    ("vehicle_purchase", re.compile(r"^(公务用车)?购置(经?费)?$")),
    ("vehicle_operation", re.compile(r"^(公务用车)?运(行|维)")),
)
_THREE_PUBLIC_GROUP = re.compile(r"三公")
_ORDINAL = re.compile(
    r"^[一二三四五六七八九十]+[、.．]|^\d+[、.．]|^[(（]\d+[)）]|^其中[:：]?|[“”\s]"
)


def _clean(text: str) -> str:
    return _ORDINAL.sub("", normalise_text(text))


def component_of(label: str) -> str | None:
    text = _clean(label)
    for key, pattern in COMPONENTS:
        if pattern.search(text):
            return None if key == "sub_item" else key
    return None


def path_component(path: tuple[str, ...]) -> str | None:
    """The component a column's header path names: its lowest specific word, a generic one
    (小计, 购置费) read under the word above it."""
    words = [_clean(word) for word in path]
    for depth in range(len(words) - 1, -1, -1):
        word = words[depth]
        found = component_of(word)
        above = [component_of(w) for w in words[:depth]]
        parent = next((c for c in reversed(above) if c), None)
        in_three_public = any(_THREE_PUBLIC_GROUP.search(w) for w in words[:depth])
        if parent == "vehicle_total":
            for key, pattern in _UNDER_VEHICLE:
                if pattern.search(word):
                    return key
        if found == "table_grand_total" or (found is None and _GENERIC.match(word)):
            if parent is not None and parent != "table_grand_total":
                return parent  # 公务用车购置及运行费 / 小计
            if in_three_public:
                return "total"  # “三公”经费预算数 / 合计
            return "table_grand_total" if found else None
        if found is not None:
            return found
        if not _TRANSPARENT.search(word):
            return None  # a word of its own under a component (维修费?): not that component
    return None


# Words under a component that do not change what it is: a fund, a year, a period.
_TRANSPARENT = re.compile(r"预算|决算|拨款|资金|20\d{2}年|上年|本年|当年|金额|^数$")
