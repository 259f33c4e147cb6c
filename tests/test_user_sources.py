"""`make test SOURCES=/some/folder`: the product's promise on any folder of documents.

Every input file ends up either read or rejected with a reason, and the warehouse builds with
all its tests passing.  By default the folder is the embedded corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from medins.batch import scan
from tests.conftest import CORPUS, assert_every_dbt_test_passed, build_warehouse

pytestmark = pytest.mark.slow


def test_every_input_is_read_or_rejected_and_the_warehouse_builds(tmp_path: Path) -> None:
    sources = Path(os.environ.get("MEDINS_SOURCES") or CORPUS).resolve()
    assert sources.is_dir(), f"{sources} is not a folder"
    warehouse = build_warehouse(sources, tmp_path / "out")
    distinct = len(scan(sources))
    read = warehouse.one("select count(*) from dim_document")
    rejected = warehouse.one("select count(*) from mart_rejected_documents")
    assert read + rejected == distinct  # type: ignore[operator]
    assert_every_dbt_test_passed(warehouse)
    # every landed document feeds the body marts: one row per body, scope and year it speaks of
    bodies = warehouse.one(
        "select count(distinct body_scope_id || fiscal_year) from dim_document where is_primary"
    )
    covered = warehouse.one(
        "select count(distinct body_scope_id || fiscal_year) from mart_body_year_comparison "
        "where body_scope_id || fiscal_year in "
        "(select body_scope_id || fiscal_year from dim_document where is_primary)"
    )
    assert covered == bodies
    warehouse.close()
