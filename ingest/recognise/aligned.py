"""Tables of text whose columns are aligned with spaces, read by position.

A layout text export (``pdftotext -layout``, a report printed to text) pads every cell to
its column's width, a CJK character two columns wide, and leaves a blank cell as blanks at
its position.  Such a table is read like a ruled one: the body's occupied display columns
and the header's lowest words (its *leaves*) give the column spans, each cell goes under the
header whose span it stands in, and a merged header word (本年预算数 over 合计 / 基本支出 /
项目支出) is put in the first column it covers, as a ruled grid gives it.

Which reading applies is decided by evidence in the block, never by default.  Positions are
used only when the rows agree on their columns: the amounts of each column end (or start) at
one display column in every row, and cells stand apart by at least two spaces somewhere.
Text whose blank cells truly vanished (PDF text, one space between whatever cells remain)
shows neither, keeps its packed rows, and its columns are placed by the table's arithmetic
(``packed_columns``).  An amount that straddles two columns is a parse issue at its line and
its row is not landed: which column it belongs to cannot be told.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from ingest.amounts import normalise_text, parse_amount
from ingest.codes import IssueCode
from ingest.model import Block, IssueLog
from ingest.recognise.grid import is_meta
from ingest.recognise.header import resolve_columns
from ingest.recognise.segment import Table
from ingest.recognise.three_public_terms import path_component

_YEAR_ALONE = re.compile(r"^(19|20)\d{2}$")
_PLACEHOLDER = re.compile(r"^(\*+|[甲乙丙丁])$")
_EDGE_TOLERANCE = 1  # display columns an aligned edge may wander (proportional fonts)


@dataclass(slots=True)
class _Piece:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Column:
    start: int
    end: int
    leaf: _Piece | None = None
    row: int = 0  # the header row of its leaf
    spans: list[tuple[int, int]] = field(default_factory=list)

    def overlaps(self, start: int, end: int) -> bool:
        return start < self.end and self.start < end


def _pieces(block: Block) -> list[_Piece]:
    return [_Piece(s, e, text) for text, (s, e) in zip(block.cells, block.spans, strict=True)]


def _is_amount(text: str) -> bool:
    cleaned = normalise_text(text).replace(" ", "")
    return parse_amount(cleaned) is not None and not _YEAR_ALONE.match(cleaned)


def _is_numbering(block: Block) -> bool:
    """The 栏次 row, or bare column numbers 1 2 3 … under the header."""
    cells = [cell for cell in block.cells if not _PLACEHOLDER.match(cell)]
    if cells and cells[0] == "栏次":
        return True
    if len(cells) < 3 or not all(cell.isdigit() for cell in cells):
        return False
    numbers = [int(cell) for cell in cells]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers))) and numbers[0] <= 1


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def read_aligned(table: Table, log: IssueLog) -> bool:
    """Replace the table's packed rows by positional rows when the block proves it is
    aligned; return whether it did."""
    rows = table.rows
    if not rows or any(not block.packed or len(block.spans) != len(block.cells) for block in rows):
        return False
    index = 0
    while index < len(rows) and is_meta(rows[index]):
        index += 1
    meta = rows[:index]
    header: list[Block] = []
    while index < len(rows):
        block = rows[index]
        if _is_numbering(block) or any(_is_amount(cell) for cell in block.cells):
            break
        header.append(block)
        index += 1
    body = rows[index:]
    evidence = [
        block
        for block in body
        if any(_is_amount(cell) for cell in block.cells) and not _is_numbering(block)
    ]
    if not header or not evidence or not _padded(evidence):
        return False
    columns = _columns(header, body, evidence)
    off = _misaligned(columns, evidence) if columns is not None else None
    if off:
        # read the columns again without the rows that break them; those rows are issues
        evidence = [block for block in evidence if id(block) not in off]
        body = [block for block in body if id(block) not in off]
        columns = _columns(header, body, evidence)
        if columns is None or _misaligned(columns, evidence) != set():
            return False
    elif columns is None or off is None:
        return False
    straddling = {id(block) for block in rows if id(block) in (off or set())}
    header_cells = _header_cells(header, columns)
    if header_cells is not None and not _named(header_cells, columns, evidence):
        header_cells = _joined_wrapped(header_cells)  # 基本 / 支出 printed over two lines
    if header_cells is None or not _named(header_cells, columns, evidence):
        return False
    placed: dict[int, Block] = {}
    for block in meta:
        placed[id(block)] = Block(block.text, block.cells, block.line, block.line_end, is_row=True)
    for block, named in zip(header, header_cells, strict=True):
        placed[id(block)] = Block(block.text, named, block.line, block.line_end, is_row=True)
    for block in rows[len(meta) + len(header) :]:
        cells = None if id(block) in straddling else _body_cells(block, columns)
        if cells is None:
            if any(_is_amount(cell) for cell in block.cells):
                log.add(
                    IssueCode.COLUMNS_AMBIGUOUS,
                    "an amount stands across two columns of a space-aligned table (or off "
                    "the edge its column's amounts share): which column it belongs to "
                    "cannot be told; the row is not landed",
                    block,
                )
            # a note or a line of prose under the table, not one of its rows
            placed[id(block)] = Block(block.text, (block.text,), block.line, block.line_end)
        else:
            placed[id(block)] = Block(block.text, cells, block.line, block.line_end, is_row=True)
    table.blocks = [placed.get(id(block), block) for block in table.blocks]
    return True


def _joined_wrapped(cells: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Header words wrapped inside one cell ('基本' over '支出' in one column, nothing beside
    them spanning) joined into one word on the lower line."""
    grid = [list(row) for row in cells]
    width = len(grid[0]) if grid else 0
    for r in range(len(grid) - 1):
        for c in range(width):
            upper, lower = grid[r][c], grid[r + 1][c]
            if not upper or not lower:
                continue
            spans_right = (
                c + 1 < width
                and not grid[r][c + 1]
                and any(grid[below][c + 1] for below in range(r + 1, len(grid)))
            )
            deeper = any(grid[below][c] for below in range(r + 2, len(grid)))
            if not spans_right and not deeper:
                grid[r + 1][c], grid[r][c] = upper + lower, ""
    return [tuple(row) for row in grid]


