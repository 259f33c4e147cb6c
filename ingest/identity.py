"""Which county and which budget year a document is about, from its own words.

County: the names of county-level divisions (GB/T 2260, ``dbt_project/seeds/ref_counties
.csv``, extendable) found right before 医疗保障局/医保局, and the first six digits of
project codes (13043425P… is county 130434, year 2025).  The internal unit code (450001)
is ignored: 魏县 and 威县 share it.  Conflicting or missing evidence rejects the document
rather than guessing.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.amounts import normalise_text
from ingest.model import UnreadableDocument
from ingest.reference import PARSER_SEEDS, seed

_BUREAU = re.compile(r"医疗保障局|医保局|医疗保障事务中心|医疗保险事业管理局")
_PROJECT_CODE = re.compile(r"(?<![0-9A-Z])(\d{6})(\d{2})[A-Z][0-9A-Z]{8,16}(?![0-9A-Z])")
MAX_NAME = 12


@dataclass(frozen=True, slots=True)
class County:
    code: str
    name: str
    prefecture: str
    province: str


@dataclass(frozen=True, slots=True)
class CountyIndex:
    by_code: dict[str, County]
    by_name: dict[str, tuple[County, ...]]

    @classmethod
    def load(cls, path: Path) -> CountyIndex:
        by_code: dict[str, County] = {}
        by_name: dict[str, list[County]] = {}
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                county = County(
                    row["county_code"].strip(),
                    row["county_name"].strip(),
                    row.get("prefecture_name", "").strip(),
                    row.get("province_name", "").strip(),
                )
                by_code[county.code] = county
                names = [county.name, *filter(None, (row.get("aliases") or "").split("|"))]
                for name in names:
                    by_name.setdefault(name.strip(), []).append(county)
        return cls(by_code, {name: tuple(found) for name, found in by_name.items()})


COUNTY_SEED = seed(PARSER_SEEDS[0])


@lru_cache(maxsize=4)
def county_index(path: Path = COUNTY_SEED) -> CountyIndex:
    return CountyIndex.load(path)


def _bureau_names(text: str, index: CountyIndex) -> Counter[str]:
    """County names written immediately before 医疗保障局 (longest name wins)."""
    found: Counter[str] = Counter()
    for match in _BUREAU.finditer(text):
        head = text[max(0, match.start() - MAX_NAME) : match.start()]
        for length in range(min(MAX_NAME, len(head)), 1, -1):
            if head[-length:] in index.by_name:
                found[head[-length:]] += 1
                break
    return found


def _disambiguate(candidates: tuple[County, ...], text: str) -> County | None:
    if len(candidates) == 1:
        return candidates[0]
    scored = [
        (sum(text.count(place[:2]) for place in (c.prefecture, c.province) if place), c)
        for c in candidates
    ]
    scored.sort(key=lambda pair: pair[0], reverse=True)
    if scored[0][0] > 0 and scored[0][0] > scored[1][0]:
        return scored[0][1]
    return None


def resolve_county(text: str, index: CountyIndex) -> tuple[County, str]:
    """The county and a sentence saying how it was recognised; or UnreadableDocument."""
    text = normalise_text(text)
    names = _bureau_names(text, index)
    codes = Counter(
        match.group(1) for match in _PROJECT_CODE.finditer(text) if match.group(1) in index.by_code
    )
    by_name: County | None = None
    if names:
        name, _ = names.most_common(1)[0]
        by_name = _disambiguate(index.by_name[name], text)
        if by_name is None and codes:
            code_counties = {index.by_code[c] for c in codes}
            matching = [c for c in index.by_name[name] if c in code_counties]
            by_name = matching[0] if len(matching) == 1 else None
        if by_name is None and not codes:
            places = ", ".join(
                f"{c.name} ({c.code}, {c.prefecture or c.province})" for c in index.by_name[name]
            )
            raise UnreadableDocument(
                "county_ambiguous",
                f"the document names {name}医疗保障局, which could be "
                f"{places}; nothing else in it tells which",
            )
    by_code = index.by_code[codes.most_common(1)[0][0]] if codes else None
    if by_name and by_code and by_name != by_code:
        raise UnreadableDocument(
            "county_conflict",
            f"the document names {by_name.name}医疗保障局 but its project "
            f"codes start with {by_code.code} ({by_code.name}); not guessing which is right",
        )
    county = by_name or by_code
    if county is None:
        raise UnreadableDocument(
            "no_county",
            "no county-level 医疗保障局 of the reference list "
            "(dbt_project/seeds/ref_counties.csv) is named in the document, and no project "
            "code carries a county code; add the county (or an alias) to the list if it is "
            "missing",
        )
    how = []
    if by_name:
        how.append(f"named as {county.name}医疗保障局 ({sum(names.values())}×)")
    if by_code:
        how.append(f"project codes start with {county.code} ({sum(codes.values())}×)")
    return county, "; ".join(how)


_YEAR_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"预算年度\s*[:：]\s*(20\d{2})"), 5),
    (re.compile(r"(20\d{2})\s*年\s*(?:度)?\s*(?:部门|单位)(?:预算|决算)"), 5),
    (re.compile(r"[(（]\s*(20\d{2})\s*年度\s*[)）]"), 4),
    (re.compile(r"(20\d{2})\s*年\s*预算(?:收入|收支|支出)"), 3),
)


def resolve_year(text: str, county: County) -> tuple[int, str]:
    """The budget year: 预算年度, the title's 'YYYY年部门预算', '(YYYY年度)', project codes."""
    text = normalise_text(text)
    votes: Counter[int] = Counter()
    for pattern, weight in _YEAR_PATTERNS:
        for match in pattern.finditer(text):
            votes[int(match.group(1))] += weight
    code_years = Counter(
        2000 + int(m.group(2)) for m in _PROJECT_CODE.finditer(text) if m.group(1) == county.code
    )
    for year, count in code_years.items():
        votes[year] += min(count, 3) * 2
    if not votes:
        raise UnreadableDocument(
            "no_year",
            "no budget year found (no 预算年度, no 'YYYY年部门预算' title, no "
            "'(YYYY年度)', no project code with a year)",
        )
    (year, score), *rest = votes.most_common()
    if rest and rest[0][1] == score:
        raise UnreadableDocument(
            "year_ambiguous",
            f"the document points equally to {year} and {rest[0][0]} as its budget year",
        )
    return year, f"budget year {year} (evidence score {score})"
