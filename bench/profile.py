"""Where a real PDF page's time goes: each stage of the ingest timed on the real PDFs of
../shared/real/wild, in one process.

The stages are the product's own functions, wrapped for the run by a timer (nothing of the
product is re-implemented here): a wrapped function's time is its own, the time of the
stages it calls subtracted, so the rows add up to the whole.

    python -m bench.profile            # every PDF of ../shared/real/wild
    python -m bench.profile --limit 10 # the first ten

Timings on a shared machine are noisy; the shares are what to read.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

import ingest.extract
import ingest.readers.pdf as pdf_package
import ingest.readers.pdf.objects as objects
import ingest.readers.pdf.reader as reader
import ingest.records
from ingest.identity import IdentityHints
from ingest.limits import Limits
from ingest.model import UnreadableDocument
from ingest.version import parser_version
from landing.store import Change, Entry, Landing, bucket_of

WILD = Path(__file__).resolve().parents[2] / "shared" / "real" / "wild"

# (module, function name, stage): the stage a function's own time is counted in
STAGES: list[tuple[Any, str, str]] = [
    (reader, "_open", "open the file (pdfium)"),
    (reader, "inventory", "page objects: triage walk (pdfium)"),
    (reader, "_pdfium_cannot_decode", "decode check: text objects and fonts (pdfium)"),
    (objects, "_chars", "characters of ruled pages (pdfium)"),
    (objects, "_edges", "ruling lines of ruled pages (pdfium)"),
    (reader, "TableFinder", "table finding (pdfplumber's TableFinder)"),
    (reader, "_extract", "cells: characters into cells, cell text"),
    (reader, "_blocks", "prose lines around the tables, reading order"),
    (reader, "_pdfplumber_blocks", "pages pdfium may misread, parsed by pdfminer"),
    (reader, "_ocr_blocks", "pages without a text layer, read by OCR"),
    (pdf_package, "read_pdf", "page text (pdfium) and the rest of the read"),
    (ingest.extract, "extract", "recognition: tables, units, identity, prose"),
    (ingest.records, "document_tables", "row shaping (records)"),
]


class Timer:
    """Exclusive time per stage: a stage's time minus the time of stages inside it."""

    def __init__(self) -> None:
        self.own: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._stack: list[list[float]] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self._stack.append([0.0])
        started = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - started
            inner = self._stack.pop()[0]
            self.own[name] += elapsed - inner
            self.calls[name] += 1
            if self._stack:
                self._stack[-1][0] += elapsed

    def wrap(self, function: Callable[..., Any], name: str) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(name):
                return function(*args, **kwargs)

        return timed


def profile(files: list[Path], landing_folder: Path) -> tuple[Timer, int, int]:
    timer = Timer()
    changes: dict[str, Change] = defaultdict(Change)
    originals = [(module, name, getattr(module, name)) for module, name, _ in STAGES]
    for module, name, stage in STAGES:
        setattr(module, name, timer.wrap(getattr(module, name), stage))
    pages = rejected = 0
    try:
        for path in files:
            data = path.read_bytes()
            pages += _page_count(data)
            try:
                extraction = ingest.extract.extract(data, Limits(), IdentityHints())
            except UnreadableDocument:
                rejected += 1
                continue
            doc_id = hashlib.sha256(data).hexdigest()
            tables = ingest.records.document_tables(extraction, doc_id, [str(path)], len(data))
            entry = Entry(parser_version=parser_version(), paths=[str(path)], landed=True)
            changes[bucket_of(doc_id)].add(doc_id, entry, tables)
        # the landing commits a bucket at a time, as the product does
        landing = Landing(landing_folder)
        with timer.stage("landing: buckets of Parquet and their manifests"):
            for bucket, change in sorted(changes.items()):
                landing.apply(bucket, change)
    finally:
        for module, name, original in originals:
            setattr(module, name, original)
    return timer, pages, rejected


def _page_count(data: bytes) -> int:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return 0
    try:
        return len(document)
    finally:
        document.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.profile",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--limit", type=int, default=0, help="first N PDFs only (0: all)")
    parser.add_argument("--folder", type=Path, default=WILD, help="default ../shared/real/wild")
    args = parser.parse_args(argv)
    console = Console(width=120)
    if not args.folder.is_dir():
        console.print(f"{args.folder} is absent: nothing to profile")
        return 0
    files = sorted(args.folder.glob("*.pdf"))[: args.limit or None]
    with tempfile.TemporaryDirectory(prefix="medins-profile-") as scratch:
        timer, pages, rejected = profile(files, Path(scratch))
    total = sum(timer.own.values())
    table = Table(title=f"{len(files)} real PDFs, {pages} pages, one process ({rejected} refused)")
    for column in ("stage", "calls", "seconds", "ms a page", "share"):
        table.add_column(column, justify="right" if column != "stage" else "left")
    for name, seconds in sorted(timer.own.items(), key=lambda item: -item[1]):
        table.add_row(
            name,
            str(timer.calls[name]),
            f"{seconds:.1f}",
            f"{1000 * seconds / max(pages, 1):.1f}",
            f"{100 * seconds / total:.0f}%",
        )
    table.add_row("all", "", f"{total:.1f}", f"{1000 * total / max(pages, 1):.1f}", "100%")
    console.print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
