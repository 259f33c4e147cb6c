"""Which column does each amount of a packed row belong to?  Ask the table's arithmetic.

PDF text drops blank cells: '2101502 一般行政管理事务 121.00 121.00' could be total+basic
or total+project.  The tables themselves answer it: a row's total equals the sum of its part
columns, and a parent subject (21015) equals the sum of its children (2101501 …) in every
column.  The resolver walks the subject tree from the 合计 row down and picks, for each
group of siblings, the one assignment that makes the parent's columns add up; rows placed so
are flagged ``column_inferred``.  When the arithmetic leaves a choice (or none), the rows are
not landed: a parse issue with their line, never the leftmost columns as a guess.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ingest.amounts import parse_amount
from ingest.codes import IssueCode
from ingest.model import IssueLog
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
Vector = tuple[Decimal, ...]  # a row's amounts in the checked columns, zeros where blank
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
    inferred = {id(row) for row in rows if len(options[id(row)]) > 1}
    if root is not None and len(options[id(root)]) > 1:
        # The one convention: a 合计 row whose own arithmetic allows its leftmost columns
        # fills them (合计 基本支出 项目支出 before 经营支出 …, the columns of 事业单位 with an
        # income of their own); every row under it must then add up to it.
        leftmost = tuple(keys[: len(root.texts)])
        if leftmost in options[id(root)]:
            options[id(root)] = [leftmost]
    chosen: dict[int, Option] = {}
    determined: set[int] = set()  # rows whose columns the arithmetic (or the count) fixes
    checked = [key for key in keys[1:] if key != "change_pct"]  # rates do not add up

    def vector(row: PackedRow, option: Option) -> tuple[Decimal, ...]:
        given = dict(zip(option, row.amounts, strict=False))
        return tuple(given.get(key, Decimal(0)) for key in checked)

    def choose_group(parent: PackedRow | None, group: list[PackedRow]) -> None:
        option_lists = [options[id(row)] for row in group]
        combos = 1
        for option_list in option_lists:
            combos *= len(option_list)
        for row, option_list in zip(group, option_lists, strict=True):
            chosen[id(row)] = option_list[0]
            if len(option_list) == 1:
                determined.add(id(row))
        coded = all(row.code for row in group)  # only subject trees have parent = Σ children
        if (
            parent is not None
            and id(parent) in determined  # a parent's guessed columns prove nothing
            and coded
            and kind in ADDITIVE
            and combos > 1
        ):
            target = vector(parent, chosen[id(parent)])
            vectors = [
                [vector(row, option) for option in ol]
                for row, ol in zip(group, option_lists, strict=True)
            ]
            valid = _solutions(vectors, target)
            if len(valid) == 1:
                for row, option_list, pick in zip(group, option_lists, valid[0], strict=True):
                    chosen[id(row)] = option_list[pick]
                    determined.add(id(row))
        for row in group:
            if children.get(id(row)):
                choose_group(row, children[id(row)])

    choose_group(None, children.get(None, []))
    out: dict[int, Assignment] = {}
    for row in rows:
        if id(row) in determined:
            out[id(row)] = [
                (key, text, id(row) in inferred)
                for key, text in zip(chosen[id(row)], row.texts, strict=False)
            ]
            continue
        # what every reading agrees on is certain (the first amount is the total in all)
        certain = [
            (key, text, False)
            for position, (key, text) in enumerate(
                zip(options[id(row)][0], row.texts, strict=False)
            )
            if all(
                position < len(option) and option[position] == key for option in options[id(row)]
            )
        ]
        out[id(row)] = certain
        log.add(
            IssueCode.COLUMNS_AMBIGUOUS,
            f"{len(row.texts)} amounts for the columns {keys}: neither the row's own "
            "arithmetic nor its parent's tells which column each is in; "
            + (
                f"only {', '.join(key for key, _, _ in certain)} landed"
                if certain
                else "not landed"
            ),
            row.row.first,
        )
    return out


def _solutions(
    vectors: list[list[tuple[Decimal, ...]]], target: tuple[Decimal, ...]
) -> list[tuple[int, ...]]:
    """Up to two choices of one option per row whose vectors sum to ``target``.

    Meet in the middle: the rows are split in two halves, every choice of each half is summed
    once, and the halves are paired through a table of the first half's sums.  Sixteen rows of
    two options each are 2 × 256 sums rather than 65,536 combinations; a half with more than
    MAX_COMBINATIONS choices is not tried (its rows stay unplaced)."""
    sizes = [len(options) for options in vectors]
    split, best = 0, None
    for k in range(len(sizes) + 1):
        left = _product(sizes[:k])
        right = _product(sizes[k:])
        if best is None or max(left, right) < best:
            split, best = k, max(left, right)
    if best is None or best > MAX_COMBINATIONS:
        return []
    width = len(target)
    zero = tuple(Decimal(0) for _ in range(width))

    def sums(rows: list[list[Vector]]) -> list[tuple[Vector, tuple[int, ...]]]:
        out: list[tuple[Vector, tuple[int, ...]]] = [(zero, ())]
        for options in rows:
            out = [
                (tuple(a + b for a, b in zip(total, vector, strict=True)), (*picks, pick))
                for total, picks in out
                for pick, vector in enumerate(options)
            ]
        return out

    first: dict[tuple[Decimal, ...], list[tuple[int, ...]]] = defaultdict(list)
    for total, picks in sums(vectors[:split]):
        if len(first[total]) < 2:
            first[total].append(picks)
    found: list[tuple[int, ...]] = []
    for total, picks in sums(vectors[split:]):
        need = tuple(t - v for t, v in zip(target, total, strict=True))
        for head in first.get(need, []):
            found.append((*head, *picks))
            if len(found) > 1:
                return found
    return found


def _product(sizes: list[int]) -> int:
    out = 1
    for size in sizes:
        out *= size
    return out
