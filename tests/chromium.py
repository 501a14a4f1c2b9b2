"""Debian's chromium for the browser tests: where it is, how it is launched (headless,
no network of its own), and a clear failure when it is missing (never a skip)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_chromium() -> None:
    """Never skipped: `make test` installs Debian's chromium (`make browser`)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing; `make browser` installs Debian's chromium")


def launch(playwright: Any) -> Any:
    """A headless chromium browser from Playwright's ``sync_playwright()`` handle."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
