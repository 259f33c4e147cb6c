"""A stand-in path of plain ASCII for a folder whose real name may hold anything.

dbt pastes the raw folder into ``read_parquet('<folder>/<table>/*.parquet')``: on the way a
quote would end the SQL string, ``{`` or ``}`` would break dbt-duckdb's ``str.format`` of the
location, ``[``, ``*`` and ``?`` would turn the folder's own name into a glob (``a [x]`` matches
``a x``: another folder's figures, silently), and DuckDB reads a backslash as a separator.  No
escaping covers all of these, so dbt never sees the real name: it reads through a symbolic
link with a name made only of letters, digits, ``_``, ``-``, ``.`` and ``/``, removed afterwards.
A folder whose real name is already plain is used as it is.  (The staging views of a warehouse
built through a link name the link, so they only read while a build runs; the marts researchers
use are tables and hold their rows.)
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PLAIN = re.compile(r"[A-Za-z0-9_./-]+")
# where the link may live: the user's temporary folder, else the system's
CANDIDATES = (None, "/tmp", "/var/tmp")


def is_plain(path: Path | str) -> bool:
    return PLAIN.fullmatch(str(path)) is not None


@contextmanager
def plain_link(target: Path, name: str = "raw") -> Iterator[Path]:
    """A path of plain characters that leads to ``target`` while the block runs."""
    real = target.resolve()
    if is_plain(real):
        yield real
        return
    scratch = _plain_scratch()
    link = scratch / name
    try:
        link.symlink_to(real, target_is_directory=True)
        yield link
    finally:
        link.unlink(missing_ok=True)  # the link only, never what it points to
        scratch.rmdir()


def _plain_scratch() -> Path:
    for base in CANDIDATES:
        if base is not None and not Path(base).is_dir():
            continue
        folder = Path(tempfile.mkdtemp(prefix="medins-", dir=base))
        if is_plain(folder):
            return folder
        folder.rmdir()
    raise OSError(
        "no temporary folder with a plain name (letters, digits, _ - . /) to link the raw "
        "folder from; set TMPDIR to one, e.g. TMPDIR=/tmp"
    )
