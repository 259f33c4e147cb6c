"""The one font every fixture uses, and width measurement for it."""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

# Built-in CID font: nothing is embedded, so files stay small and bytes stay stable.
# Checked with pdfplumber: every character of the five sources reads back unchanged
# (including ≥ ≤ ＝ ① “ ”); only U+3000 comes back as an ASCII space.
FONT = "STSong-Light"

PROSE_SIZE = 10.5
PROSE_LEADING = 15.0
TABLE_SIZE = 9.0
TABLE_LEADING = 11.5
TITLE_SIZE = 13.0
META_SIZE = 9.0


@lru_cache(maxsize=1)
def register() -> str:
    """Register the CID font once per process and return its name."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


@lru_cache(maxsize=200_000)
def text_width(text: str, size: float) -> float:
    """Width in points of `text` set in FONT at `size`."""
    register()
    return float(pdfmetrics.stringWidth(text, FONT, size))
