"""The parser's version: a hash of this package's code and of the reference lists it reads.

Landed rows remember it, so changing a parser (or a reference list the parsers read)
re-ingests every document on the next run, and nothing else does: the application, the
dbt models and the reports live in other packages and never change it.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from ingest.reference import PARSER_SEEDS, seed

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def parser_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    for name in PARSER_SEEDS:
        digest.update(name.encode())
        digest.update(seed(name).read_bytes())
    return digest.hexdigest()[:12]
