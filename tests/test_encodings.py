"""The encoding is detected, never assumed: every encoding gives the same figures."""

from __future__ import annotations

import codecs

import pytest

from ingest.extract import extract
from ingest.readers.sniff import decode_text
from tests.documents import HEZHENG, JULU, WEIXIAN, reference_text

ENCODINGS = [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8 (BOM)"),
    ("gb18030", b"", "gb18030"),
    ("gbk", b"", "gb18030"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16 (BOM)"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16 (BOM)"),
    ("utf-16-le", b"", "utf-16"),
]


@pytest.mark.parametrize(("codec", "bom", "detected"), ENCODINGS)
def test_encoding_is_detected(codec: str, bom: bytes, detected: str) -> None:
    text = reference_text(HEZHENG)
    decoded = decode_text(bom + text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == detected


@pytest.mark.parametrize("name", [JULU, WEIXIAN])
@pytest.mark.parametrize("codec", ["gb18030", "utf-16"])
def test_same_figures_in_every_encoding(name: str, codec: str) -> None:
    text = reference_text(name)
    reference = extract(text.encode("utf-8"))
    other = extract(text.encode(codec))
    assert other.budget_lines == reference.budget_lines
    assert other.narrative == reference.narrative
    assert other.three_public == reference.three_public
