"""Read a PDF into blocks: triage with pypdfium2, tables with pdfplumber, in reading order."""

from __future__ import annotations

import bisect
import enum
import io
import math
import re
import time
from dataclasses import replace
from typing import Any

import pypdfium2 as pdfium
from pdfplumber.table import Table, TableFinder
from pdfplumber.utils.text import chars_to_textmap, extract_text

from ingest.amounts import is_amount
from ingest.codes import IssueCode, RejectionReason
from ingest.limits import Limits
from ingest.model import Block, IssueLog, ParseIssue, UnreadableDocument
from ingest.readers.cells import join_lines
from ingest.readers.document import Layout, ReadDocument, SourceFormat
from ingest.readers.pdf import ocr
from ingest.readers.pdf.objects import (
    READ_DEPTH,
    PageInventory,
    PdfiumPage,
    TextObjects,
    bounds,
    inventory,
    read_page,
)
from ingest.readers.pdf.settings import DEFAULT_SETTINGS, PdfSettings
from ingest.readers.text.cells import is_page_artifact

_PASSWORD = re.compile(r"password", re.IGNORECASE)


def _open(data: bytes) -> pdfium.PdfDocument | None:
    """pdfium's handle on the file; None when pdfium refuses a file pdfminer may still read."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if _PASSWORD.search(str(exc)):
            raise UnreadableDocument(
                RejectionReason.ENCRYPTED, "the PDF is encrypted and needs a password to open"
            ) from exc
        return None


def read_pdf(
    data: bytes,
    limits: Limits,
    settings: PdfSettings = DEFAULT_SETTINGS,
    log: IssueLog | None = None,
    ocr_settings: ocr.OcrSettings | None = ocr.DEFAULT_OCR,
) -> ReadDocument:
    """Blocks of every page.  A page that fails to parse becomes an issue in ``log`` and its
    plain text (if any) stands in for it: one bad page never loses the document.  A page
    that is only an image (a scan) is read by OCR (``ocr_settings``; None: not read, an
    issue)."""
    log = log if log is not None else IssueLog()
    document = _open(data)
    if document is None:
        return _read_with_pdfminer(data, limits, settings, log)
    texts: list[str] = []
    table_pages: dict[int, list[Block]] = {}
    reference_pages: list[int] = []  # pages pdfminer must parse (see _pdfium_cannot_decode)
    scanned: list[int] = []  # pages read by OCR
    # OCR costs seconds a page: it stops, page by page, before the per-document time limit
    # would stop the whole document (the rest of the scanned pages are issues, not lost work)
    ocr_deadline = time.monotonic() + limits.seconds * _OCR_SHARE_OF_TIME_LIMIT
    try:
        pages = len(document)
        limits.check_pages(pages)
        for index in range(pages):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            try:
                objects = inventory(page)
                route = _route(texts[-1], objects, textpage, settings, page.get_rotation())
                if route is Route.IMAGE:
                    if ocr_settings is None or time.monotonic() > ocr_deadline:
                        why = _IMAGE_PAGE if ocr_settings is None else _OCR_OUT_OF_TIME
                        _page_issue(log, IssueCode.PAGE_WITHOUT_TEXT, index, why)
                    else:
                        try:
                            table_pages[index] = _ocr_blocks(
                                page, index + 1, settings, ocr_settings, log
                            )
                        except _ScanNotRead as exc:
                            table_pages[index] = []
                            _page_issue(log, IssueCode.PAGE_WITHOUT_TEXT, index, str(exc))
                        else:
                            if not table_pages[index]:  # reported, never silently lost
                                _page_issue(log, IssueCode.PAGE_WITHOUT_TEXT, index, _OCR_NO_TEXT)
                        texts[-1] = "\n".join(block.text for block in table_pages[index])
                        scanned.append(index)
                elif route is Route.REFERENCE:
                    reference_pages.append(index)
                elif route is Route.TABLES:
                    page_objects = read_page(page, textpage, objects)
                    table_pages[index] = _page_blocks(page_objects, index + 1, settings)
            except Exception as exc:  # a parser bug costs one page, not the file
                _page_issue(log, IssueCode.PAGE_NOT_PARSED, index, _failure(exc))
            textpage.close()
            page.close()
    finally:
        document.close()
    _check_text_layer(texts, pages, settings, len(scanned))
    if reference_pages:
        table_pages.update(_pdfplumber_blocks(data, reference_pages, settings, log))
    blocks: list[Block] = []
    for index, text in enumerate(texts):
        if index in table_pages:
            blocks.extend(table_pages[index])
        else:
            blocks.extend(_prose_lines(text, index + 1))
    blocks = _rows_rejoined_across_pages(_without_running_headers(blocks, pages))
    full_text = "\n".join(block.text for block in blocks)
    layout = Layout.PDF_OCR if scanned else Layout.PDF
    return ReadDocument(
        SourceFormat.PDF,
        full_text,
        blocks,
        layout,
        pages=pages,
        ocr_pages=tuple(index + 1 for index in scanned),
    )


class Route(enum.Enum):
    """Who reads a page of a PDF pdfium opens."""

    IMAGE = "image"  # no text layer, only images: OCR
    REFERENCE = "reference"  # text pdfium may misread: pdfminer (pdfplumber) reads the page
    TABLES = "tables"  # ruling lines: pdfium's characters and lines into pdfplumber's finder
    PROSE = "prose"  # no ruling lines: pdfium's text, line by line


def is_scanned(text: str, objects: PageInventory) -> bool:
    """A page with images and no text layer: OCR reads it (seconds a page)."""
    return not text.strip() and objects.has_images()


def _route(
    text: str,
    objects: PageInventory,
    textpage: pdfium.PdfTextPage,
    settings: PdfSettings,
    rotation: int,
) -> Route:
    """``rotation``: the page's /Rotate.  The fast path reads a turned page (a landscape
    table printed on a portrait page, as Yantai's budgets are) in the frame it is viewed in,
    as pdfminer does (objects.view_frame); a turned page without ruling lines, whose text
    would come from pdfium's page text (not proven turned), is the reference engine's."""
    if is_scanned(text, objects):
        return Route.IMAGE
    if settings.engine == "pdfplumber" or _pdfium_cannot_decode(text, objects, textpage):
        return Route.REFERENCE
    if objects.path_count() >= settings.min_paths_for_tables:
        return Route.TABLES  # triage: only a page with vector paths can hold a ruled table
    return Route.PROSE if rotation == 0 else Route.REFERENCE


def fast_path_cells(
    data: bytes, settings: PdfSettings = DEFAULT_SETTINGS
) -> dict[int, list[list[tuple[str, ...]]]]:
    """The cells of every table pdfplumber's TableFinder finds, by page index, on the pages
    the fast path reads (``Route.TABLES``: pdfium's characters and lines).  What
    tests/test_pdf_engines.py holds against pdfplumber's own ``find_tables`` and ``extract``
    on every real PDF."""
    out: dict[int, list[list[tuple[str, ...]]]] = {}
    document = pdfium.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            objects = inventory(page)
            text = textpage.get_text_range()
            if _route(text, objects, textpage, settings, page.get_rotation()) is Route.TABLES:
                found = read_page(page, textpage, objects)
                finder = TableFinder(found, settings.table_settings())  # type: ignore[arg-type]
                centres = _Centres(found.chars)
                out[index] = [_extract(table, centres, settings) for table in finder.tables]
            textpage.close()
            page.close()
    finally:
        document.close()
    return out


_OCR_SHARE_OF_TIME_LIMIT = 0.8
_OCR_OUT_OF_TIME = (
    "the page is an image without a text layer; it was not read by OCR: the document's OCR "
    "reached 80% of the per-document time limit"
)


def _ocr_blocks(
    page: pdfium.PdfPage,
    page_number: int,
    settings: PdfSettings,
    ocr_settings: ocr.OcrSettings,
    log: IssueLog,
) -> list[Block]:
    """A scanned page's blocks: its ruling lines from the image make the cells (pdfplumber's
    TableFinder, as on a digital page), OCR reads each cell and the prose outside the tables,
    and ``_blocks`` builds rows and lines from them as from a text layer.  A table with a
    figure OCR is not sure of is withheld whole (see ``ingest.readers.pdf.ocr``)."""
    image, scale = ocr.render(page, ocr_settings)
    image = ocr.straighten(image, ocr_settings)
    width, height = page.get_size()
    scan, found, lines_by_table = _scanned_tables(
        image, scale, width, height, settings, ocr_settings
    )
    share = ocr.stacked_share(_lines_per_cell(lines_by_table), ocr_settings)
    if share is not None and ocr.reads_turned(share, ocr_settings):
        # scanned turned a quarter: turned back the way its text reads best, and read so.
        # Unless turning stacks its cells' lines more: they were upright, only wrapped, and
        # are read as scanned (each figure still held to its score and its sums).
        cells = [
            cell
            for table, cell_lines in zip(found, lines_by_table, strict=True)
            for cell, lines in zip(_cell_boxes(table, scale), cell_lines, strict=True)
            if len(lines) >= 2
        ]
        turned = ocr.turned_upright(image, cells, ocr_settings)
        turned_read = _scanned_tables(turned, scale, height, width, settings, ocr_settings)
        turned_share = ocr.stacked_share(_lines_per_cell(turned_read[2]), ocr_settings)
        if turned_share is None or (
            turned_share < share and ocr.reads_turned(turned_share, ocr_settings)
        ):
            raise _ScanNotRead(_OCR_TURNED)
        if turned_share < share:
            image, (scan, found, lines_by_table) = turned, turned_read
    prose_image = image.copy()
    tables: list[Table] = []
    for table, cell_lines in zip(found, lines_by_table, strict=True):
        boxes = [line for lines in cell_lines for line in lines]
        read = ocr.recognise(image, boxes)
        # the table's area is no prose: blanked with its border rules whole (the bbox runs
        # through the rules' middle; a rule's outer half left as ink made one band of the
        # whole table's height for detection to search, ~1.5 s a page of white)
        x0, top, x1, bottom = (round(value * scale) for value in table.bbox)
        rule = math.ceil(scale)  # 1 pt: more than half of any printed rule
        prose_image[max(top - rule, 0) : bottom + 1 + rule, max(x0 - rule, 0) : x1 + 1 + rule] = 255
        doubtful = [
            (box, text, score)
            for box, (text, score) in zip(boxes, read, strict=True)
            if ocr.is_figure(text) and score < ocr_settings.min_score
        ]
        for box, text, score in doubtful:
            log.issues.append(
                ocr.uncertain_issue(
                    page_number, box, text, score, "a table cell", ocr_settings.min_score
                )
            )
        if doubtful:
            continue  # withheld whole: its chars are not given, so its text is not prose either
        tables.append(table)
        for box, (text, score) in zip(boxes, read, strict=True):
            if text.strip():
                scan.chars.extend(ocr.OcrLine(text, score, box, scale).chars())
    if (prose_image < ocr_settings.ink_level).any():
        for box, text, score in ocr.detect(prose_image, ocr_settings):
            if ocr.is_figure(text) and score < ocr_settings.min_score:
                log.issues.append(
                    ocr.uncertain_issue(
                        page_number, box, text, score, "a line", ocr_settings.min_score
                    )
                )
                continue
            scan.chars.extend(ocr.OcrLine(text, score, box, scale).chars())
    return _blocks(tables, scan.chars, page_number, settings)


def _scanned_tables(
    image: ocr.Image,
    scale: float,
    width: float,
    height: float,
    settings: PdfSettings,
    ocr_settings: ocr.OcrSettings,
) -> tuple[ocr.OcrPage, list[Table], list[list[list[ocr.Box]]]]:
    """A page image's ruling lines, the tables pdfplumber's TableFinder makes of them, and
    each table's cells' text lines (pixel boxes), before anything is recognised."""
    scan = ocr.OcrPage(width, height, scale, edges=ocr.ruling_edges(image, scale, ocr_settings))
    found = TableFinder(scan, settings.table_settings()).tables  # type: ignore[arg-type]
    lines = [
        [ocr.cell_line_boxes(image, cell, ocr_settings) for cell in _cell_boxes(table, scale)]
        for table in found
    ]
    return scan, found, lines


def _lines_per_cell(lines_by_table: list[list[list[ocr.Box]]]) -> list[int]:
    return [len(lines) for cells in lines_by_table for lines in cells]


def _cell_boxes(table: Table, scale: float) -> list[ocr.Box]:
    """A table's cells, row by row, in pixels."""
    return [
        (
            round(cell[0] * scale),
            round(cell[1] * scale),
            round(cell[2] * scale),
            round(cell[3] * scale),
        )
        for row in table.rows
        for cell in row.cells
        if cell is not None
    ]


