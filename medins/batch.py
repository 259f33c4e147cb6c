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

import errno
import hashlib
import itertools
import multiprocessing
import os
import stat
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import fsspec
from fsspec.implementations.local import LocalFileSystem
from pebble import ProcessPool

from ingest.codes import RejectionReason
from ingest.limits import Limits
from ingest.version import parser_version
from landing import BUCKETS, Change, Entry, Landing, Mismatch, bucket_of
from medins.digests import DigestCache, sha256_file
from medins.manifest import (
    MANIFEST,
    ManifestError,
    decode_manifest,
    hints_for,
    parse_manifest_rows,
    unmatched_rows,
)
from medins.paths import DataPaths
from medins.task import (
    Outcome,
    Result,
    Source,
    apply_memory_limit,
    read_document,
    rejection,
    settle,
)

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
    # lines the user must read: landing files that did not match their manifests (their
    # documents read again), sources.csv rows that name no file
    notices: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Scan:
    """What a sources folder holds: documents (and refused entries, as sources that carry
    their refusal), and notices about sources.csv."""

    sources: list[Source]
    notices: list[str] = field(default_factory=list)


def _is_url(sources: Path | str) -> bool:
    return isinstance(sources, str) and "://" in sources


def scan(sources: Path | str) -> list[Source]:
    """Every file under ``sources`` (a folder or an fsspec URL; hidden files, READMEs and
    sources.csv aside), grouped by content, with what sources.csv says of it.  Entries that
    cannot be read as files of the folder (a link out of it, a link loop, a dangling link, a
    pipe or device) are sources carrying their refusal."""
    return scan_folder(sources).sources


def scan_folder(sources: Path | str, digests: DigestCache | None = None) -> Scan:
    """``scan`` with the notices a user must see (sources.csv rows naming no file).  A local
    folder's files are hashed unless ``digests`` remembers them unchanged (medins/digests.py);
    it then holds the digests of this scan's files, for the caller to save."""
    refused: list[Source] = []
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
        files, refused = _local_files(folder)
        name = str
    root_path = root if _is_url(sources) else str(sources)
    manifest_path = f"{root_path.rstrip('/')}/{MANIFEST}"
    rows = {}
    if not _is_url(sources) and Path(manifest_path).is_symlink():
        real = os.path.realpath(manifest_path)
        if os.path.commonpath([os.path.realpath(sources), real]) != os.path.realpath(sources):
            # never read (its errors would quote what it holds)
            raise ManifestError(
                f"{manifest_path}: a link to {real}, outside the sources folder; not read"
            )
    if fs.isfile(manifest_path):
        with fs.open(manifest_path, "rb") as handle:
            rows = parse_manifest_rows(decode_manifest(handle.read(), manifest_path), manifest_path)
    manifest = {key: row.hints for key, row in rows.items()}
    by_hash: dict[str, Source] = {}
    kept = [
        (parts, path)
        for parts, path in sorted(files)
        if not any(part.startswith(".") for part in parts) and parts[-1] not in _SKIPPED_NAMES
    ]
    local = None if _is_url(sources) else (digests or DigestCache(None))
    for _parts, path in kept:
        if local is None:  # a URL's files have no stamp to remember them by
            sha, size = sha256_file(path, fs.open), fs.size(path)
        else:
            sha, size = local.sha256(path)
        if sha in by_hash:
            by_hash[sha].paths.append(name(path))
        else:
            by_hash[sha] = Source(sha, [name(path)], size)
    notices = unmatched_rows(rows, ["/".join(parts) for parts, _ in kept], manifest_path)
    found = [
        Source(s.sha256, s.paths, s.byte_size, hints_for(manifest, str(sources), s.paths))
        for s in by_hash.values()
    ]
    return Scan(found + refused, notices)


