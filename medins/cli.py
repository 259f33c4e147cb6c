"""Command line: ingest a folder, build the warehouse, or both; list what was read.

Thin on purpose: every command calls a library function and turns its errors into a
readable message and an exit code (0 ok, 1 failed, 2 bad usage, 3 another run holds the lock).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from ingest.limits import Limits
from medins.paths import DataPaths
from medins.printable import printable

DEFAULTS = Limits()

if TYPE_CHECKING:
    from medins.batch import BatchReport, Outcome

EXAMPLES = """examples:
  medins-ingest run                                   # the embedded corpus: data/sources → data/
  medins-ingest run --sources ~/budgets --data-dir ~/out
  medins-ingest ingest --sources ~/budgets            # land raw Parquet only (incremental)
  medins-ingest ingest --scheduler tcp://head:8786 --sources s3://bucket/budgets
                                                      # read the documents on a Dask cluster
  medins-ingest list --data-dir ~/out                 # documents read, with county and year
  medins-ingest rejected --data-dir ~/out             # inputs refused, with the reason
  medins-ingest build --data-dir ~/out                # dbt build + exports from raw/
"""


def _source(value: str) -> Path | str:
    """A folder, or an fsspec URL kept whole (a Path would fold s3:// into s3:/)."""
    return value if "://" in value else Path(value)


def _common(parser: argparse.ArgumentParser, sources: bool = True) -> None:
    if sources:
        parser.add_argument(
            "--sources",
            type=_source,
            default=Path("data/sources"),
            help="folder of documents (.txt or .pdf, any name; default data/sources), "
            "or an fsspec URL (s3://…, file://…)",
        )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path("data"),
        help="output folder for raw/, warehouse.duckdb, exports/ (default data)",
    )


def _limits(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="documents read in parallel (default: number of cores)",
    )
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=DEFAULTS.seconds,
        help="per-document time limit (default %(default)s)",
    )
    parser.add_argument(
        "--max-pages",
        type=int,
        default=DEFAULTS.max_pages,
        help="per-document page limit for PDFs (default %(default)s)",
    )
    parser.add_argument(
        "--max-memory-mb",
        type=int,
        default=DEFAULTS.memory_mb,
        help="per-document memory limit (default %(default)s)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medins-ingest",
        description="Read county medical-insurance bureau budget disclosures (部门预算信息公开) "
        "and build the comparative warehouse.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run",
        help="ingest, build, export and print the comparison",
        epilog="example: medins-ingest run --sources data/sources",
        description="Ingest the source folder (only new or changed files),"
        " run dbt build aside, swap the warehouse and exports in, and "
        "print a county-by-year table and a summary line.",
    )
    _common(run)
    _limits(run)
    run.add_argument("--verbose", action="store_true", help="show dbt's output")

    ingest = commands.add_parser(
        "ingest",
        help="land raw Parquet for new or changed documents",
        epilog="examples:\n  medins-ingest ingest --sources ~/budgets\n"
        "  DASK_DISTRIBUTED__WORKER__DAEMON=False dask worker tcp://head:8786   # each worker\n"
        "  medins-ingest ingest --scheduler tcp://head:8786 --sources /shared/budgets",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Read every document of the folder (or fsspec URL) that changed "
        "since the last run; remove the rows of deleted files.",
    )
    _common(ingest)
    _limits(ingest)
    ingest.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="read the documents on the Dask cluster whose scheduler listens at ADDRESS "
        "(e.g. tcp://head:8786); --sources must then be a folder or URL every worker can "
        "read, and workers must run with DASK_DISTRIBUTED__WORKER__DAEMON=False",
    )
    ingest.add_argument(
        "--raw",
        metavar="URL",
        help="land the raw Parquet here instead of DATA_DIR/raw: a folder or an fsspec URL "
        "(s3://bucket/raw); dbt builds from a local folder",
    )

    build = commands.add_parser(
        "build",
        help="run dbt build on the raw landing and export marts",
        epilog="example: medins-ingest build --data-dir data",
    )
    _common(build, sources=False)
    build.add_argument("--verbose", action="store_true", help="show dbt's output")

    listing = commands.add_parser(
        "list",
        help="documents read, with county, year and counts",
        epilog="example: medins-ingest list --data-dir data",
    )
    _common(listing, sources=False)

    rejected = commands.add_parser(
        "rejected",
        help="inputs that could not be read, and why",
        epilog="example: medins-ingest rejected --data-dir data",
    )
    _common(rejected, sources=False)

    refresh = commands.add_parser(
        "refresh",
        help="scheduled run: lock, ingest changes, rebuild aside, swap atomically",
        epilog="exit codes: 0 rebuilt, 0 with 'nothing changed', 1 failed (last good warehouse "
        "kept), 3 another refresh is running",
        description="Safe to run from cron or a systemd timer.",
    )
    _common(refresh)
    _limits(refresh)
    refresh.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    return parser


