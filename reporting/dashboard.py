"""A self-contained HTML dashboard drawn from the exported marts.

The dashboard reads only ``<data-dir>/exports/*.parquet`` (never the DuckDB file), so it can be
built while the warehouse is being rebuilt: the exports folder is a symlink swapped atomically by
the build, and it is resolved once so every table comes from one snapshot.

The output is one HTML file with inline CSS, inline JavaScript and the figures embedded as JSON.
It names no external URL, so it opens offline.  The script draws these charts into SVG:

* per-capita county subsidy for resident insurance, computed vs stated (``chart-per-capita``);
* resident enrollment with the kind of figure (``chart-enrollment``);
* 三公 components, zero and not-reported told apart (``chart-three-public``);
* year-over-year change by measure, marking where the prior value came from (``chart-yoy``);
* source inconsistencies as a table (``chart-inconsistencies``);
* per resident, nominal and in constant yuan (``chart-per-resident``);
* budget against actual per county bureau and year (``chart-execution``): the budget (a
  部门预算's figure or a 部门决算's 年初预算数), the adjusted budget and the actual (决算数)
  of ``mart_county_budget_execution``, with the completion rate computed and as stated.

Each chart lists its provenance (file name and doc_id prefix of the documents its figures came
from, and how many figures are derived, conflicting or not reported).  Each chart container gets
``data-rendered="true"`` once drawn, and errors are recorded into ``<pre id="console-errors">``
(``window.onerror`` and a wrapped ``console.error``), so ``chromium --headless --dump-dom``
reveals both.

Example::

    python -m reporting.dashboard --data-dir data            # writes data/dashboard/index.html
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import polars as pl

from ingest.reference import seed_rows

Row = dict[str, Any]
Key = tuple[str, int, str]

TABLES = (
    "dim_measure",
    "dim_document",
    "mart_county_year_comparison",
    "fct_county_measure",
    "fct_enrollment",
    "fct_three_public",
    "mart_yoy_change",
    "mart_source_inconsistencies",
    "mart_county_budget_execution",
)
CHART_IDS = (
    "chart-per-capita",
    "chart-enrollment",
    "chart-three-public",
    "chart-yoy",
    "chart-inconsistencies",
    "chart-per-resident",
    "chart-execution",
)
THREE_PUBLIC_PARTS = ("overseas", "vehicle_purchase", "vehicle_operation", "reception")

CHECK_LABELS = {
    "two_figures_for_one_thing": "同一事项两个数字",
    "parent_vs_children": "上级科目≠下级之和",
    "row_total_vs_parts": "行合计≠分项之和",
    "same_subject_across_tables": "同一科目各表不一致",
    "basic_plus_project_vs_total": "基本+项目≠支出合计",
    "personnel_plus_public_vs_basic": "人员+公用≠基本支出",
    "revenue_vs_expenditure": "收入≠支出",
    "three_public_components_vs_total": "三公分项≠合计",
    "fixed_assets_parts_vs_total": "资产分项≠资产总额",
    "listed_projects_exceed_total": "所列项目超出项目支出",
    "project_tables_vs_project_total": "项目表≠项目支出合计",
    "stated_change_vs_prior_document": "所述增减≠上年文件",
    "restated_figure_vs_year_document": "所列上年数≠上年文件",
}
# Measure labels come from dim_measure (the seed ref_measures), never from here.
LABELS: dict[str, Mapping[str, str]] = {
    "checks": CHECK_LABELS,
    # statuses, their marks and the kinds of enrollment: the seeds' one definition
    "kinds": {
        row["enrollment_kind"]: row["label_zh"] for row in seed_rows("ref_enrollment_kinds.csv")
    },
    "statuses": {row["status"]: row["label_zh"] for row in seed_rows("ref_statuses.csv")},
    "marks": {row["status"]: row["mark"] for row in seed_rows("ref_statuses.csv")},
    "parts": {
        "overseas": "出国",
        "vehicle_purchase": "购车",
        "vehicle_operation": "运维",
        "reception": "接待",
        "total": "合计",
    },
    "prior_sources": {"stated_change": "上年数由文中增减额推算", "document": "上年数来自文件"},
}


class ExportsMissingError(FileNotFoundError):
    """The exports folder, or one of the Parquet files the dashboard needs, does not exist."""


# --- reading ---------------------------------------------------------------------------------


def read_exports(exports_dir: Path) -> dict[str, list[Row]]:
    """Every table the dashboard needs, as rows, from one snapshot of the exports folder."""
    if not exports_dir.is_dir():
        raise ExportsMissingError(f"no exports folder at {exports_dir}")
    snapshot = exports_dir.resolve()
    missing = [name for name in TABLES if not (snapshot / f"{name}.parquet").is_file()]
    if missing:
        files = ", ".join(f"{name}.parquet" for name in missing)
        raise ExportsMissingError(f"{exports_dir} lacks {files}")
    return {name: _rows(snapshot / f"{name}.parquet") for name in TABLES}


def _rows(path: Path) -> list[Row]:
    return [
        {key: _plain(value) for key, value in row.items()}
        # glob=False: a folder named like a pattern ("[x]", "*") is read as the name it is
        for row in pl.read_parquet(path, glob=False).to_dicts()
    ]


def _plain(value: object) -> object:
    """A JSON-ready value: decimals become floats, timestamps ISO text."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


