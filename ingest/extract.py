"""One document in, everything the ingest can say about it out (or the reason it cannot)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ingest.amounts import normalise_text
from ingest.identity import County, county_index, resolve_county, resolve_year
from ingest.layout import Layout
from ingest.limits import Limits
from ingest.model import Block, IssueLog, ParseIssue, Severity, UnreadableDocument
from ingest.narrative.facts import NarrativeFact, ThreePublicFigure
from ingest.narrative.money import read_money
from ingest.narrative.people import read_indicator_people, read_people
from ingest.narrative.prose import Paragraph, paragraphs
from ingest.recognise.assets import AssetRow, read_assets_table
from ingest.recognise.budget_tables import BudgetLine, parse_budget_table
from ingest.recognise.grid import find_unit
from ingest.recognise.performance import Project, parse_performance_table
from ingest.recognise.segment import segment
from ingest.recognise.three_public import read_three_public_table
from ingest.recognise.titles import TableKind
from ingest.sources import ReadDocument, SourceFormat, sniff_format

_BUDGET_WORDS = re.compile(r"预算|决算|支出|经费|医疗保障")
_UNIT_NAME = re.compile(r"[\u4e00-\u9fff]{1,14}医疗保障局(?:\s*[(（]本级[)）]|本级)?")


@dataclass(slots=True)
class Extraction:
    county: County
    budget_year: int
    read: ReadDocument
    county_evidence: str
    year_evidence: str
    unit_name: str | None
    money_unit: str
    title: str
    budget_lines: list[BudgetLine] = field(default_factory=list)
    three_public: list[ThreePublicFigure] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    narrative: list[NarrativeFact] = field(default_factory=list)
    assets: list[AssetRow] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)


def read_bytes(data: bytes, limits: Limits | None = None) -> ReadDocument:
    """Bytes to blocks by the reader the content calls for (readers are imported lazily:
    a run of text documents never loads pdfminer, calamine or LibreOffice)."""
    limits = limits or Limits()
    source_format = sniff_format(data)
    if source_format is SourceFormat.PDF:
        from ingest.pdf import read_pdf

        return read_pdf(data, limits)
    if source_format in (SourceFormat.XLSX, SourceFormat.XLS):
        from ingest.readers.workbook import read_workbook

        return read_workbook(data, source_format, limits)
    if source_format is SourceFormat.DOCX:
        from ingest.readers.word import read_docx

        return read_docx(data, limits)
    if source_format is SourceFormat.DOC:
        from ingest.readers.doc import read_doc

        return read_doc(data, limits)
    if source_format is SourceFormat.HTML:
        from ingest.readers.html import read_html

        return read_html(data, limits)
    from ingest.readers.text import read_text

    return read_text(data)


def extract(data: bytes, limits: Limits | None = None) -> Extraction:
    """Read and recognise one document; raises UnreadableDocument with the reason."""
    read = read_bytes(data, limits)
    if not _BUDGET_WORDS.search(normalise_text(read.text)):
        raise UnreadableDocument(
            "not_a_budget",
            "the document does not read as a budget disclosure (none of "
            "预算, 支出, 经费, 医疗保障 occurs in it)",
        )
    county, county_evidence = resolve_county(read.text, county_index())
    year, year_evidence = resolve_year(read.text, county)
    log = IssueLog()
    segmented = segment(read.blocks)
    if not segmented.tables and not segmented.prose:
        raise UnreadableDocument("empty", "the document has no readable text")
    units = Counter(
        unit
        for table in segmented.tables
        if (unit := find_unit([b.text for b in table.blocks[:6]])) is not None
    )
    money_unit = units.most_common(1)[0][0] if units else "万元"
    names = Counter(m.group(0) for m in _UNIT_NAME.finditer(normalise_text(read.text)))
    title = next((b.text for b in read.blocks if b.text.strip()), "")[:200]
    result = Extraction(
        county,
        year,
        read,
        county_evidence,
        year_evidence,
        names.most_common(1)[0][0] if names else None,
        money_unit,
        title,
    )
    for table in segmented.tables:
        if table.kind.is_budget_table:
            result.budget_lines += parse_budget_table(table, money_unit, log)
        elif table.kind in (TableKind.THREE_PUBLIC, TableKind.THREE_PUBLIC_GOV_FUND):
            result.budget_lines += parse_budget_table(table, money_unit, log)
            if table.kind is TableKind.THREE_PUBLIC:
                result.three_public += read_three_public_table(table, money_unit, year)
        elif table.kind in (TableKind.PROJECT_PERFORMANCE, TableKind.UNIT_PERFORMANCE):
            project, unit_budget = parse_performance_table(table, log)
            result.projects.append(project)
            result.budget_lines += unit_budget
        elif table.kind is TableKind.FIXED_ASSETS:
            result.assets += read_assets_table(table, money_unit, year)
        else:
            log.add(
                "table_not_read",
                f"{table.kind.value} table {table.title!r} is recognised but not landed",
                table.title_block,
                Severity.INFO,
            )
    reflow = read.layout in (Layout.SPACED.value, "pdf")
    for paragraph in paragraphs(segmented.prose, reflow=reflow):
        facts, figures = read_money(paragraph, year)
        result.narrative += facts
        result.three_public += figures
        result.narrative += read_people(paragraph, year)
    for seq, project in enumerate(result.projects, start=1):
        result.narrative += _project_people(seq, project, year)
    result.issues = log.issues
    return result


def _project_people(seq: int, project: Project, year: int) -> list[NarrativeFact]:
    context = (seq, project.project_code, project.project_name)
    out: list[NarrativeFact] = []
    for kind, text in (("project_goal", project.goal), ("project_purpose", project.purpose)):
        if text:
            block = Block(text, (text,), project.line, project.line, project.page)
            for paragraph in paragraphs([block], reflow=False):
                out += read_people(paragraph, year, kind, context)
    for indicator in project.indicators:
        labels = " ".join(filter(None, (indicator.level3, indicator.description)))
        fact = read_indicator_people(
            labels,
            indicator.value,
            indicator.unit,
            indicator.operator,
            indicator.line,
            indicator.page,
            year,
            context,
        )
        text = f"{labels} {indicator.value_text or ''}"
        block = Block(text, (text,), indicator.line, indicator.line, indicator.page)
        paragraph = Paragraph(normalise_text(text), [0], [block])
        out += read_people(paragraph, year, "indicator", context, counts=fact is None)
        if fact is not None:
            out.append(fact)
    return _dedupe_counts(out)


def _dedupe_counts(facts: list[NarrativeFact]) -> list[NarrativeFact]:
    """The same count said twice in one project (goal and indicator) is one statement."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for fact in facts:
        key = (
            fact.fact_key,
            fact.fact_year,
            fact.amount,
            fact.unit,
            fact.scheme,
            fact.enrollment_kind,
            fact.project_seq,
            fact.year_basis,
        )
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return out
