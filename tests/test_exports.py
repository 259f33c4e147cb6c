"""The exports of a refresh: a long table's CSV is one file per province, and the provinces
whose rows did not change are taken from the previous export (hard-linked), while every file
holds exactly what an export written from scratch holds."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from rich.console import Console

from ingest.limits import Limits
from medins.exports import export_marts, reused_parts
from medins.paths import DataPaths
from medins.refresh import EXIT_OK, refresh
from tests.documents import CORPUS, HEZHENG, JULU, WEIXIAN

pytestmark = pytest.mark.slow
GANSU, HEBEI = "620000_甘肃省.csv", "130000_河北省.csv"


def _refresh(sources: Path, paths: DataPaths) -> None:
    assert refresh(sources, paths, Limits(), Console(width=200), workers=2) == EXIT_OK


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = csv.reader(handle)
    return header, sorted(rows)


def _counties(path: Path) -> set[str]:
    header, rows = _rows(path)
    return {row[header.index("county_code")] for row in rows}


def _same_files(published: Path, fresh: Path) -> None:
    """Every CSV of the two exports holds the same header and rows (in any order)."""
    ours = sorted(p.relative_to(published) for p in published.rglob("*.csv"))
    theirs = sorted(p.relative_to(fresh) for p in fresh.rglob("*.csv"))
    assert ours == theirs
    for relative in ours:
        assert _rows(published / relative) == _rows(fresh / relative), relative


def test_a_refresh_rewrites_only_the_provinces_that_changed(
    make_sources: Callable[..., Path], tmp_path: Path
) -> None:
    sources = make_sources(HEZHENG, JULU)  # 和政县 (甘肃), 巨鹿县 (河北)
    paths = DataPaths(tmp_path / "out")
    _refresh(sources, paths)
    before = paths.exports.resolve()
    assert sorted(p.name for p in (before / "fct_budget_line").iterdir()) == [HEBEI, GANSU]
    gansu = (before / "fct_budget_line" / GANSU).stat().st_ino
    hebei = (before / "fct_budget_line" / HEBEI).stat().st_ino
    julu_rows = len(_rows(before / "fct_budget_line" / HEBEI)[1])

    shutil.copy(CORPUS / WEIXIAN, sources / WEIXIAN)  # 威县, 河北: a document arrives
    _refresh(sources, paths)
    after = paths.exports.resolve()
    assert after != before
    # Gansu's rows did not change: the same file (one inode), not written again; Hebei's did
    assert (after / "fct_budget_line" / GANSU).stat().st_ino == gansu
    assert (after / "fct_budget_line" / HEBEI).stat().st_ino != hebei
    assert len(_rows(after / "fct_budget_line" / HEBEI)[1]) > julu_rows
    assert _counties(after / "fct_budget_line" / HEBEI) == {"130529", "130533"}  # 巨鹿县, 威县
    assert reused_parts(after)["fct_budget_line"] == (1, 2)  # Gansu's, of Gansu and Hebei
    # what was linked and what was written equal an export from scratch of the same warehouse
    fresh = tmp_path / "fresh"
    export_marts(paths.warehouse, fresh, paths.data_dir / ".dbt" / "target" / "manifest.json")
    _same_files(after, fresh)
    assert reused_parts(fresh)["fct_budget_line"] == (0, 2)

    (sources / JULU).unlink()  # a document leaves: its province is written again without it
    _refresh(sources, paths)
    last = paths.exports.resolve()
    assert _counties(last / "fct_budget_line" / HEBEI) == {"130533"}
    assert (last / "fct_budget_line" / GANSU).stat().st_ino == gansu

    # a published part edited in place (opened and saved in a spreadsheet) is never carried on
    edited = last / "fct_budget_line" / GANSU
    edited.write_text(edited.read_text(encoding="utf-8") + "edited,row\n", encoding="utf-8")
    shutil.copy(CORPUS / JULU, sources / JULU)
    _refresh(sources, paths)
    again = paths.exports.resolve() / "fct_budget_line" / GANSU
    assert again.stat().st_ino != gansu
    assert "edited" not in again.read_text(encoding="utf-8")


def test_every_part_holds_its_province_and_the_parts_hold_the_table(
    make_sources: Callable[..., Path], tmp_path: Path
) -> None:
    paths = DataPaths(tmp_path / "out")
    _refresh(make_sources(HEZHENG, JULU, WEIXIAN), paths)
    folder = paths.exports.resolve()
    parts = sorted((folder / "fct_county_measure").glob("*.csv"))
    assert [p.name for p in parts] == [HEBEI, GANSU]
    table = pl.read_parquet(folder / "fct_county_measure.parquet")
    total = 0
    for part in parts:
        header, rows = _rows(part)
        assert header == table.columns
        county = header.index("county_code")
        assert {row[county][:2] for row in rows} == {part.name[:2]}
        total += len(rows)
    assert total == table.height
