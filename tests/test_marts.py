"""The marts researchers and BI tools build on, checked on the reference corpus."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import Warehouse

pytestmark = pytest.mark.slow


def test_a_row_for_every_county_year_any_document_speaks_of(corpus_warehouse: Warehouse) -> None:
    rows = corpus_warehouse.rows(
        "select county_name, fiscal_year from mart_county_year_comparison order by 1, 2"
    )
    assert rows == [
        ("和政县", 2024),
        ("威县", 2022),
        ("威县", 2023),
        ("巨鹿县", 2024),
        ("巨鹿县", 2025),
        ("霸州市", 2020),
        ("霸州市", 2021),
        ("魏县", 2022),
        ("魏县", 2025),
    ]


def test_per_capita_subsidy_beside_the_stated_standard(corpus_warehouse: Warehouse) -> None:
    rows = {
        row[0]: row[1:]
        for row in corpus_warehouse.rows(
            "select county_year_id, county_resident_subsidy_per_person_computed, "
            "county_resident_subsidy_per_person_stated, per_capita_enrollment_year, "
            "per_capita_enrollment_kind, per_capita_null_reason from mart_county_year_comparison"
        )
    }
    assert rows["130434-2025"][:4] == (Decimal("142.00"), Decimal("142.00"), 2025, "projected")
    assert rows["622925-2024"][:4] == (Decimal("11.80"), Decimal("11.80"), 2024, "beneficiaries")
    assert rows["131081-2021"][:4] == (Decimal("124.53"), None, 2020, "enrolled")
    assert rows["130529-2025"][4] == (
        "no county resident-insurance subsidy line in the department budget"
    )
    assert rows["130533-2023"][4].startswith("no resident enrollment figure")


def test_enrollment_with_its_kind_and_year(corpus_warehouse: Warehouse) -> None:
    rows = corpus_warehouse.rows(
        "select county_year_id, resident_enrollment_persons, resident_enrollment_kind, "
        "resident_enrollment_status from mart_county_year_comparison "
        "where resident_enrollment_persons is not null order by 1"
    )
    assert rows == [
        ("130434-2022", 860000, "enrolled", "reported"),
        ("130434-2025", 844000, "projected", "reported"),
        ("130529-2025", 380000, "enrolled", "conflicting"),
        ("131081-2020", 544929, "enrolled", "reported"),
        ("622925-2024", 215400, "contributors", "reported"),
    ]


def test_required_inconsistencies_are_found(corpus_warehouse: Warehouse) -> None:
    found = {
        (row[0], row[1], row[2]): (row[3], row[4])
        for row in corpus_warehouse.rows(
            "select county_code, fiscal_year, check_name, value_a, value_b "
            "from mart_source_inconsistencies"
        )
    }
    assert found[("622925", 2024, "basic_plus_project_vs_total")] == (3212400, 8559000)
    assert found[("130529", 2025, "two_figures_for_one_thing")] == (380000, 330000)
    assert found[("130529", 2024, "fixed_assets_parts_vs_total")] == (1416800, 1486100)
    assert found[("130529", 2024, "two_figures_for_one_thing")] == (1416800, 1486100)
    assert found[("130529", 2025, "listed_projects_exceed_total")] == (1830000, 1860000)
    provenance = corpus_warehouse.one(
        "select line_a from mart_source_inconsistencies where county_code = '622925' "
        "and check_name = 'basic_plus_project_vs_total'"
    )
    assert isinstance(provenance, int) and provenance > 0


def test_previous_year_figures_derived_from_stated_changes(corpus_warehouse: Warehouse) -> None:
    rows = corpus_warehouse.rows(
        "select county_code, measure, fiscal_year, prior_year, prior_value, prior_source "
        "from mart_yoy_change where prior_source = 'stated_change' "
        "and measure = 'total_expenditure_yuan' order by 1"
    )
    assert rows == [
        ("130529", "total_expenditure_yuan", 2025, 2024, Decimal("4190300.00"), "stated_change"),
        ("130533", "total_expenditure_yuan", 2023, 2022, Decimal("93833748.86"), "stated_change"),
        ("131081", "total_expenditure_yuan", 2021, 2020, Decimal("331509400.00"), "stated_change"),
    ]


def test_null_is_never_zero(corpus_warehouse: Warehouse) -> None:
    assert (
        corpus_warehouse.one(
            "select count(*) from fct_county_measure where status = 'not_reported' "
            "and value is not null"
        )
        == 0
    )
    assert (
        corpus_warehouse.one(
            "select value from fct_county_measure where county_code = '130434' "
            "and fiscal_year = 2025 and measure = 'three_public_total_yuan'"
        )
        is None
    )


def test_exports_for_bi_tools(corpus_warehouse: Warehouse) -> None:
    exports = corpus_warehouse.paths.exports
    for name in (
        "mart_county_year_comparison",
        "mart_yoy_change",
        "mart_source_inconsistencies",
        "fct_county_measure",
        "dim_county",
        "rejected_documents",
    ):
        assert (exports / f"{name}.parquet").exists()
    schema = (exports / "schema.json").read_text(encoding="utf-8")
    assert "per_capita_enrollment_year" in schema and "三公" in schema


def test_every_dbt_test_passed(corpus_warehouse: Warehouse) -> None:
    result = corpus_warehouse.result
    assert result.tests_total > 150 and result.tests_passed == result.tests_total
