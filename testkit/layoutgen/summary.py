"""Count verdicts per family, format and kind of figure (shared by the test and the bench)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from testkit.golden import Verdict


@dataclass(slots=True)
class Tally:
    documents: int = 0
    read: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)

    @property
    def expected(self) -> int:
        return sum(self.verdicts[k] for k in ("right", "wrong", "missed"))

    @property
    def found(self) -> int:
        return self.verdicts["right"] + self.verdicts["wrong"]

    def add(self, verdicts: list[Verdict]) -> None:
        self.verdicts.update(v.verdict for v in verdicts)

    def row(self) -> list[str]:
        share = f"{100 * self.read / self.documents:.0f}%" if self.documents else "–"
        v = self.verdicts
        return [
            str(self.documents),
            share,
            str(self.expected),
            str(self.found),
            str(v["right"]),
            str(v["wrong"]),
            str(v["missed"]),
            str(v["extra"]),
        ]


COLUMNS = ["documents", "read", "expected", "found", "right", "wrong", "missed", "extra"]
