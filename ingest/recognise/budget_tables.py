"""The standard budget tables (收支总表 … 基本支出表, 三公) as one record per row × amount column.

Rows keep their printed label, subject code and 序号; amounts keep their printed digits and
the table's unit.  Where PDF text lost the blank cells (``packed`` rows), the column of each
amount is inferred from the table's own arithmetic (``packed_columns``) and flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from ingest.amounts import compact_text, normalise_text, parse_amount
from ingest.codes import IssueCode
from ingest.model import IssueLog
from ingest.recognise.cell_tables import Cell, cells, is_summary, summary_cells, table_columns
from ingest.recognise.columns import (
    Columns,
    columns_from_cells,
    columns_from_template,
    header_key,
)
from ingest.recognise.grid import Grid, LogicalRow, build_grid
from ingest.recognise.header import PHASE_ONLY, Column, phase_of, phases_named
from ingest.recognise.packed_columns import PackedRow, resolve_packed
from ingest.recognise.segment import Table
from ingest.recognise.titles import FINAL_TITLE, TableKind

SUBJECT_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_ORDINAL = re.compile(r"^[一二三四五六七八九十]+[、.．]\s*|^\d+[、.．]\s*|^其中[:：]\s*")
LABEL_COLUMNS = frozenset({"code", "name", "row_number"})

_SUB_ORDINAL = r"(?:[(（](?:\d+|[一二三四五六七八九十]+)[)）]\s*)?"
ROW_KEYS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        ("revenue_total", r"^本年收入合计$|^收入合计$|^本年收入$"),
        ("revenue_grand_total", r"^收入总计$"),
        ("expenditure_total", r"^本年支出合计$|^支出合计$|^本年支出$"),
        ("expenditure_grand_total", r"^支出总计$"),
        ("carryover_in", r"^(上年结转|年初).*"),
        ("carryover_out", r"^(年终|年末).*结转"),
        ("total", r"^(合计|总计)$"),
        # this year's revenue by source (the income side of the 收支总表), under an ordinal
        # such as (1) or （一） when the source is a part of 财政拨款
        (
            "revenue_general_budget",
            rf"^{_SUB_ORDINAL}一般公共预算(?:财政)?(?:拨款|资金|收入)?(?:收入)?$",
        ),
        (
            "revenue_gov_fund",
            rf"^{_SUB_ORDINAL}政府性基金(?:预算)?(?:财政)?(?:拨款|资金)?(?:收入)?$",
        ),
        ("revenue_business", rf"^{_SUB_ORDINAL}事业收入$"),
        ("revenue_other", rf"^{_SUB_ORDINAL}其他收入$"),
    )
)
REVENUE_SOURCES = frozenset(
    {"revenue_general_budget", "revenue_gov_fund", "revenue_business", "revenue_other"}
)


def row_key(label: str) -> str | None:
    text = strip_ordinal(label)
    for key, pattern in ROW_KEYS:
        if pattern.match(text):
            return key
    return None


def strip_ordinal(label: str) -> str:
    return _ORDINAL.sub("", compact_text(label))


@dataclass(frozen=True, slots=True)
class BudgetLine:
    table_kind: str
    table_title: str
    row_number: int | None
    row_label: str
    row_key: str | None
    subject_code: str | None
    subject_scheme: str | None
    side: str | None
    column_name: str
    column_label: str
    amount: Decimal
    amount_text: str
    money_unit: str
    column_inferred: bool
    page: int | None
    line: int
    snippet: str
    column_year: int | None = None  # the year the amount is about (last year's column …)
    # budget | adjusted | actual: the header's word (年初预算数, 调整预算数, 决算数), else the
    # document's own kind (a 部门预算's figures are budgets, a 部门决算's actuals)
    phase: str | None = None


def parse_budget_table(
    table: Table, unit: str, log: IssueLog, year: int | None = None
) -> list[BudgetLine]:
    """The table's amounts in ``unit``, which the caller decided (``recognise/units.py``)."""
    grid = build_grid(table.rows)
    resolved = table_columns(table, grid, year)
    if resolved is not None:
        lines = cell_lines(table, grid, resolved, unit, log, year)
        if not lines and any("空表" in block.text for block in table.blocks):
            lines.append(_with_year(_empty_table_line(table, unit), year))
        return lines
    header_text = " ".join(block.text for block in grid.header)
    if FINAL_TITLE.search(table.title) and len(set(phases_named(header_text)) - {"rate"}) > 1:
        phases = _phase_columns(grid)
        if phases is not None and not is_summary(table.kind):
            return [_with_year(line, year) for line in _phase_lines(table, grid, phases, unit, log)]
        log.add(
            IssueCode.COLUMNS_AMBIGUOUS,
            f"{table.title!r} prints 年初预算数 / 调整预算数 / 决算数 side by side in text that "
            "lost its columns: which phase each amount is cannot be told; not landed",
            table.title_block,
        )
        return []
    columns = _columns(table, grid)
    if columns is None:
        log.add(
            IssueCode.HEADER_UNRECOGNISED,
            f"could not name the columns of {table.title!r}",
            table.title_block,
        )
        return []
    if table.kind in (TableKind.INCOME_EXPENSE_SUMMARY, TableKind.FISCAL_APPROPRIATION_SUMMARY):
        lines = _sources_before_totals(
            _grand_total_alone(_summary_lines(table, grid, columns, unit, log))
        )
    else:
        lines = _subject_lines(table, grid, columns, unit, log)
    if not lines and any("空表" in block.text for block in table.blocks):
        lines.append(_empty_table_line(table, unit))
    return [_with_year(line, year) for line in lines]


