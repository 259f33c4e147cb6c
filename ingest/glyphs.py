"""Documents printed in traditional glyphs, read as the simplified ones they mirror.

Mirror sites serve mainland budget pages in traditional glyphs (雲和縣醫療保障局, 人員經費).
Every pattern of the recognisers is written in simplified glyphs, so such a document is
converted once, whole, before anything is recognised; the small table in ``amounts`` only
covers the glyphs of table titles and money words.  OpenCC (C++) tells them apart on a
sample of each document (well under a millisecond).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from functools import lru_cache

from ingest.readers.document import ReadDocument


@lru_cache(maxsize=1)
def to_simplified() -> Callable[[str], str]:
    from opencc import OpenCC

    converter = OpenCC("t2s")
    convert: Callable[[str], str] = converter.convert
    return convert


# Characters of simplified Chinese that t2s rewrites all the same: 乾县 and 乾安县 are not
# 干县, 於 is a surname.  They neither make a document traditional nor get converted.
_ALSO_SIMPLIFIED = "乾於"
_KEPT = re.compile(f"([{_ALSO_SIMPLIFIED}])")


def in_traditional_glyphs(text: str, sample: int = 4000, enough: int = 3) -> bool:
    """At least ``enough`` distinct characters of a sample change when converted to
    simplified ones (a name repeated on every page is one character, not many)."""
    head = text[:sample]
    converted = to_simplified()(head)
    if converted == head:  # most documents: nothing to compare character by character
        return enough <= 0
    changed = {
        a for a, b in zip(head, converted, strict=False) if a != b and a not in _ALSO_SIMPLIFIED
    }
    return len(changed) >= enough


def simplify_text(text: str) -> str:
    """Traditional glyphs to simplified, but those simplified Chinese uses as they are."""
    convert = to_simplified()
    return "".join(
        part if _KEPT.fullmatch(part) else convert(part) for part in _KEPT.split(text) if part
    )


def simplified(read: ReadDocument) -> ReadDocument:
    """The document in simplified glyphs (itself when it already is); pages and lines stay,
    so every figure still points at the row it was printed on."""
    if not in_traditional_glyphs(read.text):
        return read
    blocks = [
        dataclasses.replace(
            block, text=simplify_text(block.text), cells=tuple(map(simplify_text, block.cells))
        )
        for block in read.blocks
    ]
    return dataclasses.replace(read, text=simplify_text(read.text), blocks=blocks)
