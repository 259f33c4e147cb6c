"""The national corpus of `make bench-national` is what it says: each generated document
lands with the county and the budget year it was given."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from bench.corpus import plan, write_corpus
from ingest.landing import Landing
from medins.batch import ingest_folder
from medins.paths import DataPaths


def test_generated_documents_land_with_their_county_and_year(tmp_path: Path) -> None:
    planned = write_corpus(tmp_path / "sources", 20)
    assert len({(item.county_code, item.year) for item in planned}) == 20
    report = ingest_folder(tmp_path / "sources", DataPaths(tmp_path / "out"), workers=2)
    assert (report.documents, report.rejected) == (20, 0)
    documents = Landing(tmp_path / "out" / "raw").read_table("documents")
    landed = {
        Path(path).name: (code, year)
        for path, code, year in documents.select(
            "source_path", "county_code", "budget_year"
        ).iter_rows()
    }
    assert landed == {Path(item.file_name).name: (item.county_code, item.year) for item in planned}
    # the county's own name is what the document calls its bureau
    named = dict(documents.select(pl.col("county_code"), pl.col("county_name_raw")).iter_rows())
    assert named == {item.county_code: item.county_name for item in planned}


def test_the_plan_reaches_back_a_year_once_every_county_has_one() -> None:
    items = plan(3000)
    years = {item.year for item in items}
    assert max(years) - min(years) == 1
    assert len({(item.county_code, item.year) for item in items}) == 3000
