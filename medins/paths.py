"""The one place that says where a run's files live."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest.reference import shipped

DBT_PROJECT_DIR = shipped("dbt_project")
QUERIES_DIR = shipped("queries")


@dataclass(frozen=True, slots=True)
class DataPaths:
    """Everything generated from one set of documents lives under ``data_dir``."""

    data_dir: Path

    @property
    def raw(self) -> Path:
        return self.data_dir / "raw"

    @property
    def warehouse(self) -> Path:
        return self.data_dir / "warehouse.duckdb"

    @property
    def exports(self) -> Path:
        return self.data_dir / "exports"

    @property
    def published_exports(self) -> Path | None:
        """The folder the ``exports`` link points to now; None before the first build (or where
        ``exports`` is a plain folder of an older layout)."""
        return self.exports.resolve() if self.exports.is_symlink() else None

    @property
    def source_digests(self) -> Path:
        """The sources' SHA-256 remembered by their file stamps (medins/digests.py)."""
        return self.data_dir / ".source-digests.json"

    @property
    def lock(self) -> Path:
        return self.data_dir / ".refresh.lock"

    def raw_table(self, table: str) -> Path:
        return self.raw / table
