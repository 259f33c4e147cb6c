"""The one golden comparer: what a document is known to state against what was read from it.

Expectations come from three kinds of golden file: the facts a generated document was written
from (``testkit/layoutgen``: every figure it prints, and every figure it does not), the
reference corpus's ``tests/golden/seed_facts.csv``, and the figures read by hand from real
documents (``../shared/real/**/golden.jsonl``).  They name figures as the warehouse does:
``total_revenue_yuan``, ``function_2101101_yuan`` (the total column of a function subject),
``economic_30101_yuan``, a phase other than the document's own with its name
(``three_public_total_actual_yuan``).

What was read is gathered by one of three sources, each a map from a key to the set of
(value, status) pairs it gives:

* ``county_figures``: per (county, year, measure), from ``fct_county_measure`` (a
  Party or congress body's from ``fct_body_measure``) and the subjects of ``fct_budget_line``;
* ``document_figures``: per measure, the figures of one document's body, scope and year in
  ``fct_body_measure`` and ``fct_budget_line`` (every document of a body-year states figures
  there: a workbook of 公开表 and the Word 说明 beside it combine);
* ``extraction_figures``: per measure, from the raw rows ``ingest.extract`` lands, to tell a
  parser fault from a warehouse one.

Every expected figure ends in one ``verdict``: ``right`` (value and status), ``wrong`` (present
with another value or status: the worst outcome), ``missed`` (expected, but NULL or
not_reported), or, for a figure expected to be absent, ``silent`` (correctly NULL).  A figure
the warehouse holds for a county-year that no expectation covers is ``extra`` (a figure the
document does not give: wrong too).  What a golden file cannot tell is said by its ``Rules``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    from ingest.extract import Extraction

Pair = tuple[Decimal | None, str | None]  # a figure's value and status
Figures = dict[str, set[Pair]]  # measure → what a document gives for it
Key = tuple[str, int, str]  # county, year, measure
CountyFigures = dict[Key, set[Pair]]


@dataclass(frozen=True, slots=True)
class Expected:
    county_code: str
    year: int
    measure: str  # a ref_measures key, or function_<code>_yuan / economic_<code>_yuan
    value: Decimal | None
    status: str  # reported | reported_zero | derived | not_reported | conflicting
    where: str = ""


@dataclass(frozen=True, slots=True)
class Rules:
    """What a golden file can tell, and so how a figure is compared with it."""

    # the expectation tells a printed 0 ('reported') from a 0 the table lists by a blank cell
    # or 空表列示 ('reported_zero'); a reading by hand does not: a 0 is a 0
    zero_kinds: bool = True
    # a figure expected 'conflicting' is right only when the value the warehouse shows is among
    # those mart_source_inconsistencies lists for it (seed_facts.csv knows the listing);
    # otherwise its status says enough (generated facts)
    conflicts_listed: bool = False
    # a figure read by hand from one document is right when the warehouse calls it
    # 'conflicting' and lists the value read: another document of the body-year prints another
    reading_may_conflict: bool = False
    # the warehouse's 'not_reported' (or a NULL status) says the document does not print the
    # figure: where a reading of the document found it, that is a wrong statement, not a miss
    absent_is_wrong: bool = False


GENERATED = Rules()
REFERENCE = Rules(conflicts_listed=True)
HAND_READ = Rules(zero_kinds=False, reading_may_conflict=True, absent_is_wrong=True)


def _zero(pair: Pair) -> Pair:
    """A printed 0 as the warehouse names it where the reading does not tell the two apart."""
    value, status = pair
    return (value, "reported_zero") if value == 0 and status == "reported" else pair


def _no_listing() -> set[Decimal]:
    return set()


def verdict(
    wanted: set[Pair],
    given: set[Pair],
    rules: Rules = GENERATED,
    listed: Callable[[], set[Decimal]] = _no_listing,
) -> str:
    """right | wrong | missed | silent | extra for one expected figure (several pairs where one
    subject code is printed on several rows, one per item); ``listed`` gives the values
    mart_source_inconsistencies lists for it, asked only where a conflict is to be proven."""
    if not rules.zero_kinds:
        wanted, given = {_zero(pair) for pair in wanted}, {_zero(pair) for pair in given}
    shown = given if rules.absent_is_wrong else {p for p in given if p[1] != "not_reported"}
    statuses = {status for _, status in wanted}
    if statuses == {"not_reported"}:
        return "extra" if shown else "silent"
    if not shown:
        return "missed"
    conflicting = {status for _, status in shown} == {"conflicting"}
    if "conflicting" in statuses:  # the golden file says two printings disagree
        proven = not rules.conflicts_listed or {value for value, _ in shown} <= listed()
        return "right" if conflicting and proven else "wrong"
    if shown == wanted:
        return "right"
    values = {value for value, _ in wanted}
    if rules.reading_may_conflict and conflicting and len(values) == 1 and values <= listed():
        return "right"  # two documents of the body-year disagree: both are listed
    return "wrong"


# --- golden files ------------------------------------------------------------------------------


def read_golden(path: Path) -> list[dict[str, str]]:
    """The records of a golden.jsonl of real documents (none where the file is absent); the
    ``_doc`` record of a file gives its year and identity, the others its figures."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def reference_expectation(row: dict[str, str]) -> Expected:
    """A row of tests/golden/seed_facts.csv."""
    value = Decimal(row["value"]) if row["value"] else None
    return Expected(row["county_code"], int(row["year"]), row["measure"], value, row["status"])


