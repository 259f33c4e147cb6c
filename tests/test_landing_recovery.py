"""A crash at any step of a commit leaves the last committed landing or the next one, never
a mix; files no manifest lists (an older layout, a half-written file) are removed."""

from __future__ import annotations

import json
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
    # a kill: the writer does not get to remove its pending files (an error does, see below)
    monkeypatch.setattr(Landing, "_remove", lambda self, path: None)
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


# --- a landing that rots between runs (issue 19): every file is checked against its
# manifest's SHA-256 and row count; a file that does not match is removed, its bucket's
# documents read again, and the run says so.


def _truncate(path: Path, other: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _flip_a_bit(path: Path, other: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0x04
    path.write_bytes(bytes(data))


def _swap(path: Path, other: Path) -> None:
    mine, theirs = path.read_bytes(), other.read_bytes()
    path.write_bytes(theirs)
    other.write_bytes(mine)


def _strip_rows(path: Path, other: Path) -> None:
    # a valid Parquet file of the right schema, rows removed: only the hash tells
    df = pl.read_parquet(path)
    df.head(df.height // 2).write_parquet(path)


@pytest.mark.parametrize("damage", [_truncate, _flip_a_bit, _swap, _strip_rows])
def test_a_file_that_does_not_match_its_manifest_is_read_again(
    landed: tuple[Path, DataPaths], damage: Callable[[Path, Path], None]
) -> None:
    sources, paths = landed
    landing = Landing(paths.raw)
    before = {
        table: landing.read_table(table).drop("ingested_at", strict=False) for table in SCHEMAS
    }
    files = [Path(f) for f in landing.files("budget_lines")]
    assert len(files) == 2  # 和政县 and 巨鹿县 land in two buckets
    damaged, other = files
    damage(damaged, other)
    report = ingest_folder(sources, paths, workers=1)
    touched = {damaged.name[0]} | ({other.name[0]} if damage is _swap else set())
    assert {o.sha256[0] for o in report.ingested} == touched
    assert any(str(damaged) in notice and "read again" in notice for notice in report.notices)
    for table in SCHEMAS:
        after = landing.read_table(table).drop("ingested_at", strict=False)
        assert after.equals(before[table]), table
    assert landing.verify() == []
    assert ingest_folder(sources, paths, workers=1).ingested == []  # repaired for good


def test_a_manifest_whose_row_count_was_edited_is_not_trusted(
    landed: tuple[Path, DataPaths],
) -> None:
    sources, paths = landed
    manifest_path = next((paths.raw / "_manifest").glob("*.json"))
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["rows"]["budget_lines"] += 1
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    assert next(m.problem for m in Landing(paths.raw).verify()).endswith(
        f"its manifest says {manifest['rows']['budget_lines']}"
    )
    report = ingest_folder(sources, paths, workers=1)
    assert {o.sha256[0] for o in report.ingested} == {manifest_path.stem}


def test_the_build_never_runs_on_a_landing_that_does_not_match(
    landed: tuple[Path, DataPaths],
) -> None:
    from medins.build import BuildFailed, build

    _, paths = landed
    damaged = Path(Landing(paths.raw).files("parse_issues")[0])
    _flip_a_bit(damaged, damaged)
    stray = paths.raw / "budget_lines" / "extra.parquet"
    shutil.copy(Landing(paths.raw).files("budget_lines")[0], stray)
    with pytest.raises(BuildFailed) as failed:
        build(paths)  # stops before dbt starts
    assert str(damaged) in str(failed.value) and str(stray) in str(failed.value)
    assert not paths.warehouse.exists() and not (paths.data_dir / ".building").exists()
