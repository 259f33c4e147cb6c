"""The arithmetic an OCR'd figure must pass before it lands.

A printed figure is what the document says; a figure read by OCR from a scan may be a
misread digit that the recognition scored well.  The document's own sums catch that: in a
table read from a scanned page, every row's total must be its basic plus project
expenditure, every parent subject the sum of its children, the 合计 row the sum of the
classes, and the 三公 total the sum of its parts.  A figure in a sum that does not balance
is withheld with every figure of that sum (which one is misread cannot be told) as an
``ocr_uncertain`` issue; figures no sum covers land on their recognition score alone.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ingest.codes import IssueCode
from ingest.model import ParseIssue
from ingest.narrative.facts import ThreePublicFigure
from ingest.recognise.budget_tables import BudgetLine

_PARTS = ("basic", "project")
_TOTAL_KEYS = {"total", "合计", "总计"}


def _is_total_row(line: BudgetLine) -> bool:
    return line.subject_code is None and (line.row_key or "") in _TOTAL_KEYS


def unbalanced_lines(lines: list[BudgetLine]) -> set[int]:
    """Indexes (into ``lines``) of the figures in a sum that does not balance."""
    bad: set[int] = set()
    # rows: total = basic + project, where the row prints both (a table may split basic
    # into personnel and public columns, or a blank part may be another column's figure)
    by_row: dict[tuple[str, str, int | None, int], dict[str, int]] = defaultdict(dict)
    for index, line in enumerate(lines):
        key = (line.table_kind, line.table_title, line.page, line.line)
        by_row[key][line.column_name] = index
    for columns in by_row.values():
        if "total" in columns and all(part in columns for part in _PARTS):
            parts = [columns[part] for part in _PARTS]
            total = lines[columns["total"]].amount
            if total != sum((lines[index].amount for index in parts), Decimal(0)):
                bad |= {columns["total"], *parts}
    # columns: a subject = the sum of its children; the 合计 row = the sum of the classes
    by_column: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        by_column[(line.table_kind, line.table_title, line.column_name)].append(index)
    for indexes in by_column.values():
        codes: dict[str, list[int]] = defaultdict(list)
        for index in indexes:
            code = lines[index].subject_code
            if code and code.isdigit():
                codes[code].append(index)
        groups: list[tuple[list[int], list[int]]] = []
        for code, parents in codes.items():
            children = [
                child
                for other, found in codes.items()
                if len(other) == len(code) + 2 and other.startswith(code)
                for child in found
            ]
            if children:
                groups.append((parents, children))
        classes = [index for code, found in codes.items() if len(code) == 3 for index in found]
        totals = [index for index in indexes if _is_total_row(lines[index])]
        if classes and totals:
            groups.append((totals, classes))
        for parents, children in groups:
            expected = sum((lines[index].amount for index in children), Decimal(0))
            if any(lines[index].amount != expected for index in parents):
                bad |= {*parents, *children}
    return bad


def unbalanced_three_public(figures: list[ThreePublicFigure]) -> set[int]:
    """Indexes of the 三公 figures of a table whose total is not the sum of its parts."""
    bad: set[int] = set()
    by_year: dict[int, dict[str, int]] = defaultdict(dict)
    for index, figure in enumerate(figures):
        if figure.source == "table" and figure.amount is not None:
            by_year[figure.fiscal_year][figure.component] = index
    for found in by_year.values():

        def amount(component: str, found: dict[str, int] = found) -> Decimal:
            return figures[found[component]].amount or Decimal(0)

        sums: list[tuple[str, tuple[str, ...]]] = [
            ("vehicle_total", ("vehicle_purchase", "vehicle_operation")),
            ("total", ("overseas", "reception", "vehicle_total")),
        ]
        for whole, parts in sums:
            complete = whole in found and all(part in found for part in parts)
            if complete and amount(whole) != sum((amount(part) for part in parts), Decimal(0)):
                bad |= {found[whole], *(found[part] for part in parts)}
    return bad


def withheld_issue(page: int | None, line: int, snippet: str, what: str) -> ParseIssue:
    return ParseIssue(
        IssueCode.OCR_UNCERTAIN,
        f"page {page}: {what} was read by OCR and the table's sums do not balance with it; "
        "not landed",
        line=line,
        page=page,
        snippet=snippet[:200],
    )
