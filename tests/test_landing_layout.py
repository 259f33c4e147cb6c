"""The landing at scale: sixteen files per table whatever the number of documents, the same
bytes whatever the order or batches the documents came in, a document replaced as a unit."""

from __future__ import annotations

import hashlib
import shutil
from collections import defaultdict
from pathlib import Path

import duckdb
import polars as pl
import pytest

from bench.corpus import write_corpus
from ingest.limits import Limits
from ingest.raw_schema import SCHEMAS
from landing import BUCKETS, EMPTY, Landing, key_of
from medins.batch import ingest, ingest_folder, local_runner
from medins.paths import DataPaths
from tests.test_incremental import TIMES, landing_fingerprint

DOCUMENTS = 24


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated county budgets (several share a bucket), read-only for the tests."""
    folder = tmp_path_factory.mktemp("national") / "sources"
    write_corpus(folder, DOCUMENTS)
    return folder


def _copy(folder: Path, target: Path, names: list[Path] | None = None) -> Path:
    files = names if names is not None else sorted(folder.rglob("*.txt"))
    for path in files:
        destination = target / path.relative_to(folder)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, destination)
    return target


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_one_file_per_table_and_bucket_read_by_the_dbt_glob(national: Path, tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "out")
    report = ingest_folder(national, paths, workers=2)
    assert report.documents == DOCUMENTS and report.rejected == 0
    landing = Landing(paths.raw)
    buckets = {doc_id[0] for doc_id in landing.documents()}
    assert 1 < len(buckets) < DOCUMENTS  # some buckets hold several documents
    landed_rows = 0
    for table in SCHEMAS:
        on_disk = sorted(p.name for p in (paths.raw / table).glob("*.parquet"))
        listed = sorted(Path(f).name for f in landing.files(table))
        assert on_disk == sorted([EMPTY, *listed]), table
        assert len(listed) <= len(BUCKETS)
        # what dbt reads (the glob of _raw__sources.yml) is what the manifests list
        glob = (paths.raw / table / "*.parquet").as_posix()
        with duckdb.connect() as con:
            counted = con.execute(
                f"select count(*) from read_parquet('{glob}', union_by_name = true)"
            ).fetchone()
        assert counted == (landing.read_table(table).height,), table
        landed_rows += landing.read_table(table).filter(pl.col(key_of(table)) != "").height
        for name in listed:
            ids = pl.read_parquet(paths.raw / table / name)[key_of(table)]
            assert ids.str.slice(0, 1).unique().to_list() == [name[0]], "rows of its bucket"
            assert ids.is_sorted(), "in document order"
    assert landed_rows == report.rows
    docs = landing.read_table("documents")
    assert set(docs["doc_id"]) == set(landing.documents())


def test_the_landing_is_a_function_of_the_documents_not_of_the_batches(
    national: Path, tmp_path: Path
) -> None:
    everything = sorted(national.rglob("*.txt"))
    at_once = DataPaths(tmp_path / "at_once")
    ingest_folder(national, at_once, workers=2)
    sources = tmp_path / "sources"
    in_steps = DataPaths(tmp_path / "in_steps")
    for step in (everything[:7], everything[7:15], everything[15:]):
        _copy(national, sources, step)
        ingest_folder(sources, in_steps, workers=1)
    one, other = landing_fingerprint(at_once.raw), landing_fingerprint(in_steps.raw)
    assert one.keys() == other.keys()
    assert {name for name in one if one[name] != other[name]} <= {
        name for name in one if name.startswith(("documents/", "_manifest/"))
    }
    for table in SCHEMAS:
        a = (
            Landing(at_once.raw)
            .read_table(table)
            .drop(["source_path", "source_paths", *TIMES], strict=False)
        )
        b = (
            Landing(in_steps.raw)
            .read_table(table)
            .drop(["source_path", "source_paths", *TIMES], strict=False)
        )
        assert a.equals(b), table


def test_a_changed_document_is_replaced_as_a_unit_and_its_neighbours_kept(
    national: Path, tmp_path: Path
) -> None:
    sources = _copy(national, tmp_path / "sources")
    paths = DataPaths(tmp_path / "out")
    ingest_folder(sources, paths, workers=2)
    by_bucket: defaultdict[str, list[Path]] = defaultdict(list)
    for path in sorted(sources.rglob("*.txt")):
        by_bucket[_sha(path)[0]].append(path)
    landing = Landing(paths.raw)
    with_lines = set(landing.read_table("budget_lines")["doc_id"].to_list())
    # two documents of one bucket, the neighbour one that has budget-table rows to keep
    changed, neighbour = next(
        (files[0], other)
        for files in by_bucket.values()
        for other in files[1:]
        if _sha(other) in with_lines
    )
    old_id, neighbour_id = _sha(changed), _sha(neighbour)
    neighbour_rows = {
        table: landing.read_table(table).filter(pl.col(key_of(table)) == neighbour_id)
        for table in SCHEMAS
    }
    assert neighbour_rows["budget_lines"].height > 0

    changed.write_text(changed.read_text(encoding="utf-8") + "\n附：本表据实填报。\n", "utf-8")
    report = ingest_folder(sources, paths, workers=1)
    new_id = _sha(changed)
    assert [outcome.sha256 for outcome in report.ingested] == [new_id]
    assert report.removed == 1 and report.documents == DOCUMENTS
    for table in SCHEMAS:
        rows = landing.read_table(table)
        assert old_id not in rows[key_of(table)].to_list(), table
        kept = rows.filter(pl.col(key_of(table)) == neighbour_id)
        assert kept.equals(neighbour_rows[table]), f"{table}: the neighbour was rewritten"
    document = landing.read_table("documents").filter(pl.col("doc_id") == new_id)
    assert document["source_path"].to_list() == [str(changed)]
    landed = sum(
        landing.read_table(table).filter(pl.col(key_of(table)) == new_id).height
        for table in SCHEMAS
    )
    assert landed == report.ingested[0].rows > 1
    assert old_id not in landing.documents() and new_id in landing.documents()


def test_a_landing_at_an_fsspec_url_holds_the_same_rows(national: Path, tmp_path: Path) -> None:
    local = DataPaths(tmp_path / "out")
    ingest_folder(national, local, workers=2)
    remote = Landing("memory://medins-test/raw")
    try:
        report = ingest(national.as_uri(), remote, local_runner(2), Limits())
        assert report.documents == DOCUMENTS
        for table in SCHEMAS:
            a = (
                Landing(local.raw)
                .read_table(table)
                .drop(["source_path", "source_paths", *TIMES], strict=False)
            )
            b = remote.read_table(table).drop(["source_path", "source_paths", *TIMES], strict=False)
            assert a.equals(b), table
        paths = remote.read_table("documents")["source_path"].to_list()
        assert all(path.startswith("file://") for path in paths)
        assert ingest(national.as_uri(), remote, local_runner(2), Limits()).unchanged == DOCUMENTS
    finally:
        remote.fs.rm(remote.root, recursive=True)