# --- kinds of figure (the accuracy tables' rows) -----------------------------------------------

KINDS = (
    "totals",
    "structure",
    "three_public",
    "enrollment",
    "standards",
    "subsidy",
    "function",
    "economic",
    "prior_year",
    "other",
)
_KIND_OF = {
    "total_revenue_yuan": "totals",
    "total_expenditure_yuan": "totals",
    "general_budget_appropriation_yuan": "totals",
    "general_budget_expenditure_yuan": "totals",
    "basic_expenditure_yuan": "structure",
    "personnel_expenditure_yuan": "structure",
    "public_operating_expenditure_yuan": "structure",
    "project_expenditure_yuan": "structure",
    "agency_operating_cost_yuan": "structure",
    "resident_enrollment_persons": "enrollment",
    "employee_enrollment_persons": "enrollment",
    "resident_individual_premium_per_person": "standards",
    "resident_fiscal_subsidy_per_person_all_levels": "standards",
    "county_resident_subsidy_yuan": "subsidy",
    "county_resident_subsidy_per_person_stated": "subsidy",
    "county_resident_subsidy_per_person_computed": "subsidy",
    "medical_assistance_yuan": "subsidy",
}


def kind_of(measure: str, year: int, budget_year: int) -> str:
    for phase in ("_actual", "_adjusted", "_budget"):  # a phase's figure is of its measure's kind
        measure = measure.replace(f"{phase}_yuan", "_yuan")
    if measure.startswith("function_"):
        return "function"
    if measure.startswith("economic_"):
        return "economic"
    kind = _KIND_OF.get(measure, "three_public" if measure.startswith("three_public_") else "other")
    if year < budget_year and kind in ("totals", "structure", "three_public"):
        return "prior_year"
    return kind


@dataclass(frozen=True, slots=True)
class Verdict:
    document: str
    county_code: str
    year: int
    measure: str
    kind: str
    expected_value: Decimal | None
    expected_status: str
    got_value: Decimal | None
    got_status: str | None
    verdict: str  # right | wrong | missed | silent | extra
    proof: str | None = None  # balanced | agreed | single: what the warehouse says proves it

    def describe(self) -> str:
        want = f"{self.expected_value} ({self.expected_status})"
        got = f"{self.got_value} ({self.got_status})" if self.got_status else "nothing"
        return f"{self.document}: {self.measure} {self.year}: expected {want}, got {got}"


# --- figures per county (generated documents, the reference corpus) -----------------------------


