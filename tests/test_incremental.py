"""Identity is content: re-running changes nothing, new files are read, deleted ones leave."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import polars as pl

from medins.batch import ingest_folder
from medins.paths import DataPaths
from tests.documents import HEZHENG, JULU, WEIXIAN


def _landing_fingerprint(paths: DataPaths) -> dict[str, str]:
    return {
        str(path.relative_to(paths.raw)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(paths.raw.rglob("*.parquet"))
    }


def test_running_twice_changes_nothing(make_sources: Callable[..., Path], tmp_path: Path) -> None:
    sources = make_sources(HEZHENG, JULU)
    paths = DataPaths(tmp_path / "out")
    first = ingest_folder(sources, paths, workers=1)
    assert len(first.ingested) == 2 and first.documents == 2
    before = _landing_fingerprint(paths)
    second = ingest_folder(sources, paths, workers=1)
    assert second.ingested == [] and second.unchanged == 2
    assert _landing_fingerprint(paths) == before


def test_a_new_file_is_the_only_one_read_and_a_deleted_one_leaves(
    make_sources: Callable[..., Path], tmp_path: Path
) -> None:
    sources = make_sources(HEZHENG, JULU)
    paths = DataPaths(tmp_path / "out")
    ingest_folder(sources, paths, workers=1)
    shutil.copy(Path(__file__).parents[1] / "data" / "sources" / WEIXIAN, sources / WEIXIAN)
    added = ingest_folder(sources, paths, workers=1)
    assert [Path(o.paths[0]).name for o in added.ingested] == [WEIXIAN]
    assert added.unchanged == 2
    doc_id = added.ingested[0].sha256
    assert (paths.raw_table("budget_lines") / f"{doc_id}.parquet").exists()

    (sources / WEIXIAN).unlink()
    removed = ingest_folder(sources, paths, workers=1)
    assert removed.removed == 1 and removed.documents == 2
    assert not list(paths.raw.rglob(f"{doc_id}.parquet"))


def test_renaming_or_copying_changes_no_figure(
    make_sources: Callable[..., Path], tmp_path: Path
) -> None:
    sources = make_sources(JULU)
    paths = DataPaths(tmp_path / "out")
    first = ingest_folder(sources, paths, workers=1)
    doc_id = first.ingested[0].sha256
    facts = paths.raw_table("narrative_facts") / f"{doc_id}.parquet"
    lines = paths.raw_table("budget_lines") / f"{doc_id}.parquet"
    before = (facts.read_bytes(), lines.read_bytes())

    (sources / JULU).rename(sources / "巨鹿县医疗保障局2025年部门预算.txt")
    shutil.copy(sources / "巨鹿县医疗保障局2025年部门预算.txt", sources / "copy.txt")
    renamed = ingest_folder(sources, paths, workers=1)
    assert renamed.ingested == [] and renamed.relabelled == 1 and renamed.documents == 1
    assert (facts.read_bytes(), lines.read_bytes()) == before
    document = pl.read_parquet(paths.raw_table("documents") / f"{doc_id}.parquet")
    assert sorted(Path(p).name for p in document["source_paths"][0].split("\n")) == [
        "copy.txt",
        "巨鹿县医疗保障局2025年部门预算.txt",
    ]


def test_parallel_and_serial_ingest_land_the_same_rows(
    make_sources: Callable[..., Path], tmp_path: Path
) -> None:
    sources = make_sources(HEZHENG, JULU, WEIXIAN)
    serial, parallel = DataPaths(tmp_path / "serial"), DataPaths(tmp_path / "parallel")
    assert (
        ingest_folder(sources, serial, workers=1).rows
        == ingest_folder(sources, parallel, workers=2).rows
    )
    for path in sorted(serial.raw.rglob("*.parquet")):
        if path.parent.name in ("documents", "rejected"):
            continue  # they carry the time of ingestion
        twin = parallel.raw / path.relative_to(serial.raw)
        assert pl.read_parquet(path).equals(pl.read_parquet(twin)), path
