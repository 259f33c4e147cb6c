"""The read stage: bytes in, a ``ReadDocument`` of blocks out, whatever the format.

``sniff.sniff_format`` tells the format by content (never by file name); ``READERS`` maps each
format to its reader; every reader returns the same ``document.ReadDocument`` (prose lines and
table rows with their cells, each with its page or line), so nothing after this stage knows
the format.  One folder a format: ``text/`` (plain text in its layouts), ``pdf/``, ``html``
and ``positioned`` (web pages), ``workbook`` (.xls/.xlsx), ``word`` (.docx), ``doc`` (.doc
through LibreOffice); ``containers`` keeps zip and OLE2 files safe to open.

Adding a format: a ``SourceFormat`` member, its rule in ``sniff``, its reader module, and one
entry of ``READERS``.  Readers are imported when first needed: a run of text documents never
loads pdfminer, calamine or LibreOffice.
"""

from __future__ import annotations

from collections.abc import Callable

from ingest.limits import Limits
from ingest.model import IssueLog
from ingest.readers.document import ReadDocument, SourceFormat
from ingest.readers.sniff import sniff_format

__all__ = ["READERS", "ReadDocument", "Reader", "SourceFormat", "read_bytes", "sniff_format"]

Reader = Callable[[bytes, SourceFormat, Limits, IssueLog], ReadDocument]


def _pdf(data: bytes, source_format: SourceFormat, limits: Limits, log: IssueLog) -> ReadDocument:
    from ingest.readers.pdf import read_pdf

    return read_pdf(data, limits, log=log)


def _workbook(
    data: bytes, source_format: SourceFormat, limits: Limits, log: IssueLog
) -> ReadDocument:
    from ingest.readers.workbook import read_workbook

    return read_workbook(data, source_format, limits)


def _docx(data: bytes, source_format: SourceFormat, limits: Limits, log: IssueLog) -> ReadDocument:
    from ingest.readers.word import read_docx

    return read_docx(data, limits)


def _doc(data: bytes, source_format: SourceFormat, limits: Limits, log: IssueLog) -> ReadDocument:
    from ingest.readers.doc import read_doc

    return read_doc(data, limits)


def _html(data: bytes, source_format: SourceFormat, limits: Limits, log: IssueLog) -> ReadDocument:
    from ingest.readers.html import read_html

    return read_html(data, limits)


def _text(data: bytes, source_format: SourceFormat, limits: Limits, log: IssueLog) -> ReadDocument:
    from ingest.readers.text.reader import read_text

    return read_text(data)


READERS: dict[SourceFormat, Reader] = {
    SourceFormat.PDF: _pdf,
    SourceFormat.XLSX: _workbook,
    SourceFormat.XLS: _workbook,
    SourceFormat.DOCX: _docx,
    SourceFormat.DOC: _doc,
    SourceFormat.HTML: _html,
    SourceFormat.TEXT: _text,
}


def read_bytes(
    data: bytes, limits: Limits | None = None, log: IssueLog | None = None
) -> ReadDocument:
    """Bytes to blocks by the reader the content calls for; PDF pages that fail to parse
    become issues in ``log``."""
    source_format = sniff_format(data)
    return READERS[source_format](data, source_format, limits or Limits(), log or IssueLog())
