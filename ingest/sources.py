"""Choose a reader by content, and decode text documents.

``sniff_format`` looks at the bytes, never at the file name: magic bytes first (PDF, zip,
OLE2), then the structure inside a container (which parts a zip holds, which streams an OLE2
file holds), then whether decoded text is a web page.  Whatever it cannot read it refuses
with a reason that says what to do with the file.

The encoding of text is detected, never assumed: byte-order marks first, then strict UTF-8,
then UTF-16 without a mark (every other byte NUL), then GB18030 (a superset of GBK/GB2312)
and Big5, accepting a candidate only when the result reads as Chinese text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from enum import StrEnum

from ingest.codes import RejectionReason
from ingest.model import Block, UnreadableDocument
from ingest.readers.containers import (
    OLE_MAGIC,
    ZIP_MAGIC,
    ole_streams,
    read_small_entry,
    zip_names,
)


class SourceFormat(StrEnum):
    TEXT = "text"
    PDF = "pdf"
    HTML = "html"
    XLSX = "xlsx"
    XLS = "xls"
    DOCX = "docx"
    DOC = "doc"


@dataclass(slots=True)
class ReadDocument:
    """A document reduced to blocks, whatever its format."""

    source_format: SourceFormat
    text: str
    blocks: list[Block]
    layout: str
    encoding: str | None = None
    pages: int | None = None
    lines: int | None = None
    # pages read by OCR (scans): their figures are held to the document's sums (extract)
    ocr_pages: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str


def unsupported(what: str, todo: str) -> UnreadableDocument:
    return UnreadableDocument(RejectionReason.UNSUPPORTED_FORMAT, f"{what}: {todo}")


def sniff_format(data: bytes) -> SourceFormat:
    """Choose the reader by content, not by file name."""
    if not data.strip():
        raise UnreadableDocument(
            RejectionReason.EMPTY, "the file is empty (0 bytes or only whitespace)"
        )
    # containers first: a zip may store a PDF uncompressed within its first kilobyte
    if data.startswith(ZIP_MAGIC):
        return _zip_format(data)
    if data.startswith(OLE_MAGIC):
        return _ole_format(data)
    if b"%PDF-" in data[:1024]:
        return SourceFormat.PDF
    _refuse_known_binary(data)
    if is_html(data):
        return SourceFormat.HTML
    _refuse_known_markup(data)
    return SourceFormat.TEXT


_SAVE_AS_XLSX = "open it in Excel or WPS and save it as .xlsx (or print it to PDF)"
_SAVE_AS_DOCX = "open it in Word or WPS and save it as .docx (or print it to PDF)"


def _zip_format(data: bytes) -> SourceFormat:
    names = set(zip_names(data))
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return SourceFormat.XLSX
    if "word/document.xml" in names:
        return SourceFormat.DOCX
    if "[Content_Types].xml" in names:
        types = read_small_entry(data, "[Content_Types].xml")
        if b"spreadsheetml.sheet.main" in types or b"ms-excel.sheet" in types:
            return SourceFormat.XLSX
        if b"wordprocessingml.document.main" in types or b"ms-word.document" in types:
            return SourceFormat.DOCX
        if b"presentationml" in types:
            raise unsupported("a PowerPoint presentation (.pptx)", "save it as PDF")
    if "mimetype" in names:
        mimetype = read_small_entry(data, "mimetype")
        if b"opendocument.spreadsheet" in mimetype:
            raise unsupported("an OpenDocument spreadsheet (.ods)", _SAVE_AS_XLSX)
        if b"opendocument.text" in mimetype:
            raise unsupported("an OpenDocument text (.odt)", _SAVE_AS_DOCX)
    if "Index.xml" in names or any(name.lower().startswith("documents/") for name in names):
        raise unsupported("an OFD document (China's fixed-layout format)", "print it to PDF")
    raise unsupported(
        "a zip archive that is neither a workbook nor a Word file",
        "unpack it and put the documents it holds in the sources folder",
    )


def _ole_format(data: bytes) -> SourceFormat:
    streams = ole_streams(data)
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        raise UnreadableDocument(
            RejectionReason.ENCRYPTED,
            "a password-protected Office file (.xlsx/.docx encrypted inside an OLE2 "
            "container): remove the password (File > Info > Protect) and save it again",
        )
    if "Workbook" in streams or "Book" in streams:
        return SourceFormat.XLS
    if "WordDocument" in streams:
        return SourceFormat.DOC
    if "PowerPoint Document" in streams:
        raise unsupported("a PowerPoint 97 presentation (.ppt)", "save it as PDF")
    shown = ", ".join(sorted(repr(name) for name in streams)[:6])
    raise unsupported(
        f"an old-Office (OLE2) file that is neither a workbook nor a Word file ({shown})",
        "open it in the program that made it and save it as .xlsx, .docx or PDF",
    )


_BINARY_KINDS: tuple[tuple[bytes, str, str], ...] = (
    (b"{\\rtf", "an RTF document", _SAVE_AS_DOCX),
    (b"\x89PNG", "a PNG image (a scan?)", "it needs OCR; publish the budget as text or PDF"),
    (b"\xff\xd8\xff", "a JPEG image (a scan?)", "it needs OCR; publish the budget as text or PDF"),
    (b"GIF8", "a GIF image", "it needs OCR; publish the budget as text or PDF"),
    (b"II*\x00", "a TIFF image (a scan?)", "it needs OCR; publish the budget as text or PDF"),
    (b"MM\x00*", "a TIFF image (a scan?)", "it needs OCR; publish the budget as text or PDF"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it and ingest the documents inside"),
    (b"Rar!\x1a\x07", "a RAR archive", "unpack it and ingest the documents inside"),
    (b"\x1f\x8b", "a gzip archive", "unpack it and ingest the documents inside"),
    (b"AT&TFORM", "a DjVu document (a scan?)", "it needs OCR; convert it to PDF"),
)


def _refuse_known_binary(data: bytes) -> None:
    for magic, what, todo in _BINARY_KINDS:
        if data.startswith(magic):
            raise unsupported(what, todo)


_HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body|meta|title|table|div)\b",
    re.IGNORECASE | re.DOTALL,
)


def _ascii_head(data: bytes) -> bytes:
    """The first bytes as ASCII, whatever the encoding (UTF-16 loses its NULs)."""
    head = data[:4096]
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    if head[:200].count(0) > 40:
        head = head.replace(b"\x00", b"")
    return head


_HTML_TAG = re.compile(rb"<(?:!doctype\s+html|html)\b", re.IGNORECASE)


def is_html(data: bytes) -> bool:
    """A web page (also one saved under an .xls or .doc name by a budgeting system)."""
    head = _ascii_head(data)
    return bool(_HTML_START.match(head) or _HTML_TAG.search(head[:1024]))


def _refuse_known_markup(data: bytes) -> None:
    head = _ascii_head(data)[:2048].lower()
    if head.startswith(b"mime-version:") or b"multipart/related" in head:
        raise unsupported("a single-file web archive (.mht)", "save it as .xlsx, .docx or PDF")
    if head.lstrip().startswith(b"<?xml"):
        if b"excel.sheet" in head or b"office:spreadsheet" in head:
            raise unsupported("an Excel 2003 XML spreadsheet", _SAVE_AS_XLSX)
        if b"word.document" in head or b"office:word" in head:
            raise unsupported("a Word 2003 XML document", _SAVE_AS_DOCX)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


# The most frequent characters and punctuation of budget prose: a wrong decoding yields CJK
# code points too, but almost never these.
_COMMON = frozenset("的年元，。、：；（）局县市一是在不了有和人中为上支出预算收入万经费项目")


_COMMON_RE = re.compile(f"[{re.escape(''.join(sorted(_COMMON)))}]")
_CJK_OR_COMMON = re.compile(f"[\u3400-\u9fff{re.escape(''.join(sorted(_COMMON)))}]")
_SPACE = re.compile(r"\s")


def _reads_as_chinese(text: str) -> bool:
    sample = text[:20000]  # counted by regular expressions: a character loop costs 7 ms a file
    visible = len(sample) - len(_SPACE.findall(sample))
    if not visible:
        return False
    cjk = len(_CJK_OR_COMMON.findall(sample))
    if not cjk:
        return False
    common = len(_COMMON_RE.findall(sample))
    controls = len(_CONTROL.findall(sample))
    return cjk / visible >= 0.15 and common / cjk >= 0.05 and controls / visible < 0.01


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    # ASCII-heavy UTF-16 has NUL in every other byte; CJK-heavy text does not, so also
    # try both byte orders and let the Chinese-text check decide.
    orders = ["utf-16-le", "utf-16-be"]
    if even_nul > odd_nul:
        orders.reverse()
    for encoding in orders:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _reads_as_chinese(text):
            return text
    return None


def decode_text(data: bytes) -> DecodedText:
    """Decode a text document, or raise UnreadableDocument with the reason."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding), encoding.replace("-sig", "") + " (BOM)")
            except UnicodeDecodeError as exc:
                raise UnreadableDocument(
                    RejectionReason.BAD_ENCODING,
                    f"the file starts with a {encoding} byte-order mark "
                    f"but is not valid {encoding}: {exc.reason} at byte {exc.start}",
                ) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    else:
        if _reads_as_chinese(text):
            return DecodedText(text, "utf-8")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return DecodedText(utf16, "utf-16")
    for encoding in ("gb18030", "big5"):
        try:
            candidate = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _reads_as_chinese(candidate):
            return DecodedText(candidate, encoding)
    if (
        data.count(0) > len(data) // 100
        or len(_CONTROL.findall(data[:4000].decode("latin-1"))) > 40
    ):
        raise UnreadableDocument(
            RejectionReason.BINARY, "the file is binary data, neither a PDF nor a text document"
        )
    if text:
        raise UnreadableDocument(
            RejectionReason.NOT_CHINESE_TEXT,
            "the file is UTF-8 text but contains (almost) no Chinese: not a budget disclosure",
        )
    raise UnreadableDocument(
        RejectionReason.UNKNOWN_ENCODING,
        "could not determine the text encoding: tried UTF-8, UTF-16, GB18030 (GBK) and Big5, "
        "none gives Chinese text",
    )
