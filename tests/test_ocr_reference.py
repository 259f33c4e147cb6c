"""Scans of documents whose every figure is known: the reference PDFs
(``testkit/pdfgen/reference``) rasterised by our own desk scanner (``testkit/scangen``: 200 dpi
grey, turned, blurred, JPEG, no text layer) and read by OCR give the figures their digital
rendering gives — at least 85% of them, and none different.

The digital rendering's figures are themselves held to the golden figures
(tests/test_golden.py, test_text_pdf_agree.py), so a figure the scan gives beside them is
right or wrong by comparison, with nothing typed in here.  Compared: every amount the
document lands (budget lines, 三公 figures, prose facts, project amounts), keyed by what it is
(table, row, subject, column; fact, year; component; project code) — a key the digital reading
has not, with an amount, is a wrong figure too.

Runs without ../shared (the reference PDFs are committed), on the pages that carry each kind of
figure: 和政县 whole (prose, projects), 巨鹿县 pages 1–9 (the budget tables, 三公, prose): 14
pages, each scanned upright and turned a quarter, ~2 minutes of OCR on 2 cores (marked ``ocr``
and ``slow``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable
from decimal import Decimal
from functools import cache

import pytest

from ingest.extract import Extraction, extract
from ingest.limits import Limits
from testkit.pdfgen import REFERENCE_PDFS
from testkit.scangen import draws_cjk, pages_of, scan

pytestmark = [
    pytest.mark.slow,
    pytest.mark.ocr,
    pytest.mark.skipif(
        not draws_cjk(),
        reason="no CJK font for pdfium to draw the reference PDFs' Chinese with: their scan "
        "would be blank (`make test` installs fonts-wqy-microhei where it may)",
    ),
]

# stem → the pages scanned (None: all)
SCANNED: dict[str, list[int] | None] = {
    "001_7b27b9e27e53efe8": None,  # 和政县: prose and performance forms
    "003_8db8e2e3ace80c81": list(range(1, 10)),  # 巨鹿县: the budget tables, 三公, prose
}

Figures = dict[Hashable, Decimal | None]


def _words(text: str | None) -> str | None:
    """A label's words without its punctuation: a scan's （） and 〔〕 come back as () (same
    figure, other glyphs)."""
    return None if text is None else re.sub(r"\W", "", unicodedata.normalize("NFKC", text))


def figures(extraction: Extraction) -> Figures:
    """Every amount the document lands, keyed by what it is the amount of."""
    out: Figures = {}
    for line in extraction.budget_lines:
        key = ("line", line.table_kind, line.row_key, line.subject_code, line.row_number)
        out[(*key, line.column_name, line.phase, line.money_unit)] = line.amount
    for figure in extraction.three_public:
        key = ("三公", figure.component, figure.fiscal_year, figure.source, figure.phase)
        out[(*key, figure.money_unit)] = figure.amount
    for fact in extraction.narrative:
        key = ("prose", fact.fact_key, fact.fact_kind, fact.fact_year, fact.scheme)
        out[(*key, fact.enrollment_kind, _words(fact.label), fact.unit)] = fact.amount
    for project in extraction.projects:
        out[("project", project.project_code, _words(project.title), project.money_unit)] = (
            project.amount
        )
    return out


@cache
def _digital_and_scanned(stem: str, quarter_turns: int = 0) -> tuple[Extraction, Extraction]:
    pdf = (REFERENCE_PDFS / f"{stem}.pdf").read_bytes()
    pages = SCANNED[stem]
    digital = pages_of(pdf, pages) if pages else pdf
    scanned = scan(digital, seed=stem, quarter_turns=quarter_turns)
    return extract(digital), extract(scanned, Limits(seconds=900))


# Each document scanned upright, and laid on the glass turned a quarter (a landscape table
# scanned on its side): anticlockwise for one, clockwise for the other.  A turned page is read
# turned back (ocr.turned_upright), so its figures are the upright scan's.
TURNS = {"001_7b27b9e27e53efe8": 3, "003_8db8e2e3ace80c81": 1}


@pytest.mark.parametrize(
    ("stem", "quarter_turns"),
    [(stem, 0) for stem in sorted(SCANNED)] + sorted(TURNS.items()),
)
def test_a_scan_gives_its_digital_figures_and_none_different(stem: str, quarter_turns: int) -> None:
    digital, scanned = _digital_and_scanned(stem, quarter_turns)
    assert scanned.read.layout == "pdf_ocr" and scanned.read.ocr_pages
    assert (scanned.identity.body, scanned.identity.year) == (
        digital.identity.body,
        digital.identity.year,
    )
    assert scanned.identity.division.code == digital.identity.division.code
    expected, given = figures(digital), figures(scanned)
    wrong = {
        key: (expected.get(key, "not in the digital reading"), amount)
        for key, amount in given.items()
        if amount is not None and expected.get(key) != amount
    }
    assert wrong == {}
    printed = [key for key, amount in expected.items() if amount is not None]
    right = [key for key in printed if given.get(key) == expected[key]]
    assert len(printed) >= 15
    assert len(right) >= 0.85 * len(printed), sorted(set(printed) - set(right), key=str)
