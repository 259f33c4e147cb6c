"""The reader is chosen by content, never by name; what no reader reads is refused with what
to do about it."""

from __future__ import annotations

import io
import zipfile

import pytest

from ingest.model import UnreadableDocument
from ingest.readers import read_bytes
from ingest.readers.document import SourceFormat
from ingest.readers.sniff import sniff_format
from testkit.formatgen.ooxml import xlsx
from testkit.formatgen.pages import article
from testkit.formatgen.word import budget_docx
from tests.real_formats import CURATED, WILD, real_file


def _refusal(data: bytes) -> UnreadableDocument:
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(data)
    return caught.value


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_generated_containers_are_told_apart_by_their_parts() -> None:
    assert sniff_format(xlsx({"附表1": [["收入", 1]]})) is SourceFormat.XLSX
    assert sniff_format(budget_docx()) is SourceFormat.DOCX


def test_old_office_files_are_told_apart_by_their_streams() -> None:
    assert sniff_format(real_file(CURATED / "dingzhou_hrss_2017_budget.xls")) is SourceFormat.XLS
    doc = real_file(CURATED / "dingzhou_hrss_2017_budget_note_tables.doc")
    assert sniff_format(doc) is SourceFormat.DOC


def test_a_docx_published_under_a_doc_name_is_read_as_docx() -> None:
    data = real_file(WILD / "20170324_58d51e4387d57.doc")
    assert sniff_format(data) is SourceFormat.DOCX
    assert read_bytes(data).source_format is SourceFormat.DOCX


def test_a_web_page_saved_under_an_xls_name_is_read_as_a_web_page() -> None:
    # what budgeting systems export as "Excel": an HTML table with Office namespaces
    page = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="gbk"></head>'
        "<body><table><tr><td>部门收支总表</td></tr><tr><td>项目</td><td>预算数</td></tr>"
        "<tr><td>合计</td><td x:num>12.5</td></tr></table></body></html>"
    ).encode("gb18030")
    read = read_bytes(page)
    assert read.source_format is SourceFormat.HTML
    assert [b.cells for b in read.blocks if b.is_row][-1] == ("合计", "12.5")


def test_html_in_utf16_with_a_bom_is_a_web_page() -> None:
    data = article().decode("utf-8").replace('charset="utf-8"', 'charset="utf-16"')
    assert sniff_format(data.encode("utf-16")) is SourceFormat.HTML


@pytest.mark.parametrize(
    ("data", "what", "todo"),
    [
        (b"{\\rtf1\\ansi \\'d4\\'a4\\'cb\\'e3}", "RTF", ".docx"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG image", "OCR"),
        (b"\xff\xd8\xff\xe0" + bytes(64), "JPEG image", "OCR"),
        (b"7z\xbc\xaf\x27\x1c" + bytes(64), "7-Zip", "unpack"),
        (b"Rar!\x1a\x07\x00" + bytes(64), "RAR", "unpack"),
        (
            b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x\r\n",
            ".mht",
            ".xlsx",
        ),
        (
            b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook/>',
            "Excel 2003 XML",
            ".xlsx",
        ),
    ],
)
def test_formats_no_reader_reads_are_refused_with_what_to_do(
    data: bytes, what: str, todo: str
) -> None:
    refusal = _refusal(data)
    assert refusal.reason == "unsupported_format"
    assert what in refusal.detail and todo in refusal.detail


def test_zips_that_are_not_office_files_are_refused_with_what_to_do() -> None:
    odt = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
    assert "save it as .docx" in _refusal(odt).detail
    ods = _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})
    assert "save it as .xlsx" in _refusal(ods).detail
    other = _refusal(_zip({"预算.pdf": b"%PDF-1.4", "说明.txt": "预算".encode()}))
    assert other.reason == "unsupported_format"
    assert "unpack it" in other.detail


def test_name_does_not_matter_but_content_does() -> None:
    text = "某某县医疗保障局2024年部门预算\n一、收支预算总体情况\n".encode()
    assert sniff_format(text) is SourceFormat.TEXT
    assert sniff_format(b"%PDF-1.7\n" + bytes(10)) is SourceFormat.PDF
