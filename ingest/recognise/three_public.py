"""三公 figures from the 三公 table: each component of the budget year, and of the year before
when the table prints it, and zero the way the table says it.

The components sit in rows (因公出国(境)费 | 预算数) or in columns (合计 | 因公出国(境)费 | 公务
用车购置及运行费: 小计 购置费 运行费), each column possibly split by year (2021年 | 2022年 | 增减)
or by fund (一般公共预算 | 政府性基金预算).  Every amount is first *placed* — component, year,
fund — from the row label and the column's header path, never from its position; then one
figure per component and year is chosen: the column that holds the component's amount, else
its 一般公共预算 part; the 合计 row when the table lists several units.

An empty table with 空表列示 is a reported zero for every component; a listed component
with a blank cell in a table that has figures is a reported zero too; a component the table
does not list is not reported.  会议费/培训费 are kept apart: a grand total (合计) that
includes them is not the 三公 total.  The 机关运行经费 printed beside 三公 lands as a budget
line (``row_key`` agency_operating_cost).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from ingest.amounts import ZERO_WORDS, normalise_text, parse_amount
from ingest.codes import IssueCode
from ingest.model import IssueLog
from ingest.narrative.facts import ThreePublicFigure
from ingest.recognise.budget_tables import BudgetLine
from ingest.recognise.cell_tables import row_values, table_columns
from ingest.recognise.columns import columns_from_cells, columns_from_template
from ingest.recognise.grid import Grid, LogicalRow, build_grid
from ingest.recognise.header import Column, phases_named
from ingest.recognise.segment import Table
from ingest.recognise.three_public_terms import MAIN, component_of, path_component

_FUND_WORDS = (
    ("gov_fund", re.compile(r"政府性基金")),
    ("state_capital", re.compile(r"国有资本")),
    ("general_budget", re.compile(r"一般公共预算|公共预算")),
)
_YEAR = re.compile(r"(20\d{2})\s*年")
_ZERO = ZERO_WORDS | {"未安排", "无此项"}


@dataclass(frozen=True, slots=True)
class ThreePublicRead:
    figures: list[ThreePublicFigure]
    lines: list[BudgetLine]


@dataclass(frozen=True, slots=True)
class _Slot:
    """One cell of the table, placed: which component, which year, which fund."""

    component: str
    year: int
    fund: str | None  # None: the component's own amount column
    row: LogicalRow
    text: str
    amount: Decimal | None  # None: a blank cell
    is_total_row: bool
    phase: str | None = None  # 预算数 / 决算数 side by side in final accounts


def _fund(words: str) -> str | None:
    for key, pattern in _FUND_WORDS:
        if pattern.search(words):
            return key
    return None


def _amount(text: str) -> tuple[str, Decimal | None, bool]:
    """(text, amount, is_cell_filled): 无 / 未安排 / — are a printed zero."""
    cleaned = normalise_text(text).strip()
    amount = parse_amount(cleaned)
    if amount is None and cleaned.replace(" ", "") in _ZERO:
        return cleaned, Decimal(0), True
    return cleaned, amount, bool(cleaned)


def read_three_public_table(
    table: Table,
    unit: str,
    year: int,
    log: IssueLog | None = None,
    default_phase: str = "budget",
) -> ThreePublicRead:
    log = log if log is not None else IssueLog()
    grid = build_grid(table.rows)
    columns = table_columns(table, grid, year)
    if columns is not None:
        slots = _rectangular_slots(grid, columns, year, log)
    else:
        slots = _text_slots(table, grid, year, log)
    # a column that names no phase holds the document's own (a budget's 预算数, a final
    # account's 决算数): one figure per component, year and phase
    slots = [replace(slot, phase=slot.phase or default_phase) for slot in slots]
    figures = _choose(slots, unit, year, table, log)
    lines = _agency_lines(table, slots, unit, year)
    any_amount = any(s.amount is not None for s in slots if s.component != "agency_operating")
    # a 空表 note under a table of figures: the figures are landed as printed (the note is the
    # source's own contradiction, not a reason to drop them)
    empty_note = any("空表" in block.text for block in table.blocks)
    if not any_amount:
        listed = {s.component for s in slots}
        printed = any(_amount(c)[1] is not None for row in grid.body for c in row.cells)
        if printed and not listed:
            log.add(
                IssueCode.COLUMNS_AMBIGUOUS,
                f"the figures of {table.title!r} could not be placed on 三公 components; "
                "not landed",
                table.title_block,
            )
            return ThreePublicRead([], lines)
        # printed empty: a 空表 note, or a header with no figures under it
        if not (empty_note or (not listed and grid.header)):
            return ThreePublicRead([], lines)
        first = table.title_block
        # 预算数 | 决算数 over blank rows (final accounts): each phase the header names is
        # empty, not only the document's own
        header_text = " ".join(block.text for block in grid.header)
        named = list(dict.fromkeys(p for p in phases_named(header_text) if p != "rate"))
        phases = named if len(named) >= 2 and not _header_periods(header_text) else [default_phase]
        empty = [
            ThreePublicFigure(
                component=key,
                amount=None,
                amount_text="",
                money_unit=unit,
                reported_as="empty_table",
                source="table",
                fiscal_year=year,
                line=first.line,
                page=first.page,
                snippet=table.title[:200],
                phase=phase,
            )
            for phase in phases
            for key in MAIN
        ]
        return ThreePublicRead(empty, lines)
    return ThreePublicRead(figures, lines)


# --- placing the cells -------------------------------------------------------------------


def _rectangular_slots(grid: Grid, columns: list[Column], year: int, log: IssueLog) -> list[_Slot]:
    labels = [
        c for c in columns if not c.is_amount and c.key in ("name", "unit", "unit_code", "year")
    ]
    amounts = [c for c in columns if c.is_amount]
    by_column = {c.index: path_component(c.path) for c in amounts}
    components_in_columns = any(
        component not in (None, "table_grand_total") for component in by_column.values()
    )
    slots: list[_Slot] = []
    for row in grid.body:
        values = row_values(row, columns, log)
        if values is None:
            continue
        label = "".join(values[c.index] for c in labels if c.key in ("name", "unit", "unit_code"))
        if _CHANGE_ROW.search("".join(values[c.index] for c in labels)):
            continue  # 增减变化金额: the change between the years, not a year's figure
        row_year = _row_year(values, labels, year)
        is_total_row = component_of(label) == "table_grand_total"
        row_component = None if components_in_columns else component_of(label)
        for column in amounts:
            if column.period not in ("current", "prior_year"):
                continue
            component = by_column[column.index] if components_in_columns else row_component
            if component is None:
                continue
            fund = column.fund or _fund("".join(column.path))
            if not components_in_columns and column.key in ("total", "subtotal"):
                fund = None
            figure_year = row_year or column.year or year
            if column.period == "prior_year" and row_year is None:
                figure_year = column.year or year - 1
            text, amount, _ = _amount(values[column.index])
            slots.append(
                _Slot(component, figure_year, fund, row, text, amount, is_total_row, column.phase)
            )
    return slots


_CHANGE_ROW = re.compile(r"增减|变化|变动|比上年|较上年")


def _row_year(values: tuple[str, ...], labels: list[Column], year: int) -> int | None:
    """The year a row of a 年度 column is about: 2025年, 上年, 本年."""
    for column in labels:
        if column.key == "year":
            text = normalise_text(values[column.index])
            match = _YEAR.search(text)
            if match:
                return int(match.group(1))
            if "上年" in text:
                return year - 1
            if re.search(r"本年|当年", text):
                return year
    return None


def _text_slots(table: Table, grid: Grid, year: int, log: IssueLog) -> list[_Slot]:
    """Rows of a text layout: the component from the label; the budget year's amount from the
    column the header names, or — in packed text — from the header words' order."""
    # 预算数 | 决算数 (| 完成率) side by side, as final accounts print the 三公 table
    header_text = " ".join(block.text for block in grid.header)
    phases = phases_named(header_text)
    # 预算数 | 决算数 of one year; not 上年预算数 | 本年预算数, nor two years side by side
    if len(set(phases) - {"rate"}) >= 2 and not _header_periods(header_text):
        return _phase_slots(grid, phases, year, log)
    keys = _text_keys(table, grid)
    amount_keys = [key for key in keys if key not in ("name", "code", "row_number")]
    slots: list[_Slot] = []
    for row in grid.body:
        tokens = [normalise_text(c) for c in row.cells if c.strip()]
        label = "".join(t for t in tokens if _amount(t)[1] is None)
        component = component_of(label)
        if component is None:
            continue
        if row.packed or not any(key in ("prior_year", "change") for key in amount_keys):
            texts = [t for t in tokens if _amount(t)[1] is not None]
        else:
            pairs = list(zip(keys, row.cells, strict=False))
            texts = [cell for key, cell in pairs if key not in ("name", "code", "row_number")]
        placed = _place_text(texts, amount_keys, row.packed)
        if placed is None:
            log.add(
                IssueCode.COLUMNS_AMBIGUOUS,
                f"{len(texts)} amounts for the columns {amount_keys} of a 三公 row: which one is "
                "the budget year's cannot be told; not landed",
                row.first,
            )
            continue
        is_total_row = component == "table_grand_total"
        for period, text in placed:
            cleaned, amount, _ = _amount(text)
            figure_year = year - 1 if period == "prior_year" else year
            slots.append(_Slot(component, figure_year, None, row, cleaned, amount, is_total_row))
    return slots


