"""Regenerate the context seeds: census population per division and the national CPI.

* ``dbt_project/seeds/ref_population.csv`` — resident population (常住人口) of every division
  the county census tables list, per census year (2010: 第六次全国人口普查, 2020: 第七次), from
  the tables of Dong, Du and Liu (2022) beside the repository (``../shared/reference/census/``,
  MIT).  Each census code is matched to ``ref_divisions.csv`` through the division valid in the
  census year, so a 县 that later became a 区 keeps its population under its series
  (``division_key``); a census code no division of that year carries is reported and left out,
  never guessed.  Rows a user appended with ``population_kind = annual`` (an annual series that
  takes precedence over the census) are kept by a rerun.
* ``dbt_project/seeds/ref_cpi.csv`` — the national consumer price index, percent change on the
  previous year, as ``../shared/reference/cpi.md`` transcribes it from the NBS 统计公报.

Run at development time (needs the reference folder); the product reads the committed CSVs.
``--check`` exits 1 when a CSV is not what the sources give.  See scripts/CONTEXT.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineWorkbook

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "dbt_project" / "seeds"
REFERENCE = ROOT.parent / "shared" / "reference"
POPULATION_SEED = SEEDS / "ref_population.csv"
CPI_SEED = SEEDS / "ref_cpi.csv"
DIVISIONS_SEED = SEEDS / "ref_divisions.csv"

POPULATION_COLUMNS = [
    "division_code",
    "population_year",
    "resident_population",
    "population_kind",
    "source_code",
    "source_name",
    "source",
]
CPI_COLUMNS = ["year", "cpi_change_pct", "source"]

CENSUS_SOURCE = {
    2010: "第六次全国人口普查 county yearbook table, Dong, Du & Liu (2022), MIT",
    2020: "第七次全国人口普查 county yearbook table, Dong, Du & Liu (2022), MIT",
}
CPI_SOURCE = "国家统计局 国民经济和社会发展统计公报 {year}: 全年居民消费价格比上年"


@dataclass(frozen=True)
class CensusRow:
    code: str
    name: str
    population: int


def _code(value: object) -> str | None:
    """The 6-digit code of a census cell (stored as a float), or None for a blank/NA cell."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text if re.fullmatch(r"\d{6}", text) else None


def read_census(folder: Path, year: int) -> list[CensusRow]:
    """Each division's resident population in one census table, as the table prints it."""
    workbook = CalamineWorkbook.from_path(str(folder / f"census_county_{year}_v1.xlsx"))
    rows = workbook.get_sheet_by_index(0).to_python()
    header = [str(cell) for cell in rows[0]]
    if year == 2010:  # 地区 | 区划代码 | 合计 | …
        code_at, name_at, total_at = header.index("区划代码"), header.index("地区"), 2
        assert header[total_at] == "合计", header[:4]
    else:  # 区划代码 | 省 | 市 | 区县 | 人口数_合计 | …
        code_at, name_at = header.index("区划代码"), header.index("区县")
        total_at = header.index("人口数_合计")
    found: list[CensusRow] = []
    for row in rows[1:]:
        code = _code(row[code_at])
        total = row[total_at]
        if code is None or not isinstance(total, float) or not total.is_integer():
            continue  # 市辖区 subtotals, the national row, notes
        found.append(CensusRow(code, str(row[name_at]).strip(), int(total)))
    return found


def read_divisions() -> list[dict[str, str]]:
    with DIVISIONS_SEED.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _valid_in(row: dict[str, str], year: int) -> bool:
    return int(row["valid_from"]) <= year <= int(row["valid_to"] or 9999)


def match_census(
    census: list[CensusRow], divisions: list[dict[str, str]], year: int
) -> tuple[list[dict[str, object]], list[str]]:
    """Census rows whose code is a division valid in the census year, and what was left out."""
    valid = {row["division_code"]: row for row in divisions if _valid_in(row, year)}
    matched: list[dict[str, object]] = []
    left_out: list[str] = []
    seen: set[str] = set()
    for row in census:
        division = valid.get(row.code)
        if division is None:
            left_out.append(f"{year} {row.code} {row.name}: no division of that code in {year}")
            continue
        if row.code in seen:
            left_out.append(f"{year} {row.code} {row.name}: listed twice")
            continue
        seen.add(row.code)
        matched.append(
            {
                "division_code": row.code,
                "population_year": year,
                "resident_population": row.population,
                "population_kind": "census",
                "source_code": row.code,
                "source_name": row.name,
                "source": CENSUS_SOURCE[year],
            }
        )
    return matched, left_out


def read_cpi(path: Path) -> list[dict[str, object]]:
    """The year | % cells of cpi.md's table, every year once."""
    rates: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        for year, rate in zip(cells[::2], cells[1::2], strict=False):
            if re.fullmatch(r"20\d\d", year) and re.fullmatch(r"-?\d+\.\d", rate):
                assert int(year) not in rates, f"{year} twice in {path}"
                rates[int(year)] = rate
    years = sorted(rates)
    assert years == list(range(years[0], years[-1] + 1)), f"a year is missing: {years}"
    return [
        {"year": year, "cpi_change_pct": rates[year], "source": CPI_SOURCE.format(year=year)}
        for year in years
    ]


def _user_rows() -> list[dict[str, str]]:
    """Rows a user appended (an annual series): kept by a rerun."""
    if not POPULATION_SEED.exists():
        return []
    with POPULATION_SEED.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["population_kind"] != "census"]


def _csv(rows: list[dict[str, object]] | list[dict[str, str]], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=REFERENCE)
    parser.add_argument("--check", action="store_true", help="exit 1 if a seed is out of date")
    args = parser.parse_args(argv)
    divisions = read_divisions()
    population: list[dict[str, object]] = []
    for year in (2010, 2020):
        matched, left_out = match_census(
            read_census(args.reference / "census", year), divisions, year
        )
        population += matched
        print(f"census {year}: {len(matched)} divisions matched, {len(left_out)} left out")
        for line in left_out:
            print("  left out:", line)
    population.sort(key=lambda row: (row["division_code"], row["population_year"]))
    texts = {
        POPULATION_SEED: _csv(population + _user_rows(), POPULATION_COLUMNS),  # type: ignore[operator]
        CPI_SEED: _csv(read_cpi(args.reference / "cpi.md"), CPI_COLUMNS),
    }
    stale = [
        path for path, text in texts.items() if not path.exists() or path.read_text("utf-8") != text
    ]
    if args.check:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}")
        return 1 if stale else 0
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
