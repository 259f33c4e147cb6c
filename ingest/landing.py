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

import hashlib
import io
import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict

import fsspec
import polars as pl
from fsspec.implementations.local import LocalFileSystem

AMOUNT = pl.Decimal(38, 10)
S, INT, B = pl.String, pl.Int32, pl.Boolean

SCHEMAS: dict[str, dict[str, pl.DataType | type[pl.DataType]]] = {
    "documents": {
        "doc_id": S,
        "source_path": S,
        "source_paths": S,
        "source_format": S,
        "encoding": S,
        "layout": S,
        "pages": INT,
        "lines": INT,
        "byte_size": pl.Int64,
        "division_code": S,
        "division_name": S,
        "division_level": S,
        "division_key": S,
        "county_code": S,
        "county_name_raw": S,
        "unit_name_raw": S,
        "body_name": S,
        "body_stem": S,
        "scope": S,
        "identity_source": S,
        "budget_year": INT,
        "money_unit": S,
        "title": S,
        "county_evidence": S,
        "body_evidence": S,
        "scope_evidence": S,
        "year_evidence": S,
        "n_issues": INT,
        "parser_version": S,
        "ingested_at": pl.Datetime("us", "UTC"),
        "document_kind": S,
        "kind_evidence": S,
    },
    "rejected": {
        "sha256": S,
        "source_path": S,
        "source_paths": S,
        "byte_size": pl.Int64,
        "reason": S,
        "detail": S,
        "parser_version": S,
        "rejected_at": pl.Datetime("us", "UTC"),
    },
    "budget_lines": {
        "doc_id": S,
        "line_seq": INT,
        "table_kind": S,
        "table_title": S,
        "row_number": INT,
        "row_label": S,
        "row_key": S,
        "subject_code": S,
        "subject_scheme": S,
        "side": S,
        "column_name": S,
        "column_label": S,
        "amount": AMOUNT,
        "amount_text": S,
        "money_unit": S,
        "column_inferred": B,
        "page": INT,
        "line": INT,
        "snippet": S,
        "column_year": INT,
        "phase": S,
    },
    "three_public": {
        "doc_id": S,
        "figure_seq": INT,
        "fiscal_year": INT,
        "component": S,
        "amount": AMOUNT,
        "amount_text": S,
        "money_unit": S,
        "reported_as": S,
        "source": S,
        "page": INT,
        "line": INT,
        "snippet": S,
        "phase": S,
    },
    "projects": {
        "doc_id": S,
        "project_seq": INT,
        "scope": S,
        "project_code": S,
        "project_name": S,
        "title": S,
        "amount": AMOUNT,
        "amount_text": S,
        "amount_basis": S,
        "fiscal_amount": AMOUNT,
        "money_unit": S,
        "implementing_unit": S,
        "purpose": S,
        "goal": S,
        "spending_plan": S,
        "page": INT,
        "line": INT,
        "snippet": S,
    },
    "indicators": {
        "doc_id": S,
        "project_seq": INT,
        "project_code": S,
        "scope": S,
        "indicator_seq": INT,
        "level1": S,
        "level2": S,
        "level3": S,
        "description": S,
        "value_text": S,
        "operator": S,
        "value": AMOUNT,
        "unit": S,
        "is_quantitative": B,
        "basis": S,
        "page": INT,
        "line": INT,
        "snippet": S,
    },
    "narrative_facts": {
        "doc_id": S,
        "fact_seq": INT,
        "fact_key": S,
        "fact_kind": S,
        "fact_year": INT,
        "compared_year": INT,
        "direction": S,
        "amount_or_count": AMOUNT,
        "amount_text": S,
        "unit": S,
        "scheme": S,
        "enrollment_kind": S,
        "year_basis": S,
        "source_kind": S,
        "label": S,
        "project_seq": INT,
        "project_code": S,
        "project_name": S,
        "page": INT,
        "line": INT,
        "sentence": S,
        "phase": S,
    },
    "assets": {
        "doc_id": S,
        "asset_seq": INT,
        "category": S,
        "label": S,
        "quantity": AMOUNT,
        "value": AMOUNT,
        "value_text": S,
        "money_unit": S,
        "as_of_date": S,
        "as_of_year": INT,
        "quantity_inferred": B,
        "page": INT,
        "line": INT,
        "snippet": S,
    },
    "parse_issues": {
        "doc_id": S,
        "issue_seq": INT,
        "severity": S,
        "code": S,
        "message": S,
        "page": INT,
        "line": INT,
        "snippet": S,
    },
}
DOCUMENT_TABLES = tuple(name for name in SCHEMAS if name != "rejected")


class SchemaMismatch(ValueError):
    """A row does not have exactly the columns of its raw table: a renamed field would
    otherwise land as an all-NULL column without an error."""


def frame(table: str, rows: Sequence[Mapping[str, Any]]) -> pl.DataFrame:
    schema = SCHEMAS[table]
    for row in rows:
        if row.keys() != schema.keys():
            unknown = sorted(set(row) - set(schema))
            missing = sorted(set(schema) - set(row))
            raise SchemaMismatch(
                f"raw table {table}: row has unknown columns {unknown} and lacks {missing}"
            )
    return pl.DataFrame(
        [{name: row.get(name) for name in schema} for row in rows], schema=schema, orient="row"
    )


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
        if not isinstance(loaded, dict) or set(loaded) != {"documents", "files"}:
            return None
        return Manifest(documents=loaded["documents"], files=loaded["files"])

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
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
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
        written: dict[str, str] = {}
        for table in tables:
            merged = self._merged(table, bucket, current, gone, change)
            if merged.height == 0:
                files.pop(table, None)
                continue
            data = parquet_bytes(merged)
            digest = hashlib.sha256(data).hexdigest()
            if files.get(table) != digest:
                pending = self.path(table, f".{bucket}.{digest[:16]}.pending")
                self._put(pending, data)
                written[table] = pending
            files[table] = digest
        documents = {
            doc_id: entry
            for doc_id, entry in current["documents"].items()
            if doc_id not in change.removed
        }
        documents.update(change.read)
        for doc_id, paths in change.relabelled.items():
            documents[doc_id] = Entry(
                parser_version=documents[doc_id]["parser_version"],
                paths=paths,
                landed=documents[doc_id]["landed"],
            )
        manifest = Manifest(
            documents=dict(sorted(documents.items())), files=dict(sorted(files.items()))
        )
        self._put(
            self.path(MANIFESTS, f"{bucket}.json"),
            json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"),
        )
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

    def recover(self) -> None:
        """Make the files what the manifests say: finish an interrupted commit, drop the
        rest (files of an interrupted write, the per-document layout of older versions)."""
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
        for bucket, manifest in manifests.items():
            if any(not self.fs.exists(self.bucket_file(t, bucket)) for t in manifest["files"]):
                # a file the manifest lists is gone: forget the bucket, its documents are
                # read again on this run
                for table in manifest["files"]:
                    self._remove(self.bucket_file(table, bucket))
                self.fs.rm(self.path(MANIFESTS, f"{bucket}.json"))
        for legacy in _LEGACY:
            self._remove(self.path(legacy))

    def _clean_manifest_folder(self) -> None:
        folder = self.path(MANIFESTS)
        if not self.fs.exists(folder):
            return
        for path in self.fs.ls(folder, detail=False):
            name = path.rstrip("/").rsplit("/", 1)[-1]
            if not _MANIFEST_FILE.fullmatch(name) or self.manifest(name[0]) is None:
                self.fs.rm(self.path(MANIFESTS, name))


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
