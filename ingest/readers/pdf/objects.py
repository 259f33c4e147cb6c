"""A page's characters and ruling lines read with pypdfium2, shaped as pdfplumber objects.

pdfplumber finds tables from two things: the page's edges (ruling lines) and its characters.
Getting them through pdfminer costs most of pdfplumber's time (parsing every operator of the
page in Python); pdfium gets them in C.  ``PdfiumPage`` hands pdfplumber's own
``TableFinder`` the same kind of objects, so the table algorithm is pdfplumber's, only the
parsing is pdfium's.  ``tests/test_pdf_engines.py`` checks that both give the same blocks.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

Obj = dict[str, Any]
_STRAIGHT = 0.5  # points of slant still counted as a horizontal or vertical line


@dataclass(slots=True)
class PdfiumPage:
    """What pdfplumber's TableFinder and Table.extract read from a page."""

    width: float
    height: float
    chars: list[Obj] = field(default_factory=list)
    edges: list[Obj] = field(default_factory=list)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)


def read_page(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> PdfiumPage:
    width, height = page.get_size()
    result = PdfiumPage(width, height)
    result.chars = _chars(textpage, height)
    result.edges = _edges(page, height)
    return result


def _chars(textpage: pdfium.PdfTextPage, height: float) -> list[Obj]:
    raw = textpage.raw
    left, right = ctypes.c_double(), ctypes.c_double()
    bottom, top = ctypes.c_double(), ctypes.c_double()
    box = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    chars: list[Obj] = []
    for index in range(pdfium_c.FPDFText_CountChars(raw)):
        if pdfium_c.FPDFText_IsGenerated(raw, index):
            continue
        code = pdfium_c.FPDFText_GetUnicode(raw, index)
        if code in (0, 10, 13) or code > 0x10FFFF:
            continue
        text = chr(code)
        # the loose box spans the font's ascent to descent, as pdfminer's char boxes do
        if not pdfium_c.FPDFText_GetLooseCharBox(raw, index, box):
            pdfium_c.FPDFText_GetCharBox(raw, index, left, right, bottom, top)
            box.left, box.right, box.bottom, box.top = (
                left.value,
                right.value,
                bottom.value,
                top.value,
            )
        x0, x1 = min(box.left, box.right), max(box.left, box.right)
        y0, y1 = min(box.bottom, box.top), max(box.bottom, box.top)
        # The loose box spans the font's stated ascent and descent, which some fonts state
        # wrongly ('2026' boxed 16pt lower than the '年' beside it): stand the glyph on its
        # baseline with its font size, as the pdfminer engine does (reader._on_baseline).
        # the font size is in text space: scale it by the character's matrix
        size = pdfium_c.FPDFText_GetFontSize(raw, index)
        if pdfium_c.FPDFText_GetMatrix(raw, index, matrix):
            size *= math.hypot(matrix.c, matrix.d)
        if size > 0 and pdfium_c.FPDFText_GetCharOrigin(raw, index, left, bottom):
            y0 = bottom.value - 0.2 * size
            y1 = y0 + size
        char_top = height - y1
        chars.append(
            {
                "object_type": "char",
                "text": text,
                "x0": x0,
                "x1": x1,
                "top": char_top,
                "bottom": height - y0,
                "doctop": char_top,
                "width": x1 - x0,
                "height": y1 - y0,
                "upright": True,
                "size": y1 - y0,
                "fontname": "",
                "y0": y0,
                "y1": y1,
            }
        )
    return chars


def _edges(page: pdfium.PdfPage, height: float) -> list[Obj]:
    edges: list[Obj] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=4):
        raw = obj.raw
        matrix = obj.get_matrix()
        start: tuple[float, float] | None = None
        previous: tuple[float, float] | None = None
        for index in range(pdfium_c.FPDFPath_CountSegments(raw)):
            segment = pdfium_c.FPDFPath_GetPathSegment(raw, index)
            pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
            point = matrix.on_point(x.value, y.value)
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO or previous is None:
                start = previous = point
                continue
            if kind == pdfium_c.FPDF_SEGMENT_LINETO:
                _add_edge(edges, previous, point, height)
            previous = point
            if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
                _add_edge(edges, point, start, height)
                previous = start
    return edges


def _add_edge(
    edges: list[Obj], a: tuple[float, float], b: tuple[float, float], height: float
) -> None:
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) <= _STRAIGHT and abs(ax - bx) > _STRAIGHT:
        orientation = "h"
    elif abs(ax - bx) <= _STRAIGHT and abs(ay - by) > _STRAIGHT:
        orientation = "v"
    else:
        return  # a curve or a diagonal draws no table
    x0, x1 = min(ax, bx), max(ax, bx)
    top, bottom = height - max(ay, by), height - min(ay, by)
    edges.append(
        {
            "object_type": "line",
            "orientation": orientation,
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "doctop": top,
            "width": x1 - x0,
            "height": bottom - top,
        }
    )
