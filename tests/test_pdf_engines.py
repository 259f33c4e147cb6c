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
        ruled = sorted({ruled[0], ruled[len(ruled) // 2], ruled[-1]}) if ruled else []
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
