"""Figures stated as a change, read from sentences as documents print them (VARIANTS.md §9):
the later figure is the year's, the earlier one the year before's; a change belongs to the
subject its clause names, so an item's change is never the total's."""

from __future__ import annotations

from decimal import Decimal

from ingest.model import Block
from ingest.narrative.facts import NarrativeFact, ThreePublicFigure
from ingest.narrative.money import read_money
from ingest.narrative.people import read_people
from ingest.narrative.prose import paragraphs


def _read(text: str, year: int = 2025) -> tuple[list[NarrativeFact], list[ThreePublicFigure]]:
    facts: list[NarrativeFact] = []
    figures: list[ThreePublicFigure] = []
    for paragraph in paragraphs([Block(text, (text,), 1, 1, None)], reflow=False):
        money, three_public = read_money(paragraph, year)
        facts += money + read_people(paragraph, year)
        figures += three_public
    return facts, figures


def _levels(facts: list[NarrativeFact], key: str) -> dict[int, Decimal | None]:
    return {f.fact_year: f.amount for f in facts if f.fact_key == key and f.fact_kind == "level"}


def test_a_standard_raised_from_one_figure_to_another() -> None:
    facts, _ = _read(
        "2025年城乡居民医保人均财政补助标准由610元提高到640元，个人缴费标准从380元调整为400元。"
    )
    assert _levels(facts, "resident_fiscal_subsidy_per_person_all_levels") == {
        2025: Decimal(640),
        2024: Decimal(610),
    }
    assert _levels(facts, "resident_individual_premium_per_person") == {
        2025: Decimal(400),
        2024: Decimal(380),
    }


def test_the_years_written_beside_a_move_are_kept() -> None:
    facts, _ = _read("个人缴费标准由2023年的380元提高到2024年的400元。", year=2025)
    assert _levels(facts, "resident_individual_premium_per_person") == {
        2024: Decimal(400),
        2023: Decimal(380),
    }


def test_a_standard_compared_with_last_years() -> None:
    facts, _ = _read("2025年各级财政补助标准较上年的670元提高至700元/人。")
    assert _levels(facts, "resident_fiscal_subsidy_per_person_all_levels") == {
        2025: Decimal(700),
        2024: Decimal(670),
    }


def test_a_total_and_a_three_public_item_moved() -> None:
    facts, figures = _read("2025年支出预算由300万元增加至350万元，公务接待费由2万元减少到1.5万元。")
    assert _levels(facts, "total_expenditure") == {2025: Decimal(350), 2024: Decimal(300)}
    assert {(f.fiscal_year, f.amount) for f in figures if f.component == "reception"} == {
        (2025, Decimal("1.5")),
        (2024, Decimal(2)),
    }


def test_an_items_change_is_not_the_totals() -> None:
    facts, _ = _read(
        "2025年支出预算500.00万元，较上年增加20.00万元。住房公积金较上年增加2.00万元，"
        "主要原因是调资。其中：会议费比上年减少1.20万元，培训费较上年增加0.50万元。"
    )
    changes = [(f.fact_key, f.amount) for f in facts if f.fact_kind == "change"]
    assert changes == [("total_expenditure", Decimal("20.00"))]


def test_a_change_without_words_of_its_own_takes_the_sentences_subject() -> None:
    facts, _ = _read(
        "2021年预算收支安排9011.32万元，较2020预算减少24139.62万元，其中：基本支出增加55.42万元，"
        "主要为增加人员经费支出；项目支出减少100万元。"
    )
    changes = {(f.fact_key, f.compared_year, f.amount) for f in facts if f.fact_kind == "change"}
    assert changes == {
        ("total_revenue", 2020, Decimal("24139.62")),
        ("total_expenditure", 2020, Decimal("24139.62")),
        ("basic_expenditure", 2020, Decimal("55.42")),
        ("project_expenditure", 2020, Decimal(100)),
    }


