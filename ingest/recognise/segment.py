"""Split a document's blocks into tables (title + rows) and the prose between them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from ingest.amounts import normalise_text, parse_amount
from ingest.model import Block
from ingest.recognise.titles import TableKind, match_title
from ingest.recognise.units import part_statement

# Section headings end whatever table came before: 第一部分, 一、, （一）, (一).
HEADING = re.compile(
    r"^\s*(第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])"
)
_NUMBERED = re.compile(r"^\s*\d+\s*[、.．](?!\d)")
_PROSE_END = re.compile(r"(说明|情况|[。：:])\s*$")
LONG_PROSE = 40


@dataclass(slots=True)
class Table:
    kind: TableKind
    title: str
    title_block: Block
    blocks: list[Block] = field(default_factory=list)
    # the last unit line stated for a part before this table's title ('（金额单位：元）' above
    # the tables), which holds for it unless the table states its own (recognise/units.py)
    part_unit: Block | None = None

    @property
    def rows(self) -> list[Block]:
        return [block for block in self.blocks if block.is_row]

    @property
    def notes(self) -> list[Block]:
        return [block for block in self.blocks if not block.is_row]


@dataclass(slots=True)
class Segmented:
    tables: list[Table]
    prose: list[Block]


def _title_text(block: Block) -> str:
    if block.is_row and not block.packed:
        filled = [cell for cell in block.cells if cell]
        return filled[0] if len(filled) == 1 else ""
    return block.text


def _has_amount(block: Block) -> bool:
    """A body row has begun: a cell that is an amount (a bare year is a header word)."""
    cells = block.cells if block.is_row or block.packed else tuple(block.text.split())
    return any(
        parse_amount(cell) is not None and not re.fullmatch(r"(19|20)\d{2}", cell.strip())
        for cell in cells
    )


def _starts_with_row_number(block: Block) -> bool:
    return bool(block.packed and block.cells and block.cells[0].isdigit())


def is_heading(block: Block) -> bool:
    if block.is_row and not block.packed:
        # a line drawn inside a box (a contents page, a framed section title) is text
        return len(block.cells) == 1 and bool(HEADING.match(normalise_text(block.cells[0])))
    if _starts_with_row_number(block):
        return False
    if block.packed and any(parse_amount(token) is not None for token in block.cells[1:]):
        return False  # '一、因公出国（境）费 0.00 0.00': a table row labelled like a heading
    return bool(HEADING.match(normalise_text(block.text)))


def _ends_table(block: Block, table: Table | None = None) -> bool:
    """A block that cannot belong to the table above it."""
    if table is not None and _aligned_row(block, table):
        return False
    if table is not None and _other_ruled_table(block, table):
        return True
    if table is not None and _next_summary_item(block, table):
        return False
    if is_heading(block):
        return True
    if block.is_row:
        return False
    text = block.text.strip()
    if text.startswith("注"):
        return False
    return len(text) >= LONG_PROSE or bool(_PROSE_END.search(text))


_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")  # a subject code: 208, 20805, 2080501


def _other_ruled_table(block: Block, table: Table) -> bool:
    """A ruled row that opens a page with another number of columns than the table's rows on
    the page before and a subject code of another classification (economic 31009 under
    functional 2210203): the rest of another table whose title is not here (a page cut out of
    the document, or a title lost), not more rows of this one."""
    if not block.is_row or block.packed or block.spans or not block.cells:
        return False
    rows = [row for row in table.rows if not row.packed and not row.spans]
    if not rows:
        return False
    last = rows[-1]
    if block.page is None or last.page is None or not last.cells:
        return False
    if block.page <= last.page or len(block.cells) == len(last.cells):
        return False
    code, above = block.cells[0].strip(), last.cells[0].strip()
    return bool(_CODE.match(code) and _CODE.match(above) and code[0] != above[0])


_ORDINALS = "一二三四五六七八九十"
# an item of a summary table: a short label under its number ('二十三、预备费'), no sentence
_ITEM = re.compile(rf"^([{_ORDINALS}]+)、[^\s。，,：:；;]{{1,20}}$")


def _ordinal(text: str) -> int | None:
    """一 → 1 … 二十四 → 24 (the 24 function classes a summary table lists)."""
    if not text or any(char not in _ORDINALS for char in text):
        return None
    values = [_ORDINALS.index(char) + 1 for char in text]
    if len(values) == 1:
        return values[0]
    if len(values) == 2 and values[0] == 10:
        return 10 + values[1]  # 十四
    if len(values) == 2 and values[1] == 10:
        return values[0] * 10  # 二十
    if len(values) == 3 and values[1] == 10:
        return values[0] * 10 + values[2]  # 二十四
    return None


def _next_summary_item(block: Block, table: Table) -> bool:
    """'六、科学技术支出' alone on a line of packed text under a summary table whose row above
    ended with '五、教育支出' (or '二、政府性基金预算拨款收入 二、外交支出' under a row ending
    with '一、一般公共服务支出'): the next item of the table's numbered list, its amounts
    blank and the blanks lost with the columns, not a section heading."""
    if table.kind not in _SUMMARIES or not block.packed or not 1 <= len(block.cells) <= 2:
        return False
    rows = [row for row in table.rows if row.packed]
    items = [_ITEM.match(normalise_text(cell)) for cell in block.cells]
    if not rows or not all(items):
        return False
    here = items[-1]
    above = [_ITEM.match(normalise_text(cell)) for cell in rows[-1].cells]
    last = next((match for match in reversed(above) if match), None)
    if here is None or last is None:
        return False
    number, previous = _ordinal(here.group(1)), _ordinal(last.group(1))
    return number is not None and previous is not None and number == previous + 1


_SUMMARIES = frozenset({TableKind.INCOME_EXPENSE_SUMMARY, TableKind.FISCAL_APPROPRIATION_SUMMARY})
_RECENT = 4  # rows above a line that show where the table's columns start


def _aligned_row(block: Block, table: Table) -> bool:
    """A line of space-aligned text that stands in the table's columns, though it reads like a
    heading ('二、政府性基金预算拨款收入      二、外交支出', a blank amount between them; or
    '六、科学技术支出' alone under the expenditure side): its cells stand two spaces apart or
    more, or it starts where a cell of the rows just above starts, right of their margin."""
    if not block.packed or len(block.spans) != len(block.cells) or not block.spans:
        return False
    spaced = [row for row in table.rows if row.packed and row.spans]
    rows = spaced[-_RECENT:]
    if not rows:
        return False
    if any(b[0] - a[1] >= 2 for a, b in pairwise(block.spans)):
        return True
    margin = min(row.spans[0][0] for row in spaced)
    start = block.spans[0][0]
    return start > margin and any(span[0] == start for row in rows for span in row.spans)


_SPACE = re.compile(r"\s")


def _plain(text: str) -> str:
    return _SPACE.sub("", normalise_text(text))


def _continues(current: Table | None, kind: TableKind, block: Block) -> bool:
    """A budget table's title printed again at the top of the next page."""
    if current is None or kind is not current.kind or not kind.is_budget_table:
        return False
    rows = current.rows
    last_page = rows[-1].page if rows else current.title_block.page
    same = _plain(block.text) == _plain(current.title)
    return same and block.page is not None and last_page is not None and block.page > last_page


