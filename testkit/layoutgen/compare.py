"""Compare a built warehouse with the figures documents are known to state.

Every expected figure ends in one verdict: ``right`` (value and status), ``wrong`` (present
with another value or status: the worst outcome), ``missed`` (expected, but NULL or
not_reported), or, for a figure expected to be absent, ``silent`` (correctly NULL).  A
figure the warehouse holds for a county-year that no expectation covers is ``extra`` (a
figure the document does not give: wrong too).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

import duckdb

from testkit.layoutgen.expected import Expected

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


Key = tuple[str, int, str]


def warehouse_figures(
    con: duckdb.DuckDBPyConnection, counties: list[str]
) -> dict[Key, set[tuple[Decimal | None, str]]]:
    """(county, year, measure) → the distinct (value, status) the warehouse holds."""
    found: dict[Key, set[tuple[Decimal | None, str]]] = defaultdict(set)
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
    return found


_PROOF_RANK = {"balanced": 0, "agreed": 1, "single": 2}


def warehouse_proofs(con: duckdb.DuckDBPyConnection, counties: list[str]) -> dict[Key, str]:
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


def judge(
    document: str,
    budget_year: int,
    expected: list[Expected],
    found: dict[Key, set[tuple[Decimal | None, str]]],
    county: str,
    extras: bool = True,
    proofs: dict[Key, str] | None = None,
) -> list[Verdict]:
    """Verdicts for one document's expectations; with ``extras``, also every figure of its
    county the expectations do not cover; with ``proofs``, each found figure's proof."""
    proofs = proofs or {}
    out: list[Verdict] = []
    covered: set[Key] = set()
    for e in expected:
        key = (e.county_code, e.year, e.measure)
        covered.add(key)
        got = sorted(found.get(key, set()), key=lambda pair: str(pair))
        given = [(value, status) for value, status in got if status != "not_reported"]
        got_value, got_status = given[0] if given else (None, got[0][1] if got else None)
        if e.status == "not_reported":
            verdict = "extra" if given else "silent"
        elif e.status == "conflicting":
            verdict = (
                "right"
                if given and all(s == "conflicting" for _, s in given)
                else ("missed" if not given else "wrong")
            )
        elif not given:
            verdict = "missed"
        elif len(given) == 1 and got_value == e.value and got_status == e.status:
            verdict = "right"
        else:
            verdict = "wrong"
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
                verdict,
                proofs.get(key) if verdict in ("right", "wrong") else None,
            )
        )
    if extras:
        for key, pairs in sorted(found.items(), key=lambda item: str(item[0])):
            if key[0] != county or key in covered:
                continue
            for value, status in sorted(pairs, key=str):
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
