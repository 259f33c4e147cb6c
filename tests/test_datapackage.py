"""The exports as a Frictionless Data Package: validated by the `frictionless` library, CSV
beside every Parquet file (a long table's CSV one file a province, the parts of one resource),
units and phases described, the data sources cited."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import polars as pl
import pytest
import yaml
from frictionless import validate

from tests.conftest import REPO_ROOT, Warehouse

pytestmark = pytest.mark.slow


def _package(warehouse: Warehouse) -> dict[str, object]:
    loaded = json.loads((warehouse.paths.exports / "datapackage.json").read_text("utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_the_data_package_validates(corpus_warehouse: Warehouse) -> None:
    report = validate(str(corpus_warehouse.paths.exports / "datapackage.json"))
    assert report.valid, report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])
    exported = sorted(path.stem for path in corpus_warehouse.paths.exports.glob("*.parquet"))
    assert sorted(task.name for task in report.tasks) == exported


def test_a_wrong_cell_fails_validation(corpus_warehouse: Warehouse, tmp_path: Path) -> None:
    """The validator reads the cells against the schema: the test above can fail."""
    copy = tmp_path / "exports"
    shutil.copytree(corpus_warehouse.paths.exports.resolve(), copy)
    target = copy / "dim_fiscal_year.csv"
    lines = target.read_text(encoding="utf-8").splitlines()
    lines[1] = "not a year" + lines[1][lines[1].index(",") :]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not validate(str(copy / "datapackage.json")).valid


def test_csv_beside_parquet_with_the_same_rows(corpus_warehouse: Warehouse) -> None:
    package = _package(corpus_warehouse)
    resources = package["resources"]
    assert isinstance(resources, list)
    for resource in resources:
        folder = corpus_warehouse.paths.exports
        parquet = pl.read_parquet(folder / resource["parquet"])
        # one CSV, or a long table's parts (one a province), each with the header
        paths = resource["path"] if isinstance(resource["path"], list) else [resource["path"]]
        rows = 0
        for path in paths:
            with (folder / path).open(encoding="utf-8", newline="") as handle:
                header, *part = list(csv.reader(handle))
            assert header == parquet.columns == [f["name"] for f in resource["schema"]["fields"]]
            rows += len(part)
        assert rows == parquet.height, resource["name"]
    parts = {r["name"]: r["path"] for r in resources}  # type: ignore[index]
    assert parts["fct_budget_line"] == [  # a long table: one file a province of the corpus
        "fct_budget_line/130000_河北省.csv",
        "fct_budget_line/620000_甘肃省.csv",
    ]
    assert parts["mart_county_year_comparison"] == "mart_county_year_comparison.csv"


def test_units_and_phases_are_described(corpus_warehouse: Warehouse) -> None:
    package = _package(corpus_warehouse)
    resources = {r["name"]: r for r in package["resources"]}  # type: ignore[attr-defined]
    # the measures the wide mart carries: those in the comparison and those derived for it
    units = dict(
        corpus_warehouse.rows(  # type: ignore[arg-type]
            "select measure, unit from dim_measure where in_comparison or derivation is not null"
        )
    )
    fields = {f["name"]: f for f in resources["mart_county_year_comparison"]["schema"]["fields"]}
    for measure, unit in units.items():
        assert fields[measure]["unit"] == unit
        assert unit in package["units"]  # type: ignore[operator]
    assert fields["population"]["unit"] == "persons"
    assert all(field["description"] for field in fields.values())
    for name, resource in resources.items():
        expected = ["budget"] if name.startswith(("fct_", "mart_")) else []
        assert resource["phases"] == expected, name
    assert package["price_base_year"] == corpus_warehouse.one(
        "select distinct price_base_year from dim_fiscal_year"
    )


def test_the_sources_are_cited() -> None:
    citation = yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"].startswith("1.2")
    references = citation["references"]
    census = [r for r in references if "Population Geography" in r["title"]]
    assert census and [a["family-names"] for a in census[0]["authors"]] == ["Dong", "Du", "Liu"]
    assert census[0]["year"] == 2022
    assert any("National Bureau of Statistics" in str(r["authors"]) for r in references)
