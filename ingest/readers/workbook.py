"""Read .xls and .xlsx workbooks as cells (python-calamine: values as stored, not as shown).

Every visible worksheet is read in workbook order.  A row with two or more filled cells is a
table row with one cell per column from A (an empty cell is ""), so ``cells[i]`` is column
i; the single-cell rows above a sheet's first such row (附表3-1, the table's title, 公开01表)
are prose, as they would be above a ruled table in a PDF.  Provenance: ``page`` is the
sheet's number in the workbook, ``line`` the row's number, ``sheet`` the sheet's name.

Numbers are written from the stored double at Excel's own precision, 15 significant
digits: a stored 24747.039999999997 (the double a SUM of cents lands on) is the 24747.04
that Excel shows and computes with, and 1014.0 is "1014".  Dates become ISO text.
Hidden sheets are skipped: they are not part of what was published.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Sequence
from decimal import Decimal

from python_calamine import (
    CalamineError,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from ingest.codes import RejectionReason
from ingest.limits import Limits
from ingest.model import Block, UnreadableDocument
from ingest.readers.cells import join_lines
from ingest.readers.containers import open_zip, xls_has_password
from ingest.readers.document import Layout, ReadDocument, SourceFormat

_PASSWORD = re.compile(r"password|encrypt", re.IGNORECASE)


def read_workbook(data: bytes, source_format: SourceFormat, limits: Limits) -> ReadDocument:
    payload = data
    if source_format is SourceFormat.XLSX:
        package = open_zip(data, limits)
        for name, content in package.entries.items():
            _check_extent(name, content, limits)
        payload = package.repacked
    elif xls_has_password(data):
        raise UnreadableDocument(
            RejectionReason.ENCRYPTED,
            "the workbook is password-protected: remove the password and save it",
        )
    workbook = _open(payload)
    blocks: list[Block] = []
    sheets = 0
    with workbook:
        for number, meta in enumerate(workbook.sheets_metadata, start=1):
            if meta.typ != SheetTypeEnum.WorkSheet or meta.visible != SheetVisibleEnum.Visible:
                continue
            rows, merges = _sheet_rows(workbook, number - 1, meta.name, limits)
            blocks += sheet_blocks(rows, number, meta.name, merges)
            sheets += 1
    limits.check_pages(sheets)
    if not blocks:
        raise UnreadableDocument(
            RejectionReason.EMPTY, "the workbook's visible sheets hold no cells"
        )
    text = "\n".join(block.text for block in blocks)
    return ReadDocument(
        source_format, text, blocks, Layout.WORKBOOK, pages=sheets, lines=len(blocks)
    )


def _open(payload: bytes) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(payload))
    except PasswordError as exc:
        raise UnreadableDocument(
            RejectionReason.ENCRYPTED,
            "the workbook is password-protected: remove the password and save it",
        ) from exc
    except (CalamineError, ValueError, OSError) as exc:
        if _PASSWORD.search(str(exc)):
            raise UnreadableDocument(
                RejectionReason.ENCRYPTED,
                f"the workbook is password-protected ({exc}): remove the password and save it",
            ) from exc
        raise UnreadableDocument(
            RejectionReason.DAMAGED, f"the workbook is damaged and cannot be opened ({exc})"
        ) from exc


def _sheet_rows(
    workbook: CalamineWorkbook, index: int, name: str, limits: Limits
) -> tuple[Sequence[Sequence[object]], Sequence[Merge]]:
    try:
        sheet = workbook.get_sheet_by_index(index)
    except (CalamineError, ValueError, OSError) as exc:
        if _PASSWORD.search(str(exc)):
            raise UnreadableDocument(
                RejectionReason.ENCRYPTED, f"sheet {name!r} is protected ({exc})"
            ) from exc
        raise UnreadableDocument(
            RejectionReason.DAMAGED, f"sheet {name!r} of the workbook is damaged ({exc})"
        ) from exc
    end = sheet.end
    if end is None:
        return [], []
    cells = (end[0] + 1) * (end[1] + 1)
    if cells > limits.max_cells:
        raise _too_many_cells(name, end[0] + 1, end[1] + 1, limits)
    return sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges or []


def _too_many_cells(sheet: str, rows: int, columns: int, limits: Limits) -> UnreadableDocument:
    return UnreadableDocument(
        RejectionReason.TOO_LARGE,
        f"sheet {sheet!r} spans {rows} rows x {columns} columns, over the "
        f"{limits.max_cells}-cell per-sheet limit (a budget table has a few thousand cells)",
    )


_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(/?)>")
_REF = re.compile(rb"""\br\s*=\s*["']([A-Za-z]{1,3})(\d{1,7})["']""")


def _check_extent(part: str, content: bytes, limits: Limits) -> None:
    """A sheet's used range before calamine allocates it as a dense grid.

    The range runs from the first to the last cell holding a value (a self-closing
    ``<c .../>`` holds none); a cell without a reference follows the one before it, so each
    such cell may widen the range by one.
    """
    if not _SHEET_DATA.search(content):
        return
    rows: list[int] = []
    columns: list[int] = []
    unplaced = 0
    for match in _CELL_TAG.finditer(content):
        if match.group(2):
            continue
        ref = _REF.search(match.group(1))
        if ref is None:
            unplaced += 1
            continue
        rows.append(int(ref.group(2)))
        columns.append(_column_number(ref.group(1)))
    if not rows:
        if unplaced > limits.max_cells:
            raise _too_many_cells(part, unplaced, 1, limits)
        return
    height = max(rows) - min(rows) + 1 + unplaced
    width = max(columns) - min(columns) + 1 + unplaced
    if height * width > limits.max_cells:
        raise _too_many_cells(part, height, width, limits)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def cell_text(value: object) -> str:
    """A stored cell value as the text a reader of the workbook sees."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, str):
        return join_lines(value)
    return join_lines(str(value))


def number_text(value: float) -> str:
    """Excel's 15 significant digits, without exponent or trailing zeros."""
    if not math.isfinite(value):
        return ""
    text = f"{value:.15g}"
    if "e" in text:
        text = format(Decimal(text), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


Merge = tuple[tuple[int, int], tuple[int, int]]


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _covered(merges: Sequence[Merge], height: int, width: int) -> set[tuple[int, int]]:
    """Cells hidden under a merged range (all but its top-left), within the used area."""
    out: set[tuple[int, int]] = set()
    for (top, left), (bottom, right) in merges:
        for row in range(max(top, 0), min(bottom, height - 1) + 1):
            for column in range(max(left, 0), min(right, width - 1) + 1):
                if (row, column) != (top, left):
                    out.add((row, column))
    return out


def sheet_blocks(
    rows: Sequence[Sequence[object]],
    sheet_number: int,
    sheet_name: str,
    merges: Sequence[Merge] = (),
) -> list[Block]:
    """A sheet as the page it prints: a merged range shows only its top-left value, and a
    column that every table row merges into its left neighbour is no column of the table
    (a ruled PDF of the sheet draws no line there), so it is left out; ``columns`` keeps
    each remaining cell's letter."""
    texts = [[cell_text(value) for value in row] for row in rows]
    width = max((i + 1 for row in texts for i, cell in enumerate(row) if cell), default=0)
    covered = _covered(merges, len(texts), width)
    for row_index, column in covered:
        if column < len(texts[row_index]):
            texts[row_index][column] = ""  # Excel shows the merged range's first value only
    filled = [sum(1 for cell in row if cell) for row in texts]
    first_table_row = next((i for i, count in enumerate(filled) if count >= 2), len(texts))
    table_rows = [i for i, count in enumerate(filled) if count >= 2]
    kept = [
        column
        for column in range(width)
        if column == 0 or any((row, column) not in covered for row in table_rows)
    ]
    letters = tuple(column_letter(column) for column in kept)
    blocks: list[Block] = []
    for index, row in enumerate(texts):
        if not filled[index]:
            continue
        number = index + 1
        padded = list(row[:width]) + [""] * (width - len(row))
        if index < first_table_row:
            text = " ".join(cell for cell in padded if cell)
            blocks.append(Block(text, (text,), number, number, sheet_number, sheet=sheet_name))
            continue
        cells = tuple(padded[column] for column in kept)
        text = " ".join(cell for cell in cells if cell)
        blocks.append(
            Block(
                text,
                cells,
                number,
                number,
                sheet_number,
                is_row=True,
                sheet=sheet_name,
                columns=letters,
            )
        )
    return blocks