# --- provenance --------------------------------------------------------------------------------


def document_index(documents: Iterable[Row]) -> dict[str, Row]:
    """doc_id → file name, short prefix, county code and year."""
    return {
        row["doc_id"]: {
            "doc_id": row["doc_id"],
            "prefix": row["doc_id"][:8],
            "file": Path(row["source_path"] or "").name,
            "county_code": row["county_code"],
            "fiscal_year": row["fiscal_year"],
            "is_primary": row["is_primary"],
        }
        for row in documents
    }


def provenance(
    doc_ids: Iterable[str | None],
    statuses: Iterable[str | None],
    documents: Mapping[str, Row],
    names: Mapping[str, str],
) -> Row:
    """The documents behind a chart and how many of its figures have each status."""
    listed = []
    for doc_id in sorted({d for d in doc_ids if d}):
        doc = dict(
            documents.get(doc_id)
            or {
                "doc_id": doc_id,
                "prefix": doc_id[:8],
                "file": "(not in dim_document)",
                "county_code": None,
                "fiscal_year": None,
            }
        )
        doc["county"] = names.get(doc.get("county_code") or "", doc.get("county_code"))
        listed.append(doc)
    listed.sort(key=lambda d: (d["county"] or "", d["fiscal_year"] or 0, d["file"] or ""))
    return {"documents": listed, "statuses": dict(Counter(s for s in statuses if s))}


def measure_index(measures: Iterable[Row]) -> dict[Key, Row]:
    """(county_code, fiscal_year, measure) → the fct_county_measure row."""
    return {
        (row["county_code"], row["fiscal_year"], row["measure"]): row
        for row in measures
        if row.get("phase", "budget") == "budget"
    }


def county_names(comparison: Iterable[Row]) -> dict[str, str]:
    return {row["county_code"]: row["county_name"] for row in comparison}


def _sorted(rows: Iterable[Row], names: Mapping[str, str], *extra: str) -> list[Row]:
    """Rows by county name, code, year and ``extra``; a row of a body that is no county
    (a prefecture's bureau: ``county_code`` NULL) sorts after the counties, by its body."""

    def key(r: Row) -> tuple[object, ...]:
        code = r["county_code"]
        return (
            code is None,
            names.get(code, code) or "",
            code or "",
            str(r.get("body_id") or ""),
            r["fiscal_year"] is None,
            r["fiscal_year"] or 0,
            *(str(r[k]) for k in extra),
        )

    return sorted(rows, key=key)


# --- sections ---------------------------------------------------------------------------------


