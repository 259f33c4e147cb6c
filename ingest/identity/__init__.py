"""Who published a document and for which year: division, body, scope, budget year.

The body is read from the cover and titles (``body``), the division from the start of the
body's name, valid in the budget year (``divisions``: 上海市普陀区… is 310107; 崇明县 in 2015 is
310230, 崇明区 in 2024 is 310151), and checked against project codes, which carry a division
code and a year.  Two divisions of one name (海州区 of 阜新 and of 连云港) are told apart by the
places named elsewhere in the document or by project codes.  A ``sources.csv`` manifest may
supply or override any part (``IdentityHints``).  Missing or conflicting evidence rejects the
document, naming every candidate; nothing is guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.amounts import normalise_text
from ingest.codes import RejectionReason
from ingest.glyphs import in_traditional_glyphs, simplify_text
from ingest.identity.body import REVIEWED_BY, TITLE_BLOCKS, body_candidates, kind_of, scope_of
from ingest.identity.divisions import Division, DivisionIndex, division_index, stem
from ingest.identity.year import (
    chinese_year,
    code_years,
    project_code_divisions,
    project_codes,
    year_votes,
)
from ingest.model import UnreadableDocument

SCOPES = ("department", "unit")
# Bodies of the Party, the CPPCC, the Youth League and the democratic parties put their
# organisation before the division their committee belongs to: 中共福州市委宣传部,
# 中国共产党巨鹿县委员会办公室, 政协XX县委员会.  The division is the name after it.
_ORGANISATION = re.compile(
    r"^(?:中国共产党|中共|中国共产主义青年团|共青团|中国人民政治协商会议|政协|"
    r"中国国民党革命委员会|中国民主同盟|中国民主建国会|中国民主促进会|中国农工民主党|"
    r"中国致公党|九三学社|台湾民主自治同盟|民革|民盟|民建|民进|农工党|致公党|台盟)"
)

KINDS = ("budget", "final")  # 部门预算 / 部门决算: what the document is, beside its scope
_CENTRAL = ("国家", "中华人民共和国", "中央")
MANIFEST_HELP = (
    "add a row for this file to sources.csv in the sources folder "
    "(columns file,division_code,body,scope,year; e.g. "
    "附表.xlsx,130682,定州市民政局,部门预算,2017)"
)


@dataclass(frozen=True, slots=True)
class IdentityHints:
    """What a ``sources.csv`` row says of a file (any field may be missing)."""

    division_code: str | None = None
    body: str | None = None
    scope: str | None = None
    year: int | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.division_code or self.body or self.scope or self.year)


@dataclass(frozen=True, slots=True)
class Identity:
    division: Division
    body: str
    body_stem: str  # the body's name without its division: 医疗保障局 of 崇明县医疗保障局
    scope: str
    year: int
    source: str  # document | manifest | document+manifest
    division_evidence: str
    body_evidence: str
    year_evidence: str
    scope_evidence: str
    kind: str = "budget"  # budget (预算) | final (决算): the phase its own figures are in
    kind_evidence: str = ""


def resolve_identity(
    text: str,
    lines: list[str],
    hints: IdentityHints | None = None,
    index: DivisionIndex | None = None,
) -> Identity:
    """The document's identity, or UnreadableDocument saying what is missing or ambiguous."""
    hints = hints or IdentityHints()
    index = index or division_index()
    if in_traditional_glyphs(text):  # 廣饒縣, 隨縣: names are looked up in simplified glyphs
        text, lines = simplify_text(text), [simplify_text(line) for line in lines]
    text = chinese_year(normalise_text(text))
    lines = [chinese_year(normalise_text(line)) for line in lines]
    resolver = _Resolver(index, text, lines, hints)
    return resolver.resolve()