# Header words of a subject table's label columns: 项目, 科目编码, 科目名称, 类 | 款 | 项 …
_LABEL_WORD = re.compile(r"^(?:[类款项]|(?:功能|经济)?(?:分类)?科目(?:编码|代码|名称)?|栏次|行次)$")


def _phase_columns(grid: Grid) -> list[tuple[str, str]] | None:
    """(phase, header word) of each amount column, in print order, when a packed header names
    its amount columns by phase words alone (项目 | 年初预算数 | 调整预算数 | 决算数 | 完成率);
    None when any other word stands there (合计 / 基本支出 under a phase: more columns than
    phases, which packed text cannot place)."""
    out: list[tuple[str, str]] = []
    for block in grid.header:
        for cell in block.cells:
            word = compact_text(cell)
            if not word or _LABEL_WORD.match(word):
                continue
            if PHASE_ONLY.match(word):
                out.append((phase_of((word,)) or "", word))
            elif header_key(word) not in LABEL_COLUMNS:
                return None
    phases = [phase for phase, _ in out]
    if "" in phases or len(set(phases)) != len(phases):
        return None
    return out


def _phase_lines(
    table: Table, grid: Grid, phases: list[tuple[str, str]], unit: str, log: IssueLog
) -> list[BudgetLine]:
    """Rows of a packed 决算 table whose header names only phase columns: a row that prints
    as many amounts as the header names columns has lost no blank cell, so its amounts are
    the columns in print order; a row printing fewer lost one, and which cannot be told."""
    scheme: str | None = "economic" if table.kind is TableKind.BASIC_EXPENDITURE else "function"
    if table.kind in (TableKind.THREE_PUBLIC, TableKind.THREE_PUBLIC_GOV_FUND):
        scheme = None
    out: list[BudgetLine] = []
    for row in grid.body:
        parsed = _split_packed(row) if row.packed else None
        if parsed is None:
            continue
        code, label, texts = parsed
        if not texts:
            continue
        if len(texts) != len(phases):
            names = [word for _, word in phases]
            log.add(
                IssueCode.COLUMNS_AMBIGUOUS,
                f"{len(texts)} amounts in a row under the columns {names} of text that lost "
                "its blank cells: which phase each amount is cannot be told; not landed",
                row.first,
            )
            continue
        for (phase, word), text in zip(phases, texts, strict=True):
            if phase == "rate":
                continue  # 完成率: a ratio, not money
            made = _line(
                table,
                row,
                label=label,
                code=code,
                scheme=scheme,
                side=None,
                column="total",
                column_label=word,
                text=text,
                unit=unit,
                inferred=False,
            )
            if made:
                out.append(replace(made, phase=phase))
    return out


