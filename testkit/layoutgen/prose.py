"""The 情况说明: sentences stating totals, structure, 三公, enrollment, standards and changes.

Each sentence writes what it states into the ledger; the wording is drawn per sentence
from the phrasings seen in real documents (VARIANTS.md §3–5): change verbs, zero
phrasings, rates with a space before %, per-person standards.
"""

from __future__ import annotations

import random
from decimal import Decimal

from testkit.layoutgen.facts import ALL_LEVELS, PREMIUM, Facts
from testkit.layoutgen.model import Document, Para
from testkit.layoutgen.money import wan_persons, yuan
from testkit.layoutgen.style import Style


class Prose:
    def __init__(self, facts: Facts, style: Style, doc: Document, rng: random.Random) -> None:
        self.f = facts
        self.s = style
        self.doc = doc
        self.rng = rng
        self.ledger = doc.ledger

    def m(self, fen: int) -> str:
        return self.s.money(fen)

    # --- changes -----------------------------------------------------------------------------

    def change(
        self, measures: tuple[str, ...], current: int, before: int, rate: bool = False
    ) -> str:
        """A clause stating the change against last year, written to the ledger."""
        f, rng = self.f, self.rng
        delta = current - before
        last = f.year - 1
        if delta == 0:
            words = rng.choice(
                (
                    "与上年持平",
                    "与上年预算持平",
                    "较上年无增减变化",
                    f"与{last}年相比增加0万元",
                    f"较{last}年增加{self.m(0)}",
                )
            )
            if current == 0:
                words = rng.choice(("与上年持平", "较上年无增减变化"))
        else:
            up = delta > 0
            amount = self.m(abs(delta))
            compare = rng.choice(
                ("较上年", "比上年", "同比", "与上年相比", f"较{last}年预算", f"与{last}年预算相比")
            )
            if compare.startswith("与") and compare.endswith("相比"):
                verb = rng.choice(("增加", "增长")) if up else rng.choice(("减少", "下降"))
            else:
                verb = "增加" if up else "减少"
            words = f"{compare}{verb}{amount}"
            if rate and before:
                pct = abs(delta) * 100 / before
                words += f"，{'增长' if up else '下降'} {pct:.2f} %"
        for measure in measures:
            self.ledger.change(measure, f.year, last, yuan(delta), words)
        return words

    # --- totals and structure -------------------------------------------------------------------

    def revenue(self) -> Para:
        f = self.f
        text = (
            f"{f.year}年收入预算{self.m(f.total)}，其中：一般公共预算拨款收入{self.m(f.total)}，"
            f"政府性基金预算拨款收入{self.m(0)}。"
        )
        self.ledger.state("total_revenue_yuan", f.year, yuan(f.total), text)
        # revenue by source, as the sentence splits it
        self.ledger.state("general_budget_appropriation_yuan", f.year, yuan(f.total), text)
        self.ledger.state("government_fund_appropriation_yuan", f.year, Decimal(0), text)
        return Para(text)

    def expenditure(self, personnel_words: tuple[str, str] | None = None) -> Para:
        f = self.f
        people, public = personnel_words or self.s.personnel_words
        text = (
            f"{f.year}年支出预算{self.m(f.total)}，其中：基本支出{self.m(f.basic)}，"
            f"包括{people}{self.m(f.personnel)}、{public}{self.m(f.public)}；"
            f"项目支出{self.m(f.project)}。"
        )
        for measure, value in (
            ("total_expenditure_yuan", f.total),
            ("basic_expenditure_yuan", f.basic),
            ("personnel_expenditure_yuan", f.personnel),
            ("public_operating_expenditure_yuan", f.public),
            ("project_expenditure_yuan", f.project),
        ):
            self.ledger.state(measure, f.year, yuan(value), text)
        return Para(text)

    def changes(self, rate: bool = False) -> Para:
        f = self.f
        total = self.change(
            ("total_revenue_yuan", "total_expenditure_yuan"), f.total, f.prior.total, rate
        )
        basic = self.change(("basic_expenditure_yuan",), f.basic, f.prior.basic)
        project = self.change(("project_expenditure_yuan",), f.project, f.prior.project)
        text = (
            f"{f.year}年收支预算总额{self.m(f.total)}，{total}。其中：基本支出{basic}，"
            f"主要原因是人员工资调整；项目支出{project}，主要原因是项目安排变化。"
        )
        text += self.item_change()
        self.ledger.state("total_revenue_yuan", f.year, yuan(f.total), text)
        self.ledger.state("total_expenditure_yuan", f.year, yuan(f.total), text)
        return Para(text)

    def item_change(self) -> str:
        """A change of one item the warehouse has no measure for ('住房公积金较上年增加…'):
        nothing for the ledger, and never a change of the total."""
        rng = self.rng
        if rng.random() < 0.5:
            return ""
        item = rng.choice(("住房公积金", "会议费", "培训费", "差旅费", "办公费"))
        compare = rng.choice(("较上年", "比上年", "与上年相比", f"较{self.f.year - 1}年"))
        verb = rng.choice(("增加", "减少"))
        amount = self.m(rng.randint(1, 40) * self.f.step)
        return f"{item}{compare}{verb}{amount}，主要原因是按规定调整。"

    def agency_operating(self) -> Para:
        f = self.f
        text = (
            f"{f.year}年本部门机关运行经费预算安排{self.m(f.agency_operating)}，主要用于办公费、"
            "水电费、差旅费等日常公用支出。"
        )
        self.ledger.state("agency_operating_cost_yuan", f.year, yuan(f.agency_operating), text)
        return Para(text)

    # --- 三公 ------------------------------------------------------------------------------------

    def _component(self, word: str, fen: int, measure: str, sentence: list[str]) -> str:
        """'因公出国（境）费0.00万元' or a zero said in words; ledger written by the caller."""
        if fen:
            return f"{word}{self.m(fen)}"
        zero = self.rng.choice(("amount", "amount", "wei0", "none", "unplanned"))
        if zero == "amount":
            return f"{word}{self.m(0)}"
        if zero == "wei0":
            return f"{word}为0"
        if zero == "none":
            return f"无{word}"
        return f"未安排{word}"

    def three_public(self, with_changes: bool, meeting_training: bool = False) -> Para:
        f, s = self.f, self.s
        tp, old = f.three_public, f.prior.three_public
        pieces = []
        stated: list[tuple[str, int]] = [("three_public_total_yuan", tp.total)]
        if tp.total == 0 and self.rng.random() < 0.5:
            text = (
                f"{f.year}年本部门“三公”经费预算为{self.m(0)}，未安排因公出国（境）费、"
                "公务用车购置及运行维护费和公务接待费。"
            )
            stated += [
                ("three_public_overseas_yuan", 0),
                ("three_public_vehicle_total_yuan", 0),
                ("three_public_reception_yuan", 0),
            ]
        else:
            overseas = self._component(s.overseas_word, tp.overseas, "overseas", pieces)
            vehicle = self._component(s.vehicle_word, tp.vehicle, "vehicle_total", pieces)
            purchase = self._component("公务用车购置费", tp.vehicle_purchase, "", pieces)
            operation = self._component("公务用车运行维护费", tp.vehicle_operation, "", pieces)
            reception = self._component("公务接待费", tp.reception, "", pieces)
            text = (
                f"{f.year}年“三公”经费预算{self.m(tp.total)}，其中：{overseas}；{vehicle}"
                f"（其中：{purchase}，{operation}）；{reception}。"
            )
            stated += [
                ("three_public_overseas_yuan", tp.overseas),
                ("three_public_vehicle_total_yuan", tp.vehicle),
                ("three_public_vehicle_purchase_yuan", tp.vehicle_purchase),
                ("three_public_vehicle_operation_yuan", tp.vehicle_operation),
                ("three_public_reception_yuan", tp.reception),
            ]
        if meeting_training:
            text += f"另安排会议费{self.m(tp.meeting)}，培训费{self.m(tp.training)}。"
        if with_changes:
            change = self.change(("three_public_total_yuan",), tp.total, old.total)
            text += f"“三公”经费总额{change}，主要原因是厉行节约。"
        for measure, value in stated:
            self.ledger.state(measure, f.year, yuan(value), text)
        return Para(text)

    # --- people and standards -----------------------------------------------------------------

    def enrollment(self) -> Para:
        f, rng = self.f, self.rng
        r = f.resident
        count = f"{wan_persons(r.persons)}万人" if r.in_wan else f"{r.persons}人"
        if r.kind == "projected":
            first = f"{r.year}年全县城乡居民预计参保{count}"
        elif r.kind == "contributors":
            first = f"{r.year}年城乡居民基金征缴人数{count}"
        elif r.kind == "beneficiaries":
            first = f"{r.year}年城乡居民医保受益人数{count}"
        else:
            first = rng.choice(
                (
                    f"{r.year}年全县城乡居民参保{count}",
                    f"截至{r.year}年底，全县城乡居民基本医疗保险参保人数达{count}",
                )
            )
        text = f"{first}，参保率保持稳定。"
        self.ledger.state("resident_enrollment_persons", r.year, yuan(r.persons * 100), text)
        e = f.employee
        if e is not None:
            label = "参保人数达" if e.kind == "enrolled" else "基金征缴人数"
            text += f"{e.year}年职工基本医疗保险{label}{e.persons}人。"
            self.ledger.state("employee_enrollment_persons", e.year, yuan(e.persons * 100), text)
        return Para(text)

    def standards(self) -> Para:
        f, rng = self.f, self.rng
        y = f.standards_year
        before_premium, before_all = PREMIUM.get(y - 1), ALL_LEVELS.get(y - 1)
        if before_premium and before_all and rng.random() < 0.4:
            return self._standards_moved(y, before_premium, before_all)
        text = rng.choice(
            (
                f"{y}年城乡居民医保个人缴费{f.premium}元，各级财政补助{f.all_levels}元。",
                f"{y}年城乡居民基本医疗保险个人缴费标准为{f.premium}元/人，各级财政补助标准为"
                f"{f.all_levels}元/人。",
            )
        )
        self.ledger.state("resident_individual_premium_per_person", y, yuan(f.premium * 100), text)
        self.ledger.state(
            "resident_fiscal_subsidy_per_person_all_levels", y, yuan(f.all_levels * 100), text
        )
        return Para(text)

    def _standards_moved(self, y: int, before_premium: int, before_all: int) -> Para:
        """Standards stated as a move from last year's (VARIANTS.md §9): '由610元提高到640元'."""
        f, rng = self.f, self.rng
        verb = rng.choice(("提高到", "提高至", "调整为", "增加至"))
        subsidy = rng.choice(
            (
                f"人均财政补助标准由{before_all}元{verb}{f.all_levels}元",
                f"各级财政补助标准从{before_all}元{verb}{f.all_levels}元",
                f"各级财政补助标准较上年的{before_all}元{verb}{f.all_levels}元",
            )
        )
        if before_premium == f.premium:
            premium = f"个人缴费标准为{f.premium}元"
        else:
            premium = f"个人缴费标准由{before_premium}元{verb}{f.premium}元"
            self.ledger.state(
                "resident_individual_premium_per_person", y - 1, yuan(before_premium * 100), premium
            )
        text = f"{y}年城乡居民医保{subsidy}，{premium}。"
        self.ledger.state("resident_individual_premium_per_person", y, yuan(f.premium * 100), text)
        for year, value in ((y, f.all_levels), (y - 1, before_all)):
            self.ledger.state(
                "resident_fiscal_subsidy_per_person_all_levels", year, yuan(value * 100), text
            )
        return Para(text)

    def duties(self) -> Para:
        f = self.f
        return Para(
            f"{f.body}是{f.county.name}人民政府工作部门，主要负责贯彻执行医疗保险、生育保险、"
            "医疗救助等医疗保障制度，组织实施医保目录和支付标准，监督管理医保基金。"
        )

    def procurement(self) -> Para:
        return Para("本部门政府采购预算按有关规定编制，主要用于办公设备购置。")

    def performance(self) -> Para:
        return Para("本部门按要求对预算项目编制了绩效目标，绩效目标覆盖全部项目支出。")
