"""Line breaking for CJK text that never splits a number or a Latin word.

reportlab's own CJK wrapping may break between any two characters, which would put
"7658.\\n2425" into a cell; a parser must be able to read numbers back whole, so we
wrap ourselves and only break between CJK characters or at spaces.
"""

from __future__ import annotations

from .fonts import text_width

# Characters that glue to their neighbours so a number keeps its sign/unit prefix
# ("≥84.4", "＝100%") and punctuation never starts or ends a line on its own.
_WORD_EXTRA = set("≥≤＝％～")
_CLOSING = set("，。、；：？！）》」』】〕”’…")
_OPENING = set("（《「『【〔“‘")


def _is_word_char(ch: str) -> bool:
    return (ch.isascii() and not ch.isspace()) or ch in _WORD_EXTRA


def tokenize(text: str) -> list[str]:
    """Split into unbreakable pieces; a space is its own (breakable, droppable) token."""
    tokens: list[str] = []
    for ch in text:
        if ch.isspace():
            tokens.append(ch)
        elif _is_word_char(ch) and tokens and tokens[-1] and _is_word_char(tokens[-1][-1]):
            tokens[-1] += ch
        else:
            tokens.append(ch)
    glued: list[str] = []
    for tok in tokens:
        if (
            glued
            and not glued[-1].isspace()
            and not tok.isspace()
            and (tok[0] in _CLOSING or glued[-1][-1] in _OPENING)
        ):
            glued[-1] += tok
        else:
            glued.append(tok)
    return glued


def _split_long(token: str, width: float, size: float) -> list[str]:
    """Last resort for a token wider than the line: cut it by characters."""
    parts: list[str] = []
    cur = ""
    for ch in token:
        if cur and text_width(cur + ch, size) > width:
            parts.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        parts.append(cur)
    return parts


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy wrap of `text` (which may hold explicit newlines) into lines <= width."""
    lines: list[str] = []
    for para in text.split("\n"):
        cur = ""
        for tok in tokenize(para):
            if tok.isspace() and not cur:
                continue  # a space that lands at a line start is the line break itself
            if text_width(cur + tok, size) <= width:
                cur += tok
                continue
            if tok.isspace():
                lines.append(cur.rstrip())
                cur = ""
                continue
            if cur:
                lines.append(cur.rstrip())
            if text_width(tok, size) > width:
                *full, cur = _split_long(tok, width, size)
                lines.extend(full)
            else:
                cur = tok
        lines.append(cur.rstrip())
    return lines


def min_token_width(text: str, size: float) -> float:
    """Width of the widest unbreakable piece: a column narrower than this splits numbers."""
    return max((text_width(t, size) for t in tokenize(text) if not t.isspace()), default=0.0)


def visual_width(text: str) -> int:
    """Display width in half-width units (CJK counts 2), used to share out column spans."""
    return sum(1 if ch.isascii() else 2 for ch in text)
