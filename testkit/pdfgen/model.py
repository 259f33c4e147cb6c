"""The document model that parsers produce and the renderer draws."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Grid:
    """A table as a full grid: `rows[r][c]` is the Cell anchored there, None if covered."""

    rows: list[list[Cell | None]]
    ncols: int
    header_rows: int = 0  # repeated at the top of every page the table continues on
    min_row_height: float = 0.0
    numeric_right: bool = True  # right-align amounts, as budget tables do

    def texts(self) -> list[str]:
        return [c.text for row in self.rows for c in row if c is not None and c.text.strip()]


@dataclass
class Para:
    """Prose: wrapped to the frame width."""

    text: str


@dataclass
class Title:
    """A heading or a table title: centred, larger."""

    text: str


@dataclass
class Line:
    """A plain text line kept as its own line (notes, loose values, footer debris)."""

    text: str


@dataclass
class Meta:
    """Unit / year line above a table: parts spread left, centre, right."""

    parts: list[str]


@dataclass
class TableBlock:
    grid: Grid


Block = Para | Title | Line | Meta | TableBlock


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