_TITLE_TAIL = 12  # '目标表', '支出预算表': the short end of a title wrapped over two lines


def _join_wrapped_titles(blocks: list[Block]) -> list[Block]:
    """'10.关于提前下达…（冀财社[2020]195号）绩效' + '目标表': a title wrapped over two lines,
    neither of them a title alone, is one title line."""
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            following is not None
            and not block.is_row
            and not following.is_row
            and following.page == block.page
            and len(following.text) <= _TITLE_TAIL
            and match_title(block.text) is None
            and match_title(following.text) is None
            and match_title(block.text + following.text) is not None
        ):
            text = block.text + following.text
            out.append(Block(text, (text,), block.line, following.line_end, block.page))
            index += 2
            continue
        out.append(block)
        index += 1
    return out


# A performance-target form opens with the body's or the project's name; its keys follow
# within a few rows.  A printer that drops the title (a heading pushed off a page) leaves
# the form recognisable by them.
_FORM_OPENING = (
    (TableKind.UNIT_PERFORMANCE, re.compile(r"^(部门|单位|部门\(单位\)|预算单位)名称$")),
    (TableKind.PROJECT_PERFORMANCE, re.compile(r"^项目名称$")),
)
_FORMS = frozenset({TableKind.UNIT_PERFORMANCE, TableKind.PROJECT_PERFORMANCE})
_FORM_KEYS = re.compile(r"^(总体目标|年度总体目标|绩效指标|一级指标|项目资金|预算情况)")
_FORM_LOOKAHEAD = 8


