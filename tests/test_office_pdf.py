"""The reference documents printed to PDF by LibreOffice, a generator we did not write
(committed in testkit/pdfgen/office, see its README), give the figures their text gives:
every golden figure, and every figure of the warehouse (measures, budget lines, 三公,
enrollment, the comparison mart).

Two printers: Writer (tables split across pages) and Writer/Web (which pushes a long form
and drops its title off the first page: the performance form must still be read by its
keys, or 和政's count from it is lost and its per-capita subsidy changes).
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from collections.abc import Iterator

import pytest

from testkit.pdfgen import OFFICE_PDFS
from tests.conftest import CORPUS, GOLDEN, Warehouse, build_warehouse
from tests.test_golden import check_golden_row
from tests.test_text_pdf_agree import FIGURES, _unplaced_in_text

pytestmark = pytest.mark.slow
PRINTERS = sorted(folder.name for folder in OFFICE_PDFS.iterdir() if folder.is_dir())
ROWS = list(csv.DictReader(GOLDEN.open(encoding="utf-8")))


@pytest.fixture(scope="module", params=PRINTERS)
def office_warehouse(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Warehouse]:
    printer = str(request.param)
    sources = tmp_path_factory.mktemp(f"office-{printer}")
    for pdf in sorted((OFFICE_PDFS / printer).glob("*.pdf")):
        shutil.copyfile(pdf, sources / pdf.name)
    assert sorted(p.stem for p in sources.glob("*.pdf")) == sorted(
        p.stem for p in CORPUS.glob("*.txt")
    )
    warehouse = build_warehouse(sources, tmp_path_factory.mktemp(f"wh-{printer}"))
    yield warehouse
    warehouse.close()


def test_every_golden_figure(office_warehouse: Warehouse) -> None:
    failed = []
    for row in ROWS:
        try:
            check_golden_row(office_warehouse, row)
        except AssertionError as error:
            failed.append(f"{row['county']} {row['year']} {row['measure']}: {error}"[:300])
    assert failed == []
    assert office_warehouse.batch.rejected == 0


def test_text_and_office_pdf_give_the_same_figures(
    corpus_warehouse: Warehouse, office_warehouse: Warehouse
) -> None:
    """Writer breaks a table row across a page (威县's 2101202 label '…基金的' | '补助'): the
    reader joins it again (``_rows_rejoined_across_pages``), so both printers agree whole."""
    differences = {}
    for model, sql in FIGURES.items():
        text = Counter(corpus_warehouse.rows(sql))
        pdf = Counter(office_warehouse.rows(sql))
        only_text = sorted(map(str, (text - pdf).elements()))
        only_pdf = sorted(
            str(row)
            for row in (pdf - text).elements()
            if not _unplaced_in_text(row, corpus_warehouse)
        )
        if only_text or only_pdf:
            differences[model] = (only_text[:10], only_pdf[:10])
    assert differences == {}
