"""Tables as other counties print them, in text exports: columns chosen by header words,
last year's figures apart from this year's, codes joined, units per table, zeros as printed.
Each document is written here with its known figures; nothing is read from the corpus."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.extract import Extraction, extract

PREAMBLE = "五河县医疗保障局2025年部门预算\n一、部门预算情况说明\n"
THREE_PUBLIC_ROWS = [
    ("合计", "1.30", "2.50", "-1.20"),
    ("一、因公出国（境）费", "0.00", "0.00", "0.00"),
    ("二、公务用车购置及运行维护费", "0.00", "1.00", "-1.00"),
    ("其中：公务用车购置费", "0.00", "0.00", "0.00"),
    ("公务用车运行维护费", "0.00", "1.00", "-1.00"),
    ("三、公务接待费", "1.30", "1.50", "-0.20"),
]


def _doc(*lines: str) -> Extraction:
    return extract((PREAMBLE + "\n".join(lines) + "\n").encode("utf-8"))


def _three_public(doc: Extraction, year: int) -> dict[str, Decimal | None]:
    return {
        f.component: f.amount
        for f in doc.three_public
        if f.source == "table" and f.fiscal_year == year
    }


def _three_public_table(
    separator: str, header: str = "项目|本年预算数|上年预算数|增减"
) -> Extraction:
    def row(cells: tuple[str, ...]) -> str:
        line = separator.join(cells)
        return f"| {line} |" if separator == " | " else line

    return _doc(
        "“三公”经费财政拨款预算表",
        "编制单位：五河县医疗保障局 单位：万元",
        row(tuple(header.split("|"))),
        *(row(cells) for cells in THREE_PUBLIC_ROWS),
    )


@pytest.mark.parametrize("separator", ["\t", " | "], ids=["tsv", "pipe"])
def test_three_public_budget_year_column_is_chosen_by_its_header_words(separator: str) -> None:
    doc = _three_public_table(separator)
    assert _three_public(doc, 2025) == {
        "table_grand_total": Decimal("1.30"),
        "total": Decimal("1.30"),
        "overseas": Decimal("0.00"),
        "vehicle_total": Decimal("0.00"),
        "vehicle_purchase": Decimal("0.00"),
        "vehicle_operation": Decimal("0.00"),
        "reception": Decimal("1.30"),
    }
    assert _three_public(doc, 2024)["reception"] == Decimal("1.50")
    assert _three_public(doc, 2024)["total"] == Decimal("2.50")


def test_last_years_column_first_does_not_move_this_years_figures() -> None:
    """The column order of the issue: 上年 before 本年 must not swap the years."""
    rows = [(label, prior, current, change) for label, current, prior, change in THREE_PUBLIC_ROWS]
    lines = ["\t".join(("项目", "上年预算数", "本年预算数", "增减"))]
    lines += ["\t".join(row) for row in rows]
    doc = _doc("“三公”经费财政拨款预算表", "编制单位：五河县医疗保障局\t单位：万元", *lines)
    assert _three_public(doc, 2025)["reception"] == Decimal("1.30")
    assert _three_public(doc, 2024)["reception"] == Decimal("1.50")


def test_quoted_csv_rows_are_table_rows() -> None:
    lines = ['"项目","本年预算数","上年预算数","增减"']
    lines += [",".join(f'"{cell}"' for cell in row) for row in THREE_PUBLIC_ROWS]
    doc = _doc('"“三公”经费财政拨款预算表"', '"编制单位：五河县医疗保障局","单位：万元"', *lines)
    assert _three_public(doc, 2025)["total"] == Decimal("1.30")
    assert _three_public(doc, 2024)["vehicle_operation"] == Decimal("1.00")


def test_packed_text_with_every_cell_filled_is_placed_by_header_order() -> None:
    lines = ["项目 上年预算数 本年预算数 增减"]
    lines += [
        " ".join((label, prior, current, change))
        for label, current, prior, change in THREE_PUBLIC_ROWS
    ]
    doc = _doc("“三公”经费财政拨款预算表", "单位：万元", *lines)
    assert doc.read.layout == "spaced"
    assert _three_public(doc, 2025)["reception"] == Decimal("1.30")
    assert _three_public(doc, 2024)["reception"] == Decimal("1.50")


def test_packed_text_that_lost_a_blank_cell_is_an_issue_never_a_zero() -> None:
    lines = ["项目 本年预算数 上年预算数 增减", "合计 1.30 2.50 -1.20", "三、公务接待费 1.30 -0.20"]
    doc = _doc("“三公”经费财政拨款预算表", "单位：万元", *lines)
    this_year = _three_public(doc, 2025)
    assert this_year.get("reception") is None
    assert "cannot be told" in " ".join(issue.message for issue in doc.issues)
    assert all(figure.amount != 0 for figure in doc.three_public if figure.source == "table")


def test_three_public_with_meeting_and_training_keeps_its_own_total() -> None:
    header = [
        "“三公”经费合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t会议费\t培训费"
    ]
    header += ["\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t"]
    body = ["10.00\t0.00\t4.00\t0.00\t4.00\t6.00\t10.00\t43.00"]
    doc = _doc(
        "一般公共预算“三公”经费、会议费、培训费支出表",
        "编制单位：五河县医疗保障局\t单位：万元",
        *header,
        *body,
    )
    figures = _three_public(doc, 2025)
    assert figures["total"] == Decimal("10.00")
    assert figures["vehicle_operation"] == Decimal("4.00")
    assert figures["meeting"] == Decimal("10.00") and figures["training"] == Decimal("43.00")


def test_zero_words_and_an_empty_table() -> None:
    lines = [
        "项目\t预算数",
        "合计\t2.00",
        "因公出国（境）费\t无",
        "公务用车购置及运行费\t—",
        "公务接待费\t2.00",
    ]
    doc = _doc("“三公”经费财政拨款预算表", "编制单位：五河县医疗保障局\t单位：万元", *lines)
    figures = _three_public(doc, 2025)
    assert figures["overseas"] == 0 and figures["vehicle_total"] == 0
    empty = _doc(
        "“三公”经费财政拨款预算表",
        "编制单位：五河县医疗保障局\t单位：万元",
        "项目\t预算数",
        "注：本单位无“三公”经费预算，空表列示。",
    )
    assert {f.reported_as for f in empty.three_public if f.source == "table"} == {"empty_table"}


def test_class_item_section_columns_are_joined_from_parent_rows() -> None:
    lines = [
        "项目\t\t\t\t一般公共预算支出\t\t",
        "功能分类科目编码\t\t\t功能分类科目名称\t合计\t基本支出\t项目支出",
        "类\t款\t项\t\t\t\t",
        "210\t\t\t卫生健康支出\t1,058,300.00\t1,058,300.00\t",
        "\t11\t\t行政事业单位医疗\t1,058,300.00\t1,058,300.00\t",
        "\t\t01\t行政单位医疗\t1,058,300.00\t1,058,300.00\t",
        "合计\t\t\t\t1,058,300.00\t1,058,300.00\t",
    ]
    doc = _doc("一般公共预算支出功能分类预算表", "编制单位：五河县医疗保障局\t单位：元", *lines)
    totals = {
        line.subject_code: line.amount
        for line in doc.budget_lines
        if line.column_name == "total" and line.subject_code
    }
    assert totals == {
        "210": Decimal("1058300.00"),
        "21011": Decimal("1058300.00"),
        "2101101": Decimal("1058300.00"),
    }
    assert {line.money_unit for line in doc.budget_lines} == {"元"}


@pytest.mark.parametrize("flattened", [False, True], ids=["spreadsheet", "text_export"])
def test_prior_year_and_change_columns_land_apart_with_their_year(flattened: bool) -> None:
    lines = [
        # a spreadsheet's export: a blank cell for each column a merged header cell covers
        "功能分类科目\t\t本年预算数\t\t\t上年预算数\t增减",
        "科目编码\t科目名称\t合计\t基本支出\t项目支出\t\t",
        "\t合计\t36,470,600.00\t4,792,100.00\t31,678,500.00\t45,021,000.00\t-8,550,400.00",
        "2101101\t行政单位医疗\t1,058,300.00\t1,058,300.00\t\t989,900.00\t68,400.00",
    ]
    if flattened:  # a text export writes a merged cell once
        lines[0] = "功能分类科目\t本年预算数\t上年预算数\t增减"
    doc = _doc("部门预算支出总表", "编制单位：五河县医疗保障局\t单位：元", *lines)
    by_column = {
        (line.row_key or line.subject_code, line.column_name): (line.amount, line.column_year)
        for line in doc.budget_lines
    }
    assert by_column[("total", "total")] == (Decimal("36470600.00"), 2025)
    assert by_column[("total", "prior_year")] == (Decimal("45021000.00"), 2024)
    assert by_column[("total", "change")] == (Decimal("-8550400.00"), 2025)
    assert by_column[("2101101", "prior_year")] == (Decimal("989900.00"), 2024)


def test_units_are_read_per_table_and_traditional_glyphs_are_read() -> None:
    doc = _doc(
        "部门预算支出总表",
        "编制单位：五河县医疗保障局\t单位：元",
        "科目编码\t科目名称\t合计\t基本支出\t项目支出",
        "\t合计\t4,792,100.00\t4,792,100.00\t",
        "一般公共預算基本支出表",
        "編制單位：五河县医疗保障局\t單位：萬元",
        "科目编码\t科目名称\t合计\t人员經費\t公用經費",
        "\t合计\t479.21\t396.15\t83.06",
    )
    units = {(line.table_kind, line.column_name): line.money_unit for line in doc.budget_lines}
    assert units[("expenditure_summary", "total")] == "元"
    assert units[("basic_expenditure", "personnel")] == "万元"
    assert units[("basic_expenditure", "public")] == "万元"


def test_a_code_alone_on_a_line_with_its_name_wrapped_over_two() -> None:
    lines = [
        "部门预算支出总表",
        "单位：万元",
        "科目编码 科目名称 合计 基本支出 项目支出",
        "栏次 1 2 3",
        "合计 105.83 105.83",
        "2101101",
        "行政单位",
        "医疗 105.83 105.83",
    ]
    doc = _doc(*lines)
    line = next(b for b in doc.budget_lines if b.subject_code == "2101101")
    assert (line.row_label, line.amount) == ("行政单位医疗", Decimal("105.83"))


@pytest.mark.parametrize(
    ("sentence", "key", "value"),
    [
        (
            "2025年城乡居民医保人均财政补助标准为700元。",
            "resident_fiscal_subsidy_per_person_all_levels",
            700,
        ),
        (
            "各级财政补助700元/人，个人缴费400元/人。",
            "resident_fiscal_subsidy_per_person_all_levels",
            700,
        ),
        ("各级财政补助700元/人，个人缴费400元/人。", "resident_individual_premium_per_person", 400),
        (
            "城乡居民医保各级财政人均补助标准提高到670元/人。",
            "resident_fiscal_subsidy_per_person_all_levels",
            670,
        ),
        ("县级财政人均补助标准142元。", "per_person_subsidy_standard", 142),
    ],
)
def test_per_person_standards_in_other_phrasings(sentence: str, key: str, value: int) -> None:
    doc = _doc(sentence)
    found = {(f.fact_key, f.amount) for f in doc.narrative if f.unit == "元/人"}
    assert (key, Decimal(value)) in found
    assert len([f for f in doc.narrative if f.unit == "元/人" and f.amount == value]) == 1


def test_three_public_stated_only_in_prose() -> None:
    doc = _doc(
        "2025年财政拨款“三公”经费预算 12.30万元，其中：因公出国（境）费 0万元；"
        "公务用车购置及运行维护费 8.00万元；公务接待费 4.30万元。"
    )
    figures = {f.component: f.amount for f in doc.three_public if f.fiscal_year == 2025}
    assert figures == {
        "total": Decimal("12.30"),
        "overseas": Decimal("0"),
        "vehicle_total": Decimal("8.00"),
        "reception": Decimal("4.30"),
    }
    assert {f.source for f in doc.three_public} == {"narrative"}


# --- space-aligned text (a layout export): columns by position --------------------------------

# 支出总表 as pdftotext -layout leaves it: columns padded with spaces, a CJK character two
# columns wide, blank cells left blank at their position, the merged 功能分类科目 centred.
_ROWS = [
    ("", "合计", "4330.75", "381.78", "3948.97"),
    ("208", "社会保障和就业支出", "189.95", "189.95", ""),
    ("20805", "行政事业单位养老支出", "189.95", "189.95", ""),
    ("2080505", "机关事业单位基本养老保险缴费支出", "72.01", "72.01", ""),
    ("2080506", "机关事业单位职业年金缴费支出", "117.94", "117.94", ""),
    ("210", "卫生健康支出", "4140.80", "191.83", "3948.97"),
    ("21012", "财政对基本医疗保险基金的补助", "914.40", "", "914.40"),
    ("2101202", "财政对城乡居民基本医疗保险基金的补助", "914.40", "", "914.40"),
    ("21015", "医疗保障管理事务", "3226.40", "191.83", "3034.57"),
    ("2101501", "行政运行", "191.83", "191.83", ""),
    ("2101599", "其他医疗保障管理事务支出", "3034.57", "", "3034.57"),
]


def _aligned_table() -> str:
    from ingest.readers.text.spaced import display_width

    widths = [10, 40, 10, 10, 10]

    def cell(text: str, width: int, right: bool) -> str:
        pad = " " * (width - display_width(text))
        return pad + text if right else text + pad

    def row(cells: tuple[str, ...]) -> str:
        return "  ".join(
            cell(c, w, i >= 2) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    top = " " * 18 + "功能分类科目" + " " * 22 + row(("", "", "合计", "基本支出", "项目支出"))[52:]
    lines = ["部门支出总表", "编制单位：五河县医疗保障局    单位：万元", "", top.rstrip()]
    lines.append(row(("科目编码", "科目名称", "", "", "")))
    lines += [row(r) for r in _ROWS]
    return "\n".join(lines) + "\n"


ALIGNED_EXPENDITURE = _aligned_table()


def _lines(doc: Extraction) -> dict[tuple[str | None, str], Decimal]:
    return {
        (line.subject_code, line.column_name): line.amount
        for line in doc.budget_lines
        if line.table_kind == "expenditure_summary"
    }


def test_space_aligned_blank_cells_stay_in_their_column() -> None:
    doc = _doc(*ALIGNED_EXPENDITURE.splitlines())
    lines = _lines(doc)
    assert lines[("2101202", "project")] == Decimal("914.40")  # under 项目支出, past a blank
    assert ("2101202", "basic") not in lines
    assert lines[("2080505", "basic")] == Decimal("72.01")
    assert ("2080505", "project") not in lines
    assert lines[("21015", "project")] == Decimal("3034.57")
    assert not any(line.column_inferred for line in doc.budget_lines)
    assert not [issue for issue in doc.issues if issue.code == "columns_ambiguous"]


def test_an_amount_straddling_two_columns_is_an_issue_not_a_figure() -> None:
    from ingest.readers.text.spaced import display_width

    start = "2101501     行政运行"
    shifted = start + " " * (54 - display_width(start)) + "191.83  191.83"  # 2nd: 62-68
    text = "\n".join(
        shifted if line.startswith("2101501") else line for line in ALIGNED_EXPENDITURE.splitlines()
    )
    doc = _doc(*text.splitlines())
    lines = _lines(doc)
    assert not [key for key in lines if key[0] == "2101501"]  # the row is not landed
    straddled = [issue for issue in doc.issues if issue.code == "columns_ambiguous"]
    assert straddled and "行政运行" in straddled[0].snippet
    assert lines[("2101599", "project")] == Decimal("3034.57")  # the other rows still are


def test_single_spaced_text_that_lost_its_blanks_keeps_the_arithmetic_reading() -> None:
    """No evidence of alignment (one space between cells): positions are not trusted, the
    table's arithmetic places the amounts and flags them as inferred."""
    packed = [" ".join(line.split()) for line in ALIGNED_EXPENDITURE.splitlines()]
    doc = _doc(*packed)
    lines = _lines(doc)
    assert lines[("2101202", "project")] == Decimal("914.40")
    assert any(line.column_inferred for line in doc.budget_lines)


def test_a_header_word_wrapped_over_two_lines_names_one_column() -> None:
    """'基本' over '支出' in one column is the header 基本支出, as pdftotext -layout wraps it."""
    from ingest.readers.text.spaced import display_width

    lines = ALIGNED_EXPENDITURE.splitlines()
    lines[3] = lines[3].replace("基本支出", "  基本  ").replace("项目支出", "  项目  ")
    lines[4] = lines[4] + " " * (68 - display_width(lines[4])) + "支出" + " " * 8 + "支出"
    lines_read = _lines(_doc(*lines))
    assert lines_read[("2101202", "project")] == Decimal("914.40")
    assert lines_read[("2080505", "basic")] == Decimal("72.01")
    assert ("2101202", "basic") not in lines_read
