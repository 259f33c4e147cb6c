"""Every figure of the golden file, read from the warehouse built from the reference corpus.

Function and economic subjects come from fct_budget_line (the total-column amount of the
subject, identical in every table that prints it); everything else from fct_county_measure,
with its status.  A 'conflicting' figure has no single expected value: the warehouse must
say 'conflicting' and list the conflict in mart_source_inconsistencies.
"""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from tests.conftest import GOLDEN, Warehouse

ROWS = list(csv.DictReader(GOLDEN.open(encoding="utf-8")))


def _id(row: dict[str, str]) -> str:
    return f"{row['county']}-{row['year']}-{row['measure']}"


@pytest.mark.slow
@pytest.mark.parametrize("row", ROWS, ids=_id)
def test_golden_figure(corpus_warehouse: Warehouse, row: dict[str, str]) -> None:
    check_golden_row(corpus_warehouse, row)


def check_golden_row(warehouse: Warehouse, row: dict[str, str]) -> None:
    """Assert one golden figure (also used on the warehouse built from PDFs)."""
    county, year, measure = row["county_code"], int(row["year"]), row["measure"]
    expected = Decimal(row["value"]) if row["value"] else None
    if measure.startswith(("function_", "economic_")):
        scheme, code, _ = measure.split("_")
        amounts = warehouse.rows(
            "select distinct amount_yuan, status from fct_budget_line where county_code = ? "
            "and fiscal_year = ? and subject_scheme = ? and subject_code = ? "
            "and column_name = 'total'",
            county,
            year,
            scheme,
            code,
        )
        assert amounts == [(expected, row["status"])]
        return
    value, status = warehouse.one(  # type: ignore[misc]
        "select value, status from fct_county_measure where county_code = ? "
        "and fiscal_year = ? and measure = ?",
        county,
        year,
        measure,
    )
    assert status == row["status"]
    if status == "conflicting":
        listed = warehouse.rows(
            "select value_a, value_b from mart_source_inconsistencies where county_code = ? "
            "and fiscal_year = ? and check_name = 'two_figures_for_one_thing' "
            "and subject like ?",
            county,
            year,
            measure.replace("_persons", "") + "%",
        )
        assert listed, "a conflicting figure must be listed as an inconsistency"
        assert value in {v for pair in listed for v in pair}
    else:
        assert value == expected
