"""Each list of codes has one definition; wherever another place repeats it, the two agree.

Rejection reasons, parse-issue codes, layouts and table kinds are enums in Python, repeated
in dbt as accepted values; statuses are the seed ``ref_statuses``, read by the run summary
and the dashboard."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import yaml

from ingest.codes import IssueCode, RejectionReason
from ingest.readers.document import Layout
from ingest.recognise.titles import TableKind
from medins.report import MARKS
from reporting.dashboard import LABELS
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
    assert _accepted("mart_rejected_documents", "reason", CORE) == sorted(
        r.value for r in RejectionReason
    )


def test_parse_issue_codes_agree() -> None:
    assert _accepted("stg_raw__parse_issues", "code") == sorted(c.value for c in IssueCode)


# Every other list of codes has one definition too; the places that repeat it are compared.

SEEDS = REPO_ROOT / "dbt_project" / "seeds"
SQL = [
    *sorted((REPO_ROOT / "dbt_project" / "models").rglob("*.sql")),
    *sorted((REPO_ROOT / "dbt_project" / "macros").rglob("*.sql")),
]


def _seed_column(name: str, column: str) -> set[str]:
    with (SEEDS / name).open(encoding="utf-8", newline="") as handle:
        return {row[column] for row in csv.DictReader(handle)}


def test_layouts_agree() -> None:
    assert _accepted("stg_raw__documents", "layout") == sorted(layout.value for layout in Layout)


def test_statuses_have_one_definition() -> None:
    """ref_statuses is the list: the run summary's marks and the dashboard's labels and marks
    are read from it, and every accepted list of a status column in dbt stays inside it."""
    statuses = _seed_column("ref_statuses.csv", "status")
    assert set(MARKS) == statuses
    assert set(LABELS["statuses"]) == set(LABELS["marks"]) == statuses
    narrower = []
    for path in MODELS.rglob("*.yml"):
        for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", []):
            for column in model.get("columns", []):
                for test in column.get("data_tests", []):
                    if column["name"].endswith("status") and isinstance(test, dict):
                        values = test.get("accepted_values", {}).get("arguments", {}).get("values")
                        if values:
                            narrower.append((model["name"], set(values)))
    assert all(values <= statuses for _, values in narrower), narrower


def test_table_kinds_are_the_enum() -> None:
    """A table kind named in a seed or in SQL is a member of TableKind: a typo is a model that
    silently selects nothing."""
    kinds = {kind.value for kind in TableKind}
    assert _seed_column("ref_budget_row_measures.csv", "table_kind") <= kinds
    literal = re.compile(r"table_kind\s*(?:=|<>|!=|in|not in)\s*\(?((?:\s*'[a-z_]+'\s*,?)+)")
    named = {
        value
        for path in SQL
        for match in literal.finditer(path.read_text(encoding="utf-8"))
        for value in re.findall(r"'([a-z_]+)'", match.group(1))
    }
    assert named, "the SQL names table kinds (the pattern must find them)"
    assert named <= kinds, named - kinds


CHECKS = MODELS / "intermediate" / "checks"
PROJECT = REPO_ROOT / "dbt_project" / "dbt_project.yml"


def test_every_check_name_a_check_model_emits_is_accepted() -> None:
    """A check model whose name the mart does not accept fails every build in which two
    documents first contradict each other that way: the names live once, in the var
    inconsistency_checks, and every check model emits only those and is in the mart."""
    accepted = yaml.safe_load(PROJECT.read_text(encoding="utf-8"))["vars"]["inconsistency_checks"]
    models = sorted(path.stem for path in CHECKS.glob("int_*_checked.sql"))
    emitted = {
        name
        for path in CHECKS.glob("int_*_checked.sql")
        for name in re.findall(r"inconsistency\(\s*'([a-z_]+)'", path.read_text(encoding="utf-8"))
    }
    assert emitted == set(accepted)
    mart = (MODELS / "marts" / "core" / "mart_source_inconsistencies.sql").read_text("utf-8")
    assert sorted(re.findall(r"'(int_[a-z_]+_checked)'", mart)) == models
    core: list[dict[str, Any]] = yaml.safe_load(CORE.read_text(encoding="utf-8"))["models"]
    node = next(node for node in core if node["name"] == "mart_source_inconsistencies")
    spec = next(c for c in node["columns"] if c["name"] == "check_name")
    test = next(t for t in spec["data_tests"] if isinstance(t, dict) and "accepted_values" in t)
    assert test["accepted_values"]["arguments"]["values"] == "{{ var('inconsistency_checks') }}"
    from reporting.dashboard import CHECK_LABELS

    assert sorted(CHECK_LABELS) == sorted(accepted)  # the dashboard names every check
