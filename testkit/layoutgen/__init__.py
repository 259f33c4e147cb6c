"""A layout generator: budget documents with known facts, in every layout family and format.

    from testkit.layoutgen import generate_corpus
    docs = generate_corpus(["hebei", "shanghai"], ["text_cells", "pdf"], per_cell=2)

Each ``Generated`` holds the file's bytes, its name and the figures the warehouse must hold
for it (``expected``).  Seeds are fixed: the same call gives the same documents, byte for
byte (PDF with reportlab's invariant mode, workbooks and Word files with fixed zip dates).
``python -m testkit.layoutgen OUT_DIR`` writes a corpus to a folder to look at.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, replace
from pathlib import Path

from testkit.golden import Expected
from testkit.layoutgen.divisions import CountyPool
from testkit.layoutgen.expected import expected_figures
from testkit.layoutgen.facts import Facts, draw_facts
from testkit.layoutgen.families import FAMILIES, UNITS
from testkit.layoutgen.finals import FINAL_FAMILIES, FINAL_UNITS
from testkit.layoutgen.model import Document, Heading, Para, Table
from testkit.layoutgen.render import FORMATS
from testkit.layoutgen.style import Style, step_for

__all__ = [
    "FAMILIES",
    "FINAL_FAMILIES",
    "FORMATS",
    "Generated",
    "generate_corpus",
    "generate_document",
    "generate_final",
]
# budgets (部门预算) and final accounts (部门决算, testkit/layoutgen/finals.py) by family name
_EVERY_FAMILY = {**FAMILIES, **FINAL_FAMILIES}
_EVERY_UNITS = {**UNITS, **FINAL_UNITS}

YEARS = range(2016, 2026)  # budget years; their prior years reach back to 2015


@dataclass(frozen=True, slots=True)
class Generated:
    family: str
    format: str
    index: int
    filename: str
    data: bytes
    document: Document
    facts: Facts
    expected: tuple[Expected, ...]

    @property
    def name(self) -> str:
        return self.document.name

    @property
    def collector_row(self) -> dict[str, str] | None:
        """The ``sources.csv`` row a collector writes for a workbook of 公开表 (README,
        *identity*, and ../shared/real/formats): the budget year always (a 公开表 prints it,
        if at all, only as a column's year), the body with its division and the kind where
        the cells do not print them (what the tables state is read from them).  None for
        every other format: a document with prose names itself."""
        if self.format not in TABLES_ONLY:
            return None
        printed = _printed_text(self.document)
        kind = "部门决算" if self.family in FINAL_FAMILIES else "部门预算"
        body_missing = self.facts.body not in printed
        row = {
            "file": self.filename,
            "division_code": self.document.county_code if body_missing else "",
            "body": self.facts.body if body_missing else "",
            "scope": "" if kind[2:] in printed else kind,
            "year": str(self.document.year),
        }
        return row


def _printed_text(doc: Document) -> str:
    """Every word a workbook of the document's tables prints (titles, lines above and under
    each table, headers, cells)."""
    parts: list[str] = []
    for table in (block for block in doc.blocks if isinstance(block, Table)):
        parts += [table.title, table.sheet, *table.meta, *table.notes]
        parts += [head.text for heads in table.header for head in heads]
        parts += [cell for row in table.rows for cell in row]
    return "\n".join(parts)


def generate_document(
    family: str, fmt: str, index: int, pool: CountyPool, seed: str = "layoutgen"
) -> Generated:
    rng = random.Random(f"{seed}:{family}:{fmt}:{index}")
    year = rng.choice(YEARS)
    county = pool.draw(year)
    unit, prose_unit, commas = rng.choice(_EVERY_UNITS[family])
    style = Style(unit=unit, prose_unit=prose_unit, commas=commas)
    style.zero_cell = rng.choice(("0.00", "0.00", "0", ""))
    style.empty_three_public = rng.choice(("note", "zeros"))
    facts = draw_facts(rng, county, year, step_for(rng, unit, prose_unit))
    publisher = _publisher(family, county.name, random.Random(f"{seed}:{family}:{fmt}:{index}:by"))
    if publisher is not None:
        facts = replace(facts, body=publisher)
    name = f"{family}-{fmt}-{index:02d}"
    doc = Document(
        name=name,
        family=family,
        county_code=county.code,
        year=year,
        medical_insurance=publisher is None,
    )
    _EVERY_FAMILY[family](facts, style, rng, doc)
    printed = _tables_only(doc) if fmt in TABLES_ONLY else None
    if doc.traditional:
        doc = _traditional(doc)
    data = FORMATS[fmt].render(doc)
    filename = f"{name}.{FORMATS[fmt].extension}"
    expected = tuple(expected_figures(printed or doc))
    return Generated(family, fmt, index, filename, data, doc, facts, expected)


def generate_final(
    budget: Generated, family: str, fmt: str, facts: Facts | None = None, seed: str = "final"
) -> Generated:
    """The 部门决算 of a generated 部门预算's body and year, printed by a 决算 family from the
    same facts (its 年初预算数 are the budget's figures) or from ``facts`` given (a 决算 whose
    年初预算数 differ from the 部门预算: one fact printed two ways)."""
    rng = random.Random(f"{seed}:{budget.name}:{family}:{fmt}")
    doc = Document(
        name=f"{family}-of-{budget.name}-{fmt}",
        family=family,
        county_code=budget.document.county_code,
        year=budget.document.year,
        medical_insurance=budget.document.medical_insurance,
    )
    # 元 with two decimals prints any step the budget's facts were drawn in exactly
    style = Style(unit="元", prose_unit="元", commas=True)
    FINAL_FAMILIES[family](facts or budget.facts, style, rng, doc)
    printed = _tables_only(doc) if fmt in TABLES_ONLY else None
    data = FORMATS[fmt].render(doc)
    filename = f"{doc.name}.{FORMATS[fmt].extension}"
    expected = tuple(expected_figures(printed or doc))
    return Generated(family, fmt, 0, filename, data, doc, facts or budget.facts, expected)


# Formats that print the tables alone (a workbook: its 说明 is published as a separate file)
TABLES_ONLY = frozenset({"xlsx"})


def _tables_only(doc: Document) -> Document:
    """The document as a workbook prints it: the figures its tables state, not those only
    its prose states (what a table prints is stated with the table's title as ``where``)."""
    titles = {block.title for block in doc.blocks if isinstance(block, Table)}
    ledger = replace(
        doc.ledger,
        figures=[stated for stated in doc.ledger.figures if stated.where in titles],
        changes=[change for change in doc.ledger.changes if change.where in titles],
    )
    return replace(doc, ledger=ledger)


# Party and people's-congress bodies name their division inside their name.
PARTY_BODIES = (
    "中共{county}委宣传部",
    "中国共产党{county}委员会办公室",
    "{county}人大常委会办公室",
    "中共{county}委组织部",
)
PARTY_SHARE = 0.2


def _publisher(family: str, county: str, rng: random.Random) -> str | None:
    """A Party or congress body for one document in five (its own draw, so the other draws
    of the document stay as they were); None for a 医疗保障局.  The family that prints no
    table names its bureau in prose and keeps it."""
    if family == "chongqing" or rng.random() >= PARTY_SHARE:
        return None
    return rng.choice(PARTY_BODIES).format(county=county)


def generate_corpus(
    families: list[str] | None = None,
    formats: list[str] | None = None,
    per_cell: int = 2,
    seed: str = "layoutgen",
) -> list[Generated]:
    """``per_cell`` documents of every family in every format, each of its own county."""
    pool = CountyPool(seed)
    return [
        generate_document(family, fmt, index, pool, seed)
        for family in families or list(FAMILIES)
        for fmt in formats or list(FORMATS)
        for index in range(per_cell)
    ]


def write_corpus(docs: list[Generated], folder: Path) -> list[Path]:
    """The documents as files, and the ``sources.csv`` of their workbooks' collector rows."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in docs:
        path = folder / doc.filename
        path.write_bytes(doc.data)
        paths.append(path)
    rows = [row for row in (doc.collector_row for doc in docs) if row is not None]
    if rows:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        (folder / "sources.csv").write_text(buffer.getvalue(), encoding="utf-8")
    return paths


def _traditional(doc: Document) -> Document:
    """Every character in traditional glyphs, as mirror sites serve mainland pages."""
    from opencc import OpenCC

    convert = OpenCC("s2t").convert

    def block(b: Heading | Para | Table) -> Heading | Para | Table:
        if isinstance(b, Heading):
            return Heading(convert(b.text), b.level)
        if isinstance(b, Para):
            return Para(convert(b.text))
        header = tuple(
            tuple(replace(head, text=convert(head.text)) for head in row) for row in b.header
        )
        rows = tuple(tuple(convert(cell) for cell in row) for row in b.rows)
        return Table(
            convert(b.title),
            header,
            rows,
            tuple(convert(m) for m in b.meta),
            tuple(convert(n) for n in b.notes),
            b.sheet,
        )

    converted = replace(doc, blocks=[block(b) for b in doc.blocks])
    return converted
