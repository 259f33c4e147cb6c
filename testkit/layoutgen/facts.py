"""What a generated budget document states, drawn from a seed.

Every amount is an integer number of fen (0.01 yuan) so sums are exact; a document printed
in 万元 with two decimals gets amounts in whole hundreds of yuan (``Facts.step``).  The parts
add up the way a real budget does: revenue = expenditure = basic + project; basic =
personnel + public; every function class (类, 3 digits) is the sum of its 款 (5 digits),
every 款 the sum of its 项 (7 digits); the 三公 total is the sum of its four components.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from itertools import pairwise

from testkit.layoutgen.divisions import County

WAN = 1_000_000  # fen in one 万元

# 类 and 款 names of the function classification (支出功能分类科目) used below.
FUNCTION_NAMES = {
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "210": "卫生健康支出",
    "21011": "行政事业单位医疗",
    "2101101": "行政单位医疗",
    "21012": "财政对基本医疗保险基金的补助",
    "2101202": "财政对城乡居民基本医疗保险基金的补助",
    "21013": "医疗救助",
    "2101301": "城乡医疗救助",
    "21015": "医疗保障管理事务",
    "2101501": "行政运行",
    "2101502": "一般行政管理事务",
    "2101504": "信息化建设",
    "2101505": "医疗保障政策管理",
    "2101506": "医疗保障经办事务",
    "2101599": "其他医疗保障管理事务支出",
    "221": "住房保障支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
}
BASIC_SUBJECTS = ("2101501", "2080505", "2080506", "2101101", "2210201")
PROJECT_SUBJECTS = ("2101502", "2101504", "2101505", "2101506", "2101599")
SUBSIDY_SUBJECT = "2101202"
ASSISTANCE_SUBJECT = "2101301"

ECONOMIC_NAMES = {
    "301": "工资福利支出",
    "30101": "基本工资",
    "30102": "津贴补贴",
    "30103": "奖金",
    "30108": "机关事业单位基本养老保险缴费",
    "30110": "职工基本医疗保险缴费",
    "30113": "住房公积金",
    "30199": "其他工资福利支出",
    "302": "商品和服务支出",
    "30201": "办公费",
    "30205": "水费",
    "30206": "电费",
    "30211": "差旅费",
    "30213": "维修（护）费",
    "30217": "公务接待费",
    "30228": "工会经费",
    "30231": "公务用车运行维护费",
    "30239": "其他交通费用",
    "30299": "其他商品和服务支出",
    "303": "对个人和家庭的补助",
    "30302": "退休费",
    "30305": "生活补助",
}
PERSONNEL_ITEMS = ("30101", "30102", "30103", "30108", "30110", "30113", "30199")
FAMILY_ITEMS = ("30302", "30305")
PUBLIC_ITEMS = ("30201", "30205", "30206", "30211", "30213", "30228", "30239", "30299")

# National minimum per-resident standards (VARIANTS.md §5), yuan.
PREMIUM = {
    2015: 120,
    2016: 150,
    2017: 180,
    2018: 220,
    2019: 250,
    2020: 280,
    2021: 320,
    2022: 350,
    2023: 380,
    2024: 400,
    2025: 400,
}
ALL_LEVELS = {
    2015: 380,
    2016: 420,
    2017: 450,
    2018: 490,
    2019: 520,
    2020: 550,
    2021: 580,
    2022: 610,
    2023: 640,
    2024: 670,
    2025: 700,
}


@dataclass(frozen=True, slots=True)
class Subject:
    """A 项 (7-digit) function subject with its basic and project parts."""

    code: str
    basic: int
    project: int

    @property
    def total(self) -> int:
        return self.basic + self.project

    @property
    def name(self) -> str:
        return FUNCTION_NAMES[self.code]


@dataclass(frozen=True, slots=True)
class ThreePublic:
    overseas: int
    vehicle_purchase: int
    vehicle_operation: int
    reception: int
    meeting: int = 0  # 会议费 and 培训费 are printed beside 三公 by some provinces
    training: int = 0

    @property
    def vehicle(self) -> int:
        return self.vehicle_purchase + self.vehicle_operation

    @property
    def total(self) -> int:
        return self.overseas + self.vehicle + self.reception


@dataclass(frozen=True, slots=True)
class Enrollment:
    scheme: str  # resident | employee
    kind: str  # enrolled | contributors | beneficiaries | projected
    year: int
    persons: int
    in_wan: bool  # printed as 38.6万人


@dataclass(frozen=True, slots=True)
class Prior:
    """Last year's figures, for stated changes and 上年 columns."""

    total: int
    basic: int
    project: int
    three_public: ThreePublic


