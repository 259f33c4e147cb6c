"""Codes are enums in Python and accepted_values in dbt: the two lists must be the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ingest.codes import IssueCode, RejectionReason
from tests.conftest import REPO_ROOT

MODELS = REPO_ROOT / "dbt_project" / "models"
STAGING = MODELS / "staging" / "raw" / "_raw__models.yml"
CORE = MODELS / "marts" / "core" / "_core__models.yml"


def _accepted(model: str, column: str, path: Path = STAGING) -> list[str]:
    models: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["models"]
    node = next(node for node in models if node["name"] == model)
    spec = next(c for c in node["columns"] if c["name"] == column)
    test = next(t for t in spec["data_tests"] if isinstance(t, dict) and "accepted_values" in t)
    return sorted(test["accepted_values"]["arguments"]["values"])


def test_rejection_reasons_agree() -> None:
    assert _accepted("stg_raw__rejected", "reason") == sorted(r.value for r in RejectionReason)
    assert _accepted("rejected_documents", "reason", CORE) == sorted(
        r.value for r in RejectionReason
    )


def test_parse_issue_codes_agree() -> None:
    assert _accepted("stg_raw__parse_issues", "code") == sorted(c.value for c in IssueCode)


CHECKS = MODELS / "intermediate" / "checks"
PROJECT = REPO_ROOT / "dbt_project" / "dbt_project.yml"


def test_every_check_name_a_check_model_emits_is_accepted() -> None:
    """A check model whose name the mart does not accept fails every build in which two
    documents first contradict each other that way: the names live once, in the var
    inconsistency_checks, and every check model emits only those and is in the mart."""
    import re

    accepted = yaml.safe_load(PROJECT.read_text(encoding="utf-8"))["vars"]["inconsistency_checks"]
    models = sorted(path.stem for path in CHECKS.glob("int_checks_*.sql"))
    emitted = {
        name
        for path in CHECKS.glob("int_checks_*.sql")
        for name in re.findall(r"inconsistency\(\s*'([a-z_]+)'", path.read_text(encoding="utf-8"))
    }
    assert emitted == set(accepted)
    mart = (MODELS / "marts" / "core" / "mart_source_inconsistencies.sql").read_text("utf-8")
    assert sorted(re.findall(r"'(int_checks_[a-z_]+)'", mart)) == models
    core: list[dict[str, Any]] = yaml.safe_load(CORE.read_text(encoding="utf-8"))["models"]
    node = next(node for node in core if node["name"] == "mart_source_inconsistencies")
    spec = next(c for c in node["columns"] if c["name"] == "check_name")
    test = next(t for t in spec["data_tests"] if isinstance(t, dict) and "accepted_values" in t)
    assert test["accepted_values"]["arguments"]["values"] == "{{ var('inconsistency_checks') }}"
    from reporting.dashboard import CHECK_LABELS

    assert sorted(CHECK_LABELS) == sorted(accepted)  # the dashboard names every check