def _phase_slots(grid: Grid, phases: list[str], year: int, log: IssueLog) -> list[_Slot]:
    """Rows of a text layout whose header prints the phases side by side: the amounts are the
    last cells, one per phase in the header's order.  Packed text that lost a blank cell
    cannot say which phase an amount is: a parse issue, never the first phase as a guess."""
    slots: list[_Slot] = []
    for row in grid.body:
        tokens = [normalise_text(c) for c in row.cells if c.strip()]
        label = "".join(t for t in tokens if _amount(t)[1] is None)
        component = component_of(label)
        if component is None:
            continue
        if row.packed:
            texts = [t for t in tokens if _amount(t)[1] is not None]
        else:
            texts = [normalise_text(cell) for cell in row.cells[-len(phases) :]]
        if len(texts) != len(phases):
            log.add(
                IssueCode.COLUMNS_AMBIGUOUS,
                f"{len(texts)} amounts under the columns {phases} of a 三公 row: which phase each "
                "is cannot be told; not landed",
                row.first,
            )
            continue
        for phase, text in zip(phases, texts, strict=True):
            if phase == "rate":
                continue
            cleaned, amount, _ = _amount(text)
            slots.append(
                _Slot(
                    component,
                    year,
                    None,
                    row,
                    cleaned,
                    amount,
                    component == "table_grand_total",
                    phase,
                )
            )
    return slots


