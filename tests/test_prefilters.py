"""The cheap searches that stand before costly regexes are necessary conditions: every string
the costly regex can match holds what the cheap search looks for, so skipping the regex where
the cheap search finds nothing loses no match.  Checked over each regex's whole language
(its patterns are finite but for whitespace runs), so an anchor added later without its word
fails here rather than being silently never read."""

from __future__ import annotations

import itertools
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import pytest

from ingest.narrative import money
from ingest.narrative.money import ANCHORS
from ingest.recognise import units

# a whitespace or digit class stands for itself by one sample: none holds a word's character
_CATEGORY_SAMPLE = {sre.CATEGORY_SPACE: " ", sre.CATEGORY_DIGIT: "0"}
_MAX_CLASS = 64  # a character class larger than this is not enumerated (the test says so)


def language(pattern: str) -> set[str]:
    """Every string ``pattern`` matches, lookarounds ignored (they only narrow where a string
    matches, never what it is); an unbounded repeat taken zero or one time."""
    return _strings(sre_parse.parse(pattern))


def _strings(items: Any) -> set[str]:
    out = {""}
    for op, av in items:
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue
        if op is sre.LITERAL:
            options = {chr(av)}
        elif op is sre.IN:
            options = _class(av)
        elif op is sre.CATEGORY:
            options = {_CATEGORY_SAMPLE[av]}
        elif op is sre.BRANCH:
            options = set().union(*(_strings(branch) for branch in av[1]))
        elif op is sre.SUBPATTERN:
            options = _strings(av[-1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, sub = av
            high = low + 1 if high is sre.MAXREPEAT else high
            once = _strings(sub)
            options = {
                "".join(parts)
                for count in range(low, high + 1)
                for parts in itertools.product(once, repeat=count)
            }
        else:
            raise ValueError(f"regex element {op} is not enumerated by this test")
        out = {before + after for before in out for after in options}
    return out


def _class(items: Any) -> set[str]:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY:
            chars.add(_CATEGORY_SAMPLE[av])
        else:
            raise ValueError(f"character class element {op} {av} is not enumerated")
    return chars


def test_the_enumeration_gives_every_string_of_a_pattern() -> None:
    assert language(r"[“\"]?三公[”\"]?经费") == {
        "三公经费",
        "“三公经费",
        '"三公经费',
        "三公”经费",
        '三公"经费',
        "“三公”经费",
        '"三公"经费',
        '“三公"经费',
        '"三公”经费',
    }
    assert language(r"(?<!经营)事业收入|其他(?:收入|收益)") == {"事业收入", "其他收入", "其他收益"}


@pytest.mark.parametrize(("anchor", "pattern"), ANCHORS, ids=[key for key, _ in ANCHORS])
def test_every_match_of_a_money_anchor_holds_a_word_the_cheap_search_finds(
    anchor: str, pattern: str
) -> None:
    strings = language(pattern)
    assert strings, anchor
    assert all(money._ANCHOR_RE.fullmatch(text) for text in strings)
    assert [text for text in strings if not money._ANCHOR_WORDS.search(text)] == []


def test_every_unit_statement_holds_yuan() -> None:
    strings = language(units._UNIT.pattern)
    assert {"单位：万元", "（元）", "金额单位元"} <= strings
    assert [text for text in strings if "元" not in text] == []
