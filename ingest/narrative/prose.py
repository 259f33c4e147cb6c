"""Prose as paragraphs, sentences and clauses, with the line each character came from.

PDF text wraps a paragraph over many lines; cell-per-line exports put a paragraph on one.
A ``Paragraph`` joins wrapped lines back (a line continues while it does not end a
sentence), remembers where each piece started for provenance, and answers the questions
every extractor asks: which clause and sentence hold this position, and which year does the
text state for it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from ingest.amounts import normalise_text
from ingest.model import Block
from ingest.recognise.segment import HEADING

_SENTENCE_END = re.compile(r"[。！？!?；;:：]\s*$")
_NUMBERED_START = re.compile(
    r"^\s*(\d+[、.．](?!\d)|[(（]?[一二三四五六七八九十]+[)）、]|第.+部分)"
)
YEAR = re.compile(r"(?<!\d)(20\d{2}|19\d{2})\s*年")
_COMPARED_YEAR_BEFORE = re.compile(r"(较|比|与|于)\s*$")
CLAUSE_SPLIT = re.compile(r"[，,；;。！？!?：:]")
SENTENCE_SPLIT = re.compile(r"[。！？!?]")


@dataclass(slots=True)
class Paragraph:
    text: str
    starts: list[int]
    blocks: list[Block]
    heading: str | None = None  # the nearest heading above, for context

    def block_at(self, position: int) -> Block:
        index = bisect.bisect_right(self.starts, position) - 1
        return self.blocks[max(index, 0)]

    def clause(self, position: int) -> tuple[int, int]:
        return _span(self.text, position, CLAUSE_SPLIT)

    def sentence(self, position: int) -> tuple[int, int]:
        return _span(self.text, position, SENTENCE_SPLIT)

    def sentence_text(self, position: int) -> str:
        start, end = self.sentence(position)
        return self.text[start:end].strip()

    def year_for(self, position: int, document_year: int) -> tuple[int, str]:
        """The year a figure at ``position`` is about, and how it was found.

        'stated': a year in the same clause before the figure; 'context': the nearest year in
        the same sentence, then the paragraph; 'document': the budget year.
        """
        start, _ = self.clause(position)
        before = [
            m
            for m in YEAR.finditer(self.text, start, position)
            if _is_subject_year(self.text, m.start())
        ]
        if before:
            return int(before[-1].group(1)), "stated"
        for low, high in (self.sentence(position), (0, len(self.text))):
            years = [
                m
                for m in YEAR.finditer(self.text, low, high)
                if _is_subject_year(self.text, m.start())
            ]
            if years:
                nearest = min(years, key=lambda m: abs(m.start() - position))
                return int(nearest.group(1)), "context"
        return document_year, "document"

    def main_year(self, document_year: int) -> int:
        for match in YEAR.finditer(self.text):
            if _is_subject_year(self.text, match.start()):
                return int(match.group(1))
        return document_year


def _is_subject_year(text: str, start: int) -> bool:
    """'较2020年' or '与2024年相比' names the year compared against, not the subject."""
    return not _COMPARED_YEAR_BEFORE.search(text[max(0, start - 3) : start])


def _span(text: str, position: int, splitter: re.Pattern[str]) -> tuple[int, int]:
    start = 0
    for match in splitter.finditer(text, 0, position):
        start = match.end()
    following = splitter.search(text, position)
    return start, following.start() if following else len(text)


# A wrapped line fills the measure to within two wide characters (a first line indented by
# two, justified lines a punctuation mark short); a paragraph's last line stops short.
_FULL_LINE_SLACK = 4
_SHORTEST_MEASURE = 40  # a page of short lines (a heading, a note) has no measure to fill


@cache  # a few hundred distinct characters, each measured thousands of times
def _columns(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def display_width(text: str) -> int:
    """Columns a line takes: a Chinese character (or full-width mark) two, others one."""
    return sum(map(_columns, text))


def _full_width_by_page(blocks: list[Block]) -> dict[int | None, int]:
    """The widest prose line of each page (of the document, for text): the measure."""
    widest: dict[int | None, int] = {}
    for block in blocks:
        width = display_width(normalise_text(block.text).strip())
        widest[block.page] = max(widest.get(block.page, 0), width)
    return widest


_WIDE = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"  # CJK, its punctuation, full-width forms
_LETTER_SPACE = re.compile(rf"(?<={_WIDE}) (?={_WIDE})")
_LETTER_SPACED_RUN = re.compile(rf"{_WIDE}(?: {_WIDE}){{2,}}")  # 政 府 性: three or more


def without_letter_spacing(text: str) -> str:
    """'政 府 性 基 金 收 入 27600.00 万 元' as '政府性基金收入 27600.00 万元': a line with a
    run of three or more Chinese characters one space apart (a printer's letter-spacing, or
    a justified line exported as spaces) is read without the spaces between its Chinese
    characters.  Chinese puts no space between words, so none of them is a word boundary;
    a line without such a run keeps its spaces (they may stand for a figure moved out)."""
    if _LETTER_SPACED_RUN.search(text) is None:
        return text
    return _LETTER_SPACE.sub("", text)


def paragraphs(blocks: list[Block], reflow: bool) -> list[Paragraph]:
    """Join wrapped lines (``reflow``) or keep one paragraph per prose line.

    A wrapped line continues its paragraph when it ends mid-sentence, and also when it ends
    a sentence but fills the line: the printer broke the line there, not the author the
    paragraph ('…退休7948人。' | '2022年基金充沛…', the year of the count in the sentence
    after it).  A numbered start (1、 (一) 第一部分) always begins a paragraph."""
    out: list[Paragraph] = []
    heading: str | None = None
    current: Paragraph | None = None
    measure = _full_width_by_page(blocks) if reflow else {}
    previous_full = False
    for block in blocks:
        text = without_letter_spacing(normalise_text(block.text)).strip()
        if not text:
            continue
        starts_new = (
            current is None
            or not reflow
            or (_SENTENCE_END.search(current.text) is not None and not previous_full)
            or _NUMBERED_START.match(text) is not None
        )
        width = display_width(text)
        previous_full = (
            reflow
            and width >= _SHORTEST_MEASURE
            and width >= measure.get(block.page, 0) - _FULL_LINE_SLACK
        )
        if starts_new:
            if HEADING.match(text) or (len(text) <= 20 and not re.search(r"\d", text)):
                heading = text
            current = Paragraph(text, [0], [block], heading)
            out.append(current)
        else:
            assert current is not None
            current.starts.append(len(current.text))
            current.blocks.append(block)
            current.text += text
    return out
