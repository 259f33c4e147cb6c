"""Name the columns of a ruled table from its multi-row header, as the PDF grid gives it.

A ruled table read cell by cell keeps every column: a merged header cell is printed in its
first column and left blank in the others it covers, above or beside.  Each column's *path*
is the header text above it, top to bottom, a blank filled from the merged cell that covers
it (the cell to its left on the same row when the column has sub-headers below, the cell
above otherwise).  The path says what the column holds:

* its key (``total``, ``basic``, ``code`` …): the lowest header word that names one;
* its period: the budget year (本年, 2026年预算数), the year before (上年预算数, 2025年) or
  the change between them (增减, 比上年) — never guessed from the column's position;
* its fund, when the lowest words are fund names under a total or a 三公 component
  (一般公共预算 / 政府性基金预算 under 因公出国(境)费).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from ingest.amounts import compact_text
from ingest.recognise.columns import GROUP_TERMS, header_key

_CODE_PART = {"类": "code_1", "款": "code_2", "项": "code_3"}
_FUNDS = frozenset({"general_budget", "gov_fund", "state_capital"})
_PERIOD_KEYS = frozenset({"prior_year", "change"})
_YEAR = re.compile(r"(20\d{2})\s*年")
# Last year's budget or outturn; 上年结转 / 上年结余 / 上年实户资金 are this year's income.
_PRIOR = re.compile(r"上(一)?年度?(?!结转|结余|末|底|实户)|去年")
_CHANGE = re.compile(r"增减|增长|增幅|变动|比上年|较上年|同比")
_PERCENT = re.compile(r"%|率|幅度|百分比")
_CURRENT = re.compile(r"本年|当年|本期")
# The phase of a figure, as final accounts print them side by side: 年初预算数 (the budget),
# 调整预算数 / 全年预算数 (the budget as adjusted during the year), 决算数 (the actual), and
# the 完成率 between them (a ratio, not money).  一般公共预算 is a fund, not a phase.
_PHASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("rate", re.compile(r"完成率|执行率|完成(?:预算)?(?:比例|%)|决算数?/(?:年初)?预算")),
    ("adjusted", re.compile(r"调整(?:后)?预算|全年预算|变动后预算")),
    ("actual", re.compile(r"决算|执行数|实际(?:支出|完成)?数")),
    ("budget", re.compile(r"年初预算|预算数|^预算$|预算金额|本年预算")),
)
# A header word that only says the phase (决算数 under 因公出国(境)费): what the column holds
# is named by the word above it.
PHASE_ONLY = re.compile(
    r"^(?:年初预算|调整(?:后)?预算|全年预算|决算|预算|执行)数?$|^完成率(?:%|\(%\))?$"
)


_PHASE_WORDS = re.compile(
    r"(?P<adjusted>调整(?:后)?预算数?|全年预算数?)|(?P<budget>年初预算数?|预算数)"
    r"|(?P<actual>决算数|执行数)|(?P<rate>完成率|执行率)"
)


def phases_named(header_text: str) -> list[str]:
    """The phases a flattened header names, in the order it prints them."""
    text = compact_text(header_text)
    return [match.lastgroup or "" for match in _PHASE_WORDS.finditer(text)]


def phase_of(path: tuple[str, ...]) -> str | None:
    """The phase the lowest header word that names one says."""
    for word in reversed(path):
        for phase, pattern in _PHASES:
            if pattern.search(word):
                return phase
    return None


# Label columns beside the subject: who the row belongs to, and the year of a 三公 row.
_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("unit_code", re.compile(r"单位(编码|代码)")),
    ("unit", re.compile(r"^(预算)?单位(名称)?$|^部门(单位)?(名称)?$")),
    ("gov_code", re.compile(r"政府(预算)?经济(分类)?(科目)?(编码|代码)")),
    ("gov_name", re.compile(r"政府(预算)?经济(分类)?(科目)?名称")),
    ("year", re.compile(r"^年度$|^年份$")),
    ("name", re.compile(r"^(支出)?项目类别$|^项目名称$|^科目$")),
)


@dataclass(frozen=True, slots=True)
class Column:
    index: int  # position in the row's cells
    key: str  # canonical key ('' when the header names nothing known)
    label: str  # the lowest printed header word
    path: tuple[str, ...]
    period: str  # current | prior_year | change | change_pct
    year: int | None  # the year the header prints, if any
    fund: str | None  # general_budget | gov_fund | state_capital under a total or component
    phase: str | None = None  # budget | adjusted | actual as the header says; None: unsaid

    @property
    def is_amount(self) -> bool:
        return self.key not in LABEL_KEYS

    @property
    def name(self) -> str:
        """The landed ``column_name``: the key, qualified when it is not the budget year's."""
        base = self.key if self.fund is None else f"{self.key}_{self.fund}"
        if self.period == "current":
            return base
        return self.period if base == "total" else f"{self.period}_{base}"


