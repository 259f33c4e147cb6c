"""People and per-person money: enrollment (参保/征缴/受益/预计) and 元/人 standards.

A count is attached to the year written next to it, not to the budget year ("2021年参保
人数超过2020年参保人数544929人" is a 2020 figure), with how the year was found kept in
``year_basis`` so the warehouse can prefer explicit statements.  The scheme (城乡居民 or
职工) comes from the words around the figure, then the project it sits in; a figure with
neither is 'unspecified' and never counted as residents.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ingest.amounts import NUMBER
from ingest.narrative.changes import CHANGE_TAIL, FROM, earlier_year
from ingest.narrative.facts import NarrativeFact
from ingest.narrative.prose import Paragraph

_DIGIT = re.compile(r"\d")  # what NUMBER starts with
_EXCLUDED = re.compile(
    r"资助|救助|困难|特困|脱贫|门诊|住院|待遇人次|享受待遇|参保率|监督|检查|占|比例|比率"
)
_COUNT_AFTER_LABEL = re.compile(
    rf"(?P<label>(?:预计)?参保(?:人数|人员数)|征缴人数|受益人(?:数|口数|口)|覆盖人数)"
    rf"\s*(?:达到|达|为|超过|约|共|有|合计|是)?\s*(?P<num>{NUMBER})\s*(?P<unit>万人|人)"
)
_COUNT_BEFORE_LABEL = re.compile(
    rf"(?P<num>{NUMBER})\s*(?P<unit>万人|万|人)\s*(?:的)?(?P<label>参保(?:人员|人|居民|群众|对象))"
)
_ENROLLED_VERB = re.compile(rf"(?P<label>(?:预计)?参保)\s*(?P<num>{NUMBER})\s*(?P<unit>万人|人)")
_PREMIUM = re.compile(rf"个人(?:参保)?缴费(?:标准)?\s*(?:为|达到|{FROM})?\s*(?P<num>{NUMBER})\s*元")
# '各级财政补助610元', '各级财政人均补助标准提高到700元/人', '各级财政补助达到每人640元'
# The fiscal subsidy per insured resident, all levels of government together (the national
# standard, 700元 in 2025): '各级财政补助610元', '人均财政补助标准为700元'.
_ALL_LEVELS = re.compile(
    rf"(?:各级财政(?:人均)?(?:补助|补贴)(?:标准)?|人均财政(?:补助|补贴)标准)"
    rf"[^，。；;\d]{{0,8}}?{FROM}?(?P<num>{NUMBER})\s*元(?!/?次)"
)
# A standard of the document's own (a county's part): '人均补助标准142元', '每人每年补助…元'.
_STANDARD = re.compile(
    rf"(?:人均(?:补助|补贴)?标准|每人(?:每年)?(?:补助|补贴)|补助标准|参保人补助)"
    rf"[^，。；;\d]{{0,14}}?{FROM}?(?P<num>{NUMBER})\s*元(?!/?次)"
)


def _scheme(paragraph: Paragraph, position: int, project_name: str | None) -> str:
    before = paragraph.text[:position]
    hits = [(m.start(), m.group(0)) for m in re.finditer(r"职工|居民|城乡", before)]
    if hits:
        return "employee" if hits[-1][1] == "职工" else "resident"
    _, sentence_end = paragraph.sentence(position)
    after = re.search(r"职工|居民|城乡", paragraph.text[position:sentence_end])
    if after:
        return "employee" if after.group(0) == "职工" else "resident"
    for context in (project_name, paragraph.heading):
        if context and re.search(r"职工|居民|城乡", context):
            return "employee" if "职工" in context else "resident"
    return "unspecified"


def _kind(label: str, text_before: str) -> str:
    if "预计" in label or "预计" in text_before[-4:]:
        return "projected"
    if "征缴" in label:
        return "contributors"
    if "受益" in label:
        return "beneficiaries"
    return "enrolled"


def read_people(
    paragraph: Paragraph,
    document_year: int,
    source_kind: str = "narrative",
    project: tuple[int, str | None, str | None] | None = None,
    counts: bool = True,
) -> list[NarrativeFact]:
    """Enrollment counts (unless ``counts`` is off) and per-person amounts in a paragraph.

    ``project`` is (sequence, code, name) when the text belongs to a project table.
    """
    project_seq, project_code, project_name = project or (None, None, None)
    text = paragraph.text
    out: list[NarrativeFact] = []
    if _DIGIT.search(text) is None:  # every count and amount below is a number
        return out
    seen: set[int] = set()

    def add(
        key: str,
        match: re.Match[str],
        unit: str,
        stated: tuple[int, str] | None = None,
        **extra: object,
    ) -> None:
        year, basis = stated or paragraph.year_for(match.start("num"), document_year)
        block = paragraph.block_at(match.start())
        out.append(
            NarrativeFact(
                fact_key=key,
                fact_kind="level",
                fact_year=year,
                amount=Decimal(match["num"].replace(",", "")),
                amount_text=match["num"],
                unit=unit,
                sentence=paragraph.sentence_text(match.start())[:300],
                line=block.line,
                page=block.page,
                year_basis=basis,
                source_kind=source_kind,
                project_seq=project_seq,
                project_code=project_code,
                project_name=project_name,
                **extra,  # type: ignore[arg-type]
            )
        )

    for pattern in (_COUNT_AFTER_LABEL, _COUNT_BEFORE_LABEL, _ENROLLED_VERB) if counts else ():
        for match in pattern.finditer(text):
            if match.start("num") in seen:
                continue
            window = text[max(0, match.start() - 8) : match.end()]
            if _EXCLUDED.search(window):
                continue
            seen.add(match.start("num"))
            unit = "万人" if match["unit"] in ("万人", "万") else "人"
            add(
                "enrollment",
                match,
                unit,
                scheme=_scheme(paragraph, match.start(), project_name),
                enrollment_kind=_kind(match["label"], text[: match.start()]),
            )
    for key, pattern in (
        ("resident_individual_premium_per_person", _PREMIUM),
        ("resident_fiscal_subsidy_per_person_all_levels", _ALL_LEVELS),
        ("per_person_subsidy_standard", _STANDARD),
    ):
        for match in pattern.finditer(text):
            if key == "per_person_subsidy_standard" and (
                _PREMIUM.search(text[max(0, match.start() - 6) : match.end()])
                or any(m.start("num") == match.start("num") for m in _ALL_LEVELS.finditer(text))
            ):
                continue  # the premium, or the all-levels figure read above
            moved = CHANGE_TAIL.match(text, match.end())
            if moved is None or moved["unit"] != "元":
                add(key, match, "元/人")
                continue
            # '由610元提高到640元': 640 is the year's standard, 610 the year before's.
            later = (
                (int(moved["year"]), "stated")
                if moved["year"]
                else paragraph.year_for(moved.start("num"), document_year)
            )
            add(key, moved, "元/人", later)
            add(key, match, "元/人", earlier_year(text[: match.start("num")], later[0]))
    return out


_INDICATOR_COUNT = re.compile(
    r"(预计)?参保人(数|员数)|征缴人数|受益人(数|口数|口)|参保人员|参保居民"
)


def read_indicator_people(
    labels: str,
    value: Decimal | None,
    unit: str | None,
    operator: str | None,
    block_line: int,
    block_page: int | None,
    document_year: int,
    project: tuple[int, str | None, str | None],
) -> NarrativeFact | None:
    """An indicator whose label names a head count ('受益人数' | '234644') is enrollment."""
    match = _INDICATOR_COUNT.search(labels)
    if (
        match is None
        or value is None
        or unit not in (None, "人", "万人")
        or operator not in (None, ">=", "=")
        or _EXCLUDED.search(labels)
    ):
        return None
    year_match = re.search(r"(20\d{2})\s*年", labels)
    project_seq, project_code, project_name = project
    context = f"{labels} {project_name or ''}"
    scheme_word = re.search(r"职工|居民|城乡", context)
    scheme = (
        ("employee" if scheme_word.group(0) == "职工" else "resident")
        if scheme_word
        else ("unspecified")
    )
    return NarrativeFact(
        fact_key="enrollment",
        fact_kind="level",
        fact_year=int(year_match.group(1)) if year_match else document_year,
        amount=value,
        amount_text=str(value),
        unit="万人" if unit == "万人" else "人",
        sentence=labels[:300],
        line=block_line,
        page=block_page,
        year_basis="stated" if year_match else "document",
        source_kind="indicator",
        scheme=scheme,
        enrollment_kind=_kind(match.group(0), ""),
        project_seq=project_seq,
        project_code=project_code,
        project_name=project_name,
    )
