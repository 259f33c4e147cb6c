"""One document in, everything the ingest can say about it out (or the reason it cannot)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ingest.amounts import normalise_text
from ingest.codes import IssueCode, RejectionReason
from ingest.glyphs import simplified
from ingest.identity import Identity, IdentityHints, resolve_identity
from ingest.layout import Layout
from ingest.limits import Limits
from ingest.model import Block, IssueLog, ParseIssue, Severity, UnreadableDocument
from ingest.narrative.execution import read_execution
from ingest.narrative.facts import NarrativeFact, ThreePublicFigure
from ingest.narrative.money import read_money
from ingest.narrative.people import read_indicator_people, read_people
from ingest.narrative.prose import Paragraph, paragraphs
from ingest.recognise.assets import AssetRow, read_assets_table
from ingest.recognise.budget_tables import BudgetLine, parse_budget_table
from ingest.recognise.grid import find_unit
from ingest.recognise.performance import Project, parse_performance_table
from ingest.recognise.segment import Segmented, Table, segment
from ingest.recognise.three_public import read_three_public_table
from ingest.recognise.titles import TableKind
from ingest.sources import ReadDocument, SourceFormat, sniff_format

# A budget disclosure says so in a title or heading; a 决算 (final accounts) says 决算.
_BUDGET_TITLE = re.compile(r"(?:部门|单位)\s*(?:综合)?\s*预\s*算|预算(?:信息)?公开|预算情况说明")
_FINAL_ACCOUNTS = re.compile(r"(?:部门|单位)\s*决\s*算|决算(?:信息)?公开")


@dataclass(slots=True)
class Extraction:
    identity: Identity
    read: ReadDocument
    money_unit: str
    title: str
    budget_lines: list[BudgetLine] = field(default_factory=list)
    three_public: list[ThreePublicFigure] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    narrative: list[NarrativeFact] = field(default_factory=list)
    assets: list[AssetRow] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)


def read_bytes(
    data: bytes, limits: Limits | None = None, log: IssueLog | None = None
) -> ReadDocument:
    """Bytes to blocks by the reader the content calls for (readers are imported lazily:
    a run of text documents never loads pdfminer, calamine or LibreOffice); PDF pages that
    fail to parse become issues in ``log``."""
    limits = limits or Limits()
    source_format = sniff_format(data)
    if source_format is SourceFormat.PDF:
        from ingest.pdf import read_pdf

        return read_pdf(data, limits, log=log)
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


def extract(
    data: bytes, limits: Limits | None = None, hints: IdentityHints | None = None
) -> Extraction:
    """Read and recognise one document; raises UnreadableDocument with the reason.

    ``hints`` are what a sources.csv manifest says of the file (division, body, scope, year).
    """
    log = IssueLog()
    read = simplified(read_bytes(data, limits, log))
    segmented = segment(read.blocks)
    if not segmented.tables and not segmented.prose:
        raise UnreadableDocument(RejectionReason.EMPTY, "the document has no readable text")
    _check_is_budget(read, segmented)
    identity = resolve_identity(read.text, [block.text for block in read.blocks], hints)
    year = identity.year
    units = Counter(
        unit
        for table in segmented.tables
        if (unit := find_unit([b.text for b in table.blocks[:6]])) is not None
    )
    money_unit = units.most_common(1)[0][0] if units else "万元"
    title = next((b.text for b in read.blocks if b.text.strip()), "")[:200]
    result = Extraction(identity, read, money_unit, title)
    for table in segmented.tables:
        try:
            _read_table(result, table, money_unit, year, log)
        except Exception as exc:  # a parser bug costs one table, not the file
            log.add(
                IssueCode.TABLE_NOT_PARSED,
                f"table {table.title!r} could not be read ({type(exc).__name__}: {exc})"[:400],
                table.title_block,
            )
    reflow = read.layout in (Layout.SPACED.value, "pdf")
    for paragraph in paragraphs(segmented.prose, reflow=reflow):
        facts, figures = read_money(paragraph, year)
        result.narrative += facts
        result.three_public += figures
        result.narrative += read_people(paragraph, year)
        if identity.kind == "final":  # 年初预算为X，支出决算为Y，完成年初预算的Z%
            result.narrative += read_execution(paragraph, year)
    for seq, project in enumerate(result.projects, start=1):
        result.narrative += _project_people(seq, project, year)
    _give_phases(result)
    result.issues = log.issues
    if not segmented.tables and not _gives_figures(result) and identity.kind == "final":
        raise UnreadableDocument(
            RejectionReason.FINAL_ACCOUNTS,
            "the document names final accounts (决算) but prints no table and states no "
            "figure: nothing to land",
        )
    if not segmented.tables and not _gives_figures(result):
        raise UnreadableDocument(
            RejectionReason.NOT_A_BUDGET,
            "the document names a budget but prints no table and states no figure (a page "
            "about a budget, such as a portal page linking to the attachment): nothing to land",
        )
    return result


def default_phase(kind: str) -> str:
    """The phase of a figure whose column or sentence names none: a 部门预算 prints budgets,
    a 部门决算 its actuals (决算数) — the document says which it is (identity.kind)."""
    return "actual" if kind == "final" else "budget"


def _give_phases(result: Extraction) -> None:
    phase = default_phase(result.identity.kind)
    result.budget_lines = [
        line if line.phase else replace(line, phase=phase) for line in result.budget_lines
    ]
    result.three_public = [
        figure if figure.phase else replace(figure, phase=phase) for figure in result.three_public
    ]
    result.narrative = [
        fact if fact.phase else replace(fact, phase=phase) for fact in result.narrative
    ]


def _gives_figures(result: Extraction) -> bool:
    return bool(
        result.budget_lines
        or result.three_public
        or result.projects
        or result.narrative
        or result.assets
    )


def _read_table(
    result: Extraction, table: Table, money_unit: str, year: int, log: IssueLog
) -> None:
    """The rows one recognised table contributes, by kind; all of them or (on error) none."""
    if table.kind.is_budget_table:
        result.budget_lines += parse_budget_table(table, money_unit, log, year)
    elif table.kind in (TableKind.THREE_PUBLIC, TableKind.THREE_PUBLIC_GOV_FUND):
        lines = parse_budget_table(table, money_unit, log, year)
        if table.kind is TableKind.THREE_PUBLIC:
            read = read_three_public_table(
                table, money_unit, year, log, default_phase(result.identity.kind)
            )
            result.three_public += read.figures
            lines += read.lines
        result.budget_lines += lines
    elif table.kind in (TableKind.PROJECT_PERFORMANCE, TableKind.UNIT_PERFORMANCE):
        project, unit_budget = parse_performance_table(table, log)
        result.budget_lines += unit_budget
        result.projects.append(project)
    elif table.kind is TableKind.FIXED_ASSETS:
        result.assets += read_assets_table(table, money_unit, year)
    else:
        log.add(
            IssueCode.TABLE_NOT_READ,
            f"{table.kind.value} table {table.title!r} is recognised but not landed",
            table.title_block,
            Severity.INFO,
        )


def _check_is_budget(read: ReadDocument, segmented: Segmented) -> None:
    """A budget disclosure has a standard table (budget, 三公, performance targets …) or says
    部门预算/单位预算 somewhere."""
    text = normalise_text(read.text)
    if segmented.tables or _BUDGET_TITLE.search(text) or _FINAL_ACCOUNTS.search(text):
        return  # final accounts (部门决算) are read too: their figures are actuals
    raise UnreadableDocument(
        RejectionReason.NOT_A_BUDGET,
        "the document does not read as a budget disclosure: no standard budget table "
        "(收支总表, 支出总表 …) and no 部门预算/单位预算/预算公开 title",
    )


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
