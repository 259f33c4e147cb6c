"""Final accounts (部门决算) in text layouts that lose or flatten columns: what is placed by
the document's own structure, and what stays a parse issue (fast: no warehouse)."""

from __future__ import annotations

from decimal import Decimal

from ingest.codes import IssueCode
from ingest.extract import extract
from ingest.readers.text.tsv import read_separated
from ingest.recognise.header import flattened_paths

PACKED_EXECUTION = """魏县医疗保障局2023年度部门决算
一般公共预算财政拨款支出决算表
单位：万元
项目 年初预算数 调整预算数 决算数 完成率(%)
科目编码 科目名称
合计 100.00 100.00 90.00 90.00
2101501 行政运行 60.00 60.00 55.00 91.67
2101599 其他医疗保障管理事务支出 40.00 35.00 87.50
"""


def test_packed_rows_under_phase_columns_placed_only_when_every_cell_is_printed() -> None:
    result = extract(PACKED_EXECUTION.encode())
    assert result.identity.kind == "final" and result.identity.year == 2023
    lines = {
        (line.subject_code, line.phase): line.amount
        for line in result.budget_lines
        if line.table_kind == "general_budget_expenditure"
    }
    # every column printed: the amounts are the header's phases in print order
    assert lines == {
        (None, "budget"): Decimal("100.00"),
        (None, "adjusted"): Decimal("100.00"),
        (None, "actual"): Decimal("90.00"),
        ("2101501", "budget"): Decimal("60.00"),
        ("2101501", "adjusted"): Decimal("60.00"),
        ("2101501", "actual"): Decimal("55.00"),
    }
    # 2101599 prints three amounts under four columns: which one it lost cannot be told
    issues = [i for i in result.issues if i.code == IssueCode.COLUMNS_AMBIGUOUS]
    assert [issue.line for issue in issues] == [8]


def test_packed_header_with_parts_under_a_phase_is_not_placed() -> None:
    text = PACKED_EXECUTION.replace(
        "项目 年初预算数 调整预算数 决算数 完成率(%)", "项目 年初预算数 决算数 合计 基本支出"
    )
    result = extract(text.encode())
    assert not [
        line for line in result.budget_lines if line.table_kind == "general_budget_expenditure"
    ]
    assert any(i.code == IssueCode.COLUMNS_AMBIGUOUS for i in result.issues)


def test_a_run_printed_once_under_each_phase_is_split_between_them() -> None:
    parts = ("合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务接待费")
    header = [
        ("预算数", "决算数"),
        (*parts, *parts),
        ("", "", "小计", "购置费", "运行费", "", "", "", "小计", "购置费", "运行费"),
    ]
    paths = flattened_paths(header, 12)
    assert paths is not None
    assert paths[3] == ("预算数", "公务用车购置及运行维护费", "购置费")
    assert paths[6] == ("决算数", "合计")
    assert paths[11] == ("决算数", "公务接待费")
    # two runs that differ are not split by guess
    assert flattened_paths([("预算数", "决算数"), (*parts, *parts[:3], "会议费")], 8) is None


def test_csv_rows_with_one_filled_field() -> None:
    blocks = read_separated(
        [
            '"","","六、科学技术支出",""',
            '"因公出国（境）费","",""',
            '"单位：元","",""',
            '"本部门本年度无政府性基金收支，此表为空表。",""',
        ]
    )
    assert [block.is_row for block in blocks] == [True, True, False, False]


SPACED_SUMMARY = """魏县医疗保障局2023年度部门决算
收入支出决算总表
单位：万元
收入 支出
项目 决算数 项目 决算数
一、一般公共预算拨款收入 90.00 一、一般公共服务支出
二、政府性基金预算拨款收入 二、外交支出
三、单位资金 三、国防支出
四、卫生健康支出 90.00
五、其他支出
本年收入合计 90.00 本年支出合计 90.00
收入总计 90.00 支出总计 90.00
"""


def test_summary_items_alone_on_a_line_stay_in_their_table() -> None:
    result = extract(SPACED_SUMMARY.encode())
    keys = {
        line.row_key: line.amount
        for line in result.budget_lines
        if line.table_kind == "income_expense_summary" and line.row_key
    }
    assert keys["revenue_grand_total"] == keys["expenditure_grand_total"] == Decimal("90.00")
    assert keys["revenue_total"] == Decimal("90.00")
    assert all(line.phase == "actual" for line in result.budget_lines)
