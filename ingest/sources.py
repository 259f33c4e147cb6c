"""Bytes in, decoded text (or a PDF handle) out; refuse what is not a readable document.

The encoding is detected, never assumed: byte-order marks first, then strict UTF-8, then
UTF-16 without a mark (every other byte NUL), then GB18030 (a superset of GBK/GB2312) and
Big5, accepting a candidate only when the result reads as Chinese text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from enum import StrEnum

from ingest.codes import RejectionReason
from ingest.model import Block, UnreadableDocument


class SourceFormat(StrEnum):
    TEXT = "text"
    PDF = "pdf"


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


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str


def sniff_format(data: bytes) -> SourceFormat:
    """Choose the reader by content, not by file name."""
    if not data.strip():
        raise UnreadableDocument(
            RejectionReason.EMPTY, "the file is empty (0 bytes or only whitespace)"
        )
    head = data[:1024]
    if b"%PDF-" in head:
        return SourceFormat.PDF
    return SourceFormat.TEXT


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


def _reads_as_chinese(text: str) -> bool:
    sample = text[:20000]
    visible = [ch for ch in sample if not ch.isspace()]
    if not visible:
        return False
    cjk = [ch for ch in visible if _CJK.match(ch) or ch in _COMMON]
    if not cjk:
        return False
    common = sum(1 for ch in cjk if ch in _COMMON)
    controls = len(_CONTROL.findall(sample))
    return (
        len(cjk) / len(visible) >= 0.15
        and common / len(cjk) >= 0.05
        and controls / len(visible) < 0.01
    )


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
