"""Ingest a folder: only new or changed documents, in parallel, each within its limits.

Identity is content: ``doc_id`` is the SHA-256 of a file's bytes, so a renamed or copied
file is the same document (its paths are updated, nothing re-parsed), a changed file is a
new document, and a deleted file's rows leave the landing.  The landing's manifests say
what has landed (``landing/``); a document is read again when its parser version
changed.

The documents run as independent tasks (``medins/task.py``), on a local worker pool here or
on a Dask cluster (``medins/distributed.py``); this process alone lands their rows, one
bucket at a time as soon as every document of the bucket is done, so memory holds about
one bucket's rows, and an interrupted run keeps the buckets it committed.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import fsspec
from fsspec.implementations.local import LocalFileSystem
from pebble import ProcessPool

from ingest.limits import Limits
from ingest.version import parser_version
from landing import BUCKETS, Change, Entry, Landing, bucket_of
from medins.manifest import MANIFEST, hints_for, parse_manifest
from medins.paths import DataPaths
from medins.task import Outcome, Result, Source, apply_memory_limit, read_document, settle

__all__ = ["BatchReport", "Outcome", "Runner", "Source", "ingest", "ingest_folder", "scan"]

_SKIPPED_NAMES = {"README.md", "readme.md", ".DS_Store", "Thumbs.db", MANIFEST}

# runs the document tasks somewhere and yields their results in any order
Runner = Callable[[list[Source], Limits], Iterator[Result]]
Progress = Callable[[int, int, Outcome], None]


@dataclass(slots=True)
class BatchReport:
    scanned: int = 0
    documents: int = 0
    rejected: int = 0
    ingested: list[Outcome] = field(default_factory=list)
    unchanged: int = 0
    relabelled: int = 0
    removed: int = 0
    rows: int = 0


def _is_url(sources: Path | str) -> bool:
    return isinstance(sources, str) and "://" in sources


def scan(sources: Path | str) -> list[Source]:
    """Every file under ``sources`` (a folder or an fsspec URL; hidden files, READMEs and
    sources.csv aside), grouped by content, with what sources.csv says of it."""
    if _is_url(sources):
        fs, root = fsspec.core.url_to_fs(str(sources))
        root = root.rstrip("/")
        if not fs.isdir(root):
            raise FileNotFoundError(f"source folder {sources} does not exist")
        files = [(tuple(p[len(root) + 1 :].split("/")), p) for p in fs.find(root)]
        name: Callable[[str], str] = fs.unstrip_protocol  # a URL the workers can open
    else:
        folder = Path(sources)
        if not folder.is_dir():
            raise FileNotFoundError(f"source folder {sources} does not exist")
        fs = LocalFileSystem()
        files = [(p.relative_to(folder).parts, str(p)) for p in folder.rglob("*") if p.is_file()]
        name = str
    root_path = root if _is_url(sources) else str(sources)
    manifest_path = f"{root_path.rstrip('/')}/{MANIFEST}"
    manifest = {}
    if fs.isfile(manifest_path):
        with fs.open(manifest_path, "rb") as handle:
            manifest = parse_manifest(handle.read().decode("utf-8-sig"), manifest_path)
    by_hash: dict[str, Source] = {}
    for parts, path in sorted(files):
        if any(part.startswith(".") for part in parts) or parts[-1] in _SKIPPED_NAMES:
            continue
        digest = hashlib.sha256()
        with fs.open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        sha = digest.hexdigest()
        if sha in by_hash:
            by_hash[sha].paths.append(name(path))
        else:
            by_hash[sha] = Source(sha, [name(path)], fs.size(path))
    return [
        Source(s.sha256, s.paths, s.byte_size, hints_for(manifest, str(sources), s.paths))
        for s in by_hash.values()
    ]


def local_runner(workers: int | None = None) -> Runner:
    """Document tasks on this machine: a pool of spawned processes, each under the memory
    limit, each document killed at the time limit (the worker is replaced)."""

    def run(todo: list[Source], limits: Limits) -> Iterator[Result]:
        if not todo:
            return
        count = max(1, min(workers or os.cpu_count() or 1, len(todo)))
        # spawn, not fork: polars and duckdb start threads, and a forked child of a threaded
        # parent can deadlock on a lock held by a thread that did not survive the fork.
        pool = ProcessPool(
            max_workers=count,
            initializer=apply_memory_limit,
            initargs=(limits.memory_mb * 1024 * 1024,),
            context=multiprocessing.get_context("spawn"),
        )
        finished = False
        try:
            futures: dict[Future[Result], Source] = {
                pool.schedule(read_document, args=(source, limits), timeout=limits.seconds): source
                for source in todo
            }
            for future in as_completed(list(futures)):
                yield settle(future, futures.pop(future), limits)  # pop: free landed rows
            finished = True
        finally:
            if finished:
                pool.close()  # type: ignore[no-untyped-call]
            else:
                pool.stop()  # type: ignore[no-untyped-call]
            pool.join()

    return run


def ingest(
    sources: Path | str,
    landing: Landing,
    runner: Runner,
    limits: Limits,
    on_progress: Progress | None = None,
) -> BatchReport:
    """Bring ``landing`` up to date with ``sources``, reading the documents with ``runner``."""
    found = scan(sources)
    landing.recover()
    landing.ensure_empty_tables()
    report = BatchReport(scanned=sum(len(source.paths) for source in found))
    state = landing.documents()
    version = parser_version()
    current = {source.sha256: source for source in found}
    changes = {bucket: Change() for bucket in BUCKETS}

    for sha in sorted(set(state) - set(current)):
        changes[bucket_of(sha)].removed.add(sha)
        report.removed += 1
    todo: list[Source] = []
    for source in found:
        known = state.get(source.sha256)
        if (
            known is None
            or known.get("parser_version") != version
            or known.get("manifest", "") != source.fingerprint
        ):
            todo.append(source)
        elif known.get("paths") != source.paths:
            changes[bucket_of(source.sha256)].relabelled[source.sha256] = source.paths
            report.relabelled += 1
        else:
            report.unchanged += 1

    waiting = Counter(bucket_of(source.sha256) for source in todo)
    for bucket in BUCKETS:
        if not waiting[bucket]:
            landing.apply(bucket, changes.pop(bucket))  # removals and renames only
    # in doc_id order: buckets complete (and leave memory) one after another
    for result in runner(sorted(todo, key=lambda source: source.sha256), limits):
        outcome = result.outcome
        bucket = bucket_of(outcome.sha256)
        entry = Entry(
            parser_version=version,
            paths=outcome.paths,
            landed=outcome.landed,
            manifest=current[outcome.sha256].fingerprint,
        )
        changes[bucket].add(outcome.sha256, entry, result.tables)
        report.ingested.append(outcome)
        report.rows += outcome.rows
        if on_progress:
            on_progress(len(report.ingested), len(todo), outcome)
        waiting[bucket] -= 1
        if not waiting[bucket]:
            landing.apply(bucket, changes.pop(bucket))

    order = {source.sha256: i for i, source in enumerate(todo)}
    report.ingested.sort(key=lambda outcome: order[outcome.sha256])
    landed = landing.documents()
    report.documents = sum(1 for entry in landed.values() if entry["landed"])
    report.rejected = len(landed) - report.documents
    return report


def ingest_folder(
    sources: Path | str,
    paths: DataPaths,
    *,
    workers: int | None = None,
    limits: Limits | None = None,
    on_progress: Progress | None = None,
) -> BatchReport:
    """Ingest ``sources`` into ``paths.raw`` with a local worker pool."""
    return ingest(
        sources, Landing(paths.raw), local_runner(workers), limits or Limits(), on_progress
    )
