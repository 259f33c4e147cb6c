"""三公 figures from the 三公 table: each component, and zero the way the table says it.

An empty table with 空表列示 is a reported zero for every component; a listed component
with a blank cell in a table that has figures is a reported zero too; a component the table
does not list is not reported.  会议费/培训费 rows are kept apart: a grand total (合计) that
includes them is not the 三公 total.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.amounts import normalise_text, parse_amount
from ingest.model import IssueLog
from ingest.narrative.facts import ThreePublicFigure
from ingest.recognise.grid import build_grid, find_unit
from ingest.recognise.segment import Table

COMPONENTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        ("sub_item", r"教学科研|其他因公出国|省属高校|其他会议费"),
        ("total", r"三公[”\"]?经费(小计|合计)?$"),
        ("table_grand_total", r"^(合计|总计)$"),
        ("vehicle_total", r"公务用车(购置及运|费$)"),
        ("vehicle_purchase", r"公务用车购置(费)?$"),
        ("vehicle_operation", r"公务用车运"),
        ("overseas", r"因公出国\(境\)"),
        ("reception", r"公务接待"),
        ("meeting", r"会议费"),
        ("training", r"培训费"),
    )
)
MAIN = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")


def component_of(label: str) -> str | None:
    text = re.sub(r"^[一二三四五六七八九十]+[、.．]|^其中[:：]?|[“”\s]", "", normalise_text(label))
    for key, pattern in COMPONENTS:
        if pattern.search(text):
            return None if key == "sub_item" else key
    return None


def read_three_public_table(
    table: Table, default_unit: str, year: int, log: IssueLog | None = None
) -> list[ThreePublicFigure]:
    grid = build_grid(table.rows)
    unit = grid.unit or find_unit([block.text for block in table.blocks[:8]]) or default_unit
    found: dict[str, ThreePublicFigure] = {}
    any_amount = False
    for row in grid.body:
        cells = [normalise_text(c) for c in row.cells if c.strip()]
        label = "".join(c for c in cells if parse_amount(c) is None)
        amounts = [c for c in cells if parse_amount(c) is not None]
        component = component_of(label)
        if component is None or component in found:
            continue
        any_amount = any_amount or bool(amounts)
        amount = parse_amount(amounts[0]) if amounts else None
        found[component] = ThreePublicFigure(
            component=component,
            amount=amount,
            amount_text=amounts[0] if amounts else "",
            money_unit=unit,
            reported_as="blank" if amount is None else ("zero" if amount == 0 else "value"),
            source="table",
            fiscal_year=year,
            line=row.first.line,
            page=row.first.page,
            snippet=row.snippet,
        )
    if not any_amount:
        empty = any("空表" in block.text for block in table.blocks) or not found
        if not empty:
            return []
        first = table.title_block
        return [
            ThreePublicFigure(
                component=key,
                amount=None,
                amount_text="",
                money_unit=unit,
                reported_as="empty_table",
                source="table",
                fiscal_year=year,
                line=first.line,
                page=first.page,
                snippet=table.title[:200],
            )
            for key in MAIN
        ]
    grand = found.get("table_grand_total")
    if "total" not in found and grand is not None:
        extras = [found[k] for k in ("meeting", "training") if k in found]
        if not any(extra.amount for extra in extras):
            found["total"] = replace(grand, component="total")
    return list(found.values())
