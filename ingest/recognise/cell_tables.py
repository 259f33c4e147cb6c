"""Budget lines from a ruled table read cell by cell (every column kept, headers merged).

Each body row × amount column becomes one line, the column named by ``header.Column``:
the budget year's figures keep the plain key (``total``, ``basic`` …), last year's and the
change columns are landed apart (``prior_year``, ``change`` …) with their own year.  The
subject code is read from one code column or joined from 类/款/项 columns, a 项 row under its
类 and 款 parent rows taking their parts.  A summary table (收支总表) is read as sections side
by side, one per label column: income first, then expenditure (by function, then by economic
class when the table prints those too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from ingest.amounts import compact_text, normalise_text, parse_amount
from ingest.codes import IssueCode
from ingest.model import Block, IssueLog, Severity
from ingest.recognise.grid import Grid, LogicalRow
from ingest.recognise.header import Column, flattened_paths, resolve_columns
from ingest.recognise.segment import Table
from ingest.recognise.three_public_terms import path_component
from ingest.recognise.titles import TableKind

SUBJECT_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_CODE_PARTS = ("code_1", "code_2", "code_3")
_PART_LENGTH = {"code_1": 3, "code_2": 2, "code_3": 2}
_SUMMARY = (TableKind.INCOME_EXPENSE_SUMMARY, TableKind.FISCAL_APPROPRIATION_SUMMARY)


@dataclass(frozen=True, slots=True)
class Cell:
    """One amount of a body row, placed: which row, which column, what it says."""

    row: LogicalRow
    label: str
    code: str | None
    side: str | None
    column: Column
    text: str
    amount: Decimal


def is_rectangular(grid: Grid) -> bool:
    """A table read from PDF ruling lines: the header rows and most body rows have one width
    (a 合计 row whose cell spans the code and name columns may be narrower)."""
    if not grid.header or not grid.body or any(row.packed for row in grid.body):
        return False
    widths = {len(block.cells) for block in grid.header}
    if len(widths) != 1:
        return False
    width = widths.pop()
    body = [len(row.first.cells) for row in grid.body]
    return body.count(width) * 2 > len(body) and max(body) == width


def row_values(row: LogicalRow, columns: list[Column], log: IssueLog) -> tuple[str, ...] | None:
    """The row's cells, one per column.  A narrower row (合计 spanning the label columns) is
    aligned on its amounts when it has exactly one cell per amount column besides its label;
    any other width cannot be placed with certainty and is reported, not guessed."""
    values = row.first.cells
    if len(values) == len(columns):
        return values
    amounts = [column for column in columns if column.is_amount]
    trailing = columns[len(columns) - len(amounts) :]
    if trailing == amounts and len(values) == len(amounts) + 1:
        label_at = max(column.index for column in columns if not column.is_amount)
        aligned = [""] * len(columns)
        aligned[label_at] = values[0]
        for column, value in zip(amounts, values[1:], strict=True):
            aligned[column.index] = value
        return tuple(aligned)
    log.add(
        IssueCode.ROW_NOT_ALIGNED,
        f"a row of {len(values)} cells in a table of {len(columns)} columns: its amounts "
        "cannot be placed in their columns and are not landed",
        row.first,
    )
    return None


_COMPONENT_COLUMN = {"table_grand_total": "grand_total", "agency_operating": "agency_operating"}


def _three_public_columns(columns: list[Column]) -> list[Column]:
    """A 三公 table with its components in columns: name each column by its component."""
    found = {column.index: path_component(column.path) for column in columns if column.is_amount}
    if not any(c not in (None, "table_grand_total") for c in found.values()):
        return columns  # components in rows: the columns are 合计 / 一般公共预算 …
    return [
        replace(column, key=_COMPONENT_COLUMN.get(component, component))
        if (component := found.get(column.index)) is not None
        else column
        for column in columns
    ]


def columns_of(grid: Grid, budget_year: int | None, kind: TableKind | None = None) -> list[Column]:
    width = len(grid.header[0].cells)
    columns = resolve_columns([block.cells for block in grid.header], width, budget_year)
    return _finish_columns(grid, columns, kind, width)


def _pad_text_rows(grid: Grid) -> None:
    """A text reader drops the empty cells at the end of a row (a spreadsheet's export of a
    merged header, a blank last column): give every row the table's width back.  The header
    is padded only when it would then be as wide as the body (a spreadsheet's layout)."""
    width = max(len(block.cells) for block in [*grid.header, *(row.first for row in grid.body)])
    for row in grid.body:
        if len(row.first.cells) < width:
            row.first = _padded(row.first, width)
    top = grid.header[0].cells if grid.header else ()
    spreadsheet = any(not cell.strip() for cell in top[1:])  # blanks beside a merged cell
    if spreadsheet and all(len(block.cells) <= width for block in grid.header):
        grid.header = [_padded(block, width) for block in grid.header]


def _padded(block: Block, width: int) -> Block:
    return replace(block, cells=(*block.cells, *[""] * (width - len(block.cells))))


def _finish_columns(
    grid: Grid, columns: list[Column], kind: TableKind | None, width: int
) -> list[Column]:
    if kind in (TableKind.THREE_PUBLIC, TableKind.THREE_PUBLIC_GOV_FUND):
        columns = _three_public_columns(columns)
    # a column the header does not name but whose cells are words is a label (项目) column
    out = []
    for column in columns:
        if not column.key and _is_text_column(grid, column.index, width):
            column = Column(column.index, "name", column.label, column.path, "current", None, None)
        out.append(column)
    amounts = [column for column in out if column.is_amount and column.key]
    if amounts and amounts[0].key == "subtotal" and not any(c.key == "total" for c in amounts):
        # 小计 | 其中：基本支出 | 项目支出: the first amount column is the row's total
        first = amounts[0]
        out[first.index] = replace(first, key="total")
    return out


def _is_text_column(grid: Grid, index: int, width: int) -> bool:
    texts = [row.first.cells[index].strip() for row in grid.body if len(row.first.cells) == width]
    filled = [text for text in texts if text]
    words = [text for text in filled if parse_amount(text) is None]
    return bool(filled) and len(words) >= 0.8 * len(filled)


def cells(table: Table, grid: Grid, columns: list[Column], log: IssueLog) -> Iterator[Cell]:
    """Every amount of a subject table (功能分类 / 经济分类 / 三公 rows), placed."""
    by_key: dict[str, Column] = {}
    for column in columns:  # the first of each: a second code/name pair is the 政府经济分类
        if not column.is_amount:
            by_key.setdefault(column.key, column)
    parts = _first_code_run(columns)
    context = ["", "", ""]
    _report_unnamed(table, columns, log)
    for row in grid.body:
        aligned = row_values(row, columns, log)
        if aligned is None:
            continue
        values = aligned
        label = _label(values, by_key)
        code_columns = parts or [by_key[key] for key in ("code",) if key in by_key]
        words = [
            values[column.index].strip()
            for column in code_columns
            if values[column.index].strip()
            and not normalise_text(values[column.index]).replace(" ", "").isdigit()
        ]
        code: str | None = None
        if words:  # 合计 printed across the code columns
            label = label or compact_text(words[0])
        elif parts:
            code = _joined_code(values, parts, context, row, log)
        else:
            code = _single_code(values, by_key.get("code"), row, log)
        if code is None and not code_columns:
            code, label = _code_in_label(label)
        if not label and not code and not _labelless(columns):
            continue
        for column in columns:
            if not column.is_amount or not column.key:
                continue
            text = values[column.index].strip()
            amount = parse_amount(text)
            if amount is None and not text and code and column.name == "total":
                # a subject the table lists with its total cell left blank: a reported zero
                # (a blank cell of a table that lists the item), never a missing figure
                amount = Decimal(0)
            if amount is not None:
                yield Cell(row, label, code, None, column, text, amount)


def summary_cells(table: Table, grid: Grid, columns: list[Column], log: IssueLog) -> Iterator[Cell]:
    """Every amount of a 收支总表: sections of (label column, its amount columns)."""
    sections: list[tuple[Column, list[Column], str]] = []
    for column in columns:
        if column.key == "name":
            side = _section_side(column, len(sections), [s[2] for s in sections])
            sections.append((column, [], side))
        elif sections and column.is_amount and column.key:
            sections[-1][1].append(column)
    if len(sections) < 2:
        log.add(IssueCode.HEADER_UNRECOGNISED, "summary table without two 项目 columns")
        return
    _report_unnamed(table, columns, log)
    for row in grid.body:
        values = row_values(row, columns, log)
        if values is None:
            continue
        for label_column, amounts, side in sections:
            label = compact_text(values[label_column.index])
            for column in amounts:
                text = values[column.index].strip()
                amount = parse_amount(text)
                if label and amount is not None:
                    yield Cell(row, label, None, side, column, text, amount)


def _first_code_run(columns: list[Column]) -> list[Column]:
    """类 | 款 | 项 columns side by side; a second run (政府预算经济分类) is not the subject."""
    run: list[Column] = []
    for column in columns:
        if column.key in _CODE_PARTS and (not run or column.index == run[-1].index + 1):
            if run and _CODE_PARTS.index(column.key) <= _CODE_PARTS.index(run[-1].key):
                break
            run.append(column)
        elif run:
            break
    return run


def _labelless(columns: list[Column]) -> bool:
    """A table with no label column at all (a 三公 table of one row of figures)."""
    return all(column.is_amount for column in columns)


def _section_side(column: Column, position: int, before: list[str]) -> str:
    words = "".join(column.path)
    if "经济" in words and "expenditure" in before:
        return "expenditure_economic"
    if "支出" in words or (position > 0 and "收入" not in words):
        return "expenditure"
    return "income"


def _label(values: tuple[str, ...], by_key: dict[str, Column]) -> str:
    for key in ("name", "unit", "year", "unit_code"):
        column = by_key.get(key)
        if column is not None and values[column.index].strip():
            return compact_text(values[column.index])
    return ""


_CODE_IN_LABEL = re.compile(r"^[\[【(（]?(\d{3}(?:\d{2}){0,2})[\]】)）]?\s*(?=\D)")


def _code_in_label(label: str) -> tuple[str | None, str]:
    """'[20111]纪检监察事务' or '2011101 行政运行' in one cell: the code and the name."""
    match = _CODE_IN_LABEL.match(label)
    if match is None:
        return None, label
    return match.group(1), label[match.end() :].strip()


def _single_code(
    values: tuple[str, ...], column: Column | None, row: LogicalRow, log: IssueLog
) -> str | None:
    if column is None:
        return None
    code = normalise_text(values[column.index]).replace(" ", "")
    if not code:
        return None
    if not SUBJECT_CODE.match(code):
        if code.isdigit():
            log.add(
                IssueCode.SUBJECT_CODE_INVALID,
                f"{code!r} is not a 3/5/7-digit subject code",
                row.first,
            )
        return None
    return code


def _joined_code(
    values: tuple[str, ...],
    parts: list[Column],
    context: list[str],
    row: LogicalRow,
    log: IssueLog,
) -> str | None:
    """类 | 款 | 项 columns: '201' '13' '01' → 2011301; a part left blank under a parent row
    is the parent's ('' '' '01' after 201 / 13 → 2011301)."""
    given = [normalise_text(values[part.index]).replace(" ", "") for part in parts]
    if not any(given):
        return None
    # 款/项 printed as a number by a spreadsheet lose their leading zero: '2' is 02
    given = [
        "0" + text if text.isdigit() and len(text) == 1 and part.key != "code_1" else text
        for text, part in zip(given, parts, strict=True)
    ]
    deepest = max(level for level, text in enumerate(given) if text)
    for level, text in enumerate(given):
        if text:
            context[level] = text
        elif level < deepest:
            continue  # printed only on the parent row above
        else:
            context[level] = ""
    joined = context[: deepest + 1]
    lengths = [_PART_LENGTH[part.key] for part in parts[: deepest + 1]]
    pairs = zip(joined, lengths, strict=True)
    if any(not part or len(part) != n or not part.isdigit() for part, n in pairs):
        log.add(
            IssueCode.SUBJECT_CODE_INVALID,
            f"subject code parts {given!r} do not join into a 类/款/项 code",
            row.first,
        )
        return None
    return "".join(joined)


def _report_unnamed(table: Table, columns: list[Column], log: IssueLog) -> None:
    unnamed = [column for column in columns if not column.key and column.path]
    for column in unnamed:
        log.add(
            IssueCode.COLUMN_UNRECOGNISED,
            f"column {'/'.join(column.path)!r} of {table.title!r} is not a known budget "
            "column; its amounts are not landed",
            table.title_block,
            Severity.INFO,
        )


def table_columns(table: Table, grid: Grid, budget_year: int | None) -> list[Column] | None:
    """The resolved columns of a ruled table (PDF grid) or of a text export whose merged
    header cells were flattened (tabs, pipes, CSV, a cell per line); None when the header
    cannot be read column by column."""
    if not grid.header or not grid.body or any(row.packed for row in grid.body):
        return None
    if all(block.page is None for block in table.rows):
        _pad_text_rows(grid)
    _code_parts_from_first_row(grid)
    if is_rectangular(grid):
        return columns_of(grid, budget_year, table.kind)
    width = max(len(row.first.cells) for row in grid.body)
    if any(len(block.cells) > width for block in grid.header):
        return None
    paths = flattened_paths([block.cells for block in grid.header], width)
    if (
        paths is None
        and all(block.page is None for block in table.rows)
        and not is_summary(table.kind)
    ):
        # the header's leaves are more than the widest row: a text reader dropped the blank
        # cells at the end of every row (a blank last column); give them back.  Not in a
        # two-sided summary (收入 | 支出), whose short rows are one side's list running
        # longer than the other's: padded, its 支出 rows would stand on the 收入 side
        leaves = flattened_paths([block.cells for block in grid.header], None)
        if leaves is not None and len(leaves) > width:
            width = len(leaves)
            for row in grid.body:
                row.first = _padded(row.first, width)
            paths = leaves
    if paths is None:
        return None
    columns = resolve_columns([], width, budget_year, paths)
    return _finish_columns(grid, columns, table.kind, width)


_CODE_PART_WORDS = ("类", "款", "项")


def _code_parts_from_first_row(grid: Grid) -> None:
    """类 | 款 | 项 printed in the 合计 row's first cells (the header's last line merged with
    the first body row, as 部门决算 tables print it): they are header words, the row the 合计."""
    first = grid.body[0]
    cells = [cell.strip() for cell in first.cells]
    lead = [i for i, cell in enumerate(cells) if cell in _CODE_PART_WORDS]
    if len(lead) < 2 or lead != list(range(lead[0], lead[0] + len(lead))):
        return
    if [cells[i] for i in lead] != list(_CODE_PART_WORDS[: len(lead)]):
        return
    header_cells = tuple(cell if i in lead else "" for i, cell in enumerate(first.cells))
    body_cells = ["" if i in lead else cell for i, cell in enumerate(first.cells)]
    grid.header.append(replace(first.first, cells=header_cells))
    first.cells = body_cells
    first.first = replace(first.first, cells=tuple(body_cells))


def is_summary(kind: TableKind) -> bool:
    return kind in _SUMMARY
