"""Read every file under a folder with ``read_bytes`` and tell how each one ended.

    .venv/bin/python -m testkit.formatgen.survey ../shared/real

One line per file (format, blocks, table rows, or the rejection reason), then counts per
format and outcome.  An exception other than UnreadableDocument is a bug: it is printed
with its type and the exit code is 1.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ingest.model import UnreadableDocument
from ingest.readers import read_bytes

_SKIPPED = {"golden.jsonl", "sources.csv", "README.md"}


@dataclass(frozen=True, slots=True)
class Outcome:
    path: Path
    source_format: str
    blocks: int = 0
    rows: int = 0
    reason: str | None = None
    detail: str = ""
    crash: str | None = None
    seconds: float = 0.0

    @property
    def outcome(self) -> str:
        if self.crash:
            return "CRASH"
        return f"rejected:{self.reason}" if self.reason else "read"


def survey_file(path: Path) -> Outcome:
    data = path.read_bytes()
    start = time.perf_counter()
    suffix = path.suffix.lstrip(".").lower() or "none"
    try:
        read = read_bytes(data)
    except UnreadableDocument as exc:
        return Outcome(
            path, suffix, reason=exc.reason, detail=exc.detail, seconds=time.perf_counter() - start
        )
    except Exception as exc:  # the survey reports bugs instead of stopping at the first
        return Outcome(
            path, suffix, crash=f"{type(exc).__name__}: {exc}", seconds=time.perf_counter() - start
        )
    return Outcome(
        path,
        read.source_format.value,
        blocks=len(read.blocks),
        rows=sum(block.is_row for block in read.blocks),
        seconds=time.perf_counter() - start,
    )


def files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in _SKIPPED)


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "../shared/real")
    outcomes = []
    for path in files(folder):
        outcome = survey_file(path)
        outcomes.append(outcome)
        shown = outcome.crash or (
            f"{outcome.reason}: {outcome.detail[:90]}"
            if outcome.reason
            else f"{outcome.blocks} blocks, {outcome.rows} rows"
        )
        name = path.relative_to(folder)
        print(f"{outcome.source_format:5} {outcome.seconds:6.1f}s {name}  {shown}", flush=True)
    counts = Counter((p.path.suffix.lower(), p.outcome) for p in outcomes)
    print("\nby file suffix and outcome:")
    for (suffix, outcome), count in sorted(counts.items()):
        print(f"  {suffix or '(none)':6} {outcome:28} {count}")
    return 1 if any(p.crash for p in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
