"""Layout 1 (000, 002, 004): one table cell per line, each cell line starts with a TAB.

Rows are separated by blank lines, an untabbed line right after a cell line continues
that cell, any other untabbed line is prose (or a table title when a table follows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .grid import build_grid, split_meta
from .model import Block, Document, Line, Meta, Para, TableBlock, Title

BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")


@dataclass
class _Table:
    rows: list[list[str]] = field(default_factory=list)


def _cell_text(parts: list[str]) -> str:
    return "\n".join(p.replace("\t", " ").rstrip() for p in parts).strip()


def _items(text: str) -> list[str | _Table]:
    """Prose lines and tables, in reading order."""
    items: list[str | _Table] = []
    table: _Table | None = None
    row: list[list[str]] | None = None  # cells, each as its list of source lines
    last_was_cell = False

    def close_row() -> None:
        nonlocal row
        if row is not None and table is not None:
            table.rows.append([_cell_text(c) for c in row])
        row = None

    for raw in text.split("\n"):
        line = BOOKMARK.sub("", raw)
        if line.startswith("\t"):
            if table is None:
                table = _Table()
                items.append(table)
            if row is None:
                row = []
            row.append([line[1:].rstrip("\t")])
            last_was_cell = True
        elif line.strip() and last_was_cell and row is not None:
            row[-1].append(line)  # multi-line cell
        elif not line:
            close_row()
            last_was_cell = False
        else:
            close_row()
            table = None
            last_was_cell = False
            if line.strip():
                items.append(line.replace("\t", " ").strip())
            # a whitespace-only line (or a bare bookmark) separates two tables
    close_row()
    return items


def _join_split_rows(rows: list[list[str]]) -> list[list[str]]:
    """A stray blank line inside a cell splits one row in two; in a table whose first
    row is full width, two short neighbours that add up to the full width are one row."""
    if not rows:
        return rows
    ncols = max(len(r) for r in rows)
    if len(rows[0]) != ncols:
        return rows
    out: list[list[str]] = []
    k = 0
    while k < len(rows):
        row = rows[k]
        nxt = rows[k + 1] if k + 1 < len(rows) else None
        if nxt is not None and len(row) < ncols and len(row) + len(nxt) == ncols:
            out.append(row + nxt)
            k += 2
        else:
            out.append(row)
            k += 1
    return out


def _line_kind(text: str, before_table: bool) -> Block:
    if text.startswith("注：") or text == "page number":
        return Line(text)
    return Title(text) if before_table and len(text) <= 80 else Para(text)


def parse(text: str) -> Document:
    items = _items(text)
    doc = Document()
    for k, item in enumerate(items):
        if isinstance(item, str):
            nxt = items[k + 1] if k + 1 < len(items) else None
            doc.blocks.append(_line_kind(item, isinstance(nxt, _Table)))
            continue
        meta, rows = split_meta(item.rows)
        if meta:
            doc.blocks.append(Meta(meta))
        while rows and not any(t.strip() for t in rows[0]):
            rows = rows[1:]  # an empty leading row is a blank meta line in the original
        if any(t.strip() for r in rows for t in r):
            doc.blocks.append(TableBlock(build_grid(_join_split_rows(rows), "cells")))
    return doc
