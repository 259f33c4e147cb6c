"""The text of one table cell or paragraph, the same way for every reader."""

from __future__ import annotations

_SPACES = str.maketrans({"\xa0": " ", "\u200b": "", "\ufeff": "", "\r": "\n"})


def join_lines(text: str) -> str:
    """Rejoin a cell's lines: CJK has no spaces, so only ASCII words get one between them."""
    lines = [line.strip() for line in text.translate(_SPACES).split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    joined = lines[0]
    for line in lines[1:]:
        needs_space = (
            joined[-1:].isascii()
            and joined[-1:].isalnum()
            and line[:1].isascii()
            and line[:1].isalnum()
        )
        joined += (" " if needs_space else "") + line
    return joined


def clean_line(text: str) -> str:
    """One prose line: odd spaces made plain, ends stripped."""
    return text.translate(_SPACES).replace("\n", " ").strip()
