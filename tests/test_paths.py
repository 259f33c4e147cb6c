"""Folder names are data: quotes, spaces, Chinese and glob characters reach no shell line or SQL.

The names below hold a single and a double quote (which would end a shell word or a SQL
string), spaces (which would split a `make` argument), Chinese, and ``[x]`` (which a glob reads
as "the letter x", so ``a [x]`` would silently read the folder ``a x``).  Every way in is tried:
`make` (argv list, no shell: the Makefile must quote on its own), the installed command and the
library.  Each build is checked on the documents' own figures.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

from medins.plain_path import is_plain, plain_link
from tests.conftest import CORPUS, REPO_ROOT, build_warehouse

NAME = '预算 文件 o\'brien "q" [x]'
CRAFTED = "x'); create table injected as select 42 as y; --"
# reference document → the name it gets here (rich, the terminal library, reads "[x]" as a tag)
DOCUMENTS = {
    "003_8db8e2e3ace80c81.txt": "巨鹿 [x] o'brien.txt",  # 巨鹿县 2025
    "000_1ed1d566b4ab2ee9.txt": '魏县 [bold] "q".txt',  # 魏县 2025
}
# (county, year, measure) → the figure the documents print
FIGURES = {
    ("130529", 2025, "total_expenditure_yuan"): Decimal("4253000.00"),  # 巨鹿: 425.30万元
    ("130434", 2025, "county_resident_subsidy_yuan"): Decimal("119850000.00"),  # 魏县: 11985万元
}
BIN = Path(sys.executable).parent


def _sources(parent: Path) -> Path:
    folder = parent / f"{NAME} 文件"
    folder.mkdir(parents=True)
    for name, renamed in DOCUMENTS.items():
        shutil.copy(CORPUS / name, folder / renamed)
    return folder


def _assert_figures(warehouse: Path, sources: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for (county, year, measure), expected in FIGURES.items():
            found = con.execute(
                "select value from fct_county_measure where county_code = ? "
                "and fiscal_year = ? and measure = ?",
                [county, year, measure],
            ).fetchall()
            assert found == [(expected,)], (county, year, measure)
        paths = {row[0] for row in con.execute("select source_path from dim_document").fetchall()}
    assert paths == {str(sources / name) for name in DOCUMENTS.values()}


def _assert_export(data_dir: Path) -> None:
    export = data_dir / "exports" / "fct_county_measure.parquet"
    frame = pl.read_parquet(export, glob=False).filter(
        (pl.col("county_code") == "130529")
        & (pl.col("fiscal_year") == 2025)
        & (pl.col("measure") == "total_expenditure_yuan")
    )
    assert frame["value"].to_list() == [Decimal("4253000.00")]


def _make(target: str, *assignments: str) -> subprocess.CompletedProcess[str]:
    """`make <target> VAR=value …` with this interpreter's environment, its install kept."""
    venv = Path(sys.prefix)
    # an outer `make test` passes its own variables down: this run sees only the ones given here
    inherited = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "SOURCES", "DATA_DIR")
    env = {key: value for key, value in os.environ.items() if key not in inherited}
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-o",
            str(venv / ".installed"),  # the environment running the tests is already installed
            target,
            f"VENV={venv}",
            *assignments,
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


# --- the stand-in path dbt reads through ---------------------------------------------------


def test_plain_link_leads_to_the_real_folder_and_goes_away(tmp_path: Path) -> None:
    real = tmp_path / NAME / "raw"
    real.mkdir(parents=True)
    (real / "marker").write_text("here", encoding="utf-8")
    with plain_link(real) as link:
        assert is_plain(link) and link != real
        assert (link / "marker").read_text(encoding="utf-8") == "here"
    assert not link.exists() and not link.parent.exists()
    assert (real / "marker").exists(), "removing the link must not touch the folder"


def test_a_plain_folder_is_used_as_it_is(tmp_path: Path) -> None:
    real = tmp_path / "raw"
    real.mkdir()
    with plain_link(real) as link:
        assert link == real.resolve()


@pytest.mark.parametrize("character", ["'", '"', " ", "预", "[", "*", "?", "{", "}", "\\", "%"])
def test_any_character_beyond_the_plain_set_needs_the_link(character: str) -> None:
    assert not is_plain(f"/tmp/a{character}b")


# --- whole runs ------------------------------------------------------------------------------


@pytest.mark.slow
def test_make_quotes_the_folders_it_is_given(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    data_dir = tmp_path / f"{NAME} 输出"
    run = _make("run", f"SOURCES={sources}", f"DATA_DIR={data_dir}")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "documents read 2; rejected 0" in run.stdout
    _assert_figures(data_dir / "warehouse.duckdb", sources)
    _assert_export(data_dir)
    queries = _make("queries", f"DATA_DIR={data_dir}")
    assert queries.returncode == 0, queries.stderr[-3000:]
    assert "三公" in queries.stdout and "query failed" not in queries.stdout
    dashboard = _make("dashboard", f"DATA_DIR={data_dir}")
    assert dashboard.returncode == 0, dashboard.stderr[-3000:]
    page = (data_dir / "dashboard" / "index.html").read_text(encoding="utf-8")
    assert '"counts":{"documents":2,"county_years":4,"counties":2}' in page
    assert "巨鹿县" in page and "魏县" in page
    docs = _make("docs", f"DATA_DIR={data_dir}")
    assert docs.returncode == 0, docs.stderr[-3000:]
    assert "fct_county_measure" in (data_dir / "docs" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_command_line_takes_any_folder_name(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    data_dir = tmp_path / f"{NAME} 输出"
    run = subprocess.run(
        [str(BIN / "medins-ingest"), "run", "--sources", str(sources), "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    # the progress lines print the file names as they are
    assert "巨鹿 [x] o'brien.txt: 巨鹿县 2025" in run.stdout
    assert '魏县 [bold] "q".txt: 魏县 2025' in run.stdout
    _assert_figures(data_dir / "warehouse.duckdb", sources)
    _assert_export(data_dir)
    listing = subprocess.run(
        [str(BIN / "medins-ingest"), "list", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert listing.returncode == 0 and "2 documents" in listing.stdout, listing.stderr
    assert f"documents in {data_dir / 'raw'}" in listing.stdout


@pytest.mark.slow
def test_a_crafted_folder_name_is_only_a_name(tmp_path: Path) -> None:
    sources = _sources(tmp_path / CRAFTED)
    warehouse = build_warehouse(sources, tmp_path / CRAFTED / CRAFTED)
    try:
        assert warehouse.result.tests_passed == warehouse.result.tests_total
        tables = {
            row[0] for row in warehouse.rows("select table_name from information_schema.tables")
        }
        assert "injected" not in tables and "fct_county_measure" in tables
    finally:
        warehouse.close()
    _assert_figures(warehouse.paths.warehouse, sources)
    _assert_export(warehouse.paths.data_dir)