def _named(
    header_cells: list[tuple[str, ...]], columns: list[_Column], evidence: list[Block]
) -> bool:
    """Every column that holds amounts has a name the header vocabulary knows (a budget
    column, a label column, a 三公 component, a 完成率): else positions would land a table whose
    columns cannot be named, where the packed reading may still know them from its title."""
    resolved = resolve_columns(header_cells, len(columns), None)
    for column, named in zip(columns, resolved, strict=True):
        holds_amounts = any(
            _is_amount(text) and column.overlaps(*span)
            for block in evidence
            for text, span in zip(block.cells, block.spans, strict=True)
        )
        # 完成率 is named too: a ratio column (not landed as money) whose figures are
        # placed by position like any other, so they do not spill into their neighbours
        if (
            holds_amounts
            and not named.key
            and named.phase != "rate"
            and path_component(named.path) is None
        ):
            return False
    return True


def _padded(evidence: list[Block]) -> bool:
    """Cells padded to their columns stand two spaces apart or more somewhere in the body."""
    return any(
        later[0] - earlier[1] >= 2 for block in evidence for earlier, later in pairwise(block.spans)
    )


def _occupancy(blocks: list[Block]) -> list[int]:
    """How many rows occupy each display column."""
    width = max((end for block in blocks for _, end in block.spans), default=0)
    used = [0] * (width + 1)
    for block in blocks:
        for start, end in block.spans:
            for x in range(start, end):
                used[x] += 1
    return used


def _runs(used: list[int]) -> list[tuple[int, int]]:
    """Maximal runs of display columns some row occupies: the body's column spans."""
    width = len(used) - 1
    runs: list[tuple[int, int]] = []
    x = 0
    while x < width:
        if used[x]:
            start = x
            while x < width and used[x]:
                x += 1
            runs.append((start, x))
        else:
            x += 1
    return runs


