"""PDFs the ingest must reject or flag: each one breaks a single assumption."""

from __future__ import annotations

import random
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from .fonts import FONT, register

_SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources"
_SMALL_SOURCE = _SOURCES / "001_7b27b9e27e53efe8.txt"
_RENDERED = Path(__file__).resolve().parent / "reference"


def _encrypted(path: Path) -> None:
    """Opens only with the user password 'fixture'."""
    register()
    canv = Canvas(str(path), pagesize=A4, invariant=1, encrypt="fixture")
    # pdfminer cannot map CID glyphs of an encrypted file (the font's CIDSystemInfo
    # strings are encrypted too), so a Latin marker proves the password opens it
    canv.setFont("Helvetica", 12)
    canv.drawString(72, 790, "ENCRYPTED BUDGET FIXTURE")
    canv.setFont(FONT, 12)
    canv.drawString(72, 760, "单位预算收支总表（加密）")
    canv.drawString(72, 740, "450001威县医疗保障局(本级）  预算年度：2023  单位：元")
    canv.showPage()
    canv.save()


def _valid_fixture_bytes() -> bytes:
    """The committed rendering of the smallest reference document."""
    return (_RENDERED / f"{_SMALL_SOURCE.stem}.pdf").read_bytes()


def _truncated(path: Path) -> None:
    """A real fixture cut to half its bytes: no xref table, no trailer."""
    data = _valid_fixture_bytes()
    path.write_bytes(data[: len(data) // 2])


def _damaged(path: Path) -> None:
    """A plausible header followed by noise (seeded, so the bytes never change)."""
    noise = random.Random(20240601).randbytes(4096)
    path.write_bytes(b"%PDF-1.4\n" + noise.replace(b"%%EOF", b"%%EOX"))


def _scan_image() -> object:
    """A grey 'photocopy' of a form: ruled lines and dark bars where text would be."""
    from PIL import Image, ImageDraw

    rng = random.Random(7)
    img = Image.new("L", (1240, 1754), 236)  # A4 at 150 dpi
    draw = ImageDraw.Draw(img)
    draw.rectangle((420, 120, 820, 160), fill=40)  # title
    for row in range(24):
        y = 260 + row * 52
        draw.line((120, y, 1120, y), fill=30, width=3)
        for x0, x1 in ((140, 380), (420, 760), (800, 1100)):
            width = rng.randint((x1 - x0) // 3, x1 - x0)
            draw.rectangle((x0, y + 16, x0 + width, y + 34), fill=rng.randint(60, 110))
    for x in (120, 400, 780, 1120):
        draw.line((x, 260, x, 260 + 23 * 52), fill=30, width=3)
    return img


def _scanned(path: Path) -> None:
    """One page that is only an image: no text layer at all."""
    canv = Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    canv.drawImage(ImageReader(_scan_image()), 0, 0, width=width, height=height)
    canv.showPage()
    canv.save()


MENU = [
    ("凉菜", [("拍黄瓜", "12"), ("夫妻肺片", "38"), ("皮蛋豆腐", "16")]),
    ("热菜", [("宫保鸡丁", "42"), ("鱼香肉丝", "36"), ("麻婆豆腐", "22"), ("水煮牛肉", "58")]),
    ("主食", [("米饭", "2"), ("手工水饺（12个）", "28"), ("担担面", "18")]),
    ("饮品", [("酸梅汤", "8"), ("鲜榨玉米汁", "15")]),
]


def _not_budget(path: Path) -> None:
    """A normal text PDF about something else: a restaurant menu."""
    register()
    canv = Canvas(str(path), pagesize=A4, invariant=1)
    canv.setTitle("蜀香小馆菜单")
    y = 780.0
    canv.setFont(FONT, 18)
    canv.drawCentredString(A4[0] / 2, y, "蜀香小馆 菜单")
    y -= 26
    canv.setFont(FONT, 10.5)
    canv.drawCentredString(A4[0] / 2, y, "营业时间：10:30—21:30  订餐电话：0310-1234567")
    y -= 36
    for section, dishes in MENU:
        canv.setFont(FONT, 13)
        canv.drawString(90, y, section)
        y -= 22
        canv.setFont(FONT, 10.5)
        for dish, price in dishes:
            canv.drawString(110, y, dish)
            canv.drawRightString(480, y, f"{price}元")
            y -= 18
        y -= 10
    canv.drawString(90, y, "本店所有菜品均可打包，满100元免费送餐。")
    canv.showPage()
    canv.save()


def _many_pages(path: Path, pages: int = 3000) -> None:
    """A budget-looking document with far too many pages (tiny content, one font)."""
    register()
    canv = Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
    for page in range(1, pages + 1):
        canv.setFont(FONT, 10)
        canv.drawString(72, 780, "单位预算支出明细表（续）")
        canv.drawString(72, 760, f"{page} 2101501 行政运行 {page * 100}.00  - {page} -")
        canv.showPage()
    canv.save()


def make_bad_pdfs(out_dir: Path) -> dict[str, Path]:
    """Write the bad fixtures into out_dir; returns name -> path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    makers = {
        "encrypted": _encrypted,
        "truncated": _truncated,
        "damaged": _damaged,
        "scanned": _scanned,
        "not_budget": _not_budget,
        "many_pages": _many_pages,
    }
    paths: dict[str, Path] = {}
    for name, make in makers.items():
        path = out_dir / f"{name}.pdf"
        make(path)
        paths[name] = path
    return paths
