"""A ruled table drawn straight onto a reportlab canvas: for tests that build one page to
probe one rule of the PDF reader (a turned page, a page number, wrapped cells)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def draw_ruled_table(
    page: Any,
    rows: Sequence[Sequence[Sequence[str]]],
    *,
    left: float,
    top: float,
    row_height: float,
    column_width: float,
    size: float,
    leading: float,
    inset: float,
    font: str = "Helvetica",
) -> None:
    """``rows`` of cells, each cell its lines of text, in a grid of ruling lines whose top
    left corner is (``left``, ``top``): a cell's first line ``leading`` below its row's top,
    each next line ``leading`` lower, ``inset`` right of its column's rule."""
    page.setFont(font, size)
    for number, cells in enumerate(rows):
        y = top - number * row_height
        for column, lines in enumerate(cells):
            for line, text in enumerate(lines, 1):
                page.drawString(left + inset + column * column_width, y - line * leading, text)
    columns = len(rows[0])
    for number in range(len(rows) + 1):
        y = top - number * row_height
        page.line(left, y, left + columns * column_width, y)
    for column in range(columns + 1):
        x = left + column * column_width
        page.line(x, top, x, top - len(rows) * row_height)