@dataclass(frozen=True, slots=True)
class Facts:
    county: County
    body: str
    year: int
    step: int  # fen: every amount is a multiple of it
    subjects: tuple[Subject, ...]
    economic: dict[str, int] = field(hash=False)  # 5-digit 款 → basic-expenditure amount
    three_public: ThreePublic
    prior: Prior
    resident: Enrollment
    employee: Enrollment | None
    subsidy_per_person: int  # county subsidy standard, yuan per resident
    premium: int  # individual contribution, yuan
    all_levels: int  # fiscal subsidy of all levels, yuan
    standards_year: int
    project_code_serial: str
    # carried over from last year and, as budgets that plan to keep it print, carried on to
    # next year (上年结转结余 = 年终结转结余): this year's revenue = expenditure still holds
    carryover: int = 0

    # --- totals ----------------------------------------------------------------------------

    @property
    def basic(self) -> int:
        return sum(s.basic for s in self.subjects)

    @property
    def project(self) -> int:
        return sum(s.project for s in self.subjects)

    @property
    def total(self) -> int:
        return self.basic + self.project

    @property
    def personnel(self) -> int:
        return sum(v for k, v in self.economic.items() if k[:3] in ("301", "303"))

    @property
    def public(self) -> int:
        return sum(v for k, v in self.economic.items() if k[:3] == "302")

    @property
    def agency_operating(self) -> int:
        return self.public

    def subject(self, code: str) -> Subject | None:
        return next((s for s in self.subjects if s.code == code), None)

    @property
    def subsidy(self) -> int:
        found = self.subject(SUBSIDY_SUBJECT)
        return found.total if found else 0

    def function_amounts(self) -> dict[str, int]:
        """Every 类, 款 and 项 code with its total, parents the sums of their children."""
        out: dict[str, int] = {}
        for s in self.subjects:
            for code in (s.code[:3], s.code[:5], s.code):
                out[code] = out.get(code, 0) + s.total
        return out

    def function_split(self, code: str) -> tuple[int, int]:
        basic = sum(s.basic for s in self.subjects if s.code.startswith(code))
        project = sum(s.project for s in self.subjects if s.code.startswith(code))
        return basic, project

    def economic_amounts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for code, amount in self.economic.items():
            out[code[:3]] = out.get(code[:3], 0) + amount
            out[code] = amount
        return out

    def project_code(self, serial: int) -> str:
        """A project code as budgeting systems print them: division, year, P, serial."""
        return f"{self.county.code}{self.year % 100:02d}P{self.project_code_serial}{serial:04d}"


def _split(rng: random.Random, total: int, parts: int, step: int) -> list[int]:
    """``total`` (a multiple of ``step``) cut into ``parts`` positive multiples of ``step``."""
    units = total // step
    if parts == 1:
        return [total]
    cuts = sorted(rng.sample(range(1, units), parts - 1))
    bounds = [0, *cuts, units]
    return [(b - a) * step for a, b in pairwise(bounds)]


def _amount(rng: random.Random, low_wan: float, high_wan: float, step: int) -> int:
    low, high = int(low_wan * WAN) // step, int(high_wan * WAN) // step
    return rng.randint(max(low, 1), max(high, 2)) * step


