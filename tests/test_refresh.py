"""Scheduled runs: a reader keeps reading during a rebuild, overlapping runs do not both
write, and a failed build leaves the last good warehouse in place."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from rich.console import Console

import medins.build
from ingest.limits import Limits
from medins.build import BuildFailed
from medins.lock import writer_lock
from medins.paths import DataPaths
from medins.refresh import EXIT_FAILED, EXIT_LOCKED, EXIT_OK, refresh
from tests.conftest import REPO_ROOT
from tests.documents import CORPUS, HEZHENG, JULU, WEIXIAN

pytestmark = pytest.mark.slow


def _refresh(sources: Path, paths: DataPaths, force: bool = False) -> tuple[int, str]:
    console = Console(record=True, width=200)
    code = refresh(sources, paths, Limits(), console, workers=2, force=force)
    return code, console.export_text()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_reader_keeps_reading_while_the_warehouse_is_rebuilt(
    make_sources: Callable[..., Path], tmp_path: Path
) -> None:
    sources = make_sources(HEZHENG, JULU)
    paths = DataPaths(tmp_path / "out")
    assert _refresh(sources, paths)[0] == EXIT_OK
    reader = duckdb.connect(str(paths.warehouse), read_only=True)
    count = "select count(*) from mart_county_year_comparison"
    assert reader.execute(count).fetchone() == (3,)

    shutil.copy(CORPUS / WEIXIAN, sources / WEIXIAN)
    code, output = _refresh(sources, paths)
    assert code == EXIT_OK and "rebuilt" in output
    # the open connection still reads the warehouse it opened, whole
    assert reader.execute(count).fetchone() == (3,)
    reader.close()
    with duckdb.connect(str(paths.warehouse), read_only=True) as fresh:
        assert fresh.execute(count).fetchone() == (5,)

    code, output = _refresh(sources, paths)
    assert code == EXIT_OK and "nothing changed" in output


def test_a_failed_build_keeps_the_last_good_warehouse(
    make_sources: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = make_sources(HEZHENG)
    paths = DataPaths(tmp_path / "out")
    assert _refresh(sources, paths)[0] == EXIT_OK
    warehouse_before = _digest(paths.warehouse)
    exports_before = paths.exports.resolve()
    figures = "select * exclude (primary_doc_id) from mart_county_year_comparison order by all"
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        comparison = con.execute(figures).fetchall()

    # dbt fails half-way: its partial warehouse and exports must not stay behind
    def failing_dbt(args: list[str], paths: DataPaths, warehouse: Path, quiet: bool = True) -> str:
        warehouse.write_bytes(b"half a warehouse")
        raise BuildFailed("dbt build failed: a model failed")

    monkeypatch.setattr(medins.build, "run_dbt", failing_dbt)
    code, output = _refresh(sources, paths, force=True)
    monkeypatch.undo()
    assert code == EXIT_FAILED
    assert "the last good warehouse is kept" in output
    assert _digest(paths.warehouse) == warehouse_before
    assert paths.exports.resolve() == exports_before
    assert (paths.exports / "mart_county_year_comparison.parquet").exists()
    assert not (paths.data_dir / ".building").exists()
    assert [p for p in paths.data_dir.glob(".exports-*") if p.resolve() != exports_before] == []

    # the raw landing is damaged between two runs (a disk error, a bad copy): the damaged
    # file is found against its manifest, its documents read again, the figures the same
    damaged = next(paths.raw_table("budget_lines").glob("[0-9a-f]*.parquet"))
    damaged.write_bytes(b"not parquet")
    code, output = _refresh(sources, paths)
    assert code == EXIT_OK, output
    assert f"{damaged}: SHA-256 differs" in output and "read again" in output
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        assert con.execute(figures).fetchall() == comparison


def test_a_refresh_while_another_holds_the_lock_exits_3(
    make_sources: Callable[..., Path], tmp_path: Path
) -> None:
    sources = make_sources(HEZHENG)
    paths = DataPaths(tmp_path / "out")
    with writer_lock(paths.lock, wait=False):
        code, output = _refresh(sources, paths)
    assert code == EXIT_LOCKED and "another run" in output
    assert not paths.warehouse.exists()


def test_two_overlapping_refresh_processes(
    make_sources: Callable[..., Path], tmp_path: Path
) -> None:
    sources = make_sources(HEZHENG, JULU)
    data = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "medins",
        "refresh",
        "--sources",
        str(sources),
        "--data-dir",
        str(data),
    ]
    first = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)
    lock = data / ".refresh.lock"
    deadline = time.monotonic() + 30
    while not (lock.exists() and lock.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.05)
    second = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    first_out, _ = first.communicate(timeout=300)
    assert second.returncode == EXIT_LOCKED, second.stdout
    assert "skipped" in second.stdout
    assert first.returncode == EXIT_OK, first_out
    assert (data / "warehouse.duckdb").exists()
