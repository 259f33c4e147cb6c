"""The budgeting body a document is about, as printed, and the scope of its budget.

A body is named on the cover and in titles ("2026 年度 福州市医疗保障局 部门预算",
"预算主管部门：上海市普陀区商务委员会", "威县医疗保障局(本级）2023年单位预算…") and, less reliably,
in prose (a 威县 document once calls itself 威县财政局).  Candidates are scored: labelled
lines and titles weigh most, repeated mentions add a little.  The scope is 部门预算 (the
department consolidated with its subordinate units) or 单位预算 (one unit's own budget).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

# The last word of a body's name.  Longest first: the longest name ending in one wins.
BODY_SUFFIX = (
    "委员会办公室|人民政府办公室|人民政府办公厅|街道办事处|办事处|委员会|办公室|办公厅|管理局|"
    "事务中心|服务中心|管理中心|中心|支队|大队|分局|联合会|协会|医院|学校|人民政府|政府|"
    "局|委|厅|院|所|站|队|馆|部|处|室|会|社|台|园|团|场|库|署"
)
_BODY_END = re.compile(rf"(?:{BODY_SUFFIX})")
# In prose a name ends at the first strong body word: "魏县医疗保障局负责…的部门" → 魏县医疗保障局.
_STRONG_END = re.compile(r"街道办事处|委员会|办公室|办公厅|人民政府|事务中心|管理中心|服务中心|局")
_CJK_NAME = r"[\u4e00-\u9fff（）()·]"
# 预算主管部门：X / 预算单位：X / 部门名称：X … ; the first two name the document's own body.
_LABELLED = re.compile(
    rf"(预算主管部门|主管部门|预算单位|部门名称|单位名称|编制部门|编制单位|部门|单位)\s*[:：]\s*"
    rf"({_CJK_NAME}{{2,40}})"
)
_LABEL_WEIGHT = {"预算主管部门": 6, "预算单位": 6, "部门名称": 4, "单位名称": 4}
# The cover of a budgeting system's export: "农工委编制" (who compiled it) and
# "定州市财政局审核" (the finance bureau that reviewed it: never the body itself).
_COMPILED_BY = re.compile(rf"^({_CJK_NAME}{{2,40}}?)编制$")
REVIEWED_BY = re.compile(rf"^({_CJK_NAME}{{2,30}}?)财政(?:局|厅)审核$")
# A title window never runs into the table of contents or a section heading.
_NOT_TITLE = re.compile(r"^(?:目\s*录|第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+、)")
# A title: [year] X [(本级)] [year] [区级|市级] 部门/单位 [综合] 预算
_TITLE = re.compile(
    rf"(?:20\d{{2}}\s*年度?\s*)?({_CJK_NAME}{{2,40}}?)\s*(?:[(（](?:本级|汇总|机关)[)）])?\s*"
    r"(?:20\d{2}\s*年度?)?\s*(?:省级|市级|区级|县级)?\s*(?:部门|单位)\s*(?:综合)?\s*[预决]\s*算"
)
# What every title ends with: a window without it holds no title, and searching for it
# costs far less than trying _TITLE's lazy name at every position of the window.
_TITLE_END = re.compile(r"(?:部门|单位)\s*(?:综合)?\s*[预决]\s*算")
_NOISE = re.compile(r"[(（](?:本级|汇总|机关)[)）]|本级$|部门$|\s+")
# A heading before the name on the same line: 第二部分 国家信访局…, 一、…, 1. …
_HEADING = re.compile(r"^(?:第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+、|\d+[、.．])")
_SCOPE_UNIT = re.compile(
    r"单位[预决]算|预算单位\s*[:：]|[(（]本级[)）]\s*(?:20\d{2}\s*年度?)?\s*单位"
)
_SCOPE_DEPARTMENT = re.compile(r"部门\s*(?:综合)?\s*[预决]算|预算主管部门\s*[:：]")
# The kind of document: a budget (部门预算, 预算表) or the final accounts of a year (部门决算,
# 决算表).  Counted in the cover and titles, where a document names what it is.
_KIND_FINAL = re.compile(r"(?:部门|单位)\s*(?:综合)?\s*决\s*算|决算(?:总)?表|年度\s*决算")
_KIND_BUDGET = re.compile(r"(?:部门|单位)\s*(?:综合)?\s*预\s*算(?!单位|主管)|预算(?:总)?表")
TITLE_BLOCKS = 80  # titles and labels are on the cover and the first pages
# A phrase of the text where a name was expected: "单位：指本部门下属单位" defines a word, and
# "指本部" is not a body.  A name never starts with a defining verb or 本部门/本单位 ("this
# department"), nor is it only a pronoun and a body word.
_PHRASE = re.compile(
    r"^(?:是?指|系指|即|意指|包括)|^本(?:部门|单位|部|级|局)|^(?:该|其|各|所属|下属)"
)


@dataclass(frozen=True, slots=True)
class BodyCandidate:
    name: str
    score: int
    evidence: str


def body_name(text: str, *, longest: bool = True) -> str | None:
    """The prefix of ``text`` that ends with a body word, cleaned; None if none.

    A title or a labelled line holds the name alone, so the longest prefix is the name
    (…人民政府万里街道办事处); in prose the name ends at the first strong body word.
    """
    text = _NOISE.sub("", _HEADING.sub("", text.strip()))
    ends = [m.end() for m in (_BODY_END if longest else _STRONG_END).finditer(text)]
    names = [text[:end] for end in ends if end >= 3]
    if not names:
        return None
    return names[-1] if longest else names[0]


def body_candidates(
    lines: list[str], division_prefix: Callable[[str], str | None]
) -> list[BodyCandidate]:
    """Scored candidates for the document's body, best first.

    Labelled lines (预算单位：…) and titles name the body; each mention elsewhere adds a little.
    Only when neither names one do bodies mentioned in prose stand as candidates, and then
    only names that start with a division (``division_prefix(text)`` returns the division
    name ``text`` starts with): 魏县医疗保障局.
    """
    scores: Counter[str] = Counter()
    evidence: dict[str, str] = {}

    def add(name: str | None, weight: int, why: str) -> None:
        # a defining phrase (即…, 指…) is no body, but a division's name may start like one:
        # 即墨区医疗保障局 (Qingdao) is a body
        if name and weight and (not _PHRASE.match(name) or division_prefix(name)):
            scores[name] += weight
            evidence.setdefault(name, why)

    compact = [line.replace(" ", "").replace("\u3000", "") for line in lines]
    for number, line in enumerate(compact):
        for match in _LABELLED.finditer(line) if ":" in line or "：" in line else ():
            weight = _LABEL_WEIGHT.get(match.group(1), 1 if number < TITLE_BLOCKS else 0)
            add(body_name(match.group(2)), weight, f"{match.group(1)}：{match.group(2)[:30]}")
        compiled = _COMPILED_BY.match(line) if number < TITLE_BLOCKS else None
        if compiled:
            add(compiled.group(1), 6, f"{line} (compiled by)")
        if len(line) <= 60 and not _NOT_TITLE.match(line):
            # a title may be broken over up to three short lines: 2026 年度 / X / 部门预算
            window = line
            if len(line) <= 30:
                for following in compact[number + 1 : number + 3]:
                    if _NOT_TITLE.match(following) or REVIEWED_BY.match(following):
                        break
                    window += following
            weight = 4 if number < TITLE_BLOCKS else 2  # the cover and first pages weigh most
            titled = ("预算" in window or "决算" in window) and _TITLE_END.search(window)
            for match in _TITLE.finditer(window) if titled else ():
                add(body_name(match.group(1)), weight, f"title: {window[:60]}")
    text = "\n".join(compact)
    if scores:
        for name in list(scores):
            scores[name] += min(text.count(name), 5)
    else:
        for line in compact:
            for name in _mentioned(line, division_prefix):
                add(name, 1, f"mentioned: {name}")
    ranked = sorted(scores.items(), key=lambda item: (-item[1], -len(item[0]), item[0]))
    return [BodyCandidate(name, score, evidence[name]) for name, score in ranked]


_SPAN = re.compile(rf"{_CJK_NAME}+")
MAX_BODY = 30


def _mentioned(line: str, division_prefix: Callable[[str], str | None]) -> list[str]:
    """Bodies named in a line: a division's name followed by words ending in a body word."""
    out = []
    for span in _SPAN.finditer(line):
        text = span.group(0)
        start = 0
        while start < len(text) - 2:
            division = division_prefix(text[start:])
            if division is None:
                start += 1
                continue
            name = body_name(text[start : start + MAX_BODY], longest=False)
            if name and len(name) > len(division):
                out.append(name)
                start += len(name)
            else:
                start += len(division)
    return out


