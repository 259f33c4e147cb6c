"""A scheduled run: safe from cron or a systemd timer.

* a lock stops two runs from overlapping (the second exits with code 3);
* only new or changed documents are read (the ingest is incremental);
* the warehouse and exports are built aside and swapped in atomically, so a dashboard or a
  researcher's open connection never sees a half-built warehouse;
* a failed build leaves the last good warehouse and exports in place, says why, exits 1.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from ingest.limits import Limits
from medins.batch import ingest_folder
from medins.build import BuildFailed, build, clean_stale
from medins.diskspace import DiskFull
from medins.lock import Locked, writer_lock
from medins.manifest import ManifestError
from medins.paths import DataPaths
from medins.printable import printable
from medins.report import summary_line

EXIT_OK, EXIT_FAILED, EXIT_LOCKED = 0, 1, 3


def refresh(
    sources: Path,
    paths: DataPaths,
    limits: Limits,
    console: Console,
    *,
    workers: int | None = None,
    force: bool = False,
) -> int:
    try:
        with writer_lock(paths.lock, wait=False):
            clean_stale(paths)  # what a killed run left, even when nothing changed
            batch = ingest_folder(sources, paths, workers=workers, limits=limits)
            for notice in batch.notices:
                console.print(
                    f"refresh: {printable(notice)}", markup=False, highlight=False, soft_wrap=True
                )
            changed = bool(batch.ingested or batch.removed or batch.relabelled)
            if not changed and paths.warehouse.exists() and not force:
                console.print(
                    "refresh: nothing changed; the warehouse is up to date. "
                    + summary_line(batch, None)
                )
                return EXIT_OK
            result = build(paths)
            console.print(
                "refresh: warehouse rebuilt and swapped in. " + summary_line(batch, result)
            )
            return EXIT_OK
    except Locked as exc:
        console.print(f"refresh: skipped, {printable(exc)}", markup=False, soft_wrap=True)
        return EXIT_LOCKED
    except BuildFailed as exc:
        console.print(
            f"refresh: FAILED, the last good warehouse is kept.\n{printable(exc)}",
            markup=False,
            soft_wrap=True,
        )
        return EXIT_FAILED
    except (DiskFull, ManifestError) as exc:
        console.print(
            f"refresh: FAILED, {printable(exc)}; the last good warehouse is kept",
            markup=False,
            soft_wrap=True,
        )
        return EXIT_FAILED
    except Exception as exc:
        console.print(
            f"refresh: FAILED ({type(exc).__name__}: {printable(exc)}); "
            "the last good warehouse is kept",
            markup=False,
            soft_wrap=True,
        )
        return EXIT_FAILED
