"""Pages as real PDFs have them: every character inside a table, blank pages, image pages in a
text PDF, a file pdfium refuses.  None of them may cost the document."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from ingest.codes import IssueCode
from ingest.limits import Limits
from ingest.model import IssueLog, UnreadableDocument
from ingest.readers.pdf import reader
from ingest.readers.pdf.reader import read_pdf
from ingest.readers.pdf.settings import PdfSettings

ROWS = [("Item", "Amount"), ("A", "1,234.50"), ("B", "0.00"), ("Total", "1,234.50")]


def _table_page(canvas: Canvas) -> None:
    """A ruled table and nothing else on the page: no title, no page number."""
    x0, x1, x2, top, height = 100, 250, 400, 700, 24
    for index, (label, amount) in enumerate(ROWS):
        y = top - (index + 1) * height
        canvas.drawString(x0 + 4, y + 8, label)
        canvas.drawRightString(x2 - 4, y + 8, amount)
    bottom = top - len(ROWS) * height
    for index in range(len(ROWS) + 1):
        canvas.line(x0, top - index * height, x2, top - index * height)
    for x in (x0, x1, x2):
        canvas.line(x, top, x, bottom)


def _image() -> ImageReader:
    from PIL import Image

    return ImageReader(Image.new("RGB", (40, 40), "gray"))


def _pdf(*pages: str) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=True)
    for kind in pages:
        if kind == "table":
            _table_page(canvas)
        elif kind == "image":
            canvas.drawImage(_image(), 100, 500, 200, 200)
        elif kind == "prose":
            canvas.drawString(100, 700, "Budget 2026: prose page with text outside any table.")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_page_whose_every_character_is_inside_a_table(engine: str) -> None:
    log = IssueLog()
    read = read_pdf(_pdf("table", "prose"), Limits(), PdfSettings(engine=engine), log)
    rows = [block.cells for block in read.blocks if block.is_row]
    assert rows == ROWS
    assert not log.issues


def test_blank_and_image_pages_inside_a_text_pdf_are_reported_not_lost() -> None:
    log = IssueLog()
    read = read_pdf(_pdf("prose", "", "image", "table"), Limits(), log=log)
    assert read.pages == 4
    assert {block.page for block in read.blocks} == {1, 4}
    issues = [(issue.code, issue.page) for issue in log.issues]
    assert issues == [(IssueCode.PAGE_WITHOUT_TEXT, 3)]  # the blank page says nothing


def test_a_pdf_of_images_only_is_rejected_as_needing_ocr() -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read_pdf(_pdf("image", "image"), Limits())
    assert caught.value.reason == "no_text_layer"


def test_a_file_pdfium_refuses_is_read_by_pdfminer_before_it_is_called_damaged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reader, "_open", lambda data: None)  # pdfium: "Data format error"
    log = IssueLog()
    read = read_pdf(_pdf("prose", "table"), Limits(), log=log)
    assert [block.cells for block in read.blocks if block.is_row] == ROWS
    assert read.pages == 2 and not log.issues
    with pytest.raises(UnreadableDocument) as caught:
        read_pdf(b"%PDF-1.4\n" + b"\x00garbage" * 50, Limits())
    assert caught.value.reason == "damaged"
    assert "neither pdfium nor pdfminer" in caught.value.detail
