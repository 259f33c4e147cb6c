"""Who published a document, where and when: divisions valid in the document's year, any
budgeting body, both scopes, and the manifest for files that do not say it."""

from __future__ import annotations

import json

import pytest

from ingest.extract import extract
from ingest.identity import Identity, IdentityHints, resolve_identity
from ingest.model import UnreadableDocument
from tests.conftest import SHARED

REAL = SHARED / "real" / "curated"


def identity(text: str, hints: IdentityHints | None = None) -> Identity:
    lines = [line for line in text.splitlines() if line.strip()]
    return resolve_identity(text, lines, hints)


def rejection(text: str) -> UnreadableDocument:
    with pytest.raises(UnreadableDocument) as caught:
        identity(text)
    return caught.value


def cover(body: str, year: int, scope: str = "部门预算", extra: str = "") -> str:
    return f"{year}年度\n{body}\n{scope}\n目录\n一、{body}主要职能\n{extra}\n"


def test_a_renamed_county_has_the_code_valid_in_the_documents_year() -> None:
    old = identity(cover("崇明县医疗保障局", 2015))
    new = identity(cover("崇明区医疗保障局", 2024))
    assert (old.division.code, old.division.name) == ("310230", "崇明县")
    assert (new.division.code, new.division.name) == ("310151", "崇明区")
    assert old.division.key == new.division.key  # one series across the upgrade


def test_an_old_name_in_a_later_year_takes_the_successors_code() -> None:
    late = identity(cover("崇明县医疗保障局", 2018))
    assert late.division.code == "310151"
    assert "崇明区" in late.division_evidence


def test_a_merged_district_keeps_its_own_code_in_its_years() -> None:
    before = identity(cover("淮安市清河区财政局", 2014))
    after = identity(cover("淮安市清江浦区财政局", 2017))
    assert before.division.code == "320802"
    assert after.division.code == "320812"
    assert before.division.key != after.division.key  # a merger is not a continuation


def test_a_name_kept_by_the_merged_district_is_the_one_valid_in_the_year() -> None:
    """崇川区 320602 was merged into a new 崇川区 320613 in 2020: one name, two places."""
    assert identity(cover("崇川区医疗保障局", 2017)).division.code == "320602"
    assert identity(cover("崇川区医疗保障局", 2023)).division.code == "320613"


def test_a_year_only_project_codes_give_dates_the_division_too() -> None:
    """No year in the words: the project codes' year picks the 崇川区 of that year, so the
    codes (320602…) agree with the body instead of contradicting it."""
    text = "崇川区医疗保障局部门预算\n项目代码 32060217Y000000001 城乡居民医保补助 120.00\n"
    found = identity(text)
    assert (found.division.code, found.year) == ("320602", 2017)


def test_two_districts_of_one_name_are_told_apart_by_the_places_named() -> None:
    text = cover("海州区医疗保障局", 2024, extra="根据连云港市医疗保障局要求编制。")
    assert identity(text).division.code == "320706"
    text = cover("海州区医疗保障局", 2024, extra="根据阜新市医疗保障局要求编制。")
    assert identity(text).division.code == "210902"


def test_a_name_that_could_be_two_districts_is_rejected_naming_both() -> None:
    refused = rejection(cover("海州区医疗保障局", 2024))
    assert refused.reason == "division_ambiguous"
    assert "320706" in refused.detail and "210902" in refused.detail
    assert "sources.csv" in refused.detail


def test_any_budgeting_body_at_any_level() -> None:
    street = identity(
        "上海市普陀区2023年区级部门预算\n预算主管部门：上海市普陀区人民政府万里街道办事处目 录\n"
    )
    assert (street.division.code, street.body) == ("310107", "上海市普陀区人民政府万里街道办事处")
    assert street.scope == "department"
    city = identity(cover("福州市医疗保障局", 2026))
    assert (city.division.code, city.division.level) == ("350100", "prefecture")
    province = identity("上海市2026年市级单位预算\n预算单位：上海市信访办公室\n")
    assert (province.division.code, province.division.level) == ("310000", "province")
    assert (province.body, province.scope) == ("上海市信访办公室", "unit")


