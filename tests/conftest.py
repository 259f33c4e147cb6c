"""Shared fixtures: warehouses built from real documents, once per test session."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from medins.batch import BatchReport, ingest_folder
from medins.build import BuildResult, build
from medins.paths import DataPaths

REPO_ROOT = Path(__file__).resolve().parents[1]
# Material beside the repository (CI has it, a user's clone does not): tests that read it
# skip cleanly when it is absent.
SHARED = REPO_ROOT.parent / "shared"

CORPUS = REPO_ROOT / "data" / "sources"
GOLDEN = Path(__file__).parent / "golden" / "seed_facts.csv"


class Warehouse:
    """A built warehouse: the batch report, the dbt result and a read-only connection."""

    def __init__(self, paths: DataPaths, batch: BatchReport, result: BuildResult) -> None:
        self.paths = paths
        self.batch = batch
        self.result = result
        self.con = duckdb.connect(str(paths.warehouse), read_only=True)

    def rows(self, sql: str, *params: object) -> list[tuple[object, ...]]:
        return self.con.execute(sql, list(params)).fetchall()

    def one(self, sql: str, *params: object) -> object:
        found = self.rows(sql, *params)
        assert len(found) == 1, f"expected one row, got {found}"
        return found[0][0] if len(found[0]) == 1 else found[0]

    def close(self) -> None:
        self.con.close()


def build_warehouse(sources: Path, data_dir: Path) -> Warehouse:
    paths = DataPaths(data_dir)
    batch = ingest_folder(sources, paths, workers=2)
    result = build(paths)
    return Warehouse(paths, batch, result)


@pytest.fixture(scope="session")
def corpus_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    warehouse = build_warehouse(CORPUS, tmp_path_factory.mktemp("corpus"))
    yield warehouse
    warehouse.close()


@pytest.fixture
def make_sources(tmp_path: Path) -> Callable[..., Path]:
    """A fresh source folder holding copies of the named reference documents."""

    def make(*names: str) -> Path:
        folder = tmp_path / "sources"
        folder.mkdir(exist_ok=True)
        for name in names:
            shutil.copy(CORPUS / name, folder / name)
        return folder

    return make
