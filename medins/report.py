"""What a person sees at the end of a run: a county-by-year table and a one-line summary."""

from __future__ import annotations

from decimal import Decimal

import duckdb
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ingest.reference import seed_rows
from medins.batch import BatchReport
from medins.build import BuildResult
from medins.paths import DataPaths
from medins.printable import printable

# The sign after a figure of each status: the seed ref_statuses, shared with the dashboard.
MARKS = {row["status"]: row["mark"] for row in seed_rows("ref_statuses.csv")}


def _cell(value: Decimal | None, status: str | None) -> str:
    if value is None:
        return "—" if status != "conflicting" else MARKS["conflicting"]
    text = f"{value:,.2f}" if value != value.to_integral() else f"{value:,.0f}"
    return text + MARKS.get(status or "", "")


def comparison_table(paths: DataPaths) -> Table:
    """County × year, with the measures ref_measures marks in_summary, labelled as it says."""
    table = Table(
        title=(
            f"County × year comparison (元; {MARKS['derived']} derived, "
            f"{MARKS['conflicting']} conflicting, — not reported)"
        ),
        show_lines=False,
    )
    table.add_column("county")
    table.add_column("year", justify="right")
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        measures = con.execute(
            "select measure, label_zh from main.dim_measure "
            "where in_summary and in_comparison order by sort_order"
        ).fetchall()
        for _, label in measures:
            table.add_column(label, justify="right")
        comparison = con.table("main.mart_county_year_comparison").order("county_code, fiscal_year")
        names = comparison.columns
        for row in comparison.fetchall():
            record = dict(zip(names, row, strict=True))
            cells = [
                _cell(record[measure], record[status_column(measure)]) for measure, _ in measures
            ]
            table.add_row(record["county_name"], str(record["fiscal_year"]), *cells)
    return table


def status_column(measure: str) -> str:
    """The wide marts' status column of a measure (dbt macro status_column)."""
    return measure.replace("_yuan", "").replace("_persons", "") + "_status"


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
                + escape(printable(f"{outcome.paths[0]}: {outcome.reason} — {outcome.detail}"))
            )
    console.print(summary_line(batch, result))
