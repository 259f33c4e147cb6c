"""The ingest on a real local Dask cluster (a scheduler and two workers, each its own
process) lands what the single-machine ingest lands, with the same per-document limits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from ingest.limits import Limits
from ingest.raw_schema import SCHEMAS
from landing import Landing
from medins.batch import ingest_folder
from medins.build import build
from medins.distributed import ClusterNotReady, check_cluster, ingest_on_cluster
from medins.paths import DataPaths
from tests.conftest import REPO_ROOT
from tests.documents import CORPUS, HEZHENG, JULU, WEIXIAN
from tests.test_incremental import TIMES, landing_fingerprint

pytestmark = pytest.mark.slow


def _dask() -> list[str]:
    beside = Path(sys.executable).with_name("dask")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "dask"]


class LocalCluster:
    """``dask scheduler`` and ``dask worker`` processes on this machine, as on a cluster."""

    def __init__(self, folder: Path, workers: int = 2, daemon: bool = False) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        scheduler_file = folder / "scheduler.json"
        env = dict(os.environ, DASK_DISTRIBUTED__WORKER__DAEMON=str(daemon))
        common = ["--no-dashboard"]
        self.processes = [
            subprocess.Popen(
                [*_dask(), "scheduler", "--host", "127.0.0.1", "--port", "0",
                 "--scheduler-file", str(scheduler_file), *common],
                cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
        ]  # fmt: skip
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.address = json.loads(scheduler_file.read_text())["address"]
        for _ in range(workers):
            self.processes.append(
                subprocess.Popen(
                    [*_dask(), "worker", self.address, "--nthreads", "1", "--nworkers", "1",
                     "--host", "127.0.0.1", *common],
                    cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )
            )  # fmt: skip
        from distributed import Client

        with Client(self.address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)

    def close(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    started = LocalCluster(tmp_path_factory.mktemp("dask"))
    yield started
    started.close()


@pytest.fixture(scope="module")
def mixed_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Text and PDF documents and an unreadable file."""
    from testkit.pdfgen import render_reference

    folder = tmp_path_factory.mktemp("mixed") / "sources"
    folder.mkdir()
    for name in (HEZHENG, JULU):
        shutil.copy(CORPUS / name, folder / name)
    render_reference(CORPUS / WEIXIAN, folder / "weixian.pdf")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def _rows(landing: Landing, table: str) -> pl.DataFrame:
    return landing.read_table(table).drop(TIMES, strict=False)


def test_the_cluster_lands_the_same_bytes_as_this_machine(
    cluster: LocalCluster, mixed_sources: Path, tmp_path: Path
) -> None:
    local, remote = DataPaths(tmp_path / "local"), DataPaths(tmp_path / "cluster")
    alone = ingest_folder(mixed_sources, local, workers=2)
    seen: list[str] = []
    spread = ingest_on_cluster(
        mixed_sources,
        remote.raw,
        cluster.address,
        on_progress=lambda done, total, outcome: seen.append(Path(outcome.paths[0]).name),
    )
    assert (spread.documents, spread.rejected, spread.rows) == (3, 1, alone.rows)
    assert (alone.documents, alone.rejected) == (3, 1)
    assert sorted(seen) == sorted(p.name for p in mixed_sources.iterdir())
    reasons = {Path(o.paths[0]).name: o.reason for o in spread.ingested if not o.landed}
    assert reasons == {"empty.txt": "empty"}
    one, other = landing_fingerprint(local.raw), landing_fingerprint(remote.raw)
    assert one.keys() == other.keys()
    assert {name for name in one if one[name] != other[name]} <= {
        name for name in one if name.startswith(("documents/", "rejected/", "_manifest/"))
    }
    for table in SCHEMAS:
        assert _rows(Landing(local.raw), table).equals(_rows(Landing(remote.raw), table)), table
    # and a re-run on the cluster has nothing to do
    again = ingest_on_cluster(mixed_sources, remote.raw, cluster.address)
    assert again.ingested == [] and again.unchanged == 4


def test_sources_and_landing_as_urls(
    cluster: LocalCluster, mixed_sources: Path, tmp_path: Path
) -> None:
    landing = Landing("memory://medins-cluster/raw")
    try:
        report = ingest_on_cluster(mixed_sources.as_uri(), landing.url, cluster.address)
        assert (report.documents, report.rejected) == (3, 1)
        paths = landing.read_table("documents")["source_path"].to_list()
        assert sorted(Path(p).name for p in paths) == sorted([HEZHENG, JULU, "weixian.pdf"])
        assert all(path.startswith("file://") for path in paths)
        local = DataPaths(tmp_path / "local")
        ingest_folder(mixed_sources, local, workers=2)
        for table in SCHEMAS:
            if table in ("documents", "rejected"):
                continue  # they name the sources by URL here
            assert _rows(landing, table).equals(_rows(Landing(local.raw), table)), table
    finally:
        landing.fs.rm(landing.root, recursive=True)


def test_a_document_over_the_time_limit_is_stopped_on_the_cluster(
    cluster: LocalCluster, mixed_sources: Path, tmp_path: Path
) -> None:
    sources = tmp_path / "slow"
    sources.mkdir()
    shutil.copy(mixed_sources / "weixian.pdf", sources / "weixian.pdf")
    report = ingest_on_cluster(
        sources, tmp_path / "raw", cluster.address, limits=Limits(seconds=0.05)
    )
    (outcome,) = report.ingested
    assert (outcome.landed, outcome.reason) == (False, "too_slow")
    assert "time limit" in outcome.detail
    rejected = Landing(tmp_path / "raw").read_table("rejected")
    assert rejected["reason"].to_list() == ["too_slow"]


def test_daemonic_workers_are_refused_with_the_setting_to_change(tmp_path: Path) -> None:
    daemonic = LocalCluster(tmp_path / "daemonic", workers=1, daemon=True)
    try:
        from distributed import Client

        with (
            Client(daemonic.address, timeout=60) as client,
            pytest.raises(ClusterNotReady) as caught,
        ):
            check_cluster(client)
        assert "DASK_DISTRIBUTED__WORKER__DAEMON=False" in str(caught.value)
    finally:
        daemonic.close()


def test_the_cluster_builds_the_same_warehouse(
    cluster: LocalCluster, mixed_sources: Path, tmp_path: Path
) -> None:
    local, remote = DataPaths(tmp_path / "local"), DataPaths(tmp_path / "cluster")
    ingest_folder(mixed_sources, local, workers=2)
    ingest_on_cluster(mixed_sources, remote.raw, cluster.address)
    build(local)
    build(remote)
    for name in ("mart_county_year_comparison", "fct_budget_line", "fct_county_measure"):
        a = pl.read_parquet(local.exports / f"{name}.parquet")
        b = pl.read_parquet(remote.exports / f"{name}.parquet")
        a, b = a.sort(a.columns, nulls_last=True), b.sort(b.columns, nulls_last=True)
        assert a.height > 0 and a.equals(b), name


def test_the_command_line_ingests_on_the_cluster(
    cluster: LocalCluster, mixed_sources: Path, tmp_path: Path
) -> None:
    from medins.cli import main

    code = main(
        ["ingest", "--scheduler", cluster.address, "--sources", mixed_sources.as_uri(),
         "--data-dir", str(tmp_path / "out")]
    )  # fmt: skip
    assert code == 0
    assert Landing(tmp_path / "out" / "raw").read_table("documents").height == 3
