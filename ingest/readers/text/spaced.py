"""Space-separated PDF text: every line may be prose or a table row whose blanks were lost.

Each non-blank line becomes a packed row (cells = whitespace tokens).  Which lines are
prose, where wrapped cells continue, and which column a value belongs to is decided by the
recognisers, which know what table they are in.
"""

from __future__ import annotations

from ingest.model import Block
from ingest.readers.text.cells import is_page_artifact, strip_markers


def read_spaced(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for number, raw in enumerate(lines, start=1):
        if is_page_artifact(raw):
            continue
        line = strip_markers(raw).replace("\t", " ").strip()
        if line:
            blocks.append(
                Block(line, tuple(line.split()), number, number, is_row=True, packed=True)
            )
    return blocks