def county_figures(con: duckdb.DuckDBPyConnection, counties: list[str]) -> CountyFigures:
    """(county, year, measure) → the distinct (value, status) the warehouse holds."""
    found: CountyFigures = defaultdict(set)
    if not counties:
        return found
    marks = ",".join("?" * len(counties))
    # the budget phase keeps the measure's name; the adjusted and actual phases (a 部门决算's
    # 调整预算数 and 决算数) are named measure_<phase>: three_public_total_actual_yuan
    for county, year, measure, value, status in con.execute(
        f"select county_code, fiscal_year, case phase when 'budget' then measure else "
        f"replace(measure, '_yuan', '_' || phase || '_yuan') end, value, status "
        f"from fct_county_measure where county_code in ({marks})",
        counties,
    ).fetchall():
        found[(county, year, measure)].add((value, status))
    # bodies other than a 医疗保障局 (a Party or congress body) are in fct_body_measure only;
    # the medical-insurance measures do not apply to them (NULL status)
    for county, year, measure, value, status in con.execute(
        f"select division_code, fiscal_year, case phase when 'budget' then measure else "
        f"replace(measure, '_yuan', '_' || phase || '_yuan') end, value, status "
        f"from fct_body_measure "
        f"where is_default_scope and status is not null and division_code in ({marks}) "
        f"and division_code not in (select county_code from fct_county_measure)",
        counties,
    ).fetchall():
        found[(county, year, measure)].add((value, status))
    for county, year, scheme, code, value, status, phase in con.execute(
        f"select distinct county_code, fiscal_year, subject_scheme, subject_code, amount_yuan, "
        f"status, phase from fct_budget_line where column_name = 'total' and subject_scheme in "
        f"('function', 'economic') and subject_code is not null and county_code in ({marks})",
        counties,
    ).fetchall():
        suffix = "" if phase == "budget" else f"_{phase}"
        found[(county, year, f"{scheme}_{code}{suffix}_yuan")].add((value, status))
    # a function subject whose execution a 部门决算 states item by item: the figure chosen among
    # the sentence and the table, so a sentence read into the wrong subject or amount shows
    # (conflicting beside the table's line, or a figure of its own)
    for county, year, measure, value, status in con.execute(
        f"select county_code, fiscal_year, case phase when 'budget' then measure else "
        f"replace(measure, '_yuan', '_' || phase || '_yuan') end, value, status from ("
        f"select county_code, fiscal_year, measure, unnest(['budget', 'adjusted', 'actual']) "
        f"as phase, unnest([budget_yuan, adjusted_yuan, actual_yuan]) as value, "
        f"unnest([budget_status, adjusted_status, actual_status]) as status "
        f"from mart_budget_execution where starts_with(measure, 'function_') "
        f"and county_code in ({marks})) where value is not null",
        counties,
    ).fetchall():
        found[(county, year, measure)].add((value, status))
    return found


_PROOF_RANK = {"balanced": 0, "agreed": 1, "single": 2}


def county_proofs(con: duckdb.DuckDBPyConnection, counties: list[str]) -> dict[Key, str]:
    """(county, year, measure) → the proof the warehouse gives the figure (the strongest
    where a subject is printed on several rows)."""
    proofs: dict[Key, str] = {}
    if not counties:
        return proofs
    marks = ",".join("?" * len(counties))
    rows = con.execute(
        f"select county_code, fiscal_year, measure, proof from fct_county_measure "
        f"where proof is not null and county_code in ({marks}) "
        f"union all "
        f"select county_code, fiscal_year, subject_scheme || '_' || subject_code || '_yuan', "
        f"proof from fct_budget_line where column_name = 'total' and subject_scheme in "
        f"('function', 'economic') and subject_code is not null and proof is not null "
        f"and county_code in ({marks})",
        [*counties, *counties],
    ).fetchall()
    for county, year, measure, proof in rows:
        key = (county, year, measure)
        if key not in proofs or _PROOF_RANK[proof] < _PROOF_RANK[proofs[key]]:
            proofs[key] = proof
    return proofs


def county_listed_conflicts(con: duckdb.DuckDBPyConnection, key: Key) -> set[Decimal]:
    """The figures mart_source_inconsistencies lists as two figures for one thing of a county-
    year (an enrollment's subject names its kind: resident_enrollment…)."""
    county, year, measure = key
    rows = con.execute(
        "select value_a, value_b from mart_source_inconsistencies where county_code = ? "
        "and fiscal_year = ? and check_name = 'two_figures_for_one_thing' and subject like ?",
        [county, year, measure.replace("_persons", "") + "%"],
    ).fetchall()
    return {value for pair in rows for value in pair if isinstance(value, Decimal)}


