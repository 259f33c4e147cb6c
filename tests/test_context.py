"""Per resident, in real terms, among peers (issue 17), checked on the reference corpus.

Every expected figure is computed here from the seed rows (census population, CPI rates) and
the marts' own nominal figures: nothing is typed in but the five counties' codes.
"""

from __future__ import annotations

import csv
import math
import shutil
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ingest.reference import seed
from medins.build import run_dbt
from medins.paths import DataPaths
from tests.conftest import REPO_ROOT, SHARED, Warehouse

pytestmark = pytest.mark.slow

FIVE_COUNTIES = {"130434": "魏县", "131081": "霸州市", "130529": "巨鹿县", "130533": "威县",
                 "622925": "和政县"}  # fmt: skip
HALF_CENT = 0.005  # every derived money column is rounded to the fen
MONEY_PER_RESIDENT = {
    "total_expenditure_per_resident": "total_expenditure_yuan",
    "three_public_total_per_resident": "three_public_total_yuan",
    "county_resident_subsidy_per_resident": "county_resident_subsidy_yuan",
}
REAL = {
    "total_expenditure_real_yuan": "total_expenditure_yuan",
    "three_public_total_real_yuan": "three_public_total_yuan",
    "county_resident_subsidy_real_yuan": "county_resident_subsidy_yuan",
}
PER_RESIDENT_REAL = {
    "total_expenditure_per_resident_real_yuan": "total_expenditure_yuan",
    "three_public_total_per_resident_real_yuan": "three_public_total_yuan",
    "county_resident_subsidy_per_resident_real_yuan": "county_resident_subsidy_yuan",
}


def _census() -> dict[tuple[str, int], int]:
    with seed("ref_population.csv").open(encoding="utf-8") as handle:
        return {
            (row["division_code"], int(row["population_year"])): int(row["resident_population"])
            for row in csv.DictReader(handle)
            if row["population_kind"] == "census"
        }


def _rates() -> dict[int, float]:
    with seed("ref_cpi.csv").open(encoding="utf-8") as handle:
        return {int(row["year"]): float(row["cpi_change_pct"]) for row in csv.DictReader(handle)}


def _index(base: int = 2020) -> dict[int, float]:
    """The CPI chained from the seed's rates, 100 in the base year."""
    rates = _rates()
    index = {base: 100.0}
    for year in range(base + 1, max(rates) + 1):
        index[year] = index[year - 1] * (1 + rates[year] / 100)
    for year in range(base - 1, min(rates) - 1, -1):
        index[year] = index[year + 1] / (1 + rates[year + 1] / 100)
    return index


def _nearest_census(year: int) -> int:
    return 2010 if year - 2010 <= 2020 - year else 2020


def _comparison(warehouse: Warehouse) -> list[dict[str, Any]]:
    cursor = warehouse.con.execute("select * from mart_county_year_comparison")
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _close(found: object, expected: float, tolerance: float = HALF_CENT) -> bool:
    return found is not None and abs(float(found) - expected) <= tolerance + 1e-9  # type: ignore[arg-type]


def test_the_five_counties_carry_both_census_populations(corpus_warehouse: Warehouse) -> None:
    census = _census()
    for table, code_column in (("dim_county", "county_code"), ("dim_division", "division_code")):
        rows = corpus_warehouse.rows(
            f"select {code_column}, population_census_2010, population_census_2020 from {table} "
            f"where {code_column} in ({', '.join('?' * len(FIVE_COUNTIES))})",
            *FIVE_COUNTIES,
        )
        assert {row[0] for row in rows} == set(FIVE_COUNTIES)
        for code, in_2010, in_2020 in rows:
            assert (in_2010, in_2020) == (census[(code, 2010)], census[(code, 2020)]), code  # type: ignore[index]


def test_per_resident_figures_use_the_census_nearest_their_year(
    corpus_warehouse: Warehouse,
) -> None:
    census = _census()
    rows = _comparison(corpus_warehouse)
    assert {row["county_code"] for row in rows} == set(FIVE_COUNTIES)
    checked = 0
    for row in rows:
        year = _nearest_census(row["fiscal_year"])
        population = census[(row["county_code"], year)]
        assert (row["population"], row["population_year"], row["population_source"]) == (
            population,
            year,
            f"census_{year}",
        )
        assert row["population_null_reason"] is None
        for column, nominal in MONEY_PER_RESIDENT.items():
            if row[nominal] is None:
                assert row[column] is None  # never 0 for a figure the document does not give
                continue
            assert _close(row[column], float(row[nominal]) / population), (row, column)
            checked += 1
        if row["resident_enrollment_persons"] is None:
            assert row["resident_enrollment_coverage"] is None
        else:
            expected = float(row["resident_enrollment_persons"]) / population
            assert _close(row["resident_enrollment_coverage"], expected, 0.00005)
            checked += 1
    assert checked >= 15  # the corpus gives most of them: the test is not vacuous


