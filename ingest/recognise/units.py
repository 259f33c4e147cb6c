"""The unit of a table's amounts: what the document states, else what its arithmetic proves.

One definition for every reader (text layouts, PDF, HTML, workbooks, Word): they all give
blocks in reading order, and the unit is decided from those blocks alone.

1. *Stated for the table*: in its title, or a meta/header line above its first body row
   (``单位：万元``, ``（金额单位：元）``, ``预算数（万元）``).
2. *Stated for a part*: a short line that is only a unit statement, outside any table's own
   header (in the prose, or after a table's last rows, such as ``（金额单位：元）`` at the top of
   the tables' part).  It holds for every table after it until another such line.
3. *Proved by arithmetic*: where nothing states the unit, the table's amounts are held
   against amounts the document prints with their unit (a sentence's ``425.30万元``, a table
   whose unit is stated): the table's total equal in one unit and 10,000 times off in the
   other decides.
4. Otherwise the unit is unknown: the table's amounts are a ``unit_unknown`` parse issue and
   nothing of it lands.  There is no default unit: 元 read as 万元 is a figure 10,000 times
   too large.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ingest.amounts import MONEY_RE, compact_text, normalise_text
from ingest.model import Block

# 编制单位/预算单位/填报单位：元氏县… names a body, not the unit of money
_UNIT = re.compile(
    r"(?<![制算管报])(?:金额)?单位\s*[:：]\s*(万元|元)|[(（]\s*(万元|元)\s*[)）]|金额单位\s*(万元|元)"
)
# A line that states a unit for what follows and says little else: '（金额单位：元）',
# '单位：万元', '编制单位：某县医疗保障局  单位：元' (a meta line printed above a title).
_STATEMENT_MAX_CHARS = 40
YUAN_PER = {"元": Decimal(1), "万元": Decimal(10000)}


def stated_unit(texts: Iterable[str]) -> str | None:
    """The first unit the texts state (单位：万元, （元）, 金额单位：元), or None."""
    for text in texts:
        # every statement ends in 元 (no variant glyph normalises to it): most lines have none
        match = _UNIT.search(normalise_text(text)) if "元" in text else None
        if match:
            return next(group for group in match.groups() if group)
    return None


def part_statement(block: Block) -> str | None:
    """The unit a standalone line states for the tables after it, or None."""
    if "元" not in block.text:  # the cheap necessary condition first (see stated_unit)
        return None
    text = compact_text(block.text)
    if not text or len(text) > _STATEMENT_MAX_CHARS:
        return None
    return stated_unit([text])


@dataclass(frozen=True, slots=True)
class UnitDecision:
    unit: str | None
    basis: str  # table | part | arithmetic | unknown
    evidence: str  # the statement or the matched figures, for the parse issue / provenance


@dataclass(frozen=True, slots=True)
class Anchor:
    """An amount the document prints with its unit, in yuan, with half its last digit."""

    yuan: Decimal
    tolerance: Decimal
    text: str


# '640元/人', '610元每人': per-person standards are not totals to compare a table against
_PER_PERSON_AFTER = re.compile(r"^\s*(/|每|／)")


def prose_anchors(texts: Iterable[str]) -> list[Anchor]:
    """Money the prose states with its unit (``425.30万元``, ``526,094.10元``)."""
    anchors: list[Anchor] = []
    for raw in texts:
        text = normalise_text(raw)
        for match in MONEY_RE.finditer(text):
            if _PER_PERSON_AFTER.match(text[match.end() :]):
                continue
            number = match["num"].replace(",", "")
            value = Decimal(number)
            if value == 0:
                continue
            anchors.append(anchor(value, match["unit"], f"{match['num']}{match['unit']}"))
    return anchors


def anchor(value: Decimal, unit: str, text: str) -> Anchor:
    """A printed amount: its last printed digit bounds the rounding of what it states."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    half_digit = Decimal(5) / Decimal(10) ** (places + 1)
    return Anchor(value * YUAN_PER[unit], half_digit * YUAN_PER[unit], text)


def _matches(amount: Decimal, unit: str, anchors: list[Anchor]) -> Anchor | None:
    yuan = amount * YUAN_PER[unit]
    for candidate in anchors:
        if abs(candidate.yuan - yuan) <= candidate.tolerance:
            return candidate
    return None


def by_arithmetic(amounts: list[Decimal], anchors: list[Anchor]) -> UnitDecision:
    """The unit in which the table's amounts are the document's other figures.

    The table's largest amount (its total) decides when it equals a figure stated with its
    unit in exactly one of 元 / 万元.  Failing that, every amount of the table that meets a
    stated figure must meet it in the same unit, and at least two distinct amounts must.
    """
    nonzero = sorted({abs(a) for a in amounts if a != 0}, reverse=True)
    if not nonzero or not anchors:
        return UnitDecision(None, "unknown", "no figure stated with its unit to check against")
    total = nonzero[0]
    hits = {unit: _matches(total, unit, anchors) for unit in YUAN_PER}
    found = [(unit, hit) for unit, hit in hits.items() if hit is not None]
    if len(found) == 1:
        unit, hit = found[0]
        return UnitDecision(unit, "arithmetic", f"total {total} {unit} = {hit.text}")
    if len(found) > 1:
        return UnitDecision(None, "unknown", f"total {total} matches figures in both units")
    matched: dict[str, list[str]] = {unit: [] for unit in YUAN_PER}
    for amount in nonzero:
        for unit in YUAN_PER:
            met = _matches(amount, unit, anchors)
            if met is not None:
                matched[unit].append(f"{amount} {unit} = {met.text}")
    decided = [unit for unit, hits_ in matched.items() if hits_]
    if len(decided) == 1 and len(matched[decided[0]]) >= 2:
        unit = decided[0]
        return UnitDecision(unit, "arithmetic", "; ".join(matched[unit][:3]))
    return UnitDecision(
        None, "unknown", f"total {total} equals no figure the document states with its unit"
    )
