"""魏县 2025 (cell per line): project tables, enrollment with its own year, per-person standards."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.extract import Extraction, extract
from tests.documents import CORPUS, WEI


@pytest.fixture(scope="module")
def doc() -> Extraction:
    return extract((CORPUS / WEI).read_bytes())


def test_county_is_wei_not_weixian_despite_the_shared_unit_code(doc: Extraction) -> None:
    assert (doc.identity.division.code, doc.identity.division.name, doc.identity.year) == (
        "130434",
        "魏县",
        2025,
    )
    assert "450001" not in doc.identity.division_evidence


def test_seven_project_tables_with_codes_and_amounts(doc: Extraction) -> None:
    assert len(doc.projects) == 7
    first = doc.projects[0]
    assert first.project_code == "13043425P004387100013"
    assert first.project_name == "2025年城乡居民医疗保险县级配套"
    assert (first.amount, first.money_unit, first.amount_basis) == (
        Decimal("11985.00"),
        "万元",
        "stated",
    )
    assert first.spending_plan == "3月底: 25%; 6月底: 25%; 10月底: 25%; 12月底: 25%"
    assert [p.amount for p in doc.projects] == [
        Decimal(x) for x in ("11985.00", "19951.00", "150.00", "170.00", "90.00", "443.00", "43.00")
    ]


def test_indicator_values_are_parsed(doc: Extraction) -> None:
    projected = doc.projects[0].indicators[0]
    assert (projected.level1, projected.level2, projected.level3) == (
        "产出指标",
        "数量指标",
        "2025年预计参保人数",
    )
    assert (projected.operator, projected.value, projected.unit) == (">=", Decimal("84.4"), "万人")
    vague = next(i for i in doc.projects[1].indicators if i.value_text == "成效明显")
    assert vague.value is None


def test_row_broken_by_a_blank_line_is_glued_back(doc: Extraction) -> None:
    quality = doc.projects[1].indicators[1]
    assert (quality.level3, quality.description, quality.value_text) == (
        "困难群众住院和门诊费用救助",
        "困难群众救助率",
        "100%",
    )


def test_enrollment_takes_the_year_written_beside_it(doc: Extraction) -> None:
    counts = {
        (f.fact_year, f.scheme, f.enrollment_kind, f.year_basis): f.amount
        for f in doc.narrative
        if f.fact_key == "enrollment"
    }
    assert counts[(2022, "resident", "enrolled", "stated")] == Decimal("86")
    assert counts[(2022, "employee", "enrolled", "context")] == Decimal("29070")
    assert counts[(2025, "resident", "projected", "stated")] == Decimal("84.4")
    assert counts[(2025, "unspecified", "enrolled", "document")] == Decimal("85")


def test_per_person_standards(doc: Extraction) -> None:
    standards = {(f.fact_key, f.fact_year): f.amount for f in doc.narrative if f.unit == "元/人"}
    assert standards == {
        ("resident_individual_premium_per_person", 2022): Decimal("320"),
        ("resident_fiscal_subsidy_per_person_all_levels", 2022): Decimal("610"),
        ("per_person_subsidy_standard", 2025): Decimal("142"),
    }
