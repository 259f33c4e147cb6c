"""Where the product's shipped folders live, and the reference data the parsers read.

The dbt project (whose ``seeds/`` hold the reference lists the parsers share with the
warehouse) and the research queries ship with the code.  In a checkout they sit at the
repository root; in an installed wheel they are package data of the application package
(``medins/dbt_project``, ``medins/queries``, mapped in ``pyproject.toml``).  This is the one
place that knows both.
"""

from __future__ import annotations

import csv
from pathlib import Path

_CODE_ROOT = Path(__file__).resolve().parents[1]  # the checkout, or site-packages


def shipped(name: str) -> Path:
    """The shipped folder ``name`` (``dbt_project`` or ``queries``)."""
    for base in (_CODE_ROOT / "medins", _CODE_ROOT):
        if (base / name).is_dir():
            return base / name
    raise FileNotFoundError(
        f"the {name}/ folder is missing from this installation ({_CODE_ROOT}); "
        "reinstall the package"
    )


def seed(name: str) -> Path:
    """A reference list of the dbt project, e.g. ``seed("ref_divisions.csv")``."""
    return shipped("dbt_project") / "seeds" / name


def seed_rows(name: str) -> list[dict[str, str]]:
    """The rows of a reference list, as text (the one definition the product reads)."""
    with seed(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# The reference lists the parsers read: part of the parser version.
PARSER_SEEDS = ("ref_divisions.csv",)
