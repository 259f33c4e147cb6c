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

from medins.batch import ingest_folder
from medins.paths import DataPaths
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


# --- the sources folder is contained (issue 19): links out of it, loops, dangling links,
# pipes are refused with a reason; sources.csv is validated whole; names are printed safely


def _reasons(paths: DataPaths) -> dict[str, str]:
    from landing import Landing

    rejected = Landing(paths.raw).read_table("rejected")
    return {
        Path(p).name: r for p, r in zip(rejected["source_path"], rejected["reason"], strict=True)
    }


def test_links_out_of_the_sources_folder_loops_and_dangling_links_are_refused(
    tmp_path: Path,
) -> None:
    sources = tmp_path / "sources"
    outside = tmp_path / "outside"
    sources.mkdir()
    outside.mkdir()
    shutil.copy(CORPUS / "003_8db8e2e3ace80c81.txt", sources / "julu.txt")
    shutil.copy(CORPUS / "001_7b27b9e27e53efe8.txt", outside / "hezheng.txt")
    (sources / "outside.txt").symlink_to(outside / "hezheng.txt")
    (sources / "shadow").symlink_to("/etc/shadow")
    (sources / "folder_outside").symlink_to(outside, target_is_directory=True)
    (sources / "loop").symlink_to("loop")
    (sources / "a").symlink_to("b")
    (sources / "b").symlink_to("a")
    (sources / "dangling.txt").symlink_to(sources / "gone.txt")
    (sources / "inside.txt").symlink_to(sources / "julu.txt")  # a link inside: read
    os.mkfifo(sources / "pipe")  # would block a reader forever
    paths = DataPaths(tmp_path / "out")
    report = ingest_folder(sources, paths, workers=1)
    assert report.documents == 1
    assert _reasons(paths) == {
        "outside.txt": "outside_sources",
        "shadow": "outside_sources",
        "folder_outside": "outside_sources",
        "loop": "link_loop",
        "a": "link_loop",
        "b": "link_loop",
        "dangling.txt": "broken_link",
        "pipe": "not_a_file",
    }
    from landing import Landing

    documents = Landing(paths.raw).read_table("documents")
    assert sorted(documents["source_paths"][0].split("\n")) == [
        str(sources / "inside.txt"),
        str(sources / "julu.txt"),
    ]
    again = ingest_folder(sources, paths, workers=1)
    assert again.ingested == [] and again.rejected == 8


MANIFEST_HEADER = "file,division_code,body,scope,year\n"


@pytest.mark.parametrize(
    ("row", "where"),
    [
        ("julu.txt,13052,,,2025\n", "line 2, column 2 (division_code)"),
        ("julu.txt,130529,,,20l7\n", "line 2, column 5 (year)"),
        ("julu.txt,130529," + "局" * 200_000 + ",,2025\n", "line 2, column 3 (body)"),
        ("julu.txt,130529,巨鹿县医疗保障局\x00,,2025\n", "line 2, column 3 (body)"),
        ("julu.txt,130529,,,2025\njulu.txt,130532,,,2025\n", "lines 2 and 3"),
    ],
    ids=["five_digit_code", "year_20l7", "long_field", "nul_byte", "two_rows_one_file"],
)
def test_a_malformed_sources_csv_is_one_line_and_changes_nothing(
    tmp_path: Path, row: str, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from medins.cli import main
    from medins.refresh import EXIT_FAILED

    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(CORPUS / "003_8db8e2e3ace80c81.txt", sources / "julu.txt")
    paths = DataPaths(tmp_path / "out")
    ingest_folder(sources, paths, workers=1)
    paths.warehouse.write_bytes(b"the published warehouse")
    before = _tree(paths.data_dir)
    (sources / "sources.csv").write_text(MANIFEST_HEADER + row, encoding="utf-8")
    for command in ("ingest", "run", "refresh"):
        code = main([command, "--sources", str(sources), "--data-dir", str(paths.data_dir)])
        out = capsys.readouterr().out
        assert code == EXIT_FAILED, out
        message = [line for line in out.splitlines() if line.strip()]
        assert len(message) == 1 and "Traceback" not in out, out
        assert f"sources.csv {where}" in message[0] or f"sources.csv: {where}" in message[0]
        assert _tree(paths.data_dir) == before  # the lock file aside, nothing written


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".refresh.lock"
    }


def test_sources_csv_rows_naming_no_file_are_reported(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(CORPUS / "003_8db8e2e3ace80c81.txt", sources / "julu.txt")
    (sources / "sources.csv").write_text(
        MANIFEST_HEADER
        + "julu.txt,130529,,,2025\n../../etc/passwd,130529,,,2025\n"
        + "/srv/budgets/a.txt,,,,2025\nmissing.xlsx,,,,2024\n",
        encoding="utf-8",
    )
    report = ingest_folder(sources, DataPaths(tmp_path / "out"), workers=1)
    assert report.documents == 1
    assert [notice.split(": ", 1)[0].rsplit(" ", 2)[-2:] for notice in report.notices] == [
        ["line", "3"],
        ["line", "4"],
        ["line", "5"],
    ]
    assert "outside the sources folder" in report.notices[0]
    assert "outside the sources folder" in report.notices[1]
    assert "no file of the sources folder" in report.notices[2]


def test_names_holding_terminal_escapes_are_printed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from medins.cli import main

    sources = tmp_path / "sources"
    sources.mkdir()
    hostile = "julu\x1b[2J\x1b]0;owned\x07\u202e.txt"
    shutil.copy(CORPUS / "003_8db8e2e3ace80c81.txt", sources / hostile)
    (sources / "empty\x1b[31m.txt").write_bytes(b"")
    data = tmp_path / "out"
    assert main(["ingest", "--sources", str(sources), "--data-dir", str(data)]) == 0
    for command in ("list", "rejected"):
        assert main([command, "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "julu\\x1b[2J" in out and "empty\\x1b[31m" in out


def test_a_sources_csv_linked_from_outside_is_not_read(tmp_path: Path) -> None:
    from medins.manifest import ManifestError

    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(CORPUS / "003_8db8e2e3ace80c81.txt", sources / "julu.txt")
    secret = tmp_path / "secret.csv"
    secret.write_text("file,division_code,body,scope,year\nx,s3cr3t,,,\n", encoding="utf-8")
    (sources / "sources.csv").symlink_to(secret)
    with pytest.raises(ManifestError) as refused:
        ingest_folder(sources, DataPaths(tmp_path / "out"), workers=1)
    assert "outside the sources folder" in str(refused.value)
    assert "s3cr3t" not in str(refused.value)
