"""A self-contained HTML dashboard drawn from the exported marts.

The dashboard reads only ``<data-dir>/exports/*.parquet`` (never the DuckDB file), so it can be
built while the warehouse is being rebuilt: the exports folder is a symlink swapped atomically by
the build, and it is resolved once so every table comes from one snapshot.

The output is one HTML file with inline CSS, inline JavaScript and the figures embedded as JSON.
It names no external URL, so it opens offline.  The script draws five charts into SVG:

* per-capita county subsidy for resident insurance, computed vs stated (``chart-per-capita``);
* resident enrollment with the kind of figure (``chart-enrollment``);
* 三公 components, zero and not-reported told apart (``chart-three-public``);
* year-over-year change by measure, marking where the prior value came from (``chart-yoy``);
* source inconsistencies as a table (``chart-inconsistencies``).

Each chart lists its provenance (file name and doc_id prefix of the documents its figures came
from, and how many figures are derived, conflicting or not reported).  Each chart container gets
``data-rendered="true"`` once drawn, and errors are recorded into ``<pre id="console-errors">``
(``window.onerror`` and a wrapped ``console.error``), so ``chromium --headless --dump-dom``
reveals both.

Example::

    python -m ingest.dashboard --data-dir data            # writes data/dashboard/index.html
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
from pathlib import Path
from typing import Any

import polars as pl

Row = dict[str, Any]
Key = tuple[str, int, str]

TABLES = (
    "dim_document",
    "mart_county_year_comparison",
    "fct_county_measure",
    "fct_enrollment",
    "fct_three_public",
    "mart_yoy_change",
    "mart_source_inconsistencies",
)
CHART_IDS = (
    "chart-per-capita",
    "chart-enrollment",
    "chart-three-public",
    "chart-yoy",
    "chart-inconsistencies",
)
THREE_PUBLIC_PARTS = ("overseas", "vehicle_purchase", "vehicle_operation", "reception")

MEASURE_LABELS = {
    "total_revenue_yuan": "收入合计",
    "total_expenditure_yuan": "支出合计",
    "basic_expenditure_yuan": "基本支出",
    "personnel_expenditure_yuan": "人员经费",
    "public_operating_expenditure_yuan": "公用经费",
    "project_expenditure_yuan": "项目支出",
    "agency_operating_cost_yuan": "机关运行经费",
    "three_public_total_yuan": "三公合计",
    "three_public_overseas_yuan": "因公出国(境)费",
    "three_public_vehicle_purchase_yuan": "公务用车购置费",
    "three_public_vehicle_operation_yuan": "公务用车运行维护费",
    "three_public_vehicle_total_yuan": "公务用车购置及运维费",
    "three_public_reception_yuan": "公务接待费",
    "resident_enrollment_persons": "城乡居民参保人数",
    "employee_enrollment_persons": "职工参保人数",
    "county_resident_subsidy_yuan": "县级居民医保补助",
    "county_resident_subsidy_per_person_computed": "人均县级补助(计算)",
    "county_resident_subsidy_per_person_stated": "人均县级补助(文件所述)",
    "medical_assistance_yuan": "医疗救助",
    "fixed_assets_yuan": "固定资产",
    "resident_individual_premium_per_person": "居民个人缴费标准",
    "resident_fiscal_subsidy_per_person_all_levels": "各级财政人均补助",
}
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
}
LABELS: dict[str, Mapping[str, str]] = {
    "measures": MEASURE_LABELS,
    "checks": CHECK_LABELS,
    "kinds": {
        "enrolled": "参保",
        "contributors": "征缴",
        "projected": "预计参保",
        "beneficiaries": "受益",
    },
    "statuses": {
        "reported": "已报告",
        "reported_zero": "报告为零",
        "derived": "推算",
        "not_reported": "未报告",
        "conflicting": "冲突",
    },
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
        for row in pl.read_parquet(path).to_dicts()
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
    listed.sort(key=lambda d: (d["county"] or "", d["fiscal_year"] or 0, d["file"]))
    return {"documents": listed, "statuses": dict(Counter(s for s in statuses if s))}


def measure_index(measures: Iterable[Row]) -> dict[Key, Row]:
    """(county_code, fiscal_year, measure) → the fct_county_measure row."""
    return {(row["county_code"], row["fiscal_year"], row["measure"]): row for row in measures}


def county_names(comparison: Iterable[Row]) -> dict[str, str]:
    return {row["county_code"]: row["county_name"] for row in comparison}


def _sorted(rows: Iterable[Row], names: Mapping[str, str], *extra: str) -> list[Row]:
    return sorted(
        rows,
        key=lambda r: (
            names.get(r["county_code"], r["county_code"]),
            r["county_code"],
            r["fiscal_year"],
            *(str(r[k]) for k in extra),
        ),
    )


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
            "county": names.get(row["county_code"], row["county_code"]),
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


def build_payload(tables: Mapping[str, list[Row]], snapshot: str) -> Row:
    """Everything the page's script draws, as one JSON-ready dict."""
    comparison = tables["mart_county_year_comparison"]
    names = county_names(comparison)
    comparison = _sorted(comparison, names)
    documents = document_index(tables["dim_document"])
    measures = measure_index(tables["fct_county_measure"])
    issues = tables["mart_source_inconsistencies"]
    return {
        "snapshot": snapshot,
        "labels": LABELS,
        "counts": {
            "documents": len(documents),
            "county_years": len(comparison),
            "counties": len(names),
        },
        "per_capita": per_capita_section(comparison, measures, documents, names),
        "enrollment": enrollment_section(
            comparison, measures, tables["fct_enrollment"], issues, documents, names
        ),
        "three_public": three_public_section(tables["fct_three_public"], documents, names),
        "yoy": yoy_section(tables["mart_yoy_change"], documents, names),
        "inconsistencies": inconsistencies_section(issues, documents, names),
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
)


