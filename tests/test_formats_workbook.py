"""Workbooks read as cells: values as stored, one cell per column, with sheet/row provenance."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from ingest.model import Block
from ingest.readers import read_bytes
from ingest.readers.document import ReadDocument, SourceFormat
from ingest.readers.workbook import number_text
from testkit.formatgen.ooxml import sheet_xml, xlsx
from tests.real_formats import CURATED, golden, real_file


@pytest.mark.parametrize(
    ("stored", "text"),
    [
        (1234.5, "1234.5"),
        (0.1 + 0.2, "0.3"),  # 0.30000000000000004: binary noise past Excel's 15 digits
        (24747.039999999997, "24747.04"),  # the double a SUM of cents lands on
        (1014.0, "1014"),
        (2080108.0, "2080108"),
        (-3.25, "-3.25"),
        (1e16, "10000000000000000"),
        (1.5e-7, "0.00000015"),
        (0.0, "0"),
    ],
)
def test_numbers_are_written_as_stored_at_excels_precision(stored: float, text: str) -> None:
    assert number_text(stored) == text


def _read(sheets: dict[str, list[list[object]]], **kwargs: object) -> ReadDocument:
    return read_bytes(xlsx(sheets, **kwargs))  # type: ignore[arg-type]


def test_a_sheet_becomes_title_prose_then_rows_with_one_cell_per_column() -> None:
    read = _read(
        {
            "附表1": [
                ["附表1"],
                ["部门收支总表"],
                [None, None, "单位：万元"],
                ["项目", "预算数", "备注"],
                ["一、财政拨款收入", 1553.87, None],
                ["一、因公出国（境）费", None, None],  # a row whose amounts are blank
                ["合计", 1553.87, "含结转"],
            ],
            "附表2": [["部门支出总表"], ["项目", "金额"], ["合计", 12]],
        }
    )
    assert read.source_format is SourceFormat.XLSX
    assert read.layout == "workbook" and read.pages == 2
    prose = [b.text for b in read.blocks if not b.is_row]
    assert prose == ["附表1", "部门收支总表", "单位：万元", "部门支出总表"]
    rows = [b for b in read.blocks if b.is_row and b.sheet == "附表1"]
    assert [r.cells for r in rows] == [
        ("项目", "预算数", "备注"),
        ("一、财政拨款收入", "1553.87", ""),
        ("一、因公出国（境）费", "", ""),
        ("合计", "1553.87", "含结转"),
    ]
    total = rows[-1]
    assert (total.page, total.line, total.line_end, total.sheet) == (1, 7, 7, "附表1")
    assert read.blocks[-1].page == 2 and read.blocks[-1].cells == ("合计", "12")


def test_a_column_merged_away_in_every_table_row_is_no_column_of_the_table() -> None:
    rows: list[list[object]] = [
        ["部门支出表"],
        ["科目", None, "合计", "基本支出"],
        ["2080101", 9999, 152.6, 152.6],  # 9999 lies under the merge A3:B3: Excel hides it
        ["合计", None, 152.6, None],
    ]
    merged = sheet_xml(rows, merges=["A1:D1", "A2:B2", "A3:B3", "A4:B4"])
    open_b = sheet_xml(rows, merges=["A1:D1", "A2:B2", "A3:B3"])  # B4 is a cell of its own
    read = read_bytes(xlsx(sheet_xmls={"附表1": merged, "附表2": open_b}))
    first = [b for b in read.blocks if b.is_row and b.sheet == "附表1"]
    assert [b.cells for b in first] == [
        ("科目", "合计", "基本支出"),
        ("2080101", "152.6", "152.6"),
        ("合计", "152.6", ""),
    ]
    assert {b.columns for b in first} == {("A", "C", "D")}
    assert "9999" not in read.text
    second = [b for b in read.blocks if b.is_row and b.sheet == "附表2"]
    assert {b.columns for b in second} == {("A", "B", "C", "D")}


def test_dates_become_iso_text() -> None:
    cells = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>截止时间</t></is></c>'
        '<c r="B1" t="d"><v>2024-01-31T00:00:00</v></c></row>'
    )
    read = read_bytes(xlsx(sheet_xmls={"S": sheet_xml([], raw_cells=cells)}))
    assert read.blocks[0].cells == ("截止时间", "2024-01-31")


def test_hidden_sheets_are_not_read_but_keep_the_numbering_of_the_rest() -> None:
    read = _read(
        {"草稿": [["旧数", 1, 2]], "附表1": [["项目", "预算数"], ["合计", 5]]}, hidden=["草稿"]
    )
    assert "旧数" not in read.text
    assert {b.page for b in read.blocks} == {2}


def test_a_workbook_without_cells_is_empty() -> None:
    with pytest.raises(Exception, match="no cells") as caught:
        _read({"Sheet1": []})
    assert getattr(caught.value, "reason", None) == "empty"


# --- the real workbooks of 定州市 and their hand-read figures -----------------------------

_CELL = re.compile(r"\[cell ([A-Z]+)(\d+)\]|blank cell ([A-Z]+)(\d+)")


def _cell(blocks: list[Block], sheet: str, row: int, letters: str) -> str:
    found = [b for b in blocks if b.sheet == sheet and b.line == row]
    assert len(found) == 1, f"{sheet} row {row}: {found}"
    assert letters in found[0].columns, (letters, found[0])
    return found[0].cells[found[0].columns.index(letters)]


@pytest.mark.parametrize(
    "name", ["dingzhou_hrss_2017_budget.xls", "dingzhou_civil_affairs_2017_budget.xlsx"]
)
def test_golden_figures_sit_in_the_cells_the_hand_reading_names(name: str) -> None:
    read = read_bytes(real_file(CURATED / name))
    checked = 0
    for record in golden(name):
        match = _CELL.search(record["note"])
        assert match, record
        letters, row = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
        text = _cell(read.blocks, record["page"], int(row), letters)
        expected = Decimal(record["value"]) / 10000  # the workbooks print 万元
        if record["status"] == "reported_zero" and match.group(3):
            assert text == "", record
        else:
            assert Decimal(text) == expected, (record, text)
        checked += 1
    assert checked >= 20


@pytest.mark.parametrize(
    "name", ["dingzhou_hrss_2017_budget.xls", "dingzhou_civil_affairs_2017_budget.xlsx"]
)
def test_each_table_sheet_has_its_title_and_unit_line_before_its_rows(name: str) -> None:
    read = read_bytes(real_file(CURATED / name))
    for sheet in [f"附表3-{n}" for n in range(1, 10)]:
        blocks = [b for b in read.blocks if b.sheet == sheet]
        first_row = next(i for i, b in enumerate(blocks) if b.is_row)
        titles = [b.text for b in blocks[:first_row]]
        assert any(t.endswith("表") and not t.startswith("附表") for t in titles), (sheet, titles)
        # alone on its row it is prose, beside 部门：… it is the table's first (meta) row
        assert any("单位：万元" in b.cells for b in blocks[: first_row + 1]), (sheet, blocks[:6])
