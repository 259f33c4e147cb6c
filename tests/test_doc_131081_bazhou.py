"""霸州市 2021 (cell per line): figures only in prose, changes against 2020, cost caps."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.extract import Extraction, extract
from tests.documents import BAZHOU, CORPUS


@pytest.fixture(scope="module")
def doc() -> Extraction:
    return extract((CORPUS / BAZHOU).read_bytes())


def test_no_budget_tables_only_prose(doc: Extraction) -> None:
    assert doc.budget_lines == []
    levels = {
        f.fact_key: f.amount
        for f in doc.narrative
        if f.fact_kind == "level" and f.unit == "万元" and f.fact_year == 2021
    }
    assert levels["total_expenditure"] == Decimal("9011.32")
    assert levels["basic_expenditure"] == Decimal("1272.32")
    assert levels["personnel_expenditure"] == Decimal("1134.35")
    assert levels["agency_operating_cost"] == Decimal("137.97")


def test_changes_bind_to_their_items(doc: Extraction) -> None:
    changes = {
        f.fact_key: (f.direction, f.amount, f.compared_year)
        for f in doc.narrative
        if f.fact_kind == "change"
    }
    assert changes["total_expenditure"] == ("decrease", Decimal("24139.62"), 2020)
    assert changes["basic_expenditure"] == ("increase", Decimal("55.42"), 2020)
    assert changes["project_expenditure"] == ("decrease", Decimal("24195.04"), 2020)
    assert changes["three_public_total"] == ("decrease", Decimal("46.61"), 2020)
    assert changes["three_public_overseas"] == ("unchanged", Decimal("0"), 2020)
    assert changes["three_public_vehicle_operation"] == ("unchanged", Decimal("0"), 2020)
    assert changes["three_public_vehicle_purchase"] == ("decrease", Decimal("46.20"), 2020)
    assert changes["three_public_reception"] == ("decrease", Decimal("0.41"), 2020)


def test_three_public_from_prose(doc: Extraction) -> None:
    figures = {f.component: (f.amount, f.reported_as) for f in doc.three_public}
    assert figures == {
        "total": (Decimal("10.65"), "value"),
        "overseas": (Decimal("0"), "zero"),
        "vehicle_total": (Decimal("10"), "value"),
        "vehicle_purchase": (Decimal("0"), "zero"),
        "vehicle_operation": (Decimal("10"), "value"),
        "reception": (Decimal("0.65"), "value"),
    }


def test_project_amounts_from_cost_caps_add_up_to_the_project_expenditure(doc: Extraction) -> None:
    projects = [p for p in doc.projects if p.scope == "project"]
    assert len(projects) == 10
    assert all(p.amount_basis == "cost_indicator" for p in projects)
    assert sum(p.amount for p in projects if p.amount) == Decimal("9011.32") - Decimal("1272.32")


def test_enrollment_of_2020_stated_in_the_2021_document(doc: Extraction) -> None:
    count = next(f for f in doc.narrative if f.fact_key == "enrollment")
    assert (count.fact_year, count.amount, count.scheme, count.year_basis) == (
        2020,
        Decimal("544929"),
        "resident",
        "stated",
    )


def test_fixed_assets_at_the_end_of_last_year(doc: Extraction) -> None:
    assets = {a.category: a.value for a in doc.assets}
    assert assets["buildings"] == Decimal("127.61") and assets["other"] == Decimal("245.54")
    assert {a.as_of_date for a in doc.assets} == {"2020-12-31"}
