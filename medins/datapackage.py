"""The exports as a Frictionless Data Package (https://datapackage.org): ``datapackage.json``
beside the CSV and Parquet files, with each resource's schema (field names, types,
descriptions), the unit of every figure and the phases of the figures it holds.

One resource per exported table, its data the CSV file (what spreadsheets and the
``frictionless`` validator read); the Parquet file of the same rows is named in the resource's
``parquet`` property for BI tools.  The package cites its data sources (the census, the CPI),
as CITATION.cff at the repository root does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

# DuckDB type → Table Schema type.  DECIMAL and DOUBLE are both "number" (exact decimals stay
# exact in the CSV text); a timestamp is written to the CSV in ISO 8601 (see export_marts).
_TYPES = (
    (re.compile(r"^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UBIGINT|UINTEGER)$"), "integer"),
    (re.compile(r"^(DECIMAL|NUMERIC|DOUBLE|FLOAT|REAL)"), "number"),
    (re.compile(r"^BOOLEAN$"), "boolean"),
    (re.compile(r"^DATE$"), "date"),
    (re.compile(r"^TIMESTAMP"), "datetime"),
    (re.compile(r"^VARCHAR$"), "string"),
)

# How the warehouse names a figure's unit in a column name, when no measure of ref_measures
# gives it (the measures' own units come from dim_measure).
_UNIT_SUFFIXES = (
    ("_per_resident_real_yuan", "real_yuan_per_resident"),
    ("_real_yuan", "real_yuan"),
    ("_per_resident", "yuan_per_resident"),
    ("_per_person", "yuan_per_person"),
    ("_yuan", "yuan"),
    ("_persons", "persons"),
    ("_coverage", "ratio"),
)
_UNIT_NAMES = {
    "population": "persons",
    "population_census_2010": "persons",
    "population_census_2020": "persons",
    "resident_population": "persons",
    "cpi_index": "index_2020_100",
    "cpi_change_pct": "percent",
    "pct_change": "percent",
    "real_pct_change": "percent",
}
UNIT_DESCRIPTIONS = {
    "yuan": "yuan (元), current prices of the figure's year (nominal)",
    "real_yuan": "constant yuan of price_base_year (national CPI; real terms)",
    "yuan_per_person": "yuan per insured person (元/人), nominal",
    "yuan_per_resident": "yuan per resident of the census population, nominal",
    "real_yuan_per_resident": "constant yuan of price_base_year per resident (real terms)",
    "persons": "persons (人)",
    "ratio": "ratio (1 = 100%)",
    "percent": "percent",
    "index_2020_100": "price index, 2020 = 100",
}
# The phases of the Fiscal Data Package this warehouse's figures can have
# (/work/shared/design/ARCHITECTURE.md "Phases"): a table without a `phase` column holds
# figures of 部门预算 documents, i.e. budgets.
FIGURE_TABLE_PREFIXES = ("fct_", "mart_")

SOURCES = [
    {
        "title": "County medical-insurance bureau budget disclosures (部门预算信息公开)",
        "path": "https://www.nhsa.gov.cn",
    },
    {
        "title": "Lei Dong, Rui Du and Yu Liu (2022), Mapping Evolving Population Geography in "
        "China, county census tables 2010 and 2020 (MIT licence)",
        "path": "https://github.com/leiii/census",
    },
    {
        "title": "National Bureau of Statistics of China, 国民经济和社会发展统计公报 2010–2025: "
        "national consumer price index",
        "path": "https://www.stats.gov.cn/sj/tjgb/",
    },
]


def field_type(duckdb_type: str) -> str:
    for pattern, kind in _TYPES:
        if pattern.search(duckdb_type):
            return kind
    return "any"


def field_unit(column: str, measure_units: Mapping[str, str]) -> str | None:
    if column in measure_units:
        return measure_units[column]
    if column in _UNIT_NAMES:
        return _UNIT_NAMES[column]
    for suffix, unit in _UNIT_SUFFIXES:
        if column.endswith(suffix):
            return unit
    return None


def resource(
    table: str,
    description: str,
    columns: Sequence[tuple[str, str, str]],
    measure_units: Mapping[str, str],
    phases: Sequence[str],
    csv: str | list[str],
) -> dict[str, Any]:
    """One table's resource: ``columns`` are (name, DuckDB type, description); ``csv`` its CSV
    file, or the list of the parts of a table split by province (the Data Package's multipart
    resource: each part has the header, which readers skip after the first part)."""
    fields = []
    for name, kind, text in columns:
        field: dict[str, Any] = {"name": name, "type": field_type(kind), "description": text}
        unit = field_unit(name, measure_units)
        if unit is not None:
            field["unit"] = unit
        fields.append(field)
    return {
        "name": table,
        "path": csv,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "parquet": f"{table}.parquet",
        "description": description,
        "phases": list(phases),
        "schema": {"fields": fields, "missingValues": [""]},
    }


def package(resources: list[dict[str, Any]], price_base_year: int | None) -> dict[str, Any]:
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "county-medins-budgets",
        "title": "County medical-insurance bureau budgets (医疗保障局部门预算), compared",
        "description": "Figures read from county budget disclosures with their provenance, per "
        "resident of the census population and in constant yuan of price_base_year. NULL "
        "(an empty CSV cell) is a figure the documents do not give or a denominator that is "
        "missing, never 0; each table says why in its status and *_null_reason columns.",
        "licenses": [{"name": "MIT", "path": "https://opensource.org/licenses/MIT"}],
        "sources": SOURCES,
        "units": UNIT_DESCRIPTIONS,
        "phases": {
            "budget": "a 部门预算's figure (or the 年初预算数 a 决算 prints)",
            "adjusted": "调整预算数 / 全年预算数",
            "actual": "决算数",
        },
        "price_base_year": price_base_year,
        "resources": resources,
    }
