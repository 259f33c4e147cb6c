"""Draw a Document as an A4 PDF with reportlab platypus.

Every string is drawn as-is with drawString (no Paragraph markup, which would collapse
spaces and interpret "<" in cells), pre-wrapped by `wrap` so numbers stay whole.
Tables are boxed with ruling lines so pdfplumber's default "lines" strategy finds them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Table,
    TableStyle,
)

from .fonts import (
    FONT,
    META_SIZE,
    PROSE_LEADING,
    PROSE_SIZE,
    TABLE_LEADING,
    TABLE_SIZE,
    TITLE_SIZE,
    register,
    text_width,
)
from .grid import is_number
from .model import Document, Grid, Line, Meta, Para, TableBlock, Title
from .wrap import min_token_width, visual_width, wrap

MARGIN = 56.0  # ~2 cm
PAD = 3.0  # cell padding, points
LANDSCAPE_COLS = 10  # tables this wide go on a landscape page
SHORT_LABEL = 20  # half-width units: labels up to 10 CJK characters are not wrapped


class TextBlock(Flowable):  # type: ignore[misc]
    """Lines of text wrapped to the frame; splits across pages between lines."""

    def __init__(
        self,
        text: str | None,
        size: float = PROSE_SIZE,
        leading: float = PROSE_LEADING,
        align: str = "left",
        space_after: float = 4.0,
        keep_with_next: bool = False,
        lines: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.text = text
        self.size = size
        self.leading = leading
        self.align = align
        self.space_after = space_after
        self.keepWithNext = keep_with_next
        self._lines = lines
        self._width = 0.0

    def _layout(self, avail_width: float) -> list[str]:
        if self._lines is None or (self.text is not None and avail_width != self._width):
            self._lines = wrap(self.text or "", avail_width, self.size)
            self._width = avail_width
        return self._lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = len(self._layout(avail_width)) * self.leading + self.space_after
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        lines = self._layout(avail_width)
        fit = int((avail_height - self.space_after) // self.leading)
        if fit <= 0 or fit >= len(lines):
            return []
        common: dict[str, Any] = {"size": self.size, "leading": self.leading, "align": self.align}
        return [
            TextBlock(None, space_after=0.0, lines=lines[:fit], **common),
            TextBlock(None, space_after=self.space_after, lines=lines[fit:], **common),
        ]

    def draw(self) -> None:
        canv = self.canv
        canv.setFont(FONT, self.size)
        lines = self._lines or []
        top = len(lines) * self.leading + self.space_after
        for k, line in enumerate(lines):
            y = top - (k + 1) * self.leading + (self.leading - self.size) / 2 + 1
            if self.align == "center":
                canv.drawCentredString(self.width / 2, y, line)
            else:
                canv.drawString(0, y, line)


class MetaLine(Flowable):  # type: ignore[misc]
    """Unit / year line over a table: first part left, last right, middle centred."""

    def __init__(self, parts: list[str]) -> None:
        super().__init__()
        self.parts = parts
        self.keepWithNext = True

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, META_SIZE + 8
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.setFont(FONT, META_SIZE)
        y = 5.0
        parts = self.parts
        canv.drawString(0, y, parts[0])
        if len(parts) >= 2:
            canv.drawRightString(self.width, y, parts[-1])
        for k, part in enumerate(parts[1:-1], start=1):
            canv.drawCentredString(self.width * k / (len(parts) - 1), y, part)


def column_widths(grid: Grid, avail: float) -> list[float]:
    """Share the frame width: every column gets its widest unbreakable word, the rest is
    shared by how much each column would need to print its cells on one line."""
    n = grid.ncols
    floor = 2 * text_width("国", TABLE_SIZE) + 2 * PAD
    natural = [floor] * n
    minimum = [floor] * n
    labels = [floor] * n  # short labels (<= 10 CJK chars) kept on one line if room allows
    for row in grid.rows:
        for c, cell in enumerate(row):
            if cell is None:
                continue
            if cell.colspan > 1:  # a merged cell's longest word must fit across its span
                share = (min_token_width(cell.text, TABLE_SIZE) + 2 * PAD) / cell.colspan
                for cc in range(c, c + cell.colspan):
                    minimum[cc] = max(minimum[cc], share)
                    natural[cc] = max(natural[cc], share)
                continue
            widest = max(text_width(part, TABLE_SIZE) for part in cell.text.split("\n"))
            natural[c] = max(natural[c], widest + 2 * PAD)
            minimum[c] = max(minimum[c], min_token_width(cell.text, TABLE_SIZE) + 2 * PAD)
            if visual_width(cell.text) <= SHORT_LABEL:
                labels[c] = max(labels[c], widest + 2 * PAD)
    labels = [max(a, b) for a, b in zip(labels, minimum, strict=True)]
    if sum(labels) <= avail:
        minimum = labels
    if sum(natural) <= avail:
        return [w * avail / sum(natural) for w in natural]
    spare = avail - sum(minimum)
    if spare <= 0:
        return [w * avail / sum(minimum) for w in minimum]
    stretch = [nat - low for nat, low in zip(natural, minimum, strict=True)]
    total = sum(stretch) or 1.0
    return [low + spare * s / total for low, s in zip(minimum, stretch, strict=True)]


def make_table(grid: Grid, avail: float) -> Table:
    widths = column_widths(grid, avail)
    nrows = len(grid.rows)
    data: list[list[str]] = [[""] * grid.ncols for _ in range(nrows)]
    heights = [max(grid.min_row_height, TABLE_LEADING + 2 * PAD)] * nrows
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE, TABLE_LEADING),
        ("GRID", (0, 0), (-1, -1), 0.6, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
    ]
    spanned: list[tuple[int, int, float]] = []  # (first row, last row, height needed)
    for r, row in enumerate(grid.rows):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            inner = sum(widths[c : c + cell.colspan]) - 2 * PAD
            lines = wrap(cell.text, inner, TABLE_SIZE) if cell.text.strip() else [""]
            data[r][c] = "\n".join(lines)
            need = len(lines) * TABLE_LEADING + 2 * PAD
            if cell.colspan > 1 or cell.rowspan > 1:
                style.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
            if cell.rowspan > 1:
                spanned.append((r, r + cell.rowspan - 1, need))
            else:
                heights[r] = max(heights[r], need)
            if r < grid.header_rows:
                style.append(("ALIGN", (c, r), (c, r), "CENTER"))
            elif grid.numeric_right and is_number(cell.text):
                style.append(("ALIGN", (c, r), (c, r), "RIGHT"))
    for first, last, need in spanned:  # a tall merged cell stretches its last row
        have = sum(heights[first : last + 1])
        if have < need:
            heights[last] += need - have
    table = Table(data, colWidths=widths, rowHeights=heights, repeatRows=grid.header_rows)
    table.setStyle(TableStyle(style))
    table.hAlign = "CENTER"
    return table


def _footer(canv: Canvas, doc: BaseDocTemplate) -> None:
    canv.saveState()
    canv.setFont(FONT, 9)
    width = canv._pagesize[0]
    canv.drawCentredString(width / 2, MARGIN / 2, f"- {canv.getPageNumber()} -")
    canv.restoreState()


def _template(name: str, size: tuple[float, float]) -> PageTemplate:
    frame = Frame(
        MARGIN,
        MARGIN,
        size[0] - 2 * MARGIN,
        size[1] - 2 * MARGIN,
        id=name,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    return PageTemplate(id=name, frames=[frame], pagesize=size, onPage=_footer)


def _is_head(f: Flowable) -> bool:
    return bool(getattr(f, "keepWithNext", False))


def build_story(doc: Document) -> list[Flowable]:
    """Flowables in reading order; wide tables move, with their title, to landscape."""
    story: list[Flowable] = []
    landscape_mode = False
    portrait_width = A4[0] - 2 * MARGIN
    landscape_width = landscape(A4)[0] - 2 * MARGIN
    for block in doc.blocks:
        if isinstance(block, TableBlock):
            wide = block.grid.ncols >= LANDSCAPE_COLS
            if wide and not landscape_mode:
                heads: list[Flowable] = []
                while story and _is_head(story[-1]):
                    heads.insert(0, story.pop())
                story += [NextPageTemplate("landscape"), PageBreak(), *heads]
                landscape_mode = True
            elif not wide and landscape_mode:
                heads = []
                while story and _is_head(story[-1]):
                    heads.insert(0, story.pop())
                story += [NextPageTemplate("portrait"), PageBreak(), *heads]
                landscape_mode = False
            width = landscape_width if landscape_mode else portrait_width
            story.append(make_table(block.grid, width))
            story.append(TextBlock("", size=4, leading=4, space_after=6))
            continue
        is_note = isinstance(block, Line) and block.text.startswith("注：")
        if landscape_mode and not is_note and not isinstance(block, Title | Meta):
            # notes stay under their wide table; titles wait to see what table follows
            story += [NextPageTemplate("portrait"), PageBreak()]
            landscape_mode = False
        if isinstance(block, Title):
            story.append(
                TextBlock(
                    block.text,
                    size=TITLE_SIZE,
                    leading=TITLE_SIZE + 6,
                    align="center",
                    keep_with_next=True,
                )
            )
        elif isinstance(block, Meta):
            story.append(MetaLine(block.parts))
        elif isinstance(block, Line):
            story.append(TextBlock(block.text, space_after=2.0))
        elif isinstance(block, Para):
            story.append(TextBlock(block.text))
    return story


def render(doc: Document, pdf_path: Path, title: str) -> None:
    register()
    pdf = BaseDocTemplate(
        str(pdf_path),
        pagesize=A4,
        invariant=1,  # fixed timestamps and document ID: same bytes every run
        title=title,
        author="testkit.pdfgen",
        creator="testkit.pdfgen",
        producer="testkit.pdfgen",
        subject="部门预算信息公开 test fixture",
    )
    pdf.addPageTemplates([_template("portrait", A4), _template("landscape", landscape(A4))])
    pdf.build(build_story(doc))