_RUNNING = re.compile(r"预算")
_NOT_RUNNING = re.compile(r"单位\s*[:：]|表\s*$|[。，；]")


def _without_running_headers(blocks: list[Block], pages: int) -> list[Block]:
    """A line printed at the top or bottom of most pages ('苏州市审计局 2026 年度部门预算
    公开') is not prose: left in, it splits a sentence that runs over the page break."""
    by_page: dict[int | None, list[Block]] = {}
    for block in blocks:
        if not block.is_row:
            by_page.setdefault(block.page, []).append(block)
    edges: dict[str, set[int | None]] = {}
    for page, prose in by_page.items():
        for block in prose[:2] + prose[-2:]:
            if _RUNNING.search(block.text) and not _NOT_RUNNING.search(block.text):
                edges.setdefault(re.sub(r"\d+", "#", block.text), set()).add(page)
    running = {text for text, seen in edges.items() if len(seen) >= max(3, pages * 0.3)}
    if not running:
        return blocks
    return [
        block for block in blocks if block.is_row or re.sub(r"\d+", "#", block.text) not in running
    ]


# A row of its own: numbered (一、 (一) 1.), or a row word (其中, 合计 …) — never a fragment
_OWN_ROW = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．]|其中|合计|小计|总计)"
)


_COMPLETE_LABEL = re.compile(r"\s*(?:合\s*计|小\s*计|总\s*计|共\s*计)\s*")
_TITLE_LIKE = re.compile(r"表\s*$|^\s*\d{4}\s*年")


