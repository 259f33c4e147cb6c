"""`make accuracy`: how many figures the warehouse gets right, per layout family and kind.

Four sets of documents, each ingested and built into its own warehouse:

* generated: every layout family in every format (testkit/layoutgen), each document of its
  own county with known facts; every figure it prints is expected, nothing else may appear;
* the reference corpus as text and the same five documents rendered as PDF, against the
  golden figures (tests/golden/seed_facts.csv; the golden file is not exhaustive, so
  extra figures are not counted there);
* the real PDFs of ../shared/real/curated/ with hand-read figures (golden.jsonl), when that
  folder exists: their bodies are not county medical-insurance bureaus, so their figures are
  read through the per-body marts (testkit/golden.py: fct_body_measure of the
  document's body, scope and year, and its own fct_budget_line rows).

Every set is judged by the one comparer the tests use (testkit/golden.py), with the rules of
its golden file.

For each: documents, share read (not rejected), figures expected, found, right, wrong,
missed, and extra figures the documents do not give.  Every wrong figure is listed.  The
same command prints the same table (fixed seeds).  Markdown goes to bench/ACCURACY.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import json
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table

from testkit.golden import (
    KINDS,
    REFERENCE,
    Verdict,
    county_figures,
    county_listed_conflicts,
    county_proofs,
    hand_read_verdicts,
    judge,
    kind_of,
    read_golden,
    reference_expectation,
)
from testkit.layoutgen import FAMILIES, FINAL_FAMILIES, FORMATS, generate_corpus
from testkit.layoutgen.measure import DocumentResult, ingest_and_build, measure_generated
from testkit.layoutgen.summary import COLUMNS, Tally

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT / "data" / "sources"
GOLDEN = REPO_ROOT / "tests" / "golden" / "seed_facts.csv"
REAL = REPO_ROOT.parent / "shared" / "real"
OUTPUT = REPO_ROOT / "bench" / "ACCURACY.md"


# --- the reference corpus against its golden figures ------------------------------------------


def _golden_rows() -> list[dict[str, str]]:
    with GOLDEN.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def measure_corpus(sources: Path, workdir: Path, label: str) -> tuple[list[DocumentResult], str]:
    """The five reference documents (as text or as PDF) against seed_facts.csv."""
    built = ingest_and_build(sources, workdir / "data")
    rows = _golden_rows()
    con = duckdb.connect(str(built.warehouse), read_only=True)
    try:
        counties = sorted({row["county_code"] for row in rows})
        found = county_figures(con, counties)
        proofs = county_proofs(con, counties)
        listed = {
            key: county_listed_conflicts(con, key)
            for key in ((r["county_code"], int(r["year"]), r["measure"]) for r in rows)
            if any(status == "conflicting" for _, status in found.get(key, set()))
        }
        years = dict(
            con.execute(
                "select county_code, max(fiscal_year) from dim_document group by 1"
            ).fetchall()
        )
    finally:
        con.close()
    by_seed: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_seed[Path(row["seed"]).stem].append(row)
    results = []
    read_by_stem = _read_by_stem(sources, built.outcomes)
    for stem, seed_rows in sorted(by_seed.items()):
        county = seed_rows[0]["county_code"]
        expected = [reference_expectation(row) for row in seed_rows]
        read, reason, detail = read_by_stem.get(stem, (False, "missing", ""))
        result = DocumentResult(f"{label}:{stem}", label, label, read, reason, detail)
        year = int(years.get(county) or max(e.year for e in expected))
        result.verdicts = judge(
            result.name,
            year,
            expected,
            found,
            county,
            extras=False,
            proofs=proofs,
            rules=REFERENCE,
            listed=lambda key: listed.get(key, set()),
        )
        results.append(result)
    return results, built.build_error


def _read_by_stem(
    sources: Path, outcomes: dict[str, tuple[bool, str, str]]
) -> dict[str, tuple[bool, str, str]]:
    out = {}
    for path in sorted(sources.iterdir()):
        if path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest in outcomes:
                out[path.stem] = outcomes[digest]
    return out


# --- real curated documents --------------------------------------------------------------------


def measure_real(workdir: Path) -> tuple[list[DocumentResult], str, str]:
    """Real PDFs (and workbooks/Word files) with golden figures; (results, note, build error)."""
    sources = workdir / "real"
    goldens: dict[str, list[dict[str, str]]] = defaultdict(list)
    sets: dict[str, str] = {}  # file → the set it is reported in
    for folder in (REAL / "curated", REAL / "formats" / "curated", REAL / "finals"):
        golden = folder / "golden.jsonl"
        if not golden.exists():
            continue
        for record in read_golden(golden):
            goldens[record["file"]].append(record)
        for name in goldens:
            if (folder / name).exists():
                sets.setdefault(name, "real finals" if folder.name == "finals" else "real curated")
            if (folder / name).exists() and not (sources / name).exists():
                sources.mkdir(parents=True, exist_ok=True)
                shutil.copy(folder / name, sources / name)
        manifest = folder / "sources.csv"
        if manifest.exists():
            with (sources / "sources.csv").open("a", encoding="utf-8") as out:
                lines = manifest.read_text(encoding="utf-8").splitlines()
                already = (sources / "sources.csv").stat().st_size > 0
                out.write("\n".join(lines[1:] if already else lines) + "\n")
    if not sources.exists():
        return [], "../shared/real is absent: real documents skipped", ""
    built = ingest_and_build(sources, workdir / "real-data")
    con = duckdb.connect(str(built.warehouse), read_only=True)
    results = []
    try:
        for name, records in sorted(goldens.items()):
            path = sources / name
            if not path.exists():
                continue
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            read, reason, detail = built.outcomes.get(digest, (False, "missing", ""))
            result = DocumentResult(
                f"real:{name}",
                sets.get(name, "real curated"),
                path.suffix[1:],
                read,
                reason,
                detail,
            )
            year = int(next(r["value"] for r in records if r["measure"] == "_doc"))
            figures = [r for r in records if r["measure"] != "_doc"]
            # the same judgement as the real golden tests (testkit/golden.py)
            for measure, (verdict, pairs) in hand_read_verdicts(con, digest, figures).items():
                want = sorted(pairs["expected"], key=str)[0]
                got = sorted(pairs["given"], key=str)
                wrong = [pair for pair in got if pair not in pairs["expected"]]
                got_value, got_status = (wrong or got)[0] if got else (None, None)
                result.verdicts.append(
                    Verdict(
                        result.name,
                        digest,
                        year,
                        measure,
                        kind_of(measure, year, year),
                        want[0],
                        want[1] or "",
                        got_value,
                        got_status,
                        verdict,
                    )
                )
            results.append(result)
    finally:
        con.close()
    return results, "", built.build_error


# --- report ------------------------------------------------------------------------------------


def _tally(results: list[DocumentResult], key: str) -> dict[str, Tally]:
    out: dict[str, Tally] = defaultdict(Tally)
    for r in results:
        tally = out[getattr(r, key)]
        tally.documents += 1
        tally.read += r.read
        tally.add(r.verdicts)
    return out


def _kinds(results: list[DocumentResult]) -> dict[str, Tally]:
    out: dict[str, Tally] = {kind: Tally() for kind in KINDS}
    for r in results:
        by_kind: dict[str, list[Verdict]] = defaultdict(list)
        for v in r.verdicts:
            by_kind[v.kind].append(v)
        for kind, verdicts in by_kind.items():
            out[kind].add(verdicts)
    return {k: t for k, t in out.items() if t.expected or t.verdicts["extra"]}


PROOFS = ("balanced", "agreed", "single")


def _proofs(results: list[DocumentResult]) -> dict[str, Tally]:
    """Figures the warehouse gives, by the proof it gives them (a researcher who keeps only
    balanced and agreed figures keeps these rows' right and wrong)."""
    out: dict[str, Tally] = {proof: Tally() for proof in (*PROOFS, "none")}
    for r in results:
        for v in r.verdicts:
            if v.verdict in ("right", "wrong", "extra"):
                out[v.proof or "none"].add([v])
    return {k: t for k, t in out.items() if t.found or t.verdicts["extra"]}


PHASES = ("budget", "adjusted", "actual")


def phase_of(measure: str) -> str:
    """The phase a verdict's measure is named in: <measure>_actual_yuan (generated 决算),
    <measure>_budget_yuan (a real 决算's 预算数), else the document's own phase."""
    for phase in ("adjusted", "actual", "budget"):
        if measure.endswith(f"_{phase}_yuan"):
            return phase
    return "own"


def _phases(results: list[DocumentResult]) -> dict[str, Tally]:
    """Per phase: budget (预算 / 年初预算数), adjusted (调整预算数), actual (决算数); 'own' is a
    figure named plainly — a budget's in a 部门预算, the 决算数 in a real 决算's golden file."""
    out: dict[str, Tally] = {phase: Tally() for phase in ("own", *PHASES)}
    for r in results:
        by_phase: dict[str, list[Verdict]] = defaultdict(list)
        for v in r.verdicts:
            by_phase[phase_of(v.measure)].append(v)
        for phase, verdicts in by_phase.items():
            out[phase].add(verdicts)
    return {k: t for k, t in out.items() if t.expected or t.verdicts["extra"]}


def _markdown(title: str, first: str, rows: dict[str, Tally], with_docs: bool = True) -> str:
    columns = COLUMNS if with_docs else COLUMNS[2:]
    lines = [f"**{title}**", "", f"| {first} | " + " | ".join(columns) + " |"]
    lines.append("|" + "---|" * (len(columns) + 1))
    for name, tally in rows.items():
        cells = tally.row() if with_docs else tally.row()[2:]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _console(console: Console, title: str, first: str, rows: dict[str, Tally], docs: bool) -> None:
    table = Table(title=title)
    columns = COLUMNS if docs else COLUMNS[2:]
    table.add_column(first)
    for column in columns:
        table.add_column(column, justify="right")
    for name, tally in rows.items():
        table.add_row(name, *(tally.row() if docs else tally.row()[2:]))
    console.print(table)


README_BEGIN = "<!-- accuracy:begin (written by make accuracy) -->"
README_END = "<!-- accuracy:end -->"


def _replace_between_markers(path: Path, body: str) -> None:
    text = path.read_text(encoding="utf-8")
    if README_BEGIN not in text or README_END not in text:
        raise SystemExit(f"{path} has no {README_BEGIN} … {README_END} lines")
    head, rest = text.split(README_BEGIN, 1)
    _, tail = rest.split(README_END, 1)
    path.write_text(f"{head}{README_BEGIN}\n{body}\n{README_END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.accuracy",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: python -m bench.accuracy --per-cell 3 --formats text_cells,pdf",
    )
    parser.add_argument(
        "--per-cell",
        type=int,
        default=3,
        help="generated documents per family and format (default %(default)s)",
    )
    parser.add_argument("--families", help="comma-separated families (default: all)")
    parser.add_argument("--formats", help="comma-separated formats (default: all)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="Markdown report")
    parser.add_argument("--json", type=Path, help="also write every verdict as JSON lines")
    parser.add_argument(
        "--readme",
        type=Path,
        help="also put the summary tables into this file, between its "
        f"{README_BEGIN} and {README_END} lines",
    )
    args = parser.parse_args(argv)
    families = args.families.split(",") if args.families else [*FAMILIES, *FINAL_FAMILIES]
    formats = args.formats.split(",") if args.formats else list(FORMATS)
    console = Console(width=140)
    started = time.perf_counter()
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="medins-accuracy-") as scratch:
        work = Path(scratch)
        docs = generate_corpus(families, formats, args.per_cell)
        console.print(
            f"{len(docs)} generated documents ({len(families)} families × "
            f"{len(formats)} formats × {args.per_cell})"
        )
        generated = measure_generated(docs, work / "generated")
        if generated.build_error:
            notes.append(
                "generated: dbt build failed, figures read from the unswapped build: "
                + generated.build_error.splitlines()[1].strip()
            )
        text, text_error = measure_corpus(CORPUS, work / "corpus-text", "corpus text")
        from testkit.pdfgen import render_all

        pdfs = render_all(CORPUS, work / "corpus-pdf-sources")
        pdf, pdf_error = measure_corpus(pdfs[0].parent, work / "corpus-pdf", "corpus PDF")
        for label, error in (("corpus text", text_error), ("corpus PDF", pdf_error)):
            if error:
                notes.append(f"{label}: dbt build failed: {error.splitlines()[1].strip()}")
        real, real_note, real_error = measure_real(work)
        if real_note:
            notes.append(f"real curated: {real_note}")
        if real_error:
            notes.append(f"real curated: dbt build failed: {real_error.splitlines()[1].strip()}")
    results = generated.documents
    by_family = _tally(results, "family")
    by_family = {name: by_family[name] for name in families if name in by_family}
    sources = {**_tally(text, "family"), **_tally(pdf, "family"), **_tally(real, "family")}
    by_format = _tally(results, "format")
    kinds = _kinds(results)
    phases = _phases(results)
    real_phases = _phases(real)
    corpus_kinds = _kinds(text + pdf)
    proofs = _proofs(results)
    corpus_proofs = _proofs(text + pdf)
    wrong = [
        v
        for r in [*results, *text, *pdf, *real]
        for v in r.verdicts
        if v.verdict in ("wrong", "extra")
    ]
    rejected = Counter(
        f"{r.family} / {r.format}: {r.reason}" for r in [*results, *text, *pdf, *real] if not r.read
    )
    elapsed = time.perf_counter() - started
    _console(console, "Generated documents, per layout family", "family", by_family, True)
    _console(console, "Generated documents, per format", "format", by_format, True)
    _console(console, "Generated documents, per kind of figure", "kind", kinds, False)
    _console(console, "Generated documents, per phase", "phase", phases, False)
    _console(console, "Real documents, per phase", "phase", real_phases, False)
    _console(console, "Reference and real documents", "set", sources, True)
    _console(
        console, "Reference corpus (text + PDF), per kind of figure", "kind", corpus_kinds, False
    )
    _console(console, "Generated documents, per proof of the figure", "proof", proofs, False)
    _console(
        console,
        "Reference corpus (text + PDF), per proof of the figure",
        "proof",
        corpus_proofs,
        False,
    )
    console.print(f"wrong or extra figures: {len(wrong)} (first 30; all in {args.output})")
    for v in wrong[:30]:
        console.print(f"  {v.verdict}: {v.describe()}")
    for line in notes:
        console.print(f"note: {line}")
    console.print(f"{elapsed:.0f} s")
    today = datetime.date.today().isoformat()
    parts = [
        f"# Accuracy ({today})\n",
        f"`make accuracy`: {len(docs)} generated documents ({len(families)} layout families × "
        f"{len(formats)} formats × {args.per_cell}, fixed seeds), the reference corpus as text "
        "and as PDF against its golden figures, and the real curated documents. *read* is "
        "the share of documents not rejected; *expected* counts figures the documents give; "
        "*wrong* includes a right value with the wrong status; *extra* counts figures the "
        "warehouse holds that the documents do not give (wrong too).\n",
        _markdown("Generated documents, per layout family", "family", by_family),
        _markdown("Generated documents, per format", "format", by_format),
        _markdown("Generated documents, per kind of figure", "kind", kinds, with_docs=False),
        _markdown("Generated documents, per phase", "phase", phases, with_docs=False),
        _markdown("Reference and real documents", "set", sources),
        _markdown("Real documents, per phase", "phase", real_phases, with_docs=False),
        _markdown(
            "Reference corpus (text + PDF), per kind of figure",
            "kind",
            corpus_kinds,
            with_docs=False,
        ),
        _markdown("Generated documents, per proof of the figure", "proof", proofs, False),
        _markdown(
            "Reference corpus (text + PDF), per proof of the figure", "proof", corpus_proofs, False
        ),
    ]
    if notes:
        parts.append("Notes:\n\n" + "\n".join(f"- {line}" for line in notes) + "\n")
    if rejected:
        parts.append(
            "Documents not read:\n\n"
            + "\n".join(f"- {what}: {n}" for what, n in sorted(rejected.items()))
            + "\n"
        )
    parts.append(
        f"Wrong or extra figures ({len(wrong)}):\n\n"
        + "\n".join(f"- {v.verdict}: {v.describe()}" for v in wrong)
        + "\n"
    )
    args.output.write_text("\n".join(parts), encoding="utf-8")
    if args.readme:
        summary = [
            f"Measured {today} by `make accuracy` ({elapsed / 60:.0f} min; every wrong figure "
            f"and refusal in `bench/ACCURACY.md`): {len(docs)} generated documents, "
            f"{len(families)} layout families × {len(formats)} formats × {args.per_cell}; the "
            "reference corpus as text and PDF; the real curated documents.  Wrong figures in "
            f"all: **{len(wrong)}**.\n",
            _markdown("Generated documents, per kind of figure", "kind", kinds, with_docs=False),
            _markdown("Generated documents, per phase", "phase", phases, with_docs=False),
            _markdown("Generated documents, per format", "format", by_format),
            _markdown("Generated documents, per proof of the figure", "proof", proofs, False),
            _markdown("Reference and real documents", "set", sources),
        ]
        _replace_between_markers(args.readme, "\n".join(summary))
    if args.json:
        with args.json.open("w", encoding="utf-8") as out:
            for r in [*results, *text, *pdf, *real]:
                for v in r.verdicts:
                    record = {
                        "document": v.document,
                        "measure": v.measure,
                        "year": v.year,
                        "kind": v.kind,
                        "expected": str(v.expected_value),
                        "expected_status": v.expected_status,
                        "got": str(v.got_value),
                        "got_status": v.got_status,
                        "verdict": v.verdict,
                        "proof": v.proof,
                    }
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
