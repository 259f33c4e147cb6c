"""Faults a demanding user meets (issue 19), each reproduced: documents that contradict each
other, candidates that tie, a dashboard over bodies that are not county bureaus, a rebuild
that must choose the same figures whether it is full or incremental.

One warehouse is built for the module (and then rebuilt incrementally once); the faults of
the landing, the sources folder, the disk and the scheduler are in test_landing_recovery.py,
test_paths.py and test_refresh.py.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from medins.build import build
from testkit.layoutgen.divisions import CountyPool
from testkit.layoutgen.facts import Facts, draw_facts
from testkit.layoutgen.families import FAMILIES, UNITS
from testkit.layoutgen.model import Document
from testkit.layoutgen.render import FORMATS
from testkit.layoutgen.style import Style, step_for
from tests.conftest import REPO_ROOT, Warehouse, assert_every_dbt_test_passed, build_warehouse
from tests.documents import CORPUS, HEZHENG, JULU, variant, write
from tests.test_bodies_and_divisions import julu_as

RESTATED_YEAR = 2022  # the earlier document's year; the later one (2023) restates it


@dataclass(frozen=True, slots=True)
class Written:
    facts: Facts
    path: Path


def _generated(family: str, county_pool: CountyPool, year: int, name: str, folder: Path) -> Written:
    """One layoutgen document of ``family`` for the pool's county of ``year``."""
    rng = random.Random(name)
    county = county_pool.draw(year)
    return _for_county(family, county, year, rng, folder, name)


def _for_county(
    family: str, county: object, year: int, rng: random.Random, folder: Path, name: str
) -> Written:
    unit, prose_unit, commas = rng.choice(UNITS[family])
    style = Style(unit=unit, prose_unit=prose_unit, commas=commas)
    facts = draw_facts(rng, county, year, step_for(rng, unit, prose_unit))  # type: ignore[arg-type]
    doc = Document(name=name, family=family, county_code=facts.county.code, year=year)
    FAMILIES[family](facts, style, rng, doc)
    path = folder / f"{name}.txt"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_bytes(FORMATS["text_cells"].render(doc))
    return Written(facts, path)


# 巨鹿县 2025 states its change against 2024 three times on one line, three different ways:
# the derived 2024 total is conflicting, and the figure shown must be the first statement's
# (document, page, line, then position on the line), whatever the order of a run.
THREE_ON_ONE_LINE = [
    (
        "较 2024年预算增加 6.27万元，",
        "较 2024年预算增加 9.99万元；2025年预算收支安排 425.30万元，较 2024年预算增加 6.27万元；"
        "2025年预算收支安排 425.30万元，较 2024年预算增加 1.00万元，",
    )
]


@dataclass(slots=True)
class Built:
    warehouse: Warehouse
    earlier: Written
    later: Written
    sources: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("faults")
    sources = root / "sources"
    # one county bureau, 2022 and 2023: the 2023 document prints 上年预算数 columns whose 2022
    # figures (drawn independently) differ from what the 2022 document itself prints
    pool = CountyPool("faults")
    later = _generated("prior_columns", pool, RESTATED_YEAR + 1, "faults-later", sources)
    earlier = _for_county(
        "hebei",
        later.facts.county,
        RESTATED_YEAR,
        random.Random("faults-earlier"),
        sources,
        "faults-earlier",
    )
    assert earlier.facts.total != later.facts.prior.total
    # a prefecture-level bureau (not a county bureau) with contradictions of its own
    write(sources, "prefecture.txt", julu_as(2025, "邢台市", "130500"))
    write(sources, "julu_three_statements.txt", variant(JULU, THREE_ON_ONE_LINE))
    warehouse = build_warehouse(sources, root / "out")
    return Built(warehouse, earlier, later, sources)


@pytest.mark.slow
def test_a_later_document_restating_an_earlier_year_builds_and_lists_it(built: Built) -> None:
    assert built.warehouse.batch.rejected == 0
    assert_every_dbt_test_passed(built.warehouse)
    code = built.later.facts.county.code
    rows = built.warehouse.rows(
        "select value_a, value_b, doc_id = (select doc_id from dim_document "
        "where source_path like '%faults-later.txt') from mart_source_inconsistencies "
        "where county_code = ? and fiscal_year = ? "
        "and check_name = 'restated_figure_vs_year_document' "
        "and subject = 'total_expenditure_yuan'",
        code,
        RESTATED_YEAR,
    )
    restated = Decimal(built.later.facts.prior.total) / 100
    own = Decimal(built.earlier.facts.total) / 100
    assert rows == [(restated, own, True)]
    # the year's own document gives the figure; the restatement does not replace it
    shown = built.warehouse.one(
        "select value from fct_county_measure where county_code = ? and fiscal_year = ? "
        "and measure = 'total_expenditure_yuan'",
        code,
        RESTATED_YEAR,
    )
    assert shown == own