def judge(
    document: str,
    budget_year: int,
    expected: list[Expected],
    found: CountyFigures,
    county: str,
    extras: bool = True,
    proofs: dict[Key, str] | None = None,
    rules: Rules = GENERATED,
    listed: Callable[[Key], set[Decimal]] | None = None,
) -> list[Verdict]:
    """Verdicts for one document's expectations; with ``extras``, also every figure of its
    county the expectations do not cover; with ``proofs``, each found figure's proof; with
    ``listed``, the listed values of a conflicting figure (``county_listed_conflicts``)."""
    proofs = proofs or {}
    out: list[Verdict] = []
    covered: set[Key] = set()
    for e in expected:
        key = (e.county_code, e.year, e.measure)
        covered.add(key)
        pairs = found.get(key, set())
        judged = verdict(
            {(e.value, e.status)}, pairs, rules, partial(listed, key) if listed else _no_listing
        )
        # what to show beside the verdict: the figure given (a wrong one where there is one)
        got = sorted(pairs, key=lambda pair: str(pair))
        given = [(value, status) for value, status in got if status != "not_reported"]
        got_value, got_status = given[0] if given else (None, got[0][1] if got else None)
        if judged == "wrong" and e.status != "conflicting":
            wrong = [pair for pair in given if pair != (e.value, e.status)]
            got_value, got_status = wrong[0] if wrong else given[0]
        out.append(
            Verdict(
                document,
                e.county_code,
                e.year,
                e.measure,
                kind_of(e.measure, e.year, budget_year),
                e.value,
                e.status,
                got_value,
                got_status,
                judged,
                proofs.get(key) if judged in ("right", "wrong") else None,
            )
        )
    if extras:
        for key, found_pairs in sorted(found.items(), key=lambda item: str(item[0])):
            if key[0] != county or key in covered:
                continue
            for value, status in sorted(found_pairs, key=str):
                if status == "not_reported" or value is None:
                    continue
                out.append(
                    Verdict(
                        document,
                        key[0],
                        key[1],
                        key[2],
                        kind_of(key[2], key[1], budget_year),
                        None,
                        "not_reported",
                        value,
                        status,
                        "extra",
                        proofs.get(key),
                    )
                )
    return out


def judge_reference_row(con: duckdb.DuckDBPyConnection, row: dict[str, str]) -> Verdict:
    """One figure of tests/golden/seed_facts.csv against a warehouse built from the reference
    corpus (as text, or printed to PDF): right, or silent for a figure not reported."""
    expected = reference_expectation(row)
    found = county_figures(con, [expected.county_code])
    (judged,) = judge(
        row["county"],
        expected.year,
        [expected],
        found,
        expected.county_code,
        extras=False,
        rules=REFERENCE,
        listed=partial(county_listed_conflicts, con),
    )
    return judged


# --- figures per document (real documents read by hand) -----------------------------------------

# Golden files of final accounts name two 三公 components by the words of the 决算 table
# (因公出国（境）费 → travel_abroad, 公务用车购置及运行费 → vehicle); the warehouse's names are
# overseas and vehicle_total.
_GOLDEN_STEMS = {
    "three_public_travel_abroad": "three_public_overseas",
    "three_public_vehicle": "three_public_vehicle_total",
}
_PHASE_SUFFIXES = ("_budget_yuan", "_adjusted_yuan", "_actual_yuan", "_yuan")


def warehouse_measure(golden_measure: str) -> str:
    """The warehouse's name of a golden file's measure (the phase suffix kept)."""
    for suffix in _PHASE_SUFFIXES:
        stem = golden_measure.removesuffix(suffix)
        if stem != golden_measure:
            return _GOLDEN_STEMS.get(stem, stem) + suffix
    return golden_measure


