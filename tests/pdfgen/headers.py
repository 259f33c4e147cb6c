"""Header specs for rebuilt tables: placement into a grid and a check against the source."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .model import Cell


@dataclass(frozen=True)
class Head:
    text: str
    colspan: int = 1
    rowspan: int = 1


HeaderSpec = tuple[tuple[Head, ...], ...]


def header_width(spec: HeaderSpec) -> int:
    return sum(h.colspan for h in spec[0])


def header_grid(spec: HeaderSpec) -> list[list[Cell | None]]:
    """Place header rows: each row left to right into the positions not yet covered."""
    ncols = header_width(spec)
    rows: list[list[Cell | None]] = [[None] * ncols for _ in spec]
    covered = [[False] * ncols for _ in spec]
    for r, heads in enumerate(spec):
        c = 0
        for head in heads:
            while covered[r][c]:
                c += 1
            rows[r][c] = Cell(head.text, colspan=head.colspan, rowspan=head.rowspan)
            for rr in range(r, r + head.rowspan):
                for cc in range(c, c + head.colspan):
                    covered[rr][cc] = True
            c += head.colspan
    return rows


def _chars(texts: list[str]) -> Counter[str]:
    return Counter(ch for t in texts for ch in t if not ch.isspace())


def check_same_chars(source: list[str], spec: HeaderSpec, what: str) -> None:
    """The rebuilt header must use exactly the characters of the jumbled source header:
    we may reorder and regroup them, never add or lose one."""
    rebuilt = [h.text for row in spec for h in row]
    if _chars(source) != _chars(rebuilt):
        missing = _chars(source) - _chars(rebuilt)
        extra = _chars(rebuilt) - _chars(source)
        raise ValueError(f"{what}: header differs from source (missing {missing}, extra {extra})")
