"""A full disk is a one-line error naming the folder and the space needed, never a traceback.

Every writer of the product (the landing, the copy of the warehouse set aside, dbt, the
exports) turns "no space left on device" into ``DiskFull``; each removes what it had written
before raising, so a run that meets a full disk leaves the data folder as it found it, and
the next run, once there is room, simply succeeds.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from landing import DiskFull

__all__ = ["DiskFull", "folder_size", "free_bytes", "is_disk_full", "require_space"]

_FULL = (errno.ENOSPC, errno.EDQUOT)
# what DuckDB (and so dbt) print for a write the disk refused
_FULL_WORDS = ("No space left on device", "Disk quota exceeded", "not enough space")


def is_disk_full(exc: BaseException | str) -> bool:
    """An OSError of a full disk or quota, or an error message (DuckDB's, dbt's) saying so."""
    if isinstance(exc, OSError) and exc.errno in _FULL:
        return True
    return any(words in str(exc) for words in _FULL_WORDS)


def free_bytes(folder: Path) -> int:
    """Free space of the file system holding ``folder`` (its nearest existing ancestor)."""
    probe = Path(folder).absolute()
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return shutil.disk_usage(probe).free


def require_space(folder: Path, needed: int, what: str) -> None:
    """Raise DiskFull before writing ``needed`` bytes into ``folder`` when they cannot fit."""
    free = free_bytes(folder)
    if needed > free:
        raise DiskFull(str(folder), needed, free, what)


def folder_size(folder: Path) -> int:
    """Bytes of the files under ``folder`` (0 when it does not exist)."""
    total = 0
    for directory, _, names in os.walk(folder):
        for name in names:
            try:
                total += os.lstat(os.path.join(directory, name)).st_size
            except OSError:
                continue
    return total
