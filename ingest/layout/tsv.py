"""A row per line with cells split by tabs (or ``|`` from web pages); markdown headings."""

from __future__ import annotations

import re

from ingest.layout.cells import is_page_artifact, strip_markers
from ingest.model import Block

_MARKDOWN = re.compile(r"^\s*#+\s*|\*\*")
_SEPARATOR = re.compile(r"\t|\s*\|\s*")


def read_separated(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for number, raw in enumerate(lines, start=1):
        if is_page_artifact(raw):
            continue
        line = _MARKDOWN.sub("", strip_markers(raw)).rstrip()
        if not line.strip():
            continue
        if "\t" in line.strip(" ") or line.count("|") >= 2:
            cells = [cell.strip() for cell in _SEPARATOR.split(line.strip("|"))]
            while cells and not cells[-1]:
                cells.pop()
            text = " ".join(c for c in cells if c)
            blocks.append(Block(text, tuple(cells), number, number, is_row=True))
        else:
            text = line.replace("\t", " ").strip()
            blocks.append(Block(text, (text,), number, number))
    return blocks
