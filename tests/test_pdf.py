"""PDF documents as counties publish them: ruled tables, merged headers, tables across pages,
landscape pages, prose.  The PDFs are written by reportlab from the reference documents
(testkit/pdfgen) and must give the warehouse the text documents give."""

from __future__ import annotations

import shutil
import zlib
from collections import Counter
from pathlib import Path

import pytest

from ingest.limits import Limits
from ingest.model import Block
from medins.batch import ingest_folder
from medins.paths import DataPaths
from testkit.pdfgen import make_bad_pdfs, render_all
from tests.conftest import CORPUS, Warehouse, build_warehouse
from tests.documents import JULU
from tests.test_golden import ROWS, _id, check_golden_row

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pdfs")
    render_all(CORPUS, folder / "good")
    make_bad_pdfs(folder / "bad")
    return folder


@pytest.fixture(scope="module")
def pdf_warehouse(pdf_corpus_warehouse: Warehouse) -> Warehouse:
    """The same rendering as ``pdf_dir``'s good/ (render_all of the reference documents),
    built once a run (tests/conftest.py) for this module and test_text_pdf_agree."""
    return pdf_corpus_warehouse


@pytest.mark.parametrize("row", ROWS, ids=_id)
def test_golden_figure_from_pdf(pdf_warehouse: Warehouse, row: dict[str, str]) -> None:
    check_golden_row(pdf_warehouse, row)


def test_all_five_are_read_as_pdf(pdf_warehouse: Warehouse) -> None:
    rows = pdf_warehouse.rows(
        "select source_format, layout, count(*), min(pages) from dim_document group by 1, 2"
    )
    assert rows == [("pdf", "pdf", 5, 5)]


def test_provenance_gives_the_page(pdf_warehouse: Warehouse) -> None:
    assert pdf_warehouse.one("select count(*) from fct_budget_line where page is null") == 0
    page = pdf_warehouse.one(
        "select page from fct_county_measure where county_code = '130529' and fiscal_year = 2025 "
        "and measure = 'total_revenue_yuan'"
    )
    assert page == 2  # 本年收入合计 (row 32) comes after the 收支总表 breaks onto page 2
    enrollment = pdf_warehouse.rows(
        "select distinct page from fct_enrollment where county_code = '130529'"
    )
    assert all(page is not None and page > 1 for (page,) in enrollment)


def test_table_split_over_two_pages_is_one_table(pdf_warehouse: Warehouse) -> None:
    rows = pdf_warehouse.rows(
        "select row_number, page from fct_budget_line where county_code = '130533' "
        # the totals (本年收入合计, 收入总计 …) after the break: revenue sources
        # (一般公共预算拨款收入 …) have row keys of their own
        "and table_kind = 'income_expense_summary' and row_key like '%total' order by 1"
    )
    assert {number for number, _ in rows} == {32, 34}
    assert {page for _, page in rows} == {2}  # the rows after the page break, header repeated
    assert (
        pdf_warehouse.one(
            "select count(*) from fct_budget_line where county_code = '130533' "
            "and table_kind = 'income_expense_summary' and row_label = '栏次'"
        )
        == 0
    )


def test_columns_are_read_not_inferred(pdf_warehouse: Warehouse) -> None:
    assert pdf_warehouse.one("select count(*) from fct_budget_line where is_column_inferred") == 0


def test_same_content_as_text_and_pdf_is_counted_once(
    pdf_dir: Path, corpus_warehouse: Warehouse, tmp_path: Path
) -> None:
    sources = tmp_path / "both"
    sources.mkdir()
    shutil.copy(CORPUS / JULU, sources / JULU)
    shutil.copy(pdf_dir / "good" / JULU.replace(".txt", ".pdf"), sources / "julu.pdf")
    both = build_warehouse(sources, tmp_path / "out")
    documents = both.rows(
        "select source_format, is_primary, superseded_by is not null, "
        "selection_reason from dim_document order by source_format"
    )
    assert [row[:3] for row in documents] == [("pdf", True, False), ("text", False, True)]
    assert "PDF preferred" in str(documents[0][3])
    assert "not counted twice" in str(documents[1][3])
    same = (
        "select fiscal_year, measure, value, status from fct_county_measure "
        "where county_code = '130529' order by 1, 2"
    )
    assert both.rows(same) == corpus_warehouse.rows(same)
    # the PDF's ruled cells place lines the text (blank cells lost) leaves as parse issues:
    # every line of the text is there, from the one counted document, none twice
    lines = (
        "select table_kind, row_label, subject_code, column_name, amount_yuan "
        "from fct_budget_line where county_code = '130529'"
    )
    counted = Counter(both.rows(lines))
    assert not Counter(corpus_warehouse.rows(lines)) - counted
    assert max(counted.values()) == 1
    assert (
        both.one("select count(distinct doc_id) from fct_budget_line where county_code = '130529'")
        == 1
    )
    both.close()


