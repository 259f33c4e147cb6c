"""Final accounts (部门决算, VARIANTS.md §8): the same county's year as it was spent.

A 决算 family draws what was spent from the budget's facts (every 项 subject's basic and
project parts a little under budget, never over; each 三公 component at most its budget) and
prints the national template's tables: 收入支出决算总表 and 支出决算表 (决算数), the
一般公共预算财政拨款支出决算表 with 年初预算数 | 调整预算数 | 决算数 | 完成率 side by side, and
the 三公 table with 预算数 and 决算数 for every item; then the prose of execution ("…年初预算为
X万元，支出决算为Y万元，完成年初预算的Z%。决算数小于预算数的主要原因：…"), the general
budget's and the 三公's, then some 项 subjects one by one, each named by its 类, 款 and 项 words.

What the warehouse must hold, in the ledger's names: a budget-phase figure keeps the measure's
name (three_public_total_yuan: the 预算数), an adjusted or actual one is named with its phase
(three_public_total_actual_yuan, function_2101202_adjusted_yuan) — the names
``testkit/golden.py`` gives the warehouse's phases.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

from testkit.layoutgen.facts import FUNCTION_NAMES, Facts, Subject, ThreePublic
from testkit.layoutgen.model import Document, Head, Heading, Ledger, Para, Table
from testkit.layoutgen.money import yuan
from testkit.layoutgen.style import Style
from testkit.layoutgen.tables import Tables

FINAL_TITLES = {
    "summary": "收入支出决算总表",
    "expenditure": "支出决算表",
}


def spent(facts: Facts, rng: random.Random) -> Facts:
    """What was spent: each part of each subject at or a little under its budget; official
    receptions (公务接待费) now and then over it, as real final accounts show."""
    step = facts.step

    def under(amount: int) -> int:
        units = amount // step
        return (units - rng.randint(0, max(units // 20, 0))) * step if units else 0

    subjects = tuple(Subject(s.code, under(s.basic), under(s.project)) for s in facts.subjects)
    three = facts.three_public
    spent_three = ThreePublic(
        overseas=under(three.overseas),
        vehicle_purchase=under(three.vehicle_purchase),
        vehicle_operation=under(three.vehicle_operation),
        reception=under(three.reception)
        if rng.random() < 0.6
        else three.reception + rng.randint(1, 5) * step,
    )
    return replace(facts, subjects=subjects, three_public=spent_three)


def _actual_ledger(scratch: Ledger, ledger: Ledger) -> None:
    """Figures a budget table builder wrote, renamed as actuals (the table prints 决算数)."""
    for stated in scratch.figures:
        ledger.state(
            stated.measure.removesuffix("_yuan") + "_actual_yuan",
            stated.year,
            stated.value,
            stated.where,
        )
    for (scheme, code), value in scratch.subjects.items():
        ledger.subject(scheme, f"{code}_actual", value, expenditure=False)


def _as_final(table: Table, title: str) -> Table:
    """A budget table's header words as a 决算 prints them."""
    header = tuple(
        tuple(replace(head, text=head.text.replace("预算数", "决算数")) for head in row)
        for row in table.header
    )
    return replace(table, title=title, header=header)


def _rate(actual: int, budget: int) -> str:
    return f"{Decimal(actual * 100) / Decimal(budget):.2f}" if budget else ""


