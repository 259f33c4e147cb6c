"""The reference documents as PDF made by another generator than ours: LibreOffice.

``tests/pdfgen`` draws the reference documents with reportlab, the same hands that wrote
the readers.  Here the same parsed documents (tables with their merged cells, prose,
titles) are written as HTML and printed to PDF by LibreOffice Writer: its own line breaking
(paragraphs indented two characters and wrapped wherever the width ends, mid-sentence),
its own table borders, fonts and page breaks.  A figure that reads differently from such a
PDF than from the text is a reader that knows our renderer rather than PDF.

Skips cleanly (``available()`` is False) where ``soffice`` is not installed.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.pdfgen.layouts import parse
from tests.pdfgen.model import Document, Line, Meta, Para, TableBlock, Title

_STYLE = """
body { font-size: 10.5pt; }
p.prose { text-indent: 2em; margin: 0.2em 0; }
p.line { margin: 0.1em 0; }
p.title { text-align: center; font-size: 13pt; font-weight: bold; }
p.meta { margin: 0.2em 0; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 0.5pt solid black; padding: 1pt 3pt; font-size: 9pt; }
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def to_html(document: Document, title: str) -> str:
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>",
    ]
    for block in document.blocks:
        if isinstance(block, Para):
            parts.append(f"<p class='prose'>{html.escape(block.text)}</p>")
        elif isinstance(block, Title):
            parts.append(f"<p class='title' align='center'><b>{html.escape(block.text)}</b></p>")
        elif isinstance(block, Line):
            parts.append(f"<p class='line'>{html.escape(block.text)}</p>")
        elif isinstance(block, Meta):
            # 编制单位 … 单位：万元 spread with full-width spaces, as Word users type them
            parts.append(
                "<p class='meta'>" + "\u3000\u3000".join(map(html.escape, block.parts)) + "</p>"
            )
        elif isinstance(block, TableBlock):
            parts.append(_table(block))
    parts.append("</body></html>")
    return "\n".join(parts)


def _table(block: TableBlock) -> str:
    grid = block.grid
    rows = []
    for index, row in enumerate(grid.rows):
        tag = "th" if index < grid.header_rows else "td"
        cells = []
        for cell in row:
            if cell is None:
                continue  # covered by a span
            span = ""
            if cell.colspan > 1:
                span += f" colspan='{cell.colspan}'"
            if cell.rowspan > 1:
                span += f" rowspan='{cell.rowspan}'"
            cells.append(f"<{tag}{span}>{html.escape(cell.text)}</{tag}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        "<table border='1' cellspacing='0' cellpadding='2' width='100%'>"
        + "".join(rows)
        + "</table>"
    )


# Writer paginates as a word processor (tables split across pages, headings kept with what
# follows); Writer/Web prints the page as a browser would, and may push a long table and its
# title off the first page.  Two printers, two sets of line and page breaks.
PRINTERS = {
    "writer": ("HTML (StarWriter)", "pdf:writer_pdf_Export"),
    "writer_web": ("HTML", "pdf:writer_web_pdf_Export"),
}


def render_with_libreoffice(
    src_dir: Path, out_dir: Path, printer: str = "writer", timeout: float = 600
) -> list[Path]:
    """Every *.txt of ``src_dir`` as out_dir/<stem>.pdf printed by LibreOffice."""
    in_filter, export = PRINTERS[printer]
    binary = soffice()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        pages = []
        for text_path in sorted(src_dir.glob("*.txt")):
            document = parse(text_path.read_text(encoding="utf-8"))
            page = Path(work) / f"{text_path.stem}.html"
            page.write_text(to_html(document, text_path.stem), encoding="utf-8")
            pages.append(page)
        profile = Path(work) / "profile"  # a private profile: no clash with a running office
        for page in pages:  # one document a run: its pages do not depend on the batch
            subprocess.run(
                [
                    binary,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    f"--infilter={in_filter}",
                    "--convert-to",
                    export,
                    "--outdir",
                    str(out_dir),
                    str(page),
                ],
                check=True,
                capture_output=True,
                timeout=timeout,
            )
    return sorted(out_dir / f"{page.stem}.pdf" for page in pages)
