"""The figures a built warehouse gives for one document, named as the golden files name them.

Golden files (tests/golden, ../shared/real/**/golden.jsonl) name figures `total_revenue_yuan`,
`function_2101101_yuan` (the total column of a function subject), `economic_30101_yuan` (the
total column of an economic subject) and so on.  A document's measures are those of its body,
scope and year in `fct_body_measure` (every document of a body-year states figures there: a
workbook of 公开表 and the Word 说明 beside it combine); its subject lines are the rows of
`fct_budget_line` of its body, scope and year (the primary document's).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import duckdb

Figures = dict[str, set[tuple[Decimal | None, str]]]

# Golden files of final accounts name two 三公 components by the words of the 决算 table
# (因公出国（境）费 → travel_abroad, 公务用车购置及运行费 → vehicle); the warehouse's names are
# overseas and vehicle_total.
_GOLDEN_STEMS = {
    "three_public_travel_abroad": "three_public_overseas",
    "three_public_vehicle": "three_public_vehicle_total",
}
_PHASE_SUFFIXES = ("_budget_yuan", "_adjusted_yuan", "_actual_yuan", "_yuan")


def warehouse_measure(golden_measure: str) -> str:
    """The warehouse's name of a golden file's measure (the phase suffix kept)."""
    for suffix in _PHASE_SUFFIXES:
        stem = golden_measure.removesuffix(suffix)
        if stem != golden_measure:
            return _GOLDEN_STEMS.get(stem, stem) + suffix
    return golden_measure


def document_figures(con: duckdb.DuckDBPyConnection, doc_id: str) -> Figures:
    """Every figure of the document: measure name → the (value, status) pairs it is given."""
    found: Figures = defaultdict(set)
    # a figure in the document's own phase (a 部门预算's budget, a 部门决算's 决算数) keeps the
    # measure's name; another phase is named with it (three_public_total_budget_yuan: the 预算数
    # a 决算 prints beside the 决算数)
    named = (
        "case when measures.phase = case documents.document_kind when 'final' then 'actual' "
        "else 'budget' end then measures.measure "
        "else replace(measures.measure, '_yuan', '_' || measures.phase || '_yuan') end"
    )
    measures = con.execute(
        f"select {named}, measures.value, measures.status "
        "from fct_body_measure as measures inner join dim_document as documents "
        "on measures.body_scope_id = documents.body_scope_id "
        "and measures.fiscal_year = documents.fiscal_year "
        "where documents.doc_id = ?",
        [doc_id],
    ).fetchall()
    lines = con.execute(
        "select replace(lines.subject_scheme || '_' || lines.subject_code || '_yuan', '_yuan', "
        "case when lines.phase = case documents.document_kind when 'final' then 'actual' "
        "else 'budget' end then '' else '_' || lines.phase end || '_yuan'), "
        "lines.amount_yuan, lines.status "
        "from fct_budget_line as lines inner join dim_document as documents "
        "on lines.body_scope_id = documents.body_scope_id "
        "and lines.fiscal_year = documents.fiscal_year "
        "where documents.doc_id = ? and lines.subject_code is not null "
        "and lines.subject_scheme in ('function', 'economic') and lines.column_name = 'total' "
        # a 收入决算表 lists income by function subject: not what the subject spent
        "and lines.table_kind <> 'income_summary'",
        [doc_id],
    ).fetchall()
    for measure, value, status in [*measures, *lines]:
        found[measure].add((value, status))
    return dict(found)


def listed_conflicts(con: duckdb.DuckDBPyConnection, doc_id: str, measure: str) -> set[Decimal]:
    """The figures mart_source_inconsistencies lists for a measure of the document's
    body-year."""
    rows = con.execute(
        "select value_a, value_b from mart_source_inconsistencies as found "
        "inner join dim_document as documents on found.body_scope_id = documents.body_scope_id "
        "and found.fiscal_year = documents.fiscal_year "
        "where documents.doc_id = ? and found.subject = ?",
        [doc_id, measure],
    ).fetchall()
    return {value for pair in rows for value in pair if isinstance(value, Decimal)}


def hand_read_verdicts(
    con: duckdb.DuckDBPyConnection, doc_id: str, records: list[dict[str, str]]
) -> dict[str, tuple[str, Figures]]:
    """Measure → (right | wrong | missed, {"expected": …, "given": …}) for the hand-read
    golden rows of one document.

    A printed 0 is ``reported_zero`` in the warehouse's semantics (ARCHITECTURE.md) where the
    hand reading says ``reported``; one subject code printed on several rows (one per item)
    has several figures; two documents of one body-year that disagree give ``conflicting``,
    right when the figure read by hand is among those mart_source_inconsistencies lists.
    """
    figures = document_figures(con, doc_id)
    expected: Figures = defaultdict(set)
    for row in records:
        value = Decimal(row["value"]) if row["value"] else None
        expected[row["measure"]].add((value, "reported_zero" if value == 0 else row["status"]))
    out: dict[str, tuple[str, Figures]] = {}
    for measure, wanted in expected.items():
        given = {
            (value, "reported_zero" if value == 0 and status == "reported" else status)
            for value, status in figures.get(warehouse_measure(measure), set())
        }
        values = {value for value, _ in wanted}
        if given == wanted:
            verdict = "right"
        elif (
            len(values) == 1
            and {status for _, status in given} == {"conflicting"}
            and values <= listed_conflicts(con, doc_id, warehouse_measure(measure))
        ):
            verdict = "right"  # two documents of the body-year disagree: both are listed
        else:
            verdict = "missed" if not given else "wrong"
        out[measure] = (verdict, {"expected": wanted, "given": given})
    return out
