"""Ingest generated documents, build one warehouse, and judge every figure of every document."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from medins.batch import ingest_folder
from medins.build import build
from medins.paths import DataPaths
from tests.layoutgen import Generated, write_corpus
from tests.layoutgen.compare import Verdict, judge, warehouse_figures


@dataclass(slots=True)
class DocumentResult:
    name: str
    family: str
    format: str
    read: bool
    reason: str = ""  # rejection reason when not read
    detail: str = ""
    verdicts: list[Verdict] = field(default_factory=list)

    def count(self, verdict: str) -> int:
        return sum(1 for v in self.verdicts if v.verdict == verdict)

    @property
    def bad(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.verdict in ("wrong", "extra")]


def ingest_and_build(sources: Path, data_dir: Path, workers: int = 2) -> dict[str, tuple[bool, str, str]]:
    """sha256 → (read, reason, detail) for every file; the warehouse is built in data_dir."""
    paths = DataPaths(data_dir)
    report = ingest_folder(sources, paths, workers=workers)
    build(paths)
    return {o.sha256: (o.landed, str(o.reason), o.detail) for o in report.ingested}


def measure_generated(docs: list[Generated], workdir: Path, workers: int = 2) -> list[DocumentResult]:
    sources = workdir / "sources"
    write_corpus(docs, sources)
    outcomes = ingest_and_build(sources, workdir / "data", workers)
    con = duckdb.connect(str(DataPaths(workdir / "data").warehouse), read_only=True)
    try:
        found = warehouse_figures(con, sorted({d.document.county_code for d in docs}))
    finally:
        con.close()
    results = []
    for doc in docs:
        read, reason, detail = outcomes[hashlib.sha256(doc.data).hexdigest()]
        result = DocumentResult(doc.name, doc.family, doc.format, read, reason, detail)
        result.verdicts = judge(
            doc.name,
            doc.document.year,
            list(doc.expected),
            found,
            doc.document.county_code,
        )
        results.append(result)
    return results