def _with_year(line: BudgetLine, year: int | None) -> BudgetLine:
    prior = line.column_name == "prior_year" and year is not None
    return replace(line, column_year=year - 1 if prior and year is not None else year)


def _empty_table_line(table: Table, unit: str) -> BudgetLine:
    """A table printed empty with 空表列示 says its total is zero: land that as a zero."""
    note = next(block for block in table.blocks if "空表" in block.text)
    return BudgetLine(
        table_kind=table.kind.value,
        table_title=table.title,
        row_number=None,
        row_label="空表列示",
        row_key="empty_table",
        subject_code=None,
        subject_scheme=None,
        side=None,
        column_name="total",
        column_label="合计",
        amount=Decimal(0),
        amount_text="",
        money_unit=unit,
        column_inferred=False,
        page=note.page,
        line=note.line,
        snippet=note.snippet,
    )


def _columns(table: Table, grid: Grid) -> Columns | None:
    if grid.width and not any(row.packed for row in table.rows):
        resolved = columns_from_cells([row.cells for row in grid.header], grid.width)
        if resolved and all(resolved.keys):
            return resolved
    header_text = " ".join(block.text for block in grid.header)
    return columns_from_template(table.kind, header_text, grid.width)


def _line(
    table: Table,
    row: LogicalRow,
    *,
    label: str,
    code: str | None,
    scheme: str | None,
    side: str | None,
    column: str,
    column_label: str,
    text: str,
    unit: str,
    inferred: bool,
) -> BudgetLine | None:
    amount = parse_amount(text)
    if amount is None:
        return None
    return BudgetLine(
        table_kind=table.kind.value,
        table_title=table.title,
        row_number=row.number,
        row_label=label,
        row_key=row_key(label),
        subject_code=code,
        subject_scheme=scheme,
        side=side,
        column_name=column,
        column_label=column_label,
        amount=amount,
        amount_text=text.strip(),
        money_unit=unit,
        column_inferred=inferred,
        page=row.first.page,
        line=row.first.line,
        snippet=row.snippet,
    )


# --- ruled tables read cell by cell ---------------------------------------------------------

_ECONOMIC_WORDS = re.compile(r"经济分类|经济科目")
_FUNCTION_WORDS = re.compile(r"功能分类|功能科目")


def cell_lines(
    table: Table,
    grid: Grid,
    columns: list[Column],
    unit: str,
    log: IssueLog,
    year: int | None,
) -> list[BudgetLine]:
    if is_summary(table.kind):
        placed = list(summary_cells(table, grid, columns, log))
        keys = _summary_row_keys(placed)
        return _sources_before_totals(
            [_cell_line(table, cell, unit, year, keys.get(id(cell)), None) for cell in placed]
        )
    placed = list(cells(table, grid, columns, log))
    scheme = _table_scheme(table, grid)
    totals = _body_total_rows(placed)
    out = []
    for cell in placed:
        key = row_key(cell.label) if cell.code is None else None
        if id(cell.row) in totals:
            key = "total"
        line = _cell_line(table, cell, unit, year, key, _scheme(cell.code, scheme))
        if _basic_part_of_function(table, line):
            line = replace(line, column_name="basic")
        out.append(line)
    return out


def _basic_part_of_function(table: Table, line: BudgetLine) -> bool:
    """A basic-expenditure table by function subject (一般公共预算基本支出表（按支出功能分类
    科目）): its 合计 column is the subject's basic expenditure, not the subject's total."""
    return (
        table.kind is TableKind.BASIC_EXPENDITURE
        and line.subject_scheme == "function"
        and line.subject_code is not None
        and line.column_name == "total"
    )


