"""Space-separated text: every line may be prose or a table row, its cells split by spaces.

Each non-blank line becomes a packed row (cells = whitespace tokens) with the display columns
each token stands in (``spans``: a CJK or full-width character is two columns wide, a tab
advances to the next multiple of eight).  Which lines are prose, where wrapped cells continue,
and which column a value belongs to is decided by the recognisers, which know what table they
are in: by position where the rows are aligned with spaces (a layout text export, blank cells
kept as blanks), else by the table's arithmetic (PDF text whose blank cells were lost).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ingest.model import Block
from ingest.readers.text.cells import is_page_artifact, strip_markers

_TAB = 8


@cache  # a document has a few hundred distinct characters, each asked for thousands of times
def char_width(char: str) -> int:
    """Columns a monospaced rendering gives the character (East Asian wide/full-width: 2)."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Cf", "Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(char) for char in text)


_TOKEN = re.compile(r"\S+")  # \s is str.isspace(): the tokens str.split() gives


def _width(token: str) -> int:
    return len(token) if token.isascii() else sum(map(char_width, token))


def tokens_with_spans(line: str) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    """The line's whitespace-separated tokens and the display columns each occupies."""
    tokens: list[str] = []
    spans: list[tuple[int, int]] = []
    column = 0
    position = 0
    for match in _TOKEN.finditer(line):
        start, end = match.span()
        for char in line[position:start]:  # the spaces before the token
            column = (column // _TAB + 1) * _TAB if char == "\t" else column + char_width(char)
        token = match.group()
        width = _width(token)
        tokens.append(token)
        spans.append((column, column + width))
        column += width
        position = end
    return tuple(tokens), tuple(spans)


def read_spaced(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for number, raw in enumerate(lines, start=1):
        if is_page_artifact(raw):
            continue
        line = strip_markers(raw)
        text = line.replace("\t", " ").strip()
        if text:
            cells, spans = tokens_with_spans(line)
            blocks.append(Block(text, cells, number, number, is_row=True, packed=True, spans=spans))
    return blocks
