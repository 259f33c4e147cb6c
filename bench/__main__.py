"""`make bench`: PDF ingest speed against a bare pdfplumber pass over the same PDFs.

The five reference documents are rendered as PDFs (testkit/pdfgen) and copied N times with
distinct bytes (a comment after %%EOF), so every copy is a document of its own.  Three
passes over the same files, one after the other on this machine:

* bare pdfplumber: open every page, extract_text() and extract_tables() — what a pipeline
  that hands every page to pdfplumber pays;
* our ingest, one worker: pypdfium2 triage, pdfplumber only on ruled pages, full recognition
  and Parquet landing;
* our ingest, all cores.

Then, when ../shared/real/wild exists beside the repository, the same comparison on real
published PDFs (WPS, Excel, Word exports; some damaged, some without a text layer): a
bare pdfplumber pass and our ingest with all cores, pages per second on real documents.

Last, OCR: the first pages of a scan of ../shared/real/scanned read by OCR (bench/ocr.py),
pages per second in one process; its own row, since a scanned page costs seconds.

Timings on shared machines are noisy: compare the ratios of one run, not absolute seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import pdfplumber
from rich.console import Console
from rich.table import Table

from bench.ocr import ocr_pass
from medins.batch import ingest_folder
from medins.paths import DataPaths
from testkit.pdfgen import render_all

REPO_ROOT = Path(__file__).resolve().parents[1]
WILD = REPO_ROOT.parent / "shared" / "real" / "wild"


def make_corpus(folder: Path, copies: int) -> tuple[list[Path], int]:
    rendered = render_all(REPO_ROOT / "data" / "sources", folder / "rendered")
    corpus = folder / "pdfs"
    corpus.mkdir()
    files: list[Path] = []
    pages = 0
    for copy in range(copies):
        for pdf in rendered:
            target = corpus / f"{pdf.stem}-{copy:03d}.pdf"
            target.write_bytes(pdf.read_bytes() + f"%bench copy {copy}\n".encode())
            files.append(target)
    for pdf in rendered:
        with pdfplumber.open(pdf) as opened:
            pages += len(opened.pages) * copies
    return files, pages


def bare_pdfplumber(files: list[Path]) -> float:
    started = time.perf_counter()
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                page.flush_cache()
    return time.perf_counter() - started


def page_count(path: Path) -> int:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError:
        return 0  # damaged: pdfium cannot open it, and neither pass gets pages from it
    try:
        return len(document)
    finally:
        document.close()


def bare_pdfplumber_tolerant(files: list[Path]) -> tuple[dict[Path, float], int]:
    """A bare pass over real files, some of which pdfplumber cannot open: (seconds of each
    file, failed)."""
    seconds: dict[Path, float] = {}
    failed = 0
    for path in files:
        started = time.perf_counter()
        try:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.extract_tables()
                    page.flush_cache()
        except Exception:  # a damaged real file: counted, the pass goes on
            failed += 1
        seconds[path] = time.perf_counter() - started
    return seconds, failed


def wild_pass(
    folder: Path, limit: int, cores: int, console: Console
) -> tuple[dict[str, float], Table] | None:
    """Pages per second on the real PDFs of ../shared/real/wild (skipped when absent)."""
    if not WILD.is_dir() or limit == 0:
        console.print(
            "real PDFs: ../shared/real/wild is absent (or --wild 0): real-document pass skipped"
        )
        return None
    files = sorted(WILD.glob("*.pdf"))[: limit if limit > 0 else None]
    sources = folder / "wild"
    sources.mkdir()
    for path in files:
        shutil.copy(path, sources / path.name)
    pages = sum(page_count(path) for path in files)
    bare_each, bare_failed = bare_pdfplumber_tolerant(files)
    bare = sum(bare_each.values())
    shutil.rmtree(folder / "wild-out", ignore_errors=True)
    started = time.perf_counter()
    report = ingest_folder(sources, DataPaths(folder / "wild-out"), workers=cores)
    ours = time.perf_counter() - started
    # documents with pages read by OCR cost seconds a page, which the bare pass never pays
    # (it reads no image): the same comparison again without them, on the same bare timings
    scanned = [path for path in files if has_scanned_pages(path)]
    digital = [path for path in files if path not in scanned]
    digital_sources = folder / "wild-digital"
    digital_sources.mkdir()
    for path in digital:
        shutil.copy(path, digital_sources / path.name)
    digital_pages = sum(page_count(path) for path in digital)
    digital_bare = sum(bare_each[path] for path in digital)
    started = time.perf_counter()
    ingest_folder(digital_sources, DataPaths(folder / "wild-digital-out"), workers=cores)
    digital_ours = time.perf_counter() - started
    table = Table(title=f"Real PDFs (../shared/real/wild): {len(files)} files, {pages} pages")
    for column in ("pass", "seconds", "pages/s", "× bare pdfplumber"):
        table.add_column(column, justify="right")
    table.add_row(
        f"bare pdfplumber (1 process; {bare_failed} files it cannot open)",
        f"{bare:.1f}",
        f"{pages / bare:.1f}",
        "1.00",
    )
    table.add_row(
        f"our ingest, {cores} workers ({report.documents} read, {report.rejected} rejected, "
        f"{len(scanned)} with pages OCR reads)",
        f"{ours:.1f}",
        f"{pages / ours:.1f}",
        f"{bare / ours:.2f}",
    )
    table.add_row(
        f"without the OCR'd files ({len(digital)} files, {digital_pages} pages): bare pdfplumber",
        f"{digital_bare:.1f}",
        f"{digital_pages / digital_bare:.1f}",
        "1.00",
    )
    table.add_row(
        f"without the OCR'd files: our ingest, {cores} workers",
        f"{digital_ours:.1f}",
        f"{digital_pages / digital_ours:.1f}",
        f"{digital_bare / digital_ours:.2f}",
    )
    return {
        "wild_pdfs": len(files),
        **_side_by_side("wild", pages, bare, ours),
        "wild_read": report.documents,
        "wild_rejected": report.rejected,
        "wild_documents_with_ocr_pages": len(scanned),
        **_side_by_side("wild_digital", digital_pages, digital_bare, digital_ours),
    }, table


def _side_by_side(prefix: str, pages: int, bare: float, ours: float) -> dict[str, float]:
    """One pass's pages, both timings, our pages a second and the ratio, as JSON keys."""
    return {
        f"{prefix}_pages": pages,
        f"{prefix}_bare_pdfplumber_s": round(bare, 2),
        f"{prefix}_ingest_all_workers_s": round(ours, 2),
        f"{prefix}_pages_per_s_all_workers": round(pages / ours, 1),
        f"{prefix}_ratio_all_workers": round(bare / ours, 2),
    }


