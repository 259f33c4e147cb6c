"""The hand-read figures of the real workbooks and Word files (../shared/real/formats/curated,
with the sources.csv that gives the workbooks their identity), read back from the warehouse."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator

import pytest

from testkit.golden import hand_read_verdicts, read_golden
from tests.conftest import SHARED, Warehouse, build_warehouse

CURATED = SHARED / "real" / "formats" / "curated"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CURATED.exists(), reason="../shared/real is not beside the repository"),
]


def _golden() -> dict[str, list[dict[str, str]]]:
    rows: dict[str, list[dict[str, str]]] = {}
    for record in read_golden(CURATED / "golden.jsonl"):
        if record["measure"] != "_doc":
            rows.setdefault(record["file"], []).append(record)
    return rows


GOLDEN = _golden()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    root = tmp_path_factory.mktemp("formats")
    sources = root / "sources"
    sources.mkdir()
    for name in [*GOLDEN, "sources.csv"]:
        shutil.copy(CURATED / name, sources / name)
    built = build_warehouse(sources, root / "out")
    yield built
    built.close()


@pytest.mark.parametrize("name", sorted(GOLDEN), ids=str)
def test_every_hand_read_figure(warehouse: Warehouse, name: str) -> None:
    if name.endswith(".doc") and not shutil.which("soffice"):
        pytest.skip("LibreOffice is not installed: .doc files are refused (needs_conversion)")
    doc_id = hashlib.sha256((CURATED / name).read_bytes()).hexdigest()
    verdicts = hand_read_verdicts(warehouse.con, doc_id, GOLDEN[name])
    wrong = {m: figures for m, (verdict, figures) in verdicts.items() if verdict != "right"}
    assert wrong == {}, "\n".join(
        f"{m}: expected {sorted(f['expected'], key=str)}, got {sorted(f['given'], key=str)}"
        for m, f in wrong.items()
    )