def _rows_rejoined_across_pages(blocks: list[Block]) -> list[Block]:
    """A table row the printer broke across a page (LibreOffice Writer does: '财政对城乡居民
    基本医疗保险基金的' at the foot of one page, '补助' alone at the head of the next) is one
    row again.  Joined only on the page's own evidence: the next page's first row follows
    the last row of the page before with nothing but page numbers between, is as wide, has
    one filled cell — words, not an amount, that cannot start a row of their own — under a
    cell of words of that row, and the row's amounts are all on its first part."""
    out: list[Block] = []
    last_row: int | None = None
    for block in blocks:
        if block.is_row and last_row is not None:
            joined = _row_continued(out[last_row], block, out[last_row + 1 :])
            if joined is not None:
                out[last_row] = joined
                continue
        out.append(block)
        if block.is_row:
            last_row = len(out) - 1
    return out


def _row_continued(row: Block, fragment: Block, between: list[Block]) -> Block | None:
    if row.page is None or fragment.page != row.page + 1 or len(fragment.cells) != len(row.cells):
        return None
    if any(not is_page_artifact(block.text) for block in between):
        return None
    filled = [index for index, cell in enumerate(fragment.cells) if cell.strip()]
    if len(filled) != 1:
        return None
    index = filled[0]
    head, piece = row.cells[index].strip(), fragment.cells[index].strip()
    if not head or is_amount(head) or is_amount(piece) or _OWN_ROW.match(piece):
        return None
    if _COMPLETE_LABEL.fullmatch(head) or _TITLE_LIKE.search(piece):
        return None  # '合计' is whole; '2025年…收支预算总表' is the next table's title
    if not any(is_amount(cell) for cell in row.cells):
        return None  # a row of words only: its next line may be a row of its own
    cells = (*row.cells[:index], head + piece, *row.cells[index + 1 :])
    return replace(row, cells=cells, text=" ".join(cell for cell in cells if cell))


