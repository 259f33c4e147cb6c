"""A web page that is a PDF drawn in HTML: absolutely positioned text and ruling lines.

PDF-to-HTML converters publish each PDF page as a box of absolutely positioned text runs
(``top``/``left``/``font-size``) and bordered boxes for the table rules.  Such a page has no
``<table>`` and its text order is drawing order, so it is read as the PDF it was: its runs
become characters and its borders edges, shaped as ``ingest.readers.pdf.objects.PdfiumPage``, and
the PDF reader's own table finding (pdfplumber's TableFinder) turns them into blocks.

A run's characters are laid out from its ``left`` with conservative widths (0.45 em for
ASCII, 0.95 em for the rest): the converter gives where a run starts, not each glyph's
width, and a character must never be pushed across a rule into the next cell.
"""

from __future__ import annotations

import re
from typing import Any

from ingest.limits import Limits
from ingest.model import Block
from ingest.readers.pdf.objects import Obj, PdfiumPage
from ingest.readers.pdf.reader import _page_blocks
from ingest.readers.pdf.settings import DEFAULT_SETTINGS

_ABSOLUTE = re.compile(r"position\s*:\s*absolute", re.IGNORECASE)
_LENGTH = re.compile(
    r"(?<![-\w])(top|left|width|height|font-size)\s*:\s*(-?[\d.]+)\s*(pt|px)?", re.IGNORECASE
)
_BORDER = re.compile(r"(?<![-\w])border(-top|-bottom|-left|-right)?(?:-width)?\s*:\s*([^;]+)", re.I)
_NO_BORDER = re.compile(r"\b(none|hidden)\b|^\s*0*\.?0*\s*(px|pt|em)?\s*($|\s)", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_MIN_SHARE = 0.5  # of the page's text in positioned runs


def _lengths(style: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for name, value, unit in _LENGTH.findall(style):
        try:
            number = float(value)
        except ValueError:
            continue
        out[name.lower()] = number * 0.75 if (unit or "px").lower() == "px" else number
    return out


def _runs(root: Any) -> list[Any]:
    return [
        element
        for element in root.iter()
        if isinstance(element.tag, str)
        and _ABSOLUTE.search(element.get("style", ""))
        and (element.text or "").strip()
    ]


def positioned_blocks(root: Any, limits: Limits) -> tuple[list[Block], int] | None:
    """Blocks of a positioned page, or None when the page is ordinary flowing HTML."""
    body = root.find("body")
    scope = body if body is not None else root
    total = sum(len(_SPACE.sub("", piece)) for piece in scope.itertext())
    runs = _runs(scope)
    in_runs = sum(len(_SPACE.sub("", run.text or "")) for run in runs)
    if not total or in_runs < _MIN_SHARE * total:
        return None
    pages: dict[Any, list[Any]] = {}  # lxml elements hash by identity
    for run in runs:
        pages.setdefault(_page_of(run), []).append(run)
    limits.check_pages(len(pages))
    blocks: list[Block] = []
    ordered = sorted(pages.items(), key=lambda item: _document_index(scope, item[0]))
    for number, (page, page_runs) in enumerate(ordered, start=1):
        blocks += _page_blocks(_as_pdf_page(page, page_runs), number, DEFAULT_SETTINGS)
    return blocks, len(ordered)


def _page_of(run: Any) -> Any:
    """The nearest ancestor that sets a height: the box a PDF page was drawn in."""
    for ancestor in run.iterancestors():
        if "height" in _lengths(ancestor.get("style", "")):
            return ancestor
    return run.getroottree().getroot()


def _document_index(scope: Any, element: Any) -> int:
    for index, candidate in enumerate(scope.iter()):
        if candidate is element:
            return index
    return -1


def _as_pdf_page(page: Any, runs: list[Any]) -> PdfiumPage:
    size = _lengths(page.get("style", ""))
    width, height = size.get("width", 595.0), size.get("height", 842.0)
    result = PdfiumPage(width, height)
    for run in runs:
        result.chars += _chars(run, height)
    for element in page.iter():
        if isinstance(element.tag, str):
            result.edges += _edges(element.get("style", ""))
    return result


def _chars(run: Any, page_height: float) -> list[Obj]:
    box = _lengths(run.get("style", ""))
    size = box.get("font-size", 10.0)
    x = box.get("left", 0.0)
    top = box.get("top", 0.0)
    out: list[Obj] = []
    for char in (run.text or "").replace("\xa0", " "):
        advance = size * (0.45 if char.isascii() else 0.95)
        if not char.isspace():
            out.append(
                {
                    "object_type": "char",
                    "text": char,
                    "x0": x,
                    "x1": x + advance,
                    "top": top,
                    "bottom": top + size,
                    "doctop": top,
                    "width": advance,
                    "height": size,
                    "upright": True,
                    "size": size,
                    "fontname": "",
                    "y0": page_height - top - size,
                    "y1": page_height - top,
                }
            )
        x += advance
    return out


def _edges(style: str) -> list[Obj]:
    if "border" not in style.lower():
        return []
    box = _lengths(style)
    left, top = box.get("left", 0.0), box.get("top", 0.0)
    right, bottom = left + box.get("width", 0.0), top + box.get("height", 0.0)
    sides: set[str] = set()
    for side, value in _BORDER.findall(style):
        if _NO_BORDER.search(value.strip()):
            continue
        sides |= {side.lstrip("-")} if side else {"top", "bottom", "left", "right"}
    lines = {
        "top": (left, top, right, top),
        "bottom": (left, bottom, right, bottom),
        "left": (left, top, left, bottom),
        "right": (right, top, right, bottom),
    }
    edges: list[Obj] = []
    for side in sorted(sides):
        x0, y0, x1, y1 = lines[side]
        orientation = "h" if y0 == y1 else "v"
        if (orientation == "h" and x1 - x0 <= 0) or (orientation == "v" and y1 - y0 <= 0):
            continue
        edges.append(
            {
                "object_type": "line",
                "orientation": orientation,
                "x0": x0,
                "x1": x1,
                "top": y0,
                "bottom": y1,
                "doctop": y0,
                "width": x1 - x0,
                "height": y1 - y0,
            }
        )
    return edges
