"""National scale in one run: ingest and build generated corpora of several sizes.

For each size N (default 1,000, 5,000 and 30,000 documents; ``bench/corpus.py`` writes
them, the first N documents of one seeded plan): a fresh ingest with all cores, a
``dbt build``, then 10 new documents and a refresh, then a refresh with nothing new.
Printed per size: documents per second of the ingest, build seconds, the peak memory of
the whole process tree (this process, the readers, dbt), the raw files (count and
bytes), the warehouse's size, and the cost per document relative to the smallest size.

    python -m bench.national --sizes 1000,5000,30000 [--json out.json] [--markdown out.md]

Timings on a shared machine are noisy: compare the sizes of one run.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psutil
from rich.console import Console
from rich.table import Table

from bench.corpus import write_corpus
from ingest.limits import Limits
from landing import Landing
from medins import build as build_module
from medins import refresh as refresh_module
from medins.batch import BatchReport, ingest_folder
from medins.build import build
from medins.exports import reused_parts
from medins.paths import DataPaths
from medins.refresh import EXIT_OK, refresh

ADDED = 10


@dataclass(slots=True)
class Measure:
    documents: int
    rejected: int
    ingest_s: float
    docs_per_s: float
    ingest_cpu_ms_per_doc: float  # CPU of this process and the readers, per document
    landing_s: float  # of the ingest: merging and writing the buckets (this process)
    build_s: float
    build_cpu_s: float
    peak_mb: float  # the whole run: ingest, build, both refreshes
    ingest_peak_mb: float
    build_peak_mb: float
    raw_files: int
    raw_mb: float
    warehouse_mb: float
    add10_refresh_s: float
    add10_ingest_s: float  # of the refresh: scan, read 10 documents, rewrite their buckets
    add10_export_s: float  # of the refresh: the marts written as Parquet and CSV
    noop_refresh_s: float
    # of the +10 refresh's export: the CSV parts (one a province of a long table) taken from
    # the export before it, of all parts
    add10_parts_reused: str = ""
    load_average: float = 0.0  # of the machine (1 min) at the end of the ingest: others' work
    cost_per_doc_ms: float = 0.0
    relative_cost: float = 1.0
    # where the +10 refresh's dbt build went (dbt's run_results.json): seconds per kind of
    # node (summed over dbt's threads), dbt's own elapsed time and the slowest nodes
    refresh_dbt: dict[str, Any] = field(default_factory=dict)


class PeakMemory:
    """Peak of the summed resident memory of this process and all its descendants."""

    def __init__(self, every: float = 0.2) -> None:
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for process in [me, *me.children(recursive=True)]:
                with suppress(psutil.Error):  # ended between the listing and the reading
                    total += process.memory_info().rss
            self.peak = max(self.peak, total)
            self._stop.wait(self.every)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


@contextmanager
def refresh_ingest_clock() -> Iterator[list[float]]:
    """Time spent in the ingest step of ``refresh`` while the block runs."""
    spent = [0.0]
    original = refresh_module.ingest_folder

    def timed(*args: Any, **kwargs: Any) -> BatchReport:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    refresh_module.ingest_folder = timed
    try:
        yield spent
    finally:
        refresh_module.ingest_folder = original


@contextmanager
def export_clock() -> Iterator[list[float]]:
    """Time spent exporting the marts (Parquet, CSV, schema) while the block runs."""
    spent = [0.0]
    original = build_module.export_marts

    def timed(*args: Any, **kwargs: Any) -> list[str]:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    build_module.export_marts = timed
    try:
        yield spent
    finally:
        build_module.export_marts = original


@contextmanager
def landing_clock() -> Iterator[list[float]]:
    """Time spent in Landing.apply (merging and writing buckets) while the block runs."""
    spent = [0.0]
    original = Landing.apply

    def timed(self: Landing, bucket: str, change: object) -> None:
        started = time.perf_counter()
        try:
            original(self, bucket, change)  # type: ignore[arg-type]
        finally:
            spent[0] += time.perf_counter() - started

    Landing.apply = timed  # type: ignore[method-assign]
    try:
        yield spent
    finally:
        Landing.apply = original  # type: ignore[method-assign]


def cpu_seconds() -> float:
    """CPU time of this process and of its children that ended (readers, dbt)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _size_of(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()] if path.exists() else []
    return len(files), sum(p.stat().st_size for p in files)


def _link_first(corpus: Path, files: list[str], target: Path) -> None:
    for name in files:
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.link(corpus / name, destination)


