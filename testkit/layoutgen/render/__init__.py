"""One renderer per format: Document → the bytes of a file as a publisher would post it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from testkit.layoutgen.model import Document
from testkit.layoutgen.render.pdf import render_pdf
from testkit.layoutgen.render.text import (
    render_aligned,
    render_cells,
    render_csv,
    render_pipe,
    render_spaced,
    render_tsv,
)


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    extension: str
    render: Callable[[Document], bytes]


def _lazy(module: str, function: str) -> Callable[[Document], bytes]:
    """Renderers whose writer library is imported only when used."""

    def run(doc: Document) -> bytes:
        import importlib

        return getattr(importlib.import_module(module), function)(doc)  # type: ignore[no-any-return]

    return run


FORMATS: dict[str, Format] = {
    "text_cells": Format("text_cells", "txt", render_cells),
    "text_tsv": Format("text_tsv", "txt", render_tsv),
    "text_pipe": Format("text_pipe", "txt", render_pipe),
    "text_csv": Format("text_csv", "txt", render_csv),
    "text_spaced": Format("text_spaced", "txt", render_spaced),
    "text_aligned": Format("text_aligned", "txt", render_aligned),
    "pdf": Format("pdf", "pdf", render_pdf),
    "html": Format("html", "html", _lazy("testkit.layoutgen.render.html", "render_html")),
    "xlsx": Format("xlsx", "xlsx", _lazy("testkit.layoutgen.render.xlsx", "render_xlsx")),
    "docx": Format("docx", "docx", _lazy("testkit.layoutgen.render.docx", "render_docx")),
}
