"""The fast PDF engine (pdfium's objects into pdfplumber's table finder) must give exactly
the blocks the reference engine (pdfplumber parsing the page itself) gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.limits import Limits
from ingest.readers.pdf.reader import read_pdf
from ingest.readers.pdf.settings import PdfSettings
from testkit.pdfgen import render_reference
from tests.conftest import CORPUS

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