_IMAGE_PAGE = "the page is an image without a text layer (scanned?): its content is not read"
_OCR_NO_TEXT = "the page is an image without a text layer, and OCR read no text from it"
_OCR_TURNED = (
    "the page is an image without a text layer whose tables' text runs down the page, and "
    "still does once the page is turned a quarter the way its text reads best (or its tables "
    "are no longer found): its glyphs would be read one to a line, a cell's figure assembled "
    "from turned digits; not read"
)


class _ScanNotRead(Exception):
    """A scanned page OCR must not read; the message says why (a page issue)."""


def _failure(exc: Exception) -> str:
    return f"the page could not be parsed ({type(exc).__name__}: {exc}); its plain text is kept"[
        :400
    ]


def _page_issue(log: IssueLog, code: IssueCode, index: int, message: str) -> None:
    log.issues.append(ParseIssue(code, f"page {index + 1}: {message}", page=index + 1))


def _check_text_layer(
    texts: list[str], pages: int, settings: PdfSettings, ocr_read: int = 0
) -> None:
    if sum(len(text.strip()) for text in texts) < settings.min_chars_per_document:
        detail = f"none of the {pages} pages has a text layer (a scanned document?); "
        if ocr_read:
            detail += f"OCR of its {ocr_read} scanned pages read no text either"
        else:
            detail += "it needs OCR before it can be read"
        raise UnreadableDocument(RejectionReason.NO_TEXT_LAYER, detail)


