"""Ingest generated documents, build one warehouse, and judge every figure of every document."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from medins.batch import ingest_folder
from medins.build import BuildFailed, build
from medins.paths import DataPaths
from testkit.golden import Verdict, county_figures, county_proofs, judge
from testkit.layoutgen import Generated, write_corpus


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


@dataclass(slots=True)
class Built:
    """A batch ingested and built: each file's outcome, the database, and a failed build's
    message (its models are read from the unswapped database: a failing dbt test is a
    finding of its own, not a reason to measure nothing)."""

    outcomes: dict[str, tuple[bool, str, str]]  # sha256 → (read, reason, detail)
    warehouse: Path
    build_error: str = ""


def ingest_and_build(sources: Path, data_dir: Path, workers: int = 2) -> Built:
    paths = DataPaths(data_dir)
    report = ingest_folder(sources, paths, workers=workers)
    outcomes = {o.sha256: (o.landed, str(o.reason), o.detail) for o in report.ingested}
    try:
        build(paths)
    except BuildFailed as exc:
        return Built(outcomes, data_dir / ".building" / "warehouse.duckdb", str(exc))
    return Built(outcomes, paths.warehouse)


@dataclass(slots=True)
class Measured:
    documents: list[DocumentResult]
    build_error: str = ""


def measure_generated(docs: list[Generated], workdir: Path, workers: int = 2) -> Measured:
    sources = workdir / "sources"
    write_corpus(docs, sources)
    built = ingest_and_build(sources, workdir / "data", workers)
    con = duckdb.connect(str(built.warehouse), read_only=True)
    try:
        counties = sorted({d.document.county_code for d in docs})
        found = county_figures(con, counties)
        proofs = county_proofs(con, counties)
    finally:
        con.close()
    results = []
    for doc in docs:
        read, reason, detail = built.outcomes[hashlib.sha256(doc.data).hexdigest()]
        result = DocumentResult(doc.name, doc.family, doc.format, read, reason, detail)
        result.verdicts = judge(
            doc.name,
            doc.document.year,
            list(doc.expected),
            found,
            doc.document.county_code,
            proofs=proofs,
        )
        results.append(result)
    return Measured(results, built.build_error)
