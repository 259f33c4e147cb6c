"""The in-memory shape of a document between reading it and landing its rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ingest.codes import IssueCode, RejectionReason


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of a document in reading order: a prose line or a table row.

    ``line``/``line_end`` are 1-based lines of the decoded text (for a PDF: the row's
    position on its page).  ``packed`` marks rows whose blank cells were lost (space-
    separated PDF text): their values are left-packed and columns must be inferred.
    ``spans`` (space-separated text only) are the display columns ``[start, end)`` of each
    cell on its line, a CJK or full-width character two columns wide: where a table's columns
    are aligned with spaces, they say which column each cell stands in
    (``ingest.recognise.aligned``).

    Workbooks: ``page`` is the sheet's number in the workbook, ``line`` its row number,
    ``sheet`` its name, and ``columns[i]`` the column letter of ``cells[i]``.  Word files
    and web pages: ``page`` is None and ``line`` the block's ordinal in the document.
    """

    text: str
    cells: tuple[str, ...]
    line: int
    line_end: int
    page: int | None = None
    is_row: bool = False
    packed: bool = False
    sheet: str | None = None
    columns: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def snippet(self) -> str:
        return self.text[:200]


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class ParseIssue:
    """A problem found while reading a cell or sentence: data, not an exception."""

    code: IssueCode
    message: str
    line: int | None = None
    page: int | None = None
    snippet: str = ""
    severity: Severity = Severity.WARNING


@dataclass(slots=True)
class IssueLog:
    """Collects parse issues for one document."""

    issues: list[ParseIssue] = field(default_factory=list)

    def add(
        self,
        code: IssueCode,
        message: str,
        block: Block | None = None,
        severity: Severity = Severity.WARNING,
    ) -> None:
        self.issues.append(
            ParseIssue(
                code=code,
                message=message,
                line=block.line if block else None,
                page=block.page if block else None,
                snippet=block.snippet if block else "",
                severity=severity,
            )
        )


class UnreadableDocument(Exception):
    """A document the ingest cannot read at all; becomes a ``rejected`` record.

    ``reason`` is a short stable code, ``detail`` a sentence a person understands.
    """

    def __init__(self, reason: RejectionReason, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
