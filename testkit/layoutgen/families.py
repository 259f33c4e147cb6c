"""Layout families: how provinces lay out the same budget (VARIANTS.md §1–4).

Each family is a function (facts, rng) → Document: its cover, section order, table titles,
units and wording.  What differs between two documents of one family is drawn from ``rng``.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from testkit.layoutgen.facts import Facts
from testkit.layoutgen.model import Document, Heading, Para
from testkit.layoutgen.prose import Prose
from testkit.layoutgen.style import Style
from testkit.layoutgen.tables import Tables

Family = Callable[[Facts, Style, random.Random, Document], None]


def _intro(f: Facts, title: str) -> list[Heading | Para]:
    return [Heading(title, 0), Para(f"{f.county.name}医疗保障局")]


# --- Hebei seeds: tables first, then 情况说明 ---------------------------------------------


def hebei(f: Facts, s: Style, rng: random.Random, doc: Document) -> None:
    s.meta = "none" if s.meta == "none" else "hebei"  # none: unit_arithmetic
    s.seq = rng.random() < 0.7
    s.lanci = rng.random() < 0.5
    s.vehicle_word = rng.choice(("公务用车购置及运维费", "公务用车购置及运行维护费"))
    t, p = Tables(f, s, doc), Prose(f, s, doc, rng)
    doc.add(Heading(f"{f.body}{f.year}年部门预算", 0))
    doc.add(Heading("第一部分 部门预算公开表"))
    doc.add(*t.public_tables())
    doc.add(t.empty_fund("政府性基金预算支出表"))
    doc.add(t.three_public_rows())
    doc.add(Heading("第二部分 部门预算情况说明"))
    doc.add(Heading("一、部门职责"), p.duties())
    doc.add(Heading("二、部门预算安排的总体情况"), Para("1、收入说明"), p.revenue())
    doc.add(Para("2、支出说明"), p.expenditure(), Para("3、比上年增减情况"), p.changes())
    doc.add(Heading("三、机关运行经费安排情况"), p.agency_operating())
    doc.add(Heading("四、财政拨款“三公”经费预算情况及增减变化原因"), p.three_public(True))
    doc.add(Heading("五、城乡居民医疗保障情况"), p.enrollment(), p.standards())
    doc.add(Heading("六、绩效目标"), p.performance())
    project = t.subsidy_project(1, beneficiaries=False)
    if project:
        doc.add(project)


# --- Hubei: 说明 parts first, 第四部分 预算表 last, 机关运行经费 before 三公 ----------------------


def hubei(f: Facts, s: Style, rng: random.Random, doc: Document) -> None:
    s.titles = {
        "summary": "部门收支总表",
        "income": "部门收入总表",
        "expenditure": "部门支出总表",
        "fiscal": "财政拨款收支总表",
        "general": "一般公共预算支出表",
        "basic": "一般公共预算基本支出表",
        "three_public": "一般公共预算“三公”经费支出表",
    }
    t, p = Tables(f, s, doc), Prose(f, s, doc, rng)
    doc.add(Heading(f"{f.body}{f.year}年部门预算", 0))
    doc.add(Heading("第一部分 部门概况"), Heading("一、主要职能"), p.duties())
    doc.add(Heading(f"第二部分 {f.year}年部门预算编制情况及说明"))
    doc.add(Heading("一、预算收支安排及增减变化"), p.revenue(), p.expenditure(), p.changes())
    doc.add(Heading("二、机关运行经费安排及增减变化"), p.agency_operating())
    doc.add(Heading("三、政府采购情况"), p.procurement())
    doc.add(Heading("四、“三公”经费预算安排及增减变化原因"), p.three_public(True))
    doc.add(Heading("五、医疗保障基本情况"), p.enrollment(), p.standards())
    doc.add(Heading("第三部分 名词解释"))
    doc.add(Para("基本支出：指为保障机构正常运转、完成日常工作任务而发生的支出。"))
    doc.add(Heading(f"第四部分 {f.year}年部门预算表"))
    doc.add(*t.public_tables(), t.three_public_rows())


# --- Sichuan: twelve numbered sections, 三公 is 七, 附表 at the end -----------------------------


def sichuan(f: Facts, s: Style, rng: random.Random, doc: Document) -> None:
    s.titles = {
        "summary": "附表1 部门收支总表",
        "income": "附表2 部门收入总表",
        "expenditure": "附表3 部门支出总表",
        "fiscal": "附表4 财政拨款收支预算总表",
        "general": "附表5 一般公共预算支出预算表",
        "basic": "附表6 一般公共预算基本支出预算表",
        "three_public": "附表7 一般公共预算“三公”经费支出预算表",
    }
    t, p = Tables(f, s, doc), Prose(f, s, doc, rng)
    doc.add(Heading(f"{f.body}{f.year}年部门预算", 0))
    doc.add(Heading("目录"))
    for title in s.titles.values():
        doc.add(Para(f"《{title.split(' ', 1)[1]}》"))
    doc.add(Heading("一、基本职能及主要工作"), p.duties())
    doc.add(Heading("二、机构设置"), Para("本部门内设办公室、待遇保障股、医药服务管理股等股室。"))
    doc.add(Heading("三、部门预算收支总体情况"), p.revenue(), p.changes())
    doc.add(Heading("四、收入预算情况"), Para("本部门收入全部为一般公共预算拨款收入。"))
    doc.add(Heading("五、支出预算情况"), p.expenditure())
    doc.add(Heading("六、一般公共预算当年拨款情况"), Para("一般公共预算当年拨款全部为本年安排。"))
    doc.add(Heading("七、“三公”经费预算情况"), p.three_public(True))
    doc.add(Heading("八、政府性基金预算情况"), Para("本部门无政府性基金预算拨款安排的支出。"))
    doc.add(Heading("九、国有资本经营预算情况"), Para("本部门无国有资本经营预算拨款安排的支出。"))
    doc.add(Heading("十、其他重要事项说明"))
    doc.add(Heading("（一）机关运行经费", 2), p.agency_operating())
    doc.add(Heading("（二）政府采购情况", 2), p.procurement())
    doc.add(Heading("（三）参保情况", 2), p.enrollment(), p.standards())
    doc.add(
        Heading("十一、名词解释"),
        Para("“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。"),
    )
    doc.add(Heading("十二、附表"))
    doc.add(*t.public_tables(), t.three_public_rows())


# --- Gansu: 三公/会议费/培训费 in one table whose 合计 is not the 三公 total ----------------------


def gansu(f: Facts, s: Style, rng: random.Random, doc: Document) -> None:
    s.titles = {
        "summary": "部门收支总体情况表",
        "income": "部门收入总体情况表",
        "expenditure": "部门支出总体情况表",
        "fiscal": "财政拨款收支总体情况表",
        "general": "一般公共预算支出情况表",
        "basic": "一般公共预算基本支出情况表",
        "three_public": "一般公共预算财政拨款“三公”经费、会议费、培训费支出情况表",
    }
    s.overseas_word = "因公出国(境)费"
    t, p = Tables(f, s, doc), Prose(f, s, doc, rng)
    doc.add(Heading(f"{f.body}{f.year}年部门预算公开", 0))
    doc.add(Heading("第一部分 部门概况"), p.duties())
    doc.add(Heading("第二部分 部门预算情况说明"))
    doc.add(Heading("（一）收支预算情况", 2), p.revenue(), p.expenditure(), p.changes())
    doc.add(Heading("（二）一般公共预算支出情况", 2), Para("一般公共预算支出全部用于本部门履职。"))
    doc.add(Heading("（三）“三公”经费、会议费、培训费情况", 2), p.three_public(True, True))
    doc.add(Heading("（四）机关运行经费情况", 2), p.agency_operating())
    doc.add(Heading("（五）医疗保障情况", 2), p.enrollment(), p.standards())
    doc.add(Heading("第三部分 部门预算公开表"))
    doc.add(*t.public_tables(), t.three_public_columns(False, True))
    project = t.subsidy_project(1, beneficiaries=False)
    if project:
        doc.add(project)


# --- Hunan: 机关运行经费 and 三公 as (一)(二) of 六、其他重要事项 --------------------------------


def hunan(f: Facts, s: Style, rng: random.Random, doc: Document) -> None:
    y = f.year
    s.titles = {
        "summary": f"{y}年部门收支总体情况表",
        "income": f"{y}年部门收入总体情况表",
        "expenditure": f"{y}年部门支出总体情况表",
        "fiscal": f"{y}年财政拨款收支总体情况表",
        "general": f"{y}年一般公共预算支出情况表",
        "basic": f"{y}年一般公共预算基本支出情况表",
        "three_public": f"{y}年一般公共预算“三公”经费支出情况表",
    }
    t, p = Tables(f, s, doc), Prose(f, s, doc, rng)
    doc.add(Heading(f"{f.body}{y}年部门预算", 0))
    doc.add(Heading("一、部门基本情况"), p.duties())
    doc.add(Heading("二、收支预算总体情况"), p.revenue(), p.expenditure())
    doc.add(Heading("三、一般公共预算拨款支出情况"), p.changes())
    doc.add(Heading("四、政府性基金预算支出情况"), Para("本部门无政府性基金预算支出。"))
    doc.add(Heading("五、医疗保障情况"), p.enrollment(), p.standards())
    doc.add(Heading("六、其他重要事项的情况说明"))
    doc.add(Heading("（一）机关运行经费", 2), p.agency_operating())
    doc.add(Heading("（二）“三公”经费", 2), p.three_public(True))
    doc.add(Heading("七、部门预算公开表"))
    doc.add(*t.public_tables(), t.three_public_rows())


# --- Yunnan: 财务收支预算总表 (预算01-1表), 元 with commas, 人员类/运转类 ------------------------


def yunnan(f: Facts, s: Style, rng: random.Random, doc: Document) -> None:
    s.titles = {
        "summary": "部门财务收支预算总表",
        "income": "部门收入预算表",
        "expenditure": "部门支出预算表",
        "fiscal": "财政拨款收支预算总表",
        "general": "一般公共预算支出预算表（按功能科目分类）",
        "basic": "一般公共预算基本支出预算表",
        "three_public": "一般公共预算“三公”经费支出预算表",
    }
    s.personnel_words = ("人员类项目经费", "运转类公用项目经费")
    t, p = Tables(f, s, doc), Prose(f, s, doc, rng)
    doc.add(Heading(f"{f.body}{f.year}年部门预算", 0))
    forms = iter(
        (
            "预算01-1表",
            "预算01-2表",
            "预算01-3表",
            "预算02-1表",
            "预算02-2表",
            "预算02-3表",
            "预算03表",
        )
    )
    for table in (*t.public_tables(), t.three_public_rows()):
        doc.add(
            type(table)(
                table.title, table.header, table.rows, (next(forms), *table.meta), table.notes
            )
        )
    doc.add(Heading("部门预算编制说明"))
    doc.add(Heading("一、部门基本情况"), p.duties())
    doc.add(Heading("二、收支预算情况"), p.revenue(), p.expenditure(), p.changes(rate=True))
    doc.add(Heading("三、对下专项转移支付情况"), Para("本部门无对下专项转移支付。"))
    doc.add(Heading("四、政府采购情况"), p.procurement())
    doc.add(Heading("五、部门三公经费增减变化情况及原因说明"), p.three_public(True))
    doc.add(Heading("六、机关运行经费"), p.agency_operating())
    doc.add(Heading("七、医疗保障情况"), p.enrollment(), p.standards())


# --- Chongqing: one page of prose, no tables ---------------------------------------------------


def chongqing(f: Facts, s: Style, rng: random.Random, doc: Document) -> None:
    doc.prose_only = True
    p = Prose(f, s, doc, rng)
    doc.add(Heading(f"{f.body}{f.year}年部门预算情况说明", 0))
    doc.add(Heading("一、单位基本情况"), p.duties())
    doc.add(Heading("二、部门预算收支情况"), p.revenue(), p.expenditure(), p.changes())
    doc.add(Heading("三、“三公”经费预算情况"), p.three_public(True))
    doc.add(Heading("四、机关运行经费"), p.agency_operating())
    doc.add(Heading("五、医疗保障情况"), p.enrollment(), p.standards())
    doc.add(Heading("六、政府采购情况"), p.procurement())


# --- Shanghai: 财务收支预算总表 side by side, 类/款/项 columns, 三公 + 机关运行经费 table ---


def shanghai(f: Facts, s: Style, rng: random.Random, doc: Document) -> None:
    s.titles = {
        "summary": "财务收支预算总表",
        "income": "收入预算总表",
        "expenditure": "支出预算总表",
        "fiscal": "财政拨款收支预算总表",
        "general": "一般公共预算支出功能分类预算表",
        "basic": "一般公共预算基本支出部门预算经济分类预算表",
        "three_public": "“三公”经费和机关运行经费预算表",
    }
    s.code_columns = "split"
    s.meta = "labelled"
    s.vehicle_word = "公务用车购置及运行费"
    s.overseas_word = "因公出国(境)费"
    t, p = Tables(f, s, doc), Prose(f, s, doc, rng)
    doc.add(Heading(f"{f.body}{f.year}年部门预算", 0))
    doc.add(Heading("目录"), Para("一、部门主要职能 二、部门预算编制说明 三、部门预算表"))
    doc.add(Heading("一、部门主要职能"), p.duties())
    doc.add(Heading("二、部门预算编制说明"), p.revenue(), p.expenditure(), p.changes())
    doc.add(p.three_public(True), p.enrollment(), p.standards())
    doc.add(Heading("三、部门预算表"))
    doc.add(*t.public_tables(shanghai=True), t.three_public_columns(agency=True))


# --- 本年/上年/增减 columns and rates (Guangxi-like, in 元) ---


def prior_columns(f: Facts, s: Style, rng: random.Random, doc: Document) -> None:
    s.titles = {"three_public": "“三公”经费财政拨款预算表"}
    t, p = Tables(f, s, doc), Prose(f, s, doc, rng)
    doc.add(Heading(f"{f.body}{f.year}年部门预算", 0))
    doc.add(Heading("第一部分 部门概况"), p.duties())
    doc.add(Heading("第二部分 部门预算情况说明"))
    doc.add(Heading("一、收支预算情况"), p.revenue(), p.expenditure(), p.changes(rate=True))
    doc.add(Heading("二、“三公”经费预算情况"), p.three_public(True))
    doc.add(Heading("三、机关运行经费"), p.agency_operating())
    doc.add(Heading("四、医疗保障情况"), p.enrollment(), p.standards())
    doc.add(Heading("第三部分 部门预算表"))
    doc.add(t.summary(), t.expenditure(prior=True), t.basic(), t.three_public_rows(prior=True))


# --- a mirror page in traditional glyphs (萬元, 經費, 預算) of a Hebei-style document -------------


def traditional(f: Facts, s: Style, rng: random.Random, doc: Document) -> None:
    hebei(f, s, rng, doc)
    doc.traditional = True


# --- the unit stated once for the tables' part, or only by the document's arithmetic -------


def unit_once(f: Facts, s: Style, rng: random.Random, doc: Document) -> None:
    """Hubei's order (说明 first, 预算表 last), the tables' unit stated once on a line above
    them all and in none of them; the prose in another unit."""
    s.meta = "none"
    hubei(f, s, rng, doc)
    at = next(
        i
        for i, block in enumerate(doc.blocks)
        if isinstance(block, Heading) and block.text.startswith("第四部分")
    )
    statement = rng.choice((f"（金额单位：{s.unit}）", f"单位：{s.unit}", f"金额单位：{s.unit}"))
    doc.blocks.insert(at + 1, Para(statement))


def unit_arithmetic(f: Facts, s: Style, rng: random.Random, doc: Document) -> None:
    """Hebei's order, and no unit stated anywhere for the tables: the prose states the totals
    with their unit, and the tables' totals equal them in exactly one unit."""
    s.meta = "none"
    hebei(f, s, rng, doc)


