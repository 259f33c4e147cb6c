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


# How deep into Form XObjects each question looks (pypdfium2's get_objects max_depth: an
# object at nesting level L is seen when L < depth).  Triage looks two levels deep; what is
# read from a page it sends on (text objects, ruling lines) four.
TRIAGE_DEPTH = 2
READ_DEPTH = 4


@dataclass(slots=True)
class PageInventory:
    """One walk over a page's objects, Form XObjects entered up to READ_DEPTH: each object
    with its nesting level, in pypdfium2's get_objects order (depth-first, an object before
    the objects of the form it is).  Asking the page three questions (images? ruling lines?
    text pdfium cannot decode?) and reading its lines then costs one walk in raw calls
    instead of four walks that wrap every object in a Python helper: on real PDFs those
    wrappers were a tenth of the ingest's time."""

    texts: list[tuple[int, Any]] = field(default_factory=list)
    paths: list[tuple[int, Any]] = field(default_factory=list)
    images: list[int] = field(default_factory=list)  # levels

    def has_images(self, depth: int = TRIAGE_DEPTH) -> bool:
        return any(level < depth for level in self.images)

    def path_count(self, depth: int = TRIAGE_DEPTH) -> int:
        return sum(1 for level, _ in self.paths if level < depth)


def inventory(page: pdfium.PdfPage, depth: int = READ_DEPTH) -> PageInventory:
    result = PageInventory()
    _walk(page.raw, None, 0, depth, result)
    return result


def _walk(page: Any, form: Any, level: int, depth: int, result: PageInventory) -> None:
    if form is None:
        count = pdfium_c.FPDFPage_CountObjects(page)
        get, parent = pdfium_c.FPDFPage_GetObject, page
    else:
        count = pdfium_c.FPDFFormObj_CountObjects(form)
        get, parent = pdfium_c.FPDFFormObj_GetObject, form
    get_type = pdfium_c.FPDFPageObj_GetType
    text, path = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH
    image, form_kind = pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM
    for index in range(max(count, 0)):
        raw = get(parent, index)
        if not raw:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        kind = get_type(raw)
        if kind == text:
            result.texts.append((level, raw))
        elif kind == path:
            result.paths.append((level, raw))
        elif kind == image:
            result.images.append(level)
        elif kind == form_kind and level < depth - 1:
            _walk(page, raw, level + 1, depth, result)


class TextObjects:
    """The text of a page's text objects and the embedding of their fonts, in raw calls, one
    buffer reused for the text."""

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self._textpage = textpage.raw
        self._buffer = ctypes.create_string_buffer(4096)

    def text(self, obj: Any) -> str:
        # the size is in bytes of UTF-16LE, the terminating NUL included
        buffer = self._buffer
        pointer = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
        size = pdfium_c.FPDFTextObj_GetText(obj, self._textpage, pointer, len(buffer))
        if size <= 2:
            return ""  # an empty text object draws nothing
        if size > len(buffer):
            self._buffer = buffer = ctypes.create_string_buffer(size * 2)
            pointer = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
            pdfium_c.FPDFTextObj_GetText(obj, self._textpage, pointer, len(buffer))
        return buffer.raw[: size - 2].decode("utf-16-le", errors="replace")

    def font_is_embedded(self, obj: Any) -> bool:
        return bool(pdfium_c.FPDFFont_GetIsEmbedded(pdfium_c.FPDFTextObj_GetFont(obj)) == 1)


# An affine map (a, b, c, d, e, f) of PDF space: (x, y) -> (a*x + c*y + e, b*x + d*y + f)
Affine = tuple[float, float, float, float, float, float]
UPRIGHT: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def view_frame(page: pdfium.PdfPage) -> Affine:
    """pdfium's characters and paths are in the page's own space; a page turned by /Rotate is
    read by pdfminer in the frame it is viewed in (PDFPageInterpreter.process_page's ctm), so
    a landscape table printed on a turned page reads row by row.  The same map here: an
    unturned page is left as it always was read (pdfium's space, the proven fast path).  Each
    turn is proven on a built page, a quarter turn also on 56 pages of Yantai's budgets
    (tests/test_pdf_engines.py)."""
    rotation = page.get_rotation()
    if rotation == 0:
        return UPRIGHT
    x0, y0, x1, y1 = page.get_mediabox()
    if rotation == 90:
        return (0.0, -1.0, 1.0, 0.0, -y0, x1)
    if rotation == 180:
        return (-1.0, 0.0, 0.0, -1.0, x1, y1)
    return (0.0, 1.0, -1.0, 0.0, y1, -x0)  # 270


def bounds(obj: Any) -> tuple[float, float, float, float] | None:
    """A page object's box in page space (left, bottom, right, top); None if pdfium has none."""
    left, bottom = ctypes.c_float(), ctypes.c_float()
    right, top = ctypes.c_float(), ctypes.c_float()
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return None
    return left.value, bottom.value, right.value, top.value


def read_page(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, objects: PageInventory | None = None
) -> PdfiumPage:
    width, height = page.get_size()  # as viewed: a turned page's sides are swapped
    frame = view_frame(page)
    result = PdfiumPage(width, height)
    result.chars = _chars(textpage, height, frame)
    result.edges = _edges(objects if objects is not None else inventory(page), height, frame)
    return result