def _table_scheme(table: Table, grid: Grid) -> str | None:
    """function / economic from the title's qualifier or the header words, else the kind's."""
    if table.kind in (TableKind.THREE_PUBLIC, TableKind.THREE_PUBLIC_GOV_FUND):
        return None
    words = table.title + " ".join(block.text for block in grid.header)
    if _ECONOMIC_WORDS.search(words) and not _FUNCTION_WORDS.search(words):
        return "economic"
    if _FUNCTION_WORDS.search(words):
        return "function"
    return "economic" if table.kind is TableKind.BASIC_EXPENDITURE else "function"


def _scheme(code: str | None, table_scheme: str | None) -> str | None:
    """A code says its own scheme: 2xx function subjects, 3xx/5xx economic classes."""
    if code is None or table_scheme is None:
        return table_scheme
    return {"2": "function", "3": "economic", "5": "economic"}.get(code[0], table_scheme)


def _body_total_rows(placed: list[Cell]) -> set[int]:
    """A table with no 合计 row whose first row is the body itself (…（本级）, 深圳市审计局):
    that row is the total when its figures are the sums of the 类 (3-digit) rows."""
    if any(row_key(cell.label) == "total" for cell in placed if cell.code is None):
        return set()
    first = next((cell.row for cell in placed), None)
    if first is None or any(cell.code for cell in placed if cell.row is first):
        return set()
    sums: dict[str, Decimal] = {}
    own: dict[str, Decimal] = {}
    for cell in placed:
        name = cell.column.name
        if cell.row is first:
            own[name] = cell.amount
        elif cell.code is not None and len(cell.code) == 3:
            sums[name] = sums.get(name, Decimal(0)) + cell.amount
    if own and sums and all(own[name] == sums.get(name, Decimal(0)) for name in own):
        return {id(first)}
    return set()


def _summary_row_keys(placed: list[Cell]) -> dict[int, str]:
    """收入/支出 totals by side: 本年收入合计 is the year's revenue; a 收入合计 or 总计 printed
    after it (below the carry-over rows) is the grand total."""
    keys: dict[int, str] = {}
    seen_year_total: set[str] = set()
    for cell in placed:
        if cell.side not in ("income", "expenditure"):
            continue
        label = strip_ordinal(cell.label)
        side = "revenue" if cell.side == "income" else "expenditure"
        key = row_key(label)
        if key in ("total", "revenue_total", "expenditure_total"):
            after_year_total = side in seen_year_total and not label.startswith("本年")
            if (key == "total" and label == "总计") or after_year_total:
                key = f"{side}_grand_total"
            else:
                key = f"{side}_total"
                if label.startswith("本年"):
                    seen_year_total.add(side)
        if key is not None:
            keys[id(cell)] = key
    return _grand_total_without_carryover(placed, keys)


def _sources_before_totals(lines: list[BudgetLine]) -> list[BudgetLine]:
    """A source of revenue (一般公共预算拨款收入 …) is this year's only on the income side,
    above 本年收入合计 and the carry-over rows: below them the same words name a part of the
    carry-over."""
    closed = False
    out = []
    for line in lines:
        if line.side == "income" and line.row_key in (
            "revenue_total",
            "revenue_grand_total",
            "carryover_in",
        ):
            closed = True
        if line.row_key in REVENUE_SOURCES and (closed or line.side != "income"):
            line = replace(line, row_key=None)
        out.append(line)
    return out


_CARRYOVER = re.compile(r"结转|结余|年初|年末|年终|弥补")


def _grand_total_without_carryover(placed: list[Cell], keys: dict[int, str]) -> dict[int, str]:
    """收入总计 with no 本年收入合计 and no carry-over row on its side (上海's 财务收支预算总表)
    is the sum of this year's revenue: it is also the year's total."""
    for cell_side, side in (("income", "revenue"), ("expenditure", "expenditure")):
        mine = [cell for cell in placed if cell.side == cell_side]
        given = {keys.get(id(cell)) for cell in mine}
        carried = any(_CARRYOVER.search(cell.label) for cell in mine)
        if f"{side}_total" not in given and f"{side}_grand_total" in given and not carried:
            for cell in mine:
                if keys.get(id(cell)) == f"{side}_grand_total":
                    keys[id(cell)] = f"{side}_total"
    return keys