def _columns(header: list[Block], body: list[Block], evidence: list[Block]) -> list[_Column] | None:
    """One column per header leaf, spanning the body runs it stands over.

    The header is read from its lowest row up: a word over a run of the body that no lower
    word names is that column's leaf (a cell spanning rows); a word over a run a lower word
    names, or over a lower word, is a merged cell above columns (a group).  Two words of one
    row over one run, or a run under two columns, mean the rows are not aligned."""
    used = _occupancy([block for block in body if block in evidence or _is_numbering(block)])
    runs = _runs(used)
    owner: dict[tuple[int, int], _Column] = {}
    columns: list[_Column] = []
    for row in range(len(header) - 1, -1, -1):
        mine: list[_Column] = []
        for piece in _pieces(header[row]):
            covered = [run for run in runs if _overlap(run, (piece.start, piece.end))]
            shared = [run for run in covered if run in owner and owner[run] in mine]
            if shared:
                # two names of one row over one run: a few cells bridge the gutter between
                # their columns (an amount straddling them); part the run where fewest rows
                # stand, else the rows are not aligned
                parted = _part(shared[0], owner[shared[0]], piece, used, len(evidence))
                if parted is None or len(shared) > 1:
                    return None
                left, right = parted
                column = owner.pop(shared[0])
                column.spans = [left if span == shared[0] else span for span in column.spans]
                owner[left] = column
                runs[runs.index(shared[0])] = left
                runs.insert(runs.index(left) + 1, right)
                covered = [right if run == shared[0] else run for run in covered]
            if any(run in owner and owner[run] in mine for run in covered):
                return None
            if any(run in owner for run in covered):
                continue  # a group over columns named below
            if not covered and any(
                column.leaf is not None
                and _overlap((column.leaf.start, column.leaf.end), (piece.start, piece.end))
                for column in columns
            ):
                continue
            column = _Column(piece.start, piece.end, piece, row=row)
            for run in covered:
                owner[run] = column
                column.spans.append(run)
            mine.append(column)
        columns += mine
    columns.sort(key=lambda column: column.start)
    for run in runs:
        if run in owner:
            continue
        # a header word printed beside its column's amounts (left-aligned above right-aligned
        # figures) owns the run next to it when no other run lies between
        before = [c for c in columns if c.end <= run[0]]
        after = [c for c in columns if c.start >= run[1]]
        near = [
            c
            for c in (before[-1] if before else None, after[0] if after else None)
            if c is not None and not c.spans
        ]
        if len(near) != 1:
            return None
        near[0].spans.append(run)
        owner[run] = near[0]
    for column in columns:
        for start, end in column.spans:
            column.start, column.end = min(column.start, start), max(column.end, end)
    for earlier, later in pairwise(columns):
        if later.start < earlier.end:
            return None
    return columns


_STRADDLERS = 5  # at most one row in this many may bridge a gutter


