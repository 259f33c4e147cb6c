"""A Word file: headings and paragraphs in order, tables with merged header cells."""

from __future__ import annotations

import io
from datetime import datetime

from docx import Document as WordDocument

from testkit.layoutgen.model import Document, Heading, Para, Table
from testkit.layoutgen.render.zipfix import fixed_zip


def _table(word: WordDocument, table: Table) -> None:  # type: ignore[valid-type]
    word.add_paragraph(table.title)
    if table.meta:
        word.add_paragraph("    ".join(table.meta))
    width = max([table.width, *(len(row) for row in table.rows)])
    grid = word.add_table(rows=len(table.header) + len(table.rows), cols=width)
    grid.style = "Table Grid"
    for r, header_row in enumerate(table.header_grid()):
        for c, head in enumerate(header_row):
            if head is None:
                continue
            cell = grid.cell(r, c)
            if head.colspan > 1 or head.rowspan > 1:
                cell = cell.merge(grid.cell(r + head.rowspan - 1, c + head.colspan - 1))
            cell.text = head.text
    for r, body in enumerate(table.rows, start=len(table.header)):
        for c, text in enumerate(body):
            grid.cell(r, c).text = text
        if len(body) < width:
            grid.cell(r, len(body) - 1).merge(grid.cell(r, width - 1))
    for note in table.notes:
        word.add_paragraph(note)


def render_docx(doc: Document) -> bytes:
    word = WordDocument()
    word.core_properties.created = datetime(2020, 1, 1)
    word.core_properties.modified = datetime(2020, 1, 1)
    for block in doc.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, level=min(block.level, 3))
        elif isinstance(block, Para):
            word.add_paragraph(block.text)
        else:
            _table(word, block)
    buffer = io.BytesIO()
    word.save(buffer)
    return fixed_zip(buffer.getvalue())