LABEL_KEYS = frozenset(
    {
        "row_number",
        "code",
        "code_1",
        "code_2",
        "code_3",
        "name",
        "unit",
        "unit_code",
        "gov_code",
        "gov_name",
        "year",
    }
)


def column_paths(header: list[tuple[str, ...]], width: int) -> list[tuple[str, ...]]:
    """The header words above each column, merged cells spread over the columns they cover."""
    grid = [[compact_text(row[j]) if j < len(row) else "" for j in range(width)] for row in header]
    depth = len(grid)
    filled = [row[:] for row in grid]
    for r in range(depth):
        for j in range(1, width):
            has_below = any(grid[below][j] for below in range(r + 1, depth))
            if not filled[r][j] and has_below and filled[r][j - 1] and not grid[r][j]:
                # a group cell on the left spans this column, unless the column to the left
                # is itself closed (its own text below) and this one starts a new group
                source = j - 1
                while source > 0 and not grid[r][source]:
                    source -= 1
                # ... nor across a column where a row above starts a cell of its own
                # (公务接待费 spanning down beside 公务用车运行费 under 公务用车购置及运行费)
                crossed = any(grid[up][k] for up in range(r) for k in range(source + 1, j + 1))
                if grid[r][source] and not crossed:
                    filled[r][j] = grid[r][source]
    paths = []
    for j in range(width):
        words: list[str] = []
        for r in range(depth):
            word = filled[r][j]
            if word and (not words or words[-1] != word):
                words.append(word)
        paths.append(tuple(words))
    return paths


def flattened_paths(
    header: list[tuple[str, ...]], width: int | None
) -> list[tuple[str, ...]] | None:
    """Header words above each column of a header a text export flattened: a cell spanning
    columns written once, a cell spanning rows leaving one empty cell in each row below.

    Read top-down: each row's cells fall, in order, under the cells of the row above — an
    empty cell under a cell that spans down, a run of words under a cell they divide.  When
    the runs and the cells above do not pair one to one, or the leaves do not make
    ``width`` columns (any number when ``width`` is None), the header cannot be read with
    certainty: None.
    """
    rows = [[compact_text(cell) for cell in row] for row in header if any(c.strip() for c in row)]
    if not rows or any(not row for row in rows):
        return None
    # a node: (words from the top, open) — open nodes get children from the next row
    nodes: list[tuple[tuple[str, ...], bool]] = [((word,), True) for word in rows[0] if word]
    if len(nodes) != len(rows[0]):
        return None  # an empty cell in the top row has nothing above it
    for row in rows[1:]:
        groups: list[list[str]] = []
        for word in row:
            if word and groups and groups[-1] and groups[-1][-1]:
                groups[-1].append(word)
            else:
                groups.append([word])
        paired = _pair_with(groups, len(nodes))
        if paired is None:
            return None
        expanded: list[tuple[tuple[str, ...], bool]] = []
        for (path, _), group in zip(nodes, paired, strict=True):
            if group == [""]:
                expanded.append((path, False))  # the cell above spans down into this row
            else:
                expanded += [((*path, word), True) for word in group]
        nodes = expanded
    return [path for path, _ in nodes] if width is None or len(nodes) == width else None


def _pair_with(groups: list[list[str]], nodes: int) -> list[list[str]] | None:
    """The row's groups, one per cell above: runs parted where label words meet amount words,
    then the empty cells a text reader dropped at the end of the row put back."""
    repeated = _repeated_run(groups, nodes)
    if repeated is not None:
        return repeated  # before the dropped-cells reading: one cell above never names two 合计
    for trailing in range(0, nodes - len(groups) + 1):
        needed = nodes - len(groups) - trailing
        split = _split_runs(groups, needed) if needed else groups
        if len(split) + trailing == nodes:
            return split + [[""] for _ in range(trailing)]
    return None


def _repeated_run(groups: list[list[str]], nodes: int) -> list[list[str]] | None:
    """One run of words that is the same words once under each cell above (预算数 | 决算数
    over '合计 因公出国（境）费 公务用车… 公务接待费' printed twice): a copy for each."""
    if len(groups) != 1 or nodes < 2 or len(groups[0]) % nodes:
        return None
    run = groups[0]
    size = len(run) // nodes
    copies = [run[i * size : (i + 1) * size] for i in range(nodes)]
    if size < 2 or any(copy != copies[0] for copy in copies) or "" in copies[0]:
        return None
    return copies


def _is_label_word(word: str) -> bool:
    return (_label_key(word) or header_key(word) or "") in LABEL_KEYS or word in _CODE_PART


