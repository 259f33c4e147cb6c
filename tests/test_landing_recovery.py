"""A crash at any step of a commit leaves the last committed landing or the next one, never
a mix; files no manifest lists (an older layout, a half-written file) are removed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from ingest.raw_schema import SCHEMAS, frame
from landing import Landing
from medins.batch import ingest_folder
from medins.paths import DataPaths
from tests.documents import CORPUS, HEZHENG, JULU, WEIXIAN
from tests.test_incremental import landing_fingerprint


class Crash(Exception):
    pass


def _visible(raw: Path) -> dict[str, str]:
    """What a reader sees: the data files and the manifests, not hidden pending files."""
    return {
        name: digest
        for name, digest in landing_fingerprint(raw).items()
        if not Path(name).name.startswith(".")
    }


@pytest.fixture
def landed(make_sources: Callable[..., Path], tmp_path: Path) -> tuple[Path, DataPaths]:
    sources = make_sources(HEZHENG, JULU)
    paths = DataPaths(tmp_path / "out")
    ingest_folder(sources, paths, workers=1)
    return sources, paths


def test_a_crash_before_the_commit_leaves_the_last_landing(
    landed: tuple[Path, DataPaths], monkeypatch: pytest.MonkeyPatch
) -> None:
    sources, paths = landed
    before = landing_fingerprint(paths.raw)
    shutil.copy(CORPUS / WEIXIAN, sources / WEIXIAN)
    put = Landing._put

    def crash_at_the_manifest(self: Landing, path: str, data: bytes) -> None:
        if path.endswith(".json"):
            raise Crash(path)
        put(self, path, data)

    monkeypatch.setattr(Landing, "_put", crash_at_the_manifest)
    with pytest.raises(Crash):
        ingest_folder(sources, paths, workers=1)
    assert _visible(paths.raw) == before  # the new rows wait in hidden pending files
    assert any(name.endswith(".pending") for name in landing_fingerprint(paths.raw))
    monkeypatch.undo()
    Landing(paths.raw).recover()
    assert landing_fingerprint(paths.raw) == before
    report = ingest_folder(sources, paths, workers=1)
    assert [Path(o.paths[0]).name for o in report.ingested] == [WEIXIAN]


def test_a_crash_after_the_commit_is_rolled_forward(
    landed: tuple[Path, DataPaths], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    sources, paths = landed
    shutil.copy(CORPUS / WEIXIAN, sources / WEIXIAN)

    def crash_at_the_rename(self: Landing, source: str, target: str) -> None:
        raise Crash(source)

    monkeypatch.setattr(Landing, "_move", crash_at_the_rename)
    with pytest.raises(Crash):
        ingest_folder(sources, paths, workers=1)
    monkeypatch.undo()
    Landing(paths.raw).recover()
    assert not any(name.endswith(".pending") for name in landing_fingerprint(paths.raw))
    # committed: nothing is read again, and the rows are those of an uninterrupted run
    again = ingest_folder(sources, paths, workers=1)
    assert again.ingested == [] and again.documents == 3
    clean = DataPaths(tmp_path / "clean")
    ingest_folder(sources, clean, workers=1)
    for table in SCHEMAS:
        a = Landing(paths.raw).read_table(table).drop("ingested_at", strict=False)
        b = Landing(clean.raw).read_table(table).drop("ingested_at", strict=False)
        assert a.equals(b), table


def test_files_of_the_per_document_layout_are_removed(
    make_sources: Callable[..., Path], tmp_path: Path
) -> None:
    sources = make_sources(JULU)
    paths = DataPaths(tmp_path / "out")
    old = paths.raw / "budget_lines" / f"{'a' * 64}.parquet"
    old.parent.mkdir(parents=True)
    frame("budget_lines", []).write_parquet(old)
    (paths.raw / "_state.json").write_text("{}", encoding="utf-8")
    (paths.raw / "budget_lines" / ".x.parquet.tmp").write_bytes(b"half written")
    report = ingest_folder(sources, paths, workers=1)
    assert report.documents == 1
    assert not old.exists() and not (paths.raw / "_state.json").exists()
    assert not (paths.raw / "budget_lines" / ".x.parquet.tmp").exists()


def test_a_lost_file_makes_its_documents_read_again(
    landed: tuple[Path, DataPaths],
) -> None:
    sources, paths = landed
    landing = Landing(paths.raw)
    before = landing.read_table("budget_lines")
    lost = Path(landing.files("budget_lines")[0])
    lost.unlink()
    in_bucket = {doc_id for doc_id in landing.documents() if doc_id[0] == lost.name[0]}
    report = ingest_folder(sources, paths, workers=1)
    assert {o.sha256 for o in report.ingested} == in_bucket
    assert landing.read_table("budget_lines").equals(before)
    assert pl.read_parquet(lost).height > 0
