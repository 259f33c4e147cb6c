"""The hand-read figures of ``../shared/real/curated/golden.jsonl``, measured on an extraction.

Until the warehouse has a per-document measure table, a golden measure is looked up in the
rows ``ingest.extract.extract`` lands for the file, the way the warehouse will read them:

* ``total_revenue_yuan`` / ``total_expenditure_yuan``: the 收支总表's 本年收入合计 / 本年支出合计
  row (收入总计 / 支出总计 when the table prints no separate 合计), total column;
* ``basic_`` / ``project_expenditure_yuan``: the 支出总表's 合计 row, basic / project column;
* ``personnel_`` / ``public_operating_expenditure_yuan``: the 基本支出表's 合计 row;
* ``three_public_<component>_yuan``: the 三公 figure of the budget year (table before prose);
  a blank cell or an empty table is a reported zero;
* ``agency_operating_cost_yuan``: the 机关运行经费 line of a table, else the prose figure;
* ``function_<code>_yuan``: the total column of that subject in the function-classified
  general-budget expenditure table.

Every amount is converted to yuan from the unit its own table (or sentence) printed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal

from ingest.extract import Extraction
from ingest.recognise.budget_tables import BudgetLine
from tests.conftest import SHARED

REAL = SHARED / "real"
GOLDEN_FILE = REAL / "curated" / "golden.jsonl"
_FACTOR = {"元": Decimal(1), "万元": Decimal(10000)}

Found = Decimal | set[Decimal]


def golden_rows() -> list[dict[str, str]]:
    if not GOLDEN_FILE.exists():
        return []
    return [json.loads(line) for line in GOLDEN_FILE.read_text(encoding="utf-8").splitlines()]


def yuan(amount: Decimal, unit: str) -> Decimal:
    return (amount * _FACTOR[unit]).quantize(Decimal("0.01"))


def _one(values: set[Decimal]) -> Found | None:
    if not values:
        return None
    return next(iter(values)) if len(values) == 1 else values


def _lines(extraction: Extraction, kind: str, column: str, keys: tuple[str, ...]) -> Found | None:
    """The amount of the first row key (in ``keys`` order) the table prints."""
    for key in keys:
        values = {
            yuan(line.amount, line.money_unit)
            for line in extraction.budget_lines
            if line.table_kind == kind and line.row_key == key and line.column_name == column
        }
        if values:
            return _one(values)
    return None


def _function(lines: list[BudgetLine], code: str) -> Found | None:
    return _one(
        {
            yuan(line.amount, line.money_unit)
            for line in lines
            if line.table_kind == "general_budget_expenditure"
            and line.subject_code == code
            and line.column_name == "total"
        }
    )


def figures_of(extraction: Extraction) -> dict[str, Found]:
    """Every golden measure the extraction gives, in yuan."""
    year = extraction.identity.year
    out: dict[str, Found | None] = {
        "total_revenue_yuan": _lines(
            extraction, "income_expense_summary", "total", ("revenue_total", "revenue_grand_total")
        ),
        "total_expenditure_yuan": _lines(
            extraction,
            "income_expense_summary",
            "total",
            ("expenditure_total", "expenditure_grand_total"),
        ),
        "basic_expenditure_yuan": _lines(extraction, "expenditure_summary", "basic", ("total",)),
        "project_expenditure_yuan": _lines(
            extraction, "expenditure_summary", "project", ("total",)
        ),
        "personnel_expenditure_yuan": _lines(
            extraction, "basic_expenditure", "personnel", ("total",)
        ),
        "public_operating_expenditure_yuan": _lines(
            extraction, "basic_expenditure", "public", ("total",)
        ),
        "agency_operating_cost_yuan": _lines(
            extraction, "three_public", "total", ("agency_operating_cost",)
        ),
    }
    three_public: dict[str, dict[str, set[Decimal]]] = defaultdict(lambda: defaultdict(set))
    for figure in extraction.three_public:
        if figure.fiscal_year != year:
            continue
        zero = figure.reported_as in ("blank", "empty_table")
        value = Decimal("0.00") if zero else None
        if figure.amount is not None:
            value = yuan(figure.amount, figure.money_unit)
        if value is not None:
            three_public[figure.component][figure.source].add(value)
    for component, by_source in three_public.items():
        source = "table" if "table" in by_source else "narrative"
        out[f"three_public_{component}_yuan"] = _one(by_source[source])
    if out["agency_operating_cost_yuan"] is None:
        out["agency_operating_cost_yuan"] = _one(
            {
                yuan(fact.amount, fact.unit)
                for fact in extraction.narrative
                if fact.fact_key == "agency_operating_cost"
                and fact.fact_kind == "level"
                and fact.fact_year == year
                and fact.amount is not None
                and fact.unit in _FACTOR
            }
        )
    codes = {line.subject_code for line in extraction.budget_lines if line.subject_code}
    for code in codes:
        out[f"function_{code}_yuan"] = _function(extraction.budget_lines, code)
    return {key: value for key, value in out.items() if value is not None}