def measure(corpus: Path, files: list[str], extra: list[str], work: Path) -> Measure:
    sources, data = work / "sources", DataPaths(work / "data")
    _link_first(corpus, files, sources)
    with PeakMemory() as peak:
        started, cpu = time.perf_counter(), cpu_seconds()
        with landing_clock() as landing_s, PeakMemory() as ingest_peak:
            report = ingest_folder(sources, data, limits=Limits())
        ingest_s, ingest_cpu = time.perf_counter() - started, cpu_seconds() - cpu
        load = os.getloadavg()[0]
        started, cpu = time.perf_counter(), cpu_seconds()
        with PeakMemory() as build_peak:
            build(data)
        build_s, build_cpu = time.perf_counter() - started, cpu_seconds() - cpu
        _link_first(corpus, extra, sources)
        quiet = Console(file=io.StringIO())
        started = time.perf_counter()
        with refresh_ingest_clock() as added_ingest_s, export_clock() as added_export_s:
            assert refresh(sources, data, Limits(), quiet) == EXIT_OK
        added_s = time.perf_counter() - started
        refresh_dbt = _dbt_timing(data)
        parts_reused = _parts_reused(data)
        started = time.perf_counter()
        assert refresh(sources, data, Limits(), quiet) == EXIT_OK
        noop_s = time.perf_counter() - started
    raw_files, raw_bytes = _size_of(data.raw)
    return Measure(
        documents=report.documents,
        rejected=report.rejected,
        ingest_s=round(ingest_s, 1),
        docs_per_s=round(len(files) / ingest_s, 1),
        ingest_cpu_ms_per_doc=round(1000 * ingest_cpu / len(files), 1),
        landing_s=round(landing_s[0], 1),
        build_s=round(build_s, 1),
        build_cpu_s=round(build_cpu, 1),
        peak_mb=round(peak.peak / 2**20),
        ingest_peak_mb=round(ingest_peak.peak / 2**20),
        build_peak_mb=round(build_peak.peak / 2**20),
        raw_files=raw_files,
        raw_mb=round(raw_bytes / 2**20, 1),
        warehouse_mb=round(data.warehouse.stat().st_size / 2**20, 1),
        add10_refresh_s=round(added_s, 1),
        add10_ingest_s=round(added_ingest_s[0], 1),
        add10_export_s=round(added_export_s[0], 1),
        noop_refresh_s=round(noop_s, 1),
        load_average=round(load, 1),
        cost_per_doc_ms=round(1000 * (ingest_s + build_s) / len(files), 1),
        refresh_dbt=refresh_dbt,
        add10_parts_reused=parts_reused,
    )


def _parts_reused(data: DataPaths) -> str:
    """'reused/all' CSV parts of the export now published."""
    counts = reused_parts(data.exports.resolve()).values()
    return f"{sum(reused for reused, _ in counts)}/{sum(parts for _, parts in counts)}"


def _dbt_timing(data: DataPaths, slowest: int = 8) -> dict[str, Any]:
    """The last dbt run's time by kind of node and its slowest nodes."""
    path = data.data_dir / ".dbt" / "target" / "run_results.json"
    if not path.exists():
        return {}
    run = json.loads(path.read_text(encoding="utf-8"))
    by_kind: dict[str, float] = {}
    for result in run["results"]:
        kind = result["unique_id"].split(".")[0]
        by_kind[kind] = round(by_kind.get(kind, 0.0) + result["execution_time"], 1)
    ranked = sorted(run["results"], key=lambda result: -result["execution_time"])
    return {
        "elapsed_s": round(run["elapsed_time"], 1),
        "seconds_by_kind": by_kind,
        "nodes": len(run["results"]),
        "slowest": {r["unique_id"]: round(r["execution_time"], 1) for r in ranked[:slowest]},
    }


def profile(corpus: Path, names: list[str], scratch: Path) -> dict[str, float]:
    """Where one document's time goes, in one process (milliseconds per document):
    reading the file, recognising it, shaping its rows, sending them between processes
    (pickle, as the pool does) and landing them (16 bucket commits, amortised)."""
    import hashlib
    import pickle

    from ingest.extract import extract
    from ingest.records import document_tables
    from ingest.version import parser_version
    from landing import BUCKETS, Change, Entry

    clock = dict.fromkeys(("read", "recognise", "rows", "transfer", "landing"), 0.0)
    changes = {bucket: Change() for bucket in BUCKETS}
    for name in names:
        started = time.perf_counter()
        data = (corpus / name).read_bytes()
        doc_id = hashlib.sha256(data).hexdigest()
        clock["read"] += time.perf_counter() - started
        started = time.perf_counter()
        extraction = extract(data)
        clock["recognise"] += time.perf_counter() - started
        started = time.perf_counter()
        tables = document_tables(extraction, doc_id, [name], len(data))
        clock["rows"] += time.perf_counter() - started
        started = time.perf_counter()
        tables = pickle.loads(pickle.dumps(tables))
        clock["transfer"] += time.perf_counter() - started
        entry = Entry(parser_version=parser_version(), paths=[name], landed=True)
        changes[doc_id[0]].add(doc_id, entry, tables)
    landing = Landing(scratch / "profile-raw")
    started = time.perf_counter()
    for bucket, change in changes.items():
        landing.apply(bucket, change)
    clock["landing"] = time.perf_counter() - started
    shutil.rmtree(scratch / "profile-raw", ignore_errors=True)
    return {step: round(1000 * seconds / len(names), 1) for step, seconds in clock.items()}


