"""The figures the warehouse must hold for a generated document, in warehouse terms.

From the ledger (what the document prints) and the rules of ../shared/golden/README.md:
a printed figure is ``reported`` (``reported_zero`` when it is zero); a figure the document
implies by its own arithmetic or by a stated change is ``derived`` (project = total −
basic, basic = personnel + public, last year = this year − change, per-person subsidy =
subsidy ÷ residents); every core measure of every county-year the document speaks of
that it does not give is ``not_reported``.  Function and economic subjects are the
total-column amounts of ``fct_budget_line``.
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

from testkit.golden import Expected
from testkit.layoutgen.model import Document

MEASURES_SEED = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "ref_measures.csv"
CENT = Decimal("0.01")


@lru_cache(maxsize=1)
def any_body_measures() -> frozenset[str]:
    """Measures every budgeting body has; the rest (enrollment, subsidies) are a 医疗保障局's."""
    with MEASURES_SEED.open(encoding="utf-8") as handle:
        return frozenset(
            row["measure"] for row in csv.DictReader(handle) if row["applies_to"] == "any_body"
        )


@lru_cache(maxsize=1)
def core_measures() -> tuple[str, ...]:
    with MEASURES_SEED.open(encoding="utf-8") as handle:
        return tuple(row["measure"] for row in csv.DictReader(handle) if row["is_core"] == "true")


def _unphased(measure: str) -> str:
    """The ref_measures key of a phase's figure (a 部门决算's three_public_total_actual_yuan,
    function_2101202_adjusted_yuan are figures of three_public_total_yuan, ...)."""
    for phase in ("_actual", "_adjusted"):
        measure = measure.replace(f"{phase}_yuan", "_yuan")
    return measure


def _subject(expected: Expected) -> bool:
    """A function or economic subject's figure: every body has its subjects."""
    return expected.measure.startswith(("function_", "economic_"))


def _status(measure: str, value: Decimal) -> str:
    if measure.endswith(("_persons", "_per_person", "_all_levels")):
        return "reported"
    return "reported_zero" if value == 0 else "reported"


def expected_figures(doc: Document) -> list[Expected]:
    ledger = doc.ledger
    code, fy = doc.county_code, doc.year
    found: dict[tuple[str, int], Expected] = {}

    def put(measure: str, year: int, value: Decimal, status: str, where: str) -> None:
        key = (measure, year)
        known = found.get(key)
        if known is not None:
            if known.value != value:
                raise ValueError(
                    f"{doc.name}: {measure} {year} printed as {known.value} and {value}"
                )
            if known.status != "derived" or status == "derived":
                return
        found[key] = Expected(code, year, measure, value, status, where)

    for stated in ledger.figures:
        put(
            stated.measure,
            stated.year,
            stated.value,
            _status(stated.measure, stated.value),
            stated.where,
        )

    def value(measure: str, year: int = fy) -> Decimal | None:
        known = found.get((measure, year))
        return known.value if known else None

    # the same document's arithmetic
    total, basic = value("total_expenditure_yuan"), value("basic_expenditure_yuan")
    if value("project_expenditure_yuan") is None and total is not None and basic is not None:
        put("project_expenditure_yuan", fy, total - basic, "derived", "total − basic")
    personnel, public = (
        value("personnel_expenditure_yuan"),
        value("public_operating_expenditure_yuan"),
    )
    if basic is None and personnel is not None and public is not None:
        put("basic_expenditure_yuan", fy, personnel + public, "derived", "personnel + public")

    # last year from stated changes
    for change in ledger.changes:
        current = value(change.measure, change.year)
        if current is None or (change.measure, change.compared_year) in found:
            continue
        put(change.measure, change.compared_year, current - change.delta, "derived", change.where)

    # the county's subsidy to the resident fund, and per person
    subsidy = ledger.subsidy_project
    if subsidy is None:
        subsidy = ledger.expenditure_subjects.get("2101202")
    if subsidy is not None:
        put("county_resident_subsidy_yuan", fy, subsidy, "reported", "subsidy")
        if ledger.subsidy_project is not None and ledger.subsidy_standard is not None:
            put(
                "county_resident_subsidy_per_person_stated",
                fy,
                Decimal(ledger.subsidy_standard),
                "reported",
                "subsidy project",
            )
        residents = sorted(
            (e.year, e.value)
            for e in found.values()
            if e.measure == "resident_enrollment_persons" and e.year <= fy and e.value
        )
        if residents:
            persons = residents[-1][1]
            per_person = (subsidy / persons).quantize(CENT, rounding=ROUND_HALF_UP)
            put(
                "county_resident_subsidy_per_person_computed",
                fy,
                per_person,
                "derived",
                f"{subsidy} / {persons}",
            )
    assistance = ledger.expenditure_subjects.get("21013")
    if assistance is not None:
        put("medical_assistance_yuan", fy, assistance, _status("x", assistance), "21013")

    out = list(found.values())
    years = {fy} | {e.year for e in out}
    for year in sorted(years):
        for measure in core_measures():
            if (measure, year) not in found:
                out.append(Expected(code, year, measure, None, "not_reported"))
    if not doc.medical_insurance:
        # a Party or congress body: the medical-insurance measures do not apply to it
        out = [e for e in out if _unphased(e.measure) in any_body_measures() or _subject(e)]
    for (scheme, subject), amount in sorted(ledger.subjects.items()):
        measure = f"{scheme}_{subject}_yuan"
        if (measure, fy) in found:  # the 说明 states it too (a 决算's items): one figure
            if found[(measure, fy)].value != amount:
                raise ValueError(f"{doc.name}: {measure} printed as {amount} and stated otherwise")
            continue
        out.append(Expected(code, fy, measure, amount, _status("x", amount)))
    return sorted(out, key=lambda e: (e.year, e.measure))
