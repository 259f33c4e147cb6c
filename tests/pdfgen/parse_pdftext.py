"""Layout 3 (003): a space-separated PDF text extraction, rebuilt into real tables.

Lines that start with a space began a page in the original. Standard tables are a
title, a unit/year line, jumbled header lines, the 栏次 line, then rows that start
with their 序号; a table that continued on the next page repeats the unit/year line
and the headers, which we drop (our PDF repeats its own header rows).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import pdftext_forms as forms
from .budget_columns import SPECS, RawRow, StdSpec, assign_coded, assign_two_sided
from .headers import check_same_chars, header_grid
from .model import Cell, Document, Grid, Line, Meta, Para, TableBlock, Title
from .wrap import visual_width

STD_ROW_HEIGHT = 20.0
# A prose line this wide (half-width units) was wrapped by the original layout, so the
# next line continues the same paragraph; shorter lines end their paragraph.
_FULL_LINE = 99
_NUM_CN = "一二三四五六七八九十"
_HEADING = re.compile(rf"^([{_NUM_CN}]+、|[（(][{_NUM_CN}]+[）)]|\d+、|第.部分)")
# Lines that end the body of a standard table.
_TABLE_END = re.compile(r"^(部门预算|注：|第一部分)")


def _next_nonblank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _is_page_header(line: str) -> bool:
    return "预算年度：" in line and "单位：" in line


def _parse_std(lines: list[str], i: int, doc: Document) -> int:
    spec: StdSpec = SPECS[lines[i].strip()]
    doc.blocks.append(Title(spec.title))
    i = _next_nonblank(lines, i + 1)
    doc.blocks.append(Meta(lines[i].split()))
    i += 1
    head_lines: list[str] = []
    while not lines[i].strip().startswith("栏次"):
        head_lines.append(lines[i])
        i += 1
    ncols = spec.ncols
    head = header_grid(spec.header)
    check_same_chars(head_lines, spec.header, spec.title)
    lanci = lines[i].split()
    if len(lanci) != ncols:
        raise ValueError(f"{spec.title}: 栏次 row has {len(lanci)} cells, table has {ncols}")
    i += 1
    rows: list[RawRow] = []
    while i < len(lines):
        s = lines[i].strip()
        if not s:
            i += 1
            continue
        if _is_page_header(s):  # repeated page header: skip through its 栏次 line
            while not lines[i].strip().startswith("栏次"):
                i += 1
            i += 1
            continue
        if _TABLE_END.match(s):
            break
        nxt = str(int(rows[-1].seq) + 1) if rows else "1"
        toks = s.split()
        if toks[0] == nxt:
            rows.append(RawRow(nxt, [(t, False) for t in toks[1:]]))
        elif rows:
            rows[-1].tokens.extend((t, k == 0) for k, t in enumerate(toks))
        else:
            raise ValueError(f"{spec.title}: unexpected line {s!r}")
        i += 1
    assign = assign_two_sided if spec.kind == "two_sided" else assign_coded
    body = assign(spec, rows)
    grid_rows: list[list[Cell | None]] = [*head, [Cell(t) for t in lanci]]
    grid_rows += [[Cell(t) for t in row] for row in body]
    doc.blocks.append(
        TableBlock(Grid(grid_rows, ncols, header_rows=3, min_row_height=STD_ROW_HEIGHT))
    )
    return i


def _flush_prose(buf: list[str], doc: Document) -> None:
    """Rejoin lines the original wrapped; a short line or a heading ends a paragraph."""
    para: list[str] = []
    for line in buf:
        if para and visual_width(para[-1]) >= _FULL_LINE and not _HEADING.match(line):
            para.append(line)
            continue
        if para:
            doc.blocks.append(Para("".join(para)))
        para = [line]
    if para:
        doc.blocks.append(Para("".join(para)))
    buf.clear()


def parse(text: str) -> Document:
    lines = [ln.rstrip() for ln in text.split("\n")]
    doc = Document()
    prose: list[str] = []
    i = 0
    while i < len(lines):
        s = lines[i].strip()
        if not s:
            i += 1
            continue
        handler: Callable[[list[str], int, Document], int] | None = None
        if s in SPECS:
            handler = _parse_std
        elif forms.is_project_title(lines, i):
            handler = forms.parse_project
        elif s in forms.SMALL_TABLES:
            handler = forms.SMALL_TABLES[s]
        if handler is None:
            if s.startswith("注："):
                _flush_prose(prose, doc)
                doc.blocks.append(Line(s))
            else:
                prose.append(s)
            i += 1
            continue
        _flush_prose(prose, doc)
        i = handler(lines, i, doc)
    _flush_prose(prose, doc)
    return doc
