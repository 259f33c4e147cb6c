"""Read .docx Word files as paragraphs and tables in document order (python-docx).

python-docx opens the package and parses its XML (lxml, entities never resolved, after
``containers.open_zip`` has refused any DTD); this module walks the body.  A paragraph is a
prose block (a manual line break starts a new one); a table row is a row block with one cell
per grid column: a cell spanning several columns (gridSpan) or continuing a vertical merge
(vMerge) leaves "" in the positions it covers, as pdfplumber does for a ruled PDF table.
Text is what Word shows: inserted revisions count, deleted ones and the fallback copy of a
drawing (mc:Fallback) do not.  Headers and footers are page chrome and are left out.
Provenance: ``page`` is None, ``line`` the block's ordinal in the document.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from ingest.codes import RejectionReason
from ingest.limits import Limits
from ingest.model import Block, UnreadableDocument
from ingest.readers.cells import clean_line, drop_spanned_columns, join_lines
from ingest.readers.containers import open_zip
from ingest.readers.document import Layout, ReadDocument, SourceFormat

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_BODY_ITEMS = etree.XPath(
    "w:p | w:tbl | w:sdt/w:sdtContent/w:p | w:sdt/w:sdtContent/w:tbl", namespaces=_NS
)
_TEXT_NODES = etree.XPath(
    ".//w:t[not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::mc:Fallback)]"
    " | .//w:tab[not(ancestor::w:tabs)] | .//w:br | .//w:cr",
    namespaces=_NS,
)
_ROWS = etree.XPath("w:tr | w:sdt/w:sdtContent/w:tr", namespaces=_NS)
_CELLS = etree.XPath("w:tc | w:sdt/w:sdtContent/w:tc", namespaces=_NS)
_CELL_PARAGRAPHS = etree.XPath("w:p | w:sdt/w:sdtContent/w:p", namespaces=_NS)
_GRID_BEFORE = etree.XPath("w:trPr/w:gridBefore/@w:val", namespaces=_NS)
_GRID_SPAN = etree.XPath("w:tcPr/w:gridSpan/@w:val", namespaces=_NS)
_V_MERGE = etree.XPath("w:tcPr/w:vMerge", namespaces=_NS)
_MAX_SPAN = 1000


def read_docx(
    data: bytes, limits: Limits, source_format: SourceFormat = SourceFormat.DOCX
) -> ReadDocument:
    package = open_zip(data, limits)
    try:
        document = docx.Document(io.BytesIO(package.repacked))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise UnreadableDocument(
            RejectionReason.DAMAGED,
            f"the Word file is damaged: its main document part is missing ({exc})",
        ) from exc
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocument(
            RejectionReason.DAMAGED, f"the Word file's XML is damaged ({exc})"
        ) from exc
    blocks = list(_body_blocks(document.element.body))
    if not blocks:
        raise UnreadableDocument(RejectionReason.EMPTY, "the Word file holds no text")
    text = "\n".join(block.text for block in blocks)
    return ReadDocument(source_format, text, blocks, Layout.DOCX, lines=len(blocks))


def _body_blocks(body: Any) -> Iterator[Block]:
    ordinal = 0
    for item in _BODY_ITEMS(body):
        if item.tag == f"{{{W}}}p":
            for line in paragraph_text(item).split("\n"):
                text = clean_line(line)
                if text:
                    ordinal += 1
                    yield Block(text, (text,), ordinal, ordinal)
            continue
        for cells in table_rows(item):
            if any(cells):
                ordinal += 1
                text = " ".join(cell for cell in cells if cell)
                yield Block(text, cells, ordinal, ordinal, is_row=True)


def paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    for node in _TEXT_NODES(paragraph):
        name = etree.QName(node).localname
        if name == "t":
            parts.append(node.text or "")
        elif name == "tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(cell: Any) -> str:
    return join_lines("\n".join(paragraph_text(p) for p in _CELL_PARAGRAPHS(cell)))


def _count(values: list[str], default: int) -> int:
    """A span or skip count from the XML, bounded (a hostile file may say 10**9)."""
    try:
        return max(0, min(int(values[0]), _MAX_SPAN)) if values else default
    except ValueError:
        return default


def table_rows(table: Any) -> Iterator[tuple[str, ...]]:
    """A table's rows on its layout grid; nested tables stay inside their cell's text."""
    rows: list[list[str]] = []
    spanned: list[set[int]] = []
    for row in _ROWS(table):
        cells: list[str] = [""] * _count(_GRID_BEFORE(row), 0)
        covered: set[int] = set()
        for cell in _CELLS(row):
            span = max(1, _count(_GRID_SPAN(cell), 1))
            merge = _V_MERGE(cell)
            continues = bool(merge) and merge[0].get(f"{{{W}}}val", "continue") == "continue"
            cells.append("" if continues else _cell_text(cell))
            covered.update(range(len(cells), len(cells) + span - 1))
            cells.extend([""] * (span - 1))
            if len(cells) > _MAX_SPAN:
                raise UnreadableDocument(
                    RejectionReason.TOO_LARGE,
                    f"a table row spans more than {_MAX_SPAN} grid columns",
                )
        rows.append(cells)
        spanned.append(covered)
    yield from drop_spanned_columns(rows, spanned)
