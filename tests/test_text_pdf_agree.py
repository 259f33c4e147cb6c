"""The reference documents as text and rendered as PDF (tests/pdfgen) give the same warehouse:
every figure, not only the golden ones — measures with their status, budget lines, 三公,
enrollment, and the comparison mart's figures.  Only provenance may differ (a PDF has pages)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import CORPUS, Warehouse, build_warehouse
from tests.pdfgen import render_all

pytestmark = pytest.mark.slow

FIGURES = {
    "fct_county_measure": "select county_code, fiscal_year, measure, value, status "
    "from fct_county_measure",
    "fct_budget_line": "select county_code, fiscal_year, table_kind, row_key, row_label, "
    "subject_scheme, subject_code, column_name, amount_yuan, status from fct_budget_line",
    "fct_three_public": "select county_code, fiscal_year, component, amount_yuan, status, "
    "source_kind from fct_three_public",
    "fct_enrollment": "select county_code, fiscal_year, scheme, enrollment_kind, persons, "
    "printed_as, year_basis, source_kind from fct_enrollment",
    "mart_county_year_comparison": "select * exclude (primary_doc_id) "
    "from mart_county_year_comparison",
}


@pytest.fixture(scope="module")
def pdf_corpus_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    pdfs = render_all(CORPUS, tmp_path_factory.mktemp("rendered"))
    assert len(pdfs) == len(list(CORPUS.glob("*.txt")))
    return build_warehouse(Path(pdfs[0]).parent, tmp_path_factory.mktemp("pdf_corpus"))


@pytest.mark.parametrize("model", sorted(FIGURES))
def test_text_and_pdf_give_the_same_figures(
    model: str, corpus_warehouse: Warehouse, pdf_corpus_warehouse: Warehouse
) -> None:
    text = Counter(corpus_warehouse.rows(FIGURES[model]))
    pdf = Counter(pdf_corpus_warehouse.rows(FIGURES[model]))
    assert text, f"{model} is empty: nothing to compare"
    only_text = sorted(map(str, (text - pdf).elements()))
    only_pdf = sorted(map(str, (pdf - text).elements()))
    assert (only_text, only_pdf) == ([], [])


def test_every_pdf_document_is_read(pdf_corpus_warehouse: Warehouse) -> None:
    assert pdf_corpus_warehouse.batch.rejected == 0
    assert pdf_corpus_warehouse.one("select count(*) from dim_document") == len(
        list(CORPUS.glob("*.txt"))
    )
