"""Final accounts (部门决算) generated from known facts (testkit/layoutgen/finals.py) read into a
warehouse: every printed figure in its phase (budget, adjusted, actual), none wrong; the
execution mart and the two queries of budget against actual answer from them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from medins.queries import QUERIES_DIR, load_queries, run_query
from testkit.golden import county_figures, judge
from testkit.layoutgen import Generated, generate_corpus, write_corpus
from testkit.layoutgen.facts import FUNCTION_NAMES
from tests.conftest import Warehouse, build_warehouse

pytestmark = pytest.mark.slow

DOCS = generate_corpus(["shanghai_final"], ["text_cells", "pdf", "html"], per_cell=2)
# more layouts (each drawn from its own pool of counties): text that lost its columns, text
# aligned by spaces, CSV, a workbook of the tables alone (its collector's sources.csv row names
# the body and year they do not print), and the national template (三公 in one row)
LAYOUTS = generate_corpus(
    ["shanghai_final"],
    ["text_spaced", "text_aligned", "text_csv", "xlsx"],
    1,
    seed="finals-layouts",
) + generate_corpus(
    ["national_final"], ["text_tsv", "text_aligned", "xlsx", "pdf"], 1, seed="finals-national"
)
EVERY = DOCS + LAYOUTS
QUERIES = {query.short_name: query for query in load_queries(QUERIES_DIR)}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    root: Path = tmp_path_factory.mktemp("finals")
    write_corpus(EVERY, root / "sources")
    built = build_warehouse(root / "sources", root / "out")
    yield built
    built.close()


def _expected(doc: Generated, measure: str) -> Decimal | None:
    return next((e.value for e in doc.expected if e.measure == measure), None)


def _answer(warehouse: Warehouse, name: str) -> list[dict[str, Any]]:
    columns, rows = run_query(warehouse.con, QUERIES[name])
    return [dict(zip(columns, row, strict=True)) for row in rows]


def test_every_printed_figure_in_its_phase_none_wrong(warehouse: Warehouse) -> None:
    counties = [doc.document.county_code for doc in EVERY]
    assert len(set(counties)) == len(EVERY), "each document of its own county"
    found = county_figures(warehouse.con, counties)
    verdicts = Counter()
    bad = []
    for doc in EVERY:
        for verdict in judge(
            doc.name, doc.document.year, list(doc.expected), found, doc.document.county_code
        ):
            verdicts[verdict.verdict] += 1
            if verdict.verdict in ("wrong", "extra"):
                bad.append(verdict.describe())
    assert bad == []
    printed = verdicts["right"] + verdicts["missed"]
    assert verdicts["right"] >= 0.95 * printed, verdicts


def test_a_final_account_is_its_kind_and_its_year(warehouse: Warehouse) -> None:
    kinds = warehouse.rows("select document_kind, fiscal_year, county_code from dim_document")
    assert sorted(kinds) == sorted(
        ("final", doc.document.year, doc.document.county_code) for doc in EVERY
    )


def test_execution_mart_sets_budget_beside_actual(warehouse: Warehouse) -> None:
    columns = (
        "budget_yuan, actual_yuan, actual_minus_budget_yuan, computed_rate_percent, "
        "stated_rate_percent"
    )
    for doc in DOCS:
        budget = _expected(doc, "general_budget_expenditure_yuan")
        actual = _expected(doc, "general_budget_expenditure_actual_yuan")
        where = [doc.document.county_code, doc.document.year]
        county = warehouse.con.execute(
            f"select {columns} from mart_county_budget_execution where county_code = ? "
            "and fiscal_year = ? and measure = 'general_budget_expenditure_yuan'",
            where,
        ).fetchone()
        if doc.document.medical_insurance:
            row = county
        else:
            # a Party or congress body: in the bodies' mart, never the county bureau's
            assert county is None, doc.name
            row = warehouse.con.execute(
                f"select {columns} from mart_budget_execution where division_code = ? "
                "and fiscal_year = ? and measure = 'general_budget_expenditure_yuan' "
                "and body_kind = 'other'",
                where,
            ).fetchone()
        assert row is not None and budget is not None and actual is not None, doc.name
        rate = (100 * actual / budget).quantize(Decimal("0.01"))
        assert row == (budget, actual, actual - budget, rate, rate)


def test_query_bodies_over_their_three_public_budget(warehouse: Warehouse) -> None:
    rows = _answer(warehouse, "three_public_over_budget")
    over = {
        (doc.document.year, component)
        for doc in EVERY
        for component in ("total", "reception", "overseas", "vehicle_total")
        if (_expected(doc, f"three_public_{component}_actual_yuan") or 0)
        > (_expected(doc, f"three_public_{component}_yuan") or 0)
    }
    assert over, "the generated corpus has a body over its 三公 budget"
    listed = {(row["fiscal_year"], row["component"]) for row in rows if row["is_over_budget"]}
    assert {
        pair for pair in listed if pair[1] in ("total", "reception", "overseas", "vehicle_total")
    } == over
    assert all(row["over_budget_yuan"] > 0 for row in rows if row["is_over_budget"])
    assert all(row["actual_yuan"] is not None for row in rows)  # every body here has a 决算


def test_query_resident_subsidy_executed_year_by_year(warehouse: Warehouse) -> None:
    rows = {
        (row["county_code"], row["fiscal_year"]): row
        for row in _answer(warehouse, "resident_subsidy_execution")
    }
    checked = 0
    for doc in DOCS:
        budget = _expected(doc, "function_2101202_yuan")
        if budget is None:
            continue
        row = rows[(doc.document.county_code, doc.document.year)]
        assert row["budget_yuan"] == budget
        assert row["actual_yuan"] == _expected(doc, "function_2101202_actual_yuan")
        assert row["adjusted_yuan"] == _expected(doc, "function_2101202_adjusted_yuan")
        checked += 1
    assert checked


def _stated_items(doc: Generated) -> dict[str, Decimal]:
    """The 项 subjects the 说明 explains one by one: measure → the budget it states."""
    return {
        stated.measure: stated.value
        for stated in doc.document.ledger.figures
        if stated.measure.startswith("function_") and not stated.measure.endswith("_actual_yuan")
    }


def test_each_items_prose_is_proven_by_the_table_that_prints_it(warehouse: Warehouse) -> None:
    """An item's 年初预算为X is printed again in the 一般公共预算财政拨款支出决算表: the same
    figure twice, proven 'agreed'; its reason reaches mart_budget_execution."""
    proofs: dict[object, object] = {
        key: proof
        for key, proof in warehouse.rows(
            "select documents.division_code || '-' || proven.measure, proven.proof "
            "from intermediate.int_measures_proven as proven inner join dim_document as "
            "documents on proven.body_scope_id = documents.body_scope_id "
            "and proven.fiscal_year = documents.fiscal_year "
            "where starts_with(proven.measure, 'function_')"
        )
    }
    stated = {
        f"{doc.document.county_code}-{measure}"
        for doc in EVERY
        if doc.filename.endswith((".txt", ".pdf", ".html"))
        for measure in _stated_items(doc)
    }
    assert stated and {key: proofs.get(key) for key in stated} == dict.fromkeys(stated, "agreed")
    reasons = warehouse.rows(
        "select stated_reason from mart_budget_execution "
        "where starts_with(measure, 'function_') and actual_yuan < budget_yuan"
    )
    assert reasons and all(reason for (reason,) in reasons)


def test_an_items_prose_that_disagrees_with_its_table_is_conflicting(
    tmp_path: Path,
) -> None:
    """The sentence says one 决算数 and the table another: 'conflicting', both listed."""
    doc = next(doc for doc in DOCS if doc.filename.endswith(".txt") and _stated_items(doc))
    measure = next(m for m in _stated_items(doc) if len(m) == len("function_2101501_yuan"))
    actual = _expected(doc, measure.replace("_yuan", "_actual_yuan"))
    assert actual is not None
    code = measure.removeprefix("function_").removesuffix("_yuan")
    text = doc.data.decode("utf-8")
    (line,) = [line for line in text.splitlines() if f"{FUNCTION_NAMES[code]}（项）" in line]
    stated = re.search(r"支出决算为(?P<amount>[\d.]+)(?P<unit>万元|元)", line)
    assert stated is not None, line
    one_more = Decimal(stated["amount"]) + 1  # a 万元 or a 元 more: beyond printing precision
    wrong = actual + (10000 if stated["unit"] == "万元" else 1)
    sources = tmp_path / "sources"
    sources.mkdir()
    told = line.replace(stated[0], f"支出决算为{one_more}{stated['unit']}")
    (sources / doc.filename).write_text(text.replace(line, told), encoding="utf-8")
    built = build_warehouse(sources, tmp_path / "out")
    try:
        row = built.con.execute(
            "select actual_yuan, actual_status from mart_budget_execution where measure = ?",
            [measure],
        ).fetchone()
        assert row == (actual, "conflicting")  # the table's figure shown, the status says
        listed = built.rows(
            "select value_a, value_b from mart_source_inconsistencies where subject = ?",
            measure,
        )
        assert {value for pair in listed for value in pair} >= {actual, wrong}, listed
    finally:
        built.close()
