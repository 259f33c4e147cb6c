"""The fixed-asset table (固定资产占用情况表): value and quantity per category, and its date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ingest.amounts import normalise_text, parse_amount
from ingest.recognise.segment import Table

CATEGORIES = (
    ("office_buildings", re.compile(r"办公用房")),
    ("buildings", re.compile(r"房屋")),
    ("vehicles", re.compile(r"车辆")),
    ("equipment_over_200k", re.compile(r"单价.*20\s*万元以上")),
    ("other", re.compile(r"其他固定资产")),
    ("total", re.compile(r"资产总额|合计")),
)
_DATE = re.compile(r"(20\d{2})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")


@dataclass(frozen=True, slots=True)
class AssetRow:
    category: str
    label: str
    quantity: Decimal | None
    value: Decimal | None
    value_text: str
    money_unit: str
    as_of_date: str | None
    as_of_year: int | None
    quantity_inferred: bool
    page: int | None
    line: int
    snippet: str


def read_assets_table(table: Table, unit: str, budget_year: int) -> list[AssetRow]:
    texts = [table.title, *[block.text for block in table.blocks]]
    date = next((m for m in map(_DATE.search, map(normalise_text, texts)) if m), None)
    as_of = f"{date[1]}-{int(date[2]):02d}-{int(date[3]):02d}" if date else None
    as_of_year = int(date[1]) if date else budget_year - 1
    out: list[AssetRow] = []
    for block in table.rows:
        cells = [normalise_text(c).strip() for c in block.cells]
        if any("截止" in c or "编制" in c for c in cells) or any("数量" in c for c in cells):
            continue
        if block.packed:
            label = "".join(c for c in cells if parse_amount(c) is None)
            numbers = [c for c in cells if parse_amount(c) is not None]
            if len(numbers) >= 2:
                quantity_text, value_text = numbers[0], numbers[-1]
            elif numbers and "." not in numbers[0]:
                quantity_text, value_text = numbers[0], ""
            else:
                quantity_text, value_text = "", numbers[0] if numbers else ""
            inferred = len(numbers) == 1
        else:
            label = cells[0] if cells else ""
            quantity_text = cells[1] if len(cells) > 1 else ""
            value_text = cells[2] if len(cells) > 2 else ""
            inferred = False
        category = next((key for key, pattern in CATEGORIES if pattern.search(label)), None)
        if category is None:
            continue
        out.append(
            AssetRow(
                category=category,
                label=label,
                quantity=parse_amount(quantity_text),
                value=parse_amount(value_text),
                value_text=value_text,
                money_unit=unit,
                as_of_date=as_of,
                as_of_year=as_of_year,
                quantity_inferred=inferred,
                page=block.page,
                line=block.line,
                snippet=block.snippet,
            )
        )
    return out
