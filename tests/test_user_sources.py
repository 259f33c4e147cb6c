"""`make test SOURCES=/some/folder`: the product's promise on any folder of documents.

Every input file ends up either read or rejected with a reason, and the warehouse builds with
all its tests passing.  By default the folder is the embedded corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from medins.batch import scan
from tests.conftest import CORPUS, build_warehouse

pytestmark = pytest.mark.slow


def test_every_input_is_read_or_rejected_and_the_warehouse_builds(tmp_path: Path) -> None:
    sources = Path(os.environ.get("MEDINS_SOURCES") or CORPUS).resolve()
    assert sources.is_dir(), f"{sources} is not a folder"
    warehouse = build_warehouse(sources, tmp_path / "out")
    distinct = len(scan(sources))
    read = warehouse.one("select count(*) from dim_document")
    rejected = warehouse.one("select count(*) from rejected_documents")
    assert read + rejected == distinct  # type: ignore[operator]
    assert warehouse.result.tests_passed == warehouse.result.tests_total > 0
    assert warehouse.one("select count(*) from mart_county_year_comparison") >= (  # type: ignore[operator]
        1 if read else 0
    )
    warehouse.close()
