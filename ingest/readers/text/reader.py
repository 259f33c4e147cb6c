"""Plain text documents: decoded, then split into blocks by their layout (``text``)."""

from __future__ import annotations

from ingest.readers.document import ReadDocument, SourceFormat
from ingest.readers.sniff import decode_text
from ingest.readers.text import read_layout


def read_text(data: bytes) -> ReadDocument:
    decoded = decode_text(data)
    layout, blocks = read_layout(decoded.text)
    return ReadDocument(
        SourceFormat.TEXT,
        decoded.text,
        blocks,
        layout,
        encoding=decoded.encoding,
        lines=decoded.text.count("\n") + 1,
    )
