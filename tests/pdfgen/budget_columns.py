"""Standard budget tables of layout 3 (003): column specs and amount-to-column assignment.

The PDF text extraction of 003 drops blank amount cells, so "7 2101501 行政运行 238.30
238.30" does not say whether the second 238.30 is 基本支出 or 项目支出. We decide with the
document's own arithmetic:
  * within a row, 合计 = sum of its part columns (收入总表: 合计 = 小计 + 上年结转 and
    小计 = the seven source columns);
  * between rows, a parent code (208, 20805, ...) equals the sum of its child codes in
    every column, and the 合计 row equals the sum of the top-level codes;
  * amounts keep their left-to-right order, a child is only non-zero where its parent
    is, and among assignments that satisfy all of that we take the one that fills the
    leftmost columns (the standard column order: 基本支出 before 项目支出, 财政拨款收入
    first among sources).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from .headers import Head, HeaderSpec, header_width

AMOUNT = re.compile(r"^\d+\.\d+$")
CODE = re.compile(r"^(\d{3}|\d{5}|\d{7})$")
# A label standing alone in a two-sided (收入 | 支出) row is on the 支出 side if it
# names an expenditure; the 收入 side only has 收入/拨款/资金/结余 items.
_EXPENSE_LABEL = re.compile(r"(支出|费|科目)$")


@dataclass(frozen=True)
class StdSpec:
    title: str
    header: HeaderSpec
    kind: str  # "coded" (序号 科目编码 科目名称 …), "named" (序号 项目 …), "two_sided"
    amounts: tuple[str, ...]  # amount columns; for two_sided: the 支出 side's
    sums: tuple[tuple[int, tuple[int, ...]], ...] = ()  # (total, parts) on amount indices

    @property
    def ncols(self) -> int:
        return header_width(self.header)


H = Head
_EXP_CODED = (H("序号", rowspan=2), H("功能分类科目", colspan=2))
_SUB_CODE = (H("科目编码"), H("科目名称"))

SPECS: dict[str, StdSpec] = {
    s.title: s
    for s in (
        StdSpec(
            "部门预算收支总表",
            (
                (H("序号", rowspan=2), H("收入", colspan=2), H("支出", colspan=2)),
                (H("项 目"), H("预算数"), H("项 目"), H("预算数")),
            ),
            "two_sided",
            ("预算数",),
        ),
        StdSpec(
            "部门预算收入总表",
            (
                (
                    *_EXP_CODED,
                    H("合计", rowspan=2),
                    H("本年收入", colspan=8),
                    H("上年结转", rowspan=2),
                ),
                (
                    *_SUB_CODE,
                    H("小计"),
                    H("财政拨款收入"),
                    H("财政专户收入"),
                    H("事业收入"),
                    H("经营收入"),
                    H("上级补助收入"),
                    H("附属单位上缴收入"),
                    H("其他收入"),
                ),
            ),
            "coded",
            (
                "合计",
                "小计",
                "财政拨款收入",
                "财政专户收入",
                "事业收入",
                "经营收入",
                "上级补助收入",
                "附属单位上缴收入",
                "其他收入",
                "上年结转",
            ),
            ((0, (1, 9)), (1, (2, 3, 4, 5, 6, 7, 8))),
        ),
        StdSpec(
            "部门预算支出总表",
            (
                (
                    *_EXP_CODED,
                    *(
                        H(t, rowspan=2)
                        for t in (
                            "合计",
                            "基本支出",
                            "项目支出",
                            "经营支出",
                            "上解上级支出",
                            "对附属单位补助支出",
                        )
                    ),
                ),
                _SUB_CODE,
            ),
            "coded",
            ("合计", "基本支出", "项目支出", "经营支出", "上解上级支出", "对附属单位补助支出"),
            ((0, (1, 2, 3, 4, 5)),),
        ),
        StdSpec(
            "部门预算财政拨款收支总表",
            (
                (H("序号", rowspan=2), H("收入", colspan=2), H("支出", colspan=5)),
                (
                    H("项 目"),
                    H("金额"),
                    H("项 目"),
                    H("合计"),
                    H("一般公共预算财政拨款"),
                    H("政府性基金预算财政拨款"),
                    H("国有资本经营预算财政拨款"),
                ),
            ),
            "two_sided",
            ("合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"),
            ((0, (1, 2, 3)),),
        ),
        *(
            StdSpec(
                title,
                (
                    (
                        *_EXP_CODED,
                        H("合计", rowspan=2),
                        H("基本支出", rowspan=2),
                        H("项目支出", rowspan=2),
                    ),
                    _SUB_CODE,
                ),
                "coded",
                ("合计", "基本支出", "项目支出"),
                ((0, (1, 2)),),
            )
            for title in (
                "部门预算一般公共预算财政拨款支出表",
                "部门预算政府性基金预算财政拨款支出表",
                "部门预算国有资本经营预算财政拨款支出表",
            )
        ),
        StdSpec(
            "部门预算一般公共预算财政拨款基本支出表",
            (
                (
                    H("序号", rowspan=2),
                    H("支出部门经济分类科目", colspan=2),
                    H("一般公共预算基本支出", colspan=3),
                ),
                (*_SUB_CODE, H("合计"), H("人员经费"), H("公用经费")),
            ),
            "coded",
            ("合计", "人员经费", "公用经费"),
            ((0, (1, 2)),),
        ),
        StdSpec(
            "部门预算财政拨款“三公”经费支出表",
            (
                (H("序号", rowspan=2), H("项 目", rowspan=2), H("资金性质", colspan=4)),
                (
                    H("合计"),
                    H("一般公共预算财政拨款"),
                    H("政府性基金预算拨款"),
                    H("国有资本经营预算财政拨款"),
                ),
            ),
            "named",
            ("合计", "一般公共预算财政拨款", "政府性基金预算拨款", "国有资本经营预算财政拨款"),
            ((0, (1, 2, 3)),),
        ),
    )
}


@dataclass
class RawRow:
    """One body row as read from the text: 序号, then tokens in order."""

    seq: str
    tokens: list[tuple[str, bool]]  # (token, starts a new source line)


# ---------------------------------------------------------------- assignment


Assign = tuple[int, ...]  # amount-column index of each amount, in order


def _vector(amounts: list[str], cols: Assign, n: int) -> list[Decimal]:
    vec = [Decimal(0)] * n
    for c, a in zip(cols, amounts, strict=True):
        vec[c] = Decimal(a)
    return vec


def _options(amounts: list[str], spec: StdSpec, allowed: set[int] | None) -> Iterator[Assign]:
    """Order-preserving placements of a row's amounts, leftmost first, that satisfy the
    row's own sums (合计 = parts). 合计 is filled whenever anything is."""
    n = len(spec.amounts)
    if not amounts:
        yield ()
        return
    for cols in combinations(range(n), len(amounts)):
        if cols[0] != 0 or (allowed is not None and not set(cols) <= allowed):
            continue
        vec = _vector(amounts, cols, n)
        if all(vec[t] == sum(vec[p] for p in parts) for t, parts in spec.sums):
            yield cols


