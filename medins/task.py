"""The document task: one document's bytes in, its raw tables or its rejection out.

It writes nothing: the local worker pool and the Dask cluster both run it and hand its
result back to the one process that lands rows, so both land the same rows.  Each run
happens in a child process that holds the per-document memory limit (RLIMIT_AS) and is
killed at the time limit; ``settle`` turns the pool's verdict into a result, so a stuck
document or a decompression bomb becomes a ``too_slow`` or ``too_large`` rejection like
any other.
"""

from __future__ import annotations

import contextlib
import resource
import signal
import sys
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field

import fsspec
import polars as pl
from pebble import ProcessExpired

from ingest.codes import RejectionReason
from ingest.identity import IdentityHints
from ingest.limits import Limits
from ingest.model import UnreadableDocument


@dataclass(frozen=True, slots=True)
class Source:
    """A document: its bytes' SHA-256, every path (or URL) holding those bytes, and what the
    sources.csv manifest says of it."""

    sha256: str
    paths: list[str]
    byte_size: int
    hints: IdentityHints = field(default_factory=IdentityHints)
    # an entry of the folder that is not read at all (a link out of it, a loop): its reason
    # and detail; sha256 then identifies the entry, not bytes
    refusal: tuple[RejectionReason, str] | None = None

    @property
    def fingerprint(self) -> str:
        """What else decides whether a landed document is still current: its manifest row."""
        return "" if self.hints.is_empty else repr(self.hints)


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
class Result:
    """A document task's answer: what to tell the user, and the rows to land."""

    outcome: Outcome
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)


def apply_memory_limit(limit_bytes: int) -> None:
    """Pool initializer: the address space one reader may use; and a reader dies with the
    process that started it (Linux), so a killed run leaves no reader behind."""
    if limit_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))
    if sys.platform == "linux":
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def read_source(path: str, max_bytes: int | None = None) -> bytes:
    """A file's bytes from a path or any fsspec URL (file://, s3://, …); never more than
    ``max_bytes`` + 1 of them in memory (one byte over says the file is too large)."""
    with fsspec.open(path, "rb") as handle:
        data: bytes = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    return data


def read_document(source: Source, limits: Limits) -> Result:
    """Read, recognise and shape one document; a document that cannot be read becomes its
    rejection.  Runs in a limited child process."""
    from ingest.extract import extract  # the child imports the parsers, not the parent
    from ingest.records import document_tables

    try:
        # the size is checked before the document is read whole (and again on what was read:
        # the file may have grown since the folder was scanned)
        limits.check_size(source.byte_size)
        data = read_source(source.paths[0], limits.max_bytes)
        limits.check_size(len(data))
        extraction = extract(data, limits, source.hints)
        tables = document_tables(extraction, source.sha256, source.paths, source.byte_size)
        outcome = Outcome(
            source.sha256,
            source.paths,
            True,
            rows=sum(df.height for df in tables.values()),
            county=extraction.identity.division.name,
            year=extraction.identity.year,
        )
        return Result(outcome, {name: df for name, df in tables.items() if df.height})
    except UnreadableDocument as exc:
        reason, detail = exc.reason, exc.detail
    except MemoryError:
        reason = RejectionReason.TOO_LARGE
        detail = f"needed more than {limits.memory_mb} MB of memory"
    except Exception as exc:  # a parser bug must not lose the document: record it
        reason, detail = RejectionReason.PARSER_ERROR, f"{type(exc).__name__}: {exc}"[:500]
    return rejection(source, reason, detail)


def rejection(source: Source, reason: RejectionReason, detail: str) -> Result:
    from ingest.records import rejection_frame

    frame = rejection_frame(source.sha256, source.paths, source.byte_size, reason, detail)
    return Result(
        Outcome(source.sha256, source.paths, False, reason=reason, detail=detail),
        {"rejected": frame},
    )


def settle(future: Future[Result], source: Source, limits: Limits) -> Result:
    """The result of a document task run by a pebble pool with ``timeout=limits.seconds``."""
    try:
        return future.result()
    except FutureTimeout:
        return rejection(
            source,
            RejectionReason.TOO_SLOW,
            f"stopped after {limits.seconds} s (per-document time limit); "
            "the rest of the batch went on",
        )
    except ProcessExpired as exc:
        return rejection(
            source,
            RejectionReason.TOO_LARGE,
            f"the reader process died (exit code {exc.exitcode}), most likely over the "
            f"{limits.memory_mb} MB per-document memory limit",
        )
