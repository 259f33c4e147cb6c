"""The parser's version: a hash of the code that reads documents and of the county list.

Landed rows remember it, so changing a parser (or the reference list) re-ingests every
document on the next run, and nothing else does.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from ingest.paths import COUNTY_SEED

_PACKAGE = Path(__file__).resolve().parent
_NOT_PARSER = {"cli.py", "batch.py", "build.py", "report.py", "refresh.py", "__main__.py"}


@lru_cache(maxsize=1)
def parser_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        if path.name in _NOT_PARSER:
            continue
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    if COUNTY_SEED.exists():
        digest.update(COUNTY_SEED.read_bytes())
    return digest.hexdigest()[:12]
