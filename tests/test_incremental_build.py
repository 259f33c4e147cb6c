"""The large facts are built incrementally, keyed by document (or by body, for the figures a
body-year's documents give together): after adding, removing or superseding documents, an
incremental build gives exactly the warehouse a full rebuild gives, and a change of the models
rebuilds everything (decided by the product)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from medins.batch import ingest_folder
from medins.build import BuildResult, build
from medins.paths import DataPaths
from tests.conftest import CORPUS
from tests.documents import BAZHOU, HEZHENG, JULU, WEIXIAN

pytestmark = pytest.mark.slow
FACTS = (
    "fct_budget_line",
    "fct_indicator",
    "int_budget_lines_counted",
    "int_budget_lines_proven",
    "int_projects_categorised",
    "int_measure_candidates_unioned",  # incremental by body
)
COMPARED = (
    *FACTS,
    "fct_body_measure",
    "mart_body_yoy_change",
    "fct_county_measure",
    "mart_source_inconsistencies",
    "dim_document",
    "dim_project",
)


def _tables(paths: DataPaths) -> dict[str, list[tuple[object, ...]]]:
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        out = {}
        for table in COMPARED:
            name = f"intermediate.{table}" if table.startswith("int_") else table
            relation = con.table(name)
            # the time each document was read differs between two runs (and so the digest of
            # each body's documents, body_state), nothing else may
            kept = [c for c in relation.columns if c not in {"ingested_at", "body_state"}]
            relation = relation.select(*kept)
            out[table] = sorted(relation.fetchall(), key=repr)
        return out


def _run(sources: Path, paths: DataPaths) -> BuildResult:
    ingest_folder(sources, paths, workers=2)
    return build(paths)


def _full(sources: Path, folder: Path) -> dict[str, list[tuple[object, ...]]]:
    paths = DataPaths(folder)
    result = _run(sources, paths)
    assert not result.incremental
    return _tables(paths)


def test_incremental_builds_equal_full_rebuilds(
    make_sources: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = make_sources(HEZHENG, JULU)
    paths = DataPaths(tmp_path / "live")
    assert not _run(sources, paths).incremental  # a first build is a full one

    shutil.copy(CORPUS / WEIXIAN, sources / WEIXIAN)  # a document arrives
    assert _run(sources, paths).incremental
    assert _tables(paths) == _full(sources, tmp_path / "full-1")

    (sources / JULU).unlink()  # a document is removed
    shutil.copy(CORPUS / BAZHOU, sources / BAZHOU)
    assert _run(sources, paths).incremental
    after = _tables(paths)
    assert after == _full(sources, tmp_path / "full-2")
    assert all(row[0] != "130529" for row in after["fct_county_measure"])

    # a change of the models (another fingerprint) rebuilds everything, to the same tables
    monkeypatch.setattr("medins.build.build_fingerprint", lambda: "another project")
    assert not build(paths).incremental
    assert _tables(paths) == after
