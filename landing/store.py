"""Raw Parquet: few large files; a document's rows land, change and leave as a unit.

Layout under the landing root (a folder or any fsspec URL: ``s3://…/raw``, ``memory://raw``)::

    <table>/<b>.parquet     rows of every document whose doc_id starts with hex digit b
    <table>/_empty.parquet  no rows: dbt's glob always finds the table and its columns
    _manifest/<b>.json      bucket b's commit: its documents and the hash of each file

Sixteen buckets by the first hex digit of the SHA-256 make the landing a function of the
set of documents alone, not of the batches, workers or machines that read them, so two
runs over the same documents land the same bytes (the ``ingested_at``/``rejected_at``
times of newly read documents aside), and 30,000 documents make 16 files per table rather
than one per document.  A document's rows sit in one bucket of each table, so replacing
or removing it rewrites that bucket only; an unchanged document's rows are carried over
as they are.

A bucket commits in three steps: its new files are written as hidden ``.<b>.<hash>.pending``
files (no reader's ``*.parquet`` glob sees them), its manifest is replaced in one atomic
write (the commit point), and the pending files are renamed over the visible ones.
``recover()``, run before every write, rolls an interrupted commit forward (pending files the
manifest names) or back (pending files it does not), and removes every file no manifest
lists, so a crash leaves the last committed landing.  Amounts are exact decimals in the
document's own unit; nothing is converted here.
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NotRequired, TypedDict

import fsspec
import polars as pl
from fsspec.implementations.local import LocalFileSystem

from ingest.raw_schema import SCHEMAS, frame


class DiskFull(OSError):
    """No room to write ``what`` into ``folder``: about ``needed`` bytes, ``free`` were free.
    Whoever raises it has removed what it had written."""

    def __init__(self, folder: str, needed: int, free: int, what: str = "the write") -> None:
        super().__init__(
            errno.ENOSPC,
            f"no space left in {folder}: {what} needs about {_megabytes(needed)} "
            f"({_megabytes(free)} free); nothing was left behind — free some space and run "
            "again",
        )
        self.folder, self.needed, self.free = folder, needed, free

    def __str__(self) -> str:
        return str(self.strerror)


def _megabytes(size: int) -> str:
    return f"{size / 1e6:,.1f} MB" if size >= 100_000 else f"{size:,} bytes"


BUCKETS = tuple("0123456789abcdef")
EMPTY = "_empty.parquet"
MANIFESTS = "_manifest"
ROW_GROUP_ROWS = 262_144  # DuckDB reads a row group per thread; 100k-1M rows is its advice
_LEGACY = ("_state.json",)  # the per-document layout's state: its files are removed on recovery
_PENDING = re.compile(r"\.([0-9a-f])\.([0-9a-f]{16})\.pending")
_BUCKET_FILE = re.compile(r"([0-9a-f])\.parquet")
_MANIFEST_FILE = re.compile(r"([0-9a-f])\.json")


def key_of(table: str) -> str:
    """The column naming the document a row belongs to."""
    return "sha256" if table == "rejected" else "doc_id"


def bucket_of(doc_id: str) -> str:
    return doc_id[0]


class Entry(TypedDict):
    """What the landing remembers of one document (``landed`` false: it was rejected)."""

    parser_version: str
    paths: list[str]
    landed: bool
    manifest: NotRequired[str]  # the sources.csv row it was read with ("" when none)


class Manifest(TypedDict):
    documents: dict[str, Entry]
    files: dict[str, str]  # table -> SHA-256 of its bucket file
    rows: NotRequired[dict[str, int]]  # table -> rows in its bucket file (older manifests lack it)


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A file of the landing that is not what its manifest says (or that none lists)."""

    path: str
    problem: str
    bucket: str | None = None  # the bucket whose documents must be read again

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass(slots=True)
class Change:
    """What one commit does to a bucket."""

    read: dict[str, Entry] = field(default_factory=dict)  # documents read now (rows below)
    rows: dict[str, list[pl.DataFrame]] = field(default_factory=dict)  # table -> new rows
    removed: set[str] = field(default_factory=set)  # documents whose file left the folder
    relabelled: dict[str, list[str]] = field(default_factory=dict)  # same bytes, new paths

    def add(self, doc_id: str, entry: Entry, tables: Mapping[str, pl.DataFrame]) -> None:
        self.read[doc_id] = entry
        for table, df in tables.items():
            if df.height:
                self.rows.setdefault(table, []).append(df)


