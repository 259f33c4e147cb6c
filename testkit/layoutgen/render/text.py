"""Text renderings of a document: the layouts text exports and copy-pastes leave.

* ``cells``: one cell per tab-indented line, a blank line after each row (Word/WPS export,
  like reference file 001/004);
* ``tsv``: a row per line, cells split by tabs; ``pipe``: ``| a | b |`` rows from web pages;
  ``csv``: quoted comma-separated rows;
* ``spaced``: PDF text: cells joined by spaces, blank cells lost, prose wrapped (like 003).

Merged header cells are flattened the way a text export flattens them: a cell spanning
columns is written once, a cell spanning rows leaves an empty cell in the rows below.
"""

from __future__ import annotations

import csv
import io
import textwrap

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
