"""Real PDFs as governments published them (``../shared/real``): every one ends read or
rejected with a reason that is true, never a parser error; the curated ones give back every
figure read from them by hand (``curated/golden.jsonl``).

The golden figures are read from a warehouse built from the curated files (per-body marts)
and, to tell a parser fault from a warehouse one, from the rows ``extract`` lands; both are
judged by the one comparer (``testkit/golden.py``).  Files whose rejection is known are listed
with the reason that is true of them, so a rejection that changes its reason fails.
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from ingest.codes import RejectionReason
from ingest.extract import Extraction, extract
from ingest.model import UnreadableDocument
from testkit.golden import (
    HAND_READ,
    extraction_figures,
    hand_read_verdicts,
    judge_readings,
    read_golden,
)
from tests.conftest import SHARED, Warehouse, build_warehouse

REAL = SHARED / "real"

pytestmark = pytest.mark.skipif(not REAL.exists(), reason="../shared/real is not beside the repo")

PDFS = sorted(REAL.glob("curated/*.pdf")) + sorted(REAL.glob("wild/*.pdf"))
# What is true of the files that cannot be read (checked by reading them):
KNOWN_REJECTIONS = {
    # 2 scanned pages (no text layer), read by OCR: a 财政局 notice handing down project
    # funds (关于下达…项目资金的通知), filed under the budgets
    "015_长沙_文化广电旅游体育局_2026年部门预算.pdf": {RejectionReason.NOT_A_BUDGET},
    # a 法治政府建设报告 filed under the budgets
    "040_长春_2026年长春市财政局部门预算.pdf": {RejectionReason.NOT_A_BUDGET},
    # the 国家信访局 budget (a central department) filed under two cities
    "009_武汉_2026年武汉市信访局部门预算.pdf": {RejectionReason.CENTRAL_GOVERNMENT},
    "086_德州_2026年德州市信访局部门预算.pdf": {RejectionReason.CENTRAL_GOVERNMENT},
}
# Web pages saved under a .pdf name (not PDFs: pdfium and pdfminer both refuse them): the
# portal's navigation around a link to the attachment, no budget figures: read as the web
# pages they are, and refused as not a budget.
HTML_SAVED_AS_PDF = {
    "004_重庆_2026年重庆市公安局部门预算.pdf",
    "004_重庆_2026年重庆市国有资产监督管理委员会部门预算.pdf",
}


@cache
def _outcome(path: Path) -> Extraction | UnreadableDocument:
    try:
        return extract(path.read_bytes())
    except UnreadableDocument as rejected:
        return rejected


@pytest.mark.slow
@pytest.mark.parametrize("path", PDFS, ids=lambda path: path.name)
def test_every_real_pdf_is_read_or_rejected_with_a_true_reason(path: Path) -> None:
    outcome = _outcome(path)  # an exception here is the parser error this test forbids
    if isinstance(outcome, UnreadableDocument):
        assert outcome.reason != RejectionReason.PARSER_ERROR
        if path.name in HTML_SAVED_AS_PDF:  # read as the web page it is: no budget in it
            assert outcome.reason == RejectionReason.NOT_A_BUDGET, outcome.detail
        else:
            assert outcome.reason in KNOWN_REJECTIONS.get(path.name, set()), outcome.detail
        return
    assert path.name not in KNOWN_REJECTIONS, "a file known to be unreadable was read"
    assert path.name not in HTML_SAVED_AS_PDF, "a portal page was read as a budget"
    assert outcome.identity.year >= 2020
    failed = [issue.message for issue in outcome.issues if "could not be" in issue.message]
    assert not failed


def _golden_by_file() -> dict[str, list[dict[str, str]]]:
    by_file: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in read_golden(REAL / "curated" / "golden.jsonl"):
        if row["measure"] != "_doc":
            by_file[row["file"]].append(row)
    return dict(by_file)


GOLDEN = _golden_by_file()


@pytest.fixture(scope="module")
def curated_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    sources = tmp_path_factory.mktemp("curated")
    for name in GOLDEN:
        shutil.copy(REAL / "curated" / name, sources / name)
    warehouse = build_warehouse(sources, tmp_path_factory.mktemp("curated_out"))
    yield warehouse
    warehouse.close()


# Each curated file is judged alone: a figure the warehouse calls 'conflicting' is not right
# here even where the value read is listed (HAND_READ accepts that in the benchmark).
ALONE = dataclasses.replace(HAND_READ, reading_may_conflict=False)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(GOLDEN), ids=str)
def test_curated_pdfs_give_every_hand_read_figure(name: str, curated_warehouse: Warehouse) -> None:
    path = REAL / "curated" / name
    doc_id = hashlib.sha256(path.read_bytes()).hexdigest()
    # the prose's 37,151.47万元 and the table's 371,514,655.00元 are one figure printed twice:
    # the warehouse compares printings within their printed precision
    verdicts = hand_read_verdicts(curated_warehouse.con, doc_id, GOLDEN[name], ALONE)
    notes = {row["measure"]: row["note"] for row in GOLDEN[name]}
    wrong = {m: (f, notes[m]) for m, (verdict, f) in verdicts.items() if verdict != "right"}
    assert not wrong


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(GOLDEN), ids=str)
def test_curated_pdfs_land_every_hand_read_figure(name: str) -> None:
    """The same figures in the raw rows ``extract`` lands (what the warehouse is built from)."""
    outcome = _outcome(REAL / "curated" / name)
    assert isinstance(outcome, Extraction), outcome
    verdicts = judge_readings(GOLDEN[name], extraction_figures(outcome))
    notes = {row["measure"]: row["note"] for row in GOLDEN[name]}
    wrong = {m: (f, notes[m]) for m, (verdict, f) in verdicts.items() if verdict != "right"}
    assert not wrong
