"""``sources.csv``: the identity of files that do not state it themselves.

Workbooks of 公开表 often name no body and no year: the 说明 published beside them does.  A
``sources.csv`` at the top of the sources folder (columns ``file,division_code,body,scope,year``,
any but ``file`` may be empty) supplies or overrides those parts for the files it lists;
``file`` is the path relative to the sources folder (or the bare file name).

The file is validated whole before anything is read or written: a value that cannot be what
its column means is an error naming the file, line and column (never a traceback, never a
silent last-row-wins), so a hostile or mistyped manifest changes nothing that was published.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ingest.identity import IdentityHints

MANIFEST = "sources.csv"
COLUMNS = ("file", "division_code", "body", "scope", "year")
MAX_FIELD = 1000  # characters: a path or a body's name; anything longer is not one
YEARS = range(1990, 2101)


class ManifestError(ValueError):
    """sources.csv cannot be used; the message (one line) names the file, line and column."""


@dataclass(frozen=True, slots=True)
class ManifestRow:
    line: int
    hints: IdentityHints


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    """csv's limit is process-wide; raised while parsing so that an over-long field reaches
    the check that names its line and column."""
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def decode_manifest(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ManifestError(
            f"{path}: not UTF-8 text (byte {exc.start}); save it as CSV UTF-8"
        ) from None


def parse_manifest(text: str, path: str) -> dict[str, IdentityHints]:
    """File (relative path or bare name) → hints, from a sources.csv (``path`` names it in
    errors)."""
    return {name: row.hints for name, row in parse_manifest_rows(text, path).items()}


def parse_manifest_rows(text: str, path: str) -> dict[str, ManifestRow]:
    """File → its row (line number and hints); raises ManifestError on the first bad value."""
    out: dict[str, ManifestRow] = {}
    with _field_limit(max(len(text), csv.field_size_limit())):
        reader = csv.DictReader(io.StringIO(text, newline=""))
        try:
            fieldnames = list(reader.fieldnames or [])
            missing = [column for column in COLUMNS if column not in fieldnames]
            if missing:
                raise ManifestError(
                    f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}"
                )
            for row in reader:
                number = reader.line_num
                name, hints = _row(row, fieldnames, path, number)
                earlier = out.get(name)
                if earlier is not None and earlier.hints != hints:
                    raise ManifestError(
                        f"{path}: lines {earlier.line} and {number} both name {name!r} with "
                        "different identities; keep one row per file"
                    )
                if earlier is None:
                    out[name] = ManifestRow(number, hints)
        except csv.Error as exc:
            raise ManifestError(f"{path} line {reader.line_num}: not CSV ({exc})") from None
    return out


def _row(
    row: dict[str | None, str | list[str] | None], fieldnames: list[str], path: str, number: int
) -> tuple[str, IdentityHints]:
    if None in row:  # more cells than the header has columns
        raise ManifestError(
            f"{path} line {number}, column {len(fieldnames) + 1}: more cells than the header "
            f"has columns ({', '.join(fieldnames)})"
        )
    values: dict[str, str] = {}
    for column in COLUMNS:
        value = row.get(column)
        text = value.strip() if isinstance(value, str) else ""
        where = f"{path} line {number}, column {fieldnames.index(column) + 1} ({column})"
        if len(text) > MAX_FIELD:
            raise ManifestError(f"{where}: {len(text)} characters, at most {MAX_FIELD}")
        if any(unicodedata.category(c) in ("Cc", "Cf") for c in text):
            bad = next(c for c in text if unicodedata.category(c) in ("Cc", "Cf"))
            raise ManifestError(f"{where}: a control character (U+{ord(bad):04X})")
        values[column] = text
    where = f"{path} line {number}, column"
    name = values["file"].removeprefix("./")
    if not name:
        raise ManifestError(f"{where} {fieldnames.index('file') + 1} (file): empty")
    year_text = values["year"]
    if year_text and not (year_text.isascii() and year_text.isdigit() and int(year_text) in YEARS):
        raise ManifestError(
            f"{where} {fieldnames.index('year') + 1} (year): {year_text!r} is not a year "
            f"({YEARS.start}–{YEARS.stop - 1})"
        )
    code = values["division_code"]
    if code and not (code.isascii() and code.isdigit() and len(code) == 6):
        raise ManifestError(
            f"{where} {fieldnames.index('division_code') + 1} (division_code): {code!r} is not "
            "a six-digit code"
        )
    return name, IdentityHints(
        division_code=code or None,
        body=values["body"] or None,
        scope=values["scope"] or None,
        year=int(year_text) if year_text else None,
    )


def unmatched_rows(rows: dict[str, ManifestRow], relative_paths: list[str], path: str) -> list[str]:
    """A line for every row that names no file of the folder (a typo, a file since removed,
    ``../../etc/passwd``, an absolute path): its hints reach nothing, and the user should know."""
    names = set(relative_paths) | {p.rsplit("/", 1)[-1] for p in relative_paths}
    lines = []
    for name, row in sorted(rows.items(), key=lambda item: item[1].line):
        if name in names:
            continue
        outside = name.startswith("/") or ".." in name.replace("\\", "/").split("/")
        why = "a path outside the sources folder" if outside else "no file of the sources folder"
        lines.append(f"{path} line {row.line}: {name!r} names {why}; the row is not used")
    return lines


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