def _text_keys(table: Table, grid: Grid) -> list[str]:
    if grid.width and not any(row.packed for row in table.rows):
        resolved = columns_from_cells([row.cells for row in grid.header], grid.width)
        if resolved and all(resolved.keys):
            return list(resolved.keys)
    header = " ".join(block.text for block in grid.header)
    periods = _header_periods(header)
    if periods:
        return ["name", *periods]
    return list(columns_from_template(table.kind, header, grid.width).keys)


_PERIOD_WORDS = (
    ("prior_year", re.compile(r"上年(?!结转|结余)|上年度")),
    ("change", re.compile(r"增减|比上年|较上年|增长")),
    ("current", re.compile(r"本年(预算)?数?|本年度")),
)


def _header_periods(header: str) -> list[str]:
    """'项目 上年预算数 本年预算数 增减额' → [prior_year, current, change], in printed order;
    empty when the header does not print a year's columns side by side."""
    text = normalise_text(header).replace(" ", "")
    found: list[tuple[int, str]] = []
    for period, pattern in _PERIOD_WORDS:
        found += [(m.start(), period) for m in pattern.finditer(text)]
    years = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(text)]
    if len(years) >= 2:
        latest = max(year for _, year in years)
        found += [(pos, "current" if y == latest else "prior_year") for pos, y in years]
    found.sort()
    periods = [period for _, period in found]
    if "prior_year" not in periods and "change" not in periods:
        return []
    return [p if p != "current" else "total" for p in _dedupe_adjacent(periods)]