def test_a_unit_budget_and_a_department_budget_of_one_body() -> None:
    text = "上海市普陀区2025年区级单位预算\n预算单位：上海市普陀区商务委员会\n"
    assert identity(text).scope == "unit"
    text = "上海市普陀区2025年区级部门预算\n预算主管部门：上海市普陀区商务委员会\n"
    assert identity(text).scope == "department"


def test_a_development_zone_belongs_to_its_city() -> None:
    zone = identity(cover("福州经济技术开发区生态环境局", 2026, scope="单位预算"))
    assert (zone.division.code, zone.body) == ("350100", "福州经济技术开发区生态环境局")


def test_a_budgeting_systems_cover_names_the_compiler_and_the_reviewer() -> None:
    text = "2017年市级部门预算\n（草案）\n农工委\n农工委编制\n定州市财政局审核\n目    录\n"
    found = identity(text + "第一部分 部门预算情况\n")
    assert (found.body, found.division.code, found.year) == ("农工委", "130682", 2017)
    assert "定州市财政局审核" in found.division_evidence


def test_a_year_before_the_body_and_预算公开() -> None:
    found = identity("2017年定州市人力资源和社会保障局\n预算公开说明\n")
    assert (found.body, found.year) == ("定州市人力资源和社会保障局", 2017)


def test_a_document_in_traditional_glyphs() -> None:
    found = identity(cover("廣饒縣醫療保障局", 2024, scope="部門預算"))
    assert (found.division.code, found.body, found.scope) == (
        "370523",
        "广饶县医疗保障局",
        "department",
    )


def test_simplified_names_that_opencc_would_rewrite_stay() -> None:
    """乾县 and 乾安县 are written so in simplified Chinese; t2s would make them 干县."""
    text = cover("乾县医疗保障局", 2024, extra="乾县医疗保障局负责全县医疗保障工作。" * 4)
    assert identity(text).division.code == "610424"
    assert identity(cover("乾安县医疗保障局", 2022)).division.code == "220723"


def test_a_central_department_is_refused_with_that_reason() -> None:
    assert rejection(cover("国家信访局", 2026)).reason == "central_government"


def test_placeholders_never_match() -> None:
    assert rejection(cover("市辖区财政局", 2024)).reason == "no_division"


def test_the_manifest_supplies_what_the_file_does_not_say() -> None:
    text = "附表3-1\n收支预算总表\n单位：万元\n"
    assert rejection(text).reason in {"no_body", "no_year"}
    hints = IdentityHints(division_code="130682", body="定州市民政局", scope="部门预算", year=2017)
    found = identity(text, hints)
    assert (found.division.code, found.body, found.scope, found.year) == (
        "130682",
        "定州市民政局",
        "department",
        2017,
    )
    assert found.source == "document+manifest"


def test_an_unknown_division_code_in_the_manifest_is_refused() -> None:
    with pytest.raises(UnreadableDocument) as caught:
        identity("部门预算\n", IdentityHints(division_code="999999", year=2017))
    assert caught.value.reason == "manifest_invalid"


def _golden_documents() -> list[dict[str, str]]:
    if not (REAL / "golden.jsonl").exists():
        return []
    rows = [json.loads(line) for line in (REAL / "golden.jsonl").read_text().splitlines()]
    return [row for row in rows if row["measure"] == "_doc"]


@pytest.mark.skipif(not REAL.exists(), reason="../shared/real is not beside the repository")
@pytest.mark.parametrize("row", _golden_documents(), ids=lambda row: row["file"])
def test_real_documents_have_their_printed_identity(row: dict[str, str]) -> None:
    body, division, scope = (part.strip() for part in row["note"].split("|"))
    scope = scope.split(";")[0].strip()
    found = extract((REAL / row["file"]).read_bytes()).identity
    assert found.year == int(row["value"])
    assert found.body == body
    assert division.endswith(found.division.name)
    assert found.scope == {"部门预算": "department", "单位预算": "unit"}[scope]


