"""python -m testkit.pdfgen OUT_DIR [SRC_DIR]: write all fixtures into OUT_DIR."""

from __future__ import annotations

import sys
from pathlib import Path

from . import make_bad_pdfs, render_all

DEFAULT_SRC = Path(__file__).resolve().parents[2] / "data" / "sources"


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print("usage: python -m testkit.pdfgen OUT_DIR [SRC_DIR]", file=sys.stderr)
        return 2
    out_dir = Path(argv[0])
    src_dir = Path(argv[1]) if len(argv) == 2 else DEFAULT_SRC
    for path in render_all(src_dir, out_dir):
        print(path)
    for name, path in make_bad_pdfs(out_dir / "bad").items():
        print(f"{path}  ({name})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
