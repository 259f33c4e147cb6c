"""The hand-read figures of the real workbooks and Word files (../shared/real/formats/curated,
with the sources.csv that gives the workbooks their identity), read back from the warehouse."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from decimal import Decimal

import pytest

from tests.conftest import SHARED, Warehouse, build_warehouse
from tests.warehouse_figures import document_figures

CURATED = SHARED / "real" / "formats" / "curated"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CURATED.exists(), reason="../shared/real is not beside the repository"),
]


def _golden() -> dict[str, list[dict[str, str]]]:
    rows: dict[str, list[dict[str, str]]] = {}
    path = CURATED / "golden.jsonl"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
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
    figures = document_figures(warehouse.con, doc_id)
    expected: dict[str, set[tuple[Decimal | None, str]]] = {}
    for row in GOLDEN[name]:
        value = Decimal(row["value"]) if row["value"] else None
        # a printed 0 is reported_zero in the warehouse's semantics (ARCHITECTURE.md); the
        # hand reading calls a 0 cell of a subject line reported
        status = "reported_zero" if value == 0 else row["status"]
        # one subject code printed on several rows (one per item) has several figures
        expected.setdefault(row["measure"], set()).add((value, status))
    wrong = {}
    for measure, figures_expected in expected.items():
        given = figures.get(measure, set())
        if given == figures_expected:
            continue
        values = {value for value, _ in figures_expected}
        if (
            len(values) == 1
            and {status for _, status in given} == {"conflicting"}
            and values <= _listed(warehouse, doc_id, measure)
        ):
            continue  # two documents of the body-year disagree: both figures are listed
        wrong[measure] = (sorted(figures_expected), sorted(given))
    assert wrong == {}, "\n".join(f"{m}: expected {e}, got {g}" for m, (e, g) in wrong.items())


def _listed(warehouse: Warehouse, doc_id: str, measure: str) -> set[Decimal]:
    """The figures mart_source_inconsistencies lists for a measure of the document's
    body-year."""
    rows = warehouse.rows(
        "select value_a, value_b from mart_source_inconsistencies as found "
        "inner join dim_document as documents on found.body_scope_id = documents.body_scope_id "
        "and found.fiscal_year = documents.fiscal_year "
        "where documents.doc_id = ? and found.subject = ?",
        doc_id,
        measure,
    )
    return {value for pair in rows for value in pair if isinstance(value, Decimal)}
