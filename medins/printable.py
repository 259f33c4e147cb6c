"""Text from outside (file names, paths, details that quote them) made safe for a terminal.

A file name may hold escape sequences (ESC [ 2 J clears the screen, OSC 8 writes links, a
title sequence rewrites the window's title), other control characters, bidirectional
overrides that print a name backwards, or bytes that are not UTF-8 (kept by Python as lone
surrogates).  Printed raw, any of them reaches the terminal of whoever reads the progress
lines or ``medins-ingest list``; here each is shown as its escape (``\\x1b``, ``\\u202e``).
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f"  # C0, DEL, C1 (ESC, CSI, OSC …)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks and overrides
    "\ud800-\udfff]"  # bytes of a name that is not UTF-8 (surrogateescape)
)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: object) -> str:
    """``text`` with every character that could drive a terminal shown as its escape."""
    return _UNSAFE.sub(_escaped, str(text))
