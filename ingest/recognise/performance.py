"""Performance-target tables (绩效目标表): the project, its money, and its indicators.

Project tables are key–value forms (项目编码 …, 项目名称 …, 预算数 …) followed by an
indicator grid (一级指标 / 二级指标 / 三级指标 / 绩效指标描述 / 指标值 / 指标值确定依据).
Keys are found by their words, not their position, so the same code reads the cell-per-
line, tab-separated and packed PDF-text layouts.  Whole-unit tables (整体支出绩效目标表)
have the same grid and, in some counties, a budget block (基本支出/人员经费/公用经费 …)
which is landed as ``budget_lines`` of kind ``unit_performance_budget``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ingest.amounts import compact_text, normalise_text, parse_amount, parse_measurement
from ingest.codes import IssueCode
from ingest.model import Block, IssueLog, Severity
from ingest.recognise.budget_tables import BudgetLine
from ingest.recognise.grid import find_unit
from ingest.recognise.segment import Table
from ingest.recognise.titles import TableKind, normalise_title

PROJECT_CODE = re.compile(r"\b(\d{6}\d{2}[A-Z][0-9A-Z]{8,16})\b")
_KEYS: dict[str, re.Pattern[str]] = {
    "code": re.compile(r"^项目(编码|代码)$"),
    "name": re.compile(r"^项目名称$"),
    "amount": re.compile(
        r"^(预算数|年度资金总额|项目资金总额|资金总额|预算金额|项目总金额)[:：]?$"
    ),
    "fiscal": re.compile(r"^(其中[:：]?)?(财政资金|当年财政拨款|财政拨款|财政)[:：]?$"),
    "unit_name": re.compile(r"^(实施单位|项目实施单位)$"),
    "goal": re.compile(r"^(绩效目标|总体目标|年度目标|年度绩效目标)$"),
    "plan": re.compile(r"^资金支出计"),
    "purpose": re.compile(r"^预算规模及资金用途$|^资金用途$"),
}
LEVEL1 = frozenset(
    {
        "产出指标",
        "效益指标",
        "满意度指标",
        "成本指标",
        "部门管理",
        "履职效果",
        "能力建设",
        "社会效益",
        "经济效益",
    }
)
LEVEL2 = re.compile(
    r"^(数量|质量|时效|成本|经济成本|社会成本|生态环境成本|经济效益|社会效益|"
    r"生态效益|可持续影响|服务对象满意度|满意度)指标$"
)
MONEY_UNITS = {"万元": "万元", "万": "万元", "元": "元"}


@dataclass(slots=True)
class Project:
    scope: str  # 'project' or 'unit' (whole-unit table)
    title: str
    project_code: str | None = None
    project_name: str | None = None
    amount: Decimal | None = None
    amount_text: str | None = None
    amount_basis: str | None = None  # 'stated' | 'cost_indicator'
    fiscal_amount: Decimal | None = None
    money_unit: str | None = None
    implementing_unit: str | None = None
    purpose: str | None = None
    goal: str | None = None
    spending_plan: str | None = None
    page: int | None = None
    line: int = 0
    snippet: str = ""
    indicators: list[Indicator] = field(default_factory=list)


@dataclass(slots=True)
class Indicator:
    seq: int
    level1: str | None
    level2: str | None
    level3: str | None
    description: str | None
    value_text: str | None
    operator: str | None
    value: Decimal | None
    unit: str | None
    basis: str | None
    page: int | None
    line: int
    snippet: str


def _key_of(cell: str) -> str | None:
    text = compact_text(cell)
    for key, pattern in _KEYS.items():
        if pattern.match(text):
            return key
    return None


_SPACE_BETWEEN_WIDE = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")
_SPACE_BY_DIGIT = re.compile(r"(?<=\d)\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+(?=\d)")
_LINE_BREAK = re.compile(r"\s*\n\s*")
_WHITESPACE = re.compile(r"\s")


def _compact(text: str) -> str:
    """Drop spaces that PDF text puts between CJK characters and around digits."""
    text = text.strip()
    if _WHITESPACE.search(text) is None:  # most cells: nothing for the patterns to drop
        return text
    text = _SPACE_BETWEEN_WIDE.sub("", text)
    text = _SPACE_BY_DIGIT.sub("", text)
    return _LINE_BREAK.sub("", text)


def _is_indicator_header(block: Block) -> bool:
    joined = "".join(block.cells).replace(" ", "")
    return "一级指标" in joined and ("二级指标" in joined or "三级指标" in joined)


def parse_performance_table(
    table: Table, log: IssueLog, part_unit: str | None = None
) -> tuple[Project, list[BudgetLine]]:
    """The project (or whole-unit) form and its indicators; ``part_unit`` is the unit a
    line above the tables states for them all.  Where neither that nor the form states a
    unit, ``money_unit`` stays None and the caller decides it by arithmetic or drops the
    amounts (``recognise/units.py``)."""
    scope = "unit" if table.kind is TableKind.UNIT_PERFORMANCE else "project"
    project = Project(
        scope=scope,
        title=table.title,
        page=table.title_block.page,
        line=table.title_block.line,
        snippet=table.title[:200],
    )
    rows = table.rows
    header_at = next((i for i, row in enumerate(rows) if _is_indicator_header(row)), len(rows))
    form, grid = rows[:header_at], rows[header_at:]
    project.money_unit = (
        find_unit([table.title, *[b.text for b in form], *[b.text for b in table.notes[:3]]])
        or part_unit
    )
    budget_lines = _read_form(project, form, table, log)
    if grid:
        project.indicators = _read_indicators(grid, table.notes, log)
    if project.project_code is None:
        code = PROJECT_CODE.search(" ".join(b.text for b in form))
        project.project_code = code.group(1) if code else None
    if project.project_name is None and scope == "project":
        name = re.sub(r"(项目支出)?绩效目标表$", "", normalise_title(table.title))
        project.project_name = name or None
    if project.amount is None and scope == "project":
        _amount_from_cost_indicator(project, log, table.title_block)
    return project, budget_lines


# --- the key–value form -------------------------------------------------------------------


def _cells(block: Block) -> list[str]:
    return [cell for cell in block.cells if cell.strip()]


def _read_form(
    project: Project, form: list[Block], table: Table, log: IssueLog
) -> list[BudgetLine]:
    budget_lines: list[BudgetLine] = []
    pending: str | None = None  # a key whose value continues on the next rows
    after_amount = False
    plan_labels: list[str] = []
    budget_state: dict[str, str] = {"unit": project.money_unit or ""}
    for block in form:
        cells = _cells(block)
        if not cells:
            continue
        if "预算情况" in block.text or "按支出类型" in block.text:
            pending = "budget"
        if pending == "budget":
            budget_lines.extend(_unit_budget_row(block, table, budget_state))
            continue
        if plan_labels and all(parse_amount(c.rstrip("%")) is not None for c in cells):
            project.spending_plan = "; ".join(
                f"{label}: {value}" for label, value in zip(plan_labels, cells, strict=False)
            )
            plan_labels = []
            continue
        keys = [_key_of(cell) for cell in cells]
        if any(keys):
            pending = None
            for index, key in enumerate(keys):
                if key is None:
                    continue
                rest = [
                    c
                    for c, k in zip(cells[index + 1 :], keys[index + 1 :], strict=False)
                    if k is None
                ]
                nxt = cells[index + 1] if index + 1 < len(cells) else ""
                follows = nxt if _key_of(nxt) is None else ""
                if key == "code" and follows:
                    project.project_code = _compact(follows)
                elif key == "name":
                    name = follows if not block.packed else "".join(rest)
                    project.project_name = _compact(name) or None
                    pending = "name" if not name else None
                elif key == "amount":
                    amount = next((c for c in rest if parse_amount(c) is not None), None)
                    if amount is not None:
                        project.amount, project.amount_text = parse_amount(amount), amount
                        project.amount_basis = "stated"
                    after_amount = True
                elif key == "fiscal":
                    fiscal = next((c for c in rest if parse_amount(c) is not None), None)
                    project.fiscal_amount = parse_amount(fiscal) if fiscal else None
                elif key == "unit_name" and follows:
                    project.implementing_unit = follows
                elif key == "goal":
                    text = _compact("\n".join(rest))
                    project.goal = text or None
                    pending = "goal"
                elif key == "plan":
                    pending = "plan"
                    plan_labels = [c for c in rest if "月" in c]
            continue
        text = _compact(" ".join(cells))
        if pending == "plan":
            if any("月" in cell for cell in cells):
                plan_labels = cells
            continue
        if pending == "name":
            project.project_name = (project.project_name or "") + text
            continue
        if pending == "goal":
            project.goal = f"{project.goal}\n{text}" if project.goal else text
            continue
        if after_amount and project.purpose is None and len(text) >= 6 and not parse_amount(text):
            project.purpose = text
    if project.scope == "unit" and not budget_lines and any("预算" in b.text for b in form):
        log.add(
            IssueCode.UNIT_BUDGET_UNREAD,
            "whole-unit table has a budget block that was not read",
            table.title_block,
            Severity.INFO,
        )
    return budget_lines


_UNIT_BUDGET_KEYS = (
    ("personnel", re.compile(r"^人员经费$|^人员类")),
    ("public", re.compile(r"^公用经费$|^运转类")),
    ("project", re.compile(r"^项目支出$")),
    ("fiscal_current", re.compile(r"^当年财政拨款$|^财政拨款$")),
    ("carryover_in", re.compile(r"^上年结转")),
    ("other_funds", re.compile(r"^其他资金$")),
    ("revenue_total", re.compile(r"^收入(预算)?合计$")),
    ("expenditure_total", re.compile(r"^支出(预算)?合计$")),
)


def _unit_budget_row(block: Block, table: Table, state: dict[str, str]) -> list[BudgetLine]:
    """Pairs (label, amount) in one row of a whole-unit table's 预算情况 block.

    ``state`` carries the group (基本支出/项目支出) from row to row: '合计' under 基本支出 is
    the basic-expenditure total.
    """
    out: list[BudgetLine] = []
    label: str | None = None
    parent = state.get("parent")
    for cell in block.cells:
        text = compact_text(cell)
        if not text:
            continue
        amount = parse_amount(text)
        if amount is None:
            if text in ("基本支出", "项目支出"):
                parent = state["parent"] = text
            label = text
            continue
        if label is None:
            continue
        key = None
        if label == "合计" and parent == "基本支出":
            key = "basic"
        for candidate, pattern in _UNIT_BUDGET_KEYS:
            if key is None and pattern.match(label):
                key = candidate
        out.append(
            BudgetLine(
                table_kind=TableKind.UNIT_PERFORMANCE_BUDGET,
                table_title=table.title,
                row_number=None,
                row_label=label if label != "合计" else f"{parent or ''}合计",
                row_key=key,
                subject_code=None,
                subject_scheme=None,
                side=None,
                column_name="amount",
                column_label="预算金额",
                amount=amount,
                amount_text=text,
                # '' where nothing states it: the caller decides or drops the line
                money_unit=find_unit([table.title, *block.cells]) or state.get("unit", ""),
                column_inferred=False,
                page=block.page,
                line=block.line,
                snippet=block.snippet,
            )
        )
        label = None
    return out


# --- the indicator grid -------------------------------------------------------------------

_GRID_TERMS = (
    ("level1", re.compile(r"^一级指标$")),
    ("level2", re.compile(r"^二级指标$")),
    ("level3", re.compile(r"^三级指标$")),
    ("description", re.compile(r"^(绩效)?指标(描述|内容)$")),
    ("score", re.compile(r"^评.*分标准$|^分值$")),
    ("operator", re.compile(r"^符号$")),
    ("number", re.compile(r"^值$")),
    ("unit", re.compile(r"^单位")),
    ("value", re.compile(r"^指标值$|^目标值$")),
    ("basis", re.compile(r"指标值确定依据|^依据$")),
)


def _grid_key(cell: str) -> str | None:
    text = compact_text(cell)
    for key, pattern in _GRID_TERMS:
        if pattern.search(text):
            return key
    return None


def _grid_columns(header: Block, sub: Block | None) -> list[str | None]:
    keys = [_grid_key(cell) for cell in header.cells]
    if sub is None:
        return keys
    sub_keys = [_grid_key(cell) for cell in sub.cells]
    spanning = [k for k in keys if k and k != "value"]
    filled = list(sub_keys)
    gaps = [i for i, k in enumerate(filled) if k is None]
    for gap, key in zip(gaps, spanning, strict=False):
        filled[gap] = key
    return filled


def _read_indicators(grid: list[Block], notes: list[Block], log: IssueLog) -> list[Indicator]:
    header = grid[0]
    if header.packed:
        return _packed_indicators(grid[1:], log)
    body = grid[1:]
    sub = body[0] if body and {"operator", "number"} <= set(map(_grid_key, body[0].cells)) else None
    columns = _grid_columns(header, sub)
    if sub is not None:
        body = body[1:]
    width = len(columns)
    rows = _merge_split_rows(body, width)
    indicators: list[Indicator] = []
    level1 = level2 = None
    for seq, (block, cells) in enumerate(rows, start=1):
        if len(cells) < width:  # trailing blanks stripped, or merged cells collapsed: align right
            cells = [""] * (width - len(cells)) + cells
        fields = {key: cells[i].strip() for i, key in enumerate(columns) if key and i < len(cells)}
        level1 = fields.get("level1") or level1
        level2 = fields.get("level2") or level2
        if "number" in fields:
            value_text = "".join(fields.get(k, "") for k in ("operator", "number", "unit")) or None
        else:
            value_text = fields.get("value") or None
        indicators.append(
            _indicator(
                seq,
                level1,
                level2,
                fields.get("level3"),
                fields.get("description"),
                value_text,
                fields.get("basis"),
                block,
            )
        )
    if indicators and "value" not in columns and "number" not in columns:
        _reattach_loose_values(indicators, notes, log)
    return indicators


def _merge_split_rows(body: list[Block], width: int) -> list[tuple[Block, list[str]]]:
    """Cell-per-line text sometimes breaks one row with a blank line: glue the pieces."""
    rows: list[tuple[Block, list[str]]] = []
    pending: tuple[Block, list[str]] | None = None
    for block in body:
        cells = list(block.cells)
        if pending is not None:
            merged = pending[1] + cells
            if len(merged) <= width:
                pending = (pending[0], merged)
                if len(merged) == width:
                    rows.append(pending)
                    pending = None
                continue
            rows.append(pending)
            pending = None
        multi_line_layout = block.line_end > block.line
        if multi_line_layout and len(cells) < width:
            pending = (block, cells)
        else:
            rows.append((block, cells))
    if pending is not None:
        rows.append(pending)
    return rows


def _indicator(
    seq: int,
    level1: str | None,
    level2: str | None,
    level3: str | None,
    description: str | None,
    value_text: str | None,
    basis: str | None,
    block: Block,
) -> Indicator:
    measurement = parse_measurement(value_text) if value_text else None
    return Indicator(
        seq=seq,
        level1=_compact(level1) if level1 else None,
        level2=_compact(level2) if level2 else None,
        level3=_compact(level3) if level3 else None,
        description=_compact(description) if description else None,
        value_text=value_text.strip() if value_text else None,
        operator=measurement.operator if measurement else None,
        value=measurement.value if measurement else None,
        unit=measurement.unit if measurement else None,
        basis=_compact(basis) if basis else None,
        page=block.page,
        line=block.line,
        snippet=block.snippet,
    )


def _reattach_loose_values(indicators: list[Indicator], notes: list[Block], log: IssueLog) -> None:
    """A value column printed after its table ('指标值' then one line per row): put it back."""
    texts = [note.text.strip() for note in notes]
    if "指标值" not in texts:
        log.add(
            IssueCode.INDICATOR_VALUES_MISSING,
            "indicator table has no 指标值 column",
            notes[0] if notes else None,
        )
        return
    start = texts.index("指标值") + 1
    values = notes[start:]
    if len(values) != len(indicators):
        log.add(
            IssueCode.INDICATOR_VALUES_MISSING,
            f"{len(values)} loose values after the table for "
            f"{len(indicators)} indicators: not reattached",
            notes[start - 1],
        )
        return
    for indicator, note in zip(indicators, values, strict=True):
        measurement = parse_measurement(note.text)
        indicator.value_text = note.text.strip()
        indicator.operator, indicator.value, indicator.unit = (
            measurement.operator,
            measurement.value,
            measurement.unit,
        )
    log.add(
        IssueCode.LOOSE_COLUMN_REATTACHED,
        f"the 指标值 column was printed after the table; "
        f"its {len(values)} values were matched to the rows in order",
        notes[start - 1],
        Severity.INFO,
    )


_UNIT_TOKEN = re.compile(r"^[^\d\s≥≤<>=＝]{1,4}(/[^\d\s]{1,3})?$")


def _packed_indicators(lines: list[Block], log: IssueLog) -> list[Indicator]:
    """PDF text: a row starts at its 二级指标 word; wrapped cells continue on later lines."""
    rows: list[tuple[Block, str | None, list[str]]] = []
    level1: str | None = None
    for block in lines:
        tokens = [normalise_text(t) for t in block.cells]
        if tokens and tokens[0] in LEVEL1 and len(tokens) == 1:
            level1 = tokens[0]
            continue
        if tokens and tokens[0] in LEVEL1 and len(tokens) > 1 and LEVEL2.match(tokens[1]):
            level1, tokens = tokens[0], tokens[1:]
        if tokens and LEVEL2.match(tokens[0]):
            rows.append((block, level1, tokens))
        elif rows:
            rows[-1][2].extend(tokens)
    indicators: list[Indicator] = []
    for seq, (block, level1_here, tokens) in enumerate(rows, start=1):
        level2, rest = tokens[0], tokens[1:]
        value_at = next(
            (i for i, t in enumerate(rest) if i > 0 and parse_measurement(t).is_quantitative), None
        )
        if value_at is None:
            log.add(
                IssueCode.INDICATOR_VALUE_UNSEPARATED,
                "could not find the 指标值 in this PDF-text indicator row",
                block,
                Severity.INFO,
            )
            indicators.append(
                _indicator(seq, level1_here, level2, " ".join(rest), None, None, None, block)
            )
            continue
        value = rest[value_at]
        after = rest[value_at + 1 :]
        if after and parse_measurement(value).unit is None and _UNIT_TOKEN.match(after[0]):
            value, after = value + after[0], after[1:]
        level3 = rest[0]
        description = " ".join(rest[1:value_at]) or None
        indicators.append(
            _indicator(
                seq, level1_here, level2, level3, description, value, " ".join(after) or None, block
            )
        )
    return indicators


def _amount_from_cost_indicator(project: Project, log: IssueLog, block: Block) -> None:
    """No 预算数 printed: a single money cap among the 成本指标 is the project's amount."""
    candidates = {
        (indicator.value, MONEY_UNITS[indicator.unit], indicator.value_text)
        for indicator in project.indicators
        if indicator.level2
        and "成本" in indicator.level2
        and indicator.value is not None
        and indicator.unit in MONEY_UNITS
        and indicator.operator in (None, "<=", "=")
    }
    values = {(value, unit) for value, unit, _ in candidates}
    if len(values) == 1:
        value, unit, text = next(iter(candidates))
        project.amount, project.amount_text, project.amount_basis = value, text, "cost_indicator"
        project.money_unit = unit
    elif len(values) > 1:
        log.add(
            IssueCode.PROJECT_AMOUNT_AMBIGUOUS,
            f"project {project.project_name!r} has several "
            "money cost caps and no 预算数; no amount landed",
            block,
        )
