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


def document_figures(con: duckdb.DuckDBPyConnection, doc_id: str) -> Figures:
    """Every figure of the document: measure name → the (value, status) pairs it is given."""
    found: Figures = defaultdict(set)
    measures = con.execute(
        "select measures.measure, measures.value, measures.status "
        "from fct_body_measure as measures inner join dim_document as documents "
        "on measures.body_scope_id = documents.body_scope_id "
        "and measures.fiscal_year = documents.fiscal_year "
        "where documents.doc_id = ?",
        [doc_id],
    ).fetchall()
    lines = con.execute(
        "select lines.subject_scheme || '_' || lines.subject_code || '_yuan', "
        "lines.amount_yuan, lines.status "
        "from fct_budget_line as lines inner join dim_document as documents "
        "on lines.body_scope_id = documents.body_scope_id "
        "and lines.fiscal_year = documents.fiscal_year "
        "where documents.doc_id = ? and lines.subject_code is not null "
        "and lines.subject_scheme in ('function', 'economic') and lines.column_name = 'total'",
        [doc_id],
    ).fetchall()
    for measure, value, status in [*measures, *lines]:
        found[measure].add((value, status))
    return dict(found)
