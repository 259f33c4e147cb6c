"""What a person sees at the end of a run: a county-by-year table and a one-line summary."""

from __future__ import annotations

from decimal import Decimal

import duckdb
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from medins.batch import BatchReport
from medins.build import BuildResult
from medins.paths import DataPaths

COLUMNS = (
    ("total_expenditure_yuan", "total_expenditure_status", "支出合计"),
    ("basic_expenditure_yuan", "basic_expenditure_status", "基本支出"),
    ("project_expenditure_yuan", "project_expenditure_status", "项目支出"),
    ("three_public_total_yuan", "three_public_total_status", "三公"),
    ("resident_enrollment_persons", "resident_enrollment_status", "居民参保"),
    ("county_resident_subsidy_yuan", "county_resident_subsidy_status", "县级补助"),
    (
        "county_resident_subsidy_per_person_computed",
        "county_resident_subsidy_per_person_computed_status",
        "人均(算)",
    ),
    (
        "county_resident_subsidy_per_person_stated",
        "county_resident_subsidy_per_person_stated_status",
        "人均(述)",
    ),
)
MARKS = {
    "reported": "",
    "reported_zero": "",
    "derived": "ᵈ",
    "conflicting": "?",
    "not_reported": "",
}


def _cell(value: Decimal | None, status: str | None) -> str:
    if value is None:
        return "—" if status != "conflicting" else "?"
    text = f"{value:,.2f}" if value != value.to_integral() else f"{value:,.0f}"
    return text + MARKS.get(status or "", "")


def comparison_table(paths: DataPaths) -> Table:
    table = Table(
        title="County × year comparison (元; ᵈ derived, ? conflicting, — not reported)",
        show_lines=False,
    )
    table.add_column("county")
    table.add_column("year", justify="right")
    for _, _, label in COLUMNS:
        table.add_column(label, justify="right")
    selected = ", ".join(f"{value}, {status}" for value, status, _ in COLUMNS)
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        rows = con.execute(
            f"select county_name, fiscal_year, {selected} from main.mart_county_year_comparison "
            "order by county_code, fiscal_year"
        ).fetchall()
    for row in rows:
        cells = [_cell(row[i], row[i + 1]) for i in range(2, len(row), 2)]
        table.add_row(row[0], str(row[1]), *cells)
    return table


def summary_line(batch: BatchReport, result: BuildResult | None) -> str:
    parts = [
        f"documents read {batch.documents}",
        f"rejected {batch.rejected}",
        f"ingested now {len(batch.ingested)} (unchanged {batch.unchanged}, "
        f"renamed {batch.relabelled}, removed {batch.removed})",
        f"rows landed {batch.rows}",
    ]
    if result is not None:
        parts.append(f"dbt tests passed {result.tests_passed}/{result.tests_total}")
        parts.append(f"built in {result.seconds:.1f}s")
    return "; ".join(parts)


def print_run(
    paths: DataPaths, batch: BatchReport, result: BuildResult | None, console: Console | None = None
) -> None:
    console = console or Console()
    if result is not None:
        console.print(comparison_table(paths))
    for outcome in batch.ingested:
        if not outcome.landed:
            console.print(
                "[yellow]rejected[/] "
                + escape(f"{outcome.paths[0]}: {outcome.reason} — {outcome.detail}")
            )
    console.print(summary_line(batch, result))
