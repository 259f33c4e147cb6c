"""Read web pages: their tables as rows and their text as prose, the page chrome dropped.

lxml's HTML parser (libxml2: fast, tolerant of the broken markup of government CMSs, and it
neither loads DTDs nor fetches anything: ``no_network``) builds the tree; this module
chooses what a reader of the page reads:

- chrome out: scripts, styles, forms, navigation elements, and any block whose text is
  mostly link text (menus, breadcrumbs, link lists); then the content root is the deepest
  element holding 80 % of what is left (the article, without header and footer), with the
  page's ``<h1>`` headings kept in front;
- a ``<table>`` that holds no other table is a data table: one row block per ``<tr>`` on the
  table's grid (a cell spanning columns or rows leaves "" where it reaches, as a ruled PDF
  table does); a table holding tables is layout, read as flowing text;
- everything else is flowing text, a prose block per line (block elements and ``<br>``
  break lines).

A page that is a PDF drawn as absolutely positioned text (what converters publish) is read
by ``positioned`` instead, as the PDF it was.  Provenance: ``line`` is the block's ordinal.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from collections.abc import Iterator
from typing import Any

import lxml.html
from lxml import etree

from ingest.codes import RejectionReason
from ingest.limits import Limits
from ingest.model import Block, UnreadableDocument
from ingest.readers.cells import drop_spanned_columns, join_lines
from ingest.readers.document import Layout, ReadDocument, SourceFormat

_DROP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "iframe",
        "frame",
        "frameset",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "object",
        "embed",
        "svg",
        "canvas",
        "map",
        "audio",
        "video",
    ]
)
_BLOCK = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_LINK_BLOCKS = frozenset(("div", "ul", "ol", "dl", "p", "section", "table", "td", "li", "span"))
_SPACE = re.compile(r"\s+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_MAX_SPAN = 1000


def read_html(data: bytes, limits: Limits) -> ReadDocument:
    text, encoding = decode_html(data)
    root = parse_html(text)
    from ingest.readers.positioned import positioned_blocks

    positioned = positioned_blocks(root, limits)
    if positioned is not None:
        blocks, pages = positioned
        return _document(blocks, Layout.PDF, encoding, pages)
    return _document(list(_numbered(flow_items(root))), Layout.HTML, encoding, None)


def _document(
    blocks: list[Block], layout: Layout, encoding: str, pages: int | None
) -> ReadDocument:
    if not blocks:
        raise UnreadableDocument(
            RejectionReason.EMPTY, "the web page holds no text once its chrome is removed"
        )
    text = "\n".join(block.text for block in blocks)
    return ReadDocument(
        SourceFormat.HTML, text, blocks, layout, encoding=encoding, pages=pages, lines=len(blocks)
    )


def decode_html(data: bytes) -> tuple[str, str]:
    """The page's text and encoding: byte-order mark, then the declared charset, then
    UTF-8 and GB18030 (which also reads GBK and GB2312 pages)."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "") + " (BOM)"
            except UnicodeDecodeError as exc:
                raise UnreadableDocument(
                    RejectionReason.BAD_ENCODING,
                    f"the web page is not valid {encoding}: {exc.reason}",
                ) from exc
    candidates: list[str] = []
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936"):
            name = "gb18030"  # a superset: pages declared GB2312 often use GBK characters
        with contextlib.suppress(LookupError):
            candidates.append(codecs.lookup(name).name)
    if data[:400].count(0) > 100:
        candidates += ["utf-16-le", "utf-16-be"]
    candidates += ["utf-8", "gb18030"]
    for encoding in dict.fromkeys(candidates):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument(
        RejectionReason.BAD_ENCODING,
        "the web page is neither in its declared charset nor in UTF-8 or GB18030",
    )


