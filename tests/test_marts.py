"""The marts researchers and BI tools build on, checked on the reference corpus."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.conftest import REPO_ROOT, Warehouse, assert_every_dbt_test_passed

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
    # each figure's provenance is the line of the document that prints it
    source, *printed = corpus_warehouse.one(  # type: ignore[misc]
        "select source_path, line_a, snippet_a, line_b, snippet_b "
        "from mart_source_inconsistencies where county_code = '622925' "
        "and check_name = 'basic_plus_project_vs_total'"
    )
    lines = (REPO_ROOT / source).read_text(encoding="utf-8").splitlines()
    for line, snippet in zip(printed[::2], printed[1::2], strict=True):
        assert " ".join(snippet.split()) in " ".join(lines[line - 1].split()), (line, snippet)


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
    """Every mart, fact and dimension read back from its Parquet file equals the warehouse table,
    with the types schema.json states (exact decimals stay decimals, NULL stays NULL)."""
    exports = corpus_warehouse.paths.exports
    schema = json.loads((exports / "schema.json").read_text(encoding="utf-8"))["tables"]
    tables = [
        name
        for (name,) in corpus_warehouse.rows(
            "select table_name from information_schema.tables where table_schema = 'main'"
        )
        if name.startswith(("mart_", "fct_", "dim_")) or name == "mart_rejected_documents"
    ]
    assert sorted(schema) == sorted(tables)
    con = corpus_warehouse.con
    for name in tables:
        parquet = str(exports / schema[name]["file"])
        columns = corpus_warehouse.rows(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'main' and table_name = ? order by ordinal_position",
            name,
        )
        assert [(c["name"], c["type"]) for c in schema[name]["columns"]] == columns, name
        exported = con.execute("describe select * from read_parquet(?)", [parquet]).fetchall()
        assert [(row[0], row[1]) for row in exported] == columns, name
        table = con.execute(f"select * from main.{name} order by all").fetchall()
        assert con.execute("select * from read_parquet(?) order by all", [parquet]).fetchall() == (
            table
        ), name
    figures = con.execute(
        "select fiscal_year, measure, value, status from read_parquet(?) "
        "where county_code = '130529' and measure = 'total_expenditure_yuan' order by all",
        [str(exports / "fct_county_measure.parquet")],
    ).fetchall()
    assert figures == [
        (2024, "total_expenditure_yuan", Decimal("4190300.00"), "derived"),  # 425.30 − 6.27万元
        (2025, "total_expenditure_yuan", Decimal("4253000.00"), "reported"),  # 425.30万元
    ]
    column = next(
        c
        for c in schema["mart_county_year_comparison"]["columns"]
        if c["name"] == "per_capita_enrollment_year"
    )
    manifest = json.loads(
        (corpus_warehouse.paths.data_dir / ".dbt" / "target" / "manifest.json").read_text("utf-8")
    )
    documented = manifest["nodes"]["model.medins_budgets.mart_county_year_comparison"]["columns"]
    assert column["description"] == documented["per_capita_enrollment_year"]["description"] != ""


def test_every_dbt_test_ran_and_passed(corpus_warehouse: Warehouse) -> None:
    assert_every_dbt_test_passed(corpus_warehouse)
