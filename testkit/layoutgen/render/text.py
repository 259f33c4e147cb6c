"""Text renderings of a document: the layouts text exports and copy-pastes leave.

* ``cells``: one cell per tab-indented line, a blank line after each row (Word/WPS export,
  like reference file 001/004);
* ``tsv``: a row per line, cells split by tabs; ``pipe``: ``| a | b |`` rows from web pages;
  ``csv``: quoted comma-separated rows;
* ``spaced``: PDF text: cells joined by spaces, blank cells lost, prose wrapped (like 003);
* ``aligned``: a layout text export (``pdftotext -layout``): columns aligned with spaces by
  display width (a CJK or full-width character is two columns), a blank cell left as blanks
  at its position, merged header cells centred (or left-aligned) over the columns they span.

Merged header cells are flattened the way a text export flattens them: a cell spanning
columns is written once, a cell spanning rows leaves an empty cell in the rows below.
"""

from __future__ import annotations

import csv
import hashlib
import io
import textwrap
import unicodedata

from testkit.layoutgen.model import Document, Heading, Para, Table

PROSE_WIDTH = 42  # characters per line of PDF text


def flat_rows(table: Table) -> list[list[str]]:
    """Header rows as a text export writes them, then the body rows."""
    rows: list[list[str]] = []
    grid = table.header_grid()
    for r, row in enumerate(grid):
        out: list[str] = []
        c = 0
        while c < table.width:
            head = row[c]
            if head is not None:
                out.append(head.text)
                c += head.colspan
                continue
            above = _anchor_above(grid, r, c)
            out.append("")
            c += above.colspan if above is not None else 1
        rows.append(out)
    rows.extend(list(row) for row in table.rows)
    return rows


def _anchor_above(grid: list[list[object]], r: int, c: int):  # type: ignore[no-untyped-def]
    for rr in range(r - 1, -1, -1):
        head = grid[rr][c]
        if head is not None:
            return head
    return None


def _text_lines(doc: Document, table_lines) -> str:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading | Para):
            lines.append(block.text)
        else:
            lines.extend(table_lines(block))
    return "\n".join(lines) + "\n"


def render_cells(doc: Document) -> bytes:
    def table(t: Table) -> list[str]:
        out = [t.title]
        for row in [list(t.meta), *flat_rows(t)]:
            if not row:
                continue
            out.extend(f"\t{cell}" for cell in row)
            out.append("")
        out.extend(t.notes)
        return out

    return _text_lines(doc, table).encode("utf-8")


def render_tsv(doc: Document) -> bytes:
    def table(t: Table) -> list[str]:
        rows = [list(t.meta), *flat_rows(t)]
        return [t.title, *("\t".join(row) for row in rows if row), *t.notes]

    return _text_lines(doc, table).encode("utf-8")


def render_pipe(doc: Document) -> bytes:
    def table(t: Table) -> list[str]:
        rows = flat_rows(t)
        out = [f"**{t.title}**", "    ".join(t.meta)]
        out.append("| " + " | ".join(rows[0]) + " |")
        out.append("|" + "---|" * len(rows[0]))
        out.extend("| " + " | ".join(row) + " |" for row in rows[1:])
        out.extend(t.notes)
        return out

    lines: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines.append("#" * max(block.level, 1) + " " + block.text)
        elif isinstance(block, Para):
            lines.append(block.text)
        else:
            lines.extend(table(block))
        lines.append("")
    return ("\n".join(lines) + "\n").encode("utf-8")


