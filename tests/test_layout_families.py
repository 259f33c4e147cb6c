"""Documents generated from known facts in every layout family and format, read back.

One warehouse is built for all of them (two documents per family and format, each of its
own county): every figure a document prints must come out of the warehouse exactly, and
nothing it does not print may appear.  A family × format that does not pass yet is
``xfail(strict=True)`` with the reason, so the suite flips to red the day a parser fix makes
it pass (then drop it from ``XFAIL``).  ``make accuracy`` gives the numbers.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from testkit.layoutgen import FAMILIES, FORMATS, Generated, generate_corpus
from testkit.layoutgen.expected import any_body_measures, core_measures
from testkit.layoutgen.facts import FUNCTION_NAMES
from testkit.layoutgen.measure import Measured, measure_generated

PER_CELL = 2

# A workbook holds the 公开表 only; the fields they do not print (the year, often the body) come
# from the collector's sources.csv row, as for real workbooks (Generated.collector_row)
_NO_TABLES = "the family prints no table, so its workbook has no cell: refused as empty"
XFAIL: dict[tuple[str, str], str] = {("chongqing", "xlsx"): _NO_TABLES}


def _cases() -> list[object]:
    cases = []
    for family in FAMILIES:
        for fmt in FORMATS:
            reason = XFAIL.get((family, fmt))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(family, fmt, marks=marks, id=f"{family}-{fmt}"))
    return cases


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Measured:
    docs = generate_corpus(per_cell=PER_CELL)
    return measure_generated(docs, tmp_path_factory.mktemp("layouts"))


@pytest.mark.slow
@pytest.mark.parametrize(("family", "fmt"), _cases())
def test_family_reproduces_its_facts(measured: Measured, family: str, fmt: str) -> None:
    results = [r for r in measured.documents if r.family == family and r.format == fmt]
    assert len(results) == PER_CELL
    unread = [f"{r.name}: {r.reason} {r.detail[:120]}" for r in results if not r.read]
    assert not unread, "documents not read:\n" + "\n".join(unread)
    bad = [v.describe() for r in results for v in r.bad]
    assert not bad, f"{len(bad)} wrong figures:\n" + "\n".join(bad[:40])


@pytest.mark.slow
def test_the_warehouse_of_generated_documents_builds(measured: Measured) -> None:
    assert measured.build_error == ""


# --- the generator itself (no warehouse) ----------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> list[Generated]:
    return list(generate_corpus(formats=["text_cells"], per_cell=3, seed="self-test"))


def test_generation_is_deterministic() -> None:
    first = generate_corpus(["hebei", "shanghai"], ["pdf", "xlsx", "docx", "html"], 1)
    second = generate_corpus(["hebei", "shanghai"], ["pdf", "xlsx", "docx", "html"], 1)
    assert [d.data for d in first] == [d.data for d in second]
    assert len({d.data for d in first}) == len(first)


def test_a_workbook_s_collector_row_gives_only_what_its_tables_do_not_print() -> None:
    from testkit.layoutgen import FINAL_FAMILIES

    docs = {
        doc.family: doc
        for doc in generate_corpus(["shanghai", *FINAL_FAMILIES], ["xlsx", "pdf"], 1)
        if doc.format == "xlsx"
    }
    # 上海's budget tables name the body (编制单位) but no year
    assert docs["shanghai"].collector_row == {
        "file": "shanghai-xlsx-00.xlsx",
        "division_code": "",
        "body": "",
        "scope": "",
        "year": str(docs["shanghai"].document.year),
    }
    # the Shanghai 决算 template's tables name neither body nor year
    row = docs["shanghai_final"].collector_row
    assert row is not None and row["body"] == docs["shanghai_final"].facts.body
    assert row["division_code"] == docs["shanghai_final"].document.county_code
    # the national template prints both on every table: the year alone
    assert docs["national_final"].collector_row == {
        "file": "national_final-xlsx-00.xlsx",
        "division_code": "",
        "body": "",
        "scope": "",
        "year": str(docs["national_final"].document.year),
    }
    assert all(doc.collector_row is None for doc in generate_corpus(["hebei"], ["pdf"], 1))


def test_facts_add_up(sample: list[Generated]) -> None:
    for doc in sample:
        f = doc.facts
        amounts = f.function_amounts()
        for code, amount in amounts.items():
            children = [c for c in amounts if len(c) == len(code) + 2 and c.startswith(code)]
            if children:
                assert amount == sum(amounts[c] for c in children), code
        assert f.basic == f.personnel + f.public
        assert f.total == f.basic + f.project
        tp = f.three_public
        assert tp.total == tp.overseas + tp.vehicle_purchase + tp.vehicle_operation + tp.reception
        assert all(code in FUNCTION_NAMES for code in amounts)


def test_each_document_has_its_own_county(sample: list[Generated]) -> None:
    counties = Counter(doc.document.county_code for doc in sample)
    assert max(counties.values()) == 1


def test_expected_figures_cover_every_core_measure(sample: list[Generated]) -> None:
    for doc in sample:
        expected = doc.expected
        fy = doc.document.year
        given = {(e.measure, e.year) for e in expected}
        needed = [
            m
            for m in core_measures()
            if doc.document.medical_insurance or m in any_body_measures()  # a Party body
        ]
        assert all((m, fy) in given for m in needed)
        statuses = {e.status for e in expected}
        assert statuses <= {"reported", "reported_zero", "derived", "not_reported"}
        for e in expected:
            assert (e.value is None) == (e.status == "not_reported"), e


def test_printed_text_holds_the_figures_it_promises(sample: list[Generated]) -> None:
    """Every figure stated in the text rendering really is printed (in one of its units)."""
    for doc in sample:
        text = doc.data.decode("utf-8")
        f = doc.facts
        assert f.body in text or doc.family == "traditional"
        assert str(f.year) in text
        total = Decimal(f.total) / 100
        printed = {f"{total:.2f}", f"{total / 10000:.2f}", f"{total:,.2f}"}
        assert any(p in text for p in printed) or doc.family == "traditional"


def test_every_format_renders(tmp_path: Path) -> None:
    for doc in generate_corpus(["hubei"], list(FORMATS), 1):
        assert doc.data, doc.filename
        (tmp_path / doc.filename).write_bytes(doc.data)
    magic = {p.suffix: p.read_bytes()[:4] for p in tmp_path.iterdir()}
    assert magic[".pdf"] == b"%PDF"
    assert magic[".xlsx"] == magic[".docx"] == b"PK\x03\x04"


def test_party_and_congress_bodies_publish_some_documents() -> None:
    """One document in five is published by a Party or congress body (中共XX县委宣传部,
    XX县人大常委会办公室 …): its identity is the county in its name."""
    from ingest.extract import extract

    docs = generate_corpus(formats=["text_tsv", "text_aligned"], per_cell=3, seed="self-test")
    party = [doc for doc in docs if not doc.document.medical_insurance]
    assert len(party) >= 5
    for doc in party:
        identity = extract(doc.data).identity
        assert identity.division.code == doc.document.county_code, doc.name
        assert identity.body == doc.facts.body, doc.name
