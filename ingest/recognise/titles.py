"""Recognise the standard tables of 部门预算公开 by their title, whatever the spelling.

The same table is titled 部门预算收支总表, 单位收支总表, 部门收支总体情况表, 收支预算总表,
财务收支预算总表 (预算01-1表) ... across counties (see VARIANTS.md).  A title is normalised
(numbering, 附表N, 《》, a year prefix and the unit's name removed, traditional glyphs
simplified) and matched against ordered rules: the first rule whose pattern matches wins, so
the specific ones (财政拨款收支总表, 三公) come before the general ones (收支总表).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from ingest.amounts import normalise_text

# A table of final accounts (部门决算) says so in its title: its unlabelled amounts are 决算数.
FINAL_TITLE = re.compile(r"决算")


class TableKind(StrEnum):
    INCOME_EXPENSE_SUMMARY = "income_expense_summary"  # 收支总表
    INCOME_SUMMARY = "income_summary"  # 收入总表
    EXPENDITURE_SUMMARY = "expenditure_summary"  # 支出总表
    FISCAL_APPROPRIATION_SUMMARY = "fiscal_appropriation_summary"  # 财政拨款收支总表
    FISCAL_APPROPRIATION_EXPENDITURE = "fiscal_appropriation_expenditure"  # 财政拨款支出表
    GENERAL_BUDGET_EXPENDITURE = "general_budget_expenditure"  # 一般公共预算(财政拨款)支出表
    BASIC_EXPENDITURE = "basic_expenditure"  # 一般公共预算基本支出表 (economic classes)
    GOV_FUND_EXPENDITURE = "gov_fund_expenditure"  # 政府性基金预算支出表
    STATE_CAPITAL_EXPENDITURE = "state_capital_expenditure"  # 国有资本经营预算支出表
    THREE_PUBLIC = "three_public"  # “三公”经费支出表 (general budget)
    THREE_PUBLIC_GOV_FUND = "three_public_gov_fund"  # 政府性基金“三公”经费 (never added)
    AGENCY_OPERATING = "agency_operating"  # 机关运行经费表
    PROJECT_PERFORMANCE = "project_performance"  # 项目支出绩效目标表
    UNIT_PERFORMANCE = "unit_performance"  # 部门/单位整体支出绩效目标表
    # budget lines a 整体支出绩效目标表 prints (人员经费, 公用经费 …), landed as budget_lines
    UNIT_PERFORMANCE_BUDGET = "unit_performance_budget"
    FIXED_ASSETS = "fixed_assets"  # 固定资产占用情况表
    PROCUREMENT = "procurement"  # 政府采购预算表 (recognised so it ends the table before it)
    OTHER = "other"  # a recognised table we do not read (机构设置, 项目支出表 ...)

    @property
    def is_budget_table(self) -> bool:
        return self in BUDGET_TABLES


BUDGET_TABLES = frozenset(
    {
        TableKind.INCOME_EXPENSE_SUMMARY,
        TableKind.INCOME_SUMMARY,
        TableKind.EXPENDITURE_SUMMARY,
        TableKind.FISCAL_APPROPRIATION_SUMMARY,
        TableKind.FISCAL_APPROPRIATION_EXPENDITURE,
        TableKind.GENERAL_BUDGET_EXPENDITURE,
        TableKind.BASIC_EXPENDITURE,
        TableKind.GOV_FUND_EXPENDITURE,
        TableKind.STATE_CAPITAL_EXPENDITURE,
    }
)


@dataclass(frozen=True, slots=True)
class TitleRule:
    kind: TableKind
    pattern: re.Pattern[str]


def _rule(kind: TableKind, pattern: str) -> TitleRule:
    return TitleRule(kind, re.compile(pattern))


# Order matters: the first match wins.
RULES: tuple[TitleRule, ...] = (
    _rule(TableKind.THREE_PUBLIC_GOV_FUND, r"政府性基金.*三公"),
    _rule(TableKind.THREE_PUBLIC, r"三公"),
    _rule(TableKind.UNIT_PERFORMANCE, r"整体(支出)?绩效"),
    _rule(TableKind.PROJECT_PERFORMANCE, r"绩效(目标|指标)(申报)?表"),
    _rule(TableKind.FIXED_ASSETS, r"固定资产"),
    _rule(TableKind.PROCUREMENT, r"政府采购|政府购买服务"),
    _rule(TableKind.AGENCY_OPERATING, r"机关运行经费"),
    # 财政拨款收入支出决算总表; not 政府性基金预算财政拨款收入支出决算表, a fund's own table
    _rule(TableKind.FISCAL_APPROPRIATION_SUMMARY, r"财政拨款收支|(?<!预算)财政拨款收入支出"),
    _rule(TableKind.BASIC_EXPENDITURE, r"基本支出"),
    _rule(TableKind.GOV_FUND_EXPENDITURE, r"政府(性)?基金"),
    _rule(TableKind.STATE_CAPITAL_EXPENDITURE, r"国有资本经营"),
    _rule(TableKind.GENERAL_BUDGET_EXPENDITURE, r"一般公共预算.*支出"),
    _rule(TableKind.FISCAL_APPROPRIATION_EXPENDITURE, r"财政拨款支出"),
    _rule(TableKind.INCOME_EXPENSE_SUMMARY, r"收支(预算)?总(体情况)?表|收支预算表"),
    _rule(TableKind.INCOME_SUMMARY, r"收入(预算)?总(体情况)?表|收入预算表?$"),
    _rule(TableKind.EXPENDITURE_SUMMARY, r"支出(预算)?总(体情况)?表|支出预算表?$"),
    _rule(
        TableKind.OTHER,
        r"机构设置|项目支出(预算)?(情况|明细)?表|转移支付|中期规划|资产配置|专项(业务)?经费"
        r"|项目支出决算|决算明细|绩效自评|国有资产",
    ),
    # final accounts (部门决算) title the summary tables 收入支出决算总表 / 收入决算表 /
    # 支出决算表: after every specific rule, so 一般公共预算…支出决算表 keeps its own kind
    _rule(TableKind.INCOME_EXPENSE_SUMMARY, r"收入支出决算(总)?表"),
    _rule(TableKind.INCOME_SUMMARY, r"收入决算(总)?表$"),
    _rule(TableKind.EXPENDITURE_SUMMARY, r"支出决算(总)?表$"),
)

_NOISE = (
    # numbering: 附表3-1, 表5, 1., 一、 (a Chinese numeral only with its separator: 一般 stays)
    re.compile(
        r"^\s*(附表|表)?\s*(\d{1,2}(?!\d)([-－.．、]\d+)*(\(\d+\))?"
        r"|[一二三四五六七八九十]+(?=[、.．\s]))[、.．\s]*"
    ),
    re.compile(r"[《》“”\"*#]"),
    re.compile(r"^\s*\d{4}\s*年(度)?"),
    re.compile(r"[(（]\s*\d{4}\s*年度?\s*[)）]\s*$"),
    re.compile(r"[(（]?预算\s*\d{1,2}\s*[-－]\s*\d{1,2}\s*表[)）]?"),
    # a qualifier after the title: （按支出功能分类科目-不含上年结转）, (2025年度)
    re.compile(r"[(（][^()（）]{1,30}[)）]\s*$"),
)
# A contents line (title, leader dots, page number) or a pointer to a table is not a title.
_NOT_A_TITLE = re.compile(r"[…]|\.{4,}|·{3,}|^\s*(详见|见|参见)")
_ENDING = re.compile(r"(表|绩效指标)$")
MAX_TITLE_LENGTH = 90


def normalise_title(text: str) -> str:
    title = normalise_text(text).replace(" ", "").replace("\u3000", "")
    for pattern in _NOISE:
        title = pattern.sub("", title)
    return title.strip()


@lru_cache(maxsize=4096)  # segmenting asks of one line several times
def match_title(text: str) -> TableKind | None:
    """The table kind a title line names, or None when the line is not a table title.

    A title is short and ends with 表 (or 绩效指标): that keeps prose that merely
    mentions a table ("收支预算总表支出栏、基本支出表…按经济分类…编制") out.
    """
    if not text or len(text) > MAX_TITLE_LENGTH or "。" in text or "，" in text:
        return None
    if _NOT_A_TITLE.search(text):
        return None
    title = normalise_title(text)
    if not _ENDING.search(title):
        return None
    for rule in RULES:
        if rule.pattern.search(title):
            return rule.kind
    return None
