"""Turn rows of cell texts (merged cells collapsed) into a grid with spans.

The text files lose merged cells: a header cell spanning three columns is one cell in
its row, a cell spanning two rows leaves an empty cell below it. These helpers put the
spans back with a few explicit rules, so the PDF looks like the published forms.
"""

from __future__ import annotations

import re
from typing import Literal

from .model import Cell, Grid
from .wrap import visual_width

_NUMBER = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?%?$")
STD_ROW_HEIGHT = 20.0  # budget forms use tall rows; also makes 34-row tables break pages


def is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.strip()))


def share_spans(texts: list[str], ncols: int) -> list[int]:
    """Give a short row's spare columns to its widest cells (an all-empty row: the last)."""
    spans = [1] * len(texts)
    for _ in range(ncols - len(texts)):
        weights = [visual_width(t.strip()) / s for t, s in zip(texts, spans, strict=True)]
        # ties go to the longer text (a label keeps one column, its value widens)
        best = max(range(len(texts)), key=lambda i: (weights[i], visual_width(texts[i]), -i))
        if weights[best] == 0:
            best = len(texts) - 1
        spans[best] += 1
    return spans


def _groups(row: list[str]) -> list[list[int]]:
    """Second header row as groups: each empty cell alone, each run of filled cells."""
    groups: list[list[int]] = []
    for i, text in enumerate(row):
        if not text.strip():
            groups.append([i])
        elif groups and row[groups[-1][-1]].strip() and groups[-1][-1] == i - 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _split_run(run: list[int], row: list[str], parts: int) -> list[list[int]]:
    """Cut one run of sub-headers between several parents.

    Repeated first label ("项 目 预算数 项 目 预算数") marks where each parent starts;
    otherwise a leading 科目编码/科目名称 pair belongs to the 科目 parent; otherwise even.
    """
    first = row[run[0]].strip()
    starts = [k for k, i in enumerate(run) if row[i].strip() == first]
    if len(starts) == parts:
        return [run[a:b] for a, b in zip(starts, [*starts[1:], len(run)], strict=True)]
    if parts == 2 and len(run) > 2 and all("科目" in row[i] for i in run[:2]):
        return [run[:2], run[2:]]
    size = len(run) // parts
    cuts = [k * size for k in range(parts)] + [len(run)]
    return [run[cuts[k] : cuts[k + 1]] for k in range(parts)]


def two_row_header(top: list[str], sub: list[str]) -> list[list[Cell | None]] | None:
    """Rebuild a two-level header: under each top cell sits either one empty cell (the
    top cell spans both rows) or a run of sub-headers (the top cell spans them)."""
    groups = _groups(sub)
    empties = [g for g in groups if not sub[g[0]].strip()]
    runs = [g for g in groups if sub[g[0]].strip()]
    need_runs = len(top) - len(empties)
    if need_runs > len(runs) and runs:
        # fewer runs than parents: cut the longest run into the missing number of pieces
        longest = max(runs, key=len)
        pieces = need_runs - len(runs) + 1
        if len(longest) < pieces:
            return None
        k = runs.index(longest)
        runs[k : k + 1] = _split_run(longest, sub, pieces)
        groups = sorted(empties + runs, key=lambda g: g[0])
    if len(groups) != len(top):
        return None
    n = len(sub)
    row0: list[Cell | None] = [None] * n
    row1: list[Cell | None] = [None] * n
    for text, g in zip(top, groups, strict=True):
        if sub[g[0]].strip():
            row0[g[0]] = Cell(text.strip(), colspan=len(g))
            for i in g:
                row1[i] = Cell(sub[i].strip())
        else:
            row0[g[0]] = Cell(text.strip(), rowspan=2)
    return [row0, row1]


def _is_meta(row: list[str]) -> bool:
    return len(row) <= 3 and any(
        key in t for t in row for key in ("单位：", "预算年度：", "截止时间：", "编制部门：")
    )


def split_meta(rows: list[list[str]]) -> tuple[list[str] | None, list[list[str]]]:
    """A first row that only says who/when/which unit is printed as a line, not a row."""
    if rows and _is_meta(rows[0]):
        return [t.strip() for t in rows[0] if t.strip()], rows[1:]
    return None, rows


