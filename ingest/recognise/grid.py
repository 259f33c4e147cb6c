"""Split a table's blocks into meta, header and body rows; rebuild rows that PDF text wrapped.

Standard budget tables print a meta line (unit name, 预算年度, 单位：万元), one or more
header rows, a 栏次 row numbering the columns, then body rows that start with their 序号.
When a table continues on the next page, PDF text repeats the meta and header lines: they
are skipped here, so the body reads as one table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.amounts import normalise_text, parse_amount
from ingest.model import Block
from ingest.recognise.units import stated_unit

_YEAR = re.compile(r"预算年度\s*[:：]\s*(\d{4})")
_META = re.compile(r"预算年度|单位\s*[:：]|编制(部门|单位)\s*[:：]|截止时间")


def find_unit(texts: list[str]) -> str | None:
    """The unit the texts state (one definition: ``recognise/units.py``)."""
    return stated_unit(texts)


def own_unit(title: str, blocks: list[Block]) -> str | None:
    """The unit a table states for itself: in its title or a line above its first body row.

    A unit line after the table's rows states the unit of the tables that follow (a part's
    statement, ``Table.part_unit``), not of this one.
    """
    head: list[str] = [title]
    for block in blocks:
        if _looks_like_body(block):
            break
        head.append(block.text)
    return stated_unit(head)


def find_year(texts: list[str]) -> int | None:
    for text in texts:
        match = _YEAR.search(normalise_text(text))
        if match:
            return int(match.group(1))
    return None


def is_meta(block: Block) -> bool:
    return bool(_META.search(normalise_text(block.text)))


_PLACEHOLDER = re.compile(r"^(\*+|[甲乙丙丁])$")


def is_column_numbering(block: Block) -> bool:
    """The 栏次 row: '栏次 1 2 3 4', or bare column numbers '1 2 3 4 5' under a header."""
    cells = [c.replace(" ", "") for c in block.cells if c.strip()]
    if cells and cells[0] == "栏次":
        return True
    # '** ** ** 1 2 3' / '甲 乙 1 2 3': placeholders over the label columns, then numbers
    cells = [cell for cell in cells if not _PLACEHOLDER.match(cell)]
    if block.packed or len(cells) < 3 or not all(cell.isdigit() for cell in cells):
        return False
    numbers = [int(cell) for cell in cells]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers))) and numbers[0] <= 1


def column_count(block: Block) -> int:
    return sum(1 for cell in block.cells[1:] if cell.strip().isdigit())


@dataclass(slots=True)
class LogicalRow:
    """A body row: its 序号 and cells (positional) or tokens (packed), with provenance."""

    number: int | None
    cells: list[str]
    first: Block
    line_end: int
    packed: bool

    @property
    def snippet(self) -> str:
        return " ".join(c for c in self.cells if c)[:200]


@dataclass(slots=True)
class Grid:
    meta: list[Block] = field(default_factory=list)
    header: list[Block] = field(default_factory=list)
    body: list[LogicalRow] = field(default_factory=list)
    width: int | None = None  # columns counted by the 栏次 row

    @property
    def unit(self) -> str | None:
        return find_unit([b.text for b in self.meta + self.header])


def _looks_like_body(block: Block) -> bool:
    """A row of figures: a 序号 or subject code first, an amount, or a 合计 label."""
    cells = [c.strip() for c in block.cells if c.strip()]
    if not cells or is_column_numbering(block):
        return False
    if len(cells) >= 2 and cells[0].isdigit():
        return True
    return any(_is_amount(cell) for cell in cells)


def _is_amount(cell: str) -> bool:
    """An amount as tables print it; a bare year (2025) may be a header word."""
    text = normalise_text(cell).replace(" ", "")
    return parse_amount(text) is not None and not _YEAR_ALONE.match(text)


_YEAR_ALONE = re.compile(r"^(19|20)\d{2}$")


def build_grid(rows: list[Block]) -> Grid:
    grid = Grid()
    index = 0
    while index < len(rows) and is_meta(rows[index]):
        grid.meta.append(rows[index])
        index += 1
    has_numbering = any(is_column_numbering(row) for row in rows)
    while index < len(rows):
        row = rows[index]
        index += 1
        if is_column_numbering(row):
            grid.width = column_count(row)
            break
        if not has_numbering and _looks_like_body(row):
            index -= 1
            break
        grid.header.append(row)
    packed = any(row.packed for row in rows)
    body = rows[index:]
    has_row_number = any("序号" in clean for row in grid.header for clean in row.cells)
    headers = {tuple(cell.replace(" ", "") for cell in row.cells) for row in grid.header}
    grid.body = _packed_rows(body) if packed else _cell_rows(body, has_row_number, headers)
    return grid


def _cell_rows(
    blocks: list[Block], has_row_number: bool, headers: set[tuple[str, ...]]
) -> list[LogicalRow]:
    """Body rows of a cell layout; header rows repeated on a continuation page are skipped."""
    out: list[LogicalRow] = []
    skipping = False
    for block in blocks:
        if is_column_numbering(block) or tuple(c.replace(" ", "") for c in block.cells) in headers:
            continue
        if is_meta(block):
            skipping = True  # a repeated page header: skip through its 栏次 row
            continue
        if skipping:
            skipping = not (is_column_numbering(block) or _looks_like_body(block))
            if skipping or is_column_numbering(block):
                continue
        first = block.cells[0].strip() if block.cells else ""
        number = int(first) if has_row_number and first.isdigit() else None
        cells = list(block.cells[1:] if has_row_number else block.cells)
        out.append(LogicalRow(number, cells, block, block.line_end, packed=False))
    return out


def _packed_rows(blocks: list[Block]) -> list[LogicalRow]:
    """Rows of space-separated text.  With a 序号 column a row starts at the next number and
    wrapped cells continue it; without one, a line with figures ends a row and the lines
    before it without figures (a code alone, a name wrapped over lines) belong to it."""
    heads = {block.cells[0] for block in blocks if block.cells}
    if {"1", "2"} <= heads:
        return _numbered_rows(blocks)
    out: list[LogicalRow] = []
    pending: list[str] = []
    first: Block | None = None
    skipping = False
    for block in blocks:
        if is_meta(block):
            skipping = True
            continue
        if skipping:
            skipping = not (is_column_numbering(block) or _looks_like_body(block))
            if skipping or is_column_numbering(block):
                continue
        tokens = list(block.cells)
        first = first or block
        pending.extend(tokens)
        if any(_is_amount(token) for token in tokens[1:] or ()) or _figures_only(tokens):
            out.append(LogicalRow(None, pending, first, block.line_end, packed=True))
            pending, first = [], None
    if pending and first is not None:
        out.append(LogicalRow(None, pending, first, first.line_end, packed=True))
    return out


def _figures_only(tokens: list[str]) -> bool:
    """'105.83 105.83' on a line of its own ends the row above it."""
    return bool(tokens) and all(_is_amount(token) for token in tokens) and "." in "".join(tokens)


def _numbered_rows(blocks: list[Block]) -> list[LogicalRow]:
    out: list[LogicalRow] = []
    skipping = False
    for block in blocks:
        if is_meta(block):
            skipping = True
            continue
        if skipping:
            skipping = not is_column_numbering(block)
            continue
        tokens = list(block.cells)
        head = tokens[0] if tokens else ""
        expected = out[-1].number + 1 if out and out[-1].number is not None else None
        starts_row = head.isdigit() and (expected is None or int(head) == expected)
        if starts_row or not out:
            number = int(head) if head.isdigit() else None
            out.append(
                LogicalRow(
                    number, tokens[1:] if starts_row else tokens, block, block.line_end, packed=True
                )
            )
        else:
            out[-1].cells.extend(tokens)  # a wrapped cell continues the row above
            out[-1].line_end = block.line_end
    return out