class _Resolver:
    def __init__(
        self, index: DivisionIndex, text: str, lines: list[str], hints: IdentityHints
    ) -> None:
        self.index = index
        self.text = text
        self.lines = lines
        self.hints = hints
        self.project_codes = project_codes(text)
        self.codes = project_code_divisions(self.project_codes)

    def resolve(self) -> Identity:
        votes = year_votes(self.text)
        year_guess = self.hints.year or (votes.most_common(1)[0][0] if votes else None)
        if year_guess is None and self.codes:  # only project codes date it: find the
            # division as it was in their year (崇川区 of 2017 is 320602, not 320613)
            years = code_years(self.project_codes, set(self.codes))
            year_guess = years.most_common(1)[0][0] if years else None
        body, body_evidence, division, division_evidence = self._body_and_division(
            year_guess or 2100
        )
        year, year_evidence = self._year(votes, division)
        if year != year_guess:  # the code valid in the year finally chosen
            body, body_evidence, division, division_evidence = self._body_and_division(year)
        scope, scope_evidence = self._scope()
        kind, kind_evidence = self._kind()
        used_manifest = not self.hints.is_empty
        return Identity(
            division=division,
            body=body,
            body_stem=self._stem(body, year),
            scope=scope,
            year=year,
            source="document+manifest" if used_manifest else "document",
            division_evidence=division_evidence,
            body_evidence=body_evidence,
            year_evidence=year_evidence,
            scope_evidence=scope_evidence,
            kind=kind,
            kind_evidence=kind_evidence,
        )

    # --- year ---------------------------------------------------------------------------

    def _year(self, votes: Counter[int], division: Division) -> tuple[int, str]:
        if self.hints.year:
            return self.hints.year, f"budget year {self.hints.year} from sources.csv"
        combined = Counter(votes)
        # project codes carry the code of their year: any code of the division's series
        series = self.index.series_codes(division.key)
        for year, count in code_years(self.project_codes, series).items():
            combined[year] += min(count, 3) * 2
        if not combined:
            raise UnreadableDocument(
                RejectionReason.NO_YEAR,
                "no budget year found (no 预算年度, no 'YYYY年部门预算' title, no '(YYYY年度)', "
                f"no project code with a year); {MANIFEST_HELP}",
            )
        (year, score), *rest = combined.most_common()
        if rest and rest[0][1] == score:
            raise UnreadableDocument(
                RejectionReason.YEAR_AMBIGUOUS,
                f"the document points equally to {year} and {rest[0][0]} as its budget year; "
                + MANIFEST_HELP,
            )
        return year, f"budget year {year} (evidence score {score})"

    # --- scope ----------------------------------------------------------------------------

    def _scope(self) -> tuple[str, str]:
        if self.hints.scope:
            scope = manifest_scope(self.hints.scope)
            return scope, f"{self.hints.scope} from sources.csv"
        return scope_of(self.lines)

    def _kind(self) -> tuple[str, str]:
        if self.hints.scope and "决算" in self.hints.scope:
            return "final", f"{self.hints.scope} from sources.csv"
        if self.hints.scope and "预算" in self.hints.scope:
            return "budget", f"{self.hints.scope} from sources.csv"
        return kind_of(self.lines)

    # --- body and division ----------------------------------------------------------------

    def _body_and_division(self, year: int) -> tuple[str, str, Division, str]:
        if self.hints.division_code:
            division = self.index.in_year(self.hints.division_code, year)
            if division is None:
                raise UnreadableDocument(
                    RejectionReason.MANIFEST_INVALID,
                    f"sources.csv gives division_code {self.hints.division_code}, which is not "
                    "in the division list (dbt_project/seeds/ref_divisions.csv)",
                )
            body = self.hints.body or self._best_body(year, division)[0]
            return (
                body,
                "from sources.csv" if self.hints.body else "from the document",
                (division),
                f"division {division.code} from sources.csv",
            )
        if self.hints.body:
            found = self._division_of(self.hints.body, year)
            if found is None:
                raise UnreadableDocument(
                    RejectionReason.NO_DIVISION,
                    f"sources.csv names the body {self.hints.body!r}, whose name starts with no "
                    "division of the list; add division_code to its row",
                )
            return self.hints.body, "from sources.csv", found[0], found[1]
        candidates = body_candidates(self.lines, self._division_prefix)
        if not candidates:
            raise UnreadableDocument(
                RejectionReason.NO_BODY,
                "no budgeting body is named in the document (no 预算单位/预算主管部门 line, no "
                f"'<body> YYYY年部门预算' title); {MANIFEST_HELP}",
            )
        for candidate in candidates[:8]:
            found = self._division_of(candidate.name, year)
            if found is not None:
                return candidate.name, candidate.evidence, found[0], found[1]
        top = candidates[0].name
        reviewer = self._reviewing_division(year)
        if reviewer is not None:  # 农工委编制 / 定州市财政局审核: the reviewer's government
            return top, candidates[0].evidence, reviewer[0], reviewer[1]
        if top.startswith(_CENTRAL):
            raise UnreadableDocument(
                RejectionReason.CENTRAL_GOVERNMENT,
                f"{top} is a central government department: the warehouse covers bodies of "
                "provinces, prefectures and counties (GB/T 2260 divisions)",
            )
        raise UnreadableDocument(
            RejectionReason.NO_DIVISION,
            f"the body {top} names no division of the list (dbt_project/seeds/ref_divisions.csv) "
            f"at the start of its name; {MANIFEST_HELP}, or add the division (or an alias) "
            "to the list",
        )

    def _reviewing_division(self, year: int) -> tuple[Division, str] | None:
        """A budgeting system's cover names the finance bureau that reviewed the budget
        (定州市财政局审核): a body that names no division belongs to that government."""
        for line in self.lines[:TITLE_BLOCKS]:
            match = REVIEWED_BY.match(line.replace(" ", ""))
            if match:
                found = self._division_of(match.group(1) + "财政局", year)
                if found is not None:
                    division, how = found
                    return division, f"reviewed by {match.group(0)}: {how}"
        return None

    def _best_body(self, year: int, division: Division) -> tuple[str, str]:
        candidates = body_candidates(self.lines, self._division_prefix)
        if not candidates:
            raise UnreadableDocument(
                RejectionReason.NO_BODY,
                "sources.csv gives the division but no body, and the document names none; "
                "add the body to its row",
            )
        return candidates[0].name, candidates[0].evidence

    def _stem(self, body: str, year: int) -> str:
        """The body's name after the division names it starts with (a series keeps it
        across a re-coding: 崇明县医疗保障局 and 崇明区医疗保障局 are both 医疗保障局; 中共崇明县委
        宣传部 is 中共委宣传部 in every year)."""
        organisation = _ORGANISATION.match(body)
        prefix = organisation.group(0) if organisation else ""
        body = body[len(prefix) :]
        position = 0
        parents: list[Division] | None = None
        while position < len(body):
            step = self._next_division(body[position:], year, parents)
            if step is None:
                break
            position += len(step[0])
            parents = step[1]
        return prefix + (body[position:] or body)

    def _division_prefix(self, text: str) -> str | None:
        return self.index.prefix(text)

    def _division_of(self, body: str, year: int) -> tuple[Division, str] | None:
        """The division a body's name starts with (上海市 → 普陀区 → 310107), in ``year``;
        after the organisation of a Party or congress body (中共福州市委宣传部 → 福州市)."""
        chain: list[tuple[str, list[Division]]] = []
        organisation = _ORGANISATION.match(body)
        position = organisation.end() if organisation else 0
        while position < len(body):
            step = self._next_division(body[position:], year, chain[-1][1] if chain else None)
            if step is None:
                break
            chain.append(step)
            position += len(step[0])
        if not chain:
            return None
        name, found = chain[-1]
        path = (organisation.group(0) + "/" if organisation else "") + "".join(
            step[0] for step in chain
        )
        if len(found) > 1:
            chosen = self._disambiguate(name, found)
            return chosen, f"{path} in {body} → {chosen.describe()} ({self._why(chosen)})"
        division = found[0]
        self._check_project_codes(division, body)
        return division, f"{path} in {body} → {division.describe()}"

    def _next_division(
        self, text: str, year: int, parents: list[Division] | None
    ) -> tuple[str, list[Division]] | None:
        parent_codes = {parent.code for parent in parents} if parents else None
        for length in self.index.lengths_by_first.get(text[:1], ()):
            name = text[:length]
            if len(name) < length:
                continue
            found = self.index.named(name, year, stems=parents is None)
            if parent_codes is not None:
                found = [d for d in found if d.parent_codes & parent_codes]
            elif found and name not in self.index.by_name:
                # a short form (福州 for 福州市) only when it starts the name
                found = [d for d in found if d.level != "county"]
            if found:
                return name, found
        return None

    def _disambiguate(self, name: str, found: list[Division]) -> Division:
        scored = sorted(
            ((self._context_score(division), division) for division in found),
            key=lambda pair: -pair[0],
        )
        if scored[0][0] > 0 and scored[0][0] > scored[1][0]:
            return scored[0][1]
        places = "; ".join(division.describe() for division in found)
        raise UnreadableDocument(
            RejectionReason.DIVISION_AMBIGUOUS,
            f"the document names {name}, which could be {places}; nothing else in it tells "
            f"which. {MANIFEST_HELP}",
        )

    def _context_score(self, division: Division) -> int:
        score = 0
        for place in division.places:
            score += self.text.count(place) * 2 + self.text.count(stem(place))
        score += self.codes.get(division.code, 0) * 5
        return score

    def _why(self, division: Division) -> str:
        places = [place for place in division.places if stem(place) in self.text]
        codes = self.codes.get(division.code, 0)
        reasons = [f"{place} named in the document" for place in places]
        if codes:
            reasons.append(f"{codes} project codes start with {division.code}")
        return "; ".join(reasons) or "context"

    def _check_project_codes(self, division: Division, body: str) -> None:
        """Project codes of another county contradict a county's name: refuse to guess."""
        if division.level != "county":
            return
        for code, count in self.codes.most_common(3):
            if code == division.code or count < 2:
                continue
            other = self.index.by_code.get(code)
            if other and other[0].level == "county" and other[0].key != division.key:
                raise UnreadableDocument(
                    RejectionReason.DIVISION_CONFLICT,
                    f"the document is published by {body} ({division.code}) but {count} "
                    f"project codes start with {code} ({other[0].name}); not guessing which "
                    "is right",
                )


def manifest_scope(value: str) -> str:
    """sources.csv may say 部门预算/单位预算 or department/unit."""
    text = value.strip()
    if text in SCOPES:
        return text
    if "单位" in text:
        return "unit"
    if "部门" in text:
        return "department"
    raise UnreadableDocument(
        RejectionReason.MANIFEST_INVALID,
        f"sources.csv scope {value!r} is neither 部门预算/部门决算 nor 单位预算/单位决算",
    )