def draw_facts(rng: random.Random, county: County, year: int, step: int) -> Facts:
    """Facts of one county medical-insurance bureau's budget for ``year``."""
    personnel_items = rng.sample(PERSONNEL_ITEMS, rng.randint(4, len(PERSONNEL_ITEMS)))
    public_items = rng.sample(PUBLIC_ITEMS, rng.randint(3, len(PUBLIC_ITEMS)))
    three_public = _draw_three_public(rng, step)
    economic: dict[str, int] = {}
    personnel = _amount(rng, 80, 900, step)
    for code, amount in zip(
        sorted(personnel_items), _split(rng, personnel, len(personnel_items), step), strict=True
    ):
        economic[code] = amount
    if rng.random() < 0.5:
        economic[rng.choice(FAMILY_ITEMS)] = _amount(rng, 0.5, 20, step)
    public = _amount(rng, 8, 90, step)
    for code, amount in zip(
        sorted(public_items), _split(rng, public, len(public_items), step), strict=True
    ):
        economic[code] = amount
    if three_public.reception:
        economic["30217"] = three_public.reception
    if three_public.vehicle_operation:
        economic["30231"] = three_public.vehicle_operation
    basic = sum(economic.values())
    basic_codes = ["2101501", *rng.sample(BASIC_SUBJECTS[1:], rng.randint(1, 4))]
    basic_parts = _split(rng, basic, len(basic_codes), step)
    # 行政运行 carries most of the running costs
    basic_parts.sort(reverse=True)
    subjects = [Subject(code, part, 0) for code, part in zip(basic_codes, basic_parts, strict=True)]
    for code in rng.sample(PROJECT_SUBJECTS, rng.randint(1, 4)):
        subjects.append(Subject(code, 0, _amount(rng, 2, 200, step)))
    resident = _draw_resident(rng, year, step)
    subsidy_per_person = rng.randint(8, 160)
    if rng.random() < 0.75:
        # the county's contribution to the resident fund: standard × residents
        subsidy = subsidy_per_person * resident.persons * 100
        subjects.append(Subject("2101202", 0, subsidy - subsidy % step))
    if rng.random() < 0.5:
        subjects.append(Subject("2101301", 0, _amount(rng, 50, 3000, step)))
    subjects.sort(key=lambda s: s.code)
    employee = None
    if rng.random() < 0.6:
        employee = Enrollment(
            "employee",
            rng.choice(("enrolled", "contributors")),
            rng.choice((year - 1, year)),
            rng.randint(30, 600) * 100,
            in_wan=False,
        )
    standards_year = rng.choice((year - 1, year))
    facts = Facts(
        county=county,
        body=f"{county.name}医疗保障局",
        year=year,
        step=step,
        subjects=tuple(subjects),
        economic=dict(sorted(economic.items())),
        three_public=three_public,
        prior=_draw_prior(rng, step, sum(s.total for s in subjects), basic, three_public),
        resident=resident,
        employee=employee,
        subsidy_per_person=subsidy_per_person,
        premium=PREMIUM.get(standards_year, 400),
        all_levels=ALL_LEVELS.get(standards_year, 700),
        standards_year=standards_year,
        project_code_serial=f"{rng.randint(0, 99999999):08d}",
        carryover=_draw_carryover(county, year, step),
    )
    return facts


def _draw_carryover(county: County, year: int, step: int) -> int:
    """Drawn from a generator of its own, so adding it left every other draw unchanged."""
    own = random.Random(f"carryover:{county.code}:{year}")
    return _amount(own, 1, 300, step) if own.random() < 0.4 else 0


def _draw_three_public(rng: random.Random, step: int) -> ThreePublic:
    if rng.random() < 0.15:
        return ThreePublic(0, 0, 0, 0)

    def maybe(chance: float, low: float, high: float) -> int:
        return _amount(rng, low, high, step) if rng.random() < chance else 0

    parts = ThreePublic(
        overseas=maybe(0.15, 1, 6),
        vehicle_purchase=maybe(0.12, 10, 25),
        vehicle_operation=maybe(0.7, 0.5, 12),
        reception=maybe(0.7, 0.2, 4),
        meeting=maybe(0.6, 0.3, 5),
        training=maybe(0.6, 0.3, 8),
    )
    if parts.total == 0:
        parts = ThreePublic(0, 0, _amount(rng, 0.5, 12, step), 0, parts.meeting, parts.training)
    return parts


def _draw_resident(rng: random.Random, year: int, step: int) -> Enrollment:
    kind = rng.choice(("enrolled", "enrolled", "contributors", "beneficiaries", "projected"))
    enrolled_year = year if kind == "projected" else rng.choice((year - 1, year - 1, year))
    in_wan = kind != "beneficiaries" and rng.random() < 0.6
    # whole thousands when printed in 万人 with one decimal; else whole hundreds
    persons = rng.randint(50, 1200) * 1000 if in_wan else rng.randint(500, 12000) * 100
    return Enrollment("resident", kind, enrolled_year, persons, in_wan)


def _draw_prior(
    rng: random.Random, step: int, total: int, basic: int, three_public: ThreePublic
) -> Prior:
    def moved(value: int, spread: float) -> int:
        roll = rng.random()
        if roll < 0.15 or value == 0:
            return value  # 持平
        delta = int(value * rng.uniform(-spread, spread)) // step * step
        return max(value - delta, step)

    prior_basic = moved(basic, 0.15)
    prior_project = moved(total - basic, 0.4)

    def component(value: int) -> int:
        roll = rng.random()
        if value == 0:
            return 0 if roll < 0.8 else _amount(rng, 0.2, 3, step)
        return value if roll < 0.4 else moved(value, 0.5)

    prior_three = ThreePublic(
        component(three_public.overseas),
        component(three_public.vehicle_purchase),
        component(three_public.vehicle_operation),
        component(three_public.reception),
    )
    return Prior(prior_basic + prior_project, prior_basic, prior_project, prior_three)