def has_scanned_pages(path: Path) -> bool:
    """Has the file a page the ingest sends to OCR (the reader's own rule)?"""
    import pypdfium2

    from ingest.readers.pdf.objects import inventory
    from ingest.readers.pdf.reader import is_scanned

    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError:
        return False
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            if is_scanned(textpage.get_text_range(), inventory(page)):
                return True
        return False
    finally:
        document.close()


def our_ingest(sources: Path, data_dir: Path, workers: int) -> float:
    shutil.rmtree(data_dir, ignore_errors=True)
    started = time.perf_counter()
    report = ingest_folder(sources, DataPaths(data_dir), workers=workers)
    elapsed = time.perf_counter() - started
    assert report.rejected == 0, "every benchmark PDF must be read"
    return elapsed


def text_ingest(data_dir: Path) -> tuple[float, int]:
    shutil.rmtree(data_dir, ignore_errors=True)
    started = time.perf_counter()
    report = ingest_folder(REPO_ROOT / "data" / "sources", DataPaths(data_dir), workers=1)
    return time.perf_counter() - started, report.documents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: python -m bench --copies 10",
    )
    parser.add_argument(
        "--copies",
        type=int,
        default=10,
        help="copies of the five reference PDFs (default %(default)s)",
    )
    parser.add_argument(
        "--wild",
        type=int,
        default=-1,
        help="real PDFs of ../shared/real/wild to time (default all; 0 skips the pass)",
    )
    parser.add_argument(
        "--ocr-pages",
        type=int,
        default=5,
        help="pages of a scan of ../shared/real/scanned to read by OCR (default 5; 0 skips)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    console = Console(width=120)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="medins-bench-") as scratch:
        folder = Path(scratch)
        files, pages = make_corpus(folder, args.copies)
        console.print(f"{len(files)} PDFs, {pages} pages; {cores} cores")
        bare = bare_pdfplumber(files)
        serial = our_ingest(folder / "pdfs", folder / "out1", workers=1)
        parallel = our_ingest(folder / "pdfs", folder / "outN", workers=cores)
        text_seconds, text_docs = text_ingest(folder / "text")
        wild = wild_pass(folder, args.wild, cores, console)
    scanned = ocr_pass(args.ocr_pages)
    table = Table(title="PDF ingest, same files, one run")
    for column in ("pass", "seconds", "pages/s", "× bare pdfplumber"):
        table.add_column(column, justify="right")
    rows = {
        "bare pdfplumber (text + tables, 1 process)": bare,
        "our ingest, 1 worker": serial,
        f"our ingest, {cores} workers": parallel,
    }
    for name, seconds in rows.items():
        table.add_row(name, f"{seconds:.1f}", f"{pages / seconds:.1f}", f"{bare / seconds:.2f}")
    if scanned:  # scanned pages have no text layer: no bare pdfplumber pass to compare with
        table.add_row(
            f"OCR of a scan, 1 process ({scanned['ocr_pages']} pages of {scanned['ocr_file']})",
            f"{scanned['ocr_s']}",
            f"{scanned['ocr_pages_per_s']}",
            "-",
        )
    console.print(table)
    console.print(
        f"text documents: {text_docs} read in {text_seconds:.2f}s "
        f"({text_docs / text_seconds:.1f} documents/s, 1 worker)"
    )
    figures = {
        "pdfs": len(files),
        "pages": pages,
        "cores": cores,
        "bare_pdfplumber_s": round(bare, 2),
        "ingest_1_worker_s": round(serial, 2),
        "ingest_all_workers_s": round(parallel, 2),
        "pages_per_s_all_workers": round(pages / parallel, 1),
        "ratio_1_worker": round(bare / serial, 2),
        "ratio_all_workers": round(bare / parallel, 2),
        "text_documents_per_s": round(text_docs / text_seconds, 1),
    }
    if scanned:
        figures.update(scanned)
    if wild:
        figures.update(wild[0])
        console.print(wild[1])
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
