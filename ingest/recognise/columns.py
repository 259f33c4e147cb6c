"""Name a table's columns from its header, however the header's merged cells were flattened.

Every column gets a canonical key (``total``, ``basic``, ``project``, ``personnel`` …) so the
warehouse reads "the basic-expenditure column" the same way for every county.  Two cases:

* cell layouts keep one header row with a cell per column (blanks where a merged cell from
  the row above covers it): the blanks are filled, in order, by the other header rows' leaf
  terms (功能分类科目, 本年收入, 资金性质 … are group terms spanning several leaves);
* packed layouts (PDF text) lose positions: the keys found in the header text are put in
  the standard order of the national template for that table kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.amounts import compact_text
from ingest.recognise.titles import TableKind

# (key, pattern) tried in order on a normalised header cell; the first match names it.
COLUMN_TERMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        ("row_number", r"^序号$"),
        ("code", r"编码$|^科目代码$|^代码$"),
        ("name", r"科目名称|^项目(名称)?$|^收入项目$|^支出项目$"),
        ("prior_year", r"上年(预算)?(数|预算)"),
        ("change", r"^增减"),
        ("fiscal_special", r"财政专户"),
        ("fiscal", r"^财政拨款(收入)?$"),
        ("general_budget", r"^一般公共预算(财政)?(拨款)?(收入)?$|^一般公共预算财政拨款$"),
        ("gov_fund", r"政府性基金"),
        ("state_capital", r"国有资本经营"),
        ("business_income", r"^事业收入"),
        ("operating_income", r"经营收入"),
        ("superior_subsidy", r"上级补助"),
        ("affiliated_income", r"附属单位上缴"),
        ("other_income", r"^其他收入"),
        ("unit_funds", r"^单位资金"),
        ("carryover", r"上年结转"),
        ("subtotal", r"^小计$"),
        ("basic", r"^基本支出$"),
        ("project", r"^项目支出$|^专项业务经费(支出)?$"),
        ("operating_expense", r"经营支出"),
        ("remit_superior", r"上[解缴]上级"),
        ("affiliated_subsidy", r"对附属单位补助"),
        ("personnel", r"人员经费|^人员类|^人员支出$"),
        ("public", r"公用经费|^运转类"),
        (
            "total",
            r"^(本年)?(支出|收入)?(合计|总计)$|^(预算数|金额|本年预算(数)?|预算金额)$"
            r"|^(决算数|年初预算数?|调整(后)?预算数?|全年预算数?|执行数)$",
        ),
    )
)
# Header cells that span several leaf columns: never a column of their own.
GROUP_TERMS = frozenset(
    {
        "功能分类科目",
        "支出功能分类科目",
        "本年收入",
        "支出部门经济分类科目",
        "部门预算经济分类科目",
        "经济分类科目",
        "一般公共预算基本支出",
        "资金性质",
        "收入",
        "支出",
        "栏次",
    }
)

# The national template's column order per table kind (财政部 部门预算公开 formats).
TEMPLATE_ORDER: dict[TableKind, tuple[str, ...]] = {
    TableKind.INCOME_SUMMARY: (
        "code",
        "name",
        "total",
        "subtotal",
        "fiscal",
        "fiscal_special",
        "business_income",
        "operating_income",
        "superior_subsidy",
        "affiliated_income",
        "other_income",
        "unit_funds",
        "carryover",
    ),
    TableKind.EXPENDITURE_SUMMARY: (
        "code",
        "name",
        "total",
        "basic",
        "project",
        "operating_expense",
        "remit_superior",
        "affiliated_subsidy",
    ),
    TableKind.BASIC_EXPENDITURE: ("code", "name", "total", "personnel", "public"),
    TableKind.THREE_PUBLIC: ("name", "total", "general_budget", "gov_fund", "state_capital"),
    TableKind.THREE_PUBLIC_GOV_FUND: (
        "name",
        "total",
        "general_budget",
        "gov_fund",
        "state_capital",
    ),
    TableKind.INCOME_EXPENSE_SUMMARY: ("name", "total", "name", "total"),
    TableKind.FISCAL_APPROPRIATION_SUMMARY: (
        "name",
        "total",
        "name",
        "total",
        "general_budget",
        "gov_fund",
        "state_capital",
    ),
}
for _kind in (
    TableKind.GENERAL_BUDGET_EXPENDITURE,
    TableKind.GOV_FUND_EXPENDITURE,
    TableKind.STATE_CAPITAL_EXPENDITURE,
    TableKind.FISCAL_APPROPRIATION_EXPENDITURE,
):
    TEMPLATE_ORDER[_kind] = ("code", "name", "total", "basic", "project")


def header_key(cell: str) -> str | None:
    text = compact_text(cell)
    if not text or text in GROUP_TERMS:
        return None
    for key, pattern in COLUMN_TERMS:
        if pattern.search(text):
            return key
    return None


@dataclass(frozen=True, slots=True)
class Columns:
    """Column keys for positions 1..n (position 0 is 序号), and their printed labels."""

    keys: tuple[str, ...]
    labels: tuple[str, ...]
    from_template: bool


def columns_from_cells(header_rows: list[tuple[str, ...]], width: int) -> Columns | None:
    """Resolve a flattened merged header in a cell layout; None when it cannot be done."""
    if not header_rows:
        return None
    base = max(header_rows, key=len)
    if len(base) < width + 1:
        return None
    labels = [compact_text(cell) for cell in base[: width + 1]]
    leaves = [
        text
        for row in header_rows
        if row is not base
        for text in map(compact_text, row)
        if text and text not in GROUP_TERMS and text != "序号" and text not in labels
    ]
    gaps = [i for i in range(1, width + 1) if not labels[i]]
    for gap, leaf in zip(gaps, leaves, strict=False):
        labels[gap] = leaf
    keys = tuple(header_key(label) or "" for label in labels[1:])
    return Columns(keys, tuple(labels[1:]), from_template=False)


_SUBJECT_KINDS = frozenset(
    {
        TableKind.EXPENDITURE_SUMMARY,
        TableKind.BASIC_EXPENDITURE,
        TableKind.GENERAL_BUDGET_EXPENDITURE,
        TableKind.GOV_FUND_EXPENDITURE,
        TableKind.STATE_CAPITAL_EXPENDITURE,
        TableKind.FISCAL_APPROPRIATION_EXPENDITURE,
    }
)
# Columns beside this year's, printed to the right of them (上年预算数, 增减, 增减%).
# 上年结转 / 上年结余 are this year's income, not last year's figures.
_PERIODS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "prior_year",
        re.compile(r"上一?年度?(?:预算|决算|执行)?数|上年(?!结转|结余|末|底|实户)|去年"),
    ),
    ("change", re.compile(r"增减(?:额|数)?(?![率%])|比上年增减|较上年增减")),
    ("change_pct", re.compile(r"增减(?:率|幅度|%)|增长率|增幅")),
)
_YEAR_WORD = re.compile(r"(20\d{2})\s*年")
PERIOD_KEYS = frozenset(key for key, _ in _PERIODS)


def period_keys(header_text: str) -> list[str]:
    """The period columns a flattened header names, in the order it prints them."""
    found: dict[str, int] = {}
    taken: list[range] = []
    for key, pattern in reversed(_PERIODS):  # 比上年增减 is a change, not last year's column
        for match in pattern.finditer(header_text):
            if not any(match.start() in span for span in taken):
                found.setdefault(key, match.start())
                taken.append(range(match.start(), match.end()))
    years = {int(y): m.start() for m in _YEAR_WORD.finditer(header_text) for y in [m.group(1)]}
    if len(years) >= 2 and "prior_year" not in found:  # 2024年预算数 2023年预算数
        found["prior_year"] = years[min(years)]
    return [key for key, _ in sorted(found.items(), key=lambda item: item[1])]


def columns_from_template(kind: TableKind, header_text: str, width: int | None) -> Columns:
    """Keys found anywhere in the header text, in the template's order."""
    order = TEMPLATE_ORDER.get(kind, ("code", "name", "total"))
    text = compact_text(header_text)
    if kind in (TableKind.INCOME_EXPENSE_SUMMARY, TableKind.FISCAL_APPROPRIATION_SUMMARY):
        keys = list(order)
    else:
        found: set[str] = set()
        for key, pattern in COLUMN_TERMS:
            bare = pattern.pattern.replace("^", "").replace("$", "")
            if key in order and re.search(bare, text):
                found.add(key)
        keys = [key for key in order if key in found]
        if kind in _SUBJECT_KINDS:
            keys += period_keys(text)
    # the 栏次 row numbers the amount columns (some number the labels too): a header naming
    # more amount columns than it numbers keeps the leftmost
    amounts = [key for key in keys if key not in ("code", "name")]
    if width is not None and len(amounts) > width:
        kept, seen = [], 0
        for key in keys:
            if key in ("code", "name") or seen < width:
                kept.append(key)
                seen += key not in ("code", "name")
        keys = kept
    return Columns(tuple(keys), tuple(keys), from_template=True)
