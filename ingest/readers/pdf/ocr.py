"""Scanned pages (an image, no text layer) read by OCR into the blocks a digital page gives.

The page is rendered at its scan's own resolution, turned straight (a desk scanner leaves up
to a degree), and its ruling lines are found in the image (long thin runs of ink, by
morphology).  Those lines become the edges pdfplumber's own ``TableFinder`` reads on a
digital page, so the cells are found by the same algorithm; each cell's text lines are
recognised by PP-OCR (rapidocr on onnxruntime, the models ship inside the wheel: nothing is
downloaded) and placed as characters inside the cell, and the prose outside the tables is
detected and recognised as lines.  ``reader._blocks`` then builds the rows and prose lines
exactly as for a digital page, so the same recognition runs after it.  A page scanned turned
a quarter (a landscape table laid on its side: each cell's text runs down the page, a glyph a
line) is turned back first, the way its text reads best (``reads_turned``, ``turned_upright``).

An amount read by OCR is held to more than a printed one: a table with a figure whose
characters are uncertain (recognition score under ``OcrSettings.min_score``) is not given
to recognition at all: its rows are withheld whole (withholding only a row could leave a
header whose table then reads as empty, a reported zero) and each uncertain cell is an
``ocr_uncertain`` issue with the page and the cell's box on the page image.  The figures'
arithmetic is checked after recognition (``check_sums``).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.codes import IssueCode
from ingest.model import ParseIssue
from ingest.readers.pdf.objects import ruling_edge

Image = np.ndarray[Any, np.dtype[np.uint8]]
Box = tuple[int, int, int, int]  # x0, top, x1, bottom in pixels of the page image


@dataclass(frozen=True, slots=True)
class OcrSettings:
    # Resolution the page is rendered at: the scan's own (one image pixel, one rendered
    # pixel), kept between these (dots per inch).  Below ~150 dpi the digits of a 9-point
    # table blur into each other; above 300 the models only get slower.
    min_dpi: float = 150.0
    max_dpi: float = 300.0
    # A scanner turns a page by up to a degree; rows of a ruled table drift apart past that.
    max_skew_degrees: float = 1.0
    # Ink: a grey level below this is printed (JPEG noise on white paper stays above).
    ink_level: int = 160
    # A ruling line is a run of ink at least this long (fraction of the page's width/height).
    min_rule_fraction: float = 0.02
    # Recognition score (PP-OCR's mean character probability) below which a figure is not
    # trusted.  Measured on the table pages of the four scans of ../shared/real/scanned
    # against the text layer of their originals (README, "Scanned pages"): every figure cell
    # read right scored 0.94 or more; what PP-OCR doubts (a stray mark read as '1') scores
    # far lower.  Below 0.90 a figure is not landed; the sums check what scores well.
    min_score: float = 0.90
    # A table scanned turned a quarter has its text running down the page: each glyph is a
    # line of its own, a cell of '文旅广电局' five lines, '0.00' four.  Upright, a cell holds
    # one line, a wrapped label two or three.  Share of the cells holding text that hold two
    # lines or more: on the 93 table pages of ../shared/real/scanned and Changsha's wild scan
    # at most 0.36 upright, 0.92 on Changsha's turned table; on the reference scans of
    # 巨鹿县 and 和政县 at most 0.13 upright, 0.72–0.98 turned either way.  A page of fewer
    # cells than ``turned_min_cells`` decides nothing (its figures still pass the score).
    turned_share_of_cells: float = 0.5
    turned_min_cells: int = 8
    # Turned back, the way is chosen by recognising this many of those cells both ways.
    turned_sample_cells: int = 12


DEFAULT_OCR = OcrSettings()


@dataclass(slots=True)
class OcrLine:
    """One recognised text line, in page points (for pdfplumber) and image pixels."""

    text: str
    score: float
    box: Box  # pixels
    scale: float  # pixels per point

    def chars(self) -> list[dict[str, Any]]:
        """The line as touching characters of equal width: pdfplumber joins them into one
        word (no gap), and a cell or a prose line is rebuilt from them as from a text layer."""
        x0, top, x1, bottom = (value / self.scale for value in self.box)
        text = self.text
        width = (x1 - x0) / max(len(text), 1)
        out = []
        for index, char in enumerate(text):
            left = x0 + index * width
            out.append(
                {
                    "object_type": "char",
                    "text": char,
                    "x0": left,
                    "x1": left + width,
                    "top": top,
                    "bottom": bottom,
                    "doctop": top,
                    "width": width,
                    "height": bottom - top,
                    "upright": True,
                    "size": bottom - top,
                    "fontname": "ocr",
                    "y0": 0.0,
                    "y1": 0.0,
                }
            )
        return out


@dataclass(slots=True)
class OcrPage:
    """What OCR read on one page: ruling lines as pdfplumber edges, text lines."""

    width: float
    height: float
    scale: float
    edges: list[dict[str, Any]] = field(default_factory=list)
    chars: list[dict[str, Any]] = field(default_factory=list)
    lines: list[OcrLine] = field(default_factory=list)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)


# --- the engine: one per process, loaded on the first scanned page -----------------------

_ENGINE: Any = None
_ENGINE_LOCK = threading.Lock()


def engine() -> Any:
    """rapidocr's engine with the models of its own wheel (PP-OCR det, rec)."""
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            import logging

            from rapidocr import RapidOCR

            _ENGINE = RapidOCR(
                params={
                    "Global.log_level": "error",
                    "Global.use_cls": False,
                    # ``detect`` hands detection bands of a page, most of them one line tall.
                    # rapidocr's defaults pad a band wider than 8:1 to that ratio and then
                    # scale its short side up to 736 px: a 100 x 2,800 px line became a
                    # 736 x 5,888 px image (15 times the pixels, 0.85 s a line), and the
                    # upscaled glyphs split lines apart ('二、' / '2022年…').  Detected as it
                    # is (still fitted within 2,000 px, rapidocr's own bound), a page of
                    # prose takes 1.5-3 s instead of 14-17 s and its lines come back whole
                    # (README, "Scanned pages").
                    "Global.use_vertical_padding": False,
                    "Det.limit_type": "max",
                    "Det.limit_side_len": 100_000,
                    # Recognition pads every line to at least 320 px wide (48 px tall); most
                    # lines are a table cell's figure, a third of that.  From 160 px, the
                    # 2,470 figure cells of the real scans read the same (a few with a space
                    # between digit groups, which amounts ignore; scores within 0.1) and
                    # recognition takes 30% less time (README, "Scanned pages").
                    "Rec.rec_img_shape": [3, 48, 160],
                    # One thread a model: the ingest reads one document a core, and
                    # onnxruntime's threads on top of that only contend and spin (one thread
                    # read the same scans with the same texts for 30% less CPU).
                    "EngineConfig.onnxruntime.intra_op_num_threads": 1,
                    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
                }
            )
            logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        return _ENGINE


