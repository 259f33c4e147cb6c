"""One document in, everything the ingest can say about it out (or the reason it cannot)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ingest.amounts import normalise_text
from ingest.codes import IssueCode, RejectionReason
from ingest.glyphs import simplified
from ingest.identity import Identity, IdentityHints, resolve_identity
from ingest.limits import Limits
from ingest.model import Block, IssueLog, ParseIssue, Severity, UnreadableDocument
from ingest.narrative.execution import read_execution, read_item_execution
from ingest.narrative.facts import NarrativeFact, ThreePublicFigure
from ingest.narrative.money import read_money
from ingest.narrative.people import read_indicator_people, read_people
from ingest.narrative.prose import Paragraph, paragraphs
from ingest.readers import ReadDocument, read_bytes
from ingest.readers.document import Layout
from ingest.recognise.aligned import read_aligned
from ingest.recognise.assets import AssetRow, read_assets_table
from ingest.recognise.budget_tables import BudgetLine, parse_budget_table
from ingest.recognise.grid import own_unit
from ingest.recognise.ocr_sums import unbalanced_lines, unbalanced_three_public, withheld_issue
from ingest.recognise.performance import Project, parse_performance_table
from ingest.recognise.segment import Segmented, Table, segment
from ingest.recognise.three_public import read_three_public_table
from ingest.recognise.titles import TableKind
from ingest.recognise.units import Anchor, anchor, by_arithmetic, part_statement, prose_anchors

# A budget disclosure says so in a title or heading; a 决算 (final accounts) says 决算.
# 部门预算 names the document, except as the name of the economic classification in a column
# header (部门预算支出经济科目), which Changsha's funding notice prints in its allocation table
_BUDGET_TITLE = re.compile(
    r"(?:部门|单位)\s*(?:综合)?\s*预\s*算(?!\s*支\s*出\s*经\s*济)|预算(?:信息)?公开|预算情况说明"
)
_FINAL_ACCOUNTS = re.compile(r"(?:部门|单位)\s*决\s*算|决算(?:信息)?公开")


@dataclass(slots=True)
class Extraction:
    identity: Identity
    read: ReadDocument
    money_unit: str | None  # the unit most of its tables are in (None: no table landed)
    title: str
    budget_lines: list[BudgetLine] = field(default_factory=list)
    three_public: list[ThreePublicFigure] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    narrative: list[NarrativeFact] = field(default_factory=list)
    assets: list[AssetRow] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)


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
    title = next((b.text for b in read.blocks if b.text.strip()), "")[:200]
    result = Extraction(identity, read, None, title)
    _read_tables(result, segmented, year, log)
    units = Counter(line.money_unit for line in result.budget_lines if line.money_unit)
    result.money_unit = units.most_common(1)[0][0] if units else None
    if read.ocr_pages:
        _withhold_unbalanced(result, set(read.ocr_pages), log)
    reflow = read.layout in (Layout.SPACED, Layout.PDF, Layout.PDF_OCR)
    prose = paragraphs(segmented.prose, reflow=reflow)
    for paragraph in prose:
        facts, figures = read_money(paragraph, year)
        result.narrative += facts
        result.three_public += figures
        result.narrative += read_people(paragraph, year)
        if identity.kind == "final":  # 年初预算为X，支出决算为Y，完成年初预算的Z%
            result.narrative += read_execution(paragraph, year)
    if identity.kind == "final":  # 1、…（类）…（款）…（项）。…年初预算为X，支出决算为Y
        result.narrative += read_item_execution(prose, year, result.budget_lines, log)
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


def _withhold_unbalanced(result: Extraction, pages: set[int], log: IssueLog) -> None:
    """Figures of tables read by OCR land only where the document's sums allow them
    (``recognise/ocr_sums.py``): a sum that does not balance withholds all its figures."""
    scanned = [line for line in result.budget_lines if line.page in pages]
    bad_lines = {id(scanned[index]) for index in unbalanced_lines(scanned)}
    for line in scanned:
        if id(line) in bad_lines:
            what = f"{line.row_label or line.subject_code} {line.column_name} {line.amount_text}"
            log.issues.append(withheld_issue(line.page, line.line, line.snippet, what))
    result.budget_lines = [line for line in result.budget_lines if id(line) not in bad_lines]
    figures = [
        figure
        for figure in result.three_public
        if figure.page in pages and figure.source == "table"
    ]
    bad_figures = {id(figures[index]) for index in unbalanced_three_public(figures)}
    for figure in figures:
        if id(figure) in bad_figures:
            what = f"三公 {figure.component} {figure.amount_text}"
            log.issues.append(withheld_issue(figure.page, figure.line, figure.snippet, what))
    result.three_public = [
        figure for figure in result.three_public if id(figure) not in bad_figures
    ]


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


def _read_tables(result: Extraction, segmented: Segmented, year: int, log: IssueLog) -> None:
    """Every table in the unit the document states for it, else proves by arithmetic
    (``recognise/units.py``); a table whose unit nothing decides lands no amount."""
    undecided: list[tuple[Table, Extraction, IssueLog]] = []
    for table in segmented.tables:
        try:
            read_aligned(table, log)  # space-aligned text: cells by position, not arithmetic
        except Exception as exc:  # a parser bug costs one table, not the file
            log.add(
                IssueCode.TABLE_NOT_PARSED,
                f"table {table.title!r} could not be read ({type(exc).__name__}: {exc})"[:400],
                table.title_block,
            )
            continue
        stated = own_unit(table.title, table.blocks)
        part = part_statement(table.part_unit) if table.part_unit is not None else None
        unit = stated or part
        if table.kind in (TableKind.PROJECT_PERFORMANCE, TableKind.UNIT_PERFORMANCE):
            unit = None  # the form states its own unit; only the part's line is inherited
        if unit is not None or table.kind in (
            TableKind.PROJECT_PERFORMANCE,
            TableKind.UNIT_PERFORMANCE,
        ):
            held = _empty_like(result)
            _read_guarded(held, table, unit or "", year, log, part)
            if _amounts_of(held):  # a project form with an amount and no unit
                undecided.append((table, held, IssueLog()))
            else:
                _merge(result, held)
            continue
        # read with no unit ('') for now: the arithmetic decides, the figures follow it
        held, held_log = _empty_like(result), IssueLog()
        _read_guarded(held, table, "", year, held_log, None)
        if not any(_amounts_of(held)):
            # nothing printed, or only zeros (空表): a zero is zero in every unit
            _merge(result, _in_unit(held, "元"))
            log.issues.extend(held_log.issues)
            continue
        undecided.append((table, held, held_log))
    anchors = prose_anchors(block.text for block in segmented.prose)
    anchors += _anchors_of(result)
    progress = True
    while undecided and progress:
        progress = False
        for entry in list(undecided):
            table, held, held_log = entry
            decision = by_arithmetic(_amounts_of(held), anchors)
            if decision.unit is None:
                continue
            undecided.remove(entry)
            progress = True
            decided = _in_unit(held, decision.unit)
            _merge(result, decided)
            log.issues.extend(held_log.issues)
            log.add(
                IssueCode.UNIT_FROM_ARITHMETIC,
                f"table {table.title!r} states no unit; {decision.unit} by the document's "
                f"arithmetic: {decision.evidence}"[:400],
                table.title_block,
                Severity.INFO,
            )
            anchors += _anchors_of(decided)
    for table, held, _ in undecided:
        decision = by_arithmetic(_amounts_of(held), anchors)
        log.add(
            IssueCode.UNIT_UNKNOWN,
            f"table {table.title!r}: no unit stated for it, its part or the document, and "
            f"the arithmetic does not decide ({decision.evidence}); amounts not landed"[:400],
            table.title_block,
        )
        for project in held.projects:  # the form's words and indicators still hold
            if not project.money_unit:
                project.amount = None
                project.amount_text = None
            result.projects.append(project)
        result.budget_lines += [line for line in held.budget_lines if line.money_unit]


def _read_guarded(
    result: Extraction,
    table: Table,
    unit: str,
    year: int,
    log: IssueLog,
    part_unit: str | None,
) -> None:
    try:
        _read_table(result, table, unit, year, log, part_unit)
    except Exception as exc:  # a parser bug costs one table, not the file
        log.add(
            IssueCode.TABLE_NOT_PARSED,
            f"table {table.title!r} could not be read ({type(exc).__name__}: {exc})"[:400],
            table.title_block,
        )


def _empty_like(result: Extraction) -> Extraction:
    return Extraction(result.identity, result.read, result.money_unit, result.title)


def _merge(result: Extraction, held: Extraction) -> None:
    result.budget_lines += held.budget_lines
    result.three_public += held.three_public
    result.projects += held.projects
    result.assets += held.assets


def _amounts_of(held: Extraction) -> list[Decimal]:
    """The amounts whose unit is not settled ('' until decided)."""
    amounts = [line.amount for line in held.budget_lines if not line.money_unit]
    amounts += [f.amount for f in held.three_public if f.amount is not None and not f.money_unit]
    amounts += [a.value for a in held.assets if a.value is not None and not a.money_unit]
    amounts += [p.amount for p in held.projects if p.amount is not None and not p.money_unit]
    return amounts


def _anchors_of(held: Extraction) -> list[Anchor]:
    """The amounts of tables whose unit is settled, as figures to check others against."""
    out = [
        anchor(line.amount, line.money_unit, f"{line.amount_text}{line.money_unit} in {where}")
        for line in held.budget_lines
        if line.money_unit and line.amount
        for where in [f"{line.table_title[:40]} line {line.line}"]
    ]
    out += [
        anchor(f.amount, f.money_unit, f"{f.amount_text}{f.money_unit} line {f.line}")
        for f in held.three_public
        if f.amount and f.money_unit
    ]
    return out


def _in_unit(held: Extraction, unit: str) -> Extraction:
    """The held table's figures in the unit the arithmetic decided."""
    out = _empty_like(held)
    out.budget_lines = [
        line if line.money_unit else replace(line, money_unit=unit) for line in held.budget_lines
    ]
    out.three_public = [
        f if f.money_unit else replace(f, money_unit=unit) for f in held.three_public
    ]
    out.assets = [a if a.money_unit else replace(a, money_unit=unit) for a in held.assets]
    for project in held.projects:
        if not project.money_unit:
            project.money_unit = unit
    out.projects = held.projects
    return out


def _read_table(
    result: Extraction,
    table: Table,
    money_unit: str,
    year: int,
    log: IssueLog,
    part_unit: str | None = None,
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
        project, unit_budget = parse_performance_table(table, log, part_unit)
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