COLUMNS = {
    "documents": "documents",
    "rejected": "rejected",
    "ingest_s": "ingest s",
    "docs_per_s": "docs/s",
    "ingest_cpu_ms_per_doc": "ingest CPU ms/doc",
    "landing_s": "of which landing s",
    "build_s": "dbt build s",
    "build_cpu_s": "build CPU s",
    "peak_mb": "peak MB",
    "ingest_peak_mb": "ingest peak MB",
    "build_peak_mb": "build peak MB",
    "raw_files": "raw files",
    "raw_mb": "raw MB",
    "warehouse_mb": "warehouse MB",
    "add10_refresh_s": "+10 docs refresh s",
    "add10_ingest_s": "of which ingest s",
    "add10_export_s": "of which export s",
    "add10_parts_reused": "CSV parts reused",
    "noop_refresh_s": "no-op refresh s",
    "load_average": "load avg",
    "cost_per_doc_ms": "ms/doc (ingest+build)",
    "relative_cost": "cost/doc vs smallest",
}


def markdown(results: dict[int, Measure], where: dict[str, float]) -> str:
    lines = [
        "| size | " + " | ".join(COLUMNS.values()) + " |",
        "|" + "---:|" * (len(COLUMNS) + 1),
    ]
    for size, result in results.items():
        values = asdict(result)
        lines.append(f"| {size:,} | " + " | ".join(str(values[k]) for k in COLUMNS) + " |")
    if where:
        steps = ", ".join(f"{step} {ms} ms" for step, ms in where.items())
        lines += ["", f"One document in one process: {steps}."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.national",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: python -m bench.national --sizes 1000,5000",
    )
    parser.add_argument("--sizes", default="1000,5000,30000", help="comma-separated sizes")
    parser.add_argument("--scratch", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument(
        "--profile",
        type=int,
        default=100,
        help="documents profiled in one process for 'where the time goes' (default 100; 0: no)",
    )
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))
    console = Console(width=200)
    scratch = Path(args.scratch or tempfile.mkdtemp(prefix="medins-national-"))
    scratch.mkdir(parents=True, exist_ok=True)
    corpus = scratch / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    started = time.perf_counter()
    planned = write_corpus(corpus, sizes[-1] + ADDED)
    names = [item.file_name for item in planned]
    console.print(
        f"generated {len(names):,} documents in {time.perf_counter() - started:.0f} s; "
        f"{os.cpu_count()} cores"
    )
    where: dict[str, float] = {}
    if args.profile:
        where = profile(corpus, names[: args.profile], scratch)
        console.print(f"one document, one process, ms: {where}")
    results: dict[int, Measure] = {}
    for size in sizes:
        work = scratch / f"n{size}"
        shutil.rmtree(work, ignore_errors=True)
        results[size] = measure(corpus, names[:size], names[size : size + ADDED], work)
        results[size].relative_cost = round(
            results[size].cost_per_doc_ms / results[sizes[0]].cost_per_doc_ms, 2
        )
        console.print(f"{size:,}: {asdict(results[size])}")
        shutil.rmtree(work, ignore_errors=True)
    table = Table(title="National corpus, one run")
    table.add_column("size", justify="right")
    for title in COLUMNS.values():
        table.add_column(title, justify="right")
    for size, result in results.items():
        values = asdict(result)
        table.add_row(f"{size:,}", *(str(values[k]) for k in COLUMNS))
    console.print(table)
    if args.json:
        args.json.write_text(
            json.dumps(
                {"sizes": {size: asdict(r) for size, r in results.items()}, "profile_ms": where},
                indent=1,
            ),
            "utf-8",
        )
    if args.markdown:
        args.markdown.write_text(markdown(results, where), encoding="utf-8")
    if not args.scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