def parse_html(text: str) -> Any:
    parser = lxml.html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        recover=True,
        default_doctype=False,
    )
    body = _XML_DECLARATION.sub("", text, count=1).encode("utf-8")
    try:
        return lxml.html.document_fromstring(body, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise UnreadableDocument(
            RejectionReason.DAMAGED, f"the web page cannot be parsed ({exc})"
        ) from exc


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _text_length(element: Any) -> int:
    return sum(len(_SPACE.sub("", piece)) for piece in element.itertext())


def drop_chrome(root: Any) -> None:
    """Remove scripts, forms, navigation and link-dominated blocks (menus, link lists)."""
    for element in list(root.iter()):
        if _tag(element) in _DROP and element.getparent() is not None:
            element.drop_tree()
    for element in list(root.iter()):
        if _tag(element) not in _LINK_BLOCKS or element.getparent() is None:
            continue
        total = _text_length(element)
        if total and sum(_text_length(a) for a in element.iter("a")) > 0.5 * total:
            element.drop_tree()


def content_root(root: Any) -> Any:
    """The deepest element holding 80 % of the page's text: the article without its frame."""
    body = root.find("body")
    content = body if body is not None else root
    total = _text_length(content)
    while total and not (_tag(content) == "table" and not content.xpath(".//table")):
        heavy = [child for child in content if _text_length(child) >= 0.8 * total]
        if not heavy:
            break
        content = heavy[0]
    return content


def flow_items(root: Any) -> Iterator[tuple[str, ...] | str]:
    """Prose lines (str) and table rows (tuple of cells) of a page, in reading order; the
    page's headings (h1-h3) outside the content root come first (the title of the page)."""
    drop_chrome(root)
    content = content_root(root)
    for heading in root.iter("h1", "h2", "h3"):
        text = _SPACE.sub(" ", heading.text_content()).strip()
        if text and not any(ancestor is content for ancestor in heading.iterancestors()):
            yield text
    flow = _Flow()
    yield from flow.walk(content)
    yield from flow.flush()


class _Flow:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def flush(self) -> Iterator[str]:
        line = _SPACE.sub(" ", "".join(self.parts)).replace("\xa0", " ").strip()
        self.parts = []
        if line:
            yield line

    def walk(self, element: Any) -> Iterator[tuple[str, ...] | str]:
        tag = _tag(element)
        if tag == "table" and not element.xpath(".//table"):
            yield from self.flush()
            for caption in element.iter("caption"):
                yield from _lines(caption)
            yield from table_rows(element)
        elif tag == "br":
            yield from self.flush()
        else:
            block = tag in _BLOCK
            if block:
                yield from self.flush()
            if element.text and tag:
                self.parts.append(element.text)
            for child in element:
                yield from self.walk(child)
                if child.tail:
                    self.parts.append(child.tail)
            if block:
                yield from self.flush()


def _lines(element: Any) -> Iterator[str]:
    flow = _Flow()
    for item in flow.walk(element):
        if isinstance(item, str):
            yield item
        else:
            yield " ".join(cell for cell in item if cell)
    yield from flow.flush()


def _span(element: Any, name: str) -> int:
    try:
        return max(1, min(int(element.get(name, "1").strip() or 1), _MAX_SPAN))
    except ValueError:
        return 1


def table_rows(table: Any) -> Iterator[tuple[str, ...]]:
    """Rows on the table's grid: a spanned position is "", the text sits where it starts;
    a grid column that every row spans over is dropped (see ``drop_spanned_columns``)."""
    pending: dict[int, int] = {}  # column -> rows a rowspan still covers below
    rows: list[list[str]] = []
    spanned: list[set[int]] = []
    for row in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
        cells: list[str] = []
        covered: set[int] = set()
        for cell in row.xpath("./td | ./th"):
            _fill_spanned(cells, pending)
            columns, down = _span(cell, "colspan"), _span(cell, "rowspan")
            if down > 1:
                for column in range(len(cells), len(cells) + columns):
                    pending[column] = down - 1
            cells.append(join_lines("\n".join(_lines(cell))))
            covered.update(range(len(cells), len(cells) + columns - 1))
            cells.extend([""] * (columns - 1))
            if len(cells) > _MAX_SPAN:
                raise _too_wide()
        while any(count > 0 for column, count in pending.items() if column >= len(cells)):
            if pending.get(len(cells), 0) > 0:
                pending[len(cells)] -= 1
            cells.append("")
        if any(cells):
            rows.append(cells)
            spanned.append(covered)
    yield from drop_spanned_columns(rows, spanned)


def _too_wide() -> UnreadableDocument:
    return UnreadableDocument(
        RejectionReason.TOO_LARGE,
        f"a table row spans more than {_MAX_SPAN} columns (a budget table has tens)",
    )


def _fill_spanned(cells: list[str], pending: dict[int, int]) -> None:
    """Positions a rowspan from a row above still covers: "" (as a ruled PDF table gives)."""
    while pending.get(len(cells), 0) > 0:
        pending[len(cells)] -= 1
        cells.append("")


def _numbered(items: Iterator[tuple[str, ...] | str]) -> Iterator[Block]:
    for ordinal, item in enumerate(items, start=1):
        if isinstance(item, str):
            yield Block(item, (item,), ordinal, ordinal)
        else:
            text = " ".join(cell for cell in item if cell)
            yield Block(text, item, ordinal, ordinal, is_row=True)