def document_figures(con: duckdb.DuckDBPyConnection, doc_id: str) -> Figures:
    """Every figure of the document: measure name → the (value, status) pairs it is given."""
    found: Figures = defaultdict(set)
    # a figure in the document's own phase (a 部门预算's budget, a 部门决算's 决算数) keeps the
    # measure's name; another phase is named with it (three_public_total_budget_yuan: the 预算数
    # a 决算 prints beside the 决算数)
    named = (
        "case when measures.phase = case documents.document_kind when 'final' then 'actual' "
        "else 'budget' end then measures.measure "
        "else replace(measures.measure, '_yuan', '_' || measures.phase || '_yuan') end"
    )
    measures = con.execute(
        f"select {named}, measures.value, measures.status "
        "from fct_body_measure as measures inner join dim_document as documents "
        "on measures.body_scope_id = documents.body_scope_id "
        "and measures.fiscal_year = documents.fiscal_year "
        "where documents.doc_id = ?",
        [doc_id],
    ).fetchall()
    lines = con.execute(
        "select replace(lines.subject_scheme || '_' || lines.subject_code || '_yuan', '_yuan', "
        "case when lines.phase = case documents.document_kind when 'final' then 'actual' "
        "else 'budget' end then '' else '_' || lines.phase end || '_yuan'), "
        "lines.amount_yuan, lines.status "
        "from fct_budget_line as lines inner join dim_document as documents "
        "on lines.body_scope_id = documents.body_scope_id "
        "and lines.fiscal_year = documents.fiscal_year "
        "where documents.doc_id = ? and lines.subject_code is not null "
        "and lines.subject_scheme in ('function', 'economic') and lines.column_name = 'total' "
        # a 收入决算表 lists income by function subject: not what the subject spent
        "and lines.table_kind <> 'income_summary'",
        [doc_id],
    ).fetchall()
    for measure, value, status in [*measures, *lines]:
        found[measure].add((value, status))
    return dict(found)


def listed_conflicts(con: duckdb.DuckDBPyConnection, doc_id: str, measure: str) -> set[Decimal]:
    """The figures mart_source_inconsistencies lists for a measure of the document's
    body-year."""
    rows = con.execute(
        "select value_a, value_b from mart_source_inconsistencies as found "
        "inner join dim_document as documents on found.body_scope_id = documents.body_scope_id "
        "and found.fiscal_year = documents.fiscal_year "
        "where documents.doc_id = ? and found.subject = ?",
        [doc_id, measure],
    ).fetchall()
    return {value for pair in rows for value in pair if isinstance(value, Decimal)}


Judged = dict[str, tuple[str, dict[str, set[Pair]]]]


def judge_readings(
    records: Iterable[dict[str, str]],
    figures: Figures,
    rules: Rules = HAND_READ,
    listed: Callable[[str], set[Decimal]] | None = None,
) -> Judged:
    """Measure → (verdict, {"expected": …, "given": …}) for the hand-read golden rows of one
    document against the figures read from it; ``listed`` gives the values
    mart_source_inconsistencies lists for a warehouse measure.

    One subject code printed on several rows (one per item) has several figures.
    """
    expected: dict[str, set[Pair]] = defaultdict(set)
    for row in records:
        value = Decimal(row["value"]) if row["value"] else None
        expected[row["measure"]].add((value, row["status"]))
    out: Judged = {}
    for measure, wanted in expected.items():
        name = warehouse_measure(measure)
        given = figures.get(name, set())
        judged = verdict(wanted, given, rules, partial(listed, name) if listed else _no_listing)
        if not rules.zero_kinds:  # shown as compared
            wanted, given = {_zero(pair) for pair in wanted}, {_zero(pair) for pair in given}
        out[measure] = (judged, {"expected": wanted, "given": given})
    return out


def hand_read_verdicts(
    con: duckdb.DuckDBPyConnection,
    doc_id: str,
    records: list[dict[str, str]],
    rules: Rules = HAND_READ,
) -> Judged:
    """The hand-read golden rows of one document against the warehouse built from it: a
    document's measures are those of its body, scope and year (``document_figures``)."""
    return judge_readings(
        records, document_figures(con, doc_id), rules, partial(listed_conflicts, con, doc_id)
    )


