"""How a budget was executed, as final accounts (部门决算) state it in words.

"一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。
决算数小于预算数的主要原因：…" gives three figures of one subject — its budget (年初预算), its
actual (决算) and the rate the document computed — and the reason it gives.  Each lands as a
narrative fact with its phase: the budget as ``budget``, the 决算 as ``actual``, the rate as
fact_kind ``execution_rate`` (percent, never money) and the reason as ``execution_reason``
(its words in ``label``).  Only subjects the warehouse names are read (the 三公 total and the
general-budget appropriation's expenditure); an item named by its function subject's words
(…（类）…（款）…（项）) is left to the tables, which print the same figures with their codes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ingest.amounts import NUMBER
from ingest.narrative.facts import NarrativeFact
from ingest.narrative.prose import Paragraph

# The subjects a sentence of execution speaks of, by their words just before 年初预算.
_SUBJECTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("three_public_total", re.compile(r"[“\"]?三公[”\"]?经费(?:财政拨款)?(?:支出)?$")),
    ("general_budget_expenditure", re.compile(r"一般公共预算财政拨款支出$")),
)
_EXECUTION = re.compile(
    rf"(?P<subject>[^。；;，,：:]{{2,40}}?)\s*(?:年初)?预算(?:数)?为\s*(?P<budget>{NUMBER})\s*"
    rf"(?P<budget_unit>万元|元)\s*[，,]\s*(?:支出)?决算(?:数)?为\s*(?P<actual>{NUMBER})\s*"
    rf"(?P<actual_unit>万元|元)"
    rf"(?:\s*[，,]\s*完成(?:年初)?预算的\s*(?P<rate>{NUMBER})\s*%)?"
)
_REASON = re.compile(
    r"决算数?(?:大于|小于|高于|低于)(?:年初)?预算数?的?主要原因(?:是|为)?[:：]?\s*(?P<reason>[^。]{2,200})"
)
# The reason follows the figures in the next sentences, before the next subject's figures.
_REASON_REACH = 300


def read_execution(paragraph: Paragraph, year: int) -> list[NarrativeFact]:
    text = paragraph.text
    facts: list[NarrativeFact] = []
    matches = list(_EXECUTION.finditer(text))
    for number, match in enumerate(matches):
        subject = re.sub(r"\s+", "", match["subject"])
        key = next((key for key, pattern in _SUBJECTS if pattern.search(subject)), None)
        if key is None:
            continue
        block = paragraph.block_at(match.start())
        template = NarrativeFact(
            fact_key=key,
            fact_kind="level",
            fact_year=year,
            amount=None,
            amount_text="",
            unit="",
            sentence=paragraph.sentence_text(match.start())[:300],
            line=block.line,
            page=block.page,
            year_basis="document",
        )
        budget, actual = match["budget"], match["actual"]
        facts.append(
            replace(
                template,
                amount=_amount(budget),
                amount_text=budget,
                unit=match["budget_unit"],
                phase="budget",
            )
        )
        facts.append(
            replace(
                template,
                amount=_amount(actual),
                amount_text=actual,
                unit=match["actual_unit"],
                phase="actual",
            )
        )
        if match["rate"]:
            facts.append(
                replace(
                    template,
                    fact_kind="execution_rate",
                    amount=_amount(match["rate"]),
                    amount_text=match["rate"] + "%",
                    unit="%",
                    phase="actual",
                )
            )
        reach = match.end() + _REASON_REACH
        if number + 1 < len(matches):
            reach = min(reach, matches[number + 1].start())
        reason = _REASON.search(text, match.end(), reach)
        if reason:
            facts.append(
                replace(
                    template,
                    fact_kind="execution_reason",
                    phase="actual",
                    label=reason["reason"].strip(),
                )
            )
    return facts


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))
