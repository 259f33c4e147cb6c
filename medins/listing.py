"""`list` and `rejected`: what the raw landing holds, read straight from its Parquet files."""

from __future__ import annotations

import polars as pl
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from medins.paths import DataPaths
from medins.printable import printable


def print_listing(paths: DataPaths, which: str, console: Console) -> int:
    table_name = "documents" if which == "list" else "rejected"
    folder = paths.raw_table(table_name)
    files = sorted(folder.glob("*.parquet")) if folder.exists() else []
    if not files:
        console.print(
            printable(f"no {table_name} in {folder} (run `medins-ingest ingest` first)"),
            markup=False,
        )
        return 0
    # glob=False: a data folder named like a pattern ("[x]", "*") is read as the name it is
    df = pl.concat([pl.read_parquet(f, glob=False) for f in files], how="vertical_relaxed")
    table = Table(title=escape(printable(f"{table_name} in {paths.raw}")))
    if which == "list":
        columns = [
            "source_path",
            "source_format",
            "county_code",
            "county_name_raw",
            "budget_year",
            "money_unit",
            "n_issues",
            "doc_id",
        ]
    else:
        columns = ["source_path", "reason", "detail"]
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in df.select(columns).sort(columns[0]).iter_rows():
        table.add_row(
            *[  # Text, not markup: a path like ".../o'brien [x]/a.txt" is printed as it is
                Text("" if value is None else printable(value)[: 80 if column != "doc_id" else 12])
                for column, value in zip(columns, row, strict=True)
            ]
        )
    console.print(table)
    console.print(f"{df.height} {table_name}")
    return 0
