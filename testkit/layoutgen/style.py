"""How one document prints what it states: units, columns, titles, zero and change wording.

A family fixes what its province always does and draws the rest per document, so two
documents of one family differ the way two counties of one province do.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from testkit.layoutgen.facts import Facts
from testkit.layoutgen.money import FEN_PER, in_unit, prose_amount, yuan


@dataclass(slots=True)
class Style:
    unit: str = "万元"  # tables
    prose_unit: str = "万元"
    commas: bool = False  # thousands separators in tables (元 only)
    seq: bool = False  # a 序号 column
    lanci: bool = False  # a 栏次 row under the header
    code_columns: str = "joined"  # joined | split (类/款/项 in three columns)
    zero_cell: str = "0.00"  # how a zero amount is printed in a table: 0.00 | 0 | "" | -
    personnel_words: tuple[str, str] = ("人员经费", "公用经费")
    meta: str = "labelled"  # labelled | hebei | unit_only | final | none (no unit in tables)
    titles: dict[str, str] = field(default_factory=dict)
    vehicle_word: str = "公务用车购置及运行维护费"
    overseas_word: str = "因公出国（境）费"
    empty_three_public: str = "note"  # note | zeros (how an all-zero 三公 table is printed)

    def amount(self, fen: int) -> str:
        """A table cell (zero as the document prints zeros)."""
        if fen == 0:
            return self.zero_cell
        return in_unit(fen, self.unit, 2, self.commas)

    def money(self, fen: int, unit: str | None = None) -> str:
        """An amount in prose, with its unit."""
        unit = unit or self.prose_unit
        return prose_amount(fen, unit) + unit

    def exact(self, fen: int) -> bool:
        return fen % (FEN_PER[self.unit] // 100) == 0


def step_for(rng: random.Random, table_unit: str, prose_unit: str) -> int:
    """Amounts that print exactly: 2 decimals in 万元 need whole hundreds of yuan."""
    if "万元" in (table_unit, prose_unit) and table_unit == "万元":
        return 10_000
    return rng.choice((100, 100, 10_000))  # whole yuan, or whole hundreds


def describe(facts: Facts) -> str:
    return (
        f"{facts.body} {facts.year}: total {yuan(facts.total)}, basic {yuan(facts.basic)}, "
        f"project {yuan(facts.project)}, 三公 {yuan(facts.three_public.total)}"
    )
