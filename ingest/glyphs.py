"""Documents printed in traditional glyphs, read as the simplified ones they mirror.

Mirror sites serve mainland budget pages in traditional glyphs (雲和縣醫療保障局, 人員經費).
Every pattern of the recognisers is written in simplified glyphs, so such a document is
converted once, whole, before anything is recognised; the small table in ``amounts`` only
covers the glyphs of table titles and money words.  OpenCC (C++) tells them apart on a
sample of each document (well under a millisecond).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import lru_cache

from ingest.sources import ReadDocument


@lru_cache(maxsize=1)
def to_simplified() -> Callable[[str], str]:
    from opencc import OpenCC

    converter = OpenCC("t2s")
    convert: Callable[[str], str] = converter.convert
    return convert


def in_traditional_glyphs(text: str, sample: int = 4000, enough: int = 3) -> bool:
    """A few characters of a sample change when converted to simplified ones."""
    head = text[:sample]
    changed = sum(1 for a, b in zip(head, to_simplified()(head), strict=False) if a != b)
    return changed >= enough


def simplified(read: ReadDocument) -> ReadDocument:
    """The document in simplified glyphs (itself when it already is); pages and lines stay,
    so every figure still points at the row it was printed on."""
    if not in_traditional_glyphs(read.text):
        return read
    convert = to_simplified()
    blocks = [
        dataclasses.replace(block, text=convert(block.text), cells=tuple(map(convert, block.cells)))
        for block in read.blocks
    ]
    return dataclasses.replace(read, text=convert(read.text), blocks=blocks)
