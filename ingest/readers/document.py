"""The reader interface: every reader turns a document's bytes into a ``ReadDocument``.

A reader is a function ``(data, source_format, limits, log) -> ReadDocument`` registered for
the formats it reads in ``ingest.readers.READERS``; nothing after the reader knows the format.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ingest.model import Block


class Layout(StrEnum):
    """How a document's text was laid out: the one list (raw ``documents.layout``)."""

    CELL_PER_LINE = "cell_per_line"  # text: each cell on its own tab-indented line
    SEPARATED = "separated"  # text: a row per line, cells split by tabs or pipes
    SPACED = "spaced"  # text: cells split by spaces, blanks lost (also plain prose)
    PDF = "pdf"  # positioned glyphs: a PDF, or a web page that shows one
    PDF_OCR = "pdf_ocr"  # a PDF some of whose pages are scans, read by OCR
    HTML = "html"  # a web page's flow of paragraphs and tables
    WORKBOOK = "workbook"  # .xls/.xlsx: a sheet a table
    DOCX = "docx"  # a Word file (.docx, or .doc converted to it)


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
    layout: Layout
    encoding: str | None = None
    pages: int | None = None
    lines: int | None = None
    # pages read by OCR (scans): their figures are held to the document's sums (extract)
    ocr_pages: tuple[int, ...] = ()
