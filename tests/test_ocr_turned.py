"""What tells a page scanned turned a quarter from an upright one (``reader._ocr_blocks``):
most of its table cells holding text hold two lines or more (a glyph a line), and turning it
back leaves fewer so.  A page scanned turned is read turned back (tests/test_ocr.py on a real
scan, tests/test_ocr_reference.py on the reference scans turned either way); here, a page
built so that every cell wraps onto two lines, upright, runs without ../shared."""

from __future__ import annotations

import io

import pytest

from ingest.codes import IssueCode
from ingest.limits import Limits
from ingest.model import IssueLog
from ingest.readers.pdf.reader import read_pdf
from testkit.pdfgen.ruled import draw_ruled_table
from testkit.scangen import scan

pytestmark = [pytest.mark.slow, pytest.mark.ocr]

# every cell two lines: a wrapped label, a figure under its year
CELLS = [
    [("Office", "supplies"), ("Budget", "2025"), ("Budget", "2026")],
    [("Staff", "salaries"), ("1,234.56", "yuan"), ("2,345.67", "yuan")],
    [("Vehicle", "running"), ("345.00", "yuan"), ("456.00", "yuan")],
    [("Meeting", "costs"), ("78.90", "yuan"), ("89.10", "yuan")],
]


def _wrapped_table() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595.0, 842.0))
    draw_ruled_table(
        page, CELLS, left=80, top=700, row_height=44, column_width=140, size=14, leading=18, inset=8
    )
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_wrapped_cells_of_an_upright_scan_are_read_as_scanned() -> None:
    log = IssueLog()
    read = read_pdf(scan(_wrapped_table(), seed="wrapped"), Limits(), log=log)
    rows = [block.cells for block in read.blocks if block.is_row]
    assert not [issue for issue in log.issues if issue.code is IssueCode.PAGE_WITHOUT_TEXT]
    assert len(rows) == len(CELLS)
    assert [cell.replace(" ", "") for cell in rows[1]] == [
        "Staffsalaries",
        "1,234.56yuan",
        "2,345.67yuan",
    ]
