"""Every figure of the golden file, read from the warehouse built from the reference corpus.

Function and economic subjects come from fct_budget_line (the total-column amount of the
subject, identical in every table that prints it); everything else from fct_county_measure,
with its status.  A 'conflicting' figure has no single expected value: the warehouse must
say 'conflicting' and list the conflict in mart_source_inconsistencies (the comparer's
``REFERENCE`` rules, testkit/golden.py).
"""

from __future__ import annotations

import csv

import pytest

from testkit.golden import judge_reference_row
from tests.conftest import GOLDEN, Warehouse

ROWS = list(csv.DictReader(GOLDEN.open(encoding="utf-8")))


def _id(row: dict[str, str]) -> str:
    return f"{row['county']}-{row['year']}-{row['measure']}"


@pytest.mark.slow
@pytest.mark.parametrize("row", ROWS, ids=_id)
def test_golden_figure(corpus_warehouse: Warehouse, row: dict[str, str]) -> None:
    check_golden_row(corpus_warehouse, row)


def check_golden_row(warehouse: Warehouse, row: dict[str, str]) -> None:
    """Assert one golden figure (also used on the warehouse built from PDFs): right, or
    silent where the golden file says the figure is not reported."""
    judged = judge_reference_row(warehouse.con, row)
    assert judged.verdict in ("right", "silent"), judged.describe()