def per_capita_section(
    comparison: Sequence[Row],
    measures: Mapping[Key, Row],
    documents: Mapping[str, Row],
    names: Mapping[str, str],
) -> Row:
    """(a) County subsidy per insured resident: computed next to stated, NULLs with reasons."""
    rows, doc_ids, statuses = [], [], []
    for row in comparison:
        code, year = row["county_code"], row["fiscal_year"]
        computed = measures.get((code, year, "county_resident_subsidy_per_person_computed"), {})
        stated = measures.get((code, year, "county_resident_subsidy_per_person_stated"), {})
        subsidy = measures.get((code, year, "county_resident_subsidy_yuan"), {})
        base_year = row["per_capita_enrollment_year"]
        base = measures.get((code, base_year, "resident_enrollment_persons"), {})
        rows.append(
            {
                "county_code": code,
                "county": row["county_name"],
                "fiscal_year": year,
                "prefecture": row["prefecture_name"],
                "computed": row["county_resident_subsidy_per_person_computed"],
                "computed_status": row["county_resident_subsidy_per_person_computed_status"],
                "computed_basis": computed.get("basis"),
                "computed_doc": computed.get("doc_id"),
                "computed_null_reason": row["per_capita_null_reason"]
                or computed.get("null_reason"),
                "stated": row["county_resident_subsidy_per_person_stated"],
                "stated_status": row["county_resident_subsidy_per_person_stated_status"],
                "stated_doc": stated.get("doc_id"),
                "stated_line": stated.get("line"),
                "stated_null_reason": stated.get("null_reason"),
                "subsidy_yuan": row["county_resident_subsidy_yuan"],
                "subsidy_status": row["county_resident_subsidy_status"],
                "subsidy_basis": row["county_resident_subsidy_basis"],
                "enrollment_persons": row["per_capita_enrollment_persons"],
                "enrollment_year": base_year,
                "enrollment_kind": row["per_capita_enrollment_kind"],
            }
        )
        doc_ids += [
            computed.get("doc_id"),
            stated.get("doc_id"),
            subsidy.get("doc_id"),
            base.get("doc_id"),
        ]
        statuses += [rows[-1]["computed_status"], rows[-1]["stated_status"]]
    return {"rows": rows, "provenance": provenance(doc_ids, statuses, documents, names)}


def _alternatives(
    code: str, year: int, selected: Row, enrollment: Iterable[Row], inconsistencies: Iterable[Row]
) -> list[Row]:
    """Other resident enrollment figures for one county-year: other kinds, conflicting values."""
    found: list[Row] = []
    for fact in enrollment:
        if (fact["county_code"], fact["fiscal_year"], fact["scheme"]) != (code, year, "resident"):
            continue
        if (fact["enrollment_kind"], fact["persons"]) == (selected["kind"], selected["persons"]):
            continue
        found.append(
            {
                "persons": fact["persons"],
                "label": fact["enrollment_kind"],
                "doc_id": fact["doc_id"],
                "line": fact["line"],
            }
        )
    for issue in inconsistencies:
        if (issue["county_code"], issue["fiscal_year"]) != (code, year) or not str(
            issue["subject"] or ""
        ).startswith("resident_enrollment_persons"):
            continue
        for value, label, line in (
            (issue["value_a"], issue["label_a"], issue["line_a"]),
            (issue["value_b"], issue["label_b"], issue["line_b"]),
        ):
            if value != selected["persons"] and all(f["persons"] != value for f in found):
                found.append(
                    {
                        "persons": value,
                        "label": f"conflicting: {label}",
                        "doc_id": issue["doc_id"],
                        "line": line,
                    }
                )
    return found


def enrollment_section(
    comparison: Sequence[Row],
    measures: Mapping[Key, Row],
    enrollment: Sequence[Row],
    inconsistencies: Sequence[Row],
    documents: Mapping[str, Row],
    names: Mapping[str, str],
) -> Row:
    """(b) Resident enrollment by county-year with the kind of figure and other statements."""
    rows, doc_ids = [], []
    for row in comparison:
        code, year = row["county_code"], row["fiscal_year"]
        fact = measures.get((code, year, "resident_enrollment_persons"), {})
        selected = {
            "persons": row["resident_enrollment_persons"],
            "kind": row["resident_enrollment_kind"],
        }
        others = _alternatives(code, year, selected, enrollment, inconsistencies)
        rows.append(
            {
                "county_code": code,
                "county": row["county_name"],
                "fiscal_year": year,
                "persons": selected["persons"],
                "kind": selected["kind"],
                "kind_year": row["resident_enrollment_year"],
                "status": row["resident_enrollment_status"],
                "basis": fact.get("basis"),
                "doc_id": fact.get("doc_id"),
                "line": fact.get("line"),
                "null_reason": fact.get("null_reason"),
                "alternatives": others,
            }
        )
        doc_ids += [fact.get("doc_id"), *(o["doc_id"] for o in others)]
    statuses = [r["status"] for r in rows]
    return {"rows": rows, "provenance": provenance(doc_ids, statuses, documents, names)}


