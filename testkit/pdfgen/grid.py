"""What the renderer needs to know of a cell's text."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?%?$")
STD_ROW_HEIGHT = 20.0  # budget forms use tall rows; also makes 34-row tables break pages


def is_number(text: str) -> bool:
    """Numbers are drawn right-aligned, as published forms print them."""
    return bool(_NUMBER.match(text.strip()))