def general_budget_execution(t: Tables, budget: Facts, actual: Facts, adjusted: bool) -> Table:
    """一般公共预算财政拨款支出决算表: 年初预算数 | [调整预算数] | 决算数 | 完成率 per subject."""
    s, ledger = t.s, t.ledger
    planned, done = budget.function_amounts(), actual.function_amounts()
    labels = len(t._code_heads()) - 1
    rows: list[list[str]] = []
    total_b, total_a = budget.total, actual.total
    phases = [total_b, total_b] if adjusted else [total_b]
    rows.append(
        [
            *([""] * labels),
            "合计",
            *[s.amount(v) for v in phases],
            s.amount(total_a),
            _rate(total_a, total_b),
        ]
    )
    for code in sorted(planned, key=lambda c: (c[:3], c[:5], len(c), c)):
        values = [planned[code], planned[code]] if adjusted else [planned[code]]
        rows.append(
            [
                *t._code_cells(code),
                FUNCTION_NAMES[code],
                *[s.amount(v) for v in values],
                s.amount(done[code]),
                _rate(done[code], planned[code]),
            ]
        )
        ledger.subject("function", code, yuan(planned[code]), expenditure=True)
        if adjusted:
            ledger.subject("function", f"{code}_adjusted", yuan(planned[code]), expenditure=False)
        ledger.subject("function", f"{code}_actual", yuan(done[code]), expenditure=False)
    amounts = [Head("年初预算数", rowspan=1)]
    if adjusted:
        amounts.append(Head("调整预算数"))
    amounts += [Head("决算数"), Head("完成率(%)")]
    header = [[Head("项目", colspan=labels + 1), *amounts], [*t._code_heads()]]
    header[0][1:] = [replace(head, rowspan=2) for head in header[0][1:]]
    head, body = t._lead(header, rows)
    return Table("一般公共预算财政拨款支出决算表", head, body, t.meta())


def three_public_execution(t: Tables, budget: ThreePublic, actual: ThreePublic) -> Table:
    """财政拨款“三公”经费支出决算表, components in rows, 预算数 | 决算数."""
    s, ledger, year = t.s, t.ledger, t.f.year
    items = (
        ("total", "合计", budget.total, actual.total),
        ("overseas", s.overseas_word, budget.overseas, actual.overseas),
        ("vehicle_total", s.vehicle_word, budget.vehicle, actual.vehicle),
        (
            "vehicle_purchase",
            "其中：公务用车购置费",
            budget.vehicle_purchase,
            actual.vehicle_purchase,
        ),
        (
            "vehicle_operation",
            "公务用车运行维护费",
            budget.vehicle_operation,
            actual.vehicle_operation,
        ),
        ("reception", "公务接待费", budget.reception, actual.reception),
    )
    where = "财政拨款“三公”经费支出决算表"
    rows = []
    for key, label, planned, done in items:
        rows.append([label, s.amount(planned), s.amount(done)])
        ledger.state(f"three_public_{key}_yuan", year, yuan(planned), where)
        ledger.state(f"three_public_{key}_actual_yuan", year, yuan(done), where)
    header = [[Head("项目"), Head("预算数"), Head("决算数")]]
    head, body = t._lead(header, rows)
    return Table(where, head, body, t.meta())


_REASONS = (
    "严格执行厉行节约规定，压减一般性支出",
    "部分项目按进度支付，余款结转下年",
    "人员变动，人员经费支出减少",
)


def execution_prose(
    budget: Facts, actual: Facts, style: Style, ledger: Ledger, rng: random.Random
) -> list[Para]:
    year = budget.year
    where = "决算情况说明"
    out = []
    rate = _rate(actual.total, budget.total)
    text = (
        f"一般公共预算财政拨款支出年初预算为{style.money(budget.total)}，支出决算为"
        f"{style.money(actual.total)}，完成年初预算的{rate}%。"
    )
    if actual.total < budget.total:
        text += f"决算数小于预算数的主要原因：{rng.choice(_REASONS)}。"
    out.append(Para(text))
    ledger.state("general_budget_expenditure_yuan", year, yuan(budget.total), where)
    ledger.state("general_budget_expenditure_actual_yuan", year, yuan(actual.total), where)
    three_b, three_a = budget.three_public.total, actual.three_public.total
    if three_b:
        text = (
            f"“三公”经费财政拨款支出年初预算为{style.money(three_b)}，支出决算为"
            f"{style.money(three_a)}，完成预算的{_rate(three_a, three_b)}%。"
        )
        if three_a > three_b:
            text += "决算数大于预算数的主要原因：公务接待任务增加。"
        out.append(Para(text))
    out += item_execution_prose(budget, actual, style, ledger, rng)
    return out


