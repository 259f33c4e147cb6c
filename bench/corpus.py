"""A national corpus: the reference documents rewritten for other counties and years.

Each generated document is one of the five reference texts with its county (the name
before 医疗保障局, its short form, its prefecture and province), the six-digit county code
inside project codes (``13043425P…`` = county 130434, year 25) and its years moved to
another county-level division *valid in the year it is given* (``ref_divisions.csv``: old
names in early years, 崇明县 in 2015 and 崇明区 in 2020) and another budget year.  Every
year written next to 年, in a date, a document number or ``预算年度`` moves by the same
number of years, so the document stays consistent with itself; amounts and subject codes
are left as they are.  The template's own county and year are read by the product's
identity module, never typed here.

The plan is deterministic (seeded): the counties valid in the last year in a shuffled order,
then those valid a year earlier, and so on, so county-years never repeat and the first N
documents of a larger corpus are the corpus of size N.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from ingest.identity import resolve_identity
from ingest.identity.divisions import Division, division_index

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
    county: Division
    year: int

    @property
    def replacements(self) -> list[str]:
        """The strings naming this template's place, longest first."""
        place = self.county
        names = {place.name, _stem(place.name)}
        names |= {place.prefecture_name, _stem(place.prefecture_name)}
        names |= {place.province_name, _stem(place.province_name)}
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
    templates = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        identity = resolve_identity(text, text.splitlines())
        templates.append(Template(path.name, text, identity.division, identity.year))
    return templates


def counties(year: int) -> list[Division]:
    """Every county-level division valid in ``year``, in code order."""
    index = division_index()
    valid = [
        record
        for records in index.by_code.values()
        for record in records
        if record.level == "county"
        and record.code[4] != "7"  # a statistical zone (开发区 …) is not a county
        and record.valid_in(year)
    ]
    return sorted(valid, key=lambda record: record.code)


def is_shared(county: Division, year: int) -> bool:
    """Another division of the same name exists in that year: the name alone is ambiguous."""
    return len(division_index().named(county.name, year)) > 1


def rewrite(template: Template, county: Division, year: int, ambiguous: bool) -> str:
    """The template as the budget of ``county`` for ``year``."""
    old = template.county
    new_prefecture = county.prefecture_name or county.province_name
    mapping: dict[str, str] = {}
    for before, after in (
        (old.name, county.name),
        (old.prefecture_name, new_prefecture),
        (old.province_name, county.province_name),
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
        place = f"{county.province_name}{county.prefecture_name}"
        text = text.replace(bureau, f"{place}{bureau}", 1)
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
    templates = load_templates()
    planned: list[Planned] = []
    year = LAST_YEAR
    while len(planned) < size:
        order = counties(year)
        random.Random(rng_seed + year).shuffle(order)
        for county in order[: size - len(planned)]:
            template = templates[len(planned) % len(templates)]
            planned.append(
                Planned(
                    f"{county.province_name}/{county.code}_{year}_{county.name}.txt",
                    county.code,
                    county.name,
                    year,
                    template.name,
                )
            )
        year -= 1
    return planned


def across_years(pairs: list[tuple[str, int]]) -> list[Planned]:
    """Documents for the given (division code, year) pairs: the name valid in that year."""
    templates = load_templates()
    index = division_index()
    planned = []
    for number, (code, year) in enumerate(pairs):
        county = index.in_year(code, year)
        assert county is not None and county.valid_in(year), (code, year)
        planned.append(
            Planned(
                f"{county.province_name}/{county.code}_{year}_{county.name}.txt",
                county.code,
                county.name,
                year,
                templates[number % len(templates)].name,
            )
        )
    return planned


def write_corpus(
    folder: Path, size: int, rng_seed: int = 20250101, planned: list[Planned] | None = None
) -> list[Planned]:
    """Write ``size`` generated documents under ``folder`` (one sub-folder per province), or
    the ``planned`` ones."""
    templates = {template.name: template for template in load_templates()}
    planned = planned if planned is not None else plan(size, rng_seed)
    index = division_index()
    for item in planned:
        county = index.in_year(item.county_code, item.year)
        assert county is not None
        shared = is_shared(county, item.year)
        text = rewrite(templates[item.template], county, item.year, shared)
        target = folder / item.file_name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return planned
