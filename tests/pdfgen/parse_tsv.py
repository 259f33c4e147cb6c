"""Layout 2 (001): tab-separated rows, markdown `**title**` / `## title` headings.

The last table's value column came loose in the source and is printed after the table;
those lines stay plain text lines after the table, exactly as they are.
"""

from __future__ import annotations

import re

from .grid import build_grid
from .model import Document, Line, TableBlock, Title

_BOLD = re.compile(r"^\*\*(.+?)\*\*\s*$")
_HASH = re.compile(r"^#+\s+(.+?)\s*$")


def parse(text: str) -> Document:
    doc = Document()
    rows: list[list[str]] = []

    def close() -> None:
        if rows:
            doc.blocks.append(TableBlock(build_grid(list(rows), "tsv")))
            rows.clear()

    for raw in text.split("\n"):
        line = raw.rstrip()
        if "\t" in line:
            rows.append([c.strip() for c in line.split("\t")])
            continue
        close()
        if not line.strip():
            continue
        m = _BOLD.match(line) or _HASH.match(line)
        doc.blocks.append(Title(m.group(1)) if m else Line(line.strip()))
    close()
    return doc
