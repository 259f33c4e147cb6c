"""和政县 2024 (tab-separated rows): whole-unit budget block, and a value column that came loose."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.extract import Extraction, extract
from tests.documents import CORPUS, HEZHENG


@pytest.fixture(scope="module")
def doc() -> Extraction:
    return extract((CORPUS / HEZHENG).read_bytes())


def test_identity(doc: Extraction) -> None:
    assert (doc.identity.division.code, doc.identity.year, doc.read.layout) == (
        "622925",
        2024,
        "separated",
    )


def test_whole_unit_budget_block(doc: Extraction) -> None:
    lines = {
        line.row_key: line.amount
        for line in doc.budget_lines
        if line.table_kind == "unit_performance_budget"
    }
    assert lines == {
        "personnel": Decimal("497.46"),
        "public": Decimal("37.2"),
        "basic": Decimal("534.66"),
        "project": Decimal("321.24"),
        "fiscal_current": Decimal("534.66"),
        "carryover_in": Decimal("0"),
        "revenue_total": Decimal("321.24"),
        "expenditure_total": Decimal("321.24"),
    }


def test_loose_value_column_is_reattached_in_order(doc: Extraction) -> None:
    subsidy = doc.projects[3]
    assert subsidy.project_name == "城乡居民基本医疗保险县级配套"
    values = {i.level3: i.value_text for i in subsidy.indicators}
    assert values["受益人数"] == "234644"
    assert values["城乡居民基本医疗保险县级配套"] == "276.88万元"
    assert values["群众满意度"] == "≥95%"
    assert any(issue.code == "loose_column_reattached" for issue in doc.issues)


def test_enrollment_kinds(doc: Extraction) -> None:
    counts = {
        (f.scheme, f.enrollment_kind): f.amount for f in doc.narrative if f.fact_key == "enrollment"
    }
    assert counts[("resident", "contributors")] == Decimal("215400")
    assert counts[("employee", "contributors")] == Decimal("10935")
    assert counts[("resident", "beneficiaries")] == Decimal("234644")


def test_stated_per_person_standard_in_the_goal(doc: Extraction) -> None:
    standard = next(f for f in doc.narrative if f.fact_key == "per_person_subsidy_standard")
    assert (standard.amount, standard.project_seq, standard.source_kind) == (
        Decimal("11.8"),
        4,
        "project_goal",
    )
