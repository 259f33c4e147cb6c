"""Recognise which of the three text layouts a source file uses and parse it."""

from __future__ import annotations

from typing import Literal

from . import parse_cells, parse_pdftext, parse_tsv
from .model import Document

Layout = Literal["cells", "tsv", "pdftext"]


def detect(text: str) -> Layout:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if any(ln.startswith("**") or ln.startswith("## ") for ln in lines):
        return "tsv"  # markdown headings only occur in the tab-separated export
    tabbed = sum(ln.startswith("\t") for ln in lines)
    return "cells" if tabbed * 10 >= len(lines) else "pdftext"


def parse(text: str) -> Document:
    layout = detect(text)
    if layout == "cells":
        return parse_cells.parse(text)
    if layout == "tsv":
        return parse_tsv.parse(text)
    return parse_pdftext.parse(text)
