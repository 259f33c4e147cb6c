"""An ``Extraction`` as rows of the raw tables (the landing contract in ``landing.SCHEMAS``)."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime
from typing import Any

import polars as pl

from ingest.codes import RejectionReason
from ingest.extract import Extraction
from ingest.raw_schema import frame
from ingest.version import parser_version

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(item.name for item in fields(kind))
    return names


def _record_fields(item: Any) -> dict[str, Any]:
    """A record's fields as a dict: what ``dataclasses.asdict`` gives for records whose values are
    plain (str, int, Decimal, enums), without its deep copy of every value (a fifth of
    shaping a document's rows).  A nested list (a project's indicators) is the same object."""
    return {name: getattr(item, name) for name in _field_names(type(item))}


def document_tables(
    extraction: Extraction, doc_id: str, source_paths: list[str], byte_size: int
) -> dict[str, pl.DataFrame]:
    read = extraction.read
    identity = extraction.identity
    division = identity.division
    document = {
        "doc_id": doc_id,
        "source_path": source_paths[0],
        "source_paths": "\n".join(source_paths),
        "source_format": read.source_format.value,
        "encoding": read.encoding,
        "layout": read.layout.value,
        "pages": read.pages,
        "lines": read.lines,
        "byte_size": byte_size,
        "division_code": division.code,
        "division_name": division.name,
        "division_level": division.level,
        "division_key": division.key,
        "county_code": division.code if division.level == "county" else None,
        "county_name_raw": division.name,
        "unit_name_raw": identity.body,
        "body_name": identity.body,
        "body_stem": identity.body_stem,
        "scope": identity.scope,
        "identity_source": identity.source,
        "budget_year": identity.year,
        "money_unit": extraction.money_unit,
        "title": extraction.title,
        "county_evidence": identity.division_evidence,
        "body_evidence": identity.body_evidence,
        "scope_evidence": identity.scope_evidence,
        "year_evidence": identity.year_evidence,
        "n_issues": len(extraction.issues),
        "parser_version": parser_version(),
        "ingested_at": datetime.now(UTC),
        "document_kind": identity.kind,
        "kind_evidence": identity.kind_evidence,
    }

    def rows(items: list[Any], seq_column: str) -> list[dict[str, Any]]:
        return [
            {"doc_id": doc_id, seq_column: seq, **_record_fields(item)}
            for seq, item in enumerate(items, start=1)
        ]

    budget_lines = [
        {"doc_id": doc_id, "line_seq": seq, **_record_fields(line)}
        for seq, line in enumerate(extraction.budget_lines, start=1)
    ]
    projects, indicators = [], []
    for seq, project in enumerate(extraction.projects, start=1):
        record = _record_fields(project)
        record.pop("indicators")
        projects.append({"doc_id": doc_id, "project_seq": seq, **record})
        for indicator in project.indicators:
            item = _record_fields(indicator)
            item["indicator_seq"] = item.pop("seq")
            indicators.append(
                {
                    "doc_id": doc_id,
                    "project_seq": seq,
                    "project_code": project.project_code,
                    "scope": project.scope,
                    "is_quantitative": indicator.value is not None,
                    **item,
                }
            )
    facts = []
    for seq, fact in enumerate(extraction.narrative, start=1):
        item = _record_fields(fact)
        item["amount_or_count"] = item.pop("amount")
        facts.append({"doc_id": doc_id, "fact_seq": seq, **item})
    issues = [
        {"doc_id": doc_id, "issue_seq": seq, **_record_fields(issue)}
        for seq, issue in enumerate(extraction.issues, start=1)
    ]
    return {
        "documents": frame("documents", [document]),
        "budget_lines": frame("budget_lines", budget_lines),
        "three_public": frame("three_public", rows(extraction.three_public, "figure_seq")),
        "projects": frame("projects", projects),
        "indicators": frame("indicators", indicators),
        "narrative_facts": frame("narrative_facts", facts),
        "assets": frame("assets", rows(extraction.assets, "asset_seq")),
        "parse_issues": frame("parse_issues", issues),
    }


def rejection_frame(
    sha256: str,
    source_paths: list[str],
    byte_size: int,
    reason: RejectionReason,
    detail: str,
) -> pl.DataFrame:
    return frame(
        "rejected",
        [
            {
                "sha256": sha256,
                "source_path": source_paths[0],
                "source_paths": "\n".join(source_paths),
                "byte_size": byte_size,
                "reason": reason,
                "detail": detail,
                "parser_version": parser_version(),
                "rejected_at": datetime.now(UTC),
            }
        ],
    )
