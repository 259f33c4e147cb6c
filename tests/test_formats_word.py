"""Word files as paragraphs and table rows in document order; .doc through LibreOffice."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from ingest.limits import Limits
from ingest.model import UnreadableDocument
from ingest.readers import doc as doc_reader
from ingest.readers import read_bytes
from ingest.readers.document import SourceFormat
from testkit.formatgen.word import budget_docx, tracked_changes_docx
from tests.real_formats import CURATED, golden, real_file


@pytest.fixture
def converter() -> str:
    found = doc_reader.find_converter()
    if found is None:
        if os.environ.get("MEDINS_REQUIRE_CONVERTER") == "1":
            pytest.fail("MEDINS_REQUIRE_CONVERTER=1 but LibreOffice (soffice) is not installed")
        pytest.skip("LibreOffice (soffice) is not installed: .doc files are refused instead")
    return found


def test_paragraphs_and_tables_come_in_document_order_on_the_table_grid() -> None:
    read = read_bytes(budget_docx())
    assert read.source_format is SourceFormat.DOCX and read.layout == "docx"
    assert [(b.line, b.is_row, b.cells) for b in read.blocks] == [
        (1, False, ("某某县医疗保障局2024年部门预算公开说明",)),
        (2, False, ("一、收支预算总体情况",)),
        (3, False, ("本年收入合计1234.5万元，比上年增加12.3万元。",)),
        (4, True, ("项目", "", "预算数")),  # 项目 spans two grid columns
        (5, True, ("2101101", "行政单位医疗", "56.7")),
        (6, True, ("", "事业单位医疗", "10")),  # the code above spans this row too
        (7, True, ("", "合计", "66.7")),
        (8, False, ("二、说明",)),
        (9, False, ("第二行",)),  # a manual line break starts a new line
        (10, False, ("注：本表单位为万元。",)),
    ]
    assert all(b.page is None for b in read.blocks)


def test_text_is_what_word_shows_with_tracked_changes() -> None:
    # "12" + inserted "3" + deleted "9" + "4.5": Word shows 1234.5, never 12394.5 or 124.5
    assert read_bytes(tracked_changes_docx()).text == "支出1234.5万元"


def test_the_real_note_holds_the_sentences_the_hand_reading_quotes() -> None:
    name = "dingzhou_civil_affairs_2017_budget_note.docx"
    read = read_bytes(real_file(CURATED / name))
    quotes = [q for r in golden(name) for q in re.findall(r'"([^"]+)"', r["note"])]
    assert len(quotes) >= 5
    for quote in quotes:
        assert quote in read.text, quote


def test_a_doc_is_refused_with_how_to_convert_it_when_no_converter_is_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = real_file(CURATED / "dingzhou_hrss_2017_budget_note_tables.doc")
    monkeypatch.setattr(doc_reader, "find_converter", lambda: None)
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(data)
    assert caught.value.reason == "needs_conversion"
    assert "save it as .docx" in caught.value.detail and "LibreOffice" in caught.value.detail


def _as_doc(docx: bytes, converter: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "budget.docx"
        source.write_bytes(docx)
        subprocess.run(
            [
                converter,
                f"-env:UserInstallation={(Path(folder) / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "doc",
                "--outdir",
                folder,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return (Path(folder) / "budget.doc").read_bytes()


def test_a_doc_reads_as_the_docx_it_was_saved_from(converter: str) -> None:
    original = read_bytes(budget_docx())
    data = _as_doc(budget_docx(), converter)
    read = read_bytes(data)
    assert read.source_format is SourceFormat.DOC
    assert [b.cells for b in read.blocks] == [b.cells for b in original.blocks]


def test_a_real_doc_reads_its_prose_and_tables(converter: str) -> None:
    read = read_bytes(real_file(CURATED / "dingzhou_nonggongwei_2017_budget_full.doc"))
    assert read.source_format is SourceFormat.DOC
    titles = [
        b.text for b in read.blocks if not b.is_row and re.fullmatch(r"部门收支.*总表", b.text)
    ]
    assert titles, "the 部门收支预算总表 title is a paragraph of its own"
    assert sum(b.is_row for b in read.blocks) > 50


def test_a_damaged_doc_is_refused_not_crashed(converter: str) -> None:
    data = real_file(CURATED / "dingzhou_hrss_2017_budget_note_tables.doc")
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(data[: len(data) // 2], Limits(seconds=60))
    assert caught.value.reason in ("damaged", "conversion_failed")


def test_every_target_that_reads_documents_installs_the_converter() -> None:
    """`make run` on a fresh machine reads a .doc with no separate install step: the targets
    that read documents depend on ``converter`` (which installs LibreOffice when missing)."""
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    prerequisites = {
        line.split(":", 1)[0]: line.split(":", 1)[1].split("##", 1)[0].split()
        for line in makefile.splitlines()
        if re.match(r"^[a-z][\w-]*:", line) and ":=" not in line
    }
    for target in ("run", "ingest", "refresh", "test"):
        assert "converter" in prerequisites[target], target
