"""The raw tables: the one schema of what the parsers land (``SCHEMAS``).

The parsers produce rows of these tables (``ingest.records``); the landing (``landing/``)
stores them; dbt's staging models read them.  A column is added here, and only here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

AMOUNT = pl.Decimal(38, 10)
S, INT, B = pl.String, pl.Int32, pl.Boolean

SCHEMAS: dict[str, dict[str, pl.DataType | type[pl.DataType]]] = {
    "documents": {
        "doc_id": S,
        "source_path": S,
        "source_paths": S,
        "source_format": S,
        "encoding": S,
        "layout": S,
        "pages": INT,
        "lines": INT,
        "byte_size": pl.Int64,
        "division_code": S,
        "division_name": S,
        "division_level": S,
        "division_key": S,
        "county_code": S,
        "county_name_raw": S,
        "unit_name_raw": S,
        "body_name": S,
        "body_stem": S,
        "scope": S,
        "identity_source": S,
        "budget_year": INT,
        "money_unit": S,
        "title": S,
        "county_evidence": S,
        "body_evidence": S,
        "scope_evidence": S,
        "year_evidence": S,
        "n_issues": INT,
        "parser_version": S,
        "ingested_at": pl.Datetime("us", "UTC"),
        "document_kind": S,
        "kind_evidence": S,
    },
    "rejected": {
        "sha256": S,
        "source_path": S,
        "source_paths": S,
        "byte_size": pl.Int64,
        "reason": S,
        "detail": S,
        "parser_version": S,
        "rejected_at": pl.Datetime("us", "UTC"),
    },
    "budget_lines": {
        "doc_id": S,
        "line_seq": INT,
        "table_kind": S,
        "table_title": S,
        "row_number": INT,
        "row_label": S,
        "row_key": S,
        "subject_code": S,
        "subject_scheme": S,
        "side": S,
        "column_name": S,
        "column_label": S,
        "amount": AMOUNT,
        "amount_text": S,
        "money_unit": S,
        "column_inferred": B,
        "page": INT,
        "line": INT,
        "snippet": S,
        "column_year": INT,
        "phase": S,
    },
    "three_public": {
        "doc_id": S,
        "figure_seq": INT,
        "fiscal_year": INT,
        "component": S,
        "amount": AMOUNT,
        "amount_text": S,
        "money_unit": S,
        "reported_as": S,
        "source": S,
        "page": INT,
        "line": INT,
        "snippet": S,
        "phase": S,
    },
    "projects": {
        "doc_id": S,
        "project_seq": INT,
        "scope": S,
        "project_code": S,
        "project_name": S,
        "title": S,
        "amount": AMOUNT,
        "amount_text": S,
        "amount_basis": S,
        "fiscal_amount": AMOUNT,
        "money_unit": S,
        "implementing_unit": S,
        "purpose": S,
        "goal": S,
        "spending_plan": S,
        "page": INT,
        "line": INT,
        "snippet": S,
    },
    "indicators": {
        "doc_id": S,
        "project_seq": INT,
        "project_code": S,
        "scope": S,
        "indicator_seq": INT,
        "level1": S,
        "level2": S,
        "level3": S,
        "description": S,
        "value_text": S,
        "operator": S,
        "value": AMOUNT,
        "unit": S,
        "is_quantitative": B,
        "basis": S,
        "page": INT,
        "line": INT,
        "snippet": S,
    },
    "narrative_facts": {
        "doc_id": S,
        "fact_seq": INT,
        "fact_key": S,
        "fact_kind": S,
        "fact_year": INT,
        "compared_year": INT,
        "direction": S,
        "amount_or_count": AMOUNT,
        "amount_text": S,
        "unit": S,
        "scheme": S,
        "enrollment_kind": S,
        "year_basis": S,
        "source_kind": S,
        "label": S,
        "project_seq": INT,
        "project_code": S,
        "project_name": S,
        "page": INT,
        "line": INT,
        "sentence": S,
        "phase": S,
    },
    "assets": {
        "doc_id": S,
        "asset_seq": INT,
        "category": S,
        "label": S,
        "quantity": AMOUNT,
        "value": AMOUNT,
        "value_text": S,
        "money_unit": S,
        "as_of_date": S,
        "as_of_year": INT,
        "quantity_inferred": B,
        "page": INT,
        "line": INT,
        "snippet": S,
    },
    "parse_issues": {
        "doc_id": S,
        "issue_seq": INT,
        "severity": S,
        "code": S,
        "message": S,
        "page": INT,
        "line": INT,
        "snippet": S,
    },
}
DOCUMENT_TABLES = tuple(name for name in SCHEMAS if name != "rejected")


class SchemaMismatch(ValueError):
    """A row does not have exactly the columns of its raw table: a renamed field would
    otherwise land as an all-NULL column without an error."""


def frame(table: str, rows: Sequence[Mapping[str, Any]]) -> pl.DataFrame:
    schema = SCHEMAS[table]
    for row in rows:
        if row.keys() != schema.keys():
            unknown = sorted(set(row) - set(schema))
            missing = sorted(set(schema) - set(row))
            raise SchemaMismatch(
                f"raw table {table}: row has unknown columns {unknown} and lacks {missing}"
            )
    # every row has exactly the schema's keys (checked above), so polars reads the dicts
    # as they are, with no copy of each in the schema's order
    return pl.from_dicts(rows, schema=schema) if rows else pl.DataFrame(schema=schema)
