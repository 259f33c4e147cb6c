"""威县 2023 (cell per line, amounts in 元): an empty 三公 table and 6-decimal changes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.extract import Extraction, extract
from tests.documents import CORPUS, WEIXIAN


@pytest.fixture(scope="module")
def doc() -> Extraction:
    return extract((CORPUS / WEIXIAN).read_bytes())


def test_identity_and_unit(doc: Extraction) -> None:
    assert (doc.identity.division.code, doc.identity.division.name, doc.identity.year) == (
        "130533",
        "威县",
        2023,
    )
    assert doc.money_unit == "元"


def test_tables_in_yuan_prose_in_wan_yuan(doc: Extraction) -> None:
    total = next(line for line in doc.budget_lines if line.row_key == "expenditure_total")
    assert (total.amount, total.money_unit) == (Decimal("76582425.00"), "元")
    stated = next(
        f for f in doc.narrative if f.fact_key == "total_expenditure" and f.fact_kind == "level"
    )
    assert (stated.amount, stated.unit) == (Decimal("7658.2425"), "万元")


def test_merged_header_cells_are_resolved(doc: Extraction) -> None:
    columns = {line.column_name for line in doc.budget_lines if line.table_kind == "income_summary"}
    assert columns == {"total", "subtotal", "fiscal"}
    assert not any(line.column_inferred for line in doc.budget_lines)


def test_empty_three_public_table_is_a_reported_zero(doc: Extraction) -> None:
    table = {f.component: f.reported_as for f in doc.three_public if f.source == "table"}
    assert set(table.values()) == {"empty_table"}
    assert {"total", "overseas", "vehicle_purchase", "vehicle_operation", "reception"} <= set(table)


def test_changes_with_six_decimals(doc: Extraction) -> None:
    changes = {
        f.fact_key: (f.direction, f.amount) for f in doc.narrative if f.fact_kind == "change"
    }
    assert changes["total_expenditure"] == ("decrease", Decimal("1725.132386"))
    assert changes["basic_expenditure"] == ("increase", Decimal("0.067614"))
    assert changes["three_public_total"] == ("unchanged", Decimal("0"))
