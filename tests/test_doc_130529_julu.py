"""巨鹿县 2025 (PDF text, spaces, blanks lost): columns inferred from the tables' arithmetic."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.extract import Extraction, extract
from tests.documents import CORPUS, JULU


@pytest.fixture(scope="module")
def doc() -> Extraction:
    return extract((CORPUS / JULU).read_bytes())


def _cell(doc: Extraction, kind: str, code: str) -> dict[str, Decimal]:
    return {
        line.column_name: line.amount
        for line in doc.budget_lines
        if line.table_kind == kind and line.subject_code == code
    }


def test_identity_and_layout(doc: Extraction) -> None:
    assert (doc.identity.division.code, doc.identity.year, doc.read.layout) == (
        "130529",
        2025,
        "spaced",
    )


def test_rows_whose_columns_cannot_be_told_are_issues_not_guesses(doc: Extraction) -> None:
    """The 收入总表 prints 425.30 under 合计, 小计 and one of ten kinds of income: which one,
    the text (blank cells lost) cannot say, nor can the rows below, which all repeat it.  Its
    subject rows, names wrapped over three lines ('2 208' / 社会保障和就业 / 支出 / amounts),
    are each one parse issue at their first line, and only their total is landed."""
    ambiguous = {
        issue.snippet.split()[1]: issue.line
        for issue in doc.issues
        if issue.code.value == "columns_ambiguous" and issue.snippet[:1].isdigit()
    }
    assert ambiguous["208"] == 118
    assert ambiguous["20805"] == 124
    assert ambiguous["2101502"] == 138
    # only what every reading agrees on lands: the first amount is the row's total
    landed = {
        (line.subject_code, line.column_name): line.amount
        for line in doc.budget_lines
        if line.table_kind == "income_summary" and line.subject_code in ambiguous
    }
    assert landed[("2101502", "total")] == Decimal("121.00")
    assert {column for _, column in landed} == {"total"}


def test_columns_of_packed_rows_follow_the_arithmetic(doc: Extraction) -> None:
    assert _cell(doc, "expenditure_summary", "2101501") == {
        "total": Decimal("238.30"),
        "basic": Decimal("238.30"),
    }
    assert _cell(doc, "expenditure_summary", "2101502") == {
        "total": Decimal("121.00"),
        "project": Decimal("121.00"),
    }
    assert _cell(doc, "expenditure_summary", "208") == {
        "total": Decimal("4.00"),
        "basic": Decimal("4.00"),
    }
    assert _cell(doc, "basic_expenditure", "302") == {
        "total": Decimal("21.80"),
        "public": Decimal("21.80"),
    }
    assert _cell(doc, "basic_expenditure", "303") == {
        "total": Decimal("4.00"),
        "personnel": Decimal("4.00"),
    }


def test_repeated_page_headers_do_not_become_rows(doc: Extraction) -> None:
    rows = [
        line.row_number for line in doc.budget_lines if line.table_kind == "income_expense_summary"
    ]
    assert rows == [1, 8, 10, 32, 32, 34, 34]


def test_three_public_table_blank_cells(doc: Extraction) -> None:
    table = {
        f.component: (f.amount, f.reported_as) for f in doc.three_public if f.source == "table"
    }
    assert table["total"] == (Decimal("2.50"), "value")
    assert table["vehicle_operation"] == (Decimal("2.50"), "value")
    assert table["overseas"] == (None, "blank")
    assert table["reception"] == (None, "blank")


def test_two_enrollment_figures_are_both_kept(doc: Extraction) -> None:
    counts = sorted(f.amount for f in doc.narrative if f.fact_key == "enrollment")
    assert counts == [Decimal("33"), Decimal("38")]


def test_assets_table_and_prose_disagree_and_both_are_landed(doc: Extraction) -> None:
    assets = {a.category: a.value for a in doc.assets}
    assert assets["total"] == Decimal("141.68")
    assert assets["vehicles"] + assets["other"] == Decimal("148.61")
    stated = next(f for f in doc.narrative if f.fact_key == "fixed_assets")
    assert (stated.amount, stated.fact_year) == (Decimal("148.61"), 2024)


def test_project_listed_twice_in_the_narrative(doc: Extraction) -> None:
    listed = [f.label for f in doc.narrative if f.fact_key == "project_listed_amount"]
    assert "医保网络信息建设经费" in listed and "医保网络信息建设" in listed
    assert len(doc.projects) == 8
    assert sum(p.amount for p in doc.projects if p.amount) == Decimal("183.00")