def three_public_section(
    three_public: Sequence[Row], documents: Mapping[str, Row], names: Mapping[str, str]
) -> Row:
    """(c) 三公 components per county-year, each with its status (zero ≠ not reported)."""
    grouped: dict[tuple[str, int], Row] = {}
    for fact in _sorted(three_public, names, "component"):
        key = (fact["county_code"], fact["fiscal_year"])
        group = grouped.setdefault(
            key,
            {
                "county_code": key[0],
                "county": names.get(key[0], key[0]),
                "fiscal_year": key[1],
                "parts": {},
            },
        )
        group["parts"][fact["component"]] = {
            "amount": fact["amount_yuan"],
            "status": fact["status"],
            "doc_id": fact["doc_id"],
            "line": fact["line"],
            "basis": fact["basis"],
            "source_kind": fact["source_kind"],
        }
    shown = (*THREE_PUBLIC_PARTS, "total")
    statuses = [
        p["status"] for g in grouped.values() for name, p in g["parts"].items() if name in shown
    ]
    doc_ids = [f["doc_id"] for f in three_public]
    return {
        "rows": list(grouped.values()),
        "parts": list(THREE_PUBLIC_PARTS),
        "provenance": provenance(doc_ids, statuses, documents, names),
    }


# nominal measure → its per-resident and per-resident real-terms columns (ref_measures)
PER_RESIDENT = (
    (
        "total_expenditure_yuan",
        "total_expenditure_per_resident",
        "total_expenditure_per_resident_real_yuan",
    ),
    (
        "three_public_total_yuan",
        "three_public_total_per_resident",
        "three_public_total_per_resident_real_yuan",
    ),
    (
        "county_resident_subsidy_yuan",
        "county_resident_subsidy_per_resident",
        "county_resident_subsidy_per_resident_real_yuan",
    ),
)


def per_resident_section(
    comparison: Sequence[Row],
    measures: Mapping[Key, Row],
    documents: Mapping[str, Row],
    names: Mapping[str, str],
) -> Row:
    """(f) Per resident of the census population, nominal and in constant yuan, side by side
    and always labelled; a missing population or price index is a NULL with its reason."""
    rows, doc_ids, statuses = [], [], []
    for row in comparison:
        code, year = row["county_code"], row["fiscal_year"]
        figures = []
        for nominal, per_resident, real in PER_RESIDENT:
            fact = measures.get((code, year, nominal), {})
            figures.append(
                {
                    "measure": nominal,
                    "nominal": row[per_resident],
                    "real": row[real],
                    "status": fact.get("status"),
                    "doc_id": fact.get("doc_id"),
                }
            )
            doc_ids.append(fact.get("doc_id"))
            statuses.append(fact.get("status"))
        rows.append(
            {
                "county_code": code,
                "county": row["county_name"],
                "fiscal_year": year,
                "prefecture": row["prefecture_name"],
                "population": row["population"],
                "population_year": row["population_year"],
                "population_source": row["population_source"],
                "population_null_reason": row["population_null_reason"],
                "population_band": row["population_band"],
                "coverage": row["resident_enrollment_coverage"],
                "price_base_year": row["price_base_year"],
                "cpi_index": row["cpi_index"],
                "real_terms_null_reason": row["real_terms_null_reason"],
                "rank_in_province": row["per_resident_rank_in_province"],
                "peers_in_province": row["per_resident_peers_in_province"],
                "rank_in_band": row["per_resident_rank_in_population_band"],
                "peers_in_band": row["per_resident_peers_in_population_band"],
                "figures": figures,
            }
        )
    return {"rows": rows, "provenance": provenance(doc_ids, statuses, documents, names)}


def yoy_section(yoy: Sequence[Row], documents: Mapping[str, Row], names: Mapping[str, str]) -> Row:
    """(d) Year-over-year change per county and measure, with where the prior value came from."""
    rows = [
        {**row, "county": names.get(row["county_code"], row["county_code"])}
        for row in _sorted(yoy, names, "measure")
    ]
    doc_ids = [r["doc_id"] for r in rows] + [r["prior_doc_id"] for r in rows]
    statuses = [r["status"] for r in rows] + [r["prior_status"] for r in rows]
    return {"rows": rows, "provenance": provenance(doc_ids, statuses, documents, names)}


def inconsistencies_section(
    issues: Sequence[Row], documents: Mapping[str, Row], names: Mapping[str, str]
) -> Row:
    """(e) Identities the source documents break, one row each."""
    rows = [
        {
            **row,
            # a body that is no county bureau is named by its body_id (130500-医疗保障局)
            "county": names.get(row["county_code"], row["county_code"]) or row.get("body_id"),
            "file": Path(row["source_path"] or "").name,
        }
        for row in _sorted(issues, names, "check_name", "subject")
    ]
    return {
        "rows": rows,
        "provenance": provenance(
            [r["doc_id"] for r in rows], ["conflicting"] * len(rows), documents, names
        ),
    }