# --- figures per document, from the raw rows an extraction lands --------------------------------

_FACTOR = {"元": Decimal(1), "万元": Decimal(10000)}


def _yuan(amount: Decimal, unit: str) -> Decimal:
    return (amount * _FACTOR[unit]).quantize(Decimal("0.01"))


def extraction_figures(extraction: Extraction) -> Figures:
    """Every golden measure an extraction gives, in yuan (from the unit its own table or
    sentence printed), looked up in its raw rows the way the warehouse reads them:

    * ``total_revenue_yuan`` / ``total_expenditure_yuan``: the 收支总表's 本年收入合计 /
      本年支出合计 row (收入总计 / 支出总计 when the table prints no separate 合计), total column;
    * ``basic_`` / ``project_expenditure_yuan``: the 支出总表's 合计 row, basic / project column;
    * ``personnel_`` / ``public_operating_expenditure_yuan``: the 基本支出表's 合计 row;
    * ``three_public_<component>_yuan``: the 三公 figure of the budget year (table before prose);
      a blank cell or an empty table is a reported zero;
    * ``agency_operating_cost_yuan``: the 机关运行经费 line of a table, else the prose figure;
    * ``function_<code>_yuan``: the total column of that subject in the function-classified
      general-budget expenditure table.

    Raw rows carry no status of the warehouse's: every figure is 'reported' (a 0 compared as
    a 0 by ``HAND_READ``).
    """
    year = extraction.identity.year

    def lines(kind: str, column: str, keys: tuple[str, ...]) -> set[Decimal]:
        """The amounts of the first row key (in ``keys`` order) the table prints."""
        for key in keys:
            values = {
                _yuan(line.amount, line.money_unit)
                for line in extraction.budget_lines
                if line.table_kind == kind and line.row_key == key and line.column_name == column
            }
            if values:
                return values
        return set()

    out: dict[str, set[Decimal]] = {
        "total_revenue_yuan": lines(
            "income_expense_summary", "total", ("revenue_total", "revenue_grand_total")
        ),
        "total_expenditure_yuan": lines(
            "income_expense_summary", "total", ("expenditure_total", "expenditure_grand_total")
        ),
        "basic_expenditure_yuan": lines("expenditure_summary", "basic", ("total",)),
        "project_expenditure_yuan": lines("expenditure_summary", "project", ("total",)),
        "personnel_expenditure_yuan": lines("basic_expenditure", "personnel", ("total",)),
        "public_operating_expenditure_yuan": lines("basic_expenditure", "public", ("total",)),
        "agency_operating_cost_yuan": lines("three_public", "total", ("agency_operating_cost",)),
    }
    three_public: dict[str, dict[str, set[Decimal]]] = defaultdict(lambda: defaultdict(set))
    for figure in extraction.three_public:
        if figure.fiscal_year != year:
            continue
        zero = figure.reported_as in ("blank", "empty_table")
        value = Decimal("0.00") if zero else None
        if figure.amount is not None:
            value = _yuan(figure.amount, figure.money_unit)
        if value is not None:
            three_public[figure.component][figure.source].add(value)
    for component, by_source in three_public.items():
        source = "table" if "table" in by_source else "narrative"
        out[f"three_public_{component}_yuan"] = by_source[source]
    if not out["agency_operating_cost_yuan"]:
        out["agency_operating_cost_yuan"] = {
            _yuan(fact.amount, fact.unit)
            for fact in extraction.narrative
            if fact.fact_key == "agency_operating_cost"
            and fact.fact_kind == "level"
            and fact.fact_year == year
            and fact.amount is not None
            and fact.unit in _FACTOR
        }
    for code in {line.subject_code for line in extraction.budget_lines if line.subject_code}:
        out[f"function_{code}_yuan"] = {
            _yuan(line.amount, line.money_unit)
            for line in extraction.budget_lines
            if line.table_kind == "general_budget_expenditure"
            and line.subject_code == code
            and line.column_name == "total"
        }
    return {
        measure: {(value, "reported") for value in values}
        for measure, values in out.items()
        if values
    }
