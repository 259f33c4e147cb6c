"""PDF test fixtures: the five reference documents as PDFs, and a set of bad PDFs (encrypted,
truncated, damaged, scanned, off-topic, too many pages).

The reference PDFs (``reference/<stem>.pdf``) are committed files: the five text documents
of ``data/sources`` drawn once by ``render.render`` (reportlab, ruled tables, CJK font) in
the way published forms look.  They are fixtures, not output of a parser here: nothing in
``testkit`` reads a budget (the product alone does).  ``render`` still draws the layout
generator's PDFs from their facts (``testkit/layoutgen/render/pdf.py``).

    python -m testkit.pdfgen OUT_DIR     # copy the reference PDFs, write the bad PDFs
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .bad import make_bad_pdfs

__all__ = ["OFFICE_PDFS", "REFERENCE_PDFS", "make_bad_pdfs", "render_all", "render_reference"]

REFERENCE_PDFS = Path(__file__).resolve().parent / "reference"
# the same five documents printed by LibreOffice, a generator we did not write (office/README.md)
OFFICE_PDFS = Path(__file__).resolve().parent / "office"


def render_reference(text_path: Path, pdf_path: Path) -> None:
    """The committed PDF rendering of one reference text document, copied to ``pdf_path``."""
    rendering = REFERENCE_PDFS / f"{Path(text_path).stem}.pdf"
    if not rendering.exists():
        raise FileNotFoundError(f"no committed PDF rendering of {text_path} ({rendering})")
    Path(pdf_path).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(rendering, pdf_path)


def render_all(src_dir: Path, out_dir: Path) -> list[Path]:
    """The PDF rendering of every *.txt of ``src_dir``, copied to ``out_dir/<stem>.pdf``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for text_path in sorted(Path(src_dir).glob("*.txt")):
        pdf_path = out_dir / f"{text_path.stem}.pdf"
        render_reference(text_path, pdf_path)
        written.append(pdf_path)
    return written
