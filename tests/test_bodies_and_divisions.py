"""Any budgeting body at any level, divisions through time, both scopes, and a county's series
of documents that restate each other: the warehouse keeps them apart and together as it
should, and a contradiction between documents is a row of mart_source_inconsistencies, never
a failed build."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.conftest import Warehouse, build_warehouse
from tests.documents import JULU, reference_text, write

pytestmark = pytest.mark.slow
YEAR = re.compile(r"20(1\d|2\d)")


def shifted(text: str, to_year: int, names: dict[str, str], code: str) -> str:
    """JULU (巨鹿县 130529, 2025) as another body, division and year: years move together."""
    shift = to_year - 2025
    text = YEAR.sub(lambda m: str(int(m.group(0)) + shift), text)
    text = re.sub(r"130529(\d\d)P", lambda m: f"{code}{int(m.group(1)) % 100:02d}P", text)
    for old, new in names.items():
        text = text.replace(old, new)
    return text


def julu_as(to_year: int, county: str, code: str, **replace: str) -> str:
    names = {"巨鹿县": county, "巨鹿": county[:-1] if county.endswith("县") else county}
    names.update(replace)
    return shifted(reference_text(JULU), to_year, names, code)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    root = tmp_path_factory.mktemp("bodies")
    sources = root / "sources"
    # a county upgraded to a district: 崇明县 310230 (2015) → 崇明区 310151 (2017)
    write(sources, "chongming_2015.txt", julu_as(2015, "崇明县", "310230"))
    write(sources, "chongming_2017.txt", julu_as(2017, "崇明区", "310151"))
    # two districts merged into 清江浦区 320812 in 2016
    write(sources, "qinghe_2015.txt", julu_as(2015, "淮安市清河区", "320802"))
    write(sources, "qingjiangpu_2017.txt", julu_as(2017, "淮安市清江浦区", "320812"))
    # a body other than a medical-insurance bureau, and a prefecture-level bureau
    write(sources, "finance.txt", julu_as(2025, "平乡县", "130532", 医疗保障局="财政局"))
    write(sources, "prefecture.txt", julu_as(2025, "邢台市", "130500"))
    # a Party committee's department, and a zone with a statistical code of its own
    write(
        sources,
        "party.txt",
        julu_as(2025, "柏乡县", "130524", 柏乡县医疗保障局="中共柏乡县委宣传部"),
    )
    write(sources, "zone.txt", julu_as(2025, "苏州工业园区", "320571"))
    # the same bureau's unit budget beside its department budget
    write(sources, "julu_department.txt", reference_text(JULU))
    write(sources, "julu_unit.txt", reference_text(JULU).replace("部门预算", "单位预算"))
    # 任丘市 for five consecutive years, each restating last year's total differently
    for offset, change in enumerate(["6.27", "7.00", "6.27", "9.99", "1.00"]):
        text = julu_as(2021 + offset, "任丘市", "130982")
        write(
            sources,
            f"renqiu_{2021 + offset}.txt",
            text.replace("增加 6.27万元", f"增加 {change}万元"),
        )
    return build_warehouse(sources, root / "out")


def test_every_document_lands(warehouse: Warehouse) -> None:
    assert warehouse.batch.rejected == 0
    assert warehouse.result.tests_passed == warehouse.result.tests_total


def test_a_renamed_county_is_one_series(warehouse: Warehouse) -> None:
    # 2016 is known from the 2017 document's stated change, under the new code
    row = warehouse.one(
        "select fiscal_year, prior_year, is_code_changed from mart_yoy_change "
        "where county_code = '310151' and prior_county_code = '310230' "
        "and measure = 'total_expenditure_yuan'"
    )
    assert row == (2016, 2015, True)
    change = warehouse.one(
        "select division_change from mart_county_year_comparison "
        "where county_code = '310151' and fiscal_year = 2016"
    )
    assert isinstance(change, str) and "310230" in change


def test_a_merger_is_shown_and_never_continued(warehouse: Warehouse) -> None:
    linked = warehouse.rows(
        "select count(*) from mart_yoy_change where county_code = '320812' "
        "and prior_county_code = '320802'"
    )
    assert linked == [(0,)]
    keys = dict(
        warehouse.rows(
            "select county_code, division_key from dim_county "
            "where county_code in ('320802', '320812')"
        )
    )
    assert keys["320802"] != keys["320812"]
    made_from = warehouse.one(
        "select predecessor_codes from dim_division where division_code = '320812'"
    )
    assert made_from == "320802|320811"


def test_a_body_other_than_medical_insurance(warehouse: Warehouse) -> None:
    body = warehouse.one("select body_id, body_kind from dim_body where body_name = '平乡县财政局'")
    assert body == ("130532-财政局", "finance")
    total = warehouse.one(
        "select value, status from fct_body_measure where body_id = '130532-财政局' "
        "and fiscal_year = 2025 and measure = 'total_expenditure_yuan'"
    )
    assert total == (Decimal("4253000.00"), "reported")
    enrollment = warehouse.rows(
        "select resident_enrollment_persons, resident_enrollment_status "
        "from mart_body_year_comparison where body_id = '130532-财政局' and fiscal_year = 2025"
    )
    assert enrollment == [(None, None)]  # does not apply to a finance bureau
    in_county_marts = warehouse.rows(
        "select count(*) from fct_county_measure where county_code = '130532'"
    )
    assert in_county_marts == [(0,)]


def test_a_prefecture_bureau_has_the_medical_insurance_measures(warehouse: Warehouse) -> None:
    level, kind = warehouse.one(
        "select division_level, body_kind from dim_body where body_id = '130500-医疗保障局'"
    )
    assert (level, kind) == ("prefecture", "medical_insurance")
    enrollment = warehouse.one(
        "select value, status from fct_body_measure where body_id = '130500-医疗保障局' "
        "and fiscal_year = 2025 and measure = 'resident_enrollment_persons'"
    )
    assert enrollment == (Decimal("380000.00"), "conflicting")


def test_both_scopes_are_kept_and_the_department_budget_feeds_comparisons(
    warehouse: Warehouse,
) -> None:
    documents = dict(
        warehouse.rows(
            "select scope, feeds_comparisons from dim_document where body_id = '130529-医疗保障局'"
        )
    )
    assert documents == {"department": True, "unit": False}
    reasons = [
        reason
        for (reason,) in warehouse.rows(
            "select selection_reason from dim_document where body_id = '130529-医疗保障局' "
            "and scope = 'unit'"
        )
    ]
    assert "部门预算" in reasons[0]
    scopes = warehouse.rows(
        "select distinct scope from fct_body_measure where body_id = '130529-医疗保障局' order by 1"
    )
    assert scopes == [("department",), ("unit",)]
    assert (
        warehouse.one(
            "select scope from mart_county_year_comparison where county_code = '130529' "
            "and fiscal_year = 2025"
        )
        == "department"
    )


def test_restated_figures_are_each_one_contradiction(warehouse: Warehouse) -> None:
    rows = warehouse.rows(
        "select fiscal_year, value_a, value_b from mart_source_inconsistencies "
        "where county_code = '130982' and check_name = 'stated_change_vs_prior_document' "
        "and subject = 'total_expenditure_yuan' order by fiscal_year"
    )
    # each year's document says the total rose by its own amount from last year's 425.30万
    assert rows == [
        (2021, Decimal("4183000.00"), Decimal("4253000.00")),
        (2022, Decimal("4190300.00"), Decimal("4253000.00")),
        (2023, Decimal("4153100.00"), Decimal("4253000.00")),
        (2024, Decimal("4243000.00"), Decimal("4253000.00")),
    ]
    duplicated = warehouse.rows(
        "select inconsistency_id from mart_source_inconsistencies group by 1 having count(*) > 1"
    )
    assert duplicated == []


def test_a_party_body_resolves_to_the_county_in_its_name(warehouse: Warehouse) -> None:
    body = warehouse.one(
        "select body_id, latest_division_code from dim_body where body_name = '中共柏乡县委宣传部'"
    )
    assert body == ("130524-中共委宣传部", "130524")
    total = warehouse.one(
        "select value, status from fct_body_measure where body_id = '130524-中共委宣传部' "
        "and fiscal_year = 2025 and measure = 'total_expenditure_yuan'"
    )
    assert total == (Decimal("4253000.00"), "reported")


def test_a_zone_with_a_statistical_code_is_its_own_division(warehouse: Warehouse) -> None:
    body = warehouse.one(
        "select body_id, latest_division_code, division_level from dim_body "
        "where body_name = '苏州工业园区医疗保障局'"
    )
    assert body == ("320571-医疗保障局", "320571", "county")
