"""Every repository path README.md and docs/*.md name exists: a file or model moved or renamed
leaves no stale text behind.

A path is named in backticks (`ingest/readers/sniff.py`, `recognise/units.py`,
`int_<name>_checked.sql`) or as an entry of the folder tree in a plain code block, where an
entry's place is its indentation and the files its description names (``settings.py``) lie
in its folder.  A name may be given from any folder down (`recognise/titles.py` is
ingest/recognise/titles.py); ``<name>`` and ``*`` stand for any name.  What a run writes
(data/…, raw/…, exports/…) and what lies beside the repository are not repository paths.
"""

from __future__ import annotations

import fnmatch
import re
import subprocess
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

DOCUMENTS = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]
_EXTENSION = r"\.(?:py|sql|md|yml|yaml|csv|js|mjs|css|json|jsonl|toml|lock|cff|txt|html|parquet)"
# a path: folders with a slash, then perhaps a file; or a file name alone
_PATH = re.compile(
    r"(?<![\w./<{$~*-])((?:[\w<>*.-]+/)+[\w<>*.{},-]*|[\w<>*-]+" + _EXTENSION + r")(?![\w(])"
)
_FILE = re.compile(r"(?<![\w./-])([\w-]+" + _EXTENSION + r")(?![\w(])")
# what a run writes (under the data folder, its raw landing and exports), what a user keeps
# beside their documents, and what lies beside the repository (../shared)
NOT_IN_REPOSITORY = (
    "data/*",
    "DATA_DIR/*",
    "raw/*",
    "exports/*",
    ".building/*",  # the build aside, in the data folder
    "schema.json",
    "datapackage.json",
    "sources.csv",
    "VARIANTS.md",
    "curated/golden.jsonl",
    "medins/dbt_project",  # the wheel's copy of dbt_project/
)
RUN_OUTPUTS_KEPT = ("data/sources/*",)  # under data/, but committed


@cache
def _repository() -> frozenset[str]:
    """Every tracked file and folder, and each .sql file without its suffix (a model named by
    its folder and name)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: the tracked files are unknown")
    paths: set[str] = set()
    for file in listed:
        paths.add(file)
        paths.update(str(parent) for parent in Path(file).parents if str(parent) != ".")
        if file.endswith(".sql"):
            paths.add(file.removesuffix(".sql"))
    return frozenset(paths)


def _exists(named: str) -> bool:
    named = named.rstrip("/")
    if named.startswith(("../", "*")):  # beside the repository, or a glob of any folder
        return True
    named = re.sub(r"\.[A-Z]\w*$", ".py", named)  # ingest/readers/document.Layout: a class
    # <name>, {txt,pdf} and queries/NN_…: any name
    pattern = re.sub(r"<[^>]*>|\{[^}]*\}|(?<=/)[A-Z]+(?=_)", "*", named)
    kept = any(fnmatch.fnmatch(pattern, path) for path in RUN_OUTPUTS_KEPT)
    elsewhere = any(
        fnmatch.fnmatch(pattern, path) or pattern == path.removesuffix("/*")
        for path in NOT_IN_REPOSITORY
    )
    if elsewhere and not kept:
        return True
    return any(
        fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path, f"*/{pattern}")
        for path in _repository()
    )


def _in_backticks(text: str) -> set[str]:
    return {match for span in re.findall(r"`([^`\n]+)`", text) for match in _PATH.findall(span)}


def _plain_blocks(text: str) -> list[list[str]]:
    """The lines of each code block that names no language (the trees and the data flow)."""
    blocks: list[list[str]] = []
    lines: list[str] | None = None
    language = ""
    for line in text.splitlines():
        if line.startswith("```"):
            if lines is None:
                lines, language = [], line[3:].strip()
            else:
                if not language:
                    blocks.append(lines)
                lines = None
        elif lines is not None:
            lines.append(line)
    return blocks


def _in_trees(text: str) -> set[str]:
    """The entries of the folder trees (plain code blocks) with their full paths, and the files
    each entry's description names, as <entry>/**/<file>."""
    named: set[str] = set()
    for block in _plain_blocks(text):
        parents: list[tuple[int, str]] = []  # (indent, path) of the entries above
        folder = ""
        for line in block:
            indent = len(line) - len(line.lstrip(" "))
            entry = re.match(r"([\w.-]+(?:/[\w.-]*)*)(?: {2,}|,|$)", line.lstrip(" "))
            if entry and ("/" in entry.group(1) or _FILE.fullmatch(entry.group(1))):
                while parents and parents[-1][0] >= indent:
                    parents.pop()
                base = parents[-1][1] if parents else ""
                files = re.findall(r"[\w.-]+" + _EXTENSION, line[: line.find("  ", indent)])
                for name in files or [entry.group(1)]:
                    named.add(base + name)
                folder = base + entry.group(1)
                if folder.endswith("/"):
                    parents.append((indent, folder))
            description = line if not entry else line[indent + len(entry.group(1)) :]
            if folder.endswith("/"):
                named.update(f"{folder}*{name}" for name in _FILE.findall(description))
    return named


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_every_path_the_document_names_exists(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    named = _in_backticks(text) | _in_trees(text)
    assert named, "the document names no path: the test reads it wrong"
    assert sorted(path for path in named if not _exists(path)) == []


_MODEL = re.compile(r"(?<![\w.<*/-])((?:stg|int|fct|dim|mart)_[a-z0-9_]*[a-z0-9])(?![\w<*(])")


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_every_dbt_model_the_document_names_exists(document: Path) -> None:
    """A model named in backticks (`int_budget_lines_proven`) is a model of dbt_project."""
    models = {path.stem for path in (REPO_ROOT / "dbt_project" / "models").rglob("*.sql")}
    spans = re.findall(r"`([^`\n]+)`", document.read_text(encoding="utf-8"))
    named = {name for span in spans for name in _MODEL.findall(span)}
    assert sorted(named - models) == []
