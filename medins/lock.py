"""One writer at a time per data folder: an advisory lock held for the whole run."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Locked(Exception):
    """Another run holds the lock; the message names its process."""


@contextmanager
def writer_lock(path: Path, wait: bool) -> Iterator[None]:
    """Hold ``path`` exclusively; ``wait=False`` raises Locked at once when it is taken.

    The lock dies with its process (flock), so a crashed run never blocks the next one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise Locked(f"another run is writing {path.parent} (process {holder})") from exc
        handle.seek(0)
        handle.truncate()
        # who holds it, for the message of a run that finds it taken; a full disk must not
        # stop the run here (it is told, with the folder and the space, where it writes)
        with contextlib.suppress(OSError):
            handle.write(str(os.getpid()))
            handle.flush()
        yield
    finally:
        with contextlib.suppress(OSError):  # a pid that could not be flushed (full disk)
            handle.close()
