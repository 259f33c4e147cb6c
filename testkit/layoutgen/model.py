"""A generated document before it is rendered: titles, headings, prose and tables.

Tables carry their header as rows of cells with spans (HTML semantics), so each renderer
draws the same table its own way: merged cells in PDF, HTML, Word and workbooks, the
flattened rows a text export leaves.  While a family builds a document it writes down
every figure it prints in a ``Ledger``: that, not the facts, is what the warehouse must
reproduce (a figure the document does not print cannot be expected of it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Head:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 1  # 0: document title (cover), 1: part/section, 2: sub-section


@dataclass(frozen=True, slots=True)
class Para:
    text: str


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    header: tuple[tuple[Head, ...], ...]
    rows: tuple[tuple[str, ...], ...]
    meta: tuple[str, ...] = ()  # 编制单位 / 预算年度 / 单位 line above the table
    notes: tuple[str, ...] = ()  # 注：… under the table
    sheet: str = ""  # the sheet name a workbook gives it

    @property
    def width(self) -> int:
        return sum(head.colspan for head in self.header[0]) if self.header else len(self.rows[0])

    def header_grid(self) -> list[list[Head | None]]:
        """Header rows as a full grid: the anchor of each span, None where covered."""
        grid: list[list[Head | None]] = [[None] * self.width for _ in self.header]
        covered = [[False] * self.width for _ in self.header]
        for r, heads in enumerate(self.header):
            c = 0
            for head in heads:
                while covered[r][c]:
                    c += 1
                grid[r][c] = head
                for rr in range(r, r + head.rowspan):
                    for cc in range(c, c + head.colspan):
                        covered[rr][cc] = True
                c += head.colspan
        return grid


Block = Heading | Para | Table


@dataclass(frozen=True, slots=True)
class Stated:
    """One figure as the document prints it: measure, year, value in yuan (or persons)."""

    measure: str
    year: int
    value: Decimal
    where: str  # the table or sentence, for reports


@dataclass(frozen=True, slots=True)
class Change:
    """A stated change against another year: 'X 较上年增加 D' (delta signed)."""

    measure: str
    year: int
    compared_year: int
    delta: Decimal
    where: str


@dataclass(slots=True)
class Ledger:
    figures: list[Stated] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    # (scheme, code) → total-column amount in yuan, for every subject a table prints
    subjects: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    # function subjects printed in an expenditure table (支出总表 / 一般公共预算支出表)
    expenditure_subjects: dict[str, Decimal] = field(default_factory=dict)
    subsidy_project: Decimal | None = None
    subsidy_standard: Decimal | None = None

    def state(self, measure: str, year: int, value: Decimal, where: str) -> None:
        self.figures.append(Stated(measure, year, value, where))

    def change(self, measure: str, year: int, compared: int, delta: Decimal, where: str) -> None:
        self.changes.append(Change(measure, year, compared, delta, where))

    def subject(self, scheme: str, code: str, value: Decimal, expenditure: bool) -> None:
        key = (scheme, code)
        if key in self.subjects and self.subjects[key] != value:
            raise ValueError(f"{scheme} {code} printed with two amounts")
        self.subjects[key] = value
        if expenditure and scheme == "function":
            self.expenditure_subjects[code] = value


@dataclass(slots=True)
class Document:
    name: str  # family-format-seed, also the file stem
    family: str
    county_code: str
    year: int
    blocks: list[Block] = field(default_factory=list)
    ledger: Ledger = field(default_factory=Ledger)
    prose_only: bool = False
    traditional: bool = False  # printed in traditional glyphs (a mirror site)
    medical_insurance: bool = True  # published by a 医疗保障局 (else a Party/congress body)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)
