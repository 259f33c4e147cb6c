"""Nothing is keyed on the five known files: a county the product has never seen, and a
second year of a known county, come out with their own figures."""

from __future__ import annotations

import pytest

from tests.conftest import Warehouse, assert_every_dbt_test_passed, build_warehouse
from tests.documents import JULU, variant, write

# 平乡县 (130532, 邢台市) 2026: another county, another year, and 三公 2.50 → 3.50万元.
PINGXIANG = [
    ("巨鹿县", "平乡县"),
    ("巨鹿", "平乡"),
    ("13052925P", "13053226P"),
    ("2025", "2026"),
    ("2024", "2025"),
    ("2.50", "3.50"),
]
# 巨鹿县 2026: the 2025 document a year later, total 425.30 → 450.30万元, and a stated change
# against 2025 of +20.00万元 that does not match the 2025 document's own 425.30.
JULU_2026 = [
    ("2025", "2026"),
    ("2024", "2025"),
    ("13052925P", "13052926P"),
    ("425.30", "450.30"),
    ("增加 6.27万元", "增加 20.00万元"),
]


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    root = tmp_path_factory.mktemp("variants")
    sources = root / "sources"
    write(sources, "pingxiang_2026.txt", variant(JULU, PINGXIANG))
    write(sources, JULU, variant(JULU, []))
    write(sources, "julu_2026.txt", variant(JULU, JULU_2026))
    return build_warehouse(sources, root / "out")


def _measure(warehouse: Warehouse, county: str, year: int, measure: str) -> tuple[object, ...]:
    found = warehouse.one(
        "select value, status from fct_county_measure where county_code = ? and fiscal_year = ? "
        "and measure = ?",
        county,
        year,
        measure,
    )
    assert isinstance(found, tuple)
    return found


@pytest.mark.slow
def test_a_county_never_seen_gets_its_changed_figures(variants: Warehouse) -> None:
    assert _measure(variants, "130532", 2026, "three_public_total_yuan") == (35000, "reported")
    assert _measure(variants, "130532", 2026, "three_public_vehicle_operation_yuan") == (
        35000,
        "reported",
    )
    assert _measure(variants, "130532", 2026, "total_expenditure_yuan") == (4253000, "reported")
    assert variants.rows(
        "select distinct amount_yuan from fct_budget_line where county_code = '130532' "
        "and economic_subject_code = '30231' and column_name = 'total'"
    ) == [(35000,)]
    # its stated change "与 2025年相比增加 0.00万元" gives 2025 by derivation
    assert _measure(variants, "130532", 2025, "three_public_total_yuan") == (35000, "derived")
    name = variants.one(
        "select county_name from mart_county_year_comparison where county_year_id = '130532-2026'"
    )
    assert name == "平乡县"


@pytest.mark.slow
def test_the_original_county_is_untouched_by_its_variants(variants: Warehouse) -> None:
    assert _measure(variants, "130529", 2025, "three_public_total_yuan") == (25000, "reported")
    assert _measure(variants, "130529", 2025, "total_expenditure_yuan") == (4253000, "reported")


@pytest.mark.slow
def test_year_over_year_from_two_documents(variants: Warehouse) -> None:
    from_documents = variants.one(
        "select prior_year, prior_value, abs_change, years_apart, prior_source from "
        "mart_yoy_change where county_code = '130529' and measure = 'total_expenditure_yuan' "
        "and fiscal_year = 2026"
    )
    assert from_documents == (2025, 4253000, 250000, 1, "document")
    from_statement = variants.one(
        "select prior_year, prior_value, prior_source from mart_yoy_change where "
        "county_code = '130529' and measure = 'total_expenditure_yuan' and fiscal_year = 2025"
    )
    assert from_statement == (2024, 4190300, "stated_change")


@pytest.mark.slow
def test_a_stated_change_contradicting_last_years_document_is_reported(
    variants: Warehouse,
) -> None:
    found = variants.rows(
        "select value_a, value_b from mart_source_inconsistencies where county_code = '130529' "
        "and fiscal_year = 2025 and check_name = 'stated_change_vs_prior_document' "
        "and subject = 'total_expenditure_yuan'"
    )
    assert found == [(4303000, 4253000)]


@pytest.mark.slow
def test_the_build_and_its_tests_pass(variants: Warehouse) -> None:
    assert variants.batch.documents == 3 and variants.batch.rejected == 0
    assert_every_dbt_test_passed(variants)
