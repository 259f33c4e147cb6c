"""Shared fixtures: warehouses built from real documents, once per test session."""

from __future__ import annotations

import fcntl
import json
import os
import pickle
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from medins.batch import BatchReport, ingest_folder
from medins.build import BuildResult, build
from medins.paths import DataPaths
from testkit.pdfgen import render_all

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


def assert_every_dbt_test_passed(warehouse: Warehouse) -> None:
    """Every test dbt defines for the project (data and unit tests) ran and passed."""
    manifest = json.loads(
        (warehouse.paths.data_dir / ".dbt" / "target" / "manifest.json").read_text("utf-8")
    )
    defined = sum(1 for node in manifest["nodes"].values() if node["resource_type"] == "test")
    defined += len(manifest["unit_tests"])
    assert (warehouse.result.tests_passed, warehouse.result.tests_total) == (defined, defined)


def build_warehouse(sources: Path, data_dir: Path) -> Warehouse:
    paths = DataPaths(data_dir)
    batch = ingest_folder(sources, paths, workers=2)
    result = build(paths)
    return Warehouse(paths, batch, result)


def build_once_per_run(
    tmp_path_factory: pytest.TempPathFactory, name: str, sources: Callable[[Path], Path]
) -> Warehouse:
    """A warehouse built once for the whole run, however many workers run the tests.

    ``sources(folder)`` gives the documents' folder (writing them into ``folder`` if they must
    be made): it is called only by the process that builds.  Alone, pytest builds it in its
    own temporary folder.  Under pytest-xdist (``make test``
    runs two workers) each worker has a temporary folder of its own below one root they
    share: the first worker to ask builds the warehouse there under a file lock, the others
    wait for it and open the same files (DuckDB lets several processes read one database).
    Tests use it read-only: a test that writes (dbt docs, another price base year) works on a
    copy, so no worker ever sees another's writes."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        made = sources(tmp_path_factory.mktemp(f"{name}-sources"))
        return build_warehouse(made, tmp_path_factory.mktemp(name))
    root = tmp_path_factory.getbasetemp().parent
    data_dir = root / f"shared-{name}"
    built = root / f"shared-{name}.pickle"  # the batch report and the dbt result
    with (root / f"shared-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if built.exists():
            batch, result = pickle.loads(built.read_bytes())
            return Warehouse(DataPaths(data_dir), batch, result)
        # what a build that failed left
        shutil.rmtree(data_dir, ignore_errors=True)
        shutil.rmtree(root / f"shared-{name}-sources", ignore_errors=True)
        made = sources(root / f"shared-{name}-sources")
        warehouse = build_warehouse(made, data_dir)
        built.write_bytes(pickle.dumps((warehouse.batch, warehouse.result)))
        return warehouse


@pytest.fixture(scope="session")
def corpus_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    warehouse = build_once_per_run(tmp_path_factory, "corpus", lambda _folder: CORPUS)
    yield warehouse
    warehouse.close()


def _rendered_corpus(folder: Path) -> Path:
    rendered = render_all(CORPUS, folder)
    assert len(rendered) == len(list(CORPUS.glob("*.txt")))
    return folder


@pytest.fixture(scope="session")
def pdf_corpus_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    """The reference documents rendered as PDF (testkit/pdfgen): test_pdf checks its golden
    figures, test_text_pdf_agree and test_office_pdf compare it with the text's warehouse."""
    warehouse = build_once_per_run(tmp_path_factory, "pdf_corpus", _rendered_corpus)
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


# Under pytest-xdist (`make test`: -n 2 --dist loadscope --no-loadscope-reorder) a worker takes
# one module at a time, in collection order; the longest modules go first so that no worker is
# left alone with a long one at the end.  Longest first as measured with --durations on 2
# cores (README, Test suite time); the other modules follow in their usual order.
LONGEST_FIRST = (
    "test_ocr.py",  # ~2 minutes of OCR on a quiet machine (46 scanned pages)
    "test_layout_families.py",  # 240 generated documents, one warehouse
    "test_incremental_build.py",  # six builds
    "test_ocr_reference.py",  # 14 scanned pages read by OCR, and again 14 turned a quarter
    "test_wheel.py",  # a fresh environment installed from the lock
    "test_real_pdfs.py",  # every real PDF read, one warehouse
    "test_pdf_engines.py",  # the fast path against pdfplumber on every real PDF
    "test_layout_subject_lines.py",
    "test_formats_real.py",  # LibreOffice converts each .doc
    "test_faults.py",
    "test_office_pdf.py",
    "test_final_accounts.py",  # generated 决算 in every format, one warehouse
    "test_budget_and_final.py",  # a 部门预算 and its 部门决算, one warehouse and Chromium
    "test_distributed.py",
    "test_paths.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(LONGEST_FIRST)))  # stable
