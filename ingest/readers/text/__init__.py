"""Recover lines and table rows from a document's text, whatever layout it came in.

Four layouts are known (see ``detect``): one table cell per line (tab-indented), tab- or
pipe-separated rows, space-separated PDF text, and prose.  Each reader returns the same
thing: ``Block``s in reading order with their line numbers, so recognisers never care which
layout a document had.
"""

from __future__ import annotations

from ingest.model import Block
from ingest.readers.document import Layout
from ingest.readers.text.cells import read_cell_per_line
from ingest.readers.text.detect import detect_layout
from ingest.readers.text.spaced import read_spaced
from ingest.readers.text.tsv import read_separated

__all__ = ["Layout", "detect_layout", "read_layout"]


def read_layout(text: str) -> tuple[Layout, list[Block]]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    layout = detect_layout(lines)
    if layout is Layout.CELL_PER_LINE:
        return layout, read_cell_per_line(lines)
    if layout is Layout.SEPARATED:
        return layout, read_separated(lines)
    return layout, read_spaced(lines)