def unit_unknown(f: Facts, s: Style, rng: random.Random, doc: Document) -> None:
    """Tables stating no unit and no sentence stating a figure with its unit: nothing
    decides 元 or 万元, so no table amount may land (not in ``FAMILIES``: its tables' figures
    are not figures the warehouse may hold; ``tests/test_units.py`` reads it)."""
    s.meta = "none"
    t = Tables(f, s, doc)
    doc.add(Heading(f"{f.body}{f.year}年部门预算", 0))
    doc.add(Heading("第一部分 部门预算公开表"))
    doc.add(t.summary(), t.expenditure(), t.three_public_rows())
    doc.add(Heading("第二部分 部门预算情况说明"))
    doc.add(Para("本部门预算收支情况详见上表。"))


FAMILIES: dict[str, Family] = {
    "hebei": hebei,
    "hubei": hubei,
    "sichuan": sichuan,
    "gansu": gansu,
    "hunan": hunan,
    "yunnan": yunnan,
    "chongqing": chongqing,
    "shanghai": shanghai,
    "prior_columns": prior_columns,
    "traditional": traditional,
    "unit_once": unit_once,
    "unit_arithmetic": unit_arithmetic,
}

# Units per family: (table unit, prose unit, thousands commas in tables)
UNITS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "hebei": (("万元", "万元", False), ("万元", "万元", False), ("元", "万元", False)),
    "hubei": (("万元", "万元", False),),
    "sichuan": (("万元", "万元", False),),
    "gansu": (("万元", "万元", False), ("元", "元", False)),
    "hunan": (("万元", "万元", False),),
    "yunnan": (("元", "元", True), ("元", "万元", True)),
    "chongqing": (("万元", "万元", False), ("元", "元", False)),
    "shanghai": (("元", "万元", True), ("元", "元", True)),
    "prior_columns": (("元", "元", False),),
    "traditional": (("万元", "万元", False),),
    "unit_once": (("元", "万元", False), ("元", "万元", True), ("万元", "元", False)),
    "unit_arithmetic": (("元", "万元", False), ("元", "万元", True), ("万元", "元", False)),
}
