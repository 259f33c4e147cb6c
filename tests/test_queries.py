"""The researchers' SQL (queries/*.sql) and its runner, checked against the reference corpus.

Expected values are the documents' own figures (e.g. 魏县 2025: 11985万元 for 84.4万 residents,
142元 per person stated), or are recomputed here from the facts independently of the query.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ingest.reference import seed
from medins.queries import (
    QUERIES_DIR,
    Query,
    QueryHeaderError,
    load_queries,
    main,
    parse_header,
    run_query,
    select_queries,
)
from tests.conftest import Warehouse

QUERIES = load_queries(QUERIES_DIR)
BY_SHORT_NAME = {query.short_name: query for query in QUERIES}
CJK = re.compile(r"[\u4e00-\u9fff]")

Row = dict[str, Any]


def answer(warehouse: Warehouse, short_name: str) -> list[Row]:
    columns, rows = run_query(warehouse.con, BY_SHORT_NAME[short_name])
    return [dict(zip(columns, row, strict=True)) for row in rows]


def only(rows: list[Row], **match: object) -> Row:
    found = [row for row in rows if all(row[key] == value for key, value in match.items())]
    assert len(found) == 1, f"expected one row for {match}, got {found}"
    return found[0]


# --- the query files ------------------------------------------------------------------------


def test_at_least_twelve_numbered_queries() -> None:
    assert len(QUERIES) >= 12
    assert [query.number for query in QUERIES] == [f"{i:02d}" for i in range(1, len(QUERIES) + 1)]
    for required in (
        "per_capita_subsidy",
        "enrollment_trend",
        "three_public",
        "biggest_yoy_changes",
        "self_contradictions",
        "function_subject_structure",
        "indicator_quantitative_vs_vague",
    ):
        assert required in BY_SHORT_NAME


@pytest.mark.parametrize("query", QUERIES, ids=lambda query: query.name)
def test_query_file_has_bilingual_header(query: Query) -> None:
    text = query.path.read_text(encoding="utf-8")
    assert text.startswith("-- 问题:"), "the file starts with the question in Chinese"
    assert CJK.search(query.question_zh)
    assert query.question_zh.endswith("？")
    assert sum(char.isascii() for char in query.question_en) > 0.9 * len(query.question_en)
    assert query.question_en.endswith("?")
    header = parse_header(text)
    assert header.get("columns"), "the header explains the output columns"
    assert query.caveat, "the header says where the data is thin"


@pytest.mark.parametrize("query", QUERIES, ids=lambda query: query.name)
def test_query_sql_style(query: Query) -> None:
    body = "\n".join(line for line in query.sql.splitlines() if not line.lstrip().startswith("--"))
    assert not re.search(r"\b(SELECT|FROM|WHERE|JOIN|GROUP BY|ORDER BY)\b", body), "lower case"
    assert body.lstrip().startswith("with "), "import CTEs first"
    assert "\t" not in body
    last_statement = body.rsplit("select * from final", 1)
    assert len(last_statement) == 2 and "order by" in last_statement[1], "deterministic order"
    assert not re.search(r"\bcoalesce\([^()]*_yuan\s*,\s*0\)", body), "NULL money never 0"


def _county_names() -> set[str]:
    """Every county name of the reference list, with its short form (巨鹿县 → 巨鹿)."""
    names: set[str] = set()
    with seed("ref_divisions.csv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            if row["level"] != "county":
                continue
            short = re.sub(r"(自治县|自治旗|县|市|区|旗)$", "", row["division_name"])
            names.update(name for name in (row["division_name"], short) if len(name) >= 2)
    return names


COUNTY_NAMES = _county_names()
# a printed figure (86万, 321.24万元, 142元, 38万人) or a year: findings about some documents
FINDING = re.compile(r"\d[\d.,]*\s*(?:万|亿|元|人)|(?<!\d)(?:19|20)\d\d(?!\d)")


@pytest.mark.parametrize("query", QUERIES, ids=lambda query: query.name)
def test_caveat_says_how_to_check_not_what_some_documents_say(query: Query) -> None:
    """A caveat must stay true for any documents: no county named, no figure or year quoted."""
    assert [name for name in COUNTY_NAMES if name in query.caveat] == []
    figures = [found for found in FINDING.findall(query.caveat) if re.search(r"[1-9]", found)]
    assert figures == []


def test_parse_header_joins_continuation_lines() -> None:
    header = parse_header(
        "-- 问题：各县补助多少？\n"
        "-- Question: How much does each\n"
        "--     county pay?\n"
        "--\n"
        "-- Columns:\n"
        "--     a: the first.\n"
        "-- Caveat: thin.\n"
        "select 1\n"
        "-- Question: not header\n"
    )
    assert header == {
        "question_zh": "各县补助多少？",
        "question_en": "How much does each county pay?",
        "columns": "a: the first.",
        "caveat": "thin.",
    }


def test_query_without_header_is_refused(tmp_path: Path) -> None:
    (tmp_path / "01_bare.sql").write_text("select 1\n", encoding="utf-8")
    with pytest.raises(QueryHeaderError, match="question_zh, question_en"):
        load_queries(tmp_path)


def test_select_queries_by_number_short_name_or_stem() -> None:
    picked = select_queries(QUERIES, ["01", "three_public", "05_self_contradictions"])
    assert [query.number for query in picked] == ["01", "03", "05"]
    assert select_queries(QUERIES, []) == QUERIES
    with pytest.raises(LookupError, match="nonsense"):
        select_queries(QUERIES, ["nonsense"])


# --- the runner, on small warehouses made here -------------------------------------------------


def _write_query(folder: Path, name: str, sql: str) -> None:
    (folder / name).write_text(
        f"-- 问题: 问题{name}？\n-- Question: Question {name}?\n--\n-- Caveat: none.\n\n{sql}\n",
        encoding="utf-8",
    )


@pytest.fixture
def tiny_warehouse(tmp_path: Path) -> Iterator[Path]:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with duckdb.connect(str(data_dir / "warehouse.duckdb")) as con:
        con.execute(
            "create table t as select * from (values (1, 2.50::decimal(18, 2)), "
            "(2, null)) as v(id, amount)"
        )
    yield data_dir


def test_main_without_warehouse_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert "no warehouse at" in err and "warehouse.duckdb" in err


def test_main_reports_a_failing_query_and_runs_the_others(
    tiny_warehouse: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "queries"
    folder.mkdir()
    _write_query(folder, "01_broken.sql", "select * from no_such_table order by 1")
    _write_query(folder, "02_fine.sql", "with t as (select * from t) select * from t order by id")
    code = main(["--data-dir", str(tiny_warehouse), "--queries", str(folder)])
    captured = capsys.readouterr()
    assert code == 1
    assert "query failed" in captured.out and "no_such_table" in captured.out
    assert "Question 02_fine.sql?" in captured.out
    assert "2.50" in captured.out and "NULL" in captured.out, "NULL is shown, not hidden"
    assert "1 of 2 queries failed" in captured.err


def test_main_unknown_name_exits_2(
    tiny_warehouse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tiny_warehouse), "nonsense"]) == 2
    assert "no query named nonsense" in capsys.readouterr().err


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    assert "python -m medins.queries --data-dir" in capsys.readouterr().out


# --- the answers on the reference corpus -------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("query", QUERIES, ids=lambda query: query.name)
def test_query_runs_on_the_corpus(corpus_warehouse: Warehouse, query: Query) -> None:
    columns, rows = run_query(corpus_warehouse.con, query)
    assert rows, "every question has an answer on the reference corpus"
    assert len(set(columns)) == len(columns)


@pytest.mark.slow
def test_runner_main_prints_every_question(
    corpus_warehouse: Warehouse, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(corpus_warehouse.paths.data_dir)]) == 0
    out = capsys.readouterr().out
    for query in QUERIES:
        assert query.question_zh in out
        assert query.question_en in out


@pytest.mark.slow
def test_per_capita_subsidy_computed_vs_stated(corpus_warehouse: Warehouse) -> None:
    rows = answer(corpus_warehouse, "per_capita_subsidy")
    wei = only(rows, county_name="魏县", fiscal_year=2025)
    assert (wei["per_capita_computed"], wei["per_capita_stated"]) == (Decimal("142.00"), 142)
    assert (wei["enrollment_persons"], wei["enrollment_year"]) == (844000, 2025)
    assert wei["enrollment_kind"] in ("enrolled", "projected")  # 84.4万 is stated as both
    assert wei["subsidy_yuan"] == Decimal("119850000.00")
    hezheng = only(rows, county_name="和政县", fiscal_year=2024)
    assert (hezheng["per_capita_computed"], hezheng["per_capita_stated"]) == (
        Decimal("11.80"),
        Decimal("11.8"),
    )
    assert (hezheng["enrollment_persons"], hezheng["enrollment_kind"]) == (234644, "beneficiaries")
    bazhou = only(rows, county_name="霸州市", fiscal_year=2021)
    assert bazhou["per_capita_computed"] == Decimal("124.53")
    assert (bazhou["enrollment_persons"], bazhou["enrollment_year"]) == (544929, 2020)
    assert bazhou["per_capita_stated"] is None
    assert bazhou["per_capita_stated_status"] == "not_reported"
    assert bazhou["computed_minus_stated"] is None
    julu = only(rows, county_name="巨鹿县", fiscal_year=2025)
    assert julu["per_capita_computed"] is None and julu["null_reason"]
    assert julu["enrollment_is_conflicting"] is True
    assert {row["county_name"] for row in rows} == {"魏县", "和政县", "霸州市", "巨鹿县", "威县"}


@pytest.mark.slow
def test_enrollment_trend(corpus_warehouse: Warehouse) -> None:
    rows = answer(corpus_warehouse, "enrollment_trend")
    assert len(rows) == corpus_warehouse.one("select count(*) from fct_enrollment")
    wei = only(
        rows, county_name="魏县", fiscal_year=2025, scheme="resident", enrollment_kind="enrolled"
    )
    assert (wei["prior_year"], wei["prior_persons"], wei["change_persons"]) == (
        2022,
        860000,
        -16000,
    )
    assert wei["change_pct"] == Decimal("-1.86")
    bazhou = only(rows, county_name="霸州市", scheme="resident")
    assert (bazhou["fiscal_year"], bazhou["persons"], bazhou["prior_year"]) == (2020, 544929, None)
    assert only(rows, county_name="巨鹿县", fiscal_year=2025)["is_conflicting"] is True


@pytest.mark.slow
def test_three_public_with_components_and_share(corpus_warehouse: Warehouse) -> None:
    rows = answer(corpus_warehouse, "three_public")
    bazhou = only(rows, county_name="霸州市", fiscal_year=2021)
    assert bazhou["three_public_total_yuan"] == Decimal("106500.00")
    assert bazhou["three_public_total_status"] == "reported"
    assert [
        (bazhou[f"{part}_yuan"], bazhou[f"{part}_status"])
        for part in ("overseas", "vehicle_purchase", "vehicle_operation", "reception")
    ] == [(0, "reported_zero"), (0, "reported_zero"), (100000, "reported"), (6500, "reported")]
    assert bazhou["components_match_total"] is True
    assert bazhou["basic_expenditure_yuan"] == Decimal("12723200.00")
    assert bazhou["share_of_basic_pct"] == Decimal("0.84")  # 10.65 / 1272.32 万元
    prior = only(rows, county_name="霸州市", fiscal_year=2020)
    assert (prior["three_public_total_yuan"], prior["three_public_total_status"]) == (
        572600,
        "derived",
    )
    weixian = only(rows, county_name="威县", fiscal_year=2023)
    assert (weixian["three_public_total_yuan"], weixian["three_public_total_status"]) == (
        0,
        "reported_zero",
    )
    silent = only(rows, county_name="和政县", fiscal_year=2024)
    assert silent["three_public_total_yuan"] is None
    assert silent["three_public_total_status"] == "not_reported"
    assert silent["share_of_basic_pct"] is None


@pytest.mark.slow
def test_biggest_yoy_changes(corpus_warehouse: Warehouse) -> None:
    rows = answer(corpus_warehouse, "biggest_yoy_changes")
    assert len(rows) == corpus_warehouse.one("select count(*) from mart_yoy_change")
    assert [row["change_rank"] for row in rows] == list(range(1, len(rows) + 1))
    known: list[Decimal] = [abs(row["pct_change"]) for row in rows if row["pct_change"] is not None]
    assert known == sorted(known, reverse=True)
    assert all(row["pct_change"] is None for row in rows[len(known) :]), "no-% changes last"
    first = rows[0]
    assert (first["county_name"], first["measure"], first["pct_change"]) == (
        "霸州市",
        "three_public_vehicle_purchase_yuan",
        Decimal("-100.00"),
    )
    total = only(rows, county_name="霸州市", measure="total_expenditure_yuan")
    assert (total["prior_year"], total["prior_value"], total["pct_change"]) == (
        2020,
        Decimal("331509400.00"),
        Decimal("-72.82"),
    )
    assert total["prior_source"] == "stated_change"


@pytest.mark.slow
def test_self_contradictions(corpus_warehouse: Warehouse) -> None:
    rows = answer(corpus_warehouse, "self_contradictions")
    assert len(rows) == corpus_warehouse.one("select count(*) from mart_source_inconsistencies")
    hezheng = only(
        rows, county_name="和政县", fiscal_year=2024, check_name="basic_plus_project_vs_total"
    )
    assert (hezheng["value_a"], hezheng["value_b"]) == (
        Decimal("3212400.00"),
        Decimal("8559000.00"),
    )
    assert hezheng["source_path"].endswith("001_7b27b9e27e53efe8.txt")
    julu = only(
        rows, county_name="巨鹿县", fiscal_year=2025, check_name="two_figures_for_one_thing"
    )
    assert (julu["value_a"], julu["value_b"]) == (380000, 330000)
    assert julu["line_a"] is not None and julu["line_b"] is not None
    assert only(rows, check_name="listed_projects_exceed_total")["county_name"] == "巨鹿县"
    assert {row["county_name"]: row["n_contradictions_in_county"] for row in rows} == {
        "巨鹿县": 4,
        "和政县": 1,
    }


@pytest.mark.slow
def test_function_subject_structure(corpus_warehouse: Warehouse) -> None:
    rows = answer(corpus_warehouse, "function_subject_structure")
    assert {row["county_name"] for row in rows} == {"巨鹿县", "威县"}
    assert {row["level_zh"] for row in rows} == {"类", "款", "项"}
    subsidy = only(rows, county_name="威县", subject_code="2101202")
    assert (subsidy["level_zh"], subsidy["parent_code"], subsidy["total_yuan"]) == (
        "项",
        "21012",
        Decimal("69250000.00"),
    )
    assert subsidy["basic_yuan"] is None and subsidy["project_yuan"] == Decimal("69250000.00")
    assert subsidy["share_of_total_pct"] == Decimal("90.43")  # 6925 / 7658.2425 万元
    assert all(row["children_match"] in (True, None) for row in rows)
    for county, total in (("巨鹿县", Decimal("4253000.00")), ("威县", Decimal("76582425.00"))):
        classes = [
            row["total_yuan"]
            for row in rows
            if row["county_name"] == county and row["level_zh"] == "类"
        ]
        assert sum(classes) == total
        assert (
            sum(
                row["share_of_total_pct"]
                for row in rows
                if row["county_name"] == county and row["level_zh"] == "类"
            )
            == 100
        )


@pytest.mark.slow
def test_indicator_quantitative_vs_vague(corpus_warehouse: Warehouse) -> None:
    rows = answer(corpus_warehouse, "indicator_quantitative_vs_vague")
    facts = corpus_warehouse.rows(
        "select county_code, fiscal_year, scope, is_quantitative, is_missing_value, value_text "
        "from fct_indicator"
    )
    expected: dict[tuple[object, object, object], list[int]] = {}
    for county, year, scope, quantitative, missing, _ in facts:
        counts = expected.setdefault((county, year, scope), [0, 0, 0])
        counts[0 if quantitative else 2 if missing else 1] += 1
    assert {
        (row["county_code"], row["fiscal_year"], row["scope"]): [
            row["n_quantitative"],
            row["n_vague"],
            row["n_missing_value"],
        ]
        for row in rows
    } == expected
    hezheng = only(rows, county_name="和政县", scope="project")
    assert (hezheng["n_indicators"], hezheng["n_quantitative"], hezheng["n_vague"]) == (48, 23, 25)
    assert "明显提高" in hezheng["commonest_vague_values"]
    assert sum(row["n_vague"] for row in rows) == sum(
        1 for fact in facts if not fact[3] and not fact[4]
    )


@pytest.mark.slow
def test_basic_vs_project_and_personnel(corpus_warehouse: Warehouse) -> None:
    rows = answer(corpus_warehouse, "basic_vs_project")
    hezheng = only(rows, county_name="和政县", fiscal_year=2024)
    assert hezheng["basic_plus_project_yuan"] == Decimal("8559000.00")
    assert hezheng["parts_match_total"] is False
    assert only(rows, county_name="巨鹿县", fiscal_year=2025)["parts_match_total"] is True
    assert only(rows, county_name="魏县", fiscal_year=2025)["basic_share_pct"] is None
    people = answer(corpus_warehouse, "personnel_share")
    julu = only(people, county_name="巨鹿县", fiscal_year=2025)
    assert (julu["personnel_expenditure_yuan"], julu["personnel_share_pct"]) == (
        Decimal("2205000.00"),
        Decimal("91.00"),
    )
    assert julu["parts_match_basic"] is True


@pytest.mark.slow
def test_medical_assistance(corpus_warehouse: Warehouse) -> None:
    rows = answer(corpus_warehouse, "medical_assistance")
    weixian = only(rows, county_name="威县", fiscal_year=2023)
    assert (weixian["medical_assistance_yuan"], weixian["share_of_total_pct"]) == (
        Decimal("1300000.00"),
        Decimal("1.70"),
    )
    bazhou = only(rows, county_name="霸州市", fiscal_year=2021)
    assert bazhou["medical_assistance_yuan"] == Decimal("9020000.00")  # 500 + 119 + 283 万元
    julu = only(rows, county_name="巨鹿县", fiscal_year=2025)
    assert julu["medical_assistance_yuan"] is None
    assert julu["medical_assistance_status"] == "not_reported"
    assert "医疗救助经费" in julu["other_projects_naming_assistance"]


@pytest.mark.slow
def test_reported_vs_derived_counts_every_measure(corpus_warehouse: Warehouse) -> None:
    rows = answer(corpus_warehouse, "reported_vs_derived")
    statuses = ("reported", "reported_zero", "derived", "conflicting", "not_reported")
    for row in rows:
        expected = {
            status: count
            for status, count in corpus_warehouse.rows(
                "select status, count(*) from fct_county_measure where county_code = ? "
                "and fiscal_year = ? group by status",
                row["county_code"],
                row["fiscal_year"],
            )
        }
        assert {status: row[f"n_{status}"] for status in statuses} == {
            status: expected.get(status, 0) for status in statuses
        }
    assert only(rows, county_name="巨鹿县", fiscal_year=2025)["conflicting_measures"] == (
        "resident_enrollment_persons"
    )
    assert only(rows, county_name="霸州市", fiscal_year=2020)["has_own_document"] is False


@pytest.mark.slow
def test_projects_by_category(corpus_warehouse: Warehouse) -> None:
    rows = answer(corpus_warehouse, "projects_by_category")
    assert sum(row["n_projects"] for row in rows) == corpus_warehouse.one(
        "select count(*) from fct_project"
    )
    assert sum(row["amount_yuan"] for row in rows if row["amount_yuan"] is not None) == (
        corpus_warehouse.one("select sum(amount_yuan) from fct_project")
    )
    subsidy = only(rows, county_name="霸州市", category="county_resident_subsidy")
    assert (subsidy["n_projects"], subsidy["amount_yuan"]) == (2, Decimal("67860000.00"))
    unpriced = only(rows, county_name="威县", category="county_resident_subsidy")
    assert (unpriced["n_with_amount"], unpriced["amount_yuan"]) == (0, None)


@pytest.mark.slow
def test_economic_subjects_and_documents(corpus_warehouse: Warehouse) -> None:
    rows = answer(corpus_warehouse, "basic_expenditure_by_economic_subject")
    wages = only(rows, county_name="巨鹿县", subject_code="30101")
    assert (wages["subject_name"], wages["total_yuan"]) == ("基本工资", Decimal("1054000.00"))
    assert all(row["children_match"] in (True, None) for row in rows)
    documents = answer(corpus_warehouse, "documents_coverage")
    assert len(documents) == 5
    assert {row["outcome"] for row in documents} == {"primary"}
    weixian = only(documents, county_name="威县")
    assert (weixian["money_unit"], weixian["fiscal_year"]) == ("元", 2023)


@pytest.mark.slow
def test_per_resident_real_terms(corpus_warehouse: Warehouse) -> None:
    """Recomputed from the census seed, the CPI seed and the query's own nominal figures."""
    with seed("ref_population.csv").open(encoding="utf-8") as handle:
        census = {
            (row["division_code"], int(row["population_year"])): int(row["resident_population"])
            for row in csv.DictReader(handle)
            if row["population_kind"] == "census"
        }
    with seed("ref_cpi.csv").open(encoding="utf-8") as handle:
        rates = {int(row["year"]): float(row["cpi_change_pct"]) for row in csv.DictReader(handle)}
    index = {2020: 100.0}
    for year in range(2021, max(rates) + 1):
        index[year] = index[year - 1] * (1 + rates[year] / 100)
    rows = answer(corpus_warehouse, "per_resident_real_terms")
    assert {row["county_name"] for row in rows} == {"魏县", "和政县", "霸州市", "巨鹿县", "威县"}
    for row in rows:
        year = 2010 if row["fiscal_year"] - 2010 <= 2020 - row["fiscal_year"] else 2020
        population = census[(row["county_code"], year)]
        assert (row["population"], row["population_year"]) == (population, year)
        deflator = index[2020] / index[row["fiscal_year"]]
        nominal = row["total_expenditure_nominal_yuan"]
        if nominal is None:
            assert row["total_expenditure_per_resident_real_yuan"] is None
            continue
        assert abs(float(row["total_expenditure_real_yuan"]) - float(nominal) * deflator) <= 0.005
        per_resident = float(nominal) / population
        assert (
            abs(float(row["total_expenditure_per_resident_nominal_yuan"]) - per_resident) <= 0.005
        )
        assert (
            abs(float(row["total_expenditure_per_resident_real_yuan"]) - per_resident * deflator)
            <= 0.005
        )
        assert 1 <= row["rank_in_province"] <= row["peers_in_province"]
    hezheng = only(rows, county_name="和政县", fiscal_year=2024)
    assert hezheng["population_source"] == "census_2020"
    assert hezheng["price_base_year"] == 2020