@dataclass
class _Node:
    amounts: list[str]
    children: list[int]


def _solve(
    k: int, nodes: list[_Node], spec: StdSpec, allowed: set[int] | None
) -> Iterator[dict[int, Assign]]:
    """Assignments of node k's subtree whose children add up to their parent."""
    n = len(spec.amounts)
    node = nodes[k]
    for cols in _options(node.amounts, spec, allowed):
        target = _vector(node.amounts, cols, n)
        if not node.children:
            yield {k: cols}
            continue
        nonzero = {c for c in range(n) if target[c] != 0}
        yield from _combine(
            node.children, 0, [Decimal(0)] * n, target, nonzero, nodes, spec, {k: cols}
        )


def _combine(
    kids: list[int],
    j: int,
    acc: list[Decimal],
    target: list[Decimal],
    allowed: set[int],
    nodes: list[_Node],
    spec: StdSpec,
    chosen: dict[int, Assign],
) -> Iterator[dict[int, Assign]]:
    if j == len(kids):
        if acc == target:
            yield chosen
        return
    n = len(spec.amounts)
    for sub in _solve(kids[j], nodes, spec, allowed):
        vec = _vector(nodes[kids[j]].amounts, sub[kids[j]], n)
        total = [a + b for a, b in zip(acc, vec, strict=True)]
        if any(t > g for t, g in zip(total, target, strict=True)):
            continue  # amounts are never negative: an overshoot cannot be repaired
        yield from _combine(kids, j + 1, total, target, allowed, nodes, spec, {**chosen, **sub})


