"""A national corpus: the reference documents rewritten for other counties and years.

Each generated document is one of the five reference texts with its county (the name
before 医疗保障局, its short form, its prefecture and province), the six-digit county code
inside project codes (``13043425P…`` = county 130434, year 25) and its years moved to
another county-level division of ``ref_counties.csv`` and another budget year.  Every
year written next to 年, in a date, a document number or ``预算年度`` moves by the same
number of years, so the document stays consistent with itself; amounts and subject codes
are left as they are.  The template's own county and year are read by the product's
identity module, never typed here.

The plan is deterministic (seeded): document ``i`` is county ``order[i % counties]`` in
year ``last_year - i // counties``, so county-years never repeat and the first N documents
of a larger corpus are the corpus of size N.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass
from pathlib import Path

from ingest.identity import County, county_index, resolve_county, resolve_year
from ingest.reference import seed

REPO_ROOT = Path(__file__).resolve().parents[1]
REFERENCE = REPO_ROOT / "data" / "sources"
LAST_YEAR = 2025
_SUFFIXES = (
    "自治县",
    "自治旗",
    "自治州",
    "自治区",
    "地区",
    "县",
    "市",
    "区",
    "旗",
    "盟",
    "州",
    "省",
)
# a year: 20xx not inside a longer number, followed by 年, a date dash, or the closing
# bracket of a document number (冀财社[2024]158), or preceded by 预算年度： / 较
_YEAR = re.compile(
    r"(?<![0-9.])(20[0-4]\d)(?=\s*年|-\d|\s*[\]】〕）)/]|预算)|(?<=预算年度：)(20[0-4]\d)(?![0-9.])"
)
_CODE = re.compile(r"(?<![0-9A-Z])(\d{6})(\d{2})(?=[A-Z][0-9A-Z]{8,16}(?![0-9A-Z]))")


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    text: str
    county: County
    year: int

    @property
    def replacements(self) -> list[str]:
        """The strings naming this template's place, longest first."""
        place = self.county
        names = {place.name, _stem(place.name), place.prefecture, _stem(place.prefecture)}
        names |= {place.province, _stem(place.province)}
        return sorted((n for n in names if len(n) >= 2 and n in self.text), key=len, reverse=True)


@dataclass(frozen=True, slots=True)
class Planned:
    """One generated document: its file name and the county and year written into it."""

    file_name: str
    county_code: str
    county_name: str
    year: int
    template: str


def _stem(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def load_templates(folder: Path = REFERENCE) -> list[Template]:
    index = county_index()
    templates = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        county, _ = resolve_county(text, index)
        year, _ = resolve_year(text, county)
        templates.append(Template(path.name, text, county, year))
    return templates


def counties() -> list[County]:
    """Every county-level division of the reference list, in code order."""
    with seed("ref_counties.csv").open(encoding="utf-8") as handle:
        return [
            County(
                row["county_code"], row["county_name"], row["prefecture_name"], row["province_name"]
            )
            for row in csv.DictReader(handle)
        ]


def rewrite(template: Template, county: County, year: int, ambiguous: bool) -> str:
    """The template as the budget of ``county`` for ``year``."""
    old = template.county
    new_prefecture = county.prefecture or county.province
    mapping: dict[str, str] = {}
    for before, after in (
        (old.name, county.name),
        (old.prefecture, new_prefecture),
        (old.province, county.province),
    ):
        mapping.setdefault(_stem(before), _stem(after))
        mapping[before] = after  # a name that is its own stem (威县) keeps its suffix
    names = template.replacements
    text = template.text
    if names:
        pattern = re.compile("|".join(re.escape(name) for name in names))
        text = pattern.sub(lambda match: mapping[match.group(0)], text)
    if ambiguous:
        # a name several divisions share is written with its prefecture, as real documents
        # do (阳泉市城区医疗保障局), so the identity can tell which one is meant
        bureau = f"{county.name}医疗保障局"
        text = text.replace(bureau, f"{county.province}{county.prefecture}{bureau}", 1)
    shift = year - template.year
    text = _YEAR.sub(lambda m: str(int(m.group(0)) + shift), text)
    return _CODE.sub(
        lambda m: (
            county.code + f"{(int(m.group(2)) + shift) % 100:02d}"
            if m.group(1) == old.code
            else m.group(0)
        ),
        text,
    )


def plan(size: int, rng_seed: int = 20250101) -> list[Planned]:
    everywhere = counties()
    order = list(everywhere)
    random.Random(rng_seed).shuffle(order)
    templates = load_templates()
    planned = []
    for i in range(size):
        county = order[i % len(order)]
        year = LAST_YEAR - i // len(order)
        template = templates[i % len(templates)]
        planned.append(
            Planned(
                f"{county.province}/{county.code}_{year}_{county.name}.txt",
                county.code,
                county.name,
                year,
                template.name,
            )
        )
    return planned


def write_corpus(folder: Path, size: int, rng_seed: int = 20250101) -> list[Planned]:
    """Write ``size`` generated documents under ``folder`` (one sub-folder per province)."""
    templates = {template.name: template for template in load_templates()}
    index = county_index()
    shared_names = {name for name, found in index.by_name.items() if len(found) > 1}
    by_code = {county.code: county for county in counties()}
    planned = plan(size, rng_seed)
    for item in planned:
        county = by_code[item.county_code]
        text = rewrite(templates[item.template], county, item.year, county.name in shared_names)
        target = folder / item.file_name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return planned
