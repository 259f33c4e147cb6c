"""Debian's Chromium for the tests that open a page: where it is and how it is started.

Without a Chromium the browser tests skip, unless MEDINS_REQUIRE_BROWSER=1 (set by .ci/run),
which makes them fail instead; MEDINS_CHROMIUM points at another binary.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("MEDINS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
)


def chromium_or_skip() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    if os.environ.get("MEDINS_REQUIRE_BROWSER") == "1":
        pytest.fail(
            f"MEDINS_REQUIRE_BROWSER=1 but there is no Chromium at {CHROMIUM}: "
            "install it (apt-get install chromium) or point MEDINS_CHROMIUM at one"
        )
    pytest.skip(f"no Chromium at {CHROMIUM} (set MEDINS_REQUIRE_BROWSER=1 to fail instead)")
