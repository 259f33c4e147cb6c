"""``sources.csv``: the identity of files that do not state it themselves.

Workbooks of 公开表 often name no body and no year: the 说明 published beside them does.  A
``sources.csv`` at the top of the sources folder (columns ``file,division_code,body,scope,year``,
any but ``file`` may be empty) supplies or overrides those parts for the files it lists;
``file`` is the path relative to the sources folder (or the bare file name).
"""

from __future__ import annotations

import csv
import io

from ingest.identity import IdentityHints

MANIFEST = "sources.csv"
COLUMNS = ("file", "division_code", "body", "scope", "year")


class ManifestError(ValueError):
    """sources.csv cannot be read; the message names the line."""


def parse_manifest(text: str, path: str) -> dict[str, IdentityHints]:
    """File (relative path or bare name) → hints, from a sources.csv (``path`` names it in
    errors)."""
    out: dict[str, IdentityHints] = {}
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise ManifestError(
            f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}"
        )
    for number, row in enumerate(reader, start=2):
        name = (row.get("file") or "").strip()
        if not name:
            raise ManifestError(f"{path} line {number}: the file column is empty")
        year_text = (row.get("year") or "").strip()
        if year_text and not (year_text.isdigit() and len(year_text) == 4):
            raise ManifestError(f"{path} line {number}: year {year_text!r} is not a year")
        code = (row.get("division_code") or "").strip()
        if code and not (code.isdigit() and len(code) == 6):
            raise ManifestError(
                f"{path} line {number}: division_code {code!r} is not a six-digit code"
            )
        out[name] = IdentityHints(
            division_code=code or None,
            body=(row.get("body") or "").strip() or None,
            scope=(row.get("scope") or "").strip() or None,
            year=int(year_text) if year_text else None,
        )
    return out


def hints_for(manifest: dict[str, IdentityHints], sources: str, paths: list[str]) -> IdentityHints:
    """The manifest row of a document: any of its paths, relative to the sources folder (or
    URL), or its bare file name."""
    prefix = sources.rstrip("/") + "/"
    for path in paths:
        relative = path[len(prefix) :] if path.startswith(prefix) else path
        for key in (relative, relative.rsplit("/", 1)[-1]):
            if key in manifest:
                return manifest[key]
    return IdentityHints()
