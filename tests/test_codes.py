"""Codes are enums in Python and accepted_values in dbt: the two lists must be the same."""

from __future__ import annotations

from typing import Any

import yaml

from ingest.codes import IssueCode, RejectionReason
from tests.conftest import REPO_ROOT

STAGING = REPO_ROOT / "dbt_project" / "models" / "staging" / "raw" / "_raw__models.yml"


def _accepted(model: str, column: str) -> list[str]:
    models: list[dict[str, Any]] = yaml.safe_load(STAGING.read_text(encoding="utf-8"))["models"]
    node = next(node for node in models if node["name"] == model)
    spec = next(c for c in node["columns"] if c["name"] == column)
    test = next(t for t in spec["data_tests"] if isinstance(t, dict) and "accepted_values" in t)
    return sorted(test["accepted_values"]["arguments"]["values"])


def test_rejection_reasons_agree() -> None:
    assert _accepted("stg_raw__rejected", "reason") == sorted(r.value for r in RejectionReason)


def test_parse_issue_codes_agree() -> None:
    assert _accepted("stg_raw__parse_issues", "code") == sorted(c.value for c in IssueCode)