def render_csv(doc: Document) -> bytes:
    def table(t: Table) -> list[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow([t.title])
        writer.writerow(list(t.meta))
        writer.writerows(flat_rows(t))
        for note in t.notes:
            writer.writerow([note])
        return buffer.getvalue().splitlines()

    return _text_lines(doc, table).encode("utf-8")


def render_spaced(doc: Document) -> bytes:
    def table(t: Table) -> list[str]:
        out = [f" {t.title}", " ".join(t.meta), ""]
        for row in flat_rows(t):
            cells = [cell.replace("\n", " ") for cell in row if cell.strip()]
            if cells:
                out.append(" ".join(cells))
                out.append("")
        out.extend(t.notes)
        return out

    lines: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines.append(block.text)
        elif isinstance(block, Para):
            lines.extend(textwrap.wrap(block.text, PROSE_WIDTH) or [""])
            lines.append("")
        else:
            lines.extend(table(block))
    return ("\n".join(lines) + "\n").encode("utf-8")


def display_width(text: str) -> int:
    """Columns a monospaced terminal gives the text: East Asian wide and full-width are two."""
    return sum(
        0
        if unicodedata.combining(char)
        else 2
        if unicodedata.east_asian_width(char) in ("W", "F")
        else 1
        for char in text
    )


def _padded(text: str, width: int, align: str) -> str:
    room = max(width - display_width(text), 0)
    if align == "right":
        return " " * room + text
    if align == "centre":
        return " " * (room // 2) + text + " " * (room - room // 2)
    return text + " " * room


def _aligned_table(t: Table, gap: int, header_align: str, indent: int) -> list[str]:
    """The table as a layout export draws it: every column as wide as its widest cell."""
    grid = t.header_grid()
    width = t.width
    body = [[cell.replace("\n", "") for cell in row] for row in t.rows]
    numeric = [any(_is_figure(row[c]) for row in body if c < len(row)) for c in range(width)]
    widths = [0] * width
    for row in body:
        for c, cell in enumerate(row[:width]):
            widths[c] = max(widths[c], display_width(cell))
    spans: list[tuple[int, int, str]] = []  # (first column, last column, text) per header cell
    for row in grid:
        for c, head in enumerate(row):
            if head is not None:
                spans.append((c, c + head.colspan - 1, head.text.replace("\n", "")))
    for first, last, text in sorted(spans, key=lambda span: span[1] - span[0]):
        room = sum(widths[first : last + 1]) + gap * (last - first)
        if display_width(text) > room:
            widths[last] += display_width(text) - room
    starts = [indent]
    for c in range(1, width):
        starts.append(starts[-1] + widths[c - 1] + gap)

    def line(pieces: list[tuple[int, str]]) -> str:
        out = ""
        for start, text in pieces:
            out += " " * max(start - display_width(out), 0) + text
        return out.rstrip()

    out = [" " * indent + t.title, "    ".join(t.meta), ""]
    for row in grid:
        pieces = []
        for c, head in enumerate(row):
            if head is None:
                continue
            last = c + head.colspan - 1
            room = starts[last] + widths[last] - starts[c]
            align = header_align if head.colspan > 1 or header_align != "centre" else "centre"
            pieces.append((starts[c], _padded(head.text.replace("\n", ""), room, align)))
        out.append(line(pieces))
    for row in body:
        pieces = []
        for c, cell in enumerate(row[:width]):
            if cell:
                align = "right" if numeric[c] and _is_figure(cell) else "left"
                pieces.append((starts[c], _padded(cell, widths[c], align)))
        out.append(line(pieces))
    out.extend(t.notes)
    out.append("")
    return out


def _is_figure(cell: str) -> bool:
    return (
        bool(cell)
        and cell.replace(",", "").replace(".", "").replace("-", "").isdigit()
        and ("." in cell or len(cell) < 3)
    )


def render_aligned(doc: Document) -> bytes:
    """Each document draws its own variant: column gap, header alignment, left margin."""
    seed = int(hashlib.sha256(doc.name.encode()).hexdigest(), 16)
    gap = 1 + seed % 3
    header_align = ("centre", "left", "centre", "right")[(seed // 3) % 4]
    indent = (0, 2)[(seed // 6) % 2]
    lines: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines.append(block.text)
        elif isinstance(block, Para):
            lines.extend(textwrap.wrap(block.text, PROSE_WIDTH) or [""])
            lines.append("")
        else:
            lines.extend(_aligned_table(block, gap, header_align, indent))
    return ("\n".join(lines) + "\n").encode("utf-8")