def load_models() -> None:
    """Load detection and recognition now (the first scanned page would otherwise)."""
    engine()._load_det_model()
    engine()._load_rec_model()


# --- the image -----------------------------------------------------------------------------


def render(page: pdfium.PdfPage, settings: OcrSettings) -> tuple[Image, float]:
    """The page in grey at its scan's resolution, and the pixels per point."""
    width, _ = page.get_size()
    native = 0.0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        left, _, right, _ = obj.get_bounds()
        pixels, _ = obj.get_px_size()
        if right - left > width * 0.5:  # an image that covers the page is the scan
            native = max(native, pixels / (right - left))
    scale = native or settings.min_dpi / 72
    scale = min(max(scale, settings.min_dpi / 72), settings.max_dpi / 72)
    bitmap = page.render(scale=scale, grayscale=True)
    image = np.array(bitmap.to_numpy(), dtype=np.uint8)
    if image.ndim == 3:
        image = image[:, :, 0]
    return image, scale


def straighten(image: Image, settings: OcrSettings) -> Image:
    """Turn the page so its text rows are level: the angle (within the scanner's degree)
    at which the rows of ink are sharpest (the variance of the row sums is largest)."""
    import cv2

    ink = (image < settings.ink_level).astype(np.float32)
    small = cv2.resize(ink, (ink.shape[1] // 2, ink.shape[0] // 2), interpolation=cv2.INTER_AREA)
    centre = (small.shape[1] / 2, small.shape[0] / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(small, matrix, (small.shape[1], small.shape[0]))
        return float(np.var(turned.sum(axis=1)))

    steps = np.arange(-settings.max_skew_degrees, settings.max_skew_degrees + 1e-9, 0.1)
    best = max(steps, key=sharpness)
    fine = np.arange(best - 0.1, best + 0.1 + 1e-9, 0.02)
    best = max(fine, key=sharpness)
    if abs(best) < 0.03:
        return image
    matrix = cv2.getRotationMatrix2D((image.shape[1] / 2, image.shape[0] / 2), float(best), 1.0)
    turned = cv2.warpAffine(
        image,
        matrix,
        (image.shape[1], image.shape[0]),
        flags=cv2.INTER_LINEAR,
        borderValue=255,
    )
    return np.asarray(turned, dtype=np.uint8)


def ruling_edges(image: Image, scale: float, settings: OcrSettings) -> list[dict[str, Any]]:
    """Long thin runs of ink, as the pdfplumber edges a digital page's lines give."""
    import cv2

    ink = (image < settings.ink_level).astype(np.uint8)
    height, width = ink.shape
    edges: list[dict[str, Any]] = []
    for orientation in ("h", "v"):
        length = max(int((width if orientation == "h" else height) * settings.min_rule_fraction), 8)
        kernel = cv2.getStructuringElement(
            cv2.MORPH_RECT, (length, 1) if orientation == "h" else (1, length)
        )
        # close small gaps of a broken printed line first, then keep only long runs
        bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (5, 1) if orientation == "h" else (1, 5))
        mask = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, bridge)
        mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for x, y, w, h, _ in stats[1:count]:
            if orientation == "h" and (w < length or h > max(12, w // 4)):
                continue
            if orientation == "v" and (h < length or w > max(12, h // 4)):
                continue
            x0, x1 = x / scale, (x + w) / scale
            top, bottom = y / scale, (y + h) / scale
            if orientation == "h":
                top = bottom = (top + bottom) / 2
            else:
                x0 = x1 = (x0 + x1) / 2
            edges.append(ruling_edge(orientation, x0, x1, top, bottom))
    return edges


def _text_rows(ink: Image) -> list[tuple[int, int]]:
    """Runs of image rows with ink: the text lines of a cell."""
    rows = ink.sum(axis=1) > 0
    runs: list[tuple[int, int]] = []
    start = None
    for index, has_ink in enumerate([*rows.tolist(), False]):
        if has_ink and start is None:
            start = index
        elif not has_ink and start is not None:
            if index - start >= 6:  # a speck of JPEG noise or a line's stub is no text
                runs.append((start, index))
            start = None
    return runs


def cell_line_boxes(image: Image, box: Box, settings: OcrSettings) -> list[Box]:
    """The text lines inside one cell (its ruling lines left out), in pixels."""
    x0, top, x1, bottom = box
    inset = 5
    crop = image[top + inset : bottom - inset, x0 + inset : x1 - inset]
    if crop.size == 0:
        return []
    ink = (crop < settings.ink_level).astype(np.uint8)
    # a ruling line left inside the crop (a drift of a pixel or two) is no text
    ink[:, ink.mean(axis=0) > 0.8] = 0
    ink[ink.mean(axis=1) > 0.8, :] = 0
    out = []
    for row_top, row_bottom in _text_rows(ink):
        columns = np.nonzero(ink[row_top:row_bottom].sum(axis=0))[0]
        if columns.size == 0:
            continue
        pad = 4
        out.append(
            (
                max(x0 + inset + int(columns[0]) - pad, x0),
                max(top + inset + row_top - pad, top),
                min(x0 + inset + int(columns[-1]) + 1 + pad, x1),
                min(top + inset + row_bottom + pad, bottom),
            )
        )
    return out


def stacked_share(lines_per_cell: list[int], settings: OcrSettings) -> float | None:
    """The share of a page's table cells holding text that hold two lines or more (a
    glyph a line, on a page scanned turned); None on a page of fewer than
    ``turned_min_cells`` such cells, which decides nothing."""
    holding = [lines for lines in lines_per_cell if lines]
    if len(holding) < settings.turned_min_cells:
        return None
    return sum(1 for lines in holding if lines >= 2) / len(holding)


def reads_turned(share: float, settings: OcrSettings) -> bool:
    """Most cells holding text hold two lines or more (``stacked_share``): the page reads as
    scanned turned."""
    return share > settings.turned_share_of_cells


def turned_upright(image: Image, cells: list[Box], settings: OcrSettings) -> Image:
    """A page scanned turned a quarter, turned back: the turn (anticlockwise or clockwise)
    under which the text lines of ``cells`` (those holding a glyph a line as scanned; a
    sample of them) are recognised with the higher mean score.  Turned the wrong way the
    text is upside down, which PP-OCR reads with low scores."""
    sample = cells[: settings.turned_sample_cells]
    best: tuple[float, Image] | None = None
    height, width = image.shape
    for turns in (1, 3):  # numpy's quarter turns, anticlockwise
        turned = np.ascontiguousarray(np.rot90(image, turns))
        boxes = [
            line
            for cell in sample
            for line in cell_line_boxes(turned, _turned_box(cell, turns, width, height), settings)
        ]
        scores = [score for _, score in recognise(turned, boxes)]
        mean = sum(scores) / len(scores) if scores else 0.0
        if best is None or mean > best[0]:
            best = (mean, turned)
    assert best is not None
    return best[1]


def _turned_box(box: Box, turns: int, width: int, height: int) -> Box:
    """A pixel box of an image ``width`` x ``height``, in that image turned by numpy's
    ``rot90(image, turns)`` (1: a quarter anticlockwise, 3: clockwise)."""
    x0, top, x1, bottom = box
    if turns == 1:
        return (top, width - x1, bottom, width - x0)
    return (height - bottom, x0, height - top, x1)


def recognise(image: Image, boxes: list[Box]) -> list[tuple[str, float]]:
    """Text and score of each box (a single text line each), in one batched pass."""
    if not boxes:
        return []
    import cv2
    from rapidocr.ch_ppocr_rec.typings import TextRecInput

    crops = [cv2.cvtColor(image[t:b, x0:x1], cv2.COLOR_GRAY2BGR) for x0, t, x1, b in boxes]
    result = engine()._load_rec_model()(TextRecInput(img=crops))
    return [
        (str(text), float(score)) for text, score in zip(result.txts, result.scores, strict=True)
    ]


def detect(image: Image, settings: OcrSettings) -> list[tuple[Box, str, float]]:
    """Text lines anywhere in the image (detection, then recognition): the prose.  Only the
    bands of the page that hold ink are detected (detection costs by the pixel), and boxes
    of one line share its top and bottom (a flat glyph such as 一 is boxed lower than its
    neighbours, which would split the line)."""
    import cv2

    ink_rows = (image < settings.ink_level).any(axis=1)
    found: list[tuple[Box, str, float]] = []
    for band_top, band_bottom in _bands(ink_rows, gap=40, margin=16):
        band = image[band_top:band_bottom]
        columns = np.nonzero((band < settings.ink_level).any(axis=0))[0]
        left = max(int(columns[0]) - 16, 0)
        right = min(int(columns[-1]) + 17, image.shape[1])
        crop = np.ascontiguousarray(band[:, left:right])
        result = engine()(cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR), use_cls=False)
        if result.boxes is None:
            continue
        for quad, text, score in zip(result.boxes, result.txts, result.scores, strict=True):
            xs = [float(point[0]) + left for point in quad]
            ys = [float(point[1]) + band_top for point in quad]
            box = (int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys)))
            found.append((box, str(text), float(score)))
    return _level(found)


def _bands(rows: Any, gap: int, margin: int) -> list[tuple[int, int]]:
    """Runs of image rows with ink, closer than ``gap`` rows joined, with a margin."""
    indexes = np.nonzero(rows)[0]
    if indexes.size == 0:
        return []
    bands = []
    start = previous = int(indexes[0])
    for index in indexes[1:].tolist():
        if index - previous > gap:
            bands.append((start, previous))
            start = index
        previous = index
    bands.append((start, previous))
    height = len(rows)
    return [(max(top - margin, 0), min(bottom + margin + 1, height)) for top, bottom in bands]


def _level(found: list[tuple[Box, str, float]]) -> list[tuple[Box, str, float]]:
    """Boxes whose vertical centres lie within each other's height are one line: give them
    the line's top and bottom."""
    ordered = sorted(found, key=lambda item: (item[0][1] + item[0][3]) / 2)
    lines: list[list[tuple[Box, str, float]]] = []
    for item in ordered:
        centre = (item[0][1] + item[0][3]) / 2
        if lines:
            last = lines[-1]
            top = min(box[1] for box, _, _ in last)
            bottom = max(box[3] for box, _, _ in last)
            if top <= centre <= bottom:
                last.append(item)
                continue
        lines.append([item])
    out: list[tuple[Box, str, float]] = []
    for line in lines:
        top = min(box[1] for box, _, _ in line)
        bottom = max(box[3] for box, _, _ in line)
        out.extend(((box[0], top, box[2], bottom), text, score) for box, text, score in line)
    return out


_FIGURE = re.compile(r"\d")


def is_figure(text: str) -> bool:
    """A text OCR must be sure of: it holds a digit (an amount, a code, a year)."""
    return bool(_FIGURE.search(text))


def uncertain_issue(
    page_number: int, box: Box, text: str, score: float, what: str, threshold: float
) -> ParseIssue:
    x0, top, x1, bottom = box
    return ParseIssue(
        IssueCode.OCR_UNCERTAIN,
        f"page {page_number}: OCR read {text!r} in {what} at pixels ({x0},{top})-({x1},{bottom}) "
        f"of the page image with a score of {score:.3f}, under the {threshold} "
        "a figure needs; not landed",
        page=page_number,
        snippet=text[:200],
    )


def amount_of(text: str) -> Decimal | None:
    from ingest.amounts import parse_amount

    return parse_amount(text)
