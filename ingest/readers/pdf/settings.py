"""Every tolerance of PDF reading in one validated place (cf. pdfplumber's TableSettings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class PdfSettings:
    # Who parses a ruled page for pdfplumber's table finder: "pdfium" (characters and lines
    # read in C, ~3x faster) or "pdfplumber" (pdfminer, the reference).  Both give the same
    # blocks on the test PDFs (tests/test_pdf_engines.py).
    engine: str = "pdfium"
    # Table finding: ruled tables, drawn with lines (the 部门预算 templates are all ruled).
    vertical_strategy: str = "lines"
    horizontal_strategy: str = "lines"
    snap_tolerance: float = 3.0
    join_tolerance: float = 3.0
    intersection_tolerance: float = 3.0
    edge_min_length: float = 3.0
    # Text of a cell and of prose: characters closer than these are one word / one line.
    text_x_tolerance: float = 1.5
    text_y_tolerance: float = 3.0
    # Triage: a page with at least this many vector paths may hold a ruled table.
    min_paths_for_tables: int = 4
    # A page with fewer characters than this, in a PDF with no page above it, has no text
    # layer (a scan): the document needs OCR.
    min_chars_per_document: int = 20
    extra_table_settings: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.engine not in ("pdfium", "pdfplumber"):
            raise ValueError(f"unknown PDF engine {self.engine!r}")
        strategies = {"lines", "lines_strict", "text", "explicit"}
        if self.vertical_strategy not in strategies or self.horizontal_strategy not in strategies:
            raise ValueError(f"unknown table strategy in {self}")
        for name in (
            "snap_tolerance",
            "join_tolerance",
            "intersection_tolerance",
            "edge_min_length",
            "text_x_tolerance",
            "text_y_tolerance",
        ):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.min_paths_for_tables < 1:
            raise ValueError("min_paths_for_tables must be at least 1")

    def table_settings(self) -> dict[str, Any]:
        return {
            "vertical_strategy": self.vertical_strategy,
            "horizontal_strategy": self.horizontal_strategy,
            "snap_tolerance": self.snap_tolerance,
            "join_tolerance": self.join_tolerance,
            "intersection_tolerance": self.intersection_tolerance,
            "edge_min_length": self.edge_min_length,
            "text_x_tolerance": self.text_x_tolerance,
            "text_y_tolerance": self.text_y_tolerance,
            **self.extra_table_settings,
        }


DEFAULT_SETTINGS = PdfSettings()
