"""Which column does each amount of a packed row belong to?  Ask the table's arithmetic.

PDF text drops blank cells: '2101502 一般行政管理事务 121.00 121.00' could be total+basic
or total+project.  The tables themselves answer it: a row's total equals the sum of its part
columns, and a parent subject (21015) equals the sum of its children (2101501 …) in every
column.  The resolver walks the subject tree from the 合计 row down and picks, for each
group of siblings, the assignment that makes the parent's columns add up.  When the
arithmetic leaves a choice, the leftmost columns win and the rows are flagged as inferred.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ingest.amounts import parse_amount
from ingest.codes import IssueCode
from ingest.model import IssueLog, Severity
from ingest.recognise.columns import PERIOD_KEYS
from ingest.recognise.grid import LogicalRow
from ingest.recognise.titles import TableKind

# Tables whose total column is the sum of the other amount columns.
ADDITIVE = frozenset(
    {
        TableKind.EXPENDITURE_SUMMARY,
        TableKind.GENERAL_BUDGET_EXPENDITURE,
        TableKind.GOV_FUND_EXPENDITURE,
        TableKind.STATE_CAPITAL_EXPENDITURE,
        TableKind.FISCAL_APPROPRIATION_EXPENDITURE,
        TableKind.BASIC_EXPENDITURE,
        TableKind.THREE_PUBLIC,
        TableKind.THREE_PUBLIC_GOV_FUND,
    }
)
MAX_COMBINATIONS = 50_000

Option = tuple[str, ...]
Assignment = list[tuple[str, str, bool]]


@dataclass(slots=True)
class PackedRow:
    row: LogicalRow
    code: str | None
    label: str
    texts: list[str]
    amounts: list[Decimal] = field(init=False)

    def __post_init__(self) -> None:
        # parsed once: the resolver asks for them in every combination it tries
        self.amounts = [parse_amount(text) or Decimal(0) for text in self.texts]

    def values(self) -> list[Decimal]:
        return self.amounts


def _options(kind: TableKind, packed: PackedRow, keys: list[str]) -> list[Option]:
    count = len(packed.texts)
    if count == 0:
        return [()]
    if count >= len(keys) or not keys or keys[0] != "total":
        return [tuple(keys[:count])]
    options = [("total", *combo) for combo in itertools.combinations(keys[1:], count - 1)]
    if kind in ADDITIVE and count > 1:
        values = packed.values()
        has_parts = any(key not in PERIOD_KEYS for key in keys[1:])
        adding_up = [option for option in options if _adds_up(option, values, has_parts)]
        if not adding_up and PERIOD_KEYS.intersection(keys):
            return []  # beside last year's column, a leftmost guess could be last year's figure
        options = adding_up or options
    return options


def _adds_up(option: Option, values: list[Decimal], has_parts: bool) -> bool:
    """The row's own arithmetic: total = Σ parts; this year − last year = the change."""
    by_key = dict(zip(option, values, strict=False))
    total = by_key["total"]
    parts = sum((v for k, v in by_key.items() if k != "total" and k not in PERIOD_KEYS), Decimal(0))
    if has_parts and parts != total:
        return False
    prior, change = by_key.get("prior_year", Decimal(0)), by_key.get("change", Decimal(0))
    if "prior_year" in by_key or "change" in by_key:  # a blank period cell is a zero
        return total - prior == change
    return True


def _parent(packed: PackedRow, by_code: dict[str, PackedRow], root: PackedRow | None) -> int | None:
    if packed is root:
        return None
    code = packed.code
    if code and len(code) > 3 and code[:-2] in by_code:
        return id(by_code[code[:-2]])
    return id(root) if root is not None else None


def resolve_packed(
    kind: TableKind, rows: list[PackedRow], keys: list[str], log: IssueLog
) -> dict[int, Assignment]:
    options = {id(row): _options(kind, row, keys) for row in rows}
    for row in [row for row in rows if not options[id(row)]]:
        log.add(
            IssueCode.COLUMNS_NOT_ADDING_UP,
            f"no reading of the {len(row.texts)} amounts on columns {keys} adds up "
            "(total = Σ parts, this year − last year = change): not landed",
            row.row.first,
        )
    rows = [row for row in rows if options[id(row)]]
    by_code = {row.code: row for row in rows if row.code}
    root = next((row for row in rows if row.code is None and row.label in ("合计", "总计")), None)
    children: dict[int | None, list[PackedRow]] = defaultdict(list)
    for row in rows:
        children[_parent(row, by_code, root)].append(row)
    chosen: dict[int, Option] = {}

    def values_of(row: PackedRow) -> dict[str, Decimal]:
        return dict(zip(chosen[id(row)], row.values(), strict=False))

    def choose_group(parent: PackedRow | None, group: list[PackedRow]) -> None:
        option_lists = [options[id(row)] for row in group]
        combos = 1
        for option_list in option_lists:
            combos *= len(option_list)
        picked: tuple[Option, ...] | None = None
        coded = all(row.code for row in group)  # only subject trees have parent = Σ children
        if parent is not None and coded and kind in ADDITIVE and 1 < combos <= MAX_COMBINATIONS:
            target = values_of(parent)
            valid = []
            for combo in itertools.product(*option_lists):
                sums: dict[str, Decimal] = defaultdict(Decimal)
                for row, option in zip(group, combo, strict=True):
                    for key, value in zip(option, row.values(), strict=False):
                        sums[key] += value
                if all(
                    sums.get(key, Decimal(0)) == target.get(key, Decimal(0))
                    for key in keys[1:]
                    if key != "change_pct"  # rates do not add up
                ):
                    valid.append(combo)
                    if len(valid) > 1:
                        break
            if valid:
                picked = valid[0]
                if len(valid) > 1:
                    log.add(
                        IssueCode.COLUMNS_AMBIGUOUS,
                        f"columns of rows under {parent.label!r} "
                        "are not determined by the arithmetic; leftmost assumed",
                        parent.row.first,
                        Severity.INFO,
                    )
            elif combos > 1:
                log.add(
                    IssueCode.COLUMNS_NOT_ADDING_UP,
                    f"no column assignment makes the rows under "
                    f"{parent.label!r} add up to it; leftmost assumed",
                    parent.row.first,
                )
        if picked is None:
            picked = tuple(option_list[0] for option_list in option_lists)
        for row, option in zip(group, picked, strict=True):
            chosen[id(row)] = option
        for row in group:
            if children.get(id(row)):
                choose_group(row, children[id(row)])

    choose_group(None, children.get(None, []))
    for row in rows:  # rows whose parent never got chosen (orphans): leftmost
        chosen.setdefault(id(row), options[id(row)][0])
    return {
        id(row): [
            (key, text, len(options[id(row)]) > 1)
            for key, text in zip(chosen[id(row)], row.texts, strict=False)
        ]
        for row in rows
    }
