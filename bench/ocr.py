"""OCR speed: pages per second of scanned pages (``../shared/real/scanned``), one process.

A scanned page costs seconds (rendering, deskew, ruling lines, PP-OCR recognition of every
cell and detection of the prose), against milliseconds for a page with a text layer, so it
is its own row of ``make bench``.  ``python -m bench.ocr --pages 5`` times one document
alone.
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

import pypdfium2 as pdfium

from ingest.limits import Limits
from ingest.model import IssueLog
from ingest.readers.pdf import ocr
from ingest.readers.pdf.reader import read_pdf

SCANNED = Path(__file__).resolve().parents[1].parent / "shared" / "real" / "scanned"


def ocr_pass(pages: int, path: Path | None = None) -> dict[str, float | int | str] | None:
    """Read the first ``pages`` pages of one scan by OCR: wall and CPU seconds per page.
    None when there is no scan beside the repository (or ``pages`` is 0)."""
    files = sorted(SCANNED.glob("*.pdf")) if SCANNED.is_dir() else []
    path = path or (files[0] if files else None)
    if path is None or pages == 0:
        return None
    source = pdfium.PdfDocument(path.read_bytes())
    part = pdfium.PdfDocument.new()
    part.import_pages(source, list(range(min(pages, len(source)))))
    buffer = io.BytesIO()
    part.save(buffer)
    ocr.load_models()  # once per process (~2 s): not a cost of the pages
    started, cpu = time.perf_counter(), time.process_time()
    read = read_pdf(buffer.getvalue(), Limits(), log=IssueLog())
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    count = len(read.ocr_pages)
    return {
        "ocr_file": path.name,
        "ocr_pages": count,
        "ocr_s": round(wall, 2),
        "ocr_pages_per_s": round(count / wall, 3),
        "ocr_cpu_s_per_page": round(cpu / max(count, 1), 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ocr", description=__doc__)
    parser.add_argument("--pages", type=int, default=5, help="pages of the scan (default 5)")
    parser.add_argument("--file", type=Path, help="a scanned PDF (default: the first scan)")
    args = parser.parse_args(argv)
    figures = ocr_pass(args.pages, args.file)
    if figures is None:
        print("OCR: ../shared/real/scanned is absent: OCR pass skipped")
        return 0
    print(
        f"OCR of {figures['ocr_file']}: {figures['ocr_pages']} pages in {figures['ocr_s']} s, "
        f"{figures['ocr_pages_per_s']} pages/s, {figures['ocr_cpu_s_per_page']} CPU s a page"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
