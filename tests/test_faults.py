"""Faults a demanding user meets (issue 19), each reproduced: documents that contradict each
other, candidates that tie, a dashboard over bodies that are not county bureaus, a rebuild
that must choose the same figures whether it is full or incremental.

One warehouse is built for the module (and then rebuilt incrementally once); the faults of
the landing, the sources folder, the disk and the scheduler are in test_landing_recovery.py,
test_paths.py and test_refresh.py.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from medins.build import build
from tests.conftest import REPO_ROOT, Warehouse, assert_every_dbt_test_passed, build_warehouse
from tests.documents import CORPUS, HEZHENG, JULU, variant, write
from tests.layoutgen.divisions import CountyPool
from tests.layoutgen.facts import Facts, draw_facts
from tests.layoutgen.families import FAMILIES, UNITS
from tests.layoutgen.model import Document
from tests.layoutgen.render import FORMATS
from tests.layoutgen.style import Style, step_for
from tests.test_bodies_and_divisions import julu_as

pytestmark = pytest.mark.slow

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


def test_the_first_of_three_statements_on_one_line_is_chosen(built: Built) -> None:
    # 425.30 − 9.99 = 415.31万元: the first statement on the line, not the 2nd or 3rd
    assert built.warehouse.one(
        "select value, status from fct_county_measure where county_code = '130529' "
        "and fiscal_year = 2024 and measure = 'total_expenditure_yuan'"
    ) == (Decimal("4153100.00"), "conflicting")


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
