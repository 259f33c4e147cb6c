"""The reader interface: every reader turns a document's bytes into a ``ReadDocument``.

A reader is a function ``(data, source_format, limits, log) -> ReadDocument`` registered for
the formats it reads in ``ingest.readers.READERS``; nothing after the reader knows the format.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ingest.model import Block


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
