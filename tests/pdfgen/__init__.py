"""PDF test fixtures: the five reference documents rendered like published PDFs, plus
a set of bad PDFs (encrypted, truncated, damaged, scanned, off-topic, too many pages).

    python -m tests.pdfgen OUT_DIR               # write every fixture
    python -m tests.pdfgen.check_roundtrip OUT_DIR  # read them back with pdfplumber
"""

from __future__ import annotations

from pathlib import Path

from .bad import make_bad_pdfs
from .layouts import parse
from .render import render

__all__ = ["make_bad_pdfs", "render_all", "render_reference"]


def render_reference(text_path: Path, pdf_path: Path) -> None:
    """Render one reference text document as a PDF (deterministic bytes)."""
    text = Path(text_path).read_text(encoding="utf-8")
    render(parse(text), Path(pdf_path), title=Path(text_path).stem)


def render_all(src_dir: Path, out_dir: Path) -> list[Path]:
    """Render every *.txt in src_dir to out_dir/<stem>.pdf; returns the PDF paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for text_path in sorted(Path(src_dir).glob("*.txt")):
        pdf_path = out_dir / f"{text_path.stem}.pdf"
        render_reference(text_path, pdf_path)
        written.append(pdf_path)
    return written
