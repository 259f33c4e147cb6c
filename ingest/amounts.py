"""Numbers as Chinese budget documents print them, parsed to exact decimals.

Amounts keep every printed digit (``Decimal``): 1725.132386万元 stays 1725.132386.  Unit
conversion happens in the warehouse, never here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Traditional glyphs seen on mirror sites of mainland pages (萬元, 預算, 經費, ...).
_TRADITIONAL = str.maketrans(
    "萬預經費總體財撥門單決與較減額數險醫療參護務車運維購國資產項類設說況計劃補貼個繳準規縣區鄉鎮場會議訓練養業結轉餘當對並於為這從標績衛機關構據億點現實報銷應歸戶處統籌級動積無變後開長聯網電話辦樓",
    "万预经费总体财拨门单决与较减额数险医疗参护务车运维购国资产项类设说况计划补贴个缴准规县区乡镇场会议训练养业结转余当对并于为这从标绩卫机关构据亿点现实报销应归户处统筹级动积无变后开长联网电话办楼",
)

# Full-width digits and brackets that PDF text sometimes carries.  The full-width comma stays:
# it separates clauses, while "," inside a number separates thousands.
_WIDTH = str.maketrans(
    "０１２３４５６７８９．％：（）＋－",
    "0123456789.%:()+-",
)


# Both tables in one: no glyph of one is a key or value of the other, so one pass gives the
# same text as the two.  Most strings hold none of these glyphs or a few (a （ or ：), and a
# search for them costs far less than str.translate's lookup of every character (this runs
# on every cell, line and whole document).
_VARIANTS = {chr(key): chr(value) for key, value in (_TRADITIONAL | _WIDTH).items()}
_VARIANT = re.compile("[" + re.escape("".join(_VARIANTS)) + "]")


def _variant_replaced(match: re.Match[str]) -> str:
    return _VARIANTS[match.group()]


def normalise_text(text: str) -> str:
    """Simplified glyphs and half-width digits, so one pattern reads every variant."""
    if _VARIANT.search(text) is None:
        return text
    return _VARIANT.sub(_variant_replaced, text)


def compact_text(text: str) -> str:
    """``normalise_text`` without whitespace: a label or header as the patterns read it (PDF
    text puts spaces between CJK characters).  ``str.split`` and the regex ``\\s`` know the
    same whitespace; the split is the cheaper on the hot path."""
    return "".join(normalise_text(text).split())


AMOUNT_RE = re.compile(r"^[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[-−]?\d+(?:\.\d+)?$")
ZERO_WORDS = frozenset({"-", "—", "——", "－", "无", "/", "0", "0.0", "0.00"})


def parse_amount(text: str | None) -> Decimal | None:
    """A table cell or token as an exact decimal; None when it is not a plain number."""
    if text is None:
        return None
    cleaned = normalise_text(text).strip().replace(" ", "")
    if not cleaned or not AMOUNT_RE.match(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", "").replace("−", "-"))
    except InvalidOperation:
        return None


def is_amount(text: str) -> bool:
    return parse_amount(text) is not None


# Money with its unit inside prose: "425.30万元", "0.00 万元", "526094.10元", "312.23 萬元".
MONEY_RE = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>万元|元)")
NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"


@dataclass(frozen=True, slots=True)
class Measurement:
    """An indicator value such as "≥84.4万人", "100%", "142元/人", "明显提高"."""

    operator: str | None
    value: Decimal | None
    unit: str | None
    text: str

    @property
    def is_quantitative(self) -> bool:
        return self.value is not None


_OPERATORS = {
    "≥": ">=",
    ">=": ">=",
    "＞": ">",
    ">": ">",
    "≤": "<=",
    "<=": "<=",
    "＜": "<",
    "<": "<",
    "＝": "=",
    "=": "=",
    "不低于": ">=",
    "不少于": ">=",
    "大于等于": ">=",
    "达到": ">=",
    "不高于": "<=",
    "不超过": "<=",
    "小于等于": "<=",
}
_OPERATOR_RE = "|".join(re.escape(k) for k in sorted(_OPERATORS, key=len, reverse=True))
_MEASUREMENT_RE = re.compile(
    rf"^\s*(?P<op>{_OPERATOR_RE})?\s*(?P<num>{NUMBER})\s*(?P<unit>[^\d\s]{{0,8}}?)\s*"
    r"(?P<suffix>以上|以下|及以上|及以下)?\s*$"
)
_UNIT_WORDS = {"百分比": "%", "％": "%"}


def parse_measurement(text: str) -> Measurement:
    """Split an indicator value into operator, number and unit; vague text stays text."""
    raw = text.strip()
    match = _MEASUREMENT_RE.match(normalise_text(raw))
    if not match:
        return Measurement(None, None, None, raw)
    operator = _OPERATORS.get(match["op"]) if match["op"] else None
    suffix = match["suffix"]
    if suffix and operator is None:
        operator = ">=" if "上" in suffix else "<="
    unit = match["unit"] or None
    if unit:
        unit = _UNIT_WORDS.get(unit, unit)
    return Measurement(operator, Decimal(match["num"].replace(",", "")), unit, raw)