def _grand_total_alone(lines: list[BudgetLine]) -> list[BudgetLine]:
    """The rule of ``_grand_total_without_carryover`` for rows read from text: 收入总计 on a
    side with no 本年收入合计 and no carry-over row is this year's total."""
    out = lines
    for cell_side, side in (("income", "revenue"), ("expenditure", "expenditure")):
        mine = [line for line in out if line.side == cell_side]
        given = {line.row_key for line in mine}
        carried = any(_CARRYOVER.search(line.row_label) for line in mine)
        if f"{side}_total" not in given and f"{side}_grand_total" in given and not carried:
            out = [
                replace(line, row_key=f"{side}_total")
                if line.side == cell_side and line.row_key == f"{side}_grand_total"
                else line
                for line in out
            ]
    return out


def _cell_line(
    table: Table,
    cell: Cell,
    unit: str,
    year: int | None,
    key: str | None,
    scheme: str | None,
) -> BudgetLine:
    column = cell.column
    return BudgetLine(
        table_kind=table.kind.value,
        table_title=table.title,
        row_number=cell.row.number,
        row_label=strip_ordinal(cell.label) if cell.side else cell.label,
        row_key=key,
        subject_code=cell.code,
        subject_scheme=scheme,
        side=cell.side,
        column_name=column.name,
        column_label=column.label,
        amount=cell.amount,
        amount_text=cell.text,
        money_unit=unit,
        column_inferred=False,
        page=cell.row.first.page,
        line=cell.row.first.line,
        snippet=cell.row.snippet,
        column_year=column.year if column.period == "prior_year" else year,
        phase=column.phase,
    )


# --- tables whose rows are subjects (功能分类 / 经济分类 科目) or 三公 items ---------------


def _subject_lines(
    table: Table, grid: Grid, columns: Columns, unit: str, log: IssueLog
) -> list[BudgetLine]:
    scheme: str | None = "economic" if table.kind is TableKind.BASIC_EXPENDITURE else "function"
    if table.kind in (TableKind.THREE_PUBLIC, TableKind.THREE_PUBLIC_GOV_FUND):
        scheme = None
    amount_keys = [key for key in columns.keys if key not in LABEL_COLUMNS]
    packed_rows: list[PackedRow] = []
    out: list[BudgetLine] = []
    for row in grid.body:
        if row.packed:
            parsed = _split_packed(row)
            if parsed is None:
                continue
            code, label, texts = parsed
            if len(texts) > len(amount_keys):  # the header names fewer columns than it prints
                log.add(
                    IssueCode.COLUMNS_AMBIGUOUS,
                    f"{len(texts)} amounts in a row under a header naming {len(amount_keys)} "
                    f"columns {amount_keys}: which is which cannot be told; not landed",
                    row.first,
                )
                continue
            packed_rows.append(PackedRow(row, code, label, texts))
            continue
        cells = dict(zip(columns.keys, row.cells, strict=False))
        labels = dict(zip(columns.keys, columns.labels, strict=False))
        code = cells.get("code", "").strip() or None
        label = compact_text(cells.get("name", ""))
        if code and not SUBJECT_CODE.match(code):
            log.add(
                IssueCode.SUBJECT_CODE_INVALID,
                f"{code!r} is not a 3/5/7-digit subject code",
                row.first,
            )
            code = None
        if not label and not code:
            continue
        for key, text in zip(columns.keys, row.cells, strict=False):
            if key in LABEL_COLUMNS or not key:
                continue
            made = _line(
                table,
                row,
                label=label,
                code=code,
                scheme=scheme,
                side=None,
                column=key,
                column_label=labels.get(key, key),
                text=text,
                unit=unit,
                inferred=False,
            )
            if made:
                out.append(made)
    if packed_rows:
        assignment = resolve_packed(table.kind, packed_rows, amount_keys, log)
        for packed in packed_rows:
            for key, text, inferred in assignment.get(id(packed), []):
                made = _line(
                    table,
                    packed.row,
                    label=packed.label,
                    code=packed.code,
                    scheme=scheme,
                    side=None,
                    column=key,
                    column_label=key,
                    text=text,
                    unit=unit,
                    inferred=inferred,
                )
                if made:
                    out.append(made)
    return out


