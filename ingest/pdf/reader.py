"""Read a PDF into blocks: triage with pypdfium2, tables with pdfplumber, in reading order."""

from __future__ import annotations

import io
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.layout.cells import is_page_artifact
from ingest.limits import Limits
from ingest.model import Block, UnreadableDocument
from ingest.pdf.settings import DEFAULT_SETTINGS, PdfSettings
from ingest.sources import ReadDocument, SourceFormat

_PASSWORD = re.compile(r"password", re.IGNORECASE)


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if _PASSWORD.search(str(exc)):
            raise UnreadableDocument(
                "encrypted", "the PDF is encrypted and needs a password to open"
            ) from exc
        raise UnreadableDocument(
            "damaged", f"the PDF is damaged or truncated and cannot be opened ({exc})"
        ) from exc


def read_pdf(data: bytes, limits: Limits, settings: PdfSettings = DEFAULT_SETTINGS) -> ReadDocument:
    document = _open(data)
    try:
        pages = len(document)
        limits.check_pages(pages)
        texts: list[str] = []
        table_pages: list[int] = []
        for index in range(pages):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            paths = sum(
                1 for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2)
            )
            if paths >= settings.min_paths_for_tables:
                table_pages.append(index)
            textpage.close()
            page.close()
    finally:
        document.close()
    if sum(len(text.strip()) for text in texts) < settings.min_chars_per_document:
        raise UnreadableDocument(
            "no_text_layer",
            f"none of the {pages} pages has a text layer (a scanned "
            "document?); it needs OCR before it can be read",
        )
    blocks: list[Block] = []
    tables_by_page = _tables(data, table_pages, settings) if table_pages else {}
    for index, text in enumerate(texts):
        page_number = index + 1
        if index in tables_by_page:
            blocks.extend(tables_by_page[index])
        else:
            blocks.extend(_prose_lines(text, page_number))
    full_text = "\n".join(block.text for block in blocks)
    return ReadDocument(SourceFormat.PDF, full_text, blocks, "pdf", pages=pages)


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


def _tables(data: bytes, indexes: list[int], settings: PdfSettings) -> dict[int, list[Block]]:
    """Tables and the prose around them, for the pages that draw lines."""
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
            items.sort(key=lambda item: item[0])
            out[index] = [
                Block(
                    " ".join(c for c in cells if c),
                    cells,
                    number,
                    number,
                    page=page_number,
                    is_row=is_row,
                )
                for number, (_, cells, is_row) in enumerate(items, start=1)
            ]
            page.flush_cache()
    return out
