"""The budget year a document is about: titles, 预算年度, (YYYY年度), project codes.

The year of final accounts (部门决算) is the fiscal year they account for, as their title says
("2024年度部门决算", published in 2025): the same title patterns vote for it."""

from __future__ import annotations

import re
from collections import Counter

_CHINESE_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_YEAR_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"预算年度\s*[:：]\s*(20\d{2})"), 5),
    (
        re.compile(
            r"(20\d{2})\s*年\s*度?\s*(?:省级|市级|区级|县级)?\s*(?:部门|单位)\s*(?:综合)?\s*(?:预算|决算)"
        ),
        5,
    ),
    # "2026 年度 | 福州市医疗保障局 | 部门预算": the body between the year and the word
    (
        re.compile(
            r"(20\d{2})\s*年度?\s*[\u4e00-\u9fff（）()]{2,40}?\s*"
            r"(?:(?:部门|单位)(?:综合)?[预决]算|[预决]算(?:信息)?公开)"
        ),
        3,
    ),
    (re.compile(r"[(（]\s*(20\d{2})\s*年度\s*[)）]"), 4),
    # a table's header line: "编制单位：XX县医疗保障局  2023年度  单位：万元" (a 决算's tables
    # name the fiscal year they account for beside the body)
    (re.compile(r"编制(?:单位|部门)\s*[:：]\s*[^\s\d]{2,40}\s+(20\d{2})\s*年度"), 4),
    (re.compile(r"(20\d{2})\s*年\s*度?\s*预算(?:信息)?公开"), 4),
    (re.compile(r"(20\d{2})\s*年\s*预算(?:收入|收支|支出)"), 3),
)
# Project codes carry the division and the year: 13043425P… is 130434 and 2025.
PROJECT_CODE = re.compile(r"(?<![0-9A-Z])(\d{6})(\d{2})[A-Z][0-9A-Z]{8,16}(?![0-9A-Z])")


def year_votes(text: str) -> Counter[int]:
    """Evidence for each year from the document's words (titles weigh most)."""
    votes: Counter[int] = Counter()
    for pattern, weight in _YEAR_PATTERNS:
        for match in pattern.finditer(text):
            votes[int(match.group(1))] += weight
    return votes


def project_codes(text: str) -> list[tuple[str, int]]:
    """(division code, year) of every project code in the text, in order: 13043425P… is
    ('130434', 2025).  Found once a document: the search runs over its whole text."""
    return [(match.group(1), 2000 + int(match.group(2))) for match in PROJECT_CODE.finditer(text)]


def code_years(codes: list[tuple[str, int]], division_codes: set[str]) -> Counter[int]:
    """Years carried by the project codes (``project_codes``) of the given divisions."""
    return Counter(year for division, year in codes if division in division_codes)


def project_code_divisions(codes: list[tuple[str, int]]) -> Counter[str]:
    return Counter(division for division, _ in codes)


def chinese_year(text: str) -> str:
    """二〇二六年 → 2026年, so dates written in Chinese numerals vote too."""
    return re.sub(
        r"[二〇○零一三四五六七八九]{4}(?=年)", lambda m: m.group(0).translate(_CHINESE_DIGITS), text
    )