def _part(
    run: tuple[int, int], left: _Column, piece: _Piece, used: list[int], rows: int
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The run cut in two between the two header words over it, where fewest rows stand."""
    if left.leaf is None or left.leaf.end >= piece.start:
        return None
    cuts = range(max(left.leaf.end, run[0] + 1), min(piece.start, run[1] - 1) + 1)
    if not cuts:
        return None
    cut = min(cuts, key=lambda x: (used[x], x))
    if used[cut] > max(1, rows // _STRADDLERS):
        return None
    return (run[0], cut), (cut, run[1])


def _misaligned(columns: list[_Column], evidence: list[Block]) -> set[int] | None:
    """Rows (ids) with an amount off its column's edge: each column's amounts end (or start)
    at one display column in every other row.  None when more than one row in
    ``_STRADDLERS`` is off, or a column has no edge at all: the rows are not aligned."""
    off: set[int] = set()
    for column in columns:
        found = [
            (id(block), span)
            for block in evidence
            for text, span in zip(block.cells, block.spans, strict=True)
            if _is_amount(text) and column.overlaps(*span)
        ]
        if len(found) < 2:
            continue
        best: set[int] | None = None
        for edge in (1, 0):  # right-aligned, then left-aligned
            counts = Counter(span[edge] for _, span in found)
            mode = counts.most_common(1)[0][0]
            outside = {row for row, span in found if abs(span[edge] - mode) > _EDGE_TOLERANCE}
            if best is None or len(outside) < len(best):
                best = outside
        off |= best or set()
    if len(off) > max(1, len(evidence) // _STRADDLERS) or len(off) * 2 >= len(evidence):
        return None
    return off


def _header_cells(header: list[Block], columns: list[_Column]) -> list[tuple[str, ...]] | None:
    """Header rows as a ruled grid gives them: each word in the first column it covers."""
    out: list[tuple[str, ...]] = []
    lowest = [column.row for column in columns]
    style = _style(columns)
    for row, block in enumerate(header):
        cells = [""] * len(columns)
        pieces = _pieces(block)
        firsts: list[int] = []
        for piece in pieces:
            covered = [
                i for i, column in enumerate(columns) if column.overlaps(piece.start, piece.end)
            ]
            if not covered:
                return None
            firsts.append(covered[0])
        groups = [
            (piece, first)
            for piece, first in zip(pieces, firsts, strict=True)
            if any(
                lowest[i] > row for i, c in enumerate(columns) if c.overlaps(piece.start, piece.end)
            )
        ]
        claimed = _claims(row, style, pieces, groups, columns, lowest)
        if claimed is None:
            return None
        for piece, first in zip(pieces, firsts, strict=True):
            at = claimed.get(id(piece), first)
            cells[at] = cells[at] + piece.text
        out.append(tuple(cells))
    return out


def _claims(
    row: int,
    style: str | None,
    pieces: list[_Piece],
    groups: list[tuple[_Piece, int]],
    columns: list[_Column],
    lowest: list[int],
) -> dict[int, int] | None:
    """The first column of each merged header word.  The columns of this row that have words
    below and none of their own (free columns) belong to a merged word beside them: to the one
    on their left when the merged words are left-aligned; otherwise, between two merged words,
    parted where each word stands centred over its columns.  A free column next to no merged
    word, or a parting two ways equally good, is None: not read by position."""
    if not groups:
        return {}
    group_ids = {id(piece) for piece, _ in groups}
    spans: dict[int, list[int]] = {}  # piece → [first, last] column it covers
    for piece in pieces:
        covered = [i for i, c in enumerate(columns) if c.overlaps(piece.start, piece.end)]
        spans[id(piece)] = [covered[0], covered[-1]]
    own = {i for piece in pieces for i in range(spans[id(piece)][0], spans[id(piece)][1] + 1)}
    free = [i for i in range(len(columns)) if i not in own and lowest[i] > row]
    order = sorted(pieces, key=lambda piece: spans[id(piece)][0])
    segments: list[tuple[int, int, _Piece | None, _Piece | None]] = []
    for i in free:
        if segments and segments[-1][1] == i - 1:
            first, _, left, right = segments[-1]
            segments[-1] = (first, i, left, right)
            continue
        left = next((p for p in reversed(order) if spans[id(p)][1] < i), None)
        right = next((p for p in order if spans[id(p)][0] > i), None)
        segments.append((i, i, left, right))
    segments = [
        (first, last, left, next((p for p in order if spans[id(p)][0] > last), None))
        for first, last, left, _ in segments
    ]
    lasts = {id(piece): spans[id(piece)][1] for piece, _ in groups}
    rules = ["centre"]
    if all(abs(p.start - columns[first].start) <= _EDGE_TOLERANCE for p, first in groups):
        rules.append("left")
    if all(abs(p.end - columns[lasts[id(p)]].end) <= _EDGE_TOLERANCE for p, _ in groups):
        rules.append("right")
    found: dict[str, dict[int, int]] = {}
    for rule in rules:
        parted = _part_free(
            segments, {k: list(v) for k, v in spans.items()}, group_ids, columns, rule
        )
        if parted is not None:
            found[rule] = {id(piece): parted[id(piece)][0] for piece, _ in groups}
    if style in found:
        return found[style]
    readings = {tuple(sorted(reading.items())) for reading in found.values()}
    # the header's own words do not say how it aligns: only a reading every rule agrees on
    return next(iter(found.values())) if len(readings) == 1 and style is None else None


def _style(columns: list[_Column]) -> str | None:
    """How the header aligns its words in their columns (left, right or centre), from the
    column names narrower than their columns; None when they do not agree or do not say."""
    seen: set[str] = set()
    for column in columns:
        leaf = column.leaf
        if leaf is None or column.end - column.start - (leaf.end - leaf.start) < 2:
            continue
        ways = set()
        if abs(leaf.start - column.start) <= _EDGE_TOLERANCE:
            ways.add("left")
        if abs(leaf.end - column.end) <= _EDGE_TOLERANCE:
            ways.add("right")
        if abs((leaf.start + leaf.end) - (column.start + column.end)) <= 2 * _EDGE_TOLERANCE:
            ways.add("centre")
        if not ways:
            return None  # a word neither at an edge nor centred: no one style
        if len(ways) == 1:  # a word that fits two ways says nothing
            seen |= ways
    return seen.pop() if len(seen) == 1 else None


def _part_free(
    segments: list[tuple[int, int, _Piece | None, _Piece | None]],
    spans: dict[int, list[int]],
    group_ids: set[int],
    columns: list[_Column],
    rule: str,
) -> dict[int, list[int]] | None:
    """Free columns given to the merged words beside them by one alignment rule: ``left``
    (a left-aligned word owns the columns to its right), ``right`` (the columns to its left),
    ``centre`` (a word owns the free columns on its open side; between two words the
    columns are parted where both stand most nearly centred)."""

    def is_group(piece: _Piece | None) -> bool:
        return piece is not None and id(piece) in group_ids

    between: list[tuple[int, int, _Piece, _Piece]] = []
    for first, last, left, right in segments:
        if rule == "right":
            if right is None or not is_group(right):
                return None
            spans[id(right)][0] = min(spans[id(right)][0], first)
        elif left is not None and is_group(left) and (rule == "left" or not is_group(right)):
            spans[id(left)][1] = max(spans[id(left)][1], last)
        elif right is not None and is_group(right) and not is_group(left) and rule == "centre":
            spans[id(right)][0] = min(spans[id(right)][0], first)
        elif left is not None and right is not None and is_group(left) and is_group(right):
            between.append((first, last, left, right))
        else:
            return None

    def off_centre(piece: _Piece, first: int, last: int) -> float:
        return abs((columns[first].start + columns[last].end) / 2 - (piece.start + piece.end) / 2)

    for first, last, left, right in between:
        costs = sorted(
            (
                off_centre(left, spans[id(left)][0], max(spans[id(left)][1], cut - 1))
                + off_centre(right, min(spans[id(right)][0], cut), spans[id(right)][1]),
                cut,
            )
            for cut in range(first, last + 2)
        )
        if len(costs) > 1 and costs[0][0] == costs[1][0]:
            return None
        cut = costs[0][1]
        spans[id(left)][1] = max(spans[id(left)][1], cut - 1)
        spans[id(right)][0] = min(spans[id(right)][0], cut)
    return spans


def _body_cells(block: Block, columns: list[_Column]) -> tuple[str, ...] | None:
    cells = [""] * len(columns)
    for text, (start, end) in zip(block.cells, block.spans, strict=True):
        covered = [i for i, column in enumerate(columns) if column.overlaps(start, end)]
        if not covered:
            # in a gutter: the nearest column, when one is nearer than the other
            distance = sorted(
                (min(abs(start - column.end), abs(column.start - end)), i)
                for i, column in enumerate(columns)
            )
            if len(distance) > 1 and distance[0][0] == distance[1][0]:
                return None
            covered = [distance[0][1]]
        if len(covered) > 1:
            return None
        at = covered[0]
        cells[at] = f"{cells[at]} {text}".strip()
    return tuple(cells)
