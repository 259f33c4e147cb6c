"""Web pages: tables as rows, text as prose, chrome dropped; a PDF drawn in HTML as a PDF."""

from __future__ import annotations

import pytest

from ingest.readers import read_bytes
from ingest.readers.document import SourceFormat
from testkit.formatgen.pages import article, positioned
from tests.real_formats import WILD, real_file


@pytest.mark.parametrize("charset", ["utf-8", "gb2312"])
def test_an_article_reads_as_its_title_prose_and_table_without_chrome(charset: str) -> None:
    read = read_bytes(article(charset))
    assert read.source_format is SourceFormat.HTML and read.layout == "html"
    assert [(b.is_row, b.cells) for b in read.blocks] == [
        (False, ("某某县医疗保障局2024年部门预算",)),
        (False, ("一、部门预算收支情况",)),
        (False, ("2024年收入预算1234.5万元，",)),
        (False, ("支出预算1234.5万元。",)),
        (False, ("部门收支总表",)),
        (True, ("单位：万元", "")),
        (True, ("项目", "预算数")),
        (True, ("", "本年")),  # 项目 spans two rows: its second row is blank there
        (True, ("一般公共预算拨款收入", "1,234.50")),
        (True, ("合计", "1,234.50")),
        (False, ("二、“三公”经费情况说明：本年无变化。",)),
    ]
    for chrome in ("栏目", "首页", "备案号", "9999", "color"):
        assert chrome not in read.text
    assert [b.line for b in read.blocks] == list(range(1, len(read.blocks) + 1))


def test_a_pdf_drawn_in_html_reads_its_ruled_table_as_rows() -> None:
    read = read_bytes(positioned())
    assert read.source_format is SourceFormat.HTML and read.layout == "pdf"
    assert [(b.page, b.is_row, b.cells) for b in read.blocks] == [
        (1, False, ("部门收支总表",)),
        (1, False, ("部门：某某县医疗保障局 单位：万元",)),
        (1, True, ("项目", "预算数")),
        (1, True, ("一般公共预算拨款收入", "28,685.65")),
        (1, True, ("合计", "28,685.65")),
    ]


def test_a_drawn_page_holding_only_a_table_reads_as_rows() -> None:
    page = positioned().decode()
    for prose in ("部门收支总表", "部门：某某县医疗保障局", "单位：万元"):
        page = page.replace(f">{prose}<", "><")
    read = read_bytes(page.encode())
    assert [b.is_row for b in read.blocks] == [True, True, True]


def test_the_real_positioned_page_gives_its_budget_tables() -> None:
    read = read_bytes(real_file(WILD / "yantai_veterans_2026_budget.html"))
    assert read.layout == "pdf" and read.pages and read.pages > 40
    titles = [b for b in read.blocks if not b.is_row and b.text == "收支总体情况表"]
    assert titles
    page = [b for b in read.blocks if b.page == titles[0].page and b.is_row]
    assert page[0].cells[0].replace(" ", "") == "收入"
    totals = [b.cells for b in page if b.cells[0].replace(" ", "") == "收入总计"]
    assert len(totals) == 1 and totals[0][1] == totals[0][3] != ""


def test_the_real_prose_page_keeps_its_title_and_drops_its_menus() -> None:
    read = read_bytes(real_file(WILD / "kunming_audit_2026_budget_narrative.html"))
    assert read.layout == "html"
    assert "2026年预算公开" in read.blocks[0].text
    assert "无障碍浏览" not in read.text and "领导信箱" not in read.text
    assert any("部门预算编制说明" in b.text for b in read.blocks)
