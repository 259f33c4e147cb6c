"""Every real workbook, Word file and web page of ../shared/real/formats ends read or
refused with a true reason, never a crash.

The .doc files go through LibreOffice when it is installed (a few seconds each), so this
module is slow; without LibreOffice they end ``needs_conversion``, which is also an answer.
The PDFs beside them are the PDF reader's tests' business; ``python -m
testkit.formatgen.survey ../shared/real`` surveys every file at once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.readers.doc import find_converter
from testkit.formatgen.survey import files, survey_file
from tests.real_formats import FORMATS

pytestmark = pytest.mark.slow

# A reason must be one a person can act on; parser_error is a bug, not a reason.
_TRUE_REASONS = {
    "empty",
    "encrypted",
    "damaged",
    "needs_conversion",
    "unsupported_format",
    "not_a_budget",
    "no_text_layer",
}


def _folder(path: Path) -> list[Path]:
    if not path.is_dir():
        pytest.skip(f"{path} is not here (the shared real files live outside the repo)")
    return files(path)


def test_every_real_format_file_is_read_or_refused_with_a_true_reason() -> None:
    outcomes = [survey_file(path) for path in _folder(FORMATS)]
    crashes = [(o.path.name, o.crash) for o in outcomes if o.crash]
    assert not crashes
    assert {o.reason for o in outcomes if o.reason} <= _TRUE_REASONS
    by_name = {o.path.name: o for o in outcomes}
    # the two workbooks refused are the two that hold no cell at all
    assert sorted(n for n, o in by_name.items() if o.reason == "empty") == [
        "20170302_58b7f21f45308.xlsx",
        "20170307_58be18b2b9f76.xlsx",
    ]
    read = [o for o in outcomes if not o.reason]
    assert all(o.blocks > 0 for o in read)
    if find_converter() is not None:
        assert not [o for o in outcomes if o.reason == "needs_conversion"]
        assert len(read) == len(outcomes) - 2
    else:
        assert {o.reason for o in outcomes if o.path.suffix == ".doc" and o.reason} == {
            "needs_conversion"
        }