def _chars(textpage: pdfium.PdfTextPage, height: float, frame: Affine = UPRIGHT) -> list[Obj]:
    raw = textpage.raw
    left, right = ctypes.c_double(), ctypes.c_double()
    bottom, top = ctypes.c_double(), ctypes.c_double()
    box = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    # pdfium's functions bound once: this loop runs for every glyph of every ruled page
    is_generated, get_unicode = pdfium_c.FPDFText_IsGenerated, pdfium_c.FPDFText_GetUnicode
    loose_box, char_box = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetCharBox
    font_size, get_matrix = pdfium_c.FPDFText_GetFontSize, pdfium_c.FPDFText_GetMatrix
    char_origin, hypot = pdfium_c.FPDFText_GetCharOrigin, math.hypot
    turned = frame != UPRIGHT
    fa, fb, fc, fd, fe, ff = frame
    chars: list[Obj] = []
    for index in range(pdfium_c.FPDFText_CountChars(raw)):
        if is_generated(raw, index):
            continue
        code = get_unicode(raw, index)
        if code in (0, 10, 13) or code > 0x10FFFF:
            continue
        # the loose box spans the font's ascent to descent, as pdfminer's char boxes do
        if loose_box(raw, index, box):
            box_left, box_right, box_bottom, box_top = box.left, box.right, box.bottom, box.top
        else:
            char_box(raw, index, left, right, bottom, top)
            # stored through the float box, as the loose box's values are
            box.left, box.right, box.bottom, box.top = (
                left.value,
                right.value,
                bottom.value,
                top.value,
            )
            box_left, box_right, box_bottom, box_top = box.left, box.right, box.bottom, box.top
        if turned:
            (box_left, box_bottom), (box_right, box_top) = (
                (fa * box_left + fc * box_bottom + fe, fb * box_left + fd * box_bottom + ff),
                (fa * box_right + fc * box_top + fe, fb * box_right + fd * box_top + ff),
            )
        x0, x1 = min(box_left, box_right), max(box_left, box_right)
        y0, y1 = min(box_bottom, box_top), max(box_bottom, box_top)
        # The loose box spans the font's stated ascent and descent, which some fonts state
        # wrongly ('2026' boxed 16pt lower than the '年' beside it): stand the glyph on its
        # baseline with its font size, as the pdfminer engine does (reader._on_baseline).
        # the font size is in text space: scale it by the character's matrix
        size = font_size(raw, index)
        if get_matrix(raw, index, matrix):
            size *= hypot(matrix.c, matrix.d)
        if size > 0 and char_origin(raw, index, left, bottom):
            baseline = bottom.value
            if turned:
                baseline = fb * left.value + fd * bottom.value + ff
            y0 = baseline - 0.2 * size
            y1 = y0 + size
        char_top = height - y1
        chars.append(
            {
                "object_type": "char",
                "text": chr(code),
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


def _edges(objects: PageInventory, height: float, frame: Affine = UPRIGHT) -> list[Obj]:
    edges: list[Obj] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    m = pdfium_c.FS_MATRIX()
    moveto, lineto = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO
    get_segment, get_point = pdfium_c.FPDFPath_GetPathSegment, pdfium_c.FPDFPathSegment_GetPoint
    get_type, get_close = pdfium_c.FPDFPathSegment_GetType, pdfium_c.FPDFPathSegment_GetClose
    for level, raw in objects.paths:
        if level >= READ_DEPTH:
            continue
        if not pdfium_c.FPDFPageObj_GetMatrix(raw, m):
            raise pdfium.PdfiumError("Failed to get matrix of pageobject.")
        # the object's matrix, applied as pypdfium2's PdfMatrix.on_point does (same floats)
        a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
        if frame != UPRIGHT:  # then the view's frame, composed into one map
            fa, fb, fc, fd, fe, ff = frame
            a, b, c, d, e, f = (
                fa * a + fc * b,
                fb * a + fd * b,
                fa * c + fc * d,
                fb * c + fd * d,
                fa * e + fc * f + fe,
                fb * e + fd * f + ff,
            )
        start: tuple[float, float] | None = None
        previous: tuple[float, float] | None = None
        for index in range(pdfium_c.FPDFPath_CountSegments(raw)):
            segment = get_segment(raw, index)
            get_point(segment, x, y)
            px, py = x.value, y.value
            point = (a * px + c * py + e, b * px + d * py + f)
            kind = get_type(segment)
            if kind == moveto or previous is None:
                start = previous = point
                continue
            if kind == lineto:
                _add_edge(edges, previous, point, height)
            previous = point
            if get_close(segment) and start is not None:
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
    edges.append(
        ruling_edge(
            orientation,
            min(ax, bx),
            max(ax, bx),
            height - max(ay, by),
            height - min(ay, by),
        )
    )


def ruling_edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> Obj:
    """A ruling line as pdfplumber's table finder takes it (one of its page's ``edges``): the
    one shape of a line drawn in a digital page and of one found in a scanned page's ink."""
    return {
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