@pytest.mark.slow
def test_the_first_of_three_statements_on_one_line_is_chosen(built: Built) -> None:
    # 425.30 − 9.99 = 415.31万元: the first statement on the line, not the 2nd or 3rd
    assert built.warehouse.one(
        "select value, status from fct_county_measure where county_code = '130529' "
        "and fiscal_year = 2024 and measure = 'total_expenditure_yuan'"
    ) == (Decimal("4153100.00"), "conflicting")


@pytest.mark.slow
def test_the_dashboard_draws_a_warehouse_of_any_bodies(built: Built) -> None:
    not_county = built.warehouse.rows(
        "select count(*) from mart_source_inconsistencies where county_code is null"
    )
    assert not_county != [(0,)]  # the prefecture bureau's contradictions are there
    out = built.warehouse.paths.data_dir / "dashboard" / "index.html"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "reporting.dashboard",
            "--data-dir",
            str(built.warehouse.paths.data_dir),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert out.exists() and "130500" in out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_an_incremental_rebuild_chooses_what_a_full_build_chose(built: Built) -> None:
    """Runs last: it adds a document and rebuilds the module's warehouse in place."""
    measures = (
        "select body_id, scope, fiscal_year, measure, value, status, doc_id, page, line "
        "from fct_body_measure where body_id <> '622925-医疗保障局' order by all"
    )
    full = built.warehouse.rows(measures)
    built.warehouse.close()
    shutil.copy(CORPUS / HEZHENG, built.sources / HEZHENG)
    from medins.batch import ingest_folder

    ingest_folder(built.sources, built.warehouse.paths, workers=2)
    result = build(built.warehouse.paths)
    assert result.incremental
    again = Warehouse(built.warehouse.paths, built.warehouse.batch, result)
    try:
        assert again.rows(measures) == full
    finally:
        again.close()


# --- sizes, a full disk, killed runs -------------------------------------------------------


def test_a_document_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ingest.limits import Limits
    from medins import task

    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 4096)
    opened: list[int | None] = []
    real = task.read_source

    def spy(name: str, max_bytes: int | None = None) -> bytes:
        opened.append(max_bytes)
        return real(name, max_bytes)

    monkeypatch.setattr(task, "read_source", spy)
    limits = Limits(max_bytes=1024)
    refused = task.read_document(task.Source("a" * 64, [str(path)], 4096), limits)
    assert (refused.outcome.reason, opened) == ("too_large", [])
    # a file that grew after the folder was scanned: never more than the limit + 1 is read
    grown = task.read_document(task.Source("b" * 64, [str(path)], 10), limits)
    assert (grown.outcome.reason, opened) == ("too_large", [1024])


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of 1 MB (root only): a disk that really fills, ENOSPC from the kernel."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr!r}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _grow(mount: Path, size: str) -> None:
    subprocess.run(["mount", "-o", f"remount,size={size}", str(mount)], check=True)


def _leftovers(folder: Path) -> list[str]:
    """Files a failed write could leave: temporary, pending, a folder set aside, exports
    that the ``exports`` link does not lead to."""
    published = (folder / "exports").resolve()
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.name.endswith((".tmp", ".pending"))
        or p.name in (".building",)
        or (p.name.startswith(".exports-") and not p.is_symlink() and p != published)
    )


