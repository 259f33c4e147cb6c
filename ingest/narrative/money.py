"""Money stated in prose: totals, their split, revenue by source, 三公, 机关运行经费, assets,
and changes.

Each sentence is read as a sequence of events: an *anchor* (a budget term such as 基本支出
or 公务接待费), a *level* (the anchor followed by an amount) and a *change* (增加/减少 an
amount, or 持平).  A change binds to the anchor of its own clause; a clause without one
("较2020预算减少24139.62万元", "无增减变化") takes the anchor of the event before it in the
sentence, and a sentence without any ("与2024年相比增加0.00万元") takes the paragraph's
subject.  That is how 霸州's "因公出国（境）费与2020年持平，无增减变化" and 巨鹿's separate
"与 2024年相比增加 0.00万元" both land on the right item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ingest.amounts import NUMBER
from ingest.narrative.changes import CHANGE_TAIL, earlier_year, names_own_subject
from ingest.narrative.facts import NarrativeFact, ThreePublicFigure
from ingest.narrative.prose import YEAR, Paragraph

UNIT = r"(?P<unit>万元|元)"
# 一般公共预算支出, 政府性基金拨款支出预算, 财政拨款收入预算, “三公”经费预算支出, 项目支出预算:
# a part of the budget, or something else, never the document's total.
_PART_OF_TOTAL = "".join(
    f"(?<!{word})"
    for word in (
        "公共",
        "基金",
        "经营",
        "资本",
        "拨款",
        "费",
        "项目",
        "基本",
        "专户",
        "支出",
        "采购",
        "置",
        "护",
    )
)
# Order matters: longer terms first so 公务用车购置及运维费 is not read as 公务用车购置.
ANCHORS: tuple[tuple[str, str], ...] = (
    ("three_public_vehicle_total", r"公务用车购置及运(?:行)?(?:维护|维)?(?:费用?|支出)|公务用车费"),
    ("three_public_vehicle_purchase", r"公务用车购置(?:费)?"),
    ("three_public_vehicle_operation", r"公务用车运(?:行)?(?:维护|维)?(?:费用?|支出)"),
    ("three_public_overseas", r"因公出国\(境\)(?:费用?|经费|支出)"),
    ("three_public_reception", r"公务接待(?:费用?|支出)"),
    ("three_public_total", r"[“\"]?三公[”\"]?经费"),
    ("revenue_and_expenditure", rf"{_PART_OF_TOTAL}(?:预算)?收支(?:预算|安排|总预算)"),
    # 一般公共预算收入 / 政府性基金预算收入 are parts of the total, not the total.
    ("total_revenue", rf"{_PART_OF_TOTAL}(?:预算收入|收入预算)"),
    # Revenue by source, each named with 收入 (一般公共预算拨款 alone can be an expenditure's
    # funding: 一般公共预算拨款支出 is not revenue)
    ("general_budget_appropriation", r"一般公共预算(?:财政)?(?:拨款)?收入"),
    ("government_fund_appropriation", r"政府性基金(?:预算)?(?:财政)?(?:拨款)?收入"),
    ("business_revenue", r"(?<!经营)事业收入"),
    ("other_revenue", r"其他收入"),
    ("total_expenditure", rf"{_PART_OF_TOTAL}(?:支出预算|预算支出)"),
    ("basic_expenditure", r"基本支出"),
    ("project_expenditure", r"项目支出"),
    ("personnel_expenditure", r"人员(?:类项目)?经费|人员支出"),
    ("public_operating_expenditure", r"运转类公用项目经费|(?:日常)?公用(?:项目)?经费|公用支出"),
    ("agency_operating_cost", r"(?:机关)?运行经费"),
    ("fixed_assets", r"(?:上年末|年末|期末|上年底)固定资产(?:金额|总额|原值|账面价值)?"),
)
# An economic class named in the sentence before the figure: the figure is that class's part.
_ECONOMIC_CLASS = re.compile(r"[(（]\s*[35]\d{2}\s*[)）]")
_DOCUMENT_WIDE = frozenset({"personnel_expenditure", "public_operating_expenditure"})
_ANCHOR_RE = re.compile("|".join(f"(?P<{key}>{pattern})" for key, pattern in ANCHORS))
# Words every anchor's match contains: most paragraphs hold none of them, and one search for
# them is some hundred times cheaper than the anchors' alternation tried at every position
# (the lookbehinds and named groups leave the regex engine no first-character shortcut).
_ANCHOR_WORDS = re.compile("公务|因公|三公|收支|收入|支出|人员|公用|运行经费|固定资产")
_LEVEL_GAP = re.compile(rf"[^\d，,。；;、]{{0,8}}?(?<![增减加少长降])\s*(?P<num>{NUMBER})\s*{UNIT}")
_DIRECTION = re.compile(
    rf"(?P<dir>增加|减少|增长|下降|降低|节约|压减)了?\s*(?P<num>{NUMBER})\s*{UNIT}"
    r"|(?P<flat>基本持平|持平|无增减变化|无增减|没有变化|未发生变化)"
)
_COMPARED = re.compile(
    r"(?:较|比|与|同比)\s*(?:(?P<prior>上年|上一年度?|去年)|(?P<year>\d{4})\s*年?)"
)
_DOWN = {"减少", "下降", "降低", "节约", "压减"}
THREE_PUBLIC_COMPONENT = {
    "three_public_total": "total",
    "three_public_overseas": "overseas",
    "three_public_vehicle_total": "vehicle_total",
    "three_public_vehicle_purchase": "vehicle_purchase",
    "three_public_vehicle_operation": "vehicle_operation",
    "three_public_reception": "reception",
}
REVENUE_SOURCES = frozenset(
    {
        "general_budget_appropriation",
        "government_fund_appropriation",
        "business_revenue",
        "other_revenue",
    }
)
_CARRYOVER_WORDS = re.compile(r"结转|结余")
_NOT_A_MEASURE = "not_a_measure"  # no measure has this name: its figures are dropped
_TOTALS = frozenset({"revenue_and_expenditure", "total_revenue", "total_expenditure"})
_GRAND_TOTAL = re.compile(r"\s*总计")
_SUBJECT_ANCHORS = frozenset(
    {"revenue_and_expenditure", "total_revenue", "total_expenditure", "three_public_total"}
)


@dataclass(frozen=True, slots=True)
class _Event:
    anchor: str
    position: int
    end: int  # where the anchor's words end (a change: its own position)


def _expand(anchor: str) -> tuple[str, ...]:
    if anchor == "revenue_and_expenditure":
        return ("total_revenue", "total_expenditure")
    return (anchor,)


def read_money(
    paragraph: Paragraph, document_year: int
) -> tuple[list[NarrativeFact], list[ThreePublicFigure]]:
    text = paragraph.text
    facts: list[NarrativeFact] = []
    three_public: list[ThreePublicFigure] = []
    year = paragraph.main_year(document_year)
    year_basis = "context" if YEAR.search(text) else "document"
    anchors = [
        (_not_a_measure(paragraph, m.lastgroup or "", m.start(), m.end()), m.start(), m.end())
        for m in (_ANCHOR_RE.finditer(text) if _ANCHOR_WORDS.search(text) else ())
    ]
    paragraph_subject = next((a for a, _, _ in anchors if a in _SUBJECT_ANCHORS), None)
    events: list[_Event] = []

    # Levels: an anchor directly followed by its amount.
    for anchor, start, end in anchors:
        events.append(_Event(anchor, start, end))
        match = _LEVEL_GAP.match(text, end)
        moved = CHANGE_TAIL.match(text, match.end()) if match else None
        if moved is not None and match is not None and not re.search(r"总计", match.group(0)):
            # '由300万元增加至350万元': the later figure is the year's, the earlier the year
            # before's; never the earlier figure as the year's.
            facts_moved, figures_moved = _moved_level(
                paragraph, anchor, start, match, moved, year, year_basis
            )
            facts += facts_moved
            three_public += figures_moved
            continue
        if not match or re.search(r"增|减|持平|较|比上年|总计", match.group(0)):
            continue  # a change, or 收入预算总计 (the grand total, carry-over included)
        if anchor in _DOCUMENT_WIDE and _ECONOMIC_CLASS.search(
            text, paragraph.sentence(start)[0], start
        ):
            continue  # '对个人和家庭的补助(303)…其中:人员经费 …': a class's part, not the whole
        fact_year, basis = year, year_basis
        if anchor == "fixed_assets" and re.match(r"上年末|上年底", text[start:end]):
            fact_year, basis = document_year - 1, "stated"
        if anchor in THREE_PUBLIC_COMPONENT and any(
            a == "agency_operating_cost" and paragraph.sentence(start)[0] <= p < start
            for a, p, _ in anchors
        ):
            continue  # '机关运行经费…其中:公务接待费2万元': a part of 机关运行经费, not 三公
        level_facts, level_figures = _level(paragraph, anchor, start, match, fact_year, basis)
        facts += level_facts
        three_public += level_figures
    events.sort(key=lambda event: event.position)

    # Changes: bind each to the anchor of its clause, else the previous event, else the
    # paragraph's subject.
    # a change binds to an anchor of the paragraph: without one there is nothing to bind
    for match in _DIRECTION.finditer(text) if anchors else ():
        position = match.start()
        clause_start, _ = paragraph.clause(position)
        sentence_start, _ = paragraph.sentence(position)
        in_clause = [e for e in events if clause_start <= e.position < position]
        in_sentence = [e for e in events if sentence_start <= e.position < position]
        # '住房公积金较上年增加2万元', '其中：会议费比上年减少…', '专项统计业务(2010505)82.65
        # 万元，较上年减少68.10万元', '…补助(510)68700万元。较上年减少1300万元': the words
        # since the last anchor (or change) before it name an item of their own, which is not
        # the total (nor any other measure) of the paragraph.
        before = [e for e in events if e.position < position]
        words_from = before[-1].end if before else 0
        if names_own_subject(text[words_from:position]):
            continue
        if in_clause:
            anchor = in_clause[-1].anchor
        elif in_sentence:
            anchor = in_sentence[-1].anchor
        elif paragraph_subject is not None:
            anchor = paragraph_subject
        else:
            continue
        compared = _compared_year(text, sentence_start, position, year)
        if match["flat"]:
            direction, amount, amount_text, unit = "unchanged", Decimal(0), match["flat"], "万元"
        else:
            direction = "decrease" if match["dir"] in _DOWN else "increase"
            amount = Decimal(match["num"].replace(",", ""))
            amount_text, unit = match["num"], match["unit"]
        for key in _expand(anchor):
            facts.append(
                NarrativeFact(
                    fact_key=key,
                    fact_kind="change",
                    fact_year=year,
                    amount=amount,
                    amount_text=amount_text,
                    unit=unit,
                    year_basis="stated",
                    compared_year=compared,
                    direction=direction,
                    line=paragraph.block_at(position).line,
                    page=paragraph.block_at(position).page,
                    sentence=paragraph.sentence_text(position)[:300],
                )
            )
        events.append(_Event(anchor, position, match.end()))
        events.sort(key=lambda event: event.position)
    facts.extend(_listed_projects(paragraph, year))
    facts = [fact for fact in facts if fact.fact_key != _NOT_A_MEASURE]
    return _dedupe(facts), three_public


def _not_a_measure(paragraph: Paragraph, anchor: str, start: int, end: int) -> str:
    """The anchor, or ``_NOT_A_MEASURE`` where its words name something else: '上年结转结余的
    一般公共预算收入 0 万元' is a part of the carry-over, not the year's revenue from that source;
    '收入、支出预算总计…各增加49,528.01万元' is the total with carry-over, not 本年支出合计.
    The anchor stays an event (a change after it is its own, not the paragraph's) but no
    figure of it lands."""
    text = paragraph.text
    if anchor in REVENUE_SOURCES:
        clause_start, _ = paragraph.clause(start)
        if _CARRYOVER_WORDS.search(text, clause_start, start):
            return _NOT_A_MEASURE
    if anchor in _TOTALS and _GRAND_TOTAL.match(text, end):
        return _NOT_A_MEASURE
    return anchor


def _moved_level(
    paragraph: Paragraph,
    anchor: str,
    start: int,
    earlier: re.Match[str],
    later: re.Match[str],
    year: int,
    year_basis: str,
) -> tuple[list[NarrativeFact], list[ThreePublicFigure]]:
    """An anchor's amount stated as a move ('由A增加至B'): B for the year, A for the year
    before (or the years the sentence writes beside them)."""
    text = paragraph.text
    later_year, later_basis = (
        (int(later["year"]), "stated") if later["year"] else (year, year_basis)
    )
    earlier_year_, earlier_basis = earlier_year(text[: earlier.start("num")], later_year)
    facts: list[NarrativeFact] = []
    figures: list[ThreePublicFigure] = []
    for match, fact_year, basis in (
        (later, later_year, later_basis),
        (earlier, earlier_year_, earlier_basis),
    ):
        level_facts, level_figures = _level(paragraph, anchor, start, match, fact_year, basis)
        facts += level_facts
        figures += level_figures
    return facts, figures


def _level(
    paragraph: Paragraph,
    anchor: str,
    start: int,
    match: re.Match[str],
    fact_year: int,
    year_basis: str,
) -> tuple[list[NarrativeFact], list[ThreePublicFigure]]:
    """The amount an anchor states for a year: a 三公 component's figure, else a level fact
    of each measure the anchor names; both placed at the anchor's line and sentence."""
    amount = Decimal(match["num"].replace(",", ""))
    block = paragraph.block_at(start)
    sentence = paragraph.sentence_text(start)
    if anchor in THREE_PUBLIC_COMPONENT:
        figure = ThreePublicFigure(
            component=THREE_PUBLIC_COMPONENT[anchor],
            amount=amount,
            amount_text=match["num"],
            money_unit=match["unit"],
            reported_as="zero" if amount == 0 else "value",
            source="narrative",
            fiscal_year=fact_year,
            line=block.line,
            page=block.page,
            snippet=sentence[:200],
        )
        return [], [figure]
    facts = [
        NarrativeFact(
            fact_key=key,
            fact_kind="level",
            fact_year=fact_year,
            amount=amount,
            amount_text=match["num"],
            unit=match["unit"],
            year_basis=year_basis,
            sentence=sentence[:300],
            line=block.line,
            page=block.page,
        )
        for key in _expand(anchor)
    ]
    return facts, []


def _compared_year(text: str, sentence_start: int, position: int, year: int) -> int:
    """'较2020预算' → 2020; '与上年相比' → year − 1; nothing said → year − 1."""
    found = None
    for match in _COMPARED.finditer(text, 0, position):
        if match.start() >= sentence_start or found is None:
            found = match
    if found is None:
        return year - 1
    return int(found["year"]) if found["year"] else year - 1


_LIST = re.compile(
    rf"项目支出\s*(?:为)?\s*{NUMBER}\s*(?:万元|元)\s*[，,]\s*(?:主要(?:为|是|包括|用于)|包括|其中[:：]?)"
    r"(?P<list>[^。；;]*)"
)
_ITEM = re.compile(rf"^(?P<name>.*?[^\d\s])\s*(?P<num>{NUMBER})\s*{UNIT}")


def _listed_projects(paragraph: Paragraph, year: int) -> list[NarrativeFact]:
    """'项目支出 183.00万元，主要为长期护理保险专项经费 15万元、…' → one fact per item."""
    out: list[NarrativeFact] = []
    for match in _LIST.finditer(paragraph.text):
        offset = match.start("list")
        for piece in match["list"].split("、"):
            item = _ITEM.match(piece.strip())
            if item:
                block = paragraph.block_at(offset)
                out.append(
                    NarrativeFact(
                        fact_key="project_listed_amount",
                        fact_kind="level",
                        fact_year=year,
                        amount=Decimal(item["num"].replace(",", "")),
                        amount_text=item["num"],
                        unit=item["unit"],
                        sentence=piece.strip()[:300],
                        line=block.line,
                        page=block.page,
                        year_basis="context",
                        label=item["name"].strip(),
                    )
                )
            offset += len(piece) + 1
    return out


def _dedupe(facts: list[NarrativeFact]) -> list[NarrativeFact]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for fact in facts:
        key = (
            fact.fact_key,
            fact.fact_kind,
            fact.fact_year,
            fact.amount,
            fact.direction,
            fact.compared_year,
            fact.label,
        )
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return out
