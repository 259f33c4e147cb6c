"""Read the fixtures back with pdfplumber and check nothing was lost.

    python -m tests.pdfgen.check_roundtrip OUT_DIR [SRC_DIR]

For every reference PDF: page count, tables per page (default "lines" strategy), and
  * every table cell we drew comes back as one pdfplumber cell with the same text
    (whitespace aside: wrapping turns spaces into, or adds, line breaks);
  * independently of our parser, every cell / line of the source text is found in the
    PDF's text or cells, and every number of the source appears whole;
  * for 003, whose header lines are jumbled in the source, every character of those
    header lines appears in the PDF (the rebuilt headers regroup them).
Then the bad PDFs in OUT_DIR/bad, if present. Exit status 1 on any miss.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pdfplumber

from .layouts import detect, parse
from .model import Line, Meta, Para, TableBlock, Title
from .parse_cells import BOOKMARK

FOOTER = 40.0  # page numbers live below this distance from the bottom edge
_WS = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def squash(text: str) -> str:
    return _WS.sub("", text)


def _read(pdf_path: Path) -> tuple[list[int], list[str], list[str], list[list[list[str | None]]]]:
    """Tables per page, page texts (footer cut off), all cells, and the tables."""
    counts: list[int] = []
    texts: list[str] = []
    cells: list[str] = []
    tables: list[list[list[str | None]]] = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            body = page.within_bbox((0, 0, page.width, page.height - FOOTER))
            found = body.extract_tables()
            counts.append(len(found))
            tables += found
            texts.append(body.extract_text() or "")
            cells += [c for t in found for row in t for c in row if c]
    return counts, texts, cells, tables


def _source_units(text: str) -> list[str]:
    """What a reader of the text file sees as one piece: a cell, a line, a token."""
    text = BOOKMARK.sub("", text)
    layout = detect(text)
    units: list[str] = []
    if layout == "cells":
        for line in text.split("\n"):
            units.append(line.strip("\t").replace("\t", " "))
    elif layout == "tsv":
        for line in text.split("\n"):
            line = re.sub(r"^(\*\*|#+ )|\*\*\s*$", "", line.strip())
            units += line.split("\t")
    else:
        in_header = False
        for line in text.split("\n"):
            s = line.strip()
            if "预算年度：" in s or s == "部门政府采购预算":
                in_header = True  # jumbled header lines: checked by characters instead
            if s.startswith("栏次") or s.startswith("注："):
                in_header = False
            if not in_header:
                units += s.split()
    return [u for u in (squash(u) for u in units) if u]


def _header_chars(text: str) -> set[str]:
    chars: set[str] = set()
    in_header = False
    for line in text.split("\n"):
        s = line.strip()
        if "预算年度：" in s or s == "部门政府采购预算":
            in_header = True
        if s.startswith("栏次") or s.startswith("注："):
            in_header = False
        if in_header:
            chars |= set(squash(s))
    return chars


def _first_rows_repeat(tables: list[list[list[str | None]]], counts: list[int]) -> int:
    """Tables that continue onto the next page with their header row repeated."""
    pages: list[list[list[list[str | None]]]] = []
    k = 0
    for n in counts:
        pages.append(tables[k : k + n])
        k += n
    hits = 0
    for this, nxt in pairwise(pages):
        if this and nxt and this[-1][0] == nxt[0][0] and len(this[-1]) > 3:
            hits += 1
    return hits


def check_document(src: Path, pdf_path: Path) -> list[str]:
    text = src.read_text(encoding="utf-8")
    counts, texts, cells, tables = _read(pdf_path)
    page_text = "\n".join(texts)
    hay = squash(page_text) + "\x00" + "\x00".join(squash(c) for c in cells)
    raw_hay = page_text + "\n" + "\n".join(cells)
    problems: list[str] = []

    # 1. cells we drew == cells pdfplumber returns
    doc = parse(text)
    drawn = Counter(
        squash(t) for b in doc.blocks if isinstance(b, TableBlock) for t in b.grid.texts()
    )
    got = Counter(squash(c) for c in cells)
    for cell, n in (drawn - got).items():
        problems.append(f"cell not read back as a cell ({n}x): {cell[:60]!r}")
    for b in doc.blocks:
        if isinstance(b, Para | Line | Title):
            if squash(b.text) not in hay:
                problems.append(f"text not found: {b.text[:60]!r}")
        elif isinstance(b, Meta):
            problems += [f"meta not found: {p!r}" for p in b.parts if squash(p) not in hay]

    # 2. the source, read without our parser
    for unit in dict.fromkeys(_source_units(text)):
        if unit not in hay:
            problems.append(f"source piece not found: {unit[:60]!r}")
    for num in dict.fromkeys(_NUMBER.findall(BOOKMARK.sub("", text))):
        if not re.search(rf"(?<![\d.]){re.escape(num)}(?![\d])", raw_hay):
            problems.append(f"number not found whole: {num}")
    missing_chars = _header_chars(text) - set(hay)
    if missing_chars:
        problems.append(f"header characters missing: {''.join(sorted(missing_chars))}")

    with pdfplumber.open(pdf_path) as pdf:
        wide = sum(1 for p in pdf.pages if p.width > p.height)
    continued = _first_rows_repeat(tables, counts)
    print(
        f"{pdf_path.name}: {len(counts)} pages, tables/page {counts}, "
        f"landscape pages {wide}, tables continued with header {continued}, "
        f"cells {sum(drawn.values())}, misses {len(problems)}"
    )
    return problems


def check_bad(bad_dir: Path) -> list[str]:
    problems: list[str] = []

    def opens(path: Path) -> int | None:
        """Page count, or None when pdfplumber cannot open or parse it."""
        try:
            with pdfplumber.open(path) as pdf:
                return len(pdf.pages) if pdf.pages else 0
        except Exception:  # any failure is the expected outcome
            return None

    try:
        with pdfplumber.open(bad_dir / "encrypted.pdf") as pdf:
            _ = pdf.pages[0].extract_text()
        problems.append("encrypted.pdf opened without a password")
    except Exception as exc:
        print(f"encrypted: refused ({type(exc).__name__})")
    with pdfplumber.open(bad_dir / "encrypted.pdf", password="fixture") as pdf:
        if "ENCRYPTED BUDGET FIXTURE" not in (pdf.pages[0].extract_text() or ""):
            problems.append("encrypted.pdf: wrong content with the password")
    for name in ("truncated", "damaged"):
        n = opens(bad_dir / f"{name}.pdf")
        print(f"{name}: {'refused' if n is None else f'{n} pages'}")
        if n:
            problems.append(f"{name}.pdf yields {n} pages")
    with pdfplumber.open(bad_dir / "scanned.pdf") as pdf:
        page = pdf.pages[0]
        print(f"scanned: {len(pdf.pages)} page, {len(page.chars)} chars, {len(page.images)} images")
        if len(pdf.pages) != 1 or page.chars or len(page.images) != 1:
            problems.append("scanned.pdf is not one image-only page")
    with pdfplumber.open(bad_dir / "not_budget.pdf") as pdf:
        menu = pdf.pages[0].extract_text() or ""
        print(f"not_budget: {menu.splitlines()[0]!r}")
        if "菜单" not in menu or "预算" in menu:
            problems.append("not_budget.pdf is not a menu")
    with pdfplumber.open(bad_dir / "many_pages.pdf") as pdf:
        size = (bad_dir / "many_pages.pdf").stat().st_size
        print(f"many_pages: {len(pdf.pages)} pages, {size} bytes")
        if len(pdf.pages) != 3000:
            problems.append("many_pages.pdf does not have 3000 pages")
    return problems


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m tests.pdfgen.check_roundtrip OUT_DIR [SRC_DIR]", file=sys.stderr)
        return 2
    out_dir = Path(argv[0])
    default_src = Path(__file__).resolve().parents[2] / "data" / "sources"
    src_dir = Path(argv[1]) if len(argv) > 1 else default_src
    failed = False
    for src in sorted(src_dir.glob("*.txt")):
        problems = check_document(src, out_dir / f"{src.stem}.pdf")
        for p in problems:
            print("   MISS", p)
        failed |= bool(problems)
    if (out_dir / "bad").is_dir():
        problems = check_bad(out_dir / "bad")
        for p in problems:
            print("   FAIL", p)
        failed |= bool(problems)
    print("FAILED" if failed else "OK")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
