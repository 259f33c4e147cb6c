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

    def __post_init__(self) -> None:
        if self.seconds <= 0 or self.memory_mb < 256 or self.max_pages < 1 or self.max_bytes < 1:
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
