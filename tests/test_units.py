"""The unit of a table's amounts: stated for it, stated once for its part, or proved by the
document's arithmetic; never assumed (issue 14, ``ingest/recognise/units.py``).

Documents come from the layout generator, so each test knows the facts the document was
written from: a table in 元 read as 万元 would put every amount 10,000 times too large.
"""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from ingest.codes import IssueCode
from ingest.extract import Extraction, extract
from ingest.model import Block
from ingest.recognise.grid import own_unit
from ingest.recognise.segment import segment
from ingest.recognise.units import (
    YUAN_PER,
    by_arithmetic,
    part_statement,
    prose_anchors,
    stated_unit,
)
from testkit.layoutgen import FORMATS, Generated, generate_document
from testkit.layoutgen.divisions import CountyPool
from testkit.layoutgen.facts import Facts, draw_facts
from testkit.layoutgen.families import unit_unknown
from testkit.layoutgen.model import Document
from testkit.layoutgen.style import Style, step_for

READ_FORMATS = [fmt for fmt in FORMATS if fmt != "xlsx"]  # a workbook holds no prose


def _yuan(doc: Extraction) -> list[Decimal]:
    return [line.amount * YUAN_PER[line.money_unit] for line in doc.budget_lines]


def _codes(doc: Extraction) -> set[str]:
    return {issue.code.value for issue in doc.issues}


def _generated(family: str, fmt: str, index: int) -> Generated:
    return generate_document(family, fmt, index, CountyPool(f"units-{family}"), seed="units")


def _assert_in_yuan_of_facts(doc: Extraction, facts: Facts) -> None:
    total = Decimal(facts.total) / 100
    amounts = _yuan(doc)
    assert total in amounts, "the total of the tables is not landed at its value in yuan"
    assert max(amounts) < 10 * total, f"an amount 10,000× too large: {max(amounts)}"
    for figure in doc.three_public:
        if figure.source == "table" and figure.amount:
            assert figure.amount * YUAN_PER[figure.money_unit] <= total


@pytest.mark.parametrize("fmt", READ_FORMATS)
@pytest.mark.parametrize("index", [0, 1, 2])
def test_unit_stated_once_above_all_tables_holds_for_each(fmt: str, index: int) -> None:
    """'（金额单位：元）' once above the tables' part, none inside them, prose in another unit:
    every table lands in the unit stated (before: 万元 assumed, amounts 10,000× too large)."""
    generated = _generated("unit_once", fmt, index)
    doc = extract(generated.data)
    _assert_in_yuan_of_facts(doc, generated.facts)
    assert IssueCode.UNIT_UNKNOWN.value not in _codes(doc)
    assert IssueCode.UNIT_FROM_ARITHMETIC.value not in _codes(doc)


@pytest.mark.parametrize("fmt", READ_FORMATS)
@pytest.mark.parametrize("index", [0, 1, 2])
def test_unit_stated_nowhere_is_proved_by_the_prose_totals(fmt: str, index: int) -> None:
    generated = _generated("unit_arithmetic", fmt, index)
    doc = extract(generated.data)
    _assert_in_yuan_of_facts(doc, generated.facts)
    assert IssueCode.UNIT_FROM_ARITHMETIC.value in _codes(doc)
    assert IssueCode.UNIT_UNKNOWN.value not in _codes(doc)


@pytest.mark.parametrize("fmt", ["text_cells", "text_tsv", "pdf", "html", "docx", "xlsx"])
def test_unit_nothing_decides_lands_no_amount(fmt: str) -> None:
    rng = random.Random(f"unit-unknown:{fmt}")
    year = 2023
    county = CountyPool("unit-unknown").draw(year)
    style = Style(unit="元", prose_unit="万元")
    facts = draw_facts(rng, county, year, step_for(rng, "元", "万元"))
    document = Document(f"unit_unknown-{fmt}", "unit_unknown", county.code, year)
    unit_unknown(facts, style, rng, document)
    data = FORMATS[fmt].render(document)
    if fmt == "xlsx":  # a workbook prints no year: it says so through sources.csv
        from ingest.identity import IdentityHints

        doc = extract(data, hints=IdentityHints(year=year))
    else:
        doc = extract(data)
    assert [amount for amount in _yuan(doc) if amount] == []
    assert not [f for f in doc.three_public if f.source == "table" and f.amount]
    unknown = [issue for issue in doc.issues if issue.code is IssueCode.UNIT_UNKNOWN]
    assert len(unknown) >= 2
    assert all(issue.line is not None for issue in unknown)


# --- the pieces ------------------------------------------------------------------------------


def _block(text: str, line: int, row: bool = False) -> Block:
    cells = tuple(text.split("|")) if row else (text,)
    return Block(text.replace("|", " "), cells, line, line, None, row)


def test_a_body_is_not_a_unit() -> None:
    assert stated_unit(["编制单位：元氏县医疗保障局"]) is None
    assert stated_unit(["预算单位：某县医保局  单位：万元"]) == "万元"
    assert part_statement(_block("（金额单位：元）", 1)) == "元"
    assert part_statement(_block("单位：万元", 1)) == "万元"
    long_sentence = (
        "本部门2024年收入预算（万元）合计较上年增加，主要原因是人员增加和项目支出增加所致。"
    )
    assert part_statement(_block(long_sentence, 1)) is None


def test_a_unit_line_after_a_tables_rows_holds_for_the_tables_that_follow() -> None:
    blocks = [
        _block("（金额单位：元）", 1),
        _block("部门收支总表", 2),
        _block("项目|预算数", 3, row=True),
        _block("收入合计|100.00", 4, row=True),
        _block("单位：万元", 5),
        _block("“三公”经费支出表", 6),
        _block("合计|1.00", 7, row=True),
    ]
    tables = segment(blocks).tables
    assert [t.part_unit.text if t.part_unit else None for t in tables] == [
        "（金额单位：元）",
        "单位：万元",
    ]


def test_the_arithmetic_decides_by_the_total_and_never_by_a_per_person_standard() -> None:
    anchors = prose_anchors(["收入预算总额425.30万元，人均财政补助标准640元/人。"])
    assert [a.text for a in anchors] == ["425.30万元"]
    assert by_arithmetic([Decimal("4253000.00"), Decimal("12.00")], anchors).unit == "元"
    assert by_arithmetic([Decimal("425.30"), Decimal("1.20")], anchors).unit == "万元"
    # a table that is neither: nothing decides
    assert by_arithmetic([Decimal("640.00")], anchors).unit is None
    # rounding of the sentence: 425.30万元 is 4,252,950–4,253,050 元
    assert by_arithmetic([Decimal("4253012.34")], anchors).unit == "元"


def test_a_tables_own_unit_line_is_not_inherited_by_the_next_table() -> None:
    """'单位：万元' between a table's title and its rows is that table's; the table after it
    falls back on the part's statement above both, not on its neighbour's header."""
    blocks = [
        _block("（金额单位：元）", 1),
        _block("部门收支总表", 2),
        _block("单位：万元", 3),
        _block("项目|预算数", 4, row=True),
        _block("收入合计|100.00", 5, row=True),
        _block("“三公”经费支出表", 6),
        _block("合计|1.00", 7, row=True),
    ]
    first, second = segment(blocks).tables
    assert first.part_unit is not None and first.part_unit.text == "（金额单位：元）"
    assert second.part_unit is not None and second.part_unit.text == "（金额单位：元）"
    assert own_unit(first.title, first.blocks) == "万元"
    assert own_unit(second.title, second.blocks) is None
