"""PDF: ruled tables, centred titles, wrapped prose, drawn with testkit/pdfgen's renderer."""

from __future__ import annotations

import tempfile
from pathlib import Path

from testkit.layoutgen.model import Document, Heading, Para, Table
from testkit.pdfgen import model as pdf
from testkit.pdfgen.render import render


def _grid(table: Table) -> pdf.Grid:
    width = max([table.width, *(len(row) for row in table.rows)])
    rows: list[list[pdf.Cell | None]] = []
    for header_row in table.header_grid():
        rows.append(
            [
                pdf.Cell(h.text, colspan=h.colspan, rowspan=h.rowspan) if h else None
                for h in header_row
            ]
        )
    for body in table.rows:
        cells: list[pdf.Cell | None] = [pdf.Cell(text) for text in body]
        if len(cells) < width:  # a short row of a form: its last cell spans the rest
            last = cells[-1]
            assert last is not None
            cells[-1] = pdf.Cell(last.text, colspan=width - len(cells) + 1)
            cells += [None] * (width - len(body))
        rows.append(cells)
    return pdf.Grid(rows=rows, ncols=width, header_rows=len(table.header))


def to_pdfgen(doc: Document) -> pdf.Document:
    out = pdf.Document()
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.blocks.append(pdf.Title(block.text) if block.level == 0 else pdf.Line(block.text))
        elif isinstance(block, Para):
            out.blocks.append(pdf.Para(block.text))
        else:
            out.blocks.append(pdf.Title(block.title))
            if block.meta:
                out.blocks.append(pdf.Meta(list(block.meta)))
            out.blocks.append(pdf.TableBlock(_grid(block)))
            out.blocks.extend(pdf.Line(note) for note in block.notes)
    return out


def render_pdf(doc: Document) -> bytes:
    with tempfile.TemporaryDirectory(prefix="layoutgen-") as folder:
        path = Path(folder) / f"{doc.name}.pdf"
        render(to_pdfgen(doc), path, title=doc.name)
        return path.read_bytes()
