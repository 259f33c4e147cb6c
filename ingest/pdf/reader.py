"""Read a PDF into blocks: triage with pypdfium2, tables with pdfplumber, in reading order."""

from __future__ import annotations

import ctypes
import io
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import TableFinder
from pdfplumber.utils.text import chars_to_textmap

from ingest.codes import RejectionReason
from ingest.layout.cells import is_page_artifact
from ingest.limits import Limits
from ingest.model import Block, UnreadableDocument
from ingest.pdf.objects import PdfiumPage, read_page
from ingest.pdf.settings import DEFAULT_SETTINGS, PdfSettings
from ingest.sources import ReadDocument, SourceFormat

_PASSWORD = re.compile(r"password", re.IGNORECASE)


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if _PASSWORD.search(str(exc)):
            raise UnreadableDocument(
                RejectionReason.ENCRYPTED, "the PDF is encrypted and needs a password to open"
            ) from exc
        raise UnreadableDocument(
            RejectionReason.DAMAGED, f"the PDF is damaged or truncated and cannot be opened ({exc})"
        ) from exc


def read_pdf(data: bytes, limits: Limits, settings: PdfSettings = DEFAULT_SETTINGS) -> ReadDocument:
    document = _open(data)
    texts: list[str] = []
    table_pages: dict[int, list[Block]] = {}
    reference_pages: list[int] = []  # pages pdfminer must parse (see _pdfium_cannot_decode)
    try:
        pages = len(document)
        limits.check_pages(pages)
        for index in range(pages):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            if settings.engine == "pdfplumber" or _pdfium_cannot_decode(page, textpage):
                reference_pages.append(index)
            elif _draws_lines(page, settings):
                table_pages[index] = _page_blocks(read_page(page, textpage), index + 1, settings)
            textpage.close()
            page.close()
    finally:
        document.close()
    if sum(len(text.strip()) for text in texts) < settings.min_chars_per_document:
        raise UnreadableDocument(
            RejectionReason.NO_TEXT_LAYER,
            f"none of the {pages} pages has a text layer (a scanned document?); it needs OCR "
            "before it can be read",
        )
    if reference_pages:
        table_pages.update(_pdfplumber_blocks(data, reference_pages, settings))
    blocks: list[Block] = []
    for index, text in enumerate(texts):
        if index in table_pages:
            blocks.extend(table_pages[index])
        else:
            blocks.extend(_prose_lines(text, index + 1))
    full_text = "\n".join(block.text for block in blocks)
    return ReadDocument(SourceFormat.PDF, full_text, blocks, "pdf", pages=pages)


def _draws_lines(page: pdfium.PdfPage, settings: PdfSettings) -> bool:
    """Triage: only a page with vector paths can hold a ruled table."""
    objects = page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2)
    return any(count >= settings.min_paths_for_tables for count, _ in enumerate(objects, 1))


def _pdfium_cannot_decode(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> bool:
    """A text object pdfium cannot map to Unicode (it yields NUL; seen with non-embedded CID
    fonts such as STSong-Light) would silently lose a character, perhaps a digit: such a page
    is parsed by pdfminer, which reads it."""
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,), max_depth=4):
        size = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
        if size <= 1:
            continue  # an empty text object draws nothing
        buffer = ctypes.create_string_buffer(size * 2)
        pointer = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
        pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, pointer, size)
        if "\x00" in buffer.raw[: 2 * (size - 1)].decode("utf-16-le", errors="replace"):
            return True
    return False


def _prose_lines(text: str, page_number: int) -> list[Block]:
    out: list[Block] = []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        stripped = line.strip()
        if stripped and not is_page_artifact(stripped):
            out.append(Block(stripped, (stripped,), number, number, page=page_number))
    return out


def _cell_text(cell: str | None) -> str:
    """pdfplumber wraps long cells onto several lines: rejoin them (CJK has no spaces)."""
    if not cell:
        return ""
    lines = [line.strip() for line in cell.split("\n")]
    joined = lines[0]
    for line in lines[1:]:
        needs_space = (
            joined[-1:].isascii()
            and joined[-1:].isalnum()
            and line[:1].isascii()
            and line[:1].isalnum()
        )
        joined += (" " if needs_space else "") + line
    return joined


def _pdfplumber_blocks(
    data: bytes, indexes: list[int], settings: PdfSettings
) -> dict[int, list[Block]]:
    """Tables and the prose around them, parsed by pdfplumber (the reference engine)."""
    import pdfplumber  # only PDFs with ruled pages pay for pdfminer's layout analysis

    out: dict[int, list[Block]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for index in indexes:
            page = pdf.pages[index]
            page_number = index + 1
            items: list[tuple[float, tuple[str, ...], bool]] = []
            found = page.find_tables(settings.table_settings())
            for table in found:
                extracted = table.extract(
                    x_tolerance=settings.text_x_tolerance, y_tolerance=settings.text_y_tolerance
                )
                for row, cells_text in zip(table.rows, extracted, strict=False):
                    cells = tuple(_cell_text(cell) for cell in cells_text)
                    if any(cells):
                        items.append((row.bbox[1], cells, True))
            outside = page
            for table in found:
                outside = outside.outside_bbox(table.bbox)
            for line in outside.extract_text_lines(
                x_tolerance=settings.text_x_tolerance, y_tolerance=settings.text_y_tolerance
            ):
                text = line["text"].strip()
                if text and not is_page_artifact(text):
                    items.append((line["top"], (text,), False))
            out[index] = _in_reading_order(items, page_number)
            page.flush_cache()
    return out


def _page_blocks(page: PdfiumPage, page_number: int, settings: PdfSettings) -> list[Block]:
    """What ``_pdfplumber_blocks`` gives for one page, from pdfium's characters and lines."""
    items: list[tuple[float, tuple[str, ...], bool]] = []
    tables = TableFinder(page, settings.table_settings()).tables  # type: ignore[arg-type]
    for table in tables:
        extracted = table.extract(
            x_tolerance=settings.text_x_tolerance, y_tolerance=settings.text_y_tolerance
        )
        for row, cells_text in zip(table.rows, extracted, strict=False):
            cells = tuple(_cell_text(cell) for cell in cells_text)
            if any(cells):
                items.append((row.bbox[1], cells, True))
    boxes = [table.bbox for table in tables]
    outside = [char for char in page.chars if not any(_centre_in(char, box) for box in boxes)]
    if not outside:  # every character is inside a table (pdfplumber cannot map no characters)
        return _in_reading_order(items, page_number)
    textmap = chars_to_textmap(
        outside, x_tolerance=settings.text_x_tolerance, y_tolerance=settings.text_y_tolerance
    )
    for line in textmap.extract_text_lines(strip=True, return_chars=False):
        text = line["text"].strip()
        if text and not is_page_artifact(text):
            items.append((line["top"], (text,), False))
    return _in_reading_order(items, page_number)


def _centre_in(char: dict[str, object], box: tuple[float, float, float, float]) -> bool:
    x = (float(char["x0"]) + float(char["x1"])) / 2  # type: ignore[arg-type]
    y = (float(char["top"]) + float(char["bottom"])) / 2  # type: ignore[arg-type]
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


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
