"""The sums a figure read by OCR must balance before it lands (ingest/recognise/ocr_sums.py).

A misread digit that the recognition scored well is caught by the document's own arithmetic:
the figures of a sum that does not balance are withheld, all of them; a balanced table lands
whole."""

from __future__ import annotations

from decimal import Decimal

from ingest.narrative.facts import ThreePublicFigure
from ingest.recognise.budget_tables import BudgetLine
from ingest.recognise.ocr_sums import unbalanced_lines, unbalanced_three_public


def _line(row: int, label: str, code: str | None, column: str, amount: str) -> BudgetLine:
    return BudgetLine(
        table_kind="general_budget_expenditure",
        table_title="一般公共预算支出表",
        row_number=row,
        row_label=label,
        row_key="total" if label == "合计" else None,
        subject_code=code,
        subject_scheme="function" if code else None,
        side=None,
        column_name=column,
        column_label=column,
        amount=Decimal(amount),
        amount_text=amount,
        money_unit="万元",
        column_inferred=False,
        page=3,
        line=row,
        snippet=label,
    )


def _table(child: str = "553.54") -> list[BudgetLine]:
    """合计 = 208; 208 = 20805; 20805 = 2080501 + 2080505; each row total = basic + project."""
    rows = [
        (1, "合计", None, "732.05", "732.05", "0.00"),
        (2, "社会保障和就业支出", "208", "732.05", "732.05", "0.00"),
        (3, "行政事业单位养老支出", "20805", "732.05", "732.05", "0.00"),
        (4, "行政单位离退休", "2080501", "178.51", "178.51", "0.00"),
        (5, "机关事业单位基本养老保险缴费支出", "2080505", child, "553.54", "0.00"),
    ]
    lines = []
    for row, label, code, total, basic, project in rows:
        lines.append(_line(row, label, code, "total", total))
        lines.append(_line(row, label, code, "basic", basic))
        lines.append(_line(row, label, code, "project", project))
    return lines


def test_a_balanced_table_lands_whole() -> None:
    assert unbalanced_lines(_table()) == set()


def test_a_misread_digit_withholds_every_figure_of_its_sums() -> None:
    lines = _table(child="558.54")  # 3 misread as 8: the row and the column no longer add up
    withheld = {(lines[i].subject_code, lines[i].column_name) for i in unbalanced_lines(lines)}
    # its row (total ≠ basic) and its column (20805 ≠ 2080501 + 2080505)
    assert ("2080505", "total") in withheld and ("2080505", "basic") in withheld
    assert ("20805", "total") in withheld and ("2080501", "total") in withheld
    # the basic and project columns still add up: their figures land
    assert ("208", "basic") not in withheld and (None, "total") not in withheld
    assert ("2080501", "project") not in withheld


def test_a_row_without_both_parts_is_not_held_to_total_equals_basic_plus_project() -> None:
    """A table that splits basic into personnel and public prints no basic column."""
    lines = [line for line in _table() if line.column_name != "basic"]
    lines = [line for line in lines if not (line.line == 5 and line.column_name == "project")]
    assert unbalanced_lines(lines) == set()


def _figure(component: str, amount: str) -> ThreePublicFigure:
    return ThreePublicFigure(
        component=component,
        amount=Decimal(amount),
        amount_text=amount,
        money_unit="万元",
        reported_as="value",
        source="table",
        fiscal_year=2026,
        line=5,
        page=9,
        snippet="",
    )


def test_three_public_total_must_be_the_sum_of_its_parts() -> None:
    parts = {
        "overseas": "0.00",
        "reception": "1.20",
        "vehicle_purchase": "0.00",
        "vehicle_operation": "6.30",
        "vehicle_total": "6.30",
    }
    right = [_figure("total", "7.50"), *(_figure(k, v) for k, v in parts.items())]
    assert unbalanced_three_public(right) == set()
    misread = [_figure("total", "7.80"), *(_figure(k, v) for k, v in parts.items())]
    withheld = {misread[i].component for i in unbalanced_three_public(misread)}
    assert withheld == {"total", "overseas", "reception", "vehicle_total"}