# Measures the budget-against-actual chart shows, in this order, where a 决算 gives their actual
EXECUTION_MEASURES = (
    "general_budget_expenditure_yuan",
    "total_expenditure_yuan",
    "county_resident_subsidy_yuan",
    "three_public_total_yuan",
    "three_public_reception_yuan",
    "three_public_vehicle_total_yuan",
    "three_public_overseas_yuan",
)


def execution_section(
    execution: Sequence[Row], documents: Mapping[str, Row], names: Mapping[str, str]
) -> Row:
    """(g) Budget against actual per county bureau and year: each measure's budget, adjusted
    budget and actual side by side, actual − budget, the completion rate computed and the rate
    and reason the 决算 states; a budget no document gives is NULL with its reason."""
    order = {measure: index for index, measure in enumerate(EXECUTION_MEASURES)}
    shown = [row for row in execution if row["measure"] in order]
    shown.sort(
        key=lambda r: (
            names.get(r["county_code"], r["county_code"]) or "",
            r["county_code"] or "",
            r["fiscal_year"] or 0,
            order[r["measure"]],
        )
    )
    rows = [
        {
            "key": f"{row['county_code']}-{row['fiscal_year']}-{row['measure']}",
            "group": f"{row['county_code']}-{row['fiscal_year']}",
            "county_code": row["county_code"],
            "county": names.get(row["county_code"], row["county_code"]),
            "fiscal_year": row["fiscal_year"],
            "measure": row["measure"],
            "budget": row["budget_yuan"],
            "budget_status": row["budget_status"],
            "budget_null_reason": None
            if row["budget_yuan"] is not None
            else "no 部门预算 nor 年初预算数 gives it",
            "adjusted": row["adjusted_yuan"],
            "actual": row["actual_yuan"],
            "actual_status": row["actual_status"],
            "difference": row["actual_minus_budget_yuan"],
            "computed_rate": row["computed_rate_percent"],
            "stated_rate": row["stated_rate_percent"],
            "reason": row["stated_reason"],
            "budget_doc": row["budget_doc_id"],
            "actual_doc": row["actual_doc_id"],
        }
        for row in shown
    ]
    doc_ids = [r["budget_doc"] for r in rows] + [r["actual_doc"] for r in rows]
    statuses = [r["budget_status"] for r in rows] + [r["actual_status"] for r in rows]
    return {"rows": rows, "provenance": provenance(doc_ids, statuses, documents, names)}


def measure_labels(measures: Iterable[Row]) -> dict[str, str]:
    """Each measure's Chinese label, as the seed ref_measures gives it."""
    return {row["measure"]: row["label_zh"] for row in measures}


def build_payload(tables: Mapping[str, list[Row]], snapshot: str) -> Row:
    """Everything the page's script draws, as one JSON-ready dict."""
    comparison = tables["mart_county_year_comparison"]
    # a county known only from its 决算 is named by its documents
    counties = county_names(comparison)
    names = {
        **{
            row["county_code"]: row["division_name"]
            for row in tables["dim_document"]
            if row.get("county_code") and row.get("division_name")
        },
        **counties,
    }
    comparison = _sorted(comparison, names)
    documents = document_index(tables["dim_document"])
    measures = measure_index(tables["fct_county_measure"])
    issues = tables["mart_source_inconsistencies"]
    return {
        "snapshot": snapshot,
        "labels": {**LABELS, "measures": measure_labels(tables["dim_measure"])},
        "counts": {
            "documents": len(documents),
            "county_years": len(comparison),
            "counties": len(counties),
        },
        "per_capita": per_capita_section(comparison, measures, documents, names),
        "enrollment": enrollment_section(
            comparison, measures, tables["fct_enrollment"], issues, documents, names
        ),
        "three_public": three_public_section(tables["fct_three_public"], documents, names),
        "yoy": yoy_section(tables["mart_yoy_change"], documents, names),
        "inconsistencies": inconsistencies_section(issues, documents, names),
        "per_resident": per_resident_section(comparison, measures, documents, names),
        "execution": execution_section(tables["mart_county_budget_execution"], documents, names),
    }


# --- rendering --------------------------------------------------------------------------------

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "/": "\\/", ":": "\\u003a"}