def test_bad_pdfs_are_rejected_with_their_reason_while_the_rest_builds(
    pdf_dir: Path, tmp_path: Path
) -> None:
    sources = tmp_path / "mixed"
    shutil.copytree(pdf_dir / "bad", sources)
    shutil.copy(pdf_dir / "good" / JULU.replace(".txt", ".pdf"), sources / "julu.pdf")
    warehouse = build_warehouse(sources, tmp_path / "out")
    reasons = dict(warehouse.rows("select file, reason from mart_rejected_documents"))
    by_name = {Path(str(file)).stem: reason for file, reason in reasons.items()}
    assert by_name == {
        "encrypted": "encrypted",
        "truncated": "damaged",
        "damaged": "damaged",
        "scanned": "no_text_layer",
        "not_budget": "not_a_budget",
        "many_pages": "too_many_pages",
    }
    # an image of bars and lines where text would be: OCR reads no text from it either
    assert "OCR of its 1 scanned pages read no text" in str(
        warehouse.one("select detail from mart_rejected_documents where reason = 'no_text_layer'")
    )
    assert warehouse.one("select count(*) from dim_document") == 1
    assert warehouse.result.tests_passed == warehouse.result.tests_total
    warehouse.close()


def _decompression_bomb(inflated_mb: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``inflated_mb`` MB of spaces."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    stream = b"".join(compressor.compress(chunk) for _ in range(inflated_mb)) + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_decompression_bomb_is_stopped_by_the_memory_limit(tmp_path: Path) -> None:
    sources = tmp_path / "bomb"
    sources.mkdir()
    (sources / "bomb.pdf").write_bytes(_decompression_bomb(1500))
    shutil.copy(CORPUS / JULU, sources / JULU)
    report = ingest_folder(
        sources, DataPaths(tmp_path / "out"), workers=2, limits=Limits(memory_mb=1024, seconds=60)
    )
    outcomes = {Path(o.paths[0]).name: o for o in report.ingested}
    assert outcomes[JULU].landed
    assert not outcomes["bomb.pdf"].landed
    assert outcomes["bomb.pdf"].reason == "too_large"
    assert "1024 MB" in outcomes["bomb.pdf"].detail


def test_a_document_over_the_time_limit_is_stopped(pdf_dir: Path, tmp_path: Path) -> None:
    sources = tmp_path / "slow"
    sources.mkdir()
    shutil.copy(pdf_dir / "good" / JULU.replace(".txt", ".pdf"), sources / "julu.pdf")
    report = ingest_folder(
        sources, DataPaths(tmp_path / "out"), workers=1, limits=Limits(seconds=0.05)
    )
    (outcome,) = report.ingested
    assert (outcome.landed, outcome.reason) == (False, "too_slow")
    assert "time limit" in outcome.detail


# --- a table row broken across a page ---------------------------------------------------------


def _row(page: int, line: int, *cells: str) -> Block:
    return Block(" ".join(c for c in cells if c), cells, line, line, page=page, is_row=True)


def _prose(page: int, line: int, text: str) -> Block:
    return Block(text, (text,), line, line, page=page)


def test_a_row_broken_across_a_page_is_one_row_again() -> None:
    """LibreOffice Writer breaks a row at the page's foot: its label's last words come first
    on the next page, alone in the label's cell."""
    from ingest.readers.pdf.reader import _rows_rejoined_across_pages

    blocks = [
        _row(1, 50, "6", "21012", "财政对基本医疗保险基金的补助", "70950000.00"),
        _row(1, 51, "7", "2101202", "财政对城乡居民基本医疗保险基金的", "69250000.00"),
        _prose(1, 52, "- 1 -"),
        _row(2, 1, "", "", "补助", ""),
        _row(2, 2, "8", "2101299", "财政对其他基本医疗保险基金的补助", "1700000.00"),
    ]
    rows = [block.cells for block in _rows_rejoined_across_pages(blocks) if block.is_row]
    assert rows == [
        ("6", "21012", "财政对基本医疗保险基金的补助", "70950000.00"),
        ("7", "2101202", "财政对城乡居民基本医疗保险基金的补助", "69250000.00"),
        ("8", "2101299", "财政对其他基本医疗保险基金的补助", "1700000.00"),
    ]


def test_rows_of_their_own_at_a_page_head_stay_rows() -> None:
    from ingest.readers.pdf.reader import _rows_rejoined_across_pages

    cases = [
        # the next table's title under the last table's 合计 (上海's budgets)
        [
            _row(13, 40, "合计", "100.00", ""),
            _row(14, 1, "2025年预算单位财政拨款收支预算总表", "", ""),
        ],
        # a numbered row, and one after prose that is not a page number
        [_row(3, 40, "一般公共服务支出", "5.00"), _row(4, 1, "（一）行政运行", "")],
        [
            _row(3, 40, "一般公共服务支出", "5.00"),
            _prose(3, 41, "注：本表无数据"),
            _row(4, 1, "补助", ""),
        ],
        # a row of words only (a header): what follows may be a row of its own
        [_row(5, 40, "项目", "金额"), _row(6, 1, "备注", "")],
        # not the next page
        [_row(5, 40, "财政对城乡居民基本医疗保险基金的", "1.00"), _row(7, 1, "补助", "")],
    ]
    for blocks in cases:
        assert _rows_rejoined_across_pages(blocks) == blocks