def _make_limits(args: argparse.Namespace) -> Limits:
    return Limits(seconds=args.max_seconds, memory_mb=args.max_memory_mb, max_pages=args.max_pages)


def _progress(console: Console) -> Callable[[int, int, Outcome], None]:
    def report(done: int, total: int, outcome: Outcome) -> None:
        status = (
            f"{outcome.county} {outcome.year}"
            if outcome.landed
            else (f"rejected: {outcome.reason}")
        )
        # markup=False: a file name like "预算[/x].txt" is text, not a rich tag; printable:
        # a name holding escape sequences must not drive the terminal
        line = f"[{done}/{total}] {printable(Path(outcome.paths[0]).name)}: {status}"
        console.print(line, highlight=False, markup=False)

    return report


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # a pipe or a log file gets a wide table rather than rich's 80-column default
    console = Console(stderr=False, width=None if sys.stdout.isatty() else 160)
    paths = DataPaths(args.data_dir)
    try:
        if args.command in ("run", "ingest", "build"):
            from medins.lock import writer_lock

            with writer_lock(paths.lock, wait=True):
                from medins.build import clean_stale

                clean_stale(paths)  # what a killed run left behind
                return _write(args, paths, console)
        if args.command in ("list", "rejected"):
            from medins.listing import print_listing

            return print_listing(paths, args.command, console)
        if args.command == "refresh":
            from medins.refresh import refresh

            return refresh(
                args.sources,
                paths,
                _make_limits(args),
                console,
                workers=args.workers,
                force=args.force,
            )
    except FileNotFoundError as exc:
        console.print(f"[red]error:[/] {escape(printable(exc))}", soft_wrap=True)
        return 2
    except Exception as exc:
        from medins.build import BuildFailed
        from medins.diskspace import DiskFull
        from medins.manifest import ManifestError

        if isinstance(exc, BuildFailed):
            console.print(
                "[red]build failed; the last good warehouse is kept.[/]\n" + escape(printable(exc))
            )
            return 1
        if isinstance(exc, ManifestError | DiskFull):  # one line, no traceback
            console.print(f"[red]error:[/] {escape(printable(exc))}", soft_wrap=True)
            return 1
        raise
    return 2


def _write(args: argparse.Namespace, paths: DataPaths, console: Console) -> int:
    """The commands that write: ingest, build, or both (run)."""
    from medins.build import build
    from medins.report import print_run, summary_line

    if args.command == "build":
        result = build(paths, quiet=not args.verbose)
        console.print(
            f"dbt tests passed {result.tests_passed}/{result.tests_total}; "
            f"exported {len(result.exports)} tables to {escape(str(paths.exports))}"
        )
        return 0
    from medins.batch import ingest_folder

    if args.command == "ingest" and (args.scheduler or args.raw):
        batch = _ingest_elsewhere(args, paths, console)
    else:
        batch = ingest_folder(
            args.sources,
            paths,
            workers=args.workers,
            limits=_make_limits(args),
            on_progress=_progress(console),
        )
    for notice in batch.notices:
        console.print(printable(notice), markup=False, highlight=False, soft_wrap=True)
    if args.command == "ingest":
        console.print(summary_line(batch, None))
        return 0
    print_run(paths, batch, build(paths, quiet=not args.verbose), console)
    return 0


def _ingest_elsewhere(args: argparse.Namespace, paths: DataPaths, console: Console) -> BatchReport:
    """``ingest`` with a Dask scheduler and/or a landing at a URL."""
    from landing import Landing
    from medins.batch import ingest, local_runner

    raw = args.raw or str(paths.raw)
    if args.scheduler:
        from medins.distributed import cluster_runner

        runner = cluster_runner(args.scheduler)
    else:
        runner = local_runner(args.workers)
    return ingest(args.sources, Landing(raw), runner, _make_limits(args), _progress(console))


if __name__ == "__main__":
    sys.exit(main())