def embed_json(payload: object) -> str:
    """JSON safe inside <script>: no '</', and no 'http:' or '//' even if a snippet holds a URL."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)

    def escape(match: re.Match[str]) -> str:
        return "".join(_ESCAPES.get(ch, ch) for ch in match.group(0))

    return _JSON_STRING.sub(escape, text)


def _section(chart_id: str, title: str, subtitle: str) -> str:
    return (
        f'<section class="card" aria-labelledby="{chart_id}-h">'
        f'<h2 id="{chart_id}-h">{html.escape(title)}</h2>'
        f'<p class="subtitle">{html.escape(subtitle)}</p>'
        f'<div class="chart" id="{chart_id}" data-rendered="false"></div></section>'
    )


SECTIONS = (
    (
        "chart-per-capita",
        "居民医保县级财政人均补助（计算值 vs 文件所述）",
        "County subsidy per insured resident, yuan per person: computed (subsidy ÷ enrollment) "
        "next to the figure the document states, with the enrollment year and kind used.",
    ),
    (
        "chart-enrollment",
        "城乡居民参保人数",
        "Resident insurance enrollment by county and year, with the kind of figure "
        "(enrolled, contributors, projected, beneficiaries) and other statements.",
    ),
    (
        "chart-three-public",
        "“三公”经费构成",
        "Three public expenses by component: reported zero and not reported are drawn differently.",
    ),
    (
        "chart-yoy",
        "同比变化",
        "Year-over-year change by measure, absolute and percent; colour tells whether the prior "
        "year's value was read from a document or derived from a change the document states.",
    ),
    (
        "chart-inconsistencies",
        "来源文件内部不一致",
        "Source inconsistencies: identities a document breaks, with both values.",
    ),
    (
        "chart-per-resident",
        "按常住人口人均（名义价与不变价）",
        "Per resident of the census population nearest the year, yuan: nominal (current yuan) "
        "next to real (constant yuan of the price base year, national CPI), always labelled; "
        "with the population's census year, enrollment coverage and the rank among peers.",
    ),
    (
        "chart-execution",
        "预算与决算（预算执行）",
        "Budget against actual per county bureau and year: the budget (部门预算, or the 决算's "
        "年初预算数), the adjusted budget and the actual (决算数), each row on its own scale, "
        "with the completion rate computed and as the 决算 states it, and the reason it gives.",
    ),
)


def _static(name: str) -> str:
    """A file of ``reporting/static/``: the page, its CSS and its scripts (linted by eslint)."""
    return (resources.files("reporting") / "static" / name).read_text(encoding="utf-8")


def render_html(payload: Row) -> str:
    """The whole page: inline CSS, error recorder, sections, embedded data and drawing script."""
    counts = payload["counts"]
    sections = "\n".join(_section(*spec) for spec in SECTIONS)
    return (
        _static("dashboard.html")
        .replace("%CSS%", _static("dashboard.css"))
        .replace("%RECORDER%", _static("recorder.js"))
        .replace("%SNAPSHOT%", html.escape(str(payload["snapshot"])))
        .replace(
            "%COUNTS%",
            f"{counts['counties']} 县 counties · {counts['county_years']} "
            f"县年 county-years · {counts['documents']} 份文件 documents",
        )
        .replace("%SECTIONS%", sections)
        .replace("%SCRIPT%", _static("dashboard.js"))
        .replace("%DATA%", embed_json(payload))
    )


def _write_atomically(text: str, out_file: Path) -> None:
    out_file.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".dashboard-", suffix=".html", dir=out_file.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, out_file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def build_dashboard(exports_dir: Path, out_file: Path) -> Path:
    """Read the exported Parquet files and write the self-contained dashboard to ``out_file``."""
    tables = read_exports(exports_dir)
    payload = build_payload(tables, snapshot=exports_dir.resolve().name)
    _write_atomically(render_html(payload), out_file)
    return out_file


# --- command line -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m reporting.dashboard",
        description="Write a self-contained HTML dashboard (no network needed) from the "
        "exported marts in <data-dir>/exports.",
        epilog="example: python -m reporting.dashboard --data-dir data   "
        "(then open data/dashboard/index.html in a browser)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path("data"),
        help="folder holding exports/ (default: data)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="HTML file to write (default: <data-dir>/dashboard/index.html)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Exit codes: 0 written, 2 no exports to draw from (run the build first)."""
    args = build_parser().parse_args(argv)
    exports = args.data_dir / "exports"
    out_file = args.out or args.data_dir / "dashboard" / "index.html"
    try:
        written = build_dashboard(exports, out_file)
    except ExportsMissingError as error:
        print(
            f"error: {error}; build the warehouse first, e.g. "
            f"`medins-ingest run --data-dir {args.data_dir}`",
            file=sys.stderr,
        )
        return 2
    print(f"dashboard written to {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