def _split_packed(row: LogicalRow) -> tuple[str | None, str, list[str]] | None:
    """Tokens → (subject code, label, amount texts) for a packed subject row."""
    tokens = [normalise_text(token) for token in row.cells]
    code = None
    if tokens and SUBJECT_CODE.match(tokens[0]) and len(tokens) > 1:
        code, tokens = tokens[0], tokens[1:]
        # 类 款 项 printed in three columns: '208 05 06 机关事业单位职业年金缴费支出 …'
        while len(code) < 7 and len(tokens) > 1 and re.fullmatch(r"\d{2}", tokens[0]):
            code, tokens = code + tokens[0], tokens[1:]
    label_parts: list[str] = []
    amounts: list[str] = []
    for token in tokens:
        if parse_amount(token) is not None and (amounts or label_parts):
            amounts.append(token)
        elif not amounts:
            label_parts.append(token)
    label = compact_text("".join(label_parts))
    if not label and code is None:
        return None
    return code, label, amounts


# --- summary tables: income items on the left, expenditure items on the right -------------

_EXPENDITURE_LABEL = re.compile(r"支出|年终|年末")
_STARTS_ITEM = re.compile(r"^[一二三四五六七八九十]+、|^(本年|上年|年初|年末|年终|收入|支出)")


def _side(label: str) -> str:
    return "expenditure" if _EXPENDITURE_LABEL.search(label) else "income"


def _summary_lines(
    table: Table, grid: Grid, columns: Columns, unit: str, log: IssueLog
) -> list[BudgetLine]:
    keys = list(columns.keys)
    second_name = keys.index("name", 1) if keys.count("name") > 1 else None
    out: list[BudgetLine] = []
    for row in grid.body:
        if row.packed:
            pairs = _packed_pairs(row.cells)
            inferred = True
        else:
            pairs = []
            if second_name is None:
                log.add(
                    IssueCode.HEADER_UNRECOGNISED,
                    "summary table without two 项目 columns",
                    row.first,
                )
                return out
            for start, stop in ((0, second_name), (second_name, len(keys))):
                cells = row.cells[start:stop]
                if cells:
                    pairs.append(
                        (cells[0], list(zip(keys[start + 1 : stop], cells[1:], strict=False)))
                    )
            inferred = False
        for index, (label_text, amounts) in enumerate(pairs):
            label = compact_text(label_text)
            if not label and not any(text for _, text in amounts):
                continue
            side = _side(label) if row.packed else ("income" if index == 0 else "expenditure")
            for key, text in amounts:
                made = _line(
                    table,
                    row,
                    label=strip_ordinal(label),
                    code=None,
                    scheme=None,
                    side=side,
                    column=key,
                    column_label=key,
                    text=text,
                    unit=unit,
                    inferred=inferred and key != "total",
                )
                if made:
                    out.append(made)
    return out


def _packed_pairs(tokens: list[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """'一、一般公共预算拨款收入 425.30 一、一般公共服务支出' → [(label, amounts), …]."""
    pairs: list[tuple[str, list[tuple[str, str]]]] = []
    label: str | None = None
    amounts: list[str] = []

    def flush() -> None:
        if label is not None:
            side = _side(label)
            keys = (
                ["total"]
                if side == "income"
                else ["total", "general_budget", "gov_fund", "state_capital"]
            )
            pairs.append((label, list(zip(keys, amounts, strict=False))))

    for token in tokens:
        if parse_amount(token) is not None:
            amounts.append(token)
            continue
        text = normalise_text(token)
        joinable = label is not None and not amounts and not _STARTS_ITEM.match(text)
        if joinable and _side(label or "") == _side(label + text if label else text):
            label = (label or "") + text
            continue
        flush()
        label, amounts = text, []
    flush()
    return pairs