def conform(table: str, df: pl.DataFrame) -> pl.DataFrame:
    """``df`` with exactly the columns of ``SCHEMAS[table]``, in order (a file written
    before a column was added gets it as nulls)."""
    schema = SCHEMAS[table]
    return df.select(
        [
            pl.col(name).cast(dtype) if name in df.columns else pl.lit(None, dtype).alias(name)
            for name, dtype in schema.items()
        ]
    )


def parquet_bytes(df: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    df.write_parquet(buffer, compression="zstd", statistics=True, row_group_size=ROW_GROUP_ROWS)
    return buffer.getvalue()


class Landing:
    """The raw landing at ``url`` (a local folder or an fsspec URL)."""

    def __init__(self, url: str | os.PathLike[str]) -> None:
        self.url = str(url)
        self.fs, self.root = fsspec.core.url_to_fs(self.url)
        self.local = isinstance(self.fs, LocalFileSystem)

    def path(self, *parts: str) -> str:
        return "/".join([self.root.rstrip("/"), *parts])

    def bucket_file(self, table: str, bucket: str) -> str:
        return self.path(table, f"{bucket}.parquet")

    # --- reading ---------------------------------------------------------------------

    def manifest(self, bucket: str) -> Manifest | None:
        try:
            with self.fs.open(self.path(MANIFESTS, f"{bucket}.json"), "rb") as handle:
                loaded = json.loads(handle.read().decode("utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return (
                None  # a damaged manifest: recover() drops the bucket, its documents are read again
            )
        if not isinstance(loaded, dict) or set(loaded) - {"rows"} != {"documents", "files"}:
            return None
        manifest = Manifest(documents=loaded["documents"], files=loaded["files"])
        if "rows" in loaded:
            manifest["rows"] = loaded["rows"]
        return manifest

    def manifests(self) -> dict[str, Manifest]:
        found = {bucket: self.manifest(bucket) for bucket in BUCKETS}
        return {bucket: manifest for bucket, manifest in found.items() if manifest is not None}

    def documents(self) -> dict[str, Entry]:
        """Every committed document and rejection, by doc_id (= SHA-256 of its bytes)."""
        return {
            doc_id: entry
            for manifest in self.manifests().values()
            for doc_id, entry in manifest["documents"].items()
        }

    def read(self, table: str, bucket: str) -> pl.DataFrame:
        """The committed rows of one bucket of ``table``."""
        manifest = self.manifest(bucket)
        if manifest is None or table not in manifest["files"]:
            return frame(table, [])
        return conform(table, self._read_parquet(self.bucket_file(table, bucket)))

    def read_table(self, table: str) -> pl.DataFrame:
        """All committed rows of ``table``, in doc_id order."""
        return pl.concat([self.read(table, bucket) for bucket in BUCKETS], how="vertical")

    def files(self, table: str) -> list[str]:
        """The committed files of ``table`` (what dbt's glob reads, placeholder aside)."""
        return [
            self.bucket_file(table, bucket)
            for bucket, manifest in sorted(self.manifests().items())
            if table in manifest["files"]
        ]

    def _read_parquet(self, path: str) -> pl.DataFrame:
        if self.local:
            return pl.read_parquet(path)
        with self.fs.open(path, "rb") as handle:
            return pl.read_parquet(handle.read())

    # --- writing ---------------------------------------------------------------------

    def _put(self, path: str, data: bytes) -> None:
        """Write ``path`` whole or not at all (temporary file + rename; on an object store a
        single PUT is already atomic)."""
        if not self.local:
            self.fs.pipe_file(path, data)
            return
        folder, name = os.path.split(path)
        os.makedirs(folder, exist_ok=True)
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise DiskFull(folder, len(data), shutil.disk_usage(folder).free) from None
            raise
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException as exc:
            if os.path.exists(temporary):
                os.unlink(temporary)
            if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise DiskFull(folder, len(data), shutil.disk_usage(folder).free) from None
            raise

    def _move(self, source: str, target: str) -> None:
        if self.local:
            os.replace(source, target)
        else:
            self.fs.mv(source, target)

    def _remove(self, path: str) -> None:
        if self.fs.exists(path):
            self.fs.rm(path)

    def ensure_empty_tables(self) -> None:
        """dbt reads each raw table by glob: give every table an empty file with its columns."""
        for table in SCHEMAS:
            placeholder = self.path(table, EMPTY)
            wanted = parquet_bytes(frame(table, []))
            if not self.fs.exists(placeholder) or self.fs.cat_file(placeholder) != wanted:
                self._put(placeholder, wanted)

    def apply(self, bucket: str, change: Change) -> None:
        """Commit ``change`` to one bucket: the rows of the documents read replace theirs,
        the rows of the removed ones leave, relabelled ones get their new paths."""
        current = self.manifest(bucket) or Manifest(documents={}, files={})
        gone = set(change.read) | change.removed
        if gone:
            tables: Iterable[str] = SCHEMAS
        elif change.relabelled:
            tables = ("documents", "rejected")
        else:
            return
        files = dict(current["files"])
        rows = dict(current.get("rows", {}))
        if current["files"] and "rows" not in current:
            rows = self._row_counts(bucket, current)  # a manifest of an older version
        written: dict[str, str] = {}
        for table in tables:
            merged = self._merged(table, bucket, current, gone, change)
            if merged.height == 0:
                files.pop(table, None)
                rows.pop(table, None)
                continue
            data = parquet_bytes(merged)
            digest = hashlib.sha256(data).hexdigest()
            if files.get(table) != digest:
                pending = self.path(table, f".{bucket}.{digest[:16]}.pending")
                try:
                    self._put(pending, data)
                except BaseException:
                    # nothing is committed yet: leave no pending file behind (a full disk)
                    for left in [*written.values(), pending]:
                        self._remove(left)
                    raise
                written[table] = pending
            files[table] = digest
            rows[table] = merged.height
        documents = {
            doc_id: entry
            for doc_id, entry in current["documents"].items()
            if doc_id not in change.removed
        }
        documents.update(change.read)
        for doc_id, paths in change.relabelled.items():
            documents[doc_id] = Entry(**{**documents[doc_id], "paths": paths})
        manifest = Manifest(
            documents=dict(sorted(documents.items())),
            files=dict(sorted(files.items())),
            rows=dict(sorted(rows.items())),
        )
        try:
            self._put(
                self.path(MANIFESTS, f"{bucket}.json"),
                json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"),
            )
        except BaseException:
            for left in written.values():  # not committed: the pending files go
                self._remove(left)
            raise
        # committed: make the visible files what the manifest says
        for table, pending in written.items():
            self._move(pending, self.bucket_file(table, bucket))
        for table in tables:
            if table not in files:
                self._remove(self.bucket_file(table, bucket))

    def _merged(
        self, table: str, bucket: str, current: Manifest, gone: set[str], change: Change
    ) -> pl.DataFrame:
        key = key_of(table)
        old = (
            conform(table, self._read_parquet(self.bucket_file(table, bucket)))
            if table in current["files"]
            else frame(table, [])
        )
        kept = old.filter(~pl.col(key).is_in(sorted(gone))) if gone else old
        if change.relabelled and "source_paths" in SCHEMAS[table]:
            kept = _relabel(kept, key, change.relabelled)
        new = change.rows.get(table, [])
        try:  # rows shaped by frame() match already; checking each would cost more
            merged = pl.concat([kept, *new], how="vertical")
        except (pl.exceptions.SchemaError, pl.exceptions.ShapeError):
            merged = pl.concat([kept, *(conform(table, df) for df in new)], how="vertical")
        # one order whatever order the documents were read in: by document, each document's
        # rows in the order its reader produced them
        return merged.sort(key, maintain_order=True)

    # --- recovery --------------------------------------------------------------------

    def recover(self) -> list[Mismatch]:
        """Make the files what the manifests say: finish an interrupted commit, drop the
        rest (files of an interrupted write, the per-document layout of older versions), and
        forget every bucket one of whose files is missing or not what its manifest says (its
        SHA-256 and row count: a truncated, bit-flipped, swapped or stripped file), so that
        its documents are read again.  Returns what was found wrong, for the user to see."""
        manifests = self.manifests()
        self._clean_manifest_folder()
        for table in SCHEMAS:
            folder = self.path(table)
            if not self.fs.exists(folder):
                continue
            for path in self.fs.ls(folder, detail=False):
                name = path.rstrip("/").rsplit("/", 1)[-1]
                if name == EMPTY:
                    continue
                target = self.path(table, name)
                pending = _PENDING.fullmatch(name)
                if pending:
                    manifest = manifests.get(pending.group(1))
                    digest = manifest["files"].get(table, "") if manifest else ""
                    if digest.startswith(pending.group(2)):
                        self._move(target, self.bucket_file(table, pending.group(1)))
                    else:
                        self.fs.rm(target)
                    continue
                listed = _BUCKET_FILE.fullmatch(name)
                manifest = manifests.get(listed.group(1)) if listed else None
                if manifest is None or table not in manifest["files"]:
                    self.fs.rm(target)
        found: list[Mismatch] = []
        for bucket, manifest in manifests.items():
            wrong = self._check_bucket(bucket, manifest)
            if wrong:
                # forget the bucket: its documents are read again on this run
                for table in manifest["files"]:
                    self._remove(self.bucket_file(table, bucket))
                self.fs.rm(self.path(MANIFESTS, f"{bucket}.json"))
                found += wrong
        for legacy in _LEGACY:
            self._remove(self.path(legacy))
        return found

    def verify(self) -> list[Mismatch]:
        """What a build would read that its manifests do not vouch for: a listed file that is
        missing or differs (SHA-256, rows), a visible file no manifest lists, a placeholder
        that is not empty.  Reads every file; changes nothing."""
        manifests = self.manifests()
        found: list[Mismatch] = []
        for bucket, manifest in sorted(manifests.items()):
            found += self._check_bucket(bucket, manifest)
        for table in SCHEMAS:
            folder = self.path(table)
            if not self.fs.exists(folder):
                continue
            for path in sorted(self.fs.ls(folder, detail=False)):
                name = path.rstrip("/").rsplit("/", 1)[-1]
                if name.startswith(".") or not name.endswith(".parquet"):
                    continue  # hidden files are never read (dbt globs *.parquet)
                target = self.path(table, name)
                if name == EMPTY:
                    # by its rows, not its bytes: another polars writes other bytes
                    if _parquet_rows(self.fs.cat_file(target)) != 0:
                        found.append(
                            Mismatch(target, "the placeholder of no rows holds rows, or is damaged")
                        )
                    continue
                listed = _BUCKET_FILE.fullmatch(name)
                owner = manifests.get(listed.group(1)) if listed else None
                if owner is None or table not in owner["files"]:
                    found.append(Mismatch(target, "no manifest lists this file"))
        return found

    def _check_bucket(self, bucket: str, manifest: Manifest) -> list[Mismatch]:
        found = []
        counts = manifest.get("rows", {})
        for table, digest in sorted(manifest["files"].items()):
            path = self.bucket_file(table, bucket)
            try:
                data = self.fs.cat_file(path)
            except FileNotFoundError:
                found.append(Mismatch(path, "missing", bucket))
                continue
            if hashlib.sha256(data).hexdigest() != digest:
                found.append(
                    Mismatch(path, f"SHA-256 differs from its manifest ({len(data)} bytes)", bucket)
                )
                continue
            if table in counts:
                rows = _parquet_rows(data)
                if rows != counts[table]:
                    found.append(
                        Mismatch(path, f"{rows} rows, its manifest says {counts[table]}", bucket)
                    )
        return found

    def _row_counts(self, bucket: str, manifest: Manifest) -> dict[str, int]:
        counts = {
            table: _parquet_rows(self.fs.cat_file(self.bucket_file(table, bucket)))
            for table in manifest["files"]
        }
        return {table: count for table, count in counts.items() if count is not None}

    def _clean_manifest_folder(self) -> None:
        folder = self.path(MANIFESTS)
        if not self.fs.exists(folder):
            return
        for path in self.fs.ls(folder, detail=False):
            name = path.rstrip("/").rsplit("/", 1)[-1]
            if not _MANIFEST_FILE.fullmatch(name) or self.manifest(name[0]) is None:
                self.fs.rm(self.path(MANIFESTS, name))


def _parquet_rows(data: bytes) -> int | None:
    """Rows a Parquet file's footer declares (None: not readable as Parquet)."""
    try:  # the count comes from the footer's metadata: no column is decoded
        return int(pl.scan_parquet(io.BytesIO(data)).select(pl.len()).collect().item())
    except (OSError, ValueError, pl.exceptions.PolarsError):
        return None


def _relabel(df: pl.DataFrame, key: str, relabelled: Mapping[str, list[str]]) -> pl.DataFrame:
    """New ``source_path``/``source_paths`` for documents whose files were renamed or copied."""
    ids = [doc_id for doc_id in relabelled if doc_id in set(df[key].to_list())]
    if not ids:
        return df
    first = dict(zip(ids, (relabelled[i][0] for i in ids), strict=True))
    joined = dict(zip(ids, ("\n".join(relabelled[i]) for i in ids), strict=True))
    return df.with_columns(
        pl.col(key).replace_strict(first, default=pl.col("source_path")).alias("source_path"),
        pl.col(key).replace_strict(joined, default=pl.col("source_paths")).alias("source_paths"),
    )