def _opens_form(block: Block) -> TableKind | None:
    """The form kind whose opening row this is ('项目名称 | …', '部门(单位)名称 | …')."""
    if not block.is_row or block.packed:
        return None
    filled = [_plain(cell) for cell in block.cells if cell.strip()]
    if not filled or len(filled) > 3:
        return None
    return next((kind for kind, opening in _FORM_OPENING if opening.match(filled[0])), None)


def _untitled_form(blocks: list[Block], index: int) -> TableKind | None:
    """The kind of a performance form whose first row is ``blocks[index]`` and whose title
    is not printed; None when the block does not open one."""
    kind = _opens_form(blocks[index])
    if kind is None:
        return None
    for following in blocks[index + 1 : index + 1 + _FORM_LOOKAHEAD]:
        if not following.is_row:
            return None
        if any(_FORM_KEYS.match(_plain(cell)) for cell in following.cells if cell.strip()):
            return kind
    return None


def segment(blocks: list[Block]) -> Segmented:
    tables: list[Table] = []
    prose: list[Block] = []
    current: Table | None = None
    in_force: Block | None = None  # the part's unit statement
    # whether ``current`` holds a form's opening row: kept as its blocks are added, since
    # asking every row of the table again for each block read grows with the square of a
    # form's length
    form_opened = False
    blocks = _join_wrapped_titles(blocks)
    for index, block in enumerate(blocks):
        kind = match_title(_title_text(block))
        if kind is None and (current is None or (current.kind in _FORMS and form_opened)):
            # (a second opening row inside a form is the next form, its title lost)
            untitled = _untitled_form(blocks, index)
            if untitled is not None:
                current = Table(untitled, block.text, block)
                current.blocks.append(block)
                form_opened = True  # its first block is the opening row
                tables.append(current)
                continue
        if kind is not None and _continues(current, kind, block):
            continue  # the title repeated over the table's next page: one table
        if kind is not None:
            title_block, title = block, block.text
            # A title wrapped over two lines: "4、冀财社…（…建设部" + "分）绩效目标表".
            holder = current.blocks if current else prose
            if holder and not _NUMBERED.match(title):
                previous = holder[-1]
                joined = previous.text + block.text
                if (
                    _NUMBERED.match(previous.text)
                    and match_title(previous.text) is None
                    and previous.page == block.page
                    and match_title(joined) is not None
                ):
                    holder.pop()
                    title_block = previous
                    title = joined
                    kind = match_title(title) or kind
            current = Table(kind, title, title_block, part_unit=in_force)
            form_opened = False
            tables.append(current)
            continue
        if current is not None and _ends_table(block, current):
            current = None
        if part_statement(block) is not None and (
            current is None or any(_has_amount(held) for held in current.blocks)
        ):
            # outside a table's own header (in the prose, or after a table's rows): a
            # statement for the tables that follow, not for the table above it
            in_force = block
        if current is None:
            prose.append(block)
        else:
            current.blocks.append(block)
            if current.kind in _FORMS and not form_opened:
                form_opened = _opens_form(block) is not None
    return Segmented(tables, prose)
