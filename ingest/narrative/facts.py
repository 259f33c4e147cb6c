"""The records the narrative extractors produce."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class NarrativeFact:
    """One figure stated in words, or one stated change against another year."""

    fact_key: str
    fact_kind: str  # 'level' | 'change'
    fact_year: int
    amount: Decimal | None
    amount_text: str
    unit: str  # 万元 | 元 | 人 | 万人 | 元/人
    sentence: str
    line: int
    page: int | None
    year_basis: str  # 'stated' | 'context' | 'document'
    source_kind: str = "narrative"  # narrative | project_goal | project_purpose | indicator
    compared_year: int | None = None
    direction: str | None = None  # increase | decrease | unchanged
    scheme: str | None = None  # resident | employee | unspecified (enrollment)
    enrollment_kind: str | None = None  # enrolled | contributors | beneficiaries | projected
    label: str | None = None  # the item's own name (listed project amounts)
    project_seq: int | None = None
    project_code: str | None = None
    project_name: str | None = None
    phase: str | None = None  # budget | adjusted | actual; None: the document's own kind


@dataclass(frozen=True, slots=True)
class ThreePublicFigure:
    """A 三公 component for the budget year, from the table or the prose."""

    component: str  # total | overseas | vehicle_total | vehicle_purchase | vehicle_operation |
    # reception | meeting | training | table_grand_total
    amount: Decimal | None
    amount_text: str
    money_unit: str
    reported_as: str  # value | zero | empty_table | blank
    source: str  # table | narrative
    fiscal_year: int
    line: int
    page: int | None
    snippet: str
    phase: str | None = None  # budget | adjusted | actual; None: the document's own kind
