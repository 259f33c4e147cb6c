"""Tell the text layouts apart by counting how lines use tabs and pipes."""

from __future__ import annotations

import re

from ingest.readers.document import Layout

_INNER_SEPARATOR = re.compile(r'\S\s*(\t|\|)\s*\S|^\s*"[^"]*"\s*,\s*"')


def _may_separate(line: str) -> bool:
    """A line _INNER_SEPARATOR can match holds a tab, a pipe or a quote: most lines hold none,
    and looking for them costs less than the pattern's try at every character."""
    return "\t" in line or "|" in line or '"' in line


def detect_layout(lines: list[str]) -> Layout:
    content = [line for line in lines if line.strip()]
    if not content:
        return Layout.SPACED
    tab_led = sum(1 for line in content if line.lstrip(" ").startswith("\t"))
    separated = sum(1 for line in content if _may_separate(line) and _INNER_SEPARATOR.search(line))
    if tab_led >= 0.2 * len(content) and tab_led >= separated:
        return Layout.CELL_PER_LINE
    if separated >= 0.1 * len(content):
        return Layout.SEPARATED
    return Layout.SPACED