_PURPOSES = (
    "在职人员的基本支出",
    "单位日常运转及履职工作支出",
    "退休人员及在职人员的社会保障缴费支出",
)
_ITEM_SUBJECTS = (1, 3)  # how many 项 subjects the 说明 explains one by one


def item_execution_prose(
    budget: Facts, actual: Facts, style: Style, ledger: Ledger, rng: random.Random
) -> list[Para]:
    """The 说明's items, each a 项 subject (now and then a 款) named by its 类, 款 and 项 words
    as real final accounts write them ("1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要
    用于：…。年初预算为X万元，支出决算为Y万元。决算数小于预算数的主要原因：…", or the figures
    right after the words), in the prose's unit; the figures are those of the
    一般公共预算财政拨款支出决算表, stated again."""
    year, where = budget.year, "决算情况说明"
    planned, done = budget.function_amounts(), actual.function_amounts()
    items = sorted(code for code in planned if len(code) == 7)
    chosen = rng.sample(items, min(len(items), rng.randint(*_ITEM_SUBJECTS)))
    if rng.random() < 0.3:
        chosen.append(rng.choice(sorted(code for code in planned if len(code) == 5)))
    out = []
    for number, code in enumerate(sorted(set(chosen)), start=1):
        names = "".join(
            f"{FUNCTION_NAMES[code[:length]]}（{level}）"
            for length, level in ((3, "类"), (5, "款"), (7, "项"))
            if length <= len(code)
        )
        purpose = f"。主要用于：{rng.choice(_PURPOSES)}。" if rng.random() < 0.7 else ""
        text = (
            f"{number}、{names}{purpose}年初预算为{style.money(planned[code])}，支出决算为"
            f"{style.money(done[code])}"
        )
        if rng.random() < 0.5:
            text += f"，完成年初预算的{_rate(done[code], planned[code])}%"
        text += "。"
        if done[code] < planned[code]:
            text += f"决算数小于预算数的主要原因：{rng.choice(_REASONS)}。"
        elif done[code] == planned[code]:
            text += "决算数与预算数基本持平。"
        out.append(Para(text))
        ledger.state(f"function_{code}_yuan", year, yuan(planned[code]), where)
        ledger.state(f"function_{code}_actual_yuan", year, yuan(done[code]), where)
    return out


def shanghai_final(f: Facts, s: Style, rng: random.Random, doc: Document) -> None:
    """The Shanghai template of 2024 (../shared/real/finals: the blank template)."""
    s.meta = "unit_only"
    s.titles = dict(FINAL_TITLES)
    s.code_columns = rng.choice(("joined", "split"))
    actual = spent(f, rng)
    doc.add(Heading(f"{f.body}{f.year}年度部门决算", 0))
    doc.add(Heading(f"第二部分 {f.body}{f.year}年度部门决算表"))
    scratch = Document(doc.name, doc.family, doc.county_code, doc.year)
    spent_tables = Tables(actual, s, scratch)
    summary = _as_final(spent_tables.summary(), "收入支出决算总表")
    expenditure = _as_final(spent_tables.expenditure(), "支出决算表")
    _actual_ledger(scratch.ledger, doc.ledger)
    t = Tables(f, s, doc)
    doc.add(summary, expenditure)
    doc.add(general_budget_execution(t, f, actual, adjusted=rng.random() < 0.5))
    doc.add(three_public_execution(t, f.three_public, actual.three_public))
    doc.add(Heading(f"第三部分 {f.body}{f.year}年度部门决算情况说明"))
    doc.add(*execution_prose(f, actual, s, doc.ledger, rng))