def scope_of(lines: list[str]) -> tuple[str, str]:
    """('department' | 'unit', evidence) from the cover and titles; 部门预算 when unsaid."""
    unit = department = 0
    for line in lines[:TITLE_BLOCKS]:
        compact = line.replace(" ", "")
        unit += len(_SCOPE_UNIT.findall(compact))
        department += len(_SCOPE_DEPARTMENT.findall(compact))
    if unit > department:
        return "unit", f"单位预算/决算 named {unit}× in titles (部门 {department}×)"
    return "department", f"部门预算/决算 named {department}× in titles (单位 {unit}×)"


def kind_of(lines: list[str]) -> tuple[str, str]:
    """('budget' | 'final', evidence) from the cover and titles: 部门决算 and 决算表 against
    部门预算 and 预算表.  A document that names neither is a budget, as every document was
    before final accounts were read (the words 预算 run through it)."""
    final = budget = 0
    for line in lines[:TITLE_BLOCKS]:
        compact = line.replace(" ", "").replace("\u3000", "")
        final += len(_KIND_FINAL.findall(compact))
        budget += len(_KIND_BUDGET.findall(compact))
    if final > budget:
        return "final", f"决算 named {final}× in titles (预算 {budget}×)"
    return "budget", f"预算 named {budget}× in titles (决算 {final}×)"
