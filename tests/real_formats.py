"""The real published files in ../shared/real/ (outside the repo); tests skip without them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
FORMATS = REAL / "formats"
CURATED = FORMATS / "curated"
WILD = FORMATS / "wild"


def real_file(path: Path) -> bytes:
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared real files live outside the repo)")
    return path.read_bytes()


def golden(file: str) -> list[dict[str, str]]:
    path = CURATED / "golden.jsonl"
    if not path.exists():
        pytest.skip("no golden.jsonl for the real formats")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [r for r in records if r["file"] == file and not r["measure"].startswith("_")]
