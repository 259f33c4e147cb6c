"""Layout 3 (003): the project performance forms and the small tables, rebuilt.

These follow fixed templates, so each is parsed with explicit patterns rather than a
general table detector; a line that does not fit its template raises, so a change in
the source shows up as an error instead of a silently wrong fixture.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .headers import Head as H
from .headers import check_same_chars, header_grid, header_width
from .model import Cell, Document, Grid, Meta, TableBlock, Title

LEVEL1 = ("产出指标", "效益指标", "满意度指标")
LEVEL2 = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "社会效益指标",
    "经济效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
)
# An indicator value: a comparison, or a number with an optional short unit.
_VALUE = re.compile(r"^([≥≤＝].*|\d+(\.\d+)?(%|个|次|月|人|家|元|万元)?)$")
_PROJECT_START = re.compile(r"^\d+、")
_SECTION = re.compile(r"^([一二三四五六七八九十]+、|\d+、|\d+$)")
_BUDGET = re.compile(r"^预算数 (\S+) (其中：财政 资金) (\S+) (其他资金)(?: (\S+))?$")
_CODE = re.compile(r"^项目编码 (\S+) 项目名称(?: (.+))?$")


def _skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _block(lines: list[str], i: int) -> tuple[list[str], int]:
    """Consecutive non-blank lines from i (after skipping blanks), and the next index."""
    i = _skip_blank(lines, i)
    out: list[str] = []
    while i < len(lines) and lines[i].strip():
        out.append(lines[i].strip())
        i += 1
    return out, i


def is_project_title(lines: list[str], i: int) -> bool:
    s = lines[i].strip()
    if not _PROJECT_START.match(s):
        return False
    nxt = lines[_skip_blank(lines, i + 1)].strip() if i + 1 < len(lines) else ""
    return s.endswith("绩效目标表") or nxt.endswith("绩效目标表")


def _split_line(line: str) -> list[str]:
    """Cells of one extracted line: space-separated up to the value; the value keeps a
    following unit ("4.67 元/方"); everything after it is the one 依据 cell."""
    toks = line.split()
    for k, tok in enumerate(toks):
        if _VALUE.match(tok):
            value, rest = tok, toks[k + 1 :]
            if rest and rest[0].startswith("元"):
                value, rest = f"{value} {rest[0]}", rest[1:]
            return [*toks[:k], value, *([" ".join(rest)] if rest else [])]
    return toks


def _row_cells(blocks: list[list[str]]) -> list[str]:
    """An indicator row from its blank-line separated blocks of lines.

    A block of one line is split on spaces. In a longer block the first line is cells
    of its own when it has several words, is a value or names an indicator; the other
    lines are one cell that the original wrapped (rejoined without a break)."""
    cells: list[str] = []
    for block in blocks:
        first = block[0]
        if len(block) == 1:
            cells += _split_line(first)
        elif len(first.split()) > 1 or _VALUE.match(first) or first in LEVEL2:
            cells += [*_split_line(first), "".join(block[1:])]
        else:
            cells.append("".join(block))
    return cells


def _indicator_grid(header: list[str], lines: list[str]) -> Grid:
    groups: list[tuple[str, list[list[list[str]]]]] = []  # (一级, rows of blocks)
    new_block = False
    for raw in lines:
        s = raw.strip()
        if not s:
            new_block = True
            continue
        toks = s.split()
        if s in LEVEL1:
            groups.append((s, []))
            continue
        if toks[0] in LEVEL1 and len(toks) > 1 and toks[1] in LEVEL2:
            groups.append((toks[0], []))
            s = s[len(toks[0]) :].strip()
            toks = toks[1:]
        if toks[0] in LEVEL2:
            if not groups:
                groups.append(("", []))
            groups[-1][1].append([[s]])
        elif new_block:
            groups[-1][1][-1].append([s])
        else:
            groups[-1][1][-1][-1].append(s)
        new_block = False
    rows: list[list[Cell | None]] = [[Cell(t) for t in header]]
    for level1, group in groups:
        for k, blocks in enumerate(group):
            cells = _row_cells(blocks)
            if len(cells) != 5:
                raise ValueError(f"indicator row {cells!r} has {len(cells)} cells, expected 5")
            first: Cell | None = Cell(level1, rowspan=len(group)) if k == 0 else None
            rows.append([first, *(Cell(t) for t in cells)])
    return Grid(rows, 6, header_rows=1)


def parse_project(lines: list[str], i: int, doc: Document) -> int:
    """One 项目支出绩效目标表: title, 单位 line, the budget form, the indicator table."""
    title = [lines[i].strip()]
    i += 1
    while not title[-1].endswith("绩效目标表"):
        i = _skip_blank(lines, i)
        title.append(lines[i].strip())
        i += 1
    doc.blocks.append(Title("".join(title)))
    meta, i = _block(lines, i)
    doc.blocks.append(Meta(meta))
    code_lines, i = _block(lines, i)
    m = _CODE.match(code_lines[0])
    if not m:
        raise ValueError(f"project form: bad 项目编码 line {code_lines[0]!r}")
    name = "".join([m.group(2) or "", *code_lines[1:]])
    label1, i = _block(lines, i)
    budget, i = _block(lines, i)
    b = _BUDGET.match(budget[0])
    if not b or len(budget) != 1:
        raise ValueError(f"project form: bad 预算数 line {budget!r}")
    usage, i = _block(lines, i)
    label2, i = _block(lines, i)
    months, i = _block(lines, i)
    plan, i = _block(lines, i)
    goals, i = _block(lines, i)
    if goals[0] != "绩效目标" or len(months[0].split()) != 4 or len(plan[0].split()) != 4:
        raise ValueError("project form: unexpected 资金支出计划 / 绩效目标 lines")
    form: list[list[Cell | None]] = [
        [
            Cell("项目编码"),
            Cell(m.group(1), colspan=2),
            None,
            Cell("项目名称"),
            Cell(name, colspan=3),
            None,
            None,
        ],
        [
            Cell("".join(label1), rowspan=2),
            Cell("预算数"),
            Cell(b.group(1)),
            Cell(b.group(2)),
            Cell(b.group(3)),
            Cell(b.group(4)),
            Cell(b.group(5) or ""),
        ],
        [None, Cell("".join(usage), colspan=6), None, None, None, None, None],
        [
            Cell("".join(label2), colspan=3, rowspan=2),
            None,
            None,
            *(Cell(t) for t in months[0].split()),
        ],
        [None, None, None, *(Cell(t) for t in plan[0].split())],
        [Cell("绩效目标"), Cell("\n".join(goals[1:]), colspan=6), None, None, None, None, None],
    ]
    doc.blocks.append(TableBlock(Grid(form, 7)))
    header, i = _block(lines, i)
    start = i
    while i < len(lines) and not _SECTION.match(lines[i].strip()):
        i += 1
    doc.blocks.append(TableBlock(_indicator_grid(header[0].split(), lines[start:i])))
    return i


def parse_institutions(lines: list[str], i: int, doc: Document) -> int:
    """部门机构设置情况: a header row and one row, four cells each."""
    doc.blocks.append(Title(lines[i].strip()))
    head, i = _block(lines, i + 1)
    body, i = _block(lines, i)
    rows = [head[0].split(), body[0].split()]
    if any(len(r) != 4 for r in rows):
        raise ValueError(f"部门机构设置情况: expected 4 cells per row, got {rows!r}")
    doc.blocks.append(TableBlock(Grid([[Cell(t) for t in r] for r in rows], 4, header_rows=1)))
    return i


PROCUREMENT_HEADER = (
    (
        H("政府采购项目来源", colspan=2),
        H("采购物品名称", rowspan=2),
        H("政府采购目录序号", rowspan=2),
        H("计量单位", rowspan=2),
        H("数量", rowspan=2),
        H("单价", rowspan=2),
        H("政府采购金额（当年部门预算安排资金）", colspan=7),
        H("2025年预留中小微企业份额", rowspan=2),
    ),
    (
        H("项目名称"),
        H("预算资金"),
        H("合计"),
        H("一般公共预算拨款"),
        H("基金预算拨款"),
        H("国有资本经营预算拨款"),
        H("财政专户核拨"),
        H("单位资金"),
        H("上年结转结余"),
    ),
)


def parse_procurement(lines: list[str], i: int, doc: Document) -> int:
    """部门政府采购预算: an empty 15-column table (printed landscape) and its notes."""
    doc.blocks.append(Title(lines[i].strip()))
    meta, i = _block(lines, i + 1)
    doc.blocks.append(Meta(meta[0].split()))
    head_lines: list[str] = []
    while not lines[i].strip().startswith("注："):
        head_lines.append(lines[i])
        i += 1
    ncols = header_width(PROCUREMENT_HEADER)
    head = header_grid(PROCUREMENT_HEADER)
    check_same_chars(head_lines, PROCUREMENT_HEADER, "部门政府采购预算")
    empty: list[Cell | None] = [Cell("") for _ in range(ncols)]
    doc.blocks.append(TableBlock(Grid([*head, empty], ncols, header_rows=2)))
    return i


def parse_assets(lines: list[str], i: int, doc: Document) -> int:
    """部门固定资产占用情况表: 项目 | 数量 | 价值. A decimal is a 价值, an integer a 数量."""
    doc.blocks.append(Title(lines[i].strip()))
    i = _skip_blank(lines, i + 1)
    doc.blocks.append(Meta(lines[i].split()))
    i = _skip_blank(lines, i + 1)
    header = ["项 目", "数量", "价值（金额单位：万元）"]
    if lines[i].split() != " ".join(header).split():
        raise ValueError(f"资产表: unexpected header {lines[i]!r}")
    rows: list[list[Cell | None]] = [[Cell(t) for t in header]]
    i += 1
    while i < len(lines) and not re.match(r"^[一二三四五六七八九十]+、", lines[i].strip()):
        toks = lines[i].split()
        i += 1
        if not toks:
            continue
        count = value = ""
        while toks and re.fullmatch(r"\d+(\.\d+)?", toks[-1]):
            if "." in toks[-1]:
                value = toks.pop()
            else:
                count = toks.pop()
        rows.append([Cell(" ".join(toks)), Cell(count), Cell(value)])
    doc.blocks.append(TableBlock(Grid(rows, 3, header_rows=1)))
    return i


SMALL_TABLES: dict[str, Callable[[list[str], int, Document], int]] = {
    "部门机构设置情况": parse_institutions,
    "部门政府采购预算": parse_procurement,
    "部门固定资产占用情况表": parse_assets,
}
