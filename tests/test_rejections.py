"""Bad input never stops the batch and never disappears: each lands in `rejected` with a
reason a person understands, and the warehouse builds from the rest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.extract import extract
from ingest.model import UnreadableDocument
from tests.conftest import build_warehouse
from tests.documents import HEZHENG, JULU, variant, write

NO_COUNTY = [("巨鹿县", "某某县"), ("巨鹿", "某某"), ("13052925P", "99999925P")]


def _reason(data: bytes) -> str:
    with pytest.raises(UnreadableDocument) as caught:
        extract(data)
    return caught.value.reason


def test_empty_file() -> None:
    assert _reason(b"") == "empty"
    assert _reason(b"  \n\t\n") == "empty"


def test_binary_file() -> None:
    assert _reason(bytes(range(256)) * 40) == "binary"


def test_text_in_an_unknown_encoding() -> None:
    # Latin-1 bytes that are valid in no Chinese encoding tried (0xFF starts nothing in GB18030)
    assert _reason("Budget ÿÿ über façade ÿ".encode("latin-1") * 50) == "unknown_encoding"


def test_english_text_is_not_a_budget_disclosure() -> None:
    assert _reason(b"This is a shopping list.\nMilk, eggs, bread.\n") == "not_chinese_text"


def test_document_with_no_recognisable_division() -> None:
    assert _reason(variant(JULU, NO_COUNTY).encode()) == "no_division"


def test_document_with_no_budget_year() -> None:
    text = "和政县医疗保障局部门预算\n我局全年工作顺利开展，参保人数稳定。\n"
    assert _reason(text.encode()) == "no_year"


def test_text_that_is_no_budget_is_refused_as_such() -> None:
    text = "和政县医疗保障局\n我局全年工作顺利开展，参保人数稳定。\n"
    assert _reason(text.encode()) == "not_a_budget"


def test_final_accounts_are_not_budgets() -> None:
    text = "和政县医疗保障局2023年部门决算公开\n我局全年工作顺利开展。\n"
    assert _reason(text.encode()) == "final_accounts"


def test_county_named_and_coded_differently_is_not_guessed() -> None:
    text = variant(JULU, [("13052925P", "13053325P")])  # project codes of 威县
    assert _reason(text.encode()) == "division_conflict"


@pytest.mark.slow
def test_bad_inputs_are_rejected_while_the_rest_builds(make_sources: Callable[..., Path]) -> None:
    sources = make_sources(HEZHENG, JULU)
    (sources / "empty.txt").write_bytes(b"")
    (sources / "scan.bin").write_bytes(bytes(range(256)) * 40)
    (sources / "latin1.txt").write_bytes("Budget ÿÿ über ÿ".encode("latin-1") * 50)
    write(sources, "no_county.txt", variant(JULU, NO_COUNTY))
    write(sources, "no_year.txt", "和政县医疗保障局部门预算\n我局全年工作顺利开展。\n")
    warehouse = build_warehouse(sources, sources.parent / "out")
    assert warehouse.batch.documents == 2 and warehouse.batch.rejected == 5
    rejected = dict(warehouse.rows("select reason, file from mart_rejected_documents"))
    assert set(rejected) == {"empty", "binary", "unknown_encoding", "no_division", "no_year"}
    assert rejected["no_division"].endswith("no_county.txt")
    details = [d for (d,) in warehouse.rows("select detail from mart_rejected_documents")]
    assert all(len(detail) > 20 for detail in details)
    assert (
        warehouse.one(
            "select value from fct_county_measure where county_code = '130529' "
            "and fiscal_year = 2025 and measure = 'total_expenditure_yuan'"
        )
        == 4253000
    )
    assert warehouse.result.tests_passed == warehouse.result.tests_total
    warehouse.close()