@pytest.mark.parametrize(
    ("body", "code", "stem"),
    [
        ("中共福州市委宣传部", "350100", "中共委宣传部"),
        ("中国共产党巨鹿县委员会办公室", "130529", "中国共产党委员会办公室"),
        ("中共巨鹿县委组织部", "130529", "中共委组织部"),
        ("巨鹿县人大常委会办公室", "130529", "人大常委会办公室"),
        ("政协巨鹿县委员会", "130529", "政协委员会"),
    ],
)
def test_party_and_congress_bodies_resolve_to_the_division_in_their_name(
    body: str, code: str, stem: str
) -> None:
    found = identity(cover(body, 2024))
    assert (found.division.code, found.body, found.body_stem) == (code, body, stem)


def test_a_party_body_keeps_its_series_across_a_re_coding() -> None:
    old = identity(cover("中共崇明县委宣传部", 2015))
    new = identity(cover("中共崇明区委宣传部", 2024))
    assert (old.division.code, new.division.code) == ("310230", "310151")
    assert old.body_stem == new.body_stem and old.division.key == new.division.key


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("苏州工业园区社会事业局", "320571"),  # 工业园区
        ("石家庄高新技术产业开发区财政局", "130171"),  # 开发区, printed as the census names it
        ("邢台经济开发区医疗保障局", "130571"),  # 河北邢台经济开发区 without its province
        ("秦皇岛市北戴河新区管委会", "130372"),  # 新区 under its city
        ("神农架林区医疗保障局", "429021"),  # 林区
    ],
)
def test_a_zone_with_a_statistical_code_resolves_to_it(body: str, code: str) -> None:
    assert identity(cover(body, 2023)).division.code == code


def test_a_division_re_coded_in_the_budget_year_accepts_both_codes() -> None:
    """崇明县 310230 became 崇明区 310151 in 2016: a 2016 budget drafted before the change names
    崇明县, a 2015 account printed after it names 崇明区; each takes the code of its year."""
    drafted_before = identity(cover("崇明县医疗保障局", 2016))
    printed_after = identity(cover("崇明区医疗保障局", 2015))
    assert drafted_before.division.code == "310151"
    assert printed_after.division.code == "310230"
    assert drafted_before.division.key == printed_after.division.key  # one series
    by_manifest = identity(cover("医疗保障局", 2015), IdentityHints(division_code="310151"))
    assert by_manifest.division.code == "310230"


def test_a_defining_phrase_is_not_a_body() -> None:
    """'单位：指本部门下属单位' explains a word of the tables: 指本部 is not who published it."""
    text = cover("巨鹿县医疗保障局", 2024, extra="单位：指本部门下属单位\n部门：指本部\n")
    assert identity(text).body == "巨鹿县医疗保障局"
    with pytest.raises(UnreadableDocument):
        identity("2024年部门预算公开\n单位：指本部门下属单位\n部门：指本部\n")


def test_a_division_whose_name_starts_like_a_defining_phrase_is_a_body() -> None:
    """即墨区 starts with 即 ('that is'): found by the national bench, whose 11 rejected of
    30,000 documents were all 即墨区's and 即墨市's."""
    text = cover("即墨区医疗保障局", 2024, extra="现将即墨区医疗保障局2024年部门预算公开如下。\n")
    assert (identity(text).division.code, identity(text).body) == ("370215", "即墨区医疗保障局")
    assert identity(cover("即墨市医疗保障局", 2016)).division.code == "370282"


def test_final_accounts_are_of_the_year_they_account_for_not_the_year_published() -> None:
    text = cover(
        "和政县医疗保障局",
        2024,
        "部门决算",
        "一、收入支出决算总表\n二、支出决算表\n发布日期：2025年9月20日\n2025年10月\n",
    )
    found = identity(text)
    assert (found.kind, found.year, found.scope) == ("final", 2024, "department")
    assert found.division.code == "622925"


def test_a_budget_is_of_kind_budget_and_a_manifest_may_say_final() -> None:
    text = cover("和政县医疗保障局", 2024, "部门预算", "一、收支总表\n")
    assert identity(text).kind == "budget"
    hinted = identity(text, IdentityHints(scope="部门决算"))
    assert (hinted.kind, hinted.scope) == ("final", "department")