def _split_coded(row: RawRow, coded: bool) -> tuple[str, str, list[str]]:
    """(code, name, amounts) of a coded/named row; wrapped name pieces are rejoined."""
    toks = list(row.tokens)
    code = ""
    if coded and toks and CODE.match(toks[0][0]):
        code = toks.pop(0)[0]
    name = ""
    amounts: list[str] = []
    for tok, new_line in toks:
        if AMOUNT.match(tok):
            amounts.append(tok)
        else:
            name += ("" if new_line or not name else " ") + tok
    return code, name, amounts


def assign_coded(spec: StdSpec, rows: list[RawRow]) -> list[list[str]]:
    """Body rows of a coded or named table as full rows of cell texts."""
    coded = spec.kind == "coded"
    parsed = [_split_coded(r, coded) for r in rows]
    if not parsed:
        return []
    nodes = [_Node(amounts, []) for _, _, amounts in parsed]
    # tree: the first row (合计) is the root; a code's parent is the nearest code above
    # that is a prefix of it. Named tables (三公) have no codes: every row under the root.
    for k in range(1, len(parsed)):
        code = parsed[k][0]
        parent = 0
        if code:
            for p in range(k - 1, 0, -1):
                pc = parsed[p][0]
                if pc and code.startswith(pc) and len(pc) < len(code):
                    parent = p
                    break
        if coded or parent:
            nodes[parent].children.append(k)
    if coded:
        solution = next(_solve(0, nodes, spec, None), None)
    else:
        root = next(_options(nodes[0].amounts, spec, None), ())
        rvec = _vector(nodes[0].amounts, root, len(spec.amounts))
        allowed = {c for c, v in enumerate(rvec) if v} or None
        solution = {0: root}
        for k in range(1, len(nodes)):
            opt = next(_options(nodes[k].amounts, spec, allowed), None)
            if opt is None:
                solution = None
                break
            solution[k] = opt
    if solution is None:
        raise ValueError(f"{spec.title}: amounts do not add up under any column assignment")
    out: list[list[str]] = []
    for k, (row, (code, name, amounts)) in enumerate(zip(rows, parsed, strict=True)):
        cells = [""] * len(spec.amounts)
        for c, a in zip(solution[k], amounts, strict=True):
            cells[c] = a
        out.append([row.seq, code, name, *cells] if coded else [row.seq, name, *cells])
    return out


def assign_two_sided(spec: StdSpec, rows: list[RawRow]) -> list[list[str]]:
    """收支总表-style rows: 序号 | 收入 项目 | 金额 | 支出 项目 | amounts…"""
    out: list[list[str]] = []
    for row in rows:
        groups: list[tuple[str, list[str]]] = []
        for tok, new_line in row.tokens:
            if AMOUNT.match(tok):
                if not groups:
                    raise ValueError(f"{spec.title} row {row.seq}: amount before any label")
                groups[-1][1].append(tok)
            elif groups and not groups[-1][1] and new_line:
                groups[-1] = (groups[-1][0] + tok, [])  # label wrapped onto the next line
            else:
                groups.append((tok, []))
        if len(groups) > 2:
            raise ValueError(f"{spec.title} row {row.seq}: more than two labels")
        income: tuple[str, list[str]] = ("", [])
        expense: tuple[str, list[str]] = ("", [])
        if len(groups) == 2:
            income, expense = groups
        elif groups and _EXPENSE_LABEL.search(groups[0][0]):
            expense = groups[0]
        elif groups:
            income = groups[0]
        if len(income[1]) > 1:
            raise ValueError(f"{spec.title} row {row.seq}: two income amounts")
        cols = next(_options(expense[1], spec, None), None)
        if cols is None:
            raise ValueError(f"{spec.title} row {row.seq}: expense amounts do not add up")
        cells = [""] * len(spec.amounts)
        for c, a in zip(cols, expense[1], strict=True):
            cells[c] = a
        out.append([row.seq, income[0], income[1][0] if income[1] else "", expense[0], *cells])
    return out
