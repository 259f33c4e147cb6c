"""Run the researchers' SQL in ``queries/`` against a built warehouse and print the answers.

Each ``queries/NN_short_name.sql`` holds one research question.  It starts with a comment
block that states the question in Chinese (``-- 问题: …``) and in English
(``-- Question: …``, continued on indented comment lines), explains every output column and
says where the data is thin (``-- Caveat: …``).  This module reads those headers, opens
``<data-dir>/warehouse.duckdb`` read-only, runs each query and prints its question and result
as a table.  A query that fails is reported and the others still run.

    python -m medins.queries                      # every query, warehouse in data/
    python -m medins.queries 01 enrollment_trend  # a subset, by number or name

Exit codes: 0 every query ran, 1 at least one query failed, 2 bad usage (no warehouse, no
queries, unknown name, a query file without its header).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from medins.paths import QUERIES_DIR, DataPaths

FILE_NAME = re.compile(r"^(?P<number>\d{2})_(?P<short>[a-z0-9_]+)\.sql$")
HEADER_KEY = re.compile(r"^(?P<key>问题|question|columns|caveat)\s*[:：]\s*(?P<text>.*)$", re.I)
KEYS = {"问题": "question_zh", "question": "question_en", "columns": "columns", "caveat": "caveat"}
NULL = "NULL"
TEXT_COLUMN_WIDTH = 60  # longer text (sentences, project lists) folds inside its column
PIPE_WIDTH = 1000
EXAMPLES = """examples:
  python -m medins.queries                          # every query against data/warehouse.duckdb
  python -m medins.queries --data-dir ~/out 01 03   # queries 01 and 03 of another warehouse
  python -m medins.queries three_public             # one query, by its short name