def _dedupe_adjacent(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if not out or out[-1] != item:
            out.append(item)
    return out


def _place_text(texts: list[str], keys: list[str], packed: bool) -> list[tuple[str, str]] | None:
    """(period, text) of a row's amounts; None when they cannot be placed with certainty."""
    periodised = any(key in ("prior_year", "change") for key in keys)
    if not periodised:
        # the first amount column is the total (national template): take it
        return [("current", texts[0])] if texts else [("current", "")]
    if packed and len(texts) != len(keys):
        return None  # blank cells were lost: the amounts cannot be told apart
    out = []
    for key, text in zip(keys, texts, strict=False):
        if key == "prior_year":
            out.append(("prior_year", text))
        elif key in ("total", "general_budget"):
            out.append(("current", text))
    return out


# --- choosing one figure per component and year --------------------------------------------


def _rank(slot: _Slot) -> int | None:
    """The component's own column first, then its 一般公共预算 part; other funds never."""
    if slot.fund is None:
        return 0
    if slot.fund == "general_budget":
        return 1
    return None


def _choose(
    slots: list[_Slot], unit: str, year: int, table: Table, log: IssueLog
) -> list[ThreePublicFigure]:
    if any(s.is_total_row for s in slots):
        slots = [s for s in slots if s.is_total_row or s.component != "table_grand_total"]
    by_key: dict[tuple[str, int, str | None], list[_Slot]] = {}
    for slot in slots:
        if slot.component == "agency_operating" or _rank(slot) is None:
            continue
        by_key.setdefault((slot.component, slot.year, slot.phase), []).append(slot)
    found: dict[tuple[str, int, str | None], ThreePublicFigure] = {}
    for (component, fiscal_year, phase), candidates in by_key.items():
        best = min(_rank(s) or 0 for s in candidates)
        chosen = [s for s in candidates if (_rank(s) or 0) == best]
        if len(chosen) > 1:
            totals = [s for s in chosen if s.is_total_row]
            chosen = totals or chosen
        several_rows = len({id(s.row) for s in chosen}) > 1
        in_rows = component in {_component_of_row(s) for s in chosen}
        if len({s.amount for s in chosen}) > 1 and several_rows and in_rows:
            chosen = chosen[:1]  # components in rows: the first row that names it
        if len({s.amount for s in chosen}) > 1:
            log.add(
                IssueCode.COLUMNS_AMBIGUOUS,
                f"{component} of {fiscal_year} is printed with {len(chosen)} different amounts "
                f"in {table.title!r} (several units, no 合计 row); not landed",
                chosen[0].row.first,
            )
            continue
        slot = chosen[0]
        reported_as = "blank" if slot.amount is None else ("zero" if slot.amount == 0 else "value")
        found[(component, fiscal_year, phase)] = ThreePublicFigure(
            component=component,
            amount=slot.amount,
            amount_text=slot.text,
            money_unit=unit,
            reported_as=reported_as,
            source="table",
            fiscal_year=fiscal_year,
            line=slot.row.first.line,
            page=slot.row.first.page,
            snippet=slot.row.snippet,
            phase=phase,
        )
    # in the order the table gives them (a set's order changes with the run's hash seed, and
    # with it the order of the rows landed: re-runs must land the same bytes)
    for fiscal_year, phase in dict.fromkeys((key[1], key[2]) for key in found):
        grand = found.get(("table_grand_total", fiscal_year, phase))
        if ("total", fiscal_year, phase) not in found and grand is not None:
            extras = [found.get((k, fiscal_year, phase)) for k in ("meeting", "training")]
            if not any(extra is not None and extra.amount for extra in extras):
                found[("total", fiscal_year, phase)] = replace(grand, component="total")
    return list(found.values())


def _component_of_row(slot: _Slot) -> str | None:
    return component_of(" ".join(slot.row.cells))


def _agency_lines(table: Table, slots: list[_Slot], unit: str, year: int) -> list[BudgetLine]:
    """机关运行经费 printed in the 三公 table: one budget line per year it gives."""
    out = []
    for slot in slots:
        if slot.component != "agency_operating" or slot.amount is None or _rank(slot) != 0:
            continue
        out.append(
            BudgetLine(
                table_kind=table.kind.value,
                table_title=table.title,
                row_number=slot.row.number,
                row_label="机关运行经费",
                row_key="agency_operating_cost",
                subject_code=None,
                subject_scheme=None,
                side=None,
                column_name="total" if slot.year == year else "prior_year",
                column_label="机关运行经费",
                amount=slot.amount,
                amount_text=slot.text,
                money_unit=unit,
                column_inferred=False,
                page=slot.row.first.page,
                line=slot.row.first.line,
                snippet=slot.row.snippet,
                column_year=slot.year,
                phase=slot.phase,
            )
        )
    return out
