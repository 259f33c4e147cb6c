"""One list of measures: the seed ref_measures.  The wide marts' columns, their documentation,
the run summary and the dashboard's labels are generated from it, and must agree with it."""

from __future__ import annotations

import csv

import pytest
import yaml

from ingest.reference import seed
from medins.report import status_column
from reporting.dashboard import build_payload, read_exports
from tests.conftest import REPO_ROOT, Warehouse

pytestmark = pytest.mark.slow
MARTS = REPO_ROOT / "dbt_project" / "models" / "marts"


def _seed() -> list[dict[str, str]]:
    with seed("ref_measures.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return sorted(rows, key=lambda row: int(row["sort_order"]))


def _comparison_columns() -> list[str]:
    columns = []
    for row in _seed():
        if row["in_comparison"] == "true":
            columns += [row["measure"], status_column(row["measure"])]
    return columns


def _documented(model: str) -> list[str]:
    for path in MARTS.rglob("_*__models.yml"):
        for node in yaml.safe_load(path.read_text(encoding="utf-8"))["models"]:
            if node["name"] == model:
                return [column["name"] for column in node["columns"]]
    raise AssertionError(f"{model} is not documented")


@pytest.mark.parametrize("mart", ["mart_county_year_comparison", "mart_body_year_comparison"])
def test_wide_marts_have_one_column_pair_per_comparison_measure(
    corpus_warehouse: Warehouse, mart: str
) -> None:
    built = [
        name
        for (name,) in corpus_warehouse.rows(
            "select column_name from information_schema.columns where table_name = ? "
            "order by ordinal_position",
            mart,
        )
    ]
    expected = _comparison_columns()
    measure_columns = [name for name in built if name in set(expected)]
    assert measure_columns == expected  # every measure, in the seed's order, nothing else
    documented = _documented(mart)
    assert [name for name in documented if name in set(expected)] == expected


def test_dim_measure_is_the_seed(corpus_warehouse: Warehouse) -> None:
    rows = corpus_warehouse.rows("select measure, label_zh from dim_measure order by sort_order")
    assert rows == [(row["measure"], row["label_zh"]) for row in _seed()]


def test_dashboard_labels_come_from_the_seed(corpus_warehouse: Warehouse) -> None:
    payload = build_payload(read_exports(corpus_warehouse.paths.exports), snapshot="test")
    assert payload["labels"]["measures"] == {row["measure"]: row["label_zh"] for row in _seed()}


def test_the_run_summary_prints_the_summary_measures(corpus_warehouse: Warehouse) -> None:
    from medins.report import comparison_table

    table = comparison_table(corpus_warehouse.paths)
    headers = [str(column.header) for column in table.columns][2:]
    expected = [row["label_zh"] for row in _seed() if row["in_summary"] == "true"]
    assert headers == expected


def test_adding_a_measure_is_one_seed_row() -> None:
    """The generated parts define no measure column themselves: only the seed does."""
    generated = [
        MARTS / "counties" / "mart_county_year_comparison.sql",
        MARTS / "bodies" / "mart_body_year_comparison.sql",
        REPO_ROOT / "medins" / "report.py",
    ]
    for path in generated:
        text = path.read_text(encoding="utf-8")
        written = [
            row["measure"]
            for row in _seed()
            if f" as {row['measure']}" in text
            or f" as {status_column(row['measure'])}" in text
            or f'"{row["measure"]}"' in text
        ]
        assert written == [], f"{path.name} writes measure columns itself: {written}"