"""


class QueryHeaderError(ValueError):
    """A query file whose header lacks the Chinese or the English question."""


@dataclass(frozen=True, slots=True)
class Query:
    """One research question: its file, the questions from its header and its SQL."""

    name: str
    path: Path
    question_zh: str
    question_en: str
    caveat: str
    sql: str

    @property
    def number(self) -> str:
        return self.name.split("_", 1)[0]

    @property
    def short_name(self) -> str:
        return self.name.split("_", 1)[1]


def _header_lines(sql: str) -> list[str]:
    """The leading ``--`` comment lines, without the ``--``; stops at the first other line."""
    lines = []
    for line in sql.splitlines():
        stripped = line.strip()
        if not stripped.startswith("--"):
            break
        lines.append(stripped[2:])
    return lines


def parse_header(sql: str) -> dict[str, str]:
    """The header fields (question_zh, question_en, columns, caveat) of a query's text.

    A field starts with ``-- Key: text`` and goes on over the following comment lines that
    are indented; an empty comment line or another key ends it.
    """
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in _header_lines(sql):
        found = HEADER_KEY.match(line.strip())
        if found and not line.startswith("  "):
            current = fields.setdefault(KEYS[found["key"].lower()], [])
            if found["text"]:
                current.append(found["text"].strip())
        elif not line.strip():
            current = None
        elif current is not None:
            current.append(line.strip())
    return {key: " ".join(parts) for key, parts in fields.items()}


def load_query(path: Path) -> Query:
    """Read one query file; raise QueryHeaderError when its header is incomplete."""
    sql = path.read_text(encoding="utf-8")
    header = parse_header(sql)
    missing = [key for key in ("question_zh", "question_en") if not header.get(key)]
    if missing:
        raise QueryHeaderError(
            f"{path}: the header lacks {', '.join(missing)} "
            "(expected '-- 问题: …' and '-- Question: …' lines at the top)"
        )
    return Query(
        name=path.stem,
        path=path,
        question_zh=header["question_zh"],
        question_en=header["question_en"],
        caveat=header.get("caveat", ""),
        sql=sql,
    )


def load_queries(folder: Path) -> list[Query]:
    """Every ``NN_short_name.sql`` of ``folder``, in file-name order."""
    if not folder.is_dir():
        raise FileNotFoundError(f"no query folder at {folder}")
    paths = sorted(path for path in folder.glob("*.sql") if FILE_NAME.match(path.name))
    return [load_query(path) for path in paths]


def select_queries(queries: Sequence[Query], names: Sequence[str]) -> list[Query]:
    """The queries named by file stem, number (``03``) or short name; all when none is named."""
    if not names:
        return list(queries)
    unknown = [
        name for name in names if not any(name in (q.name, q.number, q.short_name) for q in queries)
    ]
    if unknown:
        raise LookupError(
            f"no query named {', '.join(unknown)}; known: {', '.join(q.name for q in queries)}"
        )
    return [q for q in queries if any(name in (q.name, q.number, q.short_name) for name in names)]


def run_query(
    con: duckdb.DuckDBPyConnection, query: Query
) -> tuple[list[str], list[tuple[object, ...]]]:
    """Run one query; its column names and rows."""
    result = con.execute(query.sql)
    columns = [column[0] for column in result.description or []]
    rows: list[tuple[object, ...]] = [tuple(row) for row in result.fetchall()]
    return columns, rows


def _cell(value: object) -> Text:
    if value is None:
        return Text(NULL, style="dim")
    if isinstance(value, bool):
        return Text("true" if value else "false")
    return Text(str(value))


def result_table(columns: Sequence[str], rows: Sequence[tuple[object, ...]]) -> Table:
    """A rich table of a query result; NULL stays visible as NULL, never as 0 or blank."""
    table = Table(show_lines=False)
    numeric = [
        bool(rows)
        and all(
            isinstance(row[i], Decimal | float | int) and not isinstance(row[i], bool)
            for row in rows
            if row[i] is not None
        )
        for i in range(len(columns))
    ]
    for column, is_numeric in zip(columns, numeric, strict=True):
        if is_numeric:
            table.add_column(column, justify="right", no_wrap=True)
        else:
            table.add_column(column, max_width=TEXT_COLUMN_WIDTH, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(value) for value in row))
    return table


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m medins.queries",
        description="Answer the research questions of queries/*.sql from a built warehouse "
        "and print each question with its result.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help="queries to run, by number (01), short name (three_public) or "
        "file stem (03_three_public); default: all",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path("data"),
        help="folder holding warehouse.duckdb (default data)",
    )
    parser.add_argument(
        "--queries",
        type=Path,
        default=QUERIES_DIR,
        help="folder of NN_short_name.sql files (default: queries/ of the repository)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    console = Console(highlight=False, soft_wrap=True)
    if not console.is_terminal:  # a file or pipe: tables at their natural width, not 80 columns
        console.width = PIPE_WIDTH
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    warehouse = DataPaths(args.data_dir).warehouse
    if not warehouse.is_file():
        errors.print(
            f"[red]error:[/] no warehouse at {escape(str(warehouse))}; build it first "
            f"with: medins-ingest run --data-dir {escape(str(args.data_dir))}"
        )
        return 2
    try:
        queries = select_queries(load_queries(args.queries), args.names)
    except (OSError, QueryHeaderError, LookupError) as exc:
        errors.print(f"[red]error:[/] {escape(str(exc))}")
        return 2
    if not queries:
        errors.print(f"[red]error:[/] no NN_short_name.sql files in {escape(str(args.queries))}")
        return 2
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error as exc:
        errors.print(f"[red]error:[/] cannot open {escape(str(warehouse))}: {escape(str(exc))}")
        return 2
    failed: list[str] = []
    with con:
        for query in queries:
            console.print(Text(f"── {query.name} ──", style="bold cyan"))
            console.print(Text(query.question_zh, style="bold"))
            console.print(Text(query.question_en))
            if query.caveat:
                console.print(Text("Caveat: " + query.caveat, style="italic"))
            try:
                columns, rows = run_query(con, query)
            except duckdb.Error as exc:
                failed.append(query.name)
                console.print(Text(f"query failed: {exc}", style="red"))
                continue
            console.print(result_table(columns, rows))
            console.print(f"{len(rows)} rows\n")
    if failed:
        errors.print(
            f"[red]{len(failed)} of {len(queries)} queries failed:[/] {escape(', '.join(failed))}"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