def render_html(payload: Row) -> str:
    """The whole page: inline CSS, error recorder, sections, embedded data and drawing script."""
    counts = payload["counts"]
    sections = "\n".join(_section(*spec) for spec in SECTIONS)
    return (
        _PAGE.replace("%CSS%", _CSS)
        .replace("%RECORDER%", _RECORDER)
        .replace("%SNAPSHOT%", html.escape(str(payload["snapshot"])))
        .replace(
            "%COUNTS%",
            f"{counts['counties']} 县 counties · {counts['county_years']} "
            f"县年 county-years · {counts['documents']} 份文件 documents",
        )
        .replace("%SECTIONS%", sections)
        .replace("%SCRIPT%", _SCRIPT)
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
        prog="python -m ingest.dashboard",
        description="Write a self-contained HTML dashboard (no network needed) from the "
        "exported marts in <data-dir>/exports.",
        epilog="example: python -m ingest.dashboard --data-dir data   "
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
            f"`python -m ingest run --data-dir {args.data_dir}`",
            file=sys.stderr,
        )
        return 2
    print(f"dashboard written to {written}")
    return 0


# --- page template ----------------------------------------------------------------------------

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>县医保局预算看板 · County medical-insurance budget dashboard</title>
<style>%CSS%</style>
<script>%RECORDER%</script>
</head>
<body data-dashboard="loading">
<header>
<h1>县医疗保障局预算公开看板</h1>
<p class="subtitle">County medical-insurance bureau budget disclosures: figures from the
exported marts, each chart with the documents it came from.</p>
<p class="meta">%COUNTS% · 数据快照 snapshot <code>%SNAPSHOT%</code></p>
<p class="legend-global">
<span class="chip status-derived">ᵈ 推算 derived</span>
<span class="chip status-conflicting">⚠ 冲突 conflicting</span>
<span class="chip status-reported_zero">0 报告为零 reported zero</span>
<span class="chip status-not_reported">— 未报告 not reported (never drawn as 0)</span>
</p>
</header>
<main>
%SECTIONS%
</main>
<footer>
<h3>控制台错误 Console errors</h3>
<pre id="console-errors"></pre>
</footer>
<script type="application/json" id="dashboard-data">%DATA%</script>
<script>%SCRIPT%</script>
</body>
</html>
"""

_CSS = """
:root { --ink: #1a202c; --muted: #5a6473; --line: #d8dee8; --computed: #2b6cb0;
  --stated: #dd6b20; --conflict: #c53030; --zero: #2f855a; --nr: #a0aec0; }
* { box-sizing: border-box; }
body { margin: 0; padding: 0 24px 40px; color: var(--ink); background: #f5f7fa;
  font: 14px/1.45 "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif; }
header { padding: 18px 0 6px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 0; }
h3 { font-size: 15px; margin: 12px 0 4px; }
h4 { font-size: 13px; margin: 10px 0 4px; }
.subtitle { color: var(--muted); margin: 2px 0 10px; }
.meta { color: var(--muted); font-size: 12px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px;
  padding: 16px 18px; margin: 16px 0; }
.chart svg { display: block; max-width: 1100px; }
.chart text { font-size: 12px; fill: var(--ink); }
.chart text.muted, .muted { fill: var(--muted); color: var(--muted); }
.chart text.small { font-size: 11px; }
.chart text.null { fill: #718096; font-style: italic; font-size: 11px; }
.chart text.warn { fill: var(--conflict); }
.chart .grid { stroke: #edf0f5; }
.chart .axis { stroke: #a0aec0; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 12px; margin: 4px 0 8px; }
.swatch { display: inline-block; width: 14px; height: 10px; margin-right: 4px;
  vertical-align: middle; border: 1px solid rgba(0, 0, 0, .15); }
.swatch.hatch { background: repeating-linear-gradient(45deg, #888 0 3px, #fff 3px 6px); }
.swatch.nr { background: repeating-linear-gradient(45deg, #e2e8f0 0 3px, #fff 3px 6px);
  border: 1px dashed var(--nr); }
.swatch.conflict { background: #fff; border: 2px solid var(--conflict); }
.chip { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px;
  margin: 0 4px 4px 0; background: #edf2f7; }
.chip.status-derived { background: #ebf4ff; }
.chip.status-conflicting { background: #fff5f5; color: var(--conflict); }
.chip.status-reported_zero { background: #f0fff4; color: var(--zero); }
.chip.status-not_reported { background: #f7fafc; color: var(--muted); }
.provenance { border-top: 1px solid var(--line); margin-top: 10px; font-size: 12px; }
.provenance ul { margin: 2px 0 6px; padding-left: 18px; }
.provenance code, code { font-size: 12px; background: #edf2f7; padding: 0 3px;
  border-radius: 3px; }
table.data { border-collapse: collapse; font-size: 12px; width: 100%; margin-top: 6px; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 4px 6px;
  text-align: left; vertical-align: top; }
table.data td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.data th { background: #f7fafc; }
table.data .wrap { white-space: normal; font-size: 11px; }
table.data td:first-child { white-space: nowrap; }
table.data td.desc { min-width: 260px; }
details summary { cursor: pointer; color: var(--muted); font-size: 12px; margin-top: 6px; }
#console-errors { background: #fff; border: 1px solid var(--line); padding: 6px;
  min-height: 1.5em; color: var(--conflict); white-space: pre-wrap; }
"""

_RECORDER = r"""
(function () {
  'use strict';
  var errors = [];
  function show() {
    var el = document.getElementById('console-errors');
    if (el) { el.textContent = errors.join('\n'); }
    document.documentElement.setAttribute('data-error-count', String(errors.length));
  }
  function record(text) { errors.push(String(text)); show(); }
  window.dashboardErrors = errors;
  window.onerror = function (message, source, line, column) {
    record('uncaught error: ' + message + ' (line ' + line + ':' + column + ')');
    return false;
  };
  window.addEventListener('unhandledrejection', function (event) {
    record('unhandled rejection: ' + event.reason);
  });
  var original = console.error;
  console.error = function () {
    record(Array.prototype.slice.call(arguments).join(' '));
    return original.apply(console, arguments);
  };
  document.addEventListener('DOMContentLoaded', show);
})();
"""

_SCRIPT = r"""
(function () {
  'use strict';
  var DATA = JSON.parse(document.getElementById('dashboard-data').textContent);
  var L = DATA.labels;
  var W = 1100, LABEL_X = 8, BAR_X = 190, BAR_W = 430, NOTE_X = 640;
  var COLORS = { computed: '#2b6cb0', stated: '#dd6b20', enrolled: '#319795',
    overseas: '#805ad5', vehicle_purchase: '#d69e2e', vehicle_operation: '#dd6b20',
    reception: '#3182ce', stated_change: '#dd6b20', document: '#2b6cb0' };

  function esc(value) {
    return String(value === null || value === undefined ? '' : value)
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }
  function isNum(value) { return typeof value === 'number' && isFinite(value); }
  function fmt(value, digits) {
    if (!isNum(value)) { return '—'; }
    var parts = Math.abs(value).toFixed(digits).split('.');
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (value < 0 ? '−' : '') + whole + (parts.length > 1 ? '.' + parts[1] : '');
  }
  function fmtAuto(value) { return fmt(value, isNum(value) && value % 1 !== 0 ? 2 : 0); }
  function pct(value) { return isNum(value) ? signed(value, 2) + '%' : '— %'; }
  function signed(value, digits) {
    return (isNum(value) && value > 0 ? '+' : '') + fmt(value, digits);
  }
  function clip(text, n) {
    text = String(text || '');
    return text.length > n ? text.slice(0, n - 1) + '…' : text;
  }
  function label(map, key) { return (L[map] && L[map][key]) || key || ''; }
  function statusMark(status) {
    return { derived: ' ᵈ', conflicting: ' ⚠', reported_zero: '' }[status] || '';
  }
  function niceMax(values, headroom) {
    var max = 0;
    values.forEach(function (v) { if (isNum(v) && Math.abs(v) > max) { max = Math.abs(v); } });
    max *= headroom || 1;
    if (max <= 0) { return 1; }
    var power = Math.pow(10, Math.floor(Math.log10(max)));
    var steps = [1, 2, 4, 6, 8, 10];
    for (var i = 0; i < steps.length; i += 1) {
      if (steps[i] * power >= max) { return steps[i] * power; }
    }
    return 10 * power;
  }
  function text(x, y, content, cls, anchor) {
    return '<text x="' + x + '" y="' + y + '"' + (cls ? ' class="' + cls + '"' : '') +
      (anchor ? ' text-anchor="' + anchor + '"' : '') + '>' + esc(content) + '</text>';
  }
  function svg(id, height, body) {
    return '<svg viewBox="0 0 ' + W + ' ' + height + '" width="100%" role="img" ' +
      'aria-label="' + esc(id) + '"><defs><pattern id="' + id + '-hatch" width="6" ' +
      'height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' +
      '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2.4"/></pattern>' +
      '<pattern id="' + id + '-nr" width="6" height="6" patternUnits="userSpaceOnUse" ' +
      'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>' +
      '<line x1="0" y1="0" x2="0" y2="6" stroke="#cbd5e0" stroke-width="2"/></pattern>' +
      '</defs>' + body + '</svg>';
  }
  function bar(id, x, y, width, height, color, status, title) {
    var stroke = status === 'conflicting' ? ' stroke="#c53030" stroke-width="2.5"' :
      (status === 'derived' ? ' stroke="' + color + '" stroke-dasharray="4 2"' : '');
    var out = '<g class="bar status-' + esc(status) + '"><title>' + esc(title) + '</title>' +
      '<rect x="' + x + '" y="' + y + '" width="' + Math.max(width, 1) + '" height="' +
      height + '" fill="' + color + '"' + stroke + '/>';
    if (status === 'derived') {
      out += '<rect x="' + x + '" y="' + y + '" width="' + Math.max(width, 1) +
        '" height="' + height + '" fill="url(#' + id + '-hatch)"/>';
    }
    return out + '</g>';
  }
  function axis(max, y, height, fmtTick) {
    var out = '';
    for (var i = 0; i <= 4; i += 1) {
      var x = BAR_X + BAR_W * i / 4;
      out += '<line class="grid" x1="' + x + '" x2="' + x + '" y1="' + y + '" y2="' +
        (y + height) + '"/>' + text(x, y - 6, fmtTick(max * i / 4), 'muted small', 'middle');
    }
    return out + '<line class="axis" x1="' + BAR_X + '" x2="' + BAR_X + '" y1="' + y +
      '" y2="' + (y + height) + '"/>';
  }
  function legend(items) {
    return '<div class="legend">' + items.map(function (item) {
      return '<span><span class="swatch ' + (item.cls || '') + '" style="background-color:' +
        (item.color || 'transparent') + '"></span>' + esc(item.text) + '</span>';
    }).join('') + '</div>';
  }
  function docRef(docId, line) {
    if (!docId) { return ''; }
    return docId.slice(0, 8) + (isNum(line) ? ' L' + line : '');
  }
  function table(headers, rows) {
    return '<details><summary>数据表 Data table (' + rows.length + ' rows)</summary>' +
      '<table class="data"><thead><tr>' + headers.map(function (h) {
        return '<th>' + esc(h) + '</th>';
      }).join('') + '</tr></thead><tbody>' + rows.join('') + '</tbody></table></details>';
  }
  function cell(value, num) {
    return '<td' + (num ? ' class="num"' : '') + '>' + esc(value) + '</td>';
  }
  function provenance(section) {
    var p = section.provenance;
    var docs = p.documents.map(function (d) {
      return '<li><code>' + esc(d.prefix) + '</code> ' + esc(d.file) + ' <span class="muted">' +
        esc(d.county || '') + ' ' + esc(d.fiscal_year || '') + '</span></li>';
    }).join('');
    var statuses = Object.keys(p.statuses).sort().map(function (s) {
      return '<span class="chip status-' + esc(s) + '">' + esc(label('statuses', s)) + ' ' +
        esc(s) + ': ' + p.statuses[s] + '</span>';
    }).join('');
    return '<div class="provenance"><h4>来源文件 Provenance (' + p.documents.length +
      ' documents)</h4><ul>' + (docs || '<li class="muted">none</li>') + '</ul>' +
      '<div class="statuses">' + statuses + '</div></div>';
  }
  function empty(message) {
    return '<p class="muted">无数据 · ' + esc(message) + '</p>';
  }
  function rowLabel(r, y) {
    return text(LABEL_X, y, r.county + ' ' + r.fiscal_year, '') +
      (r.prefecture ? text(LABEL_X, y + 15, r.prefecture, 'muted small') : '');
  }

  function valueBar(id, y, value, status, color, name, reason, scale, unit, extra) {
    var tag = name + ' ' + label('statuses', status) + ' ' + (status || '');
    if (!isNum(value)) {
      return '<g class="null"><title>' + esc(reason || '') + '</title>' + text(BAR_X + 4,
        y + 12, name + ' NULL: ' + clip(reason || 'not reported', 60), 'null') + '</g>';
    }
    var width = scale(value);
    return bar(id, BAR_X, y, width, 16, color, status, tag + ' ' + fmt(value, 2) + (extra || '')) +
      text(BAR_X + width + 6, y + 12, fmt(value, 2) + ' ' + unit + statusMark(status),
        status === 'conflicting' ? 'warn' : '');
  }

  function drawPerCapita(section, id) {
    var rows = section.rows;
    if (!rows.length) { return empty('mart_county_year_comparison has no rows'); }
    var values = [];
    rows.forEach(function (r) { values.push(r.computed, r.stated); });
    var max = niceMax(values, 1.3), top = 30, rowH = 62;
    var scale = function (v) { return BAR_W * v / max; };
    var body = axis(max, top, rows.length * rowH, function (v) { return fmt(v, 0); });
    rows.forEach(function (r, i) {
      var y = top + i * rowH + 6;
      body += '<g class="row" data-key="' + esc(r.county_code + '-' + r.fiscal_year) + '">' +
        rowLabel(r, y + 14);
      body += valueBar(id, y, r.computed, r.computed_status, COLORS.computed, '计算',
        r.computed_null_reason, scale, '元/人', ' · ' + (r.computed_basis || ''));
      body += valueBar(id, y + 22, r.stated, r.stated_status, COLORS.stated, '所述',
        r.stated_null_reason, scale, '元/人', '');
      var base = isNum(r.enrollment_persons) ?
        '分母 ' + fmt(r.enrollment_persons, 0) + ' 人 · ' + label('kinds', r.enrollment_kind) +
        ' ' + r.enrollment_kind + ' · ' + r.enrollment_year + '年' : '分母 denominator: 无 none';
      body += text(NOTE_X, y + 12, base, 'small' + (r.enrollment_year &&
        r.enrollment_year !== r.fiscal_year ? ' warn' : ''));
      if (r.enrollment_year && r.enrollment_year !== r.fiscal_year) {
        body += text(NOTE_X, y + 27, '⚠ 用 ' + r.enrollment_year + ' 年参保数 (enrollment of ' +
          r.enrollment_year + ', not ' + r.fiscal_year + ')', 'small warn');
      }
      body += text(NOTE_X, y + 42, '补助 ' + fmt(r.subsidy_yuan, 0) + ' 元 ' +
        label('statuses', r.subsidy_status) + ' · ' + clip(r.subsidy_basis || '', 34),
        'small muted') + '</g>';
    });
    var rowsHtml = rows.map(function (r) {
      return '<tr data-key="' + esc(r.county_code + '-' + r.fiscal_year) + '">' +
        cell(r.county) + cell(r.fiscal_year) + cell(fmt(r.computed, 2), true) +
        cell(r.computed_status) + cell(fmt(r.stated, 2), true) + cell(r.stated_status) +
        cell(fmt(r.enrollment_persons, 0), true) + cell((r.enrollment_kind || '') + ' ' +
        (r.enrollment_year || '')) + cell(r.computed_basis || r.computed_null_reason || '') +
        cell(r.stated_null_reason || '') + cell(docRef(r.computed_doc || r.stated_doc)) + '</tr>';
    });
    return legend([
      { color: COLORS.computed, text: '计算值 computed = subsidy ÷ enrollment' },
      { color: COLORS.stated, text: '文件所述 stated per-person standard' },
      { cls: 'hatch', text: 'ᵈ 推算 derived (hatched)' },
      { cls: 'conflict', text: '⚠ 冲突 conflicting' },
      { text: 'NULL: 不画为 0, 显示原因 never drawn as 0; the reason is shown' }
    ]) + svg(id, top + rows.length * rowH + 8, body) +
      table(['县 county', '年 year', '计算 computed', 'status', '所述 stated', 'status',
        '分母 denominator', 'kind · year', 'basis / NULL reason', 'stated NULL reason',
        'doc'], rowsHtml) + provenance(section);
  }

  function drawEnrollment(section, id) {
    var rows = section.rows;
    if (!rows.length) { return empty('no county-years'); }
    var values = [];
    rows.forEach(function (r) {
      values.push(r.persons);
      r.alternatives.forEach(function (a) { values.push(a.persons); });
    });
    var max = niceMax(values, 1.25), top = 30, rowH = 40;
    var scale = function (v) { return BAR_W * v / max; };
    var body = axis(max, top, rows.length * rowH, function (v) {
      return fmt(v / 10000, 0) + '万';
    });
    rows.forEach(function (r, i) {
      var y = top + i * rowH + 8;
      body += '<g class="row" data-key="' + esc(r.county_code + '-' + r.fiscal_year) + '">' +
        text(LABEL_X, y + 13, r.county + ' ' + r.fiscal_year, '');
      var labelX = BAR_X + (isNum(r.persons) ? scale(r.persons) : 0), marks = '';
      r.alternatives.forEach(function (a) {
        var x = BAR_X + scale(a.persons);
        labelX = Math.max(labelX, x + 6);
        marks += '<g class="alt"><title>' + esc(a.label + ': ' + fmt(a.persons, 0) + ' · ' +
          docRef(a.doc_id, a.line)) + '</title><path d="M' + x + ' ' + (y + 2) + ' l6 7 l-6 7 ' +
          'l-6 -7 z" fill="#fff" stroke="#2d3748" stroke-width="1.5"/></g>';
      });
      if (isNum(r.persons)) {
        body += bar(id, BAR_X, y, scale(r.persons), 18, COLORS.enrolled, r.status,
          r.basis || '') + marks + text(labelX + 6, y + 13, fmt(r.persons, 0) + ' 人' +
          statusMark(r.status), r.status === 'conflicting' ? 'warn' : '');
      } else {
        body += marks + text(BAR_X + 4, y + 13, 'NULL: ' + clip(r.null_reason ||
          'not reported', 66), 'null');
      }
      var note = isNum(r.persons) ? label('kinds', r.kind) + ' ' + (r.kind || '') + ' · ' +
        (r.kind_year || '') + '年 · ' + label('statuses', r.status) : '';
      var alts = r.alternatives.map(function (a) {
        return '◇ ' + fmt(a.persons, 0) + ' ' + (label('kinds', a.label) || a.label);
      }).join('  ');
      body += text(NOTE_X, y + 8, note, 'small' + (r.status === 'conflicting' ? ' warn' : '')) +
        text(NOTE_X, y + 22, clip(alts, 60), 'small muted') + '</g>';
    });
    var rowsHtml = rows.map(function (r) {
      return '<tr data-key="' + esc(r.county_code + '-' + r.fiscal_year) + '">' +
        cell(r.county) + cell(r.fiscal_year) + cell(fmt(r.persons, 0), true) +
        cell(r.kind || '') + cell(r.status) + cell(r.basis || r.null_reason || '') +
        cell(r.alternatives.map(function (a) {
          return fmt(a.persons, 0) + ' (' + a.label + ', ' + docRef(a.doc_id, a.line) + ')';
        }).join('; ')) + cell(docRef(r.doc_id, r.line)) + '</tr>';
    });
    return legend([
      { color: COLORS.enrolled, text: '选用的居民参保数 selected resident enrollment' },
      { cls: 'conflict', text: '⚠ 冲突 conflicting (documents give two values)' },
      { text: '◇ 其他口径或冲突值 other kinds / conflicting values' }
    ]) + svg(id, top + rows.length * rowH + 8, body) +
      table(['县 county', '年 year', '人 persons', 'kind', 'status', 'basis / NULL reason',
        'other statements', 'doc'], rowsHtml) + provenance(section);
  }

  function partText(name, part) {
    var short = label('parts', name);
    if (!part || part.status === 'not_reported') { return short + ' 未报告'; }
    return short + ' ' + fmtAuto(part.amount) + statusMark(part.status);
  }
  function drawThreePublic(section, id) {
    var rows = section.rows, parts = section.parts;
    if (!rows.length) { return empty('fct_three_public has no rows'); }
    var values = [];
    rows.forEach(function (r) {
      var sum = 0;
      parts.forEach(function (p) { if (r.parts[p] && isNum(r.parts[p].amount)) {
        sum += r.parts[p].amount; } });
      values.push(sum, r.parts.total ? r.parts.total.amount : null);
    });
    var max = niceMax(values, 1.1), top = 30, rowH = 50;
    var scale = function (v) { return BAR_W * v / max; };
    var body = axis(max, top, rows.length * rowH, function (v) { return fmt(v, 0); });
    rows.forEach(function (r, i) {
      var y = top + i * rowH + 8, x = BAR_X, reported = 0, zeros = 0;
      body += '<g class="row" data-key="' + esc(r.county_code + '-' + r.fiscal_year) + '">' +
        text(LABEL_X, y + 13, r.county + ' ' + r.fiscal_year, '');
      parts.forEach(function (p) {
        var part = r.parts[p];
        if (!part || part.status === 'not_reported') { return; }
        reported += 1;
        if (part.amount === 0) { zeros += 1; return; }
        var width = scale(part.amount);
        body += bar(id, x, y, width, 18, COLORS[p], part.status, label('parts', p) + ' ' +
          fmtAuto(part.amount) + ' 元 · ' + part.status + ' · ' + (part.basis || '') + ' · ' +
          docRef(part.doc_id, part.line));
        x += width;
      });
      var total = r.parts.total;
      if (reported === 0) {
        body += '<rect x="' + BAR_X + '" y="' + y + '" width="' + BAR_W / 3 + '" height="18" ' +
          'fill="url(#' + id + '-nr)" stroke="#a0aec0" stroke-dasharray="3 3"/>' +
          text(BAR_X + 6, y + 13, '分项未报告 components not reported', 'null');
      } else if (zeros === reported) {
        body += '<line x1="' + BAR_X + '" x2="' + BAR_X + '" y1="' + (y - 2) + '" y2="' +
          (y + 20) + '" stroke="#2f855a" stroke-width="4"/>' +
          text(BAR_X + 8, y + 13, '0 · 分项均报告为零 all components reported as zero', 'small');
      }
      if (total && isNum(total.amount)) {
        var tx = BAR_X + scale(total.amount);
        body += '<g class="total"><title>' + esc('合计 total ' + fmtAuto(total.amount) + ' · ' +
          total.status + ' · ' + (total.basis || '')) + '</title><line x1="' + tx + '" x2="' + tx +
          '" y1="' + (y - 4) + '" y2="' + (y + 22) + '" stroke="#1a202c" stroke-width="2"' +
          (total.status === 'derived' ? ' stroke-dasharray="3 2"' : '') + '/></g>';
      }
      var totalText = total && total.status !== 'not_reported' ?
        '合计 ' + fmtAuto(total.amount) + ' 元' + statusMark(total.status) + ' ' +
        label('statuses', total.status) : '合计 未报告 total not reported';
      body += text(NOTE_X, y + 8, totalText, 'small') + text(NOTE_X, y + 23,
        parts.map(function (p) { return partText(p, r.parts[p]); }).join(' · '),
        'small muted') + '</g>';
    });
    var rowsHtml = rows.map(function (r) {
      return '<tr data-key="' + esc(r.county_code + '-' + r.fiscal_year) + '">' +
        cell(r.county) + cell(r.fiscal_year) + parts.concat(['total']).map(function (p) {
          var part = r.parts[p];
          return cell(part ? (isNum(part.amount) ? fmtAuto(part.amount) + ' ' : '') +
            part.status : 'absent', true);
        }).join('') + cell(docRef((r.parts.total || {}).doc_id)) + '</tr>';
    });
    var items = parts.map(function (p) {
      return { color: COLORS[p], text: label('parts', p) + ' ' + p };
    });
    items.push({ cls: 'nr', text: '未报告 not reported (hatched grey, no bar)' });
    items.push({ color: '#2f855a', text: '0 报告为零 reported zero (green tick)' });
    items.push({ color: '#1a202c', text: '│ 合计 total (dashed if derived)' });
    return legend(items) + svg(id, top + rows.length * rowH + 8, body) +
      table(['县 county', '年 year'].concat(parts, ['total', 'doc']), rowsHtml) +
      provenance(section);
  }

  function drawYoy(section, id) {
    var rows = section.rows;
    if (!rows.length) { return empty('mart_yoy_change has no rows'); }
    var max = niceMax(rows.map(function (r) { return r.pct_change; }));
    var top = 30, rowH = 30, mid = BAR_X + BAR_W / 2, half = BAR_W / 2;
    var body = '';
    for (var t = -2; t <= 2; t += 1) {
      var gx = mid + half * t / 2;
      body += '<line class="grid" x1="' + gx + '" x2="' + gx + '" y1="' + top + '" y2="' +
        (top + rows.length * rowH) + '"/>' + text(gx, top - 6, signed(max * t / 2, 0) + '%',
        'muted small', 'middle');
    }
    body += '<line class="axis" x1="' + mid + '" x2="' + mid + '" y1="' + top + '" y2="' +
      (top + rows.length * rowH) + '"/>';
    rows.forEach(function (r, i) {
      var y = top + i * rowH + 6;
      body += '<g class="row" data-key="' + esc(r.yoy_id) + '">' + text(LABEL_X, y + 12,
        clip(r.county + ' ' + label('measures', r.measure), 14), '');
      var color = COLORS[r.prior_source] || '#718096';
      var status = r.status === 'conflicting' || r.prior_status === 'conflicting' ?
        'conflicting' : (r.prior_status === 'derived' ? 'derived' : r.status);
      var title = label('measures', r.measure) + ': ' + fmtAuto(r.prior_value) + ' (' +
        r.prior_status + ') → ' + fmtAuto(r.value) + ' (' + r.status + ') · ' +
        r.prior_source + ' · ' + (r.prior_basis || '');
      if (isNum(r.pct_change)) {
        var w = half * Math.abs(r.pct_change) / max;
        body += bar(id, r.pct_change < 0 ? mid - w : mid, y, w, 16, color, status, title);
      } else {
        body += '<title>' + esc(title) + '</title>' +
          text(mid + 6, y + 12, '% 无 n/a (上年为 0 prior is 0)', 'null');
      }
      var apart = r.years_apart > 1 ? ' · 间隔 ' + r.years_apart + ' 年' : '';
      body += text(NOTE_X, y + 12, r.prior_year + '→' + r.fiscal_year + ' · ' +
        pct(r.pct_change) + ' · ' + signed(r.abs_change,
        r.unit === 'persons' ? 0 : 2) + ' ' + (r.unit === 'persons' ? '人' : '元') + apart +
        ' · ' + label('prior_sources', r.prior_source), 'small') + '</g>';
    });
    var rowsHtml = rows.map(function (r) {
      return '<tr data-key="' + esc(r.yoy_id) + '">' + cell(r.county) +
        cell(label('measures', r.measure) + ' (' + r.measure + ')') +
        cell(r.prior_year + '→' + r.fiscal_year) + cell(fmtAuto(r.prior_value), true) +
        cell(r.prior_status) + cell(fmtAuto(r.value), true) + cell(r.status) +
        cell(signed(r.abs_change, 2), true) + cell(pct(r.pct_change), true) +
        cell(r.prior_source) + cell(r.prior_basis || '') + cell(docRef(r.doc_id)) + '</tr>';
    });
    return legend([
      { color: COLORS.stated_change, text: 'stated_change: ' + L.prior_sources.stated_change },
      { color: COLORS.document, text: 'document: ' + L.prior_sources.document },
      { cls: 'hatch', text: 'ᵈ 上年数为推算 prior value derived' }
    ]) + svg(id, top + rows.length * rowH + 8, body) +
      table(['县 county', '指标 measure', 'years', 'prior', 'prior status', 'value', 'status',
        'abs change', '% change', 'prior source', 'prior basis', 'doc'], rowsHtml) +
      provenance(section);
  }

  function valueCell(value, name, line) {
    return '<td class="num">' + esc(fmtAuto(value)) + '<br><span class="muted wrap">' +
      esc((name || '') + (isNum(line) ? ' · L' + line : '')) + '</span></td>';
  }
  function drawInconsistencies(section) {
    var rows = section.rows;
    var body = rows.map(function (r) {
      return '<tr class="status-conflicting" data-key="' + esc(r.inconsistency_id) + '">' +
        cell(r.county) + cell(r.fiscal_year) + '<td>' + esc(label('checks', r.check_name)) +
        '<br><span class="muted">' + esc(r.check_name) + '</span></td>' +
        cell(label('measures', String(r.subject || '').split(' ')[0]) + ' ' + (r.subject || '')) +
        valueCell(r.value_a, r.label_a, r.line_a) + valueCell(r.value_b, r.label_b, r.line_b) +
        cell(signed(r.difference, 2), true) + '<td class="desc">' + esc(r.description) + '</td>' +
        cell(r.file + ' · ' + docRef(r.doc_id)) + '</tr>';
    }).join('');
    var head = ['县 county', '年 year', '检查 check', '事项 subject', '值 A value a',
      '值 B value b', '差 difference', '说明 description', '文件 document'];
    var tableHtml = rows.length ? '<table class="data"><thead><tr>' + head.map(function (h) {
      return '<th>' + esc(h) + '</th>';
    }).join('') + '</tr></thead><tbody>' + body + '</tbody></table>' :
      empty('没有发现不一致 no inconsistencies found');
    return tableHtml + provenance(section);
  }

  var CHARTS = [
    ['chart-per-capita', function (id) { return drawPerCapita(DATA.per_capita, id); }],
    ['chart-enrollment', function (id) { return drawEnrollment(DATA.enrollment, id); }],
    ['chart-three-public', function (id) { return drawThreePublic(DATA.three_public, id); }],
    ['chart-yoy', function (id) { return drawYoy(DATA.yoy, id); }],
    ['chart-inconsistencies', function () { return drawInconsistencies(DATA.inconsistencies); }]
  ];
  CHARTS.forEach(function (entry) {
    var el = document.getElementById(entry[0]);
    try {
      el.innerHTML = entry[1](entry[0]);
      el.setAttribute('data-rendered', 'true');
    } catch (err) {
      el.setAttribute('data-rendered', 'error');
      console.error('chart ' + entry[0] + ' failed: ' + (err && err.stack ? err.stack : err));
    }
  });
  document.body.setAttribute('data-dashboard', 'ready');
})();
"""


if __name__ == "__main__":
    raise SystemExit(main())
