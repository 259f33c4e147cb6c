"""Helpers for tests that change a reference document: county, year and figures."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO_ROOT

CORPUS = REPO_ROOT / "data" / "sources"
WEI = "000_1ed1d566b4ab2ee9.txt"  # 魏县 130434, 2025
HEZHENG = "001_7b27b9e27e53efe8.txt"  # 和政县 622925, 2024
BAZHOU = "002_88da04ab2ae79b71.txt"  # 霸州市 131081, 2021
JULU = "003_8db8e2e3ace80c81.txt"  # 巨鹿县 130529, 2025
WEIXIAN = "004_e1bc7d478490adfe.txt"  # 威县 130533, 2023


def reference_text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def variant(name: str, replacements: list[tuple[str, str]]) -> str:
    """A reference document with some strings replaced (each must occur)."""
    text = reference_text(name)
    for old, new in replacements:
        assert old in text, f"{old!r} does not occur in {name}"
        text = text.replace(old, new)
    return text


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path
