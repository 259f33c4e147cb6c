"""A workbook: one table per sheet (附表N), numbers stored as numbers, merged header cells.

Prose has no place in a workbook: the 说明 of such budgets is published as a separate Word
file (VARIANTS.md §7), so only the tables are written.
"""

from __future__ import annotations

import io
import re
from datetime import datetime

import xlsxwriter

from testkit.layoutgen.model import Document, Table
from testkit.layoutgen.render.zipfix import fixed_zip

_NUMBER = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$")


def _sheet(book: xlsxwriter.Workbook, table: Table, index: int) -> None:
    sheet = book.add_worksheet(table.sheet or f"附表{index}")
    money = book.add_format(
        {
            "num_format": "#,##0.00"
            if "," in "".join(c for r in table.rows for c in r)
            else "0.00",
            "border": 1,
        }
    )
    text = book.add_format({"border": 1})
    sheet.write(0, 0, table.title)
    row = 1
    if table.meta:
        for col, part in enumerate(table.meta):
            sheet.write(row, col * 2, part)
        row += 1
    for r, header_row in enumerate(table.header_grid()):
        for c, head in enumerate(header_row):
            if head is None:
                continue
            if head.colspan > 1 or head.rowspan > 1:
                sheet.merge_range(
                    row + r, c, row + r + head.rowspan - 1, c + head.colspan - 1, head.text, text
                )
            else:
                sheet.write_string(row + r, c, head.text, text)
    row += len(table.header)
    for body in table.rows:
        for c, cell in enumerate(body):
            # amounts (always printed with decimals) as numbers; codes and 序号 stay text
            if cell and "." in cell and _NUMBER.match(cell):
                sheet.write_number(row, c, float(cell.replace(",", "")), money)
            else:
                sheet.write_string(row, c, cell, text)
        row += 1
    for note in table.notes:
        sheet.write(row, 0, note)
        row += 1


def render_xlsx(doc: Document) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"created": datetime(2020, 1, 1)})
    tables = [block for block in doc.blocks if isinstance(block, Table)]
    for index, table in enumerate(tables, start=1):
        _sheet(book, table, index)
    if not tables:
        book.add_worksheet("Sheet1")
    book.close()
    return fixed_zip(buffer.getvalue())
