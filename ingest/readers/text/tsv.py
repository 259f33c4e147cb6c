"""A row per line with cells split by tabs (or ``|`` from web pages); markdown headings."""

from __future__ import annotations

import csv
import re

from ingest.model import Block
from ingest.readers.text.cells import is_page_artifact, strip_markers

_MARKDOWN = re.compile(r"^\s*#+\s*|\*\*")
_SEPARATOR = re.compile(r"\t|\s*\|\s*")
# A quoted comma-separated row: "项目","预算数" (two fields at least).
_CSV_ROW = re.compile(r'^\s*"[^"]*"(\s*,\s*"[^"]*")+\s*$')
# A markdown table's rule under its first row: |---|:---:|---|
_RULE = re.compile(r"^:?-{3,}:?$")


def read_separated(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for number, raw in enumerate(lines, start=1):
        if is_page_artifact(raw):
            continue
        line = _MARKDOWN.sub("", strip_markers(raw)).rstrip("\r\n ")
        if not line.strip():
            continue
        if _CSV_ROW.match(line):
            cells = next(csv.reader([line.strip()]))
            cells = [cell.strip() for cell in cells]
            text = " ".join(c for c in cells if c)
            if len([c for c in cells if c]) <= 1:  # a title or note written as one field
                blocks.append(Block(text, (text,), number, number))
                continue
            blocks.append(Block(text, tuple(cells), number, number, is_row=True))
        elif "\t" in line.strip(" ") or line.count("|") >= 2:
            inner = line.strip(" ")
            if "|" in inner and "\t" not in inner:
                inner = inner.strip().strip("|")
            cells = [cell.strip() for cell in _SEPARATOR.split(inner)]
            while cells and not cells[-1]:
                cells.pop()  # exporters end rows with stray tabs; table readers pad rows back
            if cells and all(_RULE.match(cell) for cell in cells):
                continue  # markdown's header rule, not a row of the table
            text = " ".join(c for c in cells if c)
            blocks.append(Block(text, tuple(cells), number, number, is_row=True))
        else:
            text = line.replace("\t", " ").strip()
            blocks.append(Block(text, (text,), number, number))
    return blocks
