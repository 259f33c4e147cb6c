"""Administrative divisions through time (GB/T 2260), as the parsers look them up.

``dbt_project/seeds/ref_divisions.csv`` holds one row per code and name per validity period
(``valid_from``..``valid_to``, years inclusive) with what became of it (``successor_codes``,
``change_kind``) and a ``division_key`` that a series keeps across renames and upgrades.
Users extend it by appending rows or aliases.  A name is looked up *in a year*: 崇明县 is
310230 until 2016 and 崇明区 is 310151 after.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.reference import seed

DIVISION_SEED = "ref_divisions.csv"
LEVELS = ("province", "prefecture", "county")
# Changes after which the successor is the same place under a new code or name: a series
# continues through them.  Mergers and splits end a series.
ONE_TO_ONE = frozenset({"renamed", "upgraded", "recoded"})
_SUFFIXES = (
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "地区",
    "省",
    "市",
    "盟",
)


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    name: str
    level: str
    province_code: str
    province_name: str
    prefecture_code: str
    prefecture_name: str
    valid_from: int
    valid_to: int | None
    successors: tuple[str, ...]
    change_kind: str
    key: str

    def valid_in(self, year: int) -> bool:
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)

    def distance(self, year: int) -> int:
        """Years between ``year`` and this record's validity (0 when valid)."""
        if year < self.valid_from:
            return self.valid_from - year
        if self.valid_to is not None and year > self.valid_to:
            return year - self.valid_to
        return 0

    @property
    def parent_codes(self) -> frozenset[str]:
        return frozenset(code for code in (self.prefecture_code, self.province_code) if code)

    @property
    def places(self) -> tuple[str, ...]:
        """Names of the places above it, for telling two of one name apart."""
        return tuple(name for name in (self.prefecture_name, self.province_name) if name)

    def describe(self) -> str:
        above = "".join(reversed(self.places))
        until = f"–{self.valid_to}" if self.valid_to else "–"
        return f"{above}{self.name} {self.code} ({self.valid_from}{until})"


