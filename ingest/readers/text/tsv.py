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


# What a row's only filled field says when it is a title, a note, a heading or prose rather
# than a row's label: sentence punctuation, a unit line (单位：元), a section number.
_NOT_A_LABEL = re.compile(
    r"[。：:；;]|^\s*(?:第\S+部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])"
)
_SHORT_LABEL = 30


def _note_in_a_row(cells: list[str]) -> bool:
    """A comma-separated line with at most one filled field that is not a table row: a title
    or note (its first field, padded by the exporter).  A lone field further right
    ("","","六、科学技术支出","") and a short item label over blank amounts
    ("因公出国（境）费","","") are rows whose other cells are blank."""
    filled = [index for index, cell in enumerate(cells) if cell]
    if len(filled) > 1 or filled[:1] not in ([], [0]):
        return False
    if not filled:
        return True
    label = re.sub(r"^其中[:：]", "", cells[0])
    return len(label) > _SHORT_LABEL or bool(_NOT_A_LABEL.search(label))


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
            if _note_in_a_row(cells):
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
