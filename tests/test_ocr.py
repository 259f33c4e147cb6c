"""Scanned disclosures read by OCR: four real PDFs of ``../shared/real/curated`` as a desk
scanner returns them (``../shared/real/scanned``: 200 dpi grey, turned up to 0.6°, blurred,
JPEG, no text layer) give back the figures read by hand from the originals
(``curated/golden.jsonl``): at least 85% of them, and not one wrong.

OCR costs seconds a page (PP-OCR on 2 cores), so each scan is read on its first page (the
identity), the pages the hand reading took its figures from and the page before each (where
the table's title and header may be), cut out of the scan as a PDF of their own: 46 pages
in all, under 3 minutes on a quiet 2-core machine (marked ``ocr`` and ``slow``; ``-m "not ocr"``
skips it).
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest

from ingest.codes import IssueCode
from ingest.extract import Extraction, extract
from ingest.limits import Limits
from ingest.model import IssueLog
from ingest.readers.pdf.reader import read_pdf
from testkit.golden import Judged, extraction_figures, judge_readings, read_golden
from testkit.scangen import pages_of
from tests.conftest import SHARED

REAL = SHARED / "real"
SCANNED = REAL / "scanned"
pytestmark = pytest.mark.skipif(
    not SCANNED.exists(), reason="../shared/real/scanned is not beside the repository"
)


def golden_rows() -> list[dict[str, str]]:
    return read_golden(REAL / "curated" / "golden.jsonl")


def _golden(name: str) -> list[dict[str, str]]:
    return [row for row in golden_rows() if row["file"] == name and row["measure"] != "_doc"]


NAMES = sorted(path.name for path in SCANNED.glob("*.pdf")) if SCANNED.exists() else []


@cache
def _read(name: str) -> Extraction:
    # a table's title and header may sit on the page before the one its figure is printed on
    printed = {int(row["page"]) for row in _golden(name) if row.get("page")}
    pages = sorted({1} | printed | {page - 1 for page in printed if page > 1})
    return extract(pages_of(SCANNED / name, pages), Limits(seconds=900))


def verdicts(name: str) -> Judged:
    """Measure → (right | wrong | missed, the figures compared), against the hand-read figure."""
    return judge_readings(_golden(name), extraction_figures(_read(name)))


@pytest.mark.slow
@pytest.mark.ocr
@pytest.mark.parametrize("name", NAMES, ids=str)
def test_scanned_pdf_gives_its_hand_read_figures_and_none_wrong(name: str) -> None:
    extraction = _read(name)
    assert extraction.read.layout == "pdf_ocr"
    document = [row for row in golden_rows() if row["file"] == name and row["measure"] == "_doc"]
    assert extraction.identity.year == int(document[0]["value"])
    results = verdicts(name)
    wrong = {m: figures for m, (verdict, figures) in results.items() if verdict == "wrong"}
    assert wrong == {}
    right = sum(1 for verdict, _ in results.values() if verdict == "right")
    assert right >= 0.85 * len(results), {m: v for m, (v, _) in results.items() if v != "right"}


@pytest.mark.slow
@pytest.mark.ocr
def test_a_scanned_page_is_no_longer_refused_and_says_it_was_read_by_ocr() -> None:
    """One table page of a scan: its rows come back as cells, and the document says OCR."""
    if not NAMES:
        pytest.skip("no scans")
    name = "fuzhou-city_ybj_2026_dept-budget.pdf"
    log = IssueLog()
    read = read_pdf(pages_of(SCANNED / name, [10]), Limits(), log=log)
    assert read.layout == "pdf_ocr" and read.ocr_pages == (1,)
    rows = {block.cells[0]: block.cells for block in read.blocks if block.is_row}
    # the 收支预算总表 of the original: 本年收入合计 351904.90 | 本年支出合计 351904.90
    assert rows["本年收入合计"][1:] == ("351904.90", "本年支出合计", "351904.90")
    assert not [issue for issue in log.issues if issue.code is IssueCode.PAGE_WITHOUT_TEXT]


def test_without_ocr_a_scan_is_refused_as_before() -> None:
    if not NAMES:
        pytest.skip("no scans")
    from ingest.codes import RejectionReason
    from ingest.model import UnreadableDocument

    with pytest.raises(UnreadableDocument) as refused:
        read_pdf(pages_of(SCANNED / NAMES[0], [1]), Limits(), ocr_settings=None)
    assert refused.value.reason is RejectionReason.NO_TEXT_LAYER


@pytest.mark.slow
@pytest.mark.ocr
def test_a_table_scanned_turned_a_quarter_is_read_turned_back() -> None:
    """Changsha's funding notice (wild) binds a landscape table scanned on its side: as
    scanned, each cell's text runs down the page, a glyph a line.  Turned back the way its
    text reads, the table's rows are the printed ones: the 合计 read by hand off the page,
    35.678 (万元), and the nine items adding up to it."""
    path = REAL / "wild" / "015_长沙_文化广电旅游体育局_2026年部门预算.pdf"
    log = IssueLog()
    read = read_pdf(pages_of(path, [2]), Limits(), log=log)
    rows = [block.cells for block in read.blocks if block.is_row]
    assert rows[0][-1] == "金额" and rows[-1][0] == "合计" and rows[-1][-1] == "35.678"
    items = [Decimal(cells[-1]) for cells in rows[1:-1]]
    assert len(items) == 9 and sum(items) == Decimal("35.678")
    assert not [issue for issue in log.issues if issue.code is IssueCode.PAGE_WITHOUT_TEXT]