def _read_with_pdfminer(
    data: bytes, limits: Limits, settings: PdfSettings, log: IssueLog
) -> ReadDocument:
    """pdfium refused the file ("Data format error"): pdfminer is more lenient with broken
    cross-reference tables.  Only when it cannot open the file either is it damaged."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
    except (PDFSyntaxError, PdfminerException, ValueError, KeyError, TypeError) as exc:
        raise UnreadableDocument(
            RejectionReason.DAMAGED,
            f"the PDF is damaged or truncated: neither pdfium nor pdfminer can open it ({exc})"[
                :400
            ],
        ) from exc
    if pages == 0:
        raise UnreadableDocument(RejectionReason.DAMAGED, "the PDF has no pages")
    limits.check_pages(pages)
    by_page = _pdfplumber_blocks(data, list(range(pages)), settings, log)
    texts = ["\n".join(block.text for block in by_page.get(i, [])) for i in range(pages)]
    _check_text_layer(texts, pages, settings)
    blocks = [block for index in range(pages) for block in by_page.get(index, [])]
    full_text = "\n".join(block.text for block in blocks)
    return ReadDocument(SourceFormat.PDF, full_text, blocks, Layout.PDF, pages=pages)


# A glyph pdfium maps to a control character (not tab, line feed, return); in the page's
# text pdfium writes it as U+FFFE, a noncharacter no document prints.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe]")


def _pdfium_cannot_decode(
    page_text: str, objects: PageInventory, textpage: pdfium.PdfTextPage
) -> bool:
    """Text pdfium may misread goes to pdfminer, which reads it: a glyph it maps to a control
    character (NUL; U+0002 where pdfminer reads the '-' of '2025年-2026年' in Guangzhou's
    WPS exports), and any non-ASCII text in a font the file does not embed (a CID font such
    as STSong-Light: pdfium substitutes a font and silently drops some glyphs, perhaps a
    digit's neighbour).  The first is asked of the page's text (the same pages as asking
    every text object, on every real PDF of ../shared/real and every rendered reference
    page), the second only of the objects whose font is not embedded: reading the text of
    every object was a fifth of the fast path's time.

    One such object is let through: a page's folio ('— 1 —', '第3页') in the margin, outside
    every path of the page, as Yantai's budgets print every page number in STSongStd-Light
    (101 of the wild set's pages went to pdfminer for it, a fifth of its time).  Whatever
    pdfium makes of it, it is dropped as a page artifact and can reach no table's cell: a
    glyph pdfium dropped there cannot change a figure."""
    if _CONTROL.search(page_text):
        return True
    reader = TextObjects(textpage)
    for level, obj in objects.texts:
        if level >= READ_DEPTH or reader.font_is_embedded(obj):
            continue
        text = reader.text(obj)
        if _CONTROL.search(text):
            return True
        if not text.isascii() and not _is_folio_in_margin(level, obj, text, objects):
            return True
    return False


def _is_folio_in_margin(level: int, obj: Any, text: str, objects: PageInventory) -> bool:
    """``text`` (of ``obj``) is a page number drawn outside the box that holds every path of
    the page (a table's cells lie inside it, whether its rules are drawn one line a path or
    as rectangles).  Only objects of the page itself (level 0) are compared: an object inside
    a Form XObject has its bounds in the form's space."""
    if level != 0 or not is_page_artifact(text) or any(lvl != 0 for lvl, _ in objects.paths):
        return False
    folio = bounds(obj)
    if folio is None:
        return False
    left = bottom = math.inf
    right = top = -math.inf
    for _, path in objects.paths:
        box = bounds(path)
        if box is None:
            return False
        left, bottom = min(left, box[0]), min(bottom, box[1])
        right, top = max(right, box[2]), max(top, box[3])
    return folio[2] < left or right < folio[0] or folio[3] < bottom or top < folio[1]


def _prose_lines(text: str, page_number: int) -> list[Block]:
    out: list[Block] = []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        stripped = line.strip()
        if stripped and not is_page_artifact(stripped):
            out.append(Block(stripped, (stripped,), number, number, page=page_number))
    return out


def _cell_text(cell: str | None) -> str:
    """pdfplumber wraps long cells onto several lines: rejoin them as every reader does."""
    return join_lines(cell or "")


def _pdfplumber_blocks(
    data: bytes, indexes: list[int], settings: PdfSettings, log: IssueLog
) -> dict[int, list[Block]]:
    """Tables and the prose around them, parsed by pdfplumber (the reference engine).  A page
    it fails on is left out of the result (its pdfium text stands in) with an issue."""
    import pdfplumber  # only PDFs with ruled pages pay for pdfminer's layout analysis

    out: dict[int, list[Block]] = {}
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfium's text still stands in for these pages
        for index in indexes:
            _page_issue(log, IssueCode.PAGE_NOT_PARSED, index, _failure(exc))
        return out
    with pdf:
        for index in indexes:
            try:
                page = pdf.pages[index]
                found, chars = _reference_page(page, settings)
                tables = [table for table in found if _is_table(table, chars)]
                out[index] = _blocks(tables, chars, index + 1, settings)
                if not page.chars and page.images:
                    _page_issue(log, IssueCode.PAGE_WITHOUT_TEXT, index, _IMAGE_PAGE)
                page.flush_cache()
            except Exception as exc:  # a parser bug costs one page, not the file
                _page_issue(log, IssueCode.PAGE_NOT_PARSED, index, _failure(exc))
    return out


def _reference_page(page: Any, settings: PdfSettings) -> tuple[list[Table], list[dict[str, Any]]]:
    """pdfplumber's tables of a page it parses itself, and its characters on their baselines."""
    found = page.find_tables(settings.table_settings())
    return found, [_on_baseline(char, float(page.height)) for char in page.chars]


def reference_cells(
    data: bytes, indexes: list[int], settings: PdfSettings = DEFAULT_SETTINGS
) -> dict[int, list[list[tuple[str, ...]]]]:
    """The cells of every table the reference engine (pdfplumber parsing the page itself,
    its characters on their baselines) finds on the pages ``indexes``: what
    ``fast_path_cells`` must give."""
    import pdfplumber

    out: dict[int, list[list[tuple[str, ...]]]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for index in indexes:
            page = pdf.pages[index]
            found, chars = _reference_page(page, settings)
            centres = _Centres(chars)
            out[index] = [_extract(table, centres, settings) for table in found]
            page.flush_cache()
    return out


def _page_blocks(page: PdfiumPage, page_number: int, settings: PdfSettings) -> list[Block]:
    """What ``_pdfplumber_blocks`` gives for one page, from pdfium's characters and lines."""
    found = TableFinder(page, settings.table_settings()).tables  # type: ignore[arg-type]
    tables = [table for table in found if _is_table(table, page.chars)]
    return _blocks(tables, page.chars, page_number, settings)


def _on_baseline(char: dict[str, Any], height: float) -> dict[str, Any]:
    """pdfminer boxes a glyph by its font's ascent and descent, which some fonts state
    wrongly ('2026' 16pt below the '年部门…' it is printed beside): place every glyph by its
    baseline and size instead, so a line of mixed fonts stays one line."""
    matrix = char.get("matrix")
    if not matrix or not char.get("upright", True):
        return char
    size = float(char["size"])
    top = height - float(matrix[5]) - 0.8 * size
    return {**char, "top": top, "bottom": top + size, "doctop": top}


def _is_table(table: Table, chars: list[dict[str, Any]]) -> bool:
    """Boxes drawn around the blanks of a filled-in form make one-row 'tables' inside a line
    of prose ('2026 年本' | '单位' …, '1935.' | '36'): a one-row table with text of the same
    line beside it is prose."""
    if len(table.rows) >= 2:
        return True
    x0, top, x1, bottom = table.bbox
    for char in chars:
        x = (float(char["x0"]) + float(char["x1"])) / 2
        y = (float(char["top"]) + float(char["bottom"])) / 2
        if top <= y <= bottom and not x0 <= x <= x1 and char["text"].strip():
            return False
    return True


def _blocks(
    tables: list[Table], chars: list[dict[str, Any]], page_number: int, settings: PdfSettings
) -> list[Block]:
    """Table rows (cells) and the lines of text outside the tables, top to bottom."""
    items: list[tuple[float, tuple[str, ...], bool]] = []
    centres = _Centres(chars)
    for table in tables:
        for row, cells in zip(table.rows, _extract(table, centres, settings), strict=True):
            if any(cells):
                items.append((row.bbox[1], cells, True))
    boxes = [table.bbox for table in tables]
    outside = [
        char
        for char, (x, y) in zip(chars, centres.points, strict=True)
        if not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)
    ]
    if outside:  # a page whose every character is inside a table has no prose
        textmap = chars_to_textmap(
            outside, x_tolerance=settings.text_x_tolerance, y_tolerance=settings.text_y_tolerance
        )
        for line in textmap.extract_text_lines(strip=True, return_chars=False):
            text = line["text"].strip()
            if text and not is_page_artifact(text):
                items.append((line["top"], (text,), False))
    return _in_reading_order(items, page_number)


class _Centres:
    """The centre of every character of a page, computed once, and the characters whose
    centre lies in a band of the page found by bisection: a table's rows then look at the
    characters of their band, not at every character of the page once per row and cell
    (which was a sixth of the ingest's time on real PDFs)."""

    def __init__(self, chars: list[dict[str, Any]]) -> None:
        self.chars = chars
        self.points = [
            (
                (float(char["x0"]) + float(char["x1"])) / 2,
                (float(char["top"]) + float(char["bottom"])) / 2,
            )
            for char in chars
        ]
        self._by_y = sorted(range(len(chars)), key=lambda index: self.points[index][1])
        self._ys = [self.points[index][1] for index in self._by_y]

    def in_band(self, top: float, bottom: float) -> list[int]:
        """Indexes (in page order) of the characters with top <= centre y < bottom."""
        low = bisect.bisect_left(self._ys, top)
        high = bisect.bisect_left(self._ys, bottom)
        return sorted(self._by_y[low:high])


def _extract(table: Table, centres: _Centres, settings: PdfSettings) -> list[tuple[str, ...]]:
    """The text of each cell: pdfplumber's Table.extract on the characters given (a
    character belongs to the cell its centre is in; the right and bottom edges belong to the
    next cell)."""
    chars, points = centres.chars, centres.points
    rows = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        in_row = [index for index in centres.in_band(top, bottom) if x0 <= points[index][0] < x1]
        cells = []
        for cell in row.cells:
            if cell is None:
                cells.append("")
                continue
            left, upper, right, lower = cell
            inside = [
                chars[index]
                for index in in_row
                if left <= points[index][0] < right and upper <= points[index][1] < lower
            ]
            cells.append(_cell_text(cell_text(inside, settings)) if inside else "")
        rows.append(tuple(cells))
    return rows


def cell_text(chars: list[dict[str, Any]], settings: PdfSettings = DEFAULT_SETTINGS) -> str:
    """pdfplumber's ``extract_text`` of a cell's characters.  Most cells are one line of
    upright characters; for them its answer is the characters left to right, a space where
    a blank character or a gap wider than ``text_x_tolerance`` parts two words, and it is
    computed here directly: pdfplumber's general machinery (grouping by direction, clustering
    lines of characters and then of words) cost a quarter of reading a real PDF, one cell at
    a time.  Anything else (two lines, rotated text, an empty glyph) goes to pdfplumber.
    tests/test_pdf_engines.py holds this to ``extract_text`` on every cell of the real PDFs."""
    tops = [char["top"] for char in chars]
    if (
        not chars
        or max(tops) - min(tops) > settings.text_y_tolerance / 2  # surely one line
        or not all(char["upright"] for char in chars)
        or any(char["text"] == "" for char in chars)
    ):
        return str(
            extract_text(
                chars, x_tolerance=settings.text_x_tolerance, y_tolerance=settings.text_y_tolerance
            )
        )
    words: list[str] = []
    word: list[str] = []
    previous: dict[str, Any] | None = None
    for char in sorted(chars, key=lambda char: char["x0"]):  # stable, as pdfplumber's sort
        if char["text"].isspace():
            previous = None
            if word:
                words.append("".join(word))
                word = []
            continue
        if previous is not None and char["x0"] > previous["x1"] + settings.text_x_tolerance:
            words.append("".join(word))
            word = []
        word.append(char["text"])
        previous = char
    if word:
        words.append("".join(word))
    return " ".join(words)


def _in_reading_order(
    items: list[tuple[float, tuple[str, ...], bool]], page_number: int
) -> list[Block]:
    """Tables and prose of a page sorted top to bottom; ``line`` is the place on the page."""
    items.sort(key=lambda item: item[0])
    return [
        Block(
            " ".join(c for c in cells if c), cells, number, number, page=page_number, is_row=is_row
        )
        for number, (_, cells, is_row) in enumerate(items, start=1)
    ]