def general_budget_execution_full_year(t: Tables, budget: Facts, actual: Facts) -> Table:
    """一般公共预算财政拨款支出决算表 as templates that print no 完成率 do: 年初预算数 |
    全年预算数 | 决算数, the adjusted budget named by its other word."""
    table = general_budget_execution(t, budget, actual, adjusted=True)
    keep = len(table.header[0]) - 1  # the 完成率 column goes
    header = (
        tuple(
            replace(head, text="全年预算数") if head.text == "调整预算数" else head
            for head in table.header[0][:keep]
        ),
        *table.header[1:],
    )
    return replace(table, header=header, rows=tuple(row[:-1] for row in table.rows))


def three_public_execution_columns(t: Tables, budget: ThreePublic, actual: ThreePublic) -> Table:
    """财政拨款“三公”经费支出决算表 of the national template: one row, the components in
    columns under 预算数 and again under 决算数."""
    s, ledger, year = t.s, t.ledger, t.f.year
    where = "财政拨款“三公”经费支出决算表"
    heads0: list[Head] = []
    heads1: list[Head] = []
    heads2: list[Head] = []
    row: list[str] = []
    for phase_word, figures, suffix in (("预算数", budget, ""), ("决算数", actual, "_actual")):
        heads0.append(Head(phase_word, colspan=6))
        heads1 += [
            Head("合计", rowspan=2),
            Head(s.overseas_word, rowspan=2),
            Head(s.vehicle_word, colspan=3),
            Head("公务接待费", rowspan=2),
        ]
        heads2 += [Head("小计"), Head("公务用车购置费"), Head("公务用车运行费")]
        values = (
            ("total", figures.total),
            ("overseas", figures.overseas),
            ("vehicle_total", figures.vehicle),
            ("vehicle_purchase", figures.vehicle_purchase),
            ("vehicle_operation", figures.vehicle_operation),
            ("reception", figures.reception),
        )
        for key, value in values:
            row.append(s.amount(value))
            ledger.state(f"three_public_{key}{suffix}_yuan", year, yuan(value), where)
    header = ((*heads0,), (*heads1,), (*heads2,))
    return Table(where, header, (tuple(row),), t.meta())


def national_final(f: Facts, s: Style, rng: random.Random, doc: Document) -> None:
    """The national (财政部) template as counties print it: every table names its body and
    the year it accounts for (编制单位：… 2023年度 单位：万元), so a workbook of the tables
    alone says whose accounts they are; the 三公 table in one row, components in columns."""
    s.meta = "final"
    s.titles = dict(FINAL_TITLES)
    s.code_columns = rng.choice(("joined", "split"))
    actual = spent(f, rng)
    doc.add(Heading(f"{f.body}{f.year}年度部门决算", 0))
    doc.add(Heading("第二部分 部门决算表"))
    scratch = Document(doc.name, doc.family, doc.county_code, doc.year)
    spent_tables = Tables(actual, s, scratch)
    summary = _as_final(spent_tables.summary(), "收入支出决算总表")
    expenditure = _as_final(spent_tables.expenditure(), "支出决算表")
    _actual_ledger(scratch.ledger, doc.ledger)
    t = Tables(f, s, doc)
    doc.add(summary, expenditure)
    if rng.random() < 0.5:
        doc.add(general_budget_execution_full_year(t, f, actual))
    else:
        doc.add(general_budget_execution(t, f, actual, adjusted=False))
    doc.add(three_public_execution_columns(t, f.three_public, actual.three_public))
    doc.add(Heading("第三部分 部门决算情况说明"))
    doc.add(*execution_prose(f, actual, s, doc.ledger, rng))


FINAL_FAMILIES = {"shanghai_final": shanghai_final, "national_final": national_final}
FINAL_UNITS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "shanghai_final": (("万元", "万元", False), ("元", "元", True)),
    "national_final": (("万元", "万元", False), ("元", "万元", True)),
}
