"""County-level divisions a generated document can be published by.

Read from the division seed the warehouse itself uses, so a generated 医疗保障局 names a real
county valid in its budget year.  Only names that occur once in the whole list are used: a
name shared by two places (朝阳区, 海州区) is ambiguous without context, which is a test of
its own (tests/test_identity.py), not of a layout.
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "ref_divisions.csv"


@dataclass(frozen=True, slots=True)
class County:
    code: str
    name: str
    province: str
    prefecture: str
    valid_from: int
    valid_to: int | None
    series: str = ""  # division_key: one county's codes before and after a re-coding

    def valid_in(self, year: int) -> bool:
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)


@lru_cache(maxsize=1)
def counties() -> tuple[County, ...]:
    with SEED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    names = Counter(row["division_name"] for row in rows)
    aliases = Counter(alias for row in rows for alias in row["aliases"].split("|") if alias)
    return tuple(
        County(
            code=row["division_code"],
            name=row["division_name"],
            province=row["province_name"],
            prefecture=row["prefecture_name"],
            valid_from=int(row["valid_from"]),
            valid_to=int(row["valid_to"]) if row["valid_to"] else None,
            series=row["division_key"],
        )
        for row in rows
        if row["level"] == "county"
        and row["division_code"][4] != "7"  # a statistical zone (开发区 …) is not a county
        and names[row["division_name"]] == 1
        and aliases[row["division_name"]] == 0
    )


class CountyPool:
    """Distinct counties for the documents of one warehouse: a county-year is one document."""

    def __init__(self, seed: str) -> None:
        self._order = list(counties())
        random.Random(f"counties:{seed}").shuffle(self._order)
        self._used: set[str] = set()

    def draw(self, year: int) -> County:
        """A county valid from the year before to the year after ``year`` (prior-year and
        next-year figures land on the same code), not used before in this pool — nor its
        series: 嫩江县 (231121) and 嫩江市 (231183) are one county to the warehouse, whose
        figures of one document would otherwise meet another's."""
        for county in self._order:
            if county.series in self._used:
                continue
            if all(county.valid_in(y) for y in (year - 2, year - 1, year, year + 1)):
                self._used.add(county.series)
                return county
        raise LookupError(f"no unused county valid around {year}")