def _split_runs(groups: list[list[str]], needed: int) -> list[list[str]]:
    """Adjacent runs of words under two cells ('科目编码 科目名称' under 功能分类科目, then
    '合计 基本支出 项目支出' under 本年预算数) part where label words meet amount words — when
    exactly as many such places are found as runs are missing."""
    places = [
        (g, i)
        for g, group in enumerate(groups)
        for i in range(1, len(group))
        if group[i] and _is_label_word(group[i - 1]) != _is_label_word(group[i])
    ]
    if len(places) != needed:
        return groups
    out: list[list[str]] = []
    for g, group in enumerate(groups):
        cuts = [i for gg, i in places if gg == g]
        start = 0
        for cut in cuts:
            out.append(group[start:cut])
            start = cut
        out.append(group[start:])
    return out


def _label_key(word: str) -> str | None:
    for key, pattern in _LABELS:
        if pattern.search(word):
            return key
    return None


def _key(path: tuple[str, ...]) -> tuple[str, str, str | None, int]:
    """(key, label, fund, depth of the word that named it) from the lowest word upwards."""
    if not path:
        return "", "", None, 0
    words = [re.sub(r"^其中[:：]?", "", word) for word in path]
    leaf = words[-1]
    if leaf in _CODE_PART:  # 类 | 款 | 项 under 科目编码, or alone in the header
        return _CODE_PART[leaf], leaf, None, len(words) - 1
    for depth in range(len(words) - 1, -1, -1):
        word = words[depth]
        key = _label_key(word) or header_key(word)
        if key is None or word in GROUP_TERMS:
            continue
        parent = words[depth - 1] if depth else None
        if key == "subtotal" and parent is not None and parent not in GROUP_TERMS:
            # the subtotal of the group above: 财政拨款/小计 is the fiscal column; the
            # subtotal of a group the template does not know is not a known column
            above = header_key(parent)
            named = above if above and above not in _PERIOD_KEYS else ""
            return named, leaf, None, len(words) - 1
        if key in _FUNDS and parent is not None and header_key(parent) == "total":
            return "total", leaf, key, len(words) - 1  # 总计 split by fund (三公 tables)
        if key in _PERIOD_KEYS:
            continue  # a period word, not what the column holds
        if depth and PHASE_ONLY.match(word):
            continue  # 合计/决算数: the word above names the column
        return key, leaf, None, depth
    return "", leaf, None, len(words) - 1


def _period(path: tuple[str, ...], budget_year: int | None) -> tuple[str, int | None]:
    text = "".join(path)
    years = [int(year) for year in _YEAR.findall(text)]
    if _CHANGE.search(text):
        return ("change_pct" if _PERCENT.search(text) else "change"), budget_year
    if _PRIOR.search(text):
        return "prior_year", years[-1] if years else (budget_year - 1 if budget_year else None)
    if years and budget_year and years[-1] < budget_year and not _CURRENT.search(text):
        return "prior_year", years[-1]
    return "current", years[-1] if years else budget_year


def resolve_columns(
    header: list[tuple[str, ...]],
    width: int,
    budget_year: int | None,
    paths: list[tuple[str, ...]] | None = None,
) -> list[Column]:
    """One ``Column`` per position of a rectangular table (or of ``paths`` already read)."""
    out = []
    inherited: set[int] = set()
    for index, path in enumerate(paths or column_paths(header, width)):
        key, label, fund, depth = _key(path)
        if path and depth < len(path) - 1 and key not in LABEL_KEYS:
            inherited.add(index)
        period, year = _period(path, budget_year)
        phase = phase_of(path)
        if key in LABEL_KEYS:
            period, year, phase = "current", None, None
        elif phase == "rate":
            key = ""  # 完成率: a ratio of two figures, not an amount of money
        elif not key and (period != "current" or (path and PHASE_ONLY.match(path[-1]))):
            key = "total"  # '上年预算数' alone, '增减额' alone: the row's total
        out.append(Column(index, key, label, path, period, year, fund, phase))
    # A word the header does not know under a known group (人员支出 under 基本支出) must not
    # take the group's name when a sibling does too: two columns of one name are unknown.
    names = Counter(
        (column.name, column.phase) for column in out if column.key and column.is_amount
    )
    # Two columns a phase word alone names (决算数 | … | 决算数: a table printed in two panels
    # side by side) cannot be told apart by their header: neither is landed.
    phase_named = Counter(
        (column.name, column.phase)
        for column in out
        if column.key
        and column.path
        and PHASE_ONLY.match(column.path[-1])
        and len(column.path) == 1
    )
    return [
        replace(column, key="")
        if (column.index in inherited and names[(column.name, column.phase)] > 1)
        or phase_named[(column.name, column.phase)] > 1
        else column
        for column in out
    ]
