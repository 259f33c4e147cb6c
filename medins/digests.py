"""The SHA-256 of each source file, remembered by what the file system says of it.

A document's identity is the SHA-256 of its bytes, so every run used to read every byte of
the sources folder: at 30,000 documents a refresh that adds ten spent ~5 s hashing files
it had hashed before.  A file whose inode, size, modification time and status-change time
(nanoseconds) are all the ones recorded with its digest has not been written since — the
rule git's index and rsync's quick check rest on, made stricter by the status-change time,
which no tool can set back (``touch -d``, ``cp -p`` and ``rsync -a`` set the modification time,
never that one; a replaced file also has a new inode).  Anything else is hashed again.

The record is a cache, never a source of truth: a missing, unreadable or foreign file is an
empty cache (every file hashed, as before), and it is rewritten whole, atomically, after a
scan.  Local folders only: a URL's files are always hashed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO

FORMAT = "medins-source-digests/1"

# (inode, size, mtime_ns, ctime_ns) of a file when its digest was taken
Stamp = tuple[int, int, int, int]


def stamp_of(status: os.stat_result) -> Stamp:
    return (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def sha256_file(path: str, opener: Callable[[str, str], IO[bytes]] = open) -> str:
    """The SHA-256 of a file's bytes (``opener``: an fsspec file system's ``open`` for a URL)."""
    digest = hashlib.sha256()
    with opener(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class DigestCache:
    """Digests of the files of one sources folder, kept in ``record`` between runs."""

    def __init__(self, record: Path | None) -> None:
        self.record = record
        self._known: dict[str, tuple[Stamp, str]] = {}
        self._seen: dict[str, tuple[Stamp, str]] = {}
        if record is None:
            return
        with contextlib.suppress(
            OSError, ValueError, TypeError, KeyError, IndexError, AttributeError
        ):
            stored = json.loads(record.read_text(encoding="utf-8"))
            if stored["format"] == FORMAT:
                self._known = {
                    path: ((entry[0], entry[1], entry[2], entry[3]), entry[4])
                    for path, entry in stored["files"].items()
                }

    def sha256(self, path: str) -> tuple[str, int]:
        """The file's digest and size: remembered when its stamp is unchanged, else read."""
        before = os.stat(path)
        stamp = stamp_of(before)
        known = self._known.get(path)
        if known is not None and known[0] == stamp:
            sha = known[1]
        else:
            sha = sha256_file(path)
            if stamp_of(os.stat(path)) != stamp:  # written while read: not remembered
                return sha, before.st_size
        self._seen[path] = (stamp, sha)
        return sha, before.st_size

    def save(self) -> None:
        """Keep the digests of the files this scan saw (a file gone is forgotten)."""
        if self.record is None:
            return
        files = {path: [*stamp, sha] for path, (stamp, sha) in sorted(self._seen.items())}
        temporary = self.record.with_name(f".{self.record.name}.{os.getpid()}")
        try:
            self.record.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps({"format": FORMAT, "files": files}), "utf-8")
            os.replace(temporary, self.record)
        except OSError:  # a full disk: the next run hashes every file, nothing else is lost
            temporary.unlink(missing_ok=True)
