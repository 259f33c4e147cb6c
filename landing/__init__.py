"""The raw landing's storage: bucketed Parquet files, their manifests, commits and recovery.

It stores the rows the parsers produce (their schema is ``ingest.raw_schema``) and is not
part of the parsers: an edit here never changes ``parser_version``, so it never re-reads a
document.  See ``landing.store`` for the layout on disk.
"""

from landing.store import (
    BUCKETS,
    EMPTY,
    MANIFESTS,
    Change,
    DiskFull,
    Entry,
    Landing,
    Manifest,
    Mismatch,
    bucket_of,
    conform,
    key_of,
    parquet_bytes,
)

__all__ = [
    "BUCKETS",
    "EMPTY",
    "MANIFESTS",
    "Change",
    "DiskFull",
    "Entry",
    "Landing",
    "Manifest",
    "Mismatch",
    "bucket_of",
    "conform",
    "key_of",
    "parquet_bytes",
]
