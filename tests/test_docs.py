"""The dbt catalogue: every model and column described, and one page that opens offline."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from medins.paths import DBT_PROJECT_DIR, DataPaths
from reporting.docs import generate_docs, main
from tests.browser import CHROMIUM_FLAGS, chromium_or_skip
from tests.conftest import Warehouse

pytestmark = pytest.mark.slow
# the doc blocks of dbt_project/models/_docs.md (the page embeds them JSON-escaped, so the
# English half of each title is what can be searched for)
DOC_BLOCKS = (
    "three public expenses",
    "basic / project expenditure",
    "functional / economic classification",
    "kinds of enrollment count",
    "Status of a figure",
)


def _manifest(warehouse: Warehouse) -> dict[str, object]:
    path = warehouse.paths.data_dir / ".dbt" / "target" / "manifest.json"
    loaded = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_every_model_and_column_is_described(corpus_warehouse: Warehouse) -> None:
    nodes = _manifest(corpus_warehouse)["nodes"]
    assert isinstance(nodes, dict)
    models = [node for node in nodes.values() if node["resource_type"] == "model"]
    # one model per .sql file of the project: none left out of the catalogue
    assert sorted(node["name"] for node in models) == sorted(
        path.stem for path in (DBT_PROJECT_DIR / "models").rglob("*.sql")
    )
    undescribed = [node["name"] for node in models if not node["description"].strip()]
    assert undescribed == []
    for node in models:
        columns = corpus_warehouse.rows(
            "select column_name from information_schema.columns where table_name = ?", node["name"]
        )
        documented = node["columns"]
        missing = [
            name
            for (name,) in columns
            if not documented.get(name, {}).get("description", "").strip()
        ]
        assert missing == [], f"{node['name']}: undescribed columns {missing}"


def test_docs_page_opens_offline_with_the_doc_blocks(
    corpus_warehouse: Warehouse, tmp_path: Path
) -> None:
    # on a copy: dbt docs rewrites its target folder, which the shared warehouse's other
    # readers (test_marts) read while this runs under pytest-xdist
    copy = DataPaths(tmp_path / "data")
    copy.data_dir.mkdir()
    (copy.data_dir / "raw").symlink_to(corpus_warehouse.paths.raw.resolve())
    shutil.copyfile(corpus_warehouse.paths.warehouse, copy.warehouse)
    page = generate_docs(copy)
    html = page.read_text(encoding="utf-8")
    for block in DOC_BLOCKS:
        assert block in html
    chromium = chromium_or_skip()
    dom = subprocess.run(
        [
            str(chromium),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    ).stdout
    # the page's script drew its navigation from the embedded manifest, offline: one entry per
    # model (the raw page holds these names only inside its scripts, never as nav entries)
    nodes = _manifest(corpus_warehouse)["nodes"]
    assert isinstance(nodes, dict)
    models = {key for key, node in nodes.items() if node["resource_type"] == "model"}
    assert set(re.findall(r'data-nav-unique-id="(model\.[^"]+)"', dom)) == models


def test_docs_command_without_a_warehouse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path)]) == 2
    assert "make run" in capsys.readouterr().err
