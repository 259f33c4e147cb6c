"""The curated workbooks of 定州市 ingested as a folder (with their sources.csv manifest):
they land with the manifest's identity, and every hand-read figure of a subject row lands
in its row's total column, at the row the hand reading names.

Compared on the raw landing (what ingest writes); the dbt build is not run here: its staging
test of documents.source_format still accepts only text and pdf.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from medins.batch import BatchReport, ingest_folder
from medins.paths import DataPaths
from tests.real_formats import CURATED, golden

pytestmark = pytest.mark.slow

WORKBOOKS = ("dingzhou_hrss_2017_budget.xls", "dingzhou_civil_affairs_2017_budget.xlsx")
_ROW = re.compile(r"\[cell [A-Z]+(\d+)\]")


@pytest.fixture(scope="module")
def landed(tmp_path_factory: pytest.TempPathFactory) -> tuple[DataPaths, BatchReport]:
    if not CURATED.is_dir():
        pytest.skip("the shared real formats are not here")
    sources = tmp_path_factory.mktemp("formats") / "sources"
    sources.mkdir()
    for name in (*WORKBOOKS, "sources.csv"):
        shutil.copy(CURATED / name, sources / name)
    paths = DataPaths(tmp_path_factory.mktemp("data"))
    return paths, ingest_folder(sources, paths, workers=2)


def _table(paths: DataPaths, name: str) -> pl.DataFrame:
    return pl.read_parquet(paths.raw_table(name) / "*.parquet")


def test_the_workbooks_land_with_the_identity_of_the_manifest(
    landed: tuple[DataPaths, BatchReport],
) -> None:
    paths, report = landed
    assert [o.reason for o in report.ingested if not o.landed] == []
    documents = _table(paths, "documents")
    manifest = pl.read_csv(CURATED / "sources.csv", schema_overrides={"division_code": pl.String})
    for row in manifest.iter_rows(named=True):
        found = documents.filter(pl.col("source_path").str.ends_with(row["file"]))
        assert found.height == 1, row["file"]
        document = found.row(0, named=True)
        assert document["source_format"] == Path(row["file"]).suffix.lstrip(".")
        assert document["layout"] == "workbook"
        assert (document["body_name"], document["division_code"], document["budget_year"]) == (
            row["body"],
            row["division_code"],
            row["year"],
        )


@pytest.mark.parametrize("name", WORKBOOKS)
def test_every_hand_read_subject_figure_lands_in_its_rows_total(
    landed: tuple[DataPaths, BatchReport], name: str
) -> None:
    paths, _ = landed
    documents = _table(paths, "documents")
    doc_id = documents.filter(pl.col("source_path").str.ends_with(name))["doc_id"][0]
    lines = _table(paths, "budget_lines").filter(
        (pl.col("doc_id") == doc_id) & (pl.col("column_name") == "total")
    )
    checked = 0
    for record in golden(name):
        if not record["measure"].startswith("function_") or record["status"] != "reported":
            continue
        code = record["measure"].split("_")[1]
        row = int(_ROW.search(record["note"]).group(1))  # type: ignore[union-attr]
        found = lines.filter((pl.col("subject_code") == code) & (pl.col("line") == row))
        amounts = {
            Decimal(str(amount)) * (10000 if unit == "万元" else 1)
            for amount, unit in found.select("amount", "money_unit").iter_rows()
        }
        assert amounts == {Decimal(record["value"])}, (record, found)
        checked += 1
    assert checked >= 20
