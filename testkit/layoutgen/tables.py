"""The standard tables of 部门预算公开, built from facts in a document's style.

Each builder returns a ``Table`` and writes into the ledger every figure the table prints
that the warehouse has a place for (totals, structure, 三公, function and economic subjects,
last year's column).  Titles come from the family (VARIANTS.md §1).
"""

from __future__ import annotations

from testkit.layoutgen.facts import (
    ECONOMIC_NAMES,
    FUNCTION_NAMES,
    Facts,
)
from testkit.layoutgen.model import Document, Head, Table
from testkit.layoutgen.money import yuan
from testkit.layoutgen.style import Style

# The expenditure side of the summary tables: function classes in the national order.
CLASSES = (
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("209", "社会保险基金支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("224", "灾害防治及应急管理支出"),
    ("227", "预备费"),
    ("229", "其他支出"),
)
NUMERALS = "一二三四五六七八九十"


def numeral(n: int) -> str:
    """1 → 一, 12 → 十二, 24 → 二十四."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else NUMERALS[tens - 1]
    return f"{head}十{NUMERALS[ones - 1] if ones else ''}"


class Tables:
    """Table builders bound to one document's facts, style and ledger."""

    def __init__(self, facts: Facts, style: Style, doc: Document) -> None:
        self.f = facts
        self.s = style
        self.doc = doc
        self.ledger = doc.ledger

    # --- pieces -----------------------------------------------------------------------------

    def meta(self) -> tuple[str, ...]:
        unit = f"单位：{self.s.unit}"
        if self.s.meta == "none":  # the unit is stated once for the part, or not at all
            return (f"编制单位：{self.f.body}",)
        if self.s.meta == "hebei":
            return (f"450{self.f.body}", f"预算年度：{self.f.year}", unit)
        if self.s.meta == "unit_only":
            return (unit,)
        if self.s.meta == "final":  # 决算 tables: the body, the fiscal year accounted for
            return (f"编制单位：{self.f.body}", f"{self.f.year}年度", unit)
        return (f"编制单位：{self.f.body}", unit)

    def _lead(
        self, header: list[list[Head]], body: list[list[str]]
    ) -> tuple[tuple[tuple[Head, ...], ...], tuple[tuple[str, ...], ...]]:
        """Add the 序号 column and the 栏次 row the style asks for."""
        rows = len(header)
        if self.s.seq:
            header[0].insert(0, Head("序号", rowspan=rows))
            body = [[str(i), *row] for i, row in enumerate(body, start=1)]
        header_t = tuple(tuple(row) for row in header)
        if self.s.lanci:
            width = sum(h.colspan for h in header[0])
            label = [Head("栏次")]
            numbered = [Head(str(i)) for i in range(1, width)]
            header_t = (*header_t, tuple(label + numbered))
        return header_t, tuple(tuple(row) for row in body)

    def title(self, kind: str, default: str) -> str:
        return self.s.titles.get(kind, default)

    def _code_cells(self, code: str) -> list[str]:
        if self.s.code_columns == "split":
            return [code[:3], code[3:5], code[5:7]]
        return [code]

    def _code_heads(self, label: str = "功能分类科目") -> list[Head]:
        if self.s.code_columns == "split":
            return [Head("类"), Head("款"), Head("项"), Head("科目名称")]
        return [Head("科目编码"), Head("科目名称")]

    def _function_rows(self, columns: list[str]) -> list[tuple[str, dict[str, int]]]:
        """(code, {column: fen}) for every 类, 款 and 项 in order."""
        amounts = self.f.function_amounts()
        out = []
        for code in sorted(amounts, key=lambda c: (c[:3], c[:5], len(c), c)):
            basic, project = self.f.function_split(code)
            values = {"total": amounts[code], "basic": basic, "project": project}
            out.append((code, {key: values[key] for key in columns}))
        return out

    def _record_functions(self, expenditure: bool) -> None:
        for code, amount in self.f.function_amounts().items():
            self.ledger.subject("function", code, yuan(amount), expenditure)

    # --- 收支总表 ---------------------------------------------------------------------------

    def public_tables(self, shanghai: bool = False) -> list[Table]:
        """The six 公开表 most families print, in the order they print them, before their 三公
        table: 收支总表, 收入总表, 支出总表, 财政拨款收支总表, 一般公共预算支出表, 基本支出表."""
        return [
            self.summary(shanghai=shanghai),
            self.income(),
            self.expenditure(),
            self.fiscal_summary(),
            self.expenditure("general"),
            self.basic(),
        ]

    def summary(self, shanghai: bool = False) -> Table:
        f, s = self.f, self.s
        total = s.amount(f.total)
        income = [
            ("一、一般公共预算拨款收入", total),
            ("二、政府性基金预算拨款收入", ""),
            ("三、国有资本经营预算拨款收入", ""),
            ("四、财政专户管理资金收入", ""),
            ("五、单位资金", ""),
        ]
        if shanghai:
            income = [
                ("一、财政拨款收入", total),
                ("一般公共预算资金", total),
                ("政府性基金", ""),
                ("二、事业收入", ""),
                ("三、事业单位经营收入", ""),
                ("四、其他收入", ""),
            ]
        classes = self.f.function_amounts()
        spend = [
            (f"{numeral(i)}、{name}", s.amount(classes[code]) if code in classes else "")
            for i, (code, name) in enumerate(CLASSES, start=1)
        ]
        rows: list[list[str]] = []
        for i in range(max(len(income), len(spend))):
            left = income[i] if i < len(income) else ("", "")
            right = spend[i] if i < len(spend) else ("", "")
            rows.append([*left, *right])
        carried = s.amount(f.carryover) if f.carryover else ""
        grand = s.amount(f.total + f.carryover)
        if shanghai:
            rows.append(["收入总计", total, "支出总计", total])
        else:
            rows.append(["本年收入合计", total, "本年支出合计", total])
            rows.append(["上年结转结余", carried, "年终结转结余", carried])
            rows.append(["收入总计", grand, "支出总计", grand])
        header = [
            [Head("收入", colspan=2), Head("支出", colspan=2)],
            [Head("项目"), Head("预算数"), Head("项目"), Head("预算数")],
        ]
        head, body = self._lead(header, rows)
        default = "财务收支预算总表" if shanghai else "部门预算收支总表"
        where = self.title("summary", default)
        # 一般公共预算拨款收入 (一般公共预算资金 under 财政拨款收入 in 上海's table)
        self.ledger.state("general_budget_appropriation_yuan", f.year, yuan(f.total), where)
        # 上海's 收入总计 / 支出总计 stand on sides with no carry-over row: the sum of this
        # year's revenue and expenditure, so the year's totals (the other layouts print
        # 本年收入合计 / 本年支出合计 by name)
        self.ledger.state("total_revenue_yuan", f.year, yuan(f.total), where)
        self.ledger.state("total_expenditure_yuan", f.year, yuan(f.total), where)
        if not shanghai:
            # 一、一般公共预算拨款收入: the general-budget appropriation is all the revenue here
            self.ledger.state("general_budget_appropriation_yuan", f.year, yuan(f.total), where)
            grand_total = yuan(f.total + f.carryover)
            self.ledger.state("revenue_grand_total_yuan", f.year, grand_total, where)
            self.ledger.state("expenditure_grand_total_yuan", f.year, grand_total, where)
            if f.carryover:
                self.ledger.state("carryover_in_yuan", f.year, yuan(f.carryover), where)
                self.ledger.state("carryover_out_yuan", f.year, yuan(f.carryover), where)
        return Table(where, head, body, self.meta())

    # --- 收入总表 ---------------------------------------------------------------------------

    def income(self) -> Table:
        s = self.s
        total = s.amount(self.f.total)
        codes = len(self._code_cells("000"))
        rows = [[*([""] * codes), "合计", total, total, total, "", ""]]
        for code, values in self._function_rows(["total"]):
            amount = s.amount(values["total"])
            rows.append(
                [*self._code_cells(code), FUNCTION_NAMES[code], amount, amount, amount, "", ""]
            )
        header = [
            [
                Head("功能分类科目", colspan=codes + 1),
                Head("合计", rowspan=2),
                Head("本年收入", colspan=3),
                Head("上年结转", rowspan=2),
            ],
            [
                *self._code_heads(),
                Head("小计"),
                Head("一般公共预算拨款收入"),
                Head("政府性基金预算拨款收入"),
            ],
        ]
        head, body = self._lead(header, rows)
        self._record_functions(expenditure=False)
        return Table(self.title("income", "部门预算收入总表"), head, body, self.meta())

    # --- 支出总表 / 一般公共预算支出表 ------------------------------------------------------------

    def expenditure(self, kind: str = "expenditure", prior: bool = False) -> Table:
        f, s = self.f, self.s
        columns = ["total", "basic", "project"]
        rows: list[list[str]] = []
        label_cells = len(self._code_heads()) - 1
        totals = [s.amount(f.total), s.amount(f.basic), s.amount(f.project)]
        extra: list[str] = []
        if prior:
            extra = [s.amount(f.prior.total), s.amount(f.total - f.prior.total)]
        rows.append([*([""] * label_cells), "合计", *totals, *extra])
        prior_amounts = _prior_function_amounts(f) if prior else {}
        for code, values in self._function_rows(columns):
            cells = [s.amount(values[c]) if values[c] else "" for c in columns]
            more = []
            if prior:
                more = [
                    s.amount(prior_amounts[code]),
                    s.amount(values["total"] - prior_amounts[code]),
                ]
            rows.append([*self._code_cells(code), FUNCTION_NAMES[code], *cells, *more])
        group = "本年预算数" if prior else None
        if prior:
            header = [
                [
                    Head("功能分类科目", colspan=label_cells + 1),
                    Head(group or "", colspan=3),
                    Head("上年预算数", rowspan=2),
                    Head("增减", rowspan=2),
                ],
                [*self._code_heads(), Head("合计"), Head("基本支出"), Head("项目支出")],
            ]
        else:
            header = [
                [
                    Head("功能分类科目", colspan=label_cells + 1),
                    Head("合计", rowspan=2),
                    Head("基本支出", rowspan=2),
                    Head("项目支出", rowspan=2),
                ],
                [*self._code_heads()],
            ]
        head, body = self._lead(header, rows)
        if kind == "expenditure":
            where = self.title("expenditure", "部门预算支出总表")
            self.ledger.state("total_expenditure_yuan", f.year, yuan(f.total), where)
            self.ledger.state("basic_expenditure_yuan", f.year, yuan(f.basic), where)
            self.ledger.state("project_expenditure_yuan", f.year, yuan(f.project), where)
        else:
            where = self.title("general", "一般公共预算财政拨款支出表")
        if prior:
            self.ledger.state("total_expenditure_yuan", f.year - 1, yuan(f.prior.total), where)
        self._record_functions(expenditure=True)
        return Table(where, head, body, self.meta())

    # --- 财政拨款收支总表 ----------------------------------------------------------------------

    def fiscal_summary(self) -> Table:
        f, s = self.f, self.s
        total = s.amount(f.total)
        classes = f.function_amounts()
        spend = [(name, s.amount(classes[code])) for code, name in CLASSES if code in classes]
        rows = [["一、本年收入", total, "一、本年支出", total, total, "", ""]]
        rows.append(["（一）一般公共预算拨款", total, *spend[0], spend[0][1], "", ""])
        rows.append(
            ["（二）政府性基金预算拨款", "", *spend[1], spend[1][1], "", ""]
            if len(spend) > 1
            else ["（二）政府性基金预算拨款", "", "", "", "", "", ""]
        )
        for name, amount in spend[2:]:
            rows.append(["", "", name, amount, amount, "", ""])
        rows.append(["二、上年结转", "", "二、年终结转结余", "", "", "", ""])
        rows.append(["收入总计", total, "支出总计", total, total, "", ""])
        header = [
            [Head("收入", colspan=2), Head("支出", colspan=5)],
            [
                Head("项目"),
                Head("预算数"),
                Head("项目"),
                Head("合计"),
                Head("一般公共预算"),
                Head("政府性基金预算"),
                Head("国有资本经营预算"),
            ],
        ]
        head, body = self._lead(header, rows)
        return Table(self.title("fiscal", "财政拨款收支总表"), head, body, self.meta())

    # --- 基本支出表 ---------------------------------------------------------------------------

    def basic(self) -> Table:
        f, s = self.f, self.s
        amounts = f.economic_amounts()
        rows: list[list[str]] = []
        label_cells = 1
        rows.append(["", "合计", s.amount(f.basic), s.amount(f.personnel), s.amount(f.public)])
        for code in sorted(amounts, key=lambda c: (c[:3], len(c), c)):
            value = amounts[code]
            personnel = value if code[:3] in ("301", "303") else 0
            public = value if code[:3] == "302" else 0
            rows.append(
                [
                    code,
                    ECONOMIC_NAMES[code],
                    s.amount(value),
                    s.amount(personnel) if personnel else "",
                    s.amount(public) if public else "",
                ]
            )
        words = s.personnel_words
        header = [
            [
                Head("部门预算经济分类科目", colspan=label_cells + 1),
                Head("合计", rowspan=2),
                Head(words[0], rowspan=2),
                Head(words[1], rowspan=2),
            ],
            [Head("科目编码"), Head("科目名称")],
        ]
        head, body = self._lead(header, rows)
        where = self.title("basic", "一般公共预算财政拨款基本支出表")
        self.ledger.state("basic_expenditure_yuan", f.year, yuan(f.basic), where)
        self.ledger.state("personnel_expenditure_yuan", f.year, yuan(f.personnel), where)
        self.ledger.state("public_operating_expenditure_yuan", f.year, yuan(f.public), where)
        for code, value in amounts.items():
            self.ledger.subject("economic", code, yuan(value), expenditure=False)
        return Table(where, head, body, self.meta())

    # --- empty fund tables ---------------------------------------------------------------------

    def empty_fund(self, title: str) -> Table:
        header = [
            [Head("功能分类科目", colspan=2), Head("本年政府性基金预算支出", colspan=3)],
            [Head("科目编码"), Head("科目名称"), Head("合计"), Head("基本支出"), Head("项目支出")],
        ]
        rows = [["", "合计", "", "", ""]]
        head, body = self._lead(header, rows)
        note = "注：本部门无政府性基金预算财政拨款安排的支出，此表为空表。"
        return Table(title, head, body, self.meta(), notes=(note,))

    # --- 三公 -----------------------------------------------------------------------------

    def three_public_rows(self, prior: bool = False) -> Table:
        """Rows: 合计, 因公出国（境）费, 公务用车…, 其中购置/运行, 公务接待费."""
        f, s = self.f, self.s
        tp, old = f.three_public, f.prior.three_public
        empty = tp.total == 0 and s.empty_three_public == "note"
        lines = [
            ("合计", tp.total, old.total, "total"),
            (f"一、{s.overseas_word}", tp.overseas, old.overseas, "overseas"),
            (f"二、{s.vehicle_word}", tp.vehicle, old.vehicle, "vehicle_total"),
            ("其中：公务用车购置费", tp.vehicle_purchase, old.vehicle_purchase, "vehicle_purchase"),
            (
                "公务用车运行维护费",
                tp.vehicle_operation,
                old.vehicle_operation,
                "vehicle_operation",
            ),
            ("三、公务接待费", tp.reception, old.reception, "reception"),
        ]
        rows = []
        for label, value, before, _ in lines:
            if empty:
                rows.append([label, "", "", *([""] if prior else [])])
                continue
            cells = [s.amount(value), s.amount(value)]
            if prior:
                cells = [s.amount(value), s.amount(before), s.amount(value - before)]
            rows.append([label, *cells])
        if prior:
            header = [[Head("项目"), Head("本年预算数"), Head("上年预算数"), Head("增减")]]
        else:
            header = [[Head("项目"), Head("合计"), Head("一般公共预算财政拨款")]]
        head, body = self._lead(header, rows)
        where = self.title("three_public", "一般公共预算“三公”经费支出表")
        notes: tuple[str, ...] = ()
        if empty:
            notes = ("注：本部门无“三公”经费预算，此表为空表列示。",)
        for _, value, before, key in lines:
            self.ledger.state(f"three_public_{key}_yuan", f.year, yuan(value), where)
            if prior and not empty:
                self.ledger.state(f"three_public_{key}_yuan", f.year - 1, yuan(before), where)
        return Table(where, head, body, self.meta(), notes=notes)

    def three_public_columns(self, agency: bool, meeting_training: bool = False) -> Table:
        """One row of figures under a header of components (Shanghai, Gansu)."""
        f, s = self.f, self.s
        tp = f.three_public
        heads0 = [
            Head("合计", rowspan=2),
            Head(s.overseas_word, rowspan=2),
            Head(s.vehicle_word, colspan=3),
            Head("公务接待费", rowspan=2),
        ]
        heads1 = [Head("小计"), Head("购置费"), Head("运行费")]
        grand = tp.total + (tp.meeting + tp.training if meeting_training else 0)
        values = [
            grand,
            tp.overseas,
            tp.vehicle,
            tp.vehicle_purchase,
            tp.vehicle_operation,
            tp.reception,
        ]
        if meeting_training:
            heads0 += [Head("会议费", rowspan=2), Head("培训费", rowspan=2)]
            values += [tp.meeting, tp.training]
        if agency:
            header = [
                [Head("“三公”经费预算数", colspan=6), Head("机关运行经费预算数", rowspan=3)],
                heads0,
                heads1,
            ]
            values.append(f.agency_operating)
        else:
            header = [heads0, heads1]
        rows = [[s.amount(v) for v in values]]
        where = self.title("three_public", "“三公”经费和机关运行经费预算表")
        head = tuple(tuple(row) for row in header)
        for key, value in (
            ("overseas", tp.overseas),
            ("vehicle_total", tp.vehicle),
            ("vehicle_purchase", tp.vehicle_purchase),
            ("vehicle_operation", tp.vehicle_operation),
            ("reception", tp.reception),
        ):
            self.ledger.state(f"three_public_{key}_yuan", f.year, yuan(value), where)
        if not meeting_training or not tp.meeting + tp.training:
            # with 会议费 and 培训费 both zero the 合计 is the 三公 total, by the table's sums
            self.ledger.state("three_public_total_yuan", f.year, yuan(tp.total), where)
        if agency:
            self.ledger.state("agency_operating_cost_yuan", f.year, yuan(f.agency_operating), where)
        return Table(where, head, tuple(tuple(r) for r in rows), self.meta())

    # --- 项目支出绩效目标表 -----------------------------------------------------------------------

    def subsidy_project(self, number: int, beneficiaries: bool) -> Table | None:
        """The county subsidy project's performance-target form (魏县 layout)."""
        f, s = self.f, self.s
        if not f.subsidy:
            return None
        name = f"{f.year}年城乡居民医疗保险县级配套"
        amount = s.amount(f.subsidy)
        resident = f.resident
        rows: list[tuple[str, ...]] = [
            ("项目编码", f.project_code(1), "项目名称", name),
            ("预算规模及资金用途", "预算数", amount, "其中：财政资金", amount),
            ("绩效目标", "保障城乡居民基本医疗保险基金收支平衡，县级财政按标准足额配套。"),
            ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"),
        ]
        if beneficiaries:
            rows.append(
                (
                    "产出指标",
                    "数量指标",
                    "受益人数",
                    "城乡居民医保受益人数",
                    f"{resident.persons}人",
                    "参保数据",
                )
            )
        rows += [
            ("产出指标", "质量指标", "资金足额到位率", "资金足额到位率", "100%", "文件规定"),
            (
                "成本指标",
                "经济成本指标",
                "县级财政补助标准",
                "人均补助标准",
                f"{f.subsidy_per_person}元/人",
                "文件规定",
            ),
            (
                "效益指标",
                "社会效益指标",
                "参保群众就医负担",
                "减轻参保群众就医负担",
                "有效减轻",
                "工作计划",
            ),
            (
                "满意度指标",
                "服务对象满意度指标",
                "参保群众满意度",
                "参保群众满意度",
                "≥90%",
                "问卷调查",
            ),
        ]
        width = max(len(r) for r in rows)
        padded = tuple(tuple([*r, *[""] * (width - len(r))]) for r in rows)
        where = self.title("project", f"{number}.{name}绩效目标表")
        self.ledger.subsidy_project = yuan(f.subsidy)
        self.ledger.subsidy_standard = f.subsidy_per_person
        meta = (f"{f.body}",) if s.meta == "none" else (f"{f.body}", f"单位：{s.unit}")
        return Table(where, (), padded, meta)


def _prior_function_amounts(f: Facts) -> dict[str, int]:
    """Last year's amount of every subject: this year's scaled to last year's totals."""
    out: dict[str, int] = {}
    leaves: dict[str, int] = {}
    for part, current, before in (
        ("basic", f.basic, f.prior.basic),
        ("project", f.project, f.prior.project),
    ):
        subjects = [s for s in f.subjects if getattr(s, part)]
        if not subjects:
            continue
        shares = [getattr(s, part) * before // current // f.step * f.step for s in subjects]
        shares[0] += before - sum(shares)
        for s, share in zip(subjects, shares, strict=True):
            leaves[s.code] = leaves.get(s.code, 0) + share
    for code, amount in leaves.items():
        for key in (code[:3], code[:5], code):
            out[key] = out.get(key, 0) + amount
    return out