def _place(grid: list[list[Cell | None]], owner: list[list[tuple[int, int] | None]]) -> None:
    """Recompute which anchor covers each position (after spans changed)."""
    for slots in owner:
        for c in range(len(slots)):
            slots[c] = None
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            for rr in range(r, r + cell.rowspan):
                for cc in range(c, c + cell.colspan):
                    owner[rr][cc] = (r, c)


def _merge_leading_empties(grid: list[list[Cell | None]], first_body: int) -> None:
    """An empty cell at the start of a row continues the label above it (row span)."""
    ncols = len(grid[0]) if grid else 0
    owner: list[list[tuple[int, int] | None]] = [[None] * ncols for _ in grid]
    _place(grid, owner)
    for r in range(first_body + 1, len(grid)):
        row = grid[r]
        if all(c is None or not c.text.strip() for c in row):
            continue  # an empty row is data ("空表"), not a continuation
        c = 0
        while c < ncols:
            cell = row[c]
            if cell is None:
                c += 1
                continue
            if cell.text.strip():
                break
            above = owner[r - 1][c]
            if above is not None and above[1] == c:
                head = grid[above[0]][above[1]]
                if (
                    head is not None
                    and head.colspan == cell.colspan
                    and head.text.strip()
                    and not is_number(head.text)
                    and above[0] + head.rowspan == r
                ):
                    head.rowspan += 1
                    row[c] = None
                    _place(grid, owner)
            c += cell.colspan


def _row_cells(texts: list[str], spans: list[int], ncols: int) -> list[Cell | None]:
    row: list[Cell | None] = [None] * ncols
    c = 0
    for text, span in zip(texts, spans, strict=True):
        row[c] = Cell(text.strip(), colspan=span)
        c += span
    return row


def _tsv_spans(texts: list[str]) -> list[tuple[str, int]]:
    """Tab-separated rows keep empty cells; trailing empties widen a long last cell."""
    last = max((i for i, t in enumerate(texts) if t.strip()), default=-1)
    trailing = len(texts) - 1 - last
    if last >= 0 and trailing and (trailing >= 2 or visual_width(texts[last]) > 30):
        return [(t, 1) for t in texts[:last]] + [(texts[last], trailing + 1)]
    return [(t, 1) for t in texts]


def build_grid(rows: list[list[str]], mode: Literal["cells", "tsv"]) -> Grid:
    """Ragged rows -> Grid, detecting standard headers (栏次 row) and two-level headers."""
    ncols = max(len(r) for r in rows)
    out: list[list[Cell | None]] = []
    header_rows = 0
    std = False
    lanci = next((i for i, r in enumerate(rows[:4]) if r and r[0].strip() == "栏次"), None)
    if lanci == 2 and len(rows[1]) == ncols:
        head = two_row_header(rows[0], rows[1])
        if head is not None:
            out, header_rows, std = head, 2, True
    elif lanci is None and len(rows) >= 2:
        top, sub = rows[0], rows[1]
        if (
            all(t.strip() for t in top)
            and len(sub) == ncols > len(top)
            and any(not t.strip() for t in sub)
            and len(_groups(sub)) == len(top)
        ):
            head = two_row_header(top, sub)
            if head is not None:
                out, header_rows = head, 2
    if lanci is not None and std:
        out.append(_row_cells(rows[2], share_spans(rows[2], ncols), ncols))
        header_rows = 3
    if header_rows == 0 and rows and any("一级指标" in t for t in rows[0]):
        header_rows = 1
    prev_spans: list[int] | None = None
    for texts in rows[len(out) :]:
        if mode == "tsv":
            padded = texts + [""] * (ncols - len(texts))
            pairs = _tsv_spans(padded)
            out.append(_row_cells([t for t, _ in pairs], [s for _, s in pairs], ncols))
            continue
        if prev_spans is not None and len(prev_spans) == len(texts):
            spans = prev_spans  # same shape as the row above: keep its columns aligned
        else:
            spans = share_spans(texts, ncols)
        prev_spans = spans
        out.append(_row_cells(texts, spans, ncols))
    if not std:
        _merge_leading_empties(out, max(header_rows, 0))
    return Grid(
        rows=out,
        ncols=ncols,
        header_rows=header_rows,
        min_row_height=STD_ROW_HEIGHT if std else 0.0,
    )
