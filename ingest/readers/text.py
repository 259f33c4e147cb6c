"""Plain text documents: decoded, then split into blocks by their layout (``ingest.layout``)."""

from __future__ import annotations

from ingest.layout import read_layout
from ingest.sources import ReadDocument, SourceFormat, decode_text


def read_text(data: bytes) -> ReadDocument:
    decoded = decode_text(data)
    layout, blocks = read_layout(decoded.text)
    return ReadDocument(
        SourceFormat.TEXT,
        decoded.text,
        blocks,
        layout.value,
        encoding=decoded.encoding,
        lines=decoded.text.count("\n") + 1,
    )
