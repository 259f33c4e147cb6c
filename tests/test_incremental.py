"""Identity is content: re-running changes nothing, new files are read, deleted ones leave."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import polars as pl

from landing import Landing
from medins.batch import ingest_folder
from medins.paths import DataPaths
from tests.documents import HEZHENG, JULU, WEIXIAN

TIMES = ("ingested_at", "rejected_at")


def landing_fingerprint(raw: Path) -> dict[str, str]:
    """Every file of the landing (data, placeholders, manifests) and its bytes' hash."""
    return {
        str(path.relative_to(raw)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(raw.rglob("*"))
        if path.is_file()
    }


def rows_of(paths: DataPaths, table: str, doc_id: str) -> pl.DataFrame:
    key = "sha256" if table == "rejected" else "doc_id"
    return Landing(paths.raw).read_table(table).filter(pl.col(key) == doc_id)


def test_running_twice_changes_nothing(make_sources: Callable[..., Path], tmp_path: Path) -> None:
    sources = make_sources(HEZHENG, JULU)
    paths = DataPaths(tmp_path / "out")
    first = ingest_folder(sources, paths, workers=1)
    assert len(first.ingested) == 2 and first.documents == 2
    before = landing_fingerprint(paths.raw)
    second = ingest_folder(sources, paths, workers=1)
    assert second.ingested == [] and second.unchanged == 2
    assert landing_fingerprint(paths.raw) == before


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
    assert rows_of(paths, "budget_lines", doc_id).height > 0
    assert rows_of(paths, "documents", doc_id)["county_name_raw"].to_list() == ["威县"]

    (sources / WEIXIAN).unlink()
    removed = ingest_folder(sources, paths, workers=1)
    assert removed.removed == 1 and removed.documents == 2
    landing = Landing(paths.raw)
    for table in ("documents", "budget_lines", "narrative_facts", "three_public"):
        assert doc_id not in landing.read_table(table)["doc_id"].to_list(), table
    assert doc_id not in landing.documents()


def test_renaming_or_copying_changes_no_figure(
    make_sources: Callable[..., Path], tmp_path: Path
) -> None:
    sources = make_sources(JULU)
    paths = DataPaths(tmp_path / "out")
    first = ingest_folder(sources, paths, workers=1)
    doc_id = first.ingested[0].sha256
    before = {table: rows_of(paths, table, doc_id) for table in ("narrative_facts", "budget_lines")}
    ingested_at = rows_of(paths, "documents", doc_id)["ingested_at"].to_list()

    (sources / JULU).rename(sources / "巨鹿县医疗保障局2025年部门预算.txt")
    shutil.copy(sources / "巨鹿县医疗保障局2025年部门预算.txt", sources / "copy.txt")
    renamed = ingest_folder(sources, paths, workers=1)
    assert renamed.ingested == [] and renamed.relabelled == 1 and renamed.documents == 1
    for table, rows in before.items():
        assert rows_of(paths, table, doc_id).equals(rows), table
    document = rows_of(paths, "documents", doc_id)
    assert sorted(Path(p).name for p in document["source_paths"][0].split("\n")) == [
        "copy.txt",
        "巨鹿县医疗保障局2025年部门预算.txt",
    ]
    assert document["ingested_at"].to_list() == ingested_at  # not read again
    assert Landing(paths.raw).documents()[doc_id]["paths"] == document["source_paths"][0].split(
        "\n"
    )


def test_parallel_and_serial_ingest_land_the_same_bytes(
    make_sources: Callable[..., Path], tmp_path: Path
) -> None:
    sources = make_sources(HEZHENG, JULU, WEIXIAN)
    serial, parallel = DataPaths(tmp_path / "serial"), DataPaths(tmp_path / "parallel")
    assert (
        ingest_folder(sources, serial, workers=1).rows
        == ingest_folder(sources, parallel, workers=2).rows
    )
    one, two = landing_fingerprint(serial.raw), landing_fingerprint(parallel.raw)
    assert one.keys() == two.keys()
    differing = {name for name in one if one[name] != two[name]}
    # only the documents' files differ (they carry the time each was read), and so the
    # manifests that hold their hashes
    assert differing <= {name for name in one if name.startswith(("documents/", "_manifest/"))}
    assert Landing(serial.raw).documents() == Landing(parallel.raw).documents()
    for table in ("documents", "rejected"):
        a = Landing(serial.raw).read_table(table).drop(TIMES, strict=False)
        b = Landing(parallel.raw).read_table(table).drop(TIMES, strict=False)
        assert a.equals(b), table