def _local_files(folder: Path) -> tuple[list[tuple[tuple[str, ...], str]], list[Source]]:
    """The regular files under ``folder`` (links followed only to files inside it), and a
    refusal for every entry that is not one: nothing outside the sources folder is read, and
    nothing is skipped without a reason."""
    root = os.path.realpath(folder)
    files: list[tuple[tuple[str, ...], str]] = []
    refused: list[Source] = []
    for directory, subfolders, names in os.walk(folder):  # links to folders are not entered
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for entry in sorted([*subfolders, *names]):
            path = Path(directory, entry)
            parts = path.relative_to(folder).parts
            if any(part.startswith(".") for part in parts):
                continue
            is_link = path.is_symlink()
            if not is_link and entry in subfolders:
                continue  # a folder: os.walk enters it
            refusal = _refusal(path, root, is_link)
            if refusal is None:
                if not (is_link and Path(os.path.realpath(path)).is_dir()):
                    files.append((parts, str(path)))
                continue  # a link to a folder inside: its files are read where they are
            reason, detail = refusal
            refused.append(_refused_source(path, reason, detail))
    return files, refused


def _refusal(path: Path, root: str, is_link: bool) -> tuple[RejectionReason, str] | None:
    try:
        mode = os.stat(path).st_mode  # follows the link
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return RejectionReason.LINK_LOOP, (
                f"a symbolic link that leads back to itself ({_link_target(path)}): "
                "replace it with the file it should name"
            )
        if is_link and exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return RejectionReason.BROKEN_LINK, (
                f"a symbolic link to {_link_target(path)}, which does not exist: "
                "restore the file or remove the link"
            )
        return RejectionReason.NOT_A_FILE, f"cannot be examined: {exc.strerror}"
    if is_link:
        real = os.path.realpath(path)
        if os.path.commonpath([root, real]) != root:
            return RejectionReason.OUTSIDE_SOURCES, (
                f"a symbolic link to {real}, outside the sources folder: not read; copy the "
                "document into the folder to ingest it"
            )
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return RejectionReason.NOT_A_FILE, (
            "a pipe, socket or device, not a document file: not read"
        )
    return None


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def _refused_source(path: Path, reason: RejectionReason, detail: str) -> Source:
    """A refused entry has no bytes of its own to hash: its identity is its path, its
    reason and where it points, so a link that is re-pointed is looked at again."""
    key = "\0".join([str(path), reason.value, _link_target(path) if path.is_symlink() else ""])
    sha = hashlib.sha256(b"refused\0" + key.encode("utf-8", "surrogateescape")).hexdigest()
    return Source(sha, [str(path)], 0, refusal=(reason, detail))


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
    digests: DigestCache | None = None,
) -> BatchReport:
    """Bring ``landing`` up to date with ``sources``, reading the documents with ``runner``
    (``digests``: the source files' digests remembered from the last run, saved after it)."""
    # a bad sources.csv stops here, before anything is written
    scanned = scan_folder(sources, digests)
    if digests is not None:
        digests.save()
    found = scanned.sources
    repaired = landing.recover()
    landing.ensure_empty_tables()
    report = BatchReport(scanned=sum(len(source.paths) for source in found))
    report.notices += _repair_notices(repaired) + scanned.notices
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
    # refused entries (links out of the folder, loops) are never opened: their rejection
    # is known without a reader
    refused = [rejection(s, *s.refusal) for s in todo if s.refusal is not None]
    readable = sorted((s for s in todo if s.refusal is None), key=lambda source: source.sha256)
    # in doc_id order: buckets complete (and leave memory) one after another
    for result in itertools.chain(refused, runner(readable, limits)):
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


def _repair_notices(repaired: list[Mismatch]) -> list[str]:
    """One line per landing file that did not match its manifest: it was removed and the
    documents of its bucket are read again on this run."""
    return [
        f"landing: {mismatch}; removed, the documents of bucket {mismatch.bucket} are read again"
        for mismatch in repaired
    ]


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
        sources,
        Landing(paths.raw),
        local_runner(workers),
        limits or Limits(),
        on_progress,
        DigestCache(paths.source_digests),
    )
