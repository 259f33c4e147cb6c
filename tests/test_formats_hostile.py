"""Hostile containers end refused with a true reason, never crash, never leak a local file.

Each file is written at test time; one test per kind of attack.
"""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from ingest.limits import Limits
from ingest.model import UnreadableDocument
from ingest.readers import read_bytes
from testkit.formatgen import hostile
from testkit.formatgen.ooxml import xlsx
from testkit.formatgen.word import budget_docx, read_part, replace_part
from tests.real_formats import CURATED, real_file

_MB = 1024 * 1024


def _refusal(data: bytes, limits: Limits | None = None) -> UnreadableDocument:
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(data, limits)
    return caught.value


def _local_secret() -> str:
    """A line of the local file the attacks point at (what must never be read)."""
    if not hostile.LOCAL_FILE.exists():
        pytest.skip(f"{hostile.LOCAL_FILE} does not exist here")
    return hostile.LOCAL_FILE.read_text(encoding="utf-8").splitlines()[0]


def test_a_deflate_bomb_is_refused_by_its_ratio_before_it_is_inflated() -> None:
    refusal = _refusal(hostile.deflate_bomb(8 * _MB))
    assert refusal.reason == "too_large" and "zip bomb" in refusal.detail


def test_a_workbook_over_the_unpacked_limit_is_refused() -> None:
    limits = Limits(max_unpacked_bytes=4 * _MB, max_ratio=10**6)
    refusal = _refusal(hostile.deflate_bomb(6 * _MB), limits)
    assert refusal.reason == "too_large" and "4 MB" in refusal.detail


def test_a_part_that_inflates_past_its_declared_size_is_damaged() -> None:
    # declares 1 kB, inflates to 3 MB: zipfile stops at the declared size, the CRC tells
    refusal = _refusal(hostile.lying_sizes(3 * _MB, 1024))
    assert refusal.reason == "damaged" and "CRC" in refusal.detail


def test_a_sheet_spanning_a_dense_grid_of_billions_of_cells_is_refused() -> None:
    refusal = _refusal(hostile.sparse_sheet())
    assert refusal.reason == "too_large" and "1048576 rows" in refusal.detail


def test_an_external_entity_in_a_workbook_never_reads_the_local_file() -> None:
    secret = _local_secret()
    refusal = _refusal(hostile.xlsx_with_entity())
    assert refusal.reason == "unsafe_xml"
    assert secret not in refusal.detail


def test_an_external_entity_in_utf16_xml_is_refused_too() -> None:
    assert _refusal(hostile.xlsx_with_entity(encoding="utf-16")).reason == "unsafe_xml"


def test_an_entity_expansion_bomb_is_refused() -> None:
    assert _refusal(hostile.xlsx_with_entity(hostile.LAUGHS, "d")).reason == "unsafe_xml"


def test_an_external_entity_in_a_word_file_never_reads_the_local_file() -> None:
    secret = _local_secret()
    data = budget_docx()
    xml = read_part(data, "word/document.xml").decode("utf-8")
    declaration_end = xml.index("?>") + 2
    xml = xml[:declaration_end] + hostile.XXE_DOCTYPE + xml[declaration_end:]
    xml = xml.replace("行政单位医疗", "行政单位医疗&x;", 1)
    refusal = _refusal(replace_part(data, "word/document.xml", xml.encode("utf-8")))
    assert refusal.reason == "unsafe_xml"
    assert secret not in refusal.detail


def test_python_docx_itself_leaves_external_entities_unresolved() -> None:
    """Second line of defence, should the DTD check ever be bypassed."""
    secret = _local_secret()
    data = budget_docx()
    xml = read_part(data, "word/document.xml").decode("utf-8")
    end = xml.index("?>") + 2
    xml = xml[:end] + hostile.XXE_DOCTYPE + xml[end:].replace("合计", "合计&x;", 1)
    document = docx.Document(io.BytesIO(replace_part(data, "word/document.xml", xml.encode())))
    text = "\n".join(cell.text for t in document.tables for r in t.rows for cell in r.cells)
    assert "合计" in text and secret not in text


def test_an_external_entity_in_a_web_page_is_text_not_a_file_read() -> None:
    secret = _local_secret()
    page = (
        f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{hostile.LOCAL_FILE}">]>'
        '<html><body><p>预算收入&x;合计</p><iframe src="file:///etc/passwd"></iframe>'
        "<table><tr><td>项目</td><td>预算数</td></tr></table></body></html>"
    )
    read = read_bytes(page.encode())
    assert "预算收入" in read.text and secret not in read.text


def test_a_huge_span_is_refused_not_allocated() -> None:
    page = '<html><body><table><tr><td colspan="999">a</td><td colspan="999">b</td></tr>'
    refusal = _refusal((page + "</table></body></html>").encode())
    assert refusal.reason == "too_large"


def test_a_truncated_workbook_is_damaged() -> None:
    data = xlsx({"附表1": [["收入合计", 1]]})
    assert _refusal(data[: len(data) // 2]).reason == "damaged"


def test_a_truncated_old_office_file_is_damaged() -> None:
    data = real_file(CURATED / "dingzhou_hrss_2017_budget.xls")
    assert _refusal(data[: len(data) // 3]).reason == "damaged"


def test_a_word_file_without_its_document_part_is_damaged() -> None:
    data = budget_docx()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info.filename))
    refusal = _refusal(out.getvalue())
    assert refusal.reason == "damaged" and "main document part" in refusal.detail


@pytest.mark.parametrize("plain", [xlsx({"附表1": [["收入合计", 1]]}), budget_docx()])
def test_a_password_protected_office_file_is_encrypted(plain: bytes) -> None:
    refusal = _refusal(hostile.encrypted_ooxml(plain))
    assert refusal.reason == "encrypted" and "remove the password" in refusal.detail


def test_a_password_protected_xls_is_encrypted() -> None:
    data = hostile.xls_with_filepass(real_file(CURATED / "dingzhou_hrss_2017_budget.xls"))
    assert _refusal(data).reason == "encrypted"
