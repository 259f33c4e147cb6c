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


def drop_spanned_columns(rows: list[list[str]], spanned: list[set[int]]) -> list[tuple[str, ...]]:
    """Rows without the grid positions that every row spans over from the left.

    A grid column that no row starts a cell in is no column of the printed table (a ruled
    PDF of it has no line there); keeping it would shift every amount one column right of
    its header.  ``spanned[i]`` holds the positions row i covers with a cell that started
    further left.
    """
    width = max((len(row) for row in rows), default=0)
    kept = [
        column
        for column in range(width)
        if column == 0 or any(column not in covered for covered in spanned)
    ]
    return [tuple(row[column] if column < len(row) else "" for column in kept) for row in rows]
