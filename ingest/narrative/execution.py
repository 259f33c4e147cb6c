"""How a budget was executed, as final accounts (部门决算) state it in words.

"一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。
决算数小于预算数的主要原因：…" gives three figures of one subject — its budget (年初预算), its
actual (决算) and the rate the document computed — and the reason it gives.  Each lands as a
narrative fact with its phase: the budget as ``budget``, the 决算 as ``actual``, the rate as
fact_kind ``execution_rate`` (percent, never money) and the reason as ``execution_reason``
(its words in ``label``).  ``read_execution`` reads the subjects the warehouse names (the 三公
total and the general-budget appropriation's expenditure).

``read_item_execution`` reads the items the 说明 lists one by one, each named by its function
subject's words: "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：…。年初预算为
1560.05万元，支出决算为1511.89万元。决算数小于预算数的主要原因：…".  The words name a code only
through the document's own function-classified tables (a 类 row of three digits with the 类
word, a 款 row of five under it with the 款 word, a 项 row of seven under that with the 项
word); the facts are keyed ``function_<code>`` like the tables' figures of that subject.  Words
that name no row, or several, are a parse issue: the figures are not landed under a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from ingest.amounts import NUMBER, normalise_text
from ingest.codes import IssueCode
from ingest.model import IssueLog
from ingest.narrative.facts import NarrativeFact
from ingest.narrative.prose import Paragraph
from ingest.recognise.budget_tables import BudgetLine

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
    matches = list(_EXECUTION.finditer(paragraph.text))
    facts: list[NarrativeFact] = []
    for number, match in enumerate(matches):
        subject = re.sub(r"\s+", "", match["subject"])
        key = next((key for key, pattern in _SUBJECTS if pattern.search(subject)), None)
        if key is None:
            continue
        following = matches[number + 1].start() if number + 1 < len(matches) else None
        facts += _execution_facts(paragraph, match, key, year, following)
    return facts


def _execution_facts(
    paragraph: Paragraph, match: re.Match[str], key: str, year: int, following: int | None
) -> list[NarrativeFact]:
    """The budget, the actual, the stated rate and the reason of one execution sentence; the
    reason is looked for up to ``following`` (the next subject's figures)."""
    text = paragraph.text
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
    facts = [
        replace(
            template,
            amount=_amount(match[phase]),
            amount_text=match[phase],
            unit=match[f"{phase}_unit"],
            phase=phase,
        )
        for phase in ("budget", "actual")  # the match's groups are named by phase
    ]
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
    if following is not None:
        reach = min(reach, following)
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


# An item's head at the start of its paragraph: its number, then the subject's words, each
# level marked (类)(款)(项) — "1、一般公共服务支出（类）财政事务（款）行政运行（项）".
_NAME = r"[\u4e00-\u9fff“”\"]+?"
_ITEM = re.compile(
    r"^\s*(?:\d+\s*[、.．]|[(（]\s*\d+\s*[)）]|[一二三四五六七八九十]+\s*[、.．]|"
    r"[(（][一二三四五六七八九十]+[)）])?\s*"
    rf"(?P<class_name>{_NAME})\s*[(（]\s*类\s*[)）]\s*"
    rf"(?:(?P<section_name>{_NAME})\s*[(（]\s*款\s*[)）]\s*"
    rf"(?:(?P<item_name>{_NAME})\s*[(（]\s*项\s*[)）])?)?"
    # the head is a title of its own ("…（项）。主要用于：…", "…（项）年初预算为…"), not a clause
    # with a figure of the structure ("一般公共服务支出（类）2106.66万元，占71.73%")
    r"\s*(?:[。.:：，,；;]|主要用于|$|(?=(?:年初)?预算数?为))"
)
# The item's figures follow its head in the same paragraph or the next few (a line ending in
# "主要用于：" ends a paragraph of the text layer), never after the next item's head.
_ITEM_REACH_PARAGRAPHS = 3
_CODE_LENGTHS = (3, 5, 7)  # 类, 款, 项


@dataclass(frozen=True, slots=True)
class _ItemHead:
    names: tuple[str, ...]  # the 类 word, then the 款 and 项 words the head gives
    paragraph: int


def read_item_execution(
    paragraphs: Iterable[Paragraph], year: int, lines: list[BudgetLine], log: IssueLog
) -> list[NarrativeFact]:
    """The execution of each item the 说明 names by its function subject's words, keyed to
    the subject's code in the document's own tables (``function_<code>``)."""
    names = _function_names(lines)
    facts: list[NarrativeFact] = []
    head: _ItemHead | None = None
    for number, paragraph in enumerate(paragraphs):
        found = _ITEM.match(paragraph.text)
        if found:
            levels = (found["class_name"], found["section_name"], found["item_name"])
            head = _ItemHead(tuple(word for word in levels if word), number)
        if head is None or number - head.paragraph >= _ITEM_REACH_PARAGRAPHS:
            head = None
            continue
        start = found.end() if found else 0
        matches = list(_EXECUTION.finditer(paragraph.text, start))
        if not matches:
            continue
        match, words = matches[0], head.names
        head = None  # one item, one sentence of figures
        if any(pattern.search(re.sub(r"\s+", "", match["subject"])) for _, pattern in _SUBJECTS):
            continue  # the general budget's or the 三公's figures (read_execution), no item's
        code, why = _resolve(words, names)
        if code is None:
            log.add(
                IssueCode.SUBJECT_NAME_UNRESOLVED,
                f"execution of {'/'.join(words)} ({match['budget']}{match['budget_unit']} "
                f"budgeted, {match['actual']}{match['actual_unit']} spent) not landed: {why}",
                paragraph.block_at(match.start()),
            )
        else:
            following = matches[1].start() if len(matches) > 1 else None
            facts += _execution_facts(paragraph, match, f"function_{code}", year, following)
    return facts


def _function_names(lines: list[BudgetLine]) -> dict[str, set[str]]:
    """Code → the names the document's function-classified rows print for it."""
    names: dict[str, set[str]] = {}
    for line in lines:
        if line.subject_scheme == "function" and line.subject_code:
            names.setdefault(line.subject_code, set()).add(_plain(line.row_label))
    return names


def _resolve(words: tuple[str, ...], names: dict[str, set[str]]) -> tuple[str | None, str]:
    """The one code the words name, level by level under the level above; or why none."""
    parents: set[str] = {""}  # the 类 has no level above it: every code starts with ""
    for level, word in enumerate(words):
        length = _CODE_LENGTHS[level]
        wanted = _plain(word)
        parents = {
            code
            for code, printed in names.items()
            if len(code) == length
            and wanted in printed
            and any(code.startswith(parent) for parent in parents)
        }
        if not parents:
            above = " under the level above" if level else ""
            return None, (
                f"no {length}-digit row of the document's function-classified tables is "
                f"named {word}{above}"
            )
    if len(parents) > 1:
        return None, f"{'/'.join(words)} names {len(parents)} codes: {', '.join(sorted(parents))}"
    return next(iter(parents)), ""


def _plain(name: str) -> str:
    """A subject's name without spaces or the quotes and brackets a table may add."""
    return re.sub(r"[\s“”\"]", "", normalise_text(name))


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))
