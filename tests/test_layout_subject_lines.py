"""Every subject line a generated document lands carries the figure it prints, in its column.

The family tests compare the warehouse's measures; this one looks under them, at each landed
amount of the expenditure tables (功能分类 科目 × 合计/基本支出/项目支出, last year's column,
the change) and the basic-expenditure table (经济分类 科目).  A line the extractor is not sure
of must not land at all: a missing line is a parse issue, a misplaced one is a wrong figure.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.extract import extract
from ingest.model import UnreadableDocument
from ingest.recognise.budget_tables import BudgetLine
from testkit.layoutgen import FAMILIES, Generated, generate_corpus

_FORMATS = (
    "text_cells",
    "text_tsv",
    "text_pipe",
    "text_csv",
    "text_spaced",
    "text_aligned",
    "pdf",
    "html",
    "docx",
)
_FUNCTION_TABLES = {
    "expenditure_summary",
    "general_budget_expenditure",
    "fiscal_appropriation_expenditure",
}


def _fen(amount: Decimal, unit: str) -> Decimal:
    return amount * (Decimal(1_000_000) if unit == "万元" else Decimal(100))


def _tolerance(text: str, unit: str) -> Decimal:
    """Half of the last printed digit, in fen (a 万元 table prints to 0.01万元 = 100元)."""
    decimals = len(text.split(".")[1]) if "." in text else 0
    return _fen(Decimal(1).scaleb(-decimals) / 2, unit)


def _expected(doc: Generated, line: BudgetLine) -> int | None:
    facts = doc.facts
    code, column, year = line.subject_code, line.column_name, line.column_year
    if line.table_kind == "expenditure_summary" and not code and line.row_key == "total":
        return {
            "total": facts.total,
            "basic": facts.basic,
            "project": facts.project,
            "prior_year": facts.prior.total,
            "change": facts.total - facts.prior.total,
        }.get(column)
    if line.table_kind in _FUNCTION_TABLES and code:
        if year != facts.year:
            return None  # last year's subjects are not part of the generated facts
        basic, project = facts.function_split(code)
        return {"total": basic + project, "basic": basic, "project": project}.get(column)
    if line.table_kind == "basic_expenditure" and code and column == "total":
        return facts.economic_amounts().get(code)
    return None


@pytest.mark.slow
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_subject_lines_carry_their_printed_figure(family: str) -> None:
    checked, wrong = 0, []
    for doc in generate_corpus([family], list(_FORMATS), 1, seed="subject-lines"):
        try:
            extraction = extract(doc.data)
        except UnreadableDocument:
            continue  # refusals are the family test's business
        for line in extraction.budget_lines:
            expected = _expected(doc, line)
            if expected is None:
                continue
            checked += 1
            got = _fen(line.amount, line.money_unit)
            if abs(got - expected) > _tolerance(line.amount_text, line.money_unit):
                wrong.append(
                    f"{doc.name} line {line.line}: {line.table_kind} {line.subject_code} "
                    f"{line.column_name} = {line.amount_text} {line.money_unit}, "
                    f"printed {Decimal(expected) / 100} 元"
                )
    assert not wrong, f"{len(wrong)} of {checked} lines wrong:\n" + "\n".join(wrong[:30])