def test_a_sentence_end_at_a_full_line_does_not_end_the_paragraph() -> None:
    """A PDF line that ends a sentence exactly at the margin: the count's year is in the
    sentence on the next line (魏县: '…退休7948人。' | '2022年基金充沛…')."""
    lines = [
        "（二）城镇职工医疗保险：职工基本医疗保险参保人数达29070人，其中在职21122人，退休7948人。",
        "2022年基金充沛，实现稳定结余。医保基金使用合理，运行平稳。",
    ]
    blocks = [Block(text, (text,), n, n, 1) for n, text in enumerate(lines, start=1)]
    counts = [
        (fact.fact_year, fact.amount)
        for paragraph in paragraphs(blocks, reflow=True)
        for fact in read_people(paragraph, 2025)
        if fact.fact_key == "enrollment"
    ]
    assert counts == [(2022, Decimal(29070))]


def test_a_short_line_ending_a_sentence_ends_its_paragraph() -> None:
    lines = [
        "2025年城乡居民医保个人缴费标准为400元，各级财政补助标准为700元，较上年均有所提高，",
        "保障水平稳步提升。",
        "参保人数达30000人。",
        "2024年基金运行平稳。",
    ]
    blocks = [Block(text, (text,), n, n, 1) for n, text in enumerate(lines, start=1)]
    assert [p.text for p in paragraphs(blocks, reflow=True)] == [
        lines[0] + lines[1],
        lines[2],
        lines[3],
    ]


# --- revenue by source ---------------------------------------------------------------------


def test_revenue_by_source_from_a_sentence_that_splits_it() -> None:
    facts, _ = _read(
        "2026年收入预算61764.88万元，其中:一般公共预算拨款收入48764.88万元、"
        "政府性基金预算拨款收入5000.00万元、事业收入0万元、其他收入12.5万元，"
        "上年结转结余8000.00万元。",
        year=2026,
    )
    assert _levels(facts, "general_budget_appropriation") == {2026: Decimal("48764.88")}
    assert _levels(facts, "government_fund_appropriation") == {2026: Decimal("5000.00")}
    assert _levels(facts, "business_revenue") == {2026: Decimal("0")}
    assert _levels(facts, "other_revenue") == {2026: Decimal("12.5")}


def test_a_source_of_the_carry_over_is_not_the_year_s_revenue_from_it() -> None:
    facts, _ = _read(
        "本年一般公共预算收入105,814.6万元，占80.56%；上年结转结余的一般公共预算收入0万元，"
        "占0%；上年结转结余的政府性基金预算收入0万元，占0%。",
        year=2026,
    )
    assert _levels(facts, "general_budget_appropriation") == {2026: Decimal("105814.6")}
    assert _levels(facts, "government_fund_appropriation") == {}


def test_an_expenditure_funded_by_the_general_budget_is_not_its_revenue() -> None:
    facts, _ = _read("一般公共预算拨款支出9216.51万元，其中：基本支出8000万元。", year=2026)
    assert _levels(facts, "general_budget_appropriation") == {}


def test_letter_spaced_words_are_read_as_words() -> None:
    """A printer's letter-spacing (湖州's 2026 budget: '政 府 性 基 金 收 入 27600.00 万 元')."""
    facts, _ = _read(
        "其中:一般公共预算拨款收入 37018.75 万元，占 7.2%；政 府 性 基 金 收 入 27600.00 万 元 ，"
        " 占 5.4% ； 事 业 收 入436671.20 万元，占 84.7%",
        year=2026,
    )
    assert _levels(facts, "government_fund_appropriation") == {2026: Decimal("27600.00")}
    assert _levels(facts, "business_revenue") == {2026: Decimal("436671.20")}


def test_spaces_between_words_of_an_ordinary_line_stay() -> None:
    from ingest.narrative.prose import without_letter_spacing

    line = "上海市普陀区财政局 年度收入支出总计 万元。与 年度相比，收入支出总计减少"
    assert without_letter_spacing(line) == line


def test_a_change_of_the_total_with_carry_over_is_not_this_year_s_total() -> None:
    """无锡市教育局 2026: the 总计 includes the carry-over; 本年支出合计 is another measure."""
    facts, _ = _read(
        "无锡市教育局(本级)2026年度收入、支出预算总计131,349.6万元，与上年相比收、支预算总计"
        "各增加49,528.01万元，增长60.53%。",
        year=2026,
    )
    changes = [f for f in facts if f.fact_kind == "change"]
    assert [f.fact_key for f in changes] == []
