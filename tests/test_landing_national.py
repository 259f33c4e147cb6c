"""The national corpus of `make bench-national` is what it says: each generated document
lands with the county and the budget year it was given."""

from __future__ import annotations

import random
from pathlib import Path

import polars as pl

from bench.corpus import across_years, counties, plan, write_corpus
from ingest.identity.divisions import division_index
from landing import Landing
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


def test_divisions_valid_in_their_year_land_with_that_years_code(tmp_path: Path) -> None:
    """Old names in early years, new names in late years: every re-coded county in a year
    before and a year after its change, and a sample of counties of every year."""
    index = division_index()
    ended = [
        record
        for records in index.by_code.values()
        for record in records
        if record.level == "county"
        and record.change_kind in ("upgraded", "renamed", "recoded")
        and record.valid_to is not None
        and record.valid_from < record.valid_to
    ]
    recoded = sorted(ended, key=lambda record: record.code)[:12]
    pairs = []
    for record in recoded:
        last = record.valid_to or 0
        successor = index.follow(record, last + 1)
        assert successor is not None
        pairs += [(record.code, last), (successor.code, last + 1)]
    rng = random.Random(7)
    for year in range(2012, 2026, 3):
        pairs += [(county.code, year) for county in rng.sample(counties(year), 4)]
    planned = across_years(pairs)
    write_corpus(tmp_path / "sources", 0, planned=planned)
    report = ingest_folder(tmp_path / "sources", DataPaths(tmp_path / "out"), workers=2)
    documents = Landing(tmp_path / "out" / "raw").read_table("documents")
    landed = {
        Path(path).name: (code, year)
        for path, code, year in documents.select(
            "source_path", "division_code", "budget_year"
        ).iter_rows()
    }
    expected = {Path(item.file_name).name: (item.county_code, item.year) for item in planned}
    assert (report.documents, report.rejected) == (len(planned), 0)
    assert landed == expected