def test_real_terms_are_constant_yuan_of_the_base_year(corpus_warehouse: Warehouse) -> None:
    census = _census()
    index = _index()
    checked = 0
    for row in _comparison(corpus_warehouse):
        year = row["fiscal_year"]
        deflator = index[2020] / index[year]
        population = census[(row["county_code"], _nearest_census(year))]
        assert row["price_base_year"] == 2020
        assert math.isclose(row["cpi_index"], index[year], rel_tol=1e-12)
        assert row["real_terms_null_reason"] is None
        for column, nominal in REAL.items():
            if row[nominal] is None:
                assert row[column] is None
                continue
            assert _close(row[column], float(row[nominal]) * deflator), (row, column)
            checked += 1
        for column, nominal in PER_RESIDENT_REAL.items():
            if row[nominal] is None:
                assert row[column] is None
                continue
            assert _close(row[column], float(row[nominal]) * deflator / population), (row, column)
    assert checked >= 10


def test_cpi_index_chains_every_published_rate(corpus_warehouse: Warehouse) -> None:
    rates = _rates()
    assert set(range(2010, 2026)) <= set(rates)
    index = dict(
        corpus_warehouse.rows("select fiscal_year, cpi_index from dim_fiscal_year")  # type: ignore[arg-type]
    )
    assert index[2020] == pytest.approx(100.0, abs=1e-9)
    for year in range(2011, 2026):
        assert index[year] / index[year - 1] == pytest.approx(1 + rates[year] / 100, rel=1e-12)
    # the published rate of the year itself, beside the index
    stored = dict(
        corpus_warehouse.rows("select fiscal_year, cpi_change_pct from dim_fiscal_year")  # type: ignore[arg-type]
    )
    assert {year: float(stored[year]) for year in range(2010, 2026)} == {
        year: rates[year] for year in range(2010, 2026)
    }


@pytest.mark.skipif(not (SHARED / "reference").exists(), reason="needs ../shared/reference")
def test_the_seeds_are_what_the_sources_give() -> None:
    """The census and CPI seeds are regenerated from the reference files, not edited."""
    done = subprocess.run(
        [sys.executable, "scripts/make_context_seeds.py", "--check"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_real_yoy_deflates_both_years(corpus_warehouse: Warehouse) -> None:
    index = _index()
    rows = corpus_warehouse.rows(
        "select fiscal_year, prior_year, value, prior_value, unit, real_pct_change, "
        "abs_change_real_yuan, real_change_null_reason from mart_yoy_change"
    )
    checked = 0
    for year, prior_year, value, prior, unit, real_pct, real_abs, reason in rows:
        if unit not in ("yuan", "yuan_per_person"):
            assert (real_pct, real_abs, reason) == (None, None, "not a money measure")
            continue
        current_real = float(value) * index[2020] / index[year]  # type: ignore[arg-type,index]
        prior_real = float(prior) * index[2020] / index[prior_year]  # type: ignore[arg-type,index]
        assert _close(real_abs, current_real - prior_real)
        if prior_real:
            expected = (current_real - prior_real) / abs(prior_real) * 100
            assert _close(real_pct, expected), (year, value, prior)
            checked += 1
        assert reason is None
    assert checked >= 10
    body_rows = corpus_warehouse.one(
        "select count(*) from mart_body_yoy_change where real_pct_change is not null"
    )
    assert body_rows >= checked  # type: ignore[operator]


def test_ranks_within_peer_groups(corpus_warehouse: Warehouse) -> None:
    rows = _comparison(corpus_warehouse)
    for group in ("province_name", "population_band", "body_kind"):
        members: dict[tuple[object, int], list[Decimal]] = defaultdict(list)
        for row in rows:
            if row["total_expenditure_per_resident"] is not None:
                members[(row[group], row["fiscal_year"])].append(
                    row["total_expenditure_per_resident"]
                )
        suffix = group.removesuffix("_name")
        for row in rows:
            figure = row["total_expenditure_per_resident"]
            peers = members[(row[group], row["fiscal_year"])]
            assert row[f"per_resident_peers_in_{suffix}"] == len(peers)
            if figure is None:
                assert row[f"per_resident_rank_in_{suffix}"] is None
            else:
                assert row[f"per_resident_rank_in_{suffix}"] == 1 + sum(
                    peer > figure for peer in peers
                )
    bands = {row["county_code"]: row["population_band"] for row in rows}
    with seed("ref_population_bands.csv").open(encoding="utf-8") as handle:
        limits = [
            (row["population_band"], int(row["lower_bound"]), int(row["upper_bound"] or 10**12))
            for row in csv.DictReader(handle)
        ]
    for row in rows:
        expected = [band for band, low, high in limits if low <= row["population"] < high]
        assert [bands[row["county_code"]]] == expected


def test_the_user_sets_the_price_base_year(corpus_warehouse: Warehouse, tmp_path: Path) -> None:
    """dbt var cpi_base_year: the deflators move to constant yuan of that year."""
    paths = DataPaths(tmp_path)
    (tmp_path / "raw").symlink_to(corpus_warehouse.paths.raw.resolve())
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copyfile(corpus_warehouse.paths.warehouse, warehouse)
    run_dbt(
        ["run", "--select", "int_cpi_chained", "--vars", "{cpi_base_year: 2015}"], paths, warehouse
    )
    index = _index()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select fiscal_year, cpi_index, price_base_year, price_deflator "
            "from intermediate.int_cpi_chained"
        ).fetchall()
    assert {row[0] for row in rows} == set(index)
    for year, cpi_index, base_year, deflator in rows:
        assert base_year == 2015
        assert math.isclose(cpi_index, index[year], rel_tol=1e-12)  # 2020 = 100 still
        assert math.isclose(deflator, index[2015] / index[year], rel_tol=1e-12)
