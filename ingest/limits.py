"""Per-document limits: what one document may cost before it is stopped and reported."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.codes import RejectionReason
from ingest.model import UnreadableDocument


@dataclass(frozen=True, slots=True)
class Limits:
    seconds: float = 300.0  # wall time for one document
    memory_mb: int = 4096  # address space of the worker reading it
    max_pages: int = 500  # a county bureau's budget is 10–60 pages
    max_bytes: int = 200 * 1024 * 1024
    # Workbooks and Word files are zip archives: what they may inflate to, in all and per
    # entry (a deflate bomb inflates ~1000:1; real Office XML stays under ~50:1).
    max_unpacked_bytes: int = 200 * 1024 * 1024
    max_ratio: int = 200
    # One sheet's rows x columns: readers hold a sheet as a dense grid, so a sheet with one
    # cell in A1 and one in XFD1048576 must be refused before it is allocated.
    max_cells: int = 2_000_000

    def __post_init__(self) -> None:
        if (
            self.seconds <= 0
            or self.memory_mb < 256
            or self.max_pages < 1
            or self.max_bytes < 1
            or self.max_unpacked_bytes < 1
            or self.max_ratio < 1
            or self.max_cells < 1
        ):
            raise ValueError(f"unreasonable limits: {self}")

    def check_size(self, size: int) -> None:
        if size > self.max_bytes:
            raise UnreadableDocument(
                RejectionReason.TOO_LARGE,
                f"{size / 1e6:.0f} MB is over the {self.max_bytes / 1e6:.0f} MB per-document limit",
            )

    def check_pages(self, pages: int) -> None:
        if pages > self.max_pages:
            raise UnreadableDocument(
                RejectionReason.TOO_MANY_PAGES,
                f"{pages} pages is over the {self.max_pages}-page "
                "per-document limit (a county budget disclosure has tens of pages)",
            )
