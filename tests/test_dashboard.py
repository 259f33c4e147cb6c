"""The dashboard: built from the corpus warehouse's exports and opened in headless Chromium.

Chromium's ``--dump-dom`` prints the DOM after the page's scripts ran: each chart container then
carries ``data-rendered="true"`` and ``<pre id="console-errors">`` holds whatever the page recorded
through ``window.onerror`` and ``console.error``.  ``--enable-logging=stderr`` also prints every
console message as a line containing ``CONSOLE``; the dashboard logs nothing, so any such line is a
failure.  Without /usr/bin/chromium the browser tests skip, unless MEDINS_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

from reporting.dashboard import CHART_IDS, build_dashboard, main
from tests.browser import CHROMIUM_FLAGS, chromium_or_skip
from tests.conftest import Warehouse


@dataclass(frozen=True)
class Rendered:
    """What Chromium made of the page."""

    dom: str
    console: list[str]
    seconds: float


@pytest.fixture(scope="module")
def dashboard(corpus_warehouse: Warehouse, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dashboard") / "index.html"
    return build_dashboard(corpus_warehouse.paths.exports, out)


@pytest.fixture(scope="module")
def rendered(dashboard: Path, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    chromium = chromium_or_skip()
    profile = tmp_path_factory.mktemp("chromium-profile")
    started = time.monotonic()
    done = subprocess.run(
        [
            str(chromium),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--dump-dom",
            dashboard.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    seconds = time.monotonic() - started
    assert done.returncode == 0, f"chromium exited {done.returncode}: {done.stderr[-2000:]}"
    assert "</html>" in done.stdout, f"no DOM dumped: {done.stderr[-2000:]}"
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line]
    return Rendered(done.stdout, console, seconds)


def chart_dom(dom: str, chart_id: str) -> str:
    """The dumped DOM of one chart container (up to the next section)."""
    start = dom.index(f'id="{chart_id}"')
    end = dom.find("<section", start)
    return dom[start : end if end != -1 else len(dom)]


def keyed(fragment: str, tag: str, key: str) -> str:
    """The inside of the first ``<tag ... data-key="key">`` element, nested tags included."""
    start = re.search(rf'<{tag}\b[^>]*data-key="{re.escape(key)}"[^>]*>', fragment)
    assert start, f"no <{tag} data-key={key!r}>"
    depth = 1
    for token in re.finditer(rf"<(/?){tag}\b[^>]*>", fragment[start.end() :]):
        depth += -1 if token.group(1) else 1
        if depth == 0:
            return fragment[start.end() : start.end() + token.start()]
    raise AssertionError(f"<{tag} data-key={key!r}> is not closed")


# --- without a browser -----------------------------------------------------------------------


def test_missing_exports_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert "no exports folder" in err and "ingest run" in err
    assert not (tmp_path / "nowhere" / "dashboard").exists()


@pytest.mark.slow
def test_html_is_self_contained(dashboard: Path) -> None:
    page = dashboard.read_text(encoding="utf-8")
    assert not re.search(r"https?:|//", page), "the page names an external URL"
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=|@import", page)
    for chart_id in CHART_IDS:
        assert f'id="{chart_id}" data-rendered="false"' in page


@pytest.mark.slow
def test_cli_writes_default_location(corpus_warehouse: Warehouse, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "exports").symlink_to(corpus_warehouse.paths.exports.resolve())
    assert main(["--data-dir", str(data_dir)]) == 0
    page = (data_dir / "dashboard" / "index.html").read_text(encoding="utf-8")
    # the headline counts, recomputed from the Parquet files the page was drawn from
    exports = corpus_warehouse.paths.exports
    documents = pl.read_parquet(exports / "dim_document.parquet").height
    county_years = pl.read_parquet(exports / "mart_county_year_comparison.parquet")
    counties = county_years["county_code"].n_unique()
    assert (
        f"{counties} 县 counties · {county_years.height} 县年 county-years · "
        f"{documents} 份文件 documents"
    ) in page
    assert re.findall(r"%[A-Z]+%", page) == [], "a placeholder of the template is left"
    embedded = re.search(r'id="dashboard-data">(.*?)</script>', page)
    assert embedded, "the page embeds no data"
    payload = json.loads(embedded.group(1))
    assert payload["snapshot"] == exports.resolve().name
    assert len(payload["per_capita"]["rows"]) == county_years.height


# --- in Chromium -----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_every_chart_rendered_without_console_errors(rendered: Rendered) -> None:
    for chart_id in CHART_IDS:
        attributes = re.search(rf'<div class="chart" id="{chart_id}"([^>]*)>', rendered.dom)
        assert attributes, f"{chart_id} missing"
        assert 'data-rendered="true"' in attributes.group(1), f"{chart_id} did not render"
    errors = re.search(r'<pre id="console-errors">(.*?)</pre>', rendered.dom, re.S)
    assert errors and errors.group(1).strip() == "", f"page recorded errors: {errors}"
    assert 'data-error-count="0"' in rendered.dom
    assert 'data-dashboard="ready"' in rendered.dom
    assert rendered.console == [], "console messages:\n" + "\n".join(rendered.console)
    assert rendered.seconds < 60


@pytest.mark.slow
@pytest.mark.browser
def test_charts_draw_svg_and_show_provenance(
    rendered: Rendered, corpus_warehouse: Warehouse
) -> None:
    documents = pl.read_parquet(corpus_warehouse.paths.exports / "dim_document.parquet")
    files = {
        row["doc_id"][:8]: Path(row["source_path"]).name for row in documents.iter_rows(named=True)
    }
    # the reference corpus holds budgets only: budget against actual is drawn (with values)
    # from a warehouse with a 部门决算 in tests/test_budget_and_final.py
    for chart_id in (c for c in CHART_IDS if c != "chart-execution"):
        fragment = chart_dom(rendered.dom, chart_id)
        if chart_id != "chart-inconsistencies":
            assert "<svg" in fragment and "<rect" in fragment, f"{chart_id} drew nothing"
        listed = re.findall(r"<li><code>([0-9a-f]{8})</code> ([^ <]+)", fragment)
        assert listed, f"{chart_id} lists no source document"
        for prefix, name in listed:
            assert files.get(prefix) == name, f"{chart_id}: {prefix} is not {name}"


@pytest.mark.slow
@pytest.mark.browser
def test_per_capita_values_and_null_reasons(
    rendered: Rendered, corpus_warehouse: Warehouse
) -> None:
    fragment = chart_dom(rendered.dom, "chart-per-capita")
    weixian = keyed(fragment, "tr", "130434-2025")
    assert "魏县" in weixian and "142.00" in weixian
    bazhou = keyed(fragment, "tr", "131081-2021")
    assert "霸州市" in bazhou and "124.53" in bazhou and "2020" in bazhou  # enrollment of 2020
    assert "status-derived" in keyed(fragment, "g", "131081-2021")
    # every computed figure of the mart appears in its row; every NULL shows a reason, no bar
    mart = pl.read_parquet(corpus_warehouse.paths.exports / "mart_county_year_comparison.parquet")
    for row in mart.iter_rows(named=True):
        key = f"{row['county_code']}-{row['fiscal_year']}"
        value = row["county_resident_subsidy_per_person_computed"]
        drawn = keyed(fragment, "g", key)
        if value is None:
            assert "计算 NULL:" in drawn, f"{key}: NULL without a reason"
            assert 'fill="#2b6cb0"' not in drawn, f"{key}: NULL drawn as a bar"
        else:
            assert f"{value:,.2f}" in keyed(fragment, "tr", key)


@pytest.mark.slow
@pytest.mark.browser
def test_enrollment_three_public_and_yoy(rendered: Rendered) -> None:
    enrollment = chart_dom(rendered.dom, "chart-enrollment")
    julu = keyed(enrollment, "g", "130529-2025")
    assert "status-conflicting" in julu and "380,000" in julu and "330,000" in julu
    assert "contributors" in keyed(enrollment, "g", "622925-2024")

    three_public = chart_dom(rendered.dom, "chart-three-public")
    assert "reported as zero" in keyed(three_public, "g", "130533-2023")
    assert "components not reported" in keyed(three_public, "g", "130434-2025")
    assert "100,000" in keyed(three_public, "g", "131081-2021")

    yoy = chart_dom(rendered.dom, "chart-yoy")
    assert "上年数由文中增减额推算" in yoy and "上年数来自文件" in yoy
    assert "−81.40%" in yoy  # 霸州市 三公 2020→2021


@pytest.mark.slow
@pytest.mark.browser
def test_inconsistencies_table(rendered: Rendered) -> None:
    fragment = chart_dom(rendered.dom, "chart-inconsistencies")
    rows = re.findall(r'<tr class="status-conflicting"[^>]*>(.*?)</tr>', fragment, re.S)
    julu = [row for row in rows if "巨鹿县" in row]
    assert julu, "no inconsistency row for 巨鹿县"
    assert any(
        "two_figures_for_one_thing" in row and "380,000" in row and "330,000" in row for row in julu
    )
    assert "冲突 conflicting" in fragment


@pytest.mark.slow
@pytest.mark.browser
def test_per_resident_nominal_and_real_labelled(
    rendered: Rendered, corpus_warehouse: Warehouse
) -> None:
    fragment = chart_dom(rendered.dom, "chart-per-resident")
    assert "名义 nominal" in fragment and "不变价 real" in fragment
    mart = pl.read_parquet(corpus_warehouse.paths.exports / "mart_county_year_comparison.parquet")
    for row in mart.iter_rows(named=True):
        key = f"{row['county_code']}-{row['fiscal_year']}"
        drawn, listed = keyed(fragment, "g", key), keyed(fragment, "tr", key)
        assert f"{row['population']:,}" in listed
        for column in (
            "total_expenditure_per_resident",
            "total_expenditure_per_resident_real_yuan",
        ):
            value = row[column]
            if value is None:
                assert "NULL:" in drawn, f"{key} {column}: NULL without a reason"
            else:
                assert f"{value:,.2f}" in listed and f"{value:,.2f}" in drawn
    yoy = chart_dom(rendered.dom, "chart-yoy")
    assert "名义 nominal" in yoy and "不变价 real" in yoy
