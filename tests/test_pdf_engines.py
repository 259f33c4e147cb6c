"""The fast PDF engine (pdfium's objects into pdfplumber's table finder) must give exactly
the blocks the reference engine (pdfplumber parsing the page itself) gives."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pdfplumber.table import TableFinder
from pdfplumber.utils.text import extract_text

from ingest.limits import Limits
from ingest.readers.pdf.objects import read_page
from ingest.readers.pdf.reader import cell_text, fast_path_cells, read_pdf, reference_cells
from ingest.readers.pdf.settings import PdfSettings
from testkit.pdfgen import render_reference
from tests.conftest import CORPUS, SHARED

NAMES = sorted(path.name for path in CORPUS.glob("*.txt"))


@pytest.mark.parametrize("name", NAMES)
def test_both_engines_give_the_same_blocks(name: str, tmp_path: Path) -> None:
    pdf = tmp_path / f"{name}.pdf"
    render_reference(CORPUS / name, pdf)
    data = pdf.read_bytes()
    fast = read_pdf(data, Limits(), PdfSettings(engine="pdfium"))
    reference = read_pdf(data, Limits(), PdfSettings(engine="pdfplumber"))
    assert fast.blocks == reference.blocks
    assert any(block.is_row for block in fast.blocks)
    assert all(block.page is not None for block in fast.blocks)


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="engine"):
        PdfSettings(engine="ocr")
    with pytest.raises(ValueError, match="strategy"):
        PdfSettings(vertical_strategy="guess")
    with pytest.raises(ValueError, match="negative"):
        PdfSettings(snap_tolerance=-1)


# The fast path on real published PDFs: on every page it reads itself (pdfium's characters
# and ruling lines handed to pdfplumber's TableFinder), the tables and cells must be those of
# the reference engine: pdfplumber parsing the page itself (pdfminer), its characters stood
# on their baselines (reader._on_baseline: pdfminer boxes a glyph by its font's stated
# ascent, which puts the '、' of '一、一般公共预算资金' on a line of its own in Chongqing's
# files).  Cells are compared without whitespace: pdfium and pdfminer measure glyph
# advances a little differently, so a space the reference puts inside a header
# ('功 能分类科目名称') may be absent; every character and its cell must be the same.
# Three ruled pages a document (first, middle, last) keep the suite short;
# MEDINS_ENGINE_CHECK=all checks every ruled page (the proof behind README's speed section).
REAL_PDFS = (
    sorted(path for path in (SHARED / "real").rglob("*.pdf") if "scanned" not in path.parts)
    if (SHARED / "real").is_dir()
    else []
)


def _no_space(tables: list[list[tuple[str, ...]]]) -> list[list[tuple[str, ...]]]:
    return [[tuple(re.sub(r"\s+", "", cell) for cell in row) for row in table] for table in tables]


@pytest.mark.skipif(not REAL_PDFS, reason="../shared/real is absent")
@pytest.mark.parametrize("path", REAL_PDFS, ids=lambda path: path.name)
def test_fast_path_gives_pdfplumbers_cells_on_real_pdfs(path: Path) -> None:
    data = path.read_bytes()
    try:
        fast = fast_path_cells(data)
    except pdfium.PdfiumError:
        pytest.skip("pdfium cannot open this file: pdfminer reads it whole, no fast path")
    ruled = sorted(fast)
    if os.environ.get("MEDINS_ENGINE_CHECK") != "all":
        # and every page turned by /Rotate: the fast path reads it in a frame of its own
        document = pdfium.PdfDocument(data)
        turned = {index for index in ruled if document[index].get_rotation()}
        document.close()
        ruled = sorted({ruled[0], ruled[len(ruled) // 2], ruled[-1]} | turned) if ruled else []
    reference = reference_cells(data, ruled)
    for index in ruled:
        assert _no_space(fast[index]) == _no_space(reference[index]), f"page {index + 1}"


@pytest.mark.skipif(not REAL_PDFS, reason="../shared/real is absent")
@pytest.mark.parametrize("path", REAL_PDFS, ids=lambda path: path.name)
def test_cell_text_is_pdfplumbers_extract_text_on_real_pdfs(path: Path) -> None:
    """Every cell of five pages a document (of every page with MEDINS_ENGINE_CHECK=all): the
    one-line shortcut gives pdfplumber's text."""
    try:
        document = pdfium.PdfDocument(path.read_bytes())
    except pdfium.PdfiumError:
        pytest.skip("pdfium cannot open this file")
    settings = PdfSettings()
    pages = len(document)
    every = 1 if os.environ.get("MEDINS_ENGINE_CHECK") == "all" else max(1, pages // 4)
    for index in range(0, pages, every):
        page = document[index]
        textpage = page.get_textpage()
        read = read_page(page, textpage)
        for table in TableFinder(read, settings.table_settings()).tables:  # type: ignore[arg-type]
            for x0, top, x1, bottom in (cell for row in table.rows for cell in row.cells if cell):
                inside = [
                    char
                    for char in read.chars
                    if x0 <= (char["x0"] + char["x1"]) / 2 < x1
                    and top <= (char["top"] + char["bottom"]) / 2 < bottom
                ]
                expected = extract_text(
                    inside,
                    x_tolerance=settings.text_x_tolerance,
                    y_tolerance=settings.text_y_tolerance,
                )
                assert cell_text(inside, settings) == expected, f"page {index + 1}"
        textpage.close()
        page.close()
    document.close()


# Pages built here, so the rules hold without ../shared: a ruled table of ASCII figures in a
# standard font (which pdfium reads without embedding), and what may stand beside it.
FIGURES = [("Item", "Amount"), ("Salaries", "1,234.56"), ("Office", "78.90")]


def _ruled_page(rotation: int = 0, folio: tuple[str, float] | None = None) -> bytes:
    """One page holding FIGURES in a ruled table, drawn so that it reads upright once the
    page is turned by ``rotation`` (/Rotate), and a ``folio`` (text, height above the page's
    foot) in STSong-Light, a CJK font no file embeds."""
    import io

    from reportlab.pdfgen import canvas

    from testkit.pdfgen.fonts import register
    from testkit.pdfgen.ruled import draw_ruled_table

    width, height = 595.0, 842.0
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(width, height))
    page.setPageRotation(rotation)
    # the view's frame: turned by /Rotate, the page shows its content turned back
    viewed_width = height if rotation in (90, 270) else width
    if rotation == 90:
        page.translate(width, 0)
    elif rotation == 180:
        page.translate(width, height)
    elif rotation == 270:
        page.translate(0, height)
    page.rotate(rotation)
    cells = [[(text,) for text in row] for row in FIGURES]
    draw_ruled_table(
        page,
        cells,
        left=100,
        top=400,
        row_height=20,
        column_width=120,
        size=10,
        leading=14,
        inset=4,
    )
    if folio is not None:
        page.setFont(register(), 9)
        page.drawCentredString(viewed_width / 2, folio[1], folio[0])
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_a_page_number_in_a_font_not_embedded_keeps_the_fast_path() -> None:
    """A CJK glyph in a font the file does not embed sends its page to pdfminer (pdfium may
    drop glyphs of it), except a page number in the margin: outside every ruling line it can
    reach no cell, and it is dropped as a page artifact."""
    in_margin = _ruled_page(folio=("— 3 —", 30))
    assert fast_path_cells(in_margin) == {0: [FIGURES]}
    assert fast_path_cells(_ruled_page(folio=("— 3 —", 375))) == {}  # inside the table's box
    assert fast_path_cells(_ruled_page(folio=("合计 3", 30))) == {}  # not a page number
    assert (
        read_pdf(in_margin, Limits()).blocks
        == read_pdf(in_margin, Limits(), PdfSettings(engine="pdfplumber")).blocks
    )


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_turned_page_is_read_upright(rotation: int) -> None:
    """A table printed on a page turned by /Rotate: the fast path reads it in the frame it is
    viewed in, as pdfminer does, row by row (in pdfium's own frame it reads column by column,
    each cell's text reversed or scattered)."""
    data = _ruled_page(rotation)
    expected = {0: [FIGURES]}
    assert reference_cells(data, [0]) == expected
    assert fast_path_cells(data) == expected
    assert (
        read_pdf(data, Limits()).blocks
        == read_pdf(data, Limits(), PdfSettings(engine="pdfplumber")).blocks
    )