def test_a_full_disk_during_the_ingest_is_one_line_and_the_next_run_succeeds(
    small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from landing import Landing
    from medins.cli import main

    sources = small_disk.parent / "sources"
    sources.mkdir()
    for name in (JULU, HEZHENG):
        shutil.copy(CORPUS / name, sources / name)
    data = small_disk / "data"
    # fill the disk but 60 kB: the first manifests fit, a bucket's tables do not
    ballast = small_disk / "ballast"
    ballast.write_bytes(
        b"\0" * (os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize - 60_000)
    )
    code = main(["ingest", "--sources", str(sources), "--data-dir", str(data), "--workers", "1"])
    out = capsys.readouterr().out
    assert code == 1, out
    errors = [line for line in out.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in out, out
    assert f"no space left in {data / 'raw'}" in errors[0] and "needs about" in errors[0]
    assert _leftovers(data) == []
    assert Landing(data / "raw").verify() == []  # what was committed is whole
    ballast.unlink()
    assert main(["ingest", "--sources", str(sources), "--data-dir", str(data)]) == 0
    assert Landing(data / "raw").documents() and Landing(data / "raw").verify() == []
    capsys.readouterr()


@pytest.mark.slow
def test_a_full_disk_during_the_build_keeps_the_warehouse_and_leaves_nothing(
    small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from medins.cli import main

    sources = small_disk.parent / "sources"
    sources.mkdir()
    shutil.copy(CORPUS / JULU, sources / JULU)
    data = small_disk / "data"
    _grow(small_disk, "6m")  # the raw landing fits, a warehouse does not
    code = main(["run", "--sources", str(sources), "--data-dir", str(data)])
    out = capsys.readouterr().out
    assert code == 1, out
    errors = [line for line in out.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in out, out
    assert f"no space left in {data / '.building'}" in errors[0], errors
    assert _leftovers(data) == [] and not (data / "warehouse.duckdb").exists()
    _grow(small_disk, "200m")
    assert main(["run", "--sources", str(sources), "--data-dir", str(data)]) == 0
    assert (data / "warehouse.duckdb").exists() and _leftovers(data) == []
    capsys.readouterr()


def test_what_a_killed_run_left_is_removed_by_the_next_run(tmp_path: Path) -> None:
    """A kill right after the swap leaves the folder it built in, exports never switched in,
    and a dbt still running; the next refresh (even one with nothing to do) removes them."""
    from rich.console import Console

    from ingest.limits import Limits
    from medins.batch import ingest_folder
    from medins.paths import DataPaths
    from medins.refresh import EXIT_OK, refresh

    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(CORPUS / JULU, sources / JULU)
    paths = DataPaths(tmp_path / "out")
    ingest_folder(sources, paths, workers=1)
    paths.warehouse.write_bytes(b"the published warehouse")
    building = paths.data_dir / ".building"
    building.mkdir()
    (building / "warehouse.duckdb").write_bytes(b"half")
    stale_exports = paths.data_dir / ".exports-20260101T000000-1"
    stale_exports.mkdir()
    (stale_exports / "dim_body.parquet").write_bytes(b"x")
    fake_dbt = tmp_path / "bin" / "dbt"
    fake_dbt.parent.mkdir()
    # a script named dbt, run as dbt runs: python <venv>/bin/dbt (no child of its own)
    fake_dbt.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(300)\n", encoding="utf-8")
    fake_dbt.chmod(0o755)
    orphan = subprocess.Popen([str(fake_dbt)], start_new_session=True)
    (building / "dbt.pid").write_text(str(orphan.pid), encoding="utf-8")
    code = refresh(sources, paths, Limits(), Console(record=True), workers=1)
    assert code == EXIT_OK
    assert not _alive(orphan.pid)  # killed (and reaped: it was this process's child)
    orphan.wait(timeout=10)
    assert not building.exists() and not stale_exports.exists()
    assert paths.warehouse.read_bytes() == b"the published warehouse"


def test_dbt_dies_with_the_process_that_started_it(tmp_path: Path) -> None:
    fake_dbt = tmp_path / "bin" / "dbt"
    fake_dbt.parent.mkdir()
    fake_dbt.write_text("#!/bin/sh\nexec sleep 300\n", encoding="utf-8")
    fake_dbt.chmod(0o755)
    data = tmp_path / "out"
    (data / "raw").mkdir(parents=True)
    (data / ".building").mkdir()
    script = (
        "import sys; from pathlib import Path; import medins.build as b; "
        f"b.dbt_executable = lambda: {str(fake_dbt)!r}; "
        "from medins.paths import DataPaths; "
        f"p = DataPaths(Path({str(data)!r})); "
        "b.run_dbt(['build'], p, p.data_dir / '.building' / 'warehouse.duckdb')"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=REPO_ROOT)
    pid_file = data / ".building" / "dbt.pid"
    deadline = time.monotonic() + 30
    while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    child = int(pid_file.read_text())
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except OSError:
        return False
    return state != "Z"
