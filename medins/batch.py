"""Ingest a folder: only new or changed documents, in parallel, each within its limits.

Identity is content: ``doc_id`` is the SHA-256 of a file's bytes, so a renamed or copied
file is the same document (its paths are updated, nothing re-parsed), a changed file is a
new document, and a deleted file's rows leave the landing.  ``raw/_state.json`` caches what
has landed (it can be deleted: the next run re-ingests everything and lands the same bytes).

Each document runs in a worker process with a time limit and a memory limit, so a
decompression bomb or a 3,000-page file is stopped and reported while the batch goes on.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import resource
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path

from pebble import ProcessExpired, ProcessPool

from ingest.codes import RejectionReason
from ingest.identity import IdentityHints
from ingest.landing import ensure_empty_tables, land_document, land_rejected, remove_document
from ingest.limits import Limits
from ingest.model import UnreadableDocument
from ingest.version import parser_version
from medins.manifest import MANIFEST, hints_for, read_manifest
from medins.paths import DataPaths

STATE_FILE = "_state.json"
_SKIPPED_NAMES = {"README.md", "readme.md", ".DS_Store", "Thumbs.db", MANIFEST}


@dataclass(frozen=True, slots=True)
class Source:
    sha256: str
    paths: list[str]
    byte_size: int
    hints: IdentityHints = field(default_factory=IdentityHints)

    @property
    def fingerprint(self) -> str:
        """What decides whether a landed document is still current: its manifest row."""
        return repr(self.hints) if not self.hints.is_empty else ""


@dataclass(slots=True)
class Outcome:
    sha256: str
    paths: list[str]
    landed: bool
    rows: int = 0
    reason: str = ""
    detail: str = ""
    county: str = ""
    year: int | None = None


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


def scan(sources: Path) -> list[Source]:
    """Every file under ``sources`` (hidden files, READMEs and sources.csv aside), grouped by
    content, with what sources.csv says of it."""
    manifest = read_manifest(sources)
    by_hash: dict[str, Source] = {}
    for path in sorted(p for p in sources.rglob("*") if p.is_file()):
        relative = path.relative_to(sources)
        if any(part.startswith(".") for part in relative.parts) or path.name in _SKIPPED_NAMES:
            continue
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        sha = digest.hexdigest()
        if sha in by_hash:
            by_hash[sha].paths.append(str(path))
        else:
            by_hash[sha] = Source(sha, [str(path)], path.stat().st_size)
    return [
        Source(s.sha256, s.paths, s.byte_size, hints_for(manifest, sources, s.paths))
        for s in by_hash.values()
    ]


def _load_state(paths: DataPaths) -> dict[str, dict[str, object]]:
    state_path = paths.raw / STATE_FILE
    if not state_path.exists():
        return {}
    try:
        loaded = json.loads(state_path.read_text(encoding="utf-8"))
        return loaded if isinstance(loaded, dict) else {}
    except (OSError, json.JSONDecodeError):
        return {}  # a damaged cache only costs a re-ingest


def _save_state(paths: DataPaths, state: dict[str, dict[str, object]]) -> None:
    state_path = paths.raw / STATE_FILE
    temporary = state_path.with_suffix(".tmp")
    temporary.write_text(
        json.dumps(state, sort_keys=True, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    os.replace(temporary, state_path)


def _apply_memory_limit(limit_bytes: int) -> None:
    if limit_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))


def process_source(source: Source, data_dir: str, limits: Limits) -> Outcome:
    """Worker: read, recognise and land one document (or its rejection)."""
    from ingest.extract import extract  # the worker imports the parsers, not the parent
    from ingest.records import document_tables, rejection_frame

    paths = DataPaths(Path(data_dir))
    try:
        data = Path(source.paths[0]).read_bytes()
        limits.check_size(len(data))
        extraction = extract(data, limits, source.hints)
        tables = document_tables(extraction, source.sha256, source.paths, source.byte_size)
        rows = land_document(paths.raw, source.sha256, tables)
        return Outcome(
            source.sha256,
            source.paths,
            True,
            rows=rows,
            county=extraction.identity.division.name,
            year=extraction.identity.year,
        )
    except UnreadableDocument as exc:
        reason, detail = exc.reason, exc.detail
    except MemoryError:
        reason, detail = (
            RejectionReason.TOO_LARGE,
            f"needed more than {limits.memory_mb} MB of memory",
        )
    except Exception as exc:  # a parser bug must not lose the document: record it
        reason, detail = RejectionReason.PARSER_ERROR, f"{type(exc).__name__}: {exc}"[:500]
    remove_document(paths.raw, source.sha256)
    land_rejected(
        paths.raw,
        source.sha256,
        rejection_frame(source.sha256, source.paths, source.byte_size, reason, detail),
    )
    return Outcome(source.sha256, source.paths, False, reason=reason, detail=detail)


def _relabel(paths: DataPaths, source: Source) -> None:
    """Same bytes, new file names: update the paths without re-reading the document."""
    import polars as pl

    from ingest.landing import write_atomic

    for table, column in (("documents", "doc_id"), ("rejected", "sha256")):
        path = paths.raw_table(table) / f"{source.sha256}.parquet"
        if path.exists():
            df = (
                pl.read_parquet(path)
                .with_columns(
                    pl.lit(source.paths[0]).alias("source_path"),
                    pl.lit("\n".join(source.paths)).alias("source_paths"),
                )
                .filter(pl.col(column) == source.sha256)
            )
            write_atomic(df, path)


def ingest_folder(
    sources: Path,
    paths: DataPaths,
    *,
    workers: int | None = None,
    limits: Limits | None = None,
    on_progress: Callable[[int, int, Outcome], None] | None = None,
) -> BatchReport:
    limits = limits or Limits()
    if not sources.is_dir():
        raise FileNotFoundError(f"source folder {sources} does not exist")
    paths.raw.mkdir(parents=True, exist_ok=True)
    ensure_empty_tables(paths.raw)
    report = BatchReport()
    found = scan(sources)
    report.scanned = sum(len(source.paths) for source in found)
    state = _load_state(paths)
    version = parser_version()
    current = {source.sha256: source for source in found}

    for sha in sorted(set(state) - set(current)):
        remove_document(paths.raw, sha)
        state.pop(sha)
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
            _relabel(paths, source)
            known["paths"] = source.paths
            report.relabelled += 1
        else:
            report.unchanged += 1

    def record(outcome: Outcome) -> None:
        state[outcome.sha256] = {
            "parser_version": version,
            "paths": outcome.paths,
            "landed": outcome.landed,
            "manifest": current[outcome.sha256].fingerprint,
        }
        report.ingested.append(outcome)
        report.rows += outcome.rows
        if on_progress:
            on_progress(len(report.ingested), len(todo), outcome)

    workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    if todo:
        # spawn, not fork: polars and duckdb start threads, and a forked child of a threaded
        # parent can deadlock on a lock held by a thread that did not survive the fork.
        with ProcessPool(
            max_workers=workers,
            initializer=_apply_memory_limit,
            initargs=(limits.memory_mb * 1024 * 1024,),
            context=multiprocessing.get_context("spawn"),
        ) as pool:
            futures = [
                (
                    source,
                    pool.schedule(
                        process_source,
                        args=(source, str(paths.data_dir), limits),
                        timeout=limits.seconds,
                    ),
                )
                for source in todo
            ]
            for source, future in futures:
                try:
                    record(future.result())
                except FutureTimeout:
                    record(
                        _reject(
                            paths,
                            source,
                            RejectionReason.TOO_SLOW,
                            f"stopped after {limits.seconds} s "
                            "(per-document time limit); the rest of the batch went on",
                        )
                    )
                except ProcessExpired as exc:
                    record(
                        _reject(
                            paths,
                            source,
                            RejectionReason.TOO_LARGE,
                            "the reader process died "
                            f"(exit code {exc.exitcode}), most likely over the "
                            f"{limits.memory_mb} MB per-document memory limit",
                        )
                    )
    _save_state(paths, state)
    landed = {sha for sha, entry in state.items() if entry.get("landed")}
    report.documents = len(landed)
    report.rejected = len(state) - len(landed)
    return report


def _reject(paths: DataPaths, source: Source, reason: RejectionReason, detail: str) -> Outcome:
    from ingest.records import rejection_frame

    remove_document(paths.raw, source.sha256)
    land_rejected(
        paths.raw,
        source.sha256,
        rejection_frame(source.sha256, source.paths, source.byte_size, reason, detail),
    )
    return Outcome(source.sha256, source.paths, False, reason=reason, detail=detail)