def stem(name: str) -> str:
    """福州市 → 福州, 新疆维吾尔自治区 → 新疆: the short form of a province or prefecture."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True, slots=True)
class DivisionIndex:
    by_code: dict[str, tuple[Division, ...]]
    by_name: dict[str, tuple[Division, ...]]  # full names and aliases
    by_stem: dict[str, tuple[Division, ...]]  # short forms of provinces and prefectures
    # the lengths of the names and short forms that start with each character, longest first
    # (a character no name starts with is absent: most text cannot start one)
    lengths_by_first: dict[str, tuple[int, ...]]
    codes_by_key: dict[str, frozenset[str]]  # every code each division series has carried

    @classmethod
    def load(cls, path: Path) -> DivisionIndex:
        by_code: dict[str, list[Division]] = {}
        by_name: dict[str, list[Division]] = {}
        by_stem: dict[str, list[Division]] = {}
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                division = _division(row)
                by_code.setdefault(division.code, []).append(division)
                aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
                for name in (division.name, *aliases):
                    by_name.setdefault(name, []).append(division)
                if division.level != "county" and stem(division.name) != division.name:
                    by_stem.setdefault(stem(division.name), []).append(division)
        lengths: dict[str, set[int]] = {}
        for name in (*by_name, *by_stem):
            if name:
                lengths.setdefault(name[0], set()).add(len(name))
        codes_by_key: dict[str, set[str]] = {}
        for records in by_code.values():
            for record in records:
                codes_by_key.setdefault(record.key, set()).add(record.code)
        return cls(
            _freeze(by_code),
            _freeze(by_name),
            _freeze(by_stem),
            {first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()},
            {key: frozenset(codes) for key, codes in codes_by_key.items()},
        )

    def prefix(self, text: str, *, stems: bool = False) -> str | None:
        """The longest name (or short form) ``text`` starts with."""
        for length in self.lengths_by_first.get(text[:1], ()):
            head = text[:length]
            if len(head) == length and (head in self.by_name or (stems and head in self.by_stem)):
                return head
        return None

    def series_codes(self, key: str) -> set[str]:
        """Every code a division series has carried (崇明县 310230 and 崇明区 310151)."""
        return set(self.codes_by_key.get(key, ()))

    def in_year(self, code: str, year: int) -> Division | None:
        """The record of ``code`` valid in ``year``, following one-to-one successors."""
        records = self.by_code.get(code, ())
        valid = [record for record in records if record.valid_in(year)]
        if valid:
            return valid[0]
        if not records:
            return None
        latest = max(records, key=lambda record: record.valid_from)
        if latest.valid_to is not None and year > latest.valid_to:
            followed = self.follow(latest, year)
            if followed is not None:
                return followed
        return self.in_series(min(records, key=lambda record: record.distance(year)), year)

    def in_series(self, division: Division, year: int) -> Division:
        """The record of ``division``'s series valid in ``year`` when it is not valid then
        itself: a division re-coded during a budget year is known by the code before and the
        code after (崇明区 310151 named in a 2015 document is 崇明县 310230 that year), so
        its series stays unbroken; itself when no one record of the series fits."""
        if division.valid_in(year):
            return division
        valid = {
            record.code: record
            for records in self.by_code.values()
            for record in records
            if record.key == division.key and record.valid_in(year)
        }
        return next(iter(valid.values())) if len(valid) == 1 else division

    def follow(self, division: Division, year: int) -> Division | None:
        """The one-to-one successor of an ended division that is valid in ``year``."""
        seen: set[str] = set()
        current = division
        while not current.valid_in(year) and current.change_kind in ONE_TO_ONE:
            if len(current.successors) != 1 or current.successors[0] in seen:
                return None
            seen.add(current.code)
            successor = self.by_code.get(current.successors[0], ())
            following = [s for s in successor if s.valid_from >= (current.valid_to or 0)]
            if not following:
                return None
            current = min(following, key=lambda record: record.valid_from)
        return current if current.valid_in(year) else None

    def named(self, name: str, year: int, *, stems: bool = False) -> list[Division]:
        """Every place called ``name`` in ``year``: the record valid then, else the record of
        that name nearest in time (a document keeps an old name for a while), mapped to its
        one-to-one successor when that is valid in ``year``."""
        records = list(self.by_name.get(name, ()))
        if stems:
            records += self.by_stem.get(name, ())
        current: dict[str, Division] = {}
        stale: dict[str, Division] = {}
        for places in _by_place(records):
            valid = [record for record in places if record.valid_in(year)]
            if valid:
                current.setdefault(valid[0].code, valid[0])
                continue
            nearest = min(places, key=lambda record: record.distance(year))
            chosen = self.follow(nearest, year) or self.in_series(nearest, year)
            (current if chosen.valid_in(year) else stale).setdefault(chosen.code, chosen)
        # a name some place bears in the year is that place: 崇川区 in 2023 is 320613, not
        # the 崇川区 320602 merged into it in 2020
        return list((current or stale).values())


def _by_place(records: list[Division]) -> list[list[Division]]:
    """Records of one name grouped by the place they are (its series key)."""
    groups: dict[str, list[Division]] = {}
    for record in records:
        groups.setdefault(record.key, []).append(record)
    return list(groups.values())


def _freeze(table: dict[str, list[Division]]) -> dict[str, tuple[Division, ...]]:
    return {key: tuple(values) for key, values in table.items()}


def _division(row: dict[str, str]) -> Division:
    valid_to = (row.get("valid_to") or "").strip()
    successors = tuple(s for s in (row.get("successor_codes") or "").split("|") if s.strip())
    code = row["division_code"].strip()
    return Division(
        code=code,
        name=row["division_name"].strip(),
        level=row["level"].strip(),
        province_code=(row.get("province_code") or "").strip(),
        province_name=(row.get("province_name") or "").strip(),
        prefecture_code=(row.get("prefecture_code") or "").strip(),
        prefecture_name=(row.get("prefecture_name") or "").strip(),
        valid_from=int(row["valid_from"]),
        valid_to=int(valid_to) if valid_to else None,
        successors=successors,
        change_kind=(row.get("change_kind") or "").strip(),
        key=(row.get("division_key") or code).strip(),
    )


@lru_cache(maxsize=4)
def division_index(path: Path | None = None) -> DivisionIndex:
    return DivisionIndex.load(path or seed(DIVISION_SEED))
