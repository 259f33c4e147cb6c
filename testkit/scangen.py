"""A desk scanner: a PDF as a scanner returns it, for tests of OCR on documents we know.

Every page is rasterised (pdfium) in grey at 200 dpi, turned by a small angle, slightly
blurred and stored as JPEG, then bound as a PDF of images with **no text layer** — the
treatment of ``../shared/real/scanned`` (its README), applied to documents whose every figure
is known (the reference PDFs of ``testkit/pdfgen/reference``).  Seeded: the same call gives
the same scan, byte for byte.

    from testkit.scangen import scan
    scanned = scan(pages_of(pdf_bytes, [1, 2, 3]), seed="hezheng")

Nothing here reads a figure: the product alone does.
"""

from __future__ import annotations

import io
import random
import time

import pypdfium2 as pdfium
from PIL import Image, ImageFilter

DPI = 200
MAX_TURN_DEGREES = 0.6  # a page laid on the glass by hand
BLUR_RADIUS = 0.6  # pixels: the scanner's optics
JPEG_QUALITY = (60, 80)
_FIXED_DATE = time.gmtime(1_577_836_800)  # 2020-01-01, as struct_time: what Pillow writes


def scan(
    pdf: bytes,
    *,
    seed: str,
    dpi: int = DPI,
    max_turn: float = MAX_TURN_DEGREES,
    blur: float = BLUR_RADIUS,
    quarter_turns: int = 0,
) -> bytes:
    """Every page of ``pdf`` as a scan: a PDF of grey JPEG images.  ``quarter_turns``: each
    page laid on the glass turned by that many quarters, anticlockwise (a landscape table
    scanned on its side)."""
    rng = random.Random(seed)
    images = []
    for page in pdfium.PdfDocument(pdf):
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        if quarter_turns % 4:
            image = image.rotate(90 * quarter_turns, expand=True)
        image = image.rotate(
            rng.uniform(-max_turn, max_turn),
            resample=Image.Resampling.BICUBIC,
            fillcolor=255,
        )
        image = image.filter(ImageFilter.GaussianBlur(blur))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=rng.randint(*JPEG_QUALITY))
        images.append(Image.open(io.BytesIO(buffer.getvalue())))
    out = io.BytesIO()
    images[0].save(
        out,
        "PDF",
        save_all=True,
        append_images=images[1:],
        resolution=float(dpi),
        creationDate=_FIXED_DATE,  # else Pillow writes the time of the call
        modDate=_FIXED_DATE,
    )
    return out.getvalue()


def pages_of(pdf: bytes, pages: list[int]) -> bytes:
    """The given pages (1-based) of a PDF as a PDF of their own."""
    source = pdfium.PdfDocument(pdf)
    part = pdfium.PdfDocument.new()
    part.import_pages(source, [page - 1 for page in pages])
    buffer = io.BytesIO()
    part.save(buffer)
    return buffer.getvalue()


def draws_cjk() -> bool:
    """Whether pdfium finds a CJK font on this machine to draw a PDF's non-embedded Chinese
    font with (the reference PDFs embed none: without one, their characters rasterise to
    nothing and a scan of them is blank).  ``make test`` installs fonts-wqy-microhei."""
    from reportlab.pdfgen import canvas

    from testkit.pdfgen.fonts import register

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=(40, 40))
    sheet.setFont(register(), 30)
    sheet.drawString(5, 5, "医")
    sheet.save()
    image = pdfium.PdfDocument(buffer.getvalue())[0].render(grayscale=True).to_pil()
    darkest: int = image.convert("L").getextrema()[0]
    return darkest < 128
