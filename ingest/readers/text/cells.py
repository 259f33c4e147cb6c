"""One table cell per line, tab-indented; a blank line ends a row (Word/WPS text export)."""

from __future__ import annotations

import re

from ingest.model import Block

_BOOKMARK_PREFIX = "[bookmark:"
# Footers that text exports leave between pages: "page number", "第 3 页", "- 3 -".
_PAGE_ARTIFACT = re.compile(
    r"^\s*(page number|第\s*\d+\s*页(\s*共\s*\d+\s*页)?|[-—]\s*\d+\s*[-—])\s*$"
)


def is_page_artifact(line: str) -> bool:
    return bool(_PAGE_ARTIFACT.match(line))


def strip_markers(line: str) -> str:
    """Drop Word's ``[bookmark: _Toc…]`` anchors; they carry no content."""
    if _BOOKMARK_PREFIX not in line:  # nearly every line
        return line
    while line.lstrip().startswith(_BOOKMARK_PREFIX):
        stripped = line.lstrip()
        end = stripped.find("]")
        if end < 0:
            break
        line = stripped[end + 1 :]
    return line


def read_cell_per_line(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    cells: list[str] = []
    start = end = 0

    def flush() -> None:
        nonlocal cells
        if cells:
            blocks.append(
                Block(" ".join(c for c in cells if c), tuple(cells), start, end, is_row=True)
            )
        cells = []

    for number, raw in enumerate(lines, start=1):
        line = strip_markers(raw)
        if is_page_artifact(line):
            continue
        if not line.strip(" \u3000"):
            flush()  # a blank line ends the row; a line of only tabs is an empty cell
            continue
        if line.lstrip(" ").startswith("\t"):
            if not cells:
                start = number
            cells.append(line.strip().replace("\t", " ").strip())
            end = number
        elif cells:
            # An untabbed line inside a row continues the cell above (a multi-line cell).
            cells[-1] = f"{cells[-1]}\n{line.strip()}".strip()
            end = number
        else:
            text = line.replace("\t", " ").strip()
            blocks.append(Block(text, (text,), number, number))
    flush()
    return blocks
