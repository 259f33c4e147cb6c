"""The items of a 部门决算's 说明 named by their function subject's words (…（类）…（款）…（项）),
each resolved to its code through the same document's function-classified tables, never
through a list of names (fast: no warehouse)."""

from __future__ import annotations

from decimal import Decimal

from ingest.codes import IssueCode
from ingest.model import Block, IssueLog
from ingest.narrative.execution import read_item_execution
from ingest.narrative.prose import paragraphs
from ingest.recognise.budget_tables import BudgetLine

# The rows of the document's 一般公共预算财政拨款支出决算表: 行政运行 is printed under two 款
# (人大事务 and 财政事务), so its name alone names two codes.
TABLE_ROWS = (
    ("201", "一般公共服务支出"),
    ("20101", "人大事务"),
    ("2010101", "行政运行"),
    ("20106", "财政事务"),
    ("2010601", "行政运行"),
    ("2010607", "信息化建设"),
    ("208", "社会保障和就业支出"),
    ("20805", "行政事业单位养老支出"),
    ("2080505", "机关事业单位基本养老保险缴费支出"),
)

# One paragraph per line, as a text export prints them; item 1's figures follow its head in the
# next paragraph (the text layer ends a paragraph after "主要用于：").
PROSE = (
    # a figure of the structure, not an item: the figures after it are the general budget's
    "一般公共服务支出（类）2106.66万元，占71.73%。",
    "一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。",
    "1、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出"
    "（项）。主要用于：",
    "在职人员的基本养老保险支出。年初预算为161.62万元，支出决算为160.75万元，完成年初预算的"
    "99.46%。决算数小于预算数的主要原因：人员进出及退休变化。",
    "2、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人员经费。年初预算为"
    "1560.05万元，支出决算为1511.89万元。决算数与预算数基本持平。",
    "3、一般公共服务支出（类）税收事务（款）行政运行（项）。主要用于：税收征管。年初预算为"
    "5.00万元，支出决算为4.00万元。决算数小于预算数的主要原因：项目调减。",
    "4、一般公共服务支出（类）财政事务（款）信息化建设（项）。年初预算为135.90万元，支出决算为"
    "135.25万元。决算数小于预算数的主要原因：项目进度。",
    # a 款 alone, its figures right after its words
    "（五）一般公共服务支出（类）人大事务（款）年初预算为20.00万元，支出决算为20.00万元。",
)


def _line(code: str, name: str, number: int) -> BudgetLine:
    return BudgetLine(
        table_kind="general_budget_expenditure",
        table_title="一般公共预算财政拨款支出决算表",
        row_number=number,
        row_label=name,
        row_key=None,
        subject_code=code,
        subject_scheme="function",
        side=None,
        column_name="total",
        column_label="合计",
        amount=Decimal("1.00"),
        amount_text="1.00",
        money_unit="万元",
        column_inferred=False,
        page=3,
        line=number,
        snippet=f"{code} {name}",
        phase="actual",
    )


def _read() -> tuple[dict[tuple[str, str, str | None], object], IssueLog]:
    lines = [_line(code, name, number) for number, (code, name) in enumerate(TABLE_ROWS, 1)]
    blocks = [Block(text, (text,), number, number, 7) for number, text in enumerate(PROSE, 1)]
    log = IssueLog()
    facts = read_item_execution(paragraphs(blocks, reflow=False), 2024, lines, log)
    found: dict[tuple[str, str, str | None], object] = {}
    for fact in facts:
        value = fact.label if fact.fact_kind == "execution_reason" else (fact.amount, fact.unit)
        found[(fact.fact_key, fact.fact_kind, fact.phase)] = value
        assert fact.page == 7 and fact.fact_year == 2024
    return found, log


def test_each_item_lands_under_the_code_its_words_name_in_the_tables() -> None:
    found, _ = _read()
    assert found == {
        ("function_2080505", "level", "budget"): (Decimal("161.62"), "万元"),
        ("function_2080505", "level", "actual"): (Decimal("160.75"), "万元"),
        ("function_2080505", "execution_rate", "actual"): (Decimal("99.46"), "%"),
        ("function_2080505", "execution_reason", "actual"): "人员进出及退休变化",
        # 行政运行 under 财政事务, not under 人大事务
        ("function_2010601", "level", "budget"): (Decimal("1560.05"), "万元"),
        ("function_2010601", "level", "actual"): (Decimal("1511.89"), "万元"),
        ("function_2010607", "level", "budget"): (Decimal("135.90"), "万元"),
        ("function_2010607", "level", "actual"): (Decimal("135.25"), "万元"),
        ("function_2010607", "execution_reason", "actual"): "项目进度",
        ("function_20101", "level", "budget"): (Decimal("20.00"), "万元"),
        ("function_20101", "level", "actual"): (Decimal("20.00"), "万元"),
    }


def test_words_that_name_no_row_of_the_tables_are_a_parse_issue() -> None:
    found, log = _read()
    assert not [key for key in found if key[0].startswith("function_20107")]
    (issue,) = log.issues
    assert issue.code == IssueCode.SUBJECT_NAME_UNRESOLVED
    assert (issue.page, issue.line) == (7, 6)
    assert "税收事务" in issue.message and "5.00万元" in issue.message


def test_a_name_several_rows_print_is_a_parse_issue_not_a_choice() -> None:
    lines = [_line(code, name, number) for number, (code, name) in enumerate(TABLE_ROWS, 1)]
    # a second 款 of the same name, with a 行政运行 of its own
    lines += [_line("20199", "财政事务", 20), _line("2019901", "行政运行", 21)]
    text = next(text for text in PROSE if text.startswith("2、"))
    log = IssueLog()
    facts = read_item_execution(
        paragraphs([Block(text, (text,), 1, 1, 1)], reflow=False), 2024, lines, log
    )
    assert facts == []
    assert [issue.code for issue in log.issues] == [IssueCode.SUBJECT_NAME_UNRESOLVED]
    assert "2010601, 2019901" in log.issues[0].message
