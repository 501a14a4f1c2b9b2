"""The profile and blindspot pages in a real browser (Debian's chromium via Playwright).

The digests are built by hand (a few stories, three outlets, one of them with a name
that is an HTML injection attempt), so the test is quick; the aggregation itself is
tested on a generated corpus in ``test_profiles.py``.
"""

from __future__ import annotations

from pathlib import Path

import playwright.sync_api as playwright
import pytest

from chromium import launch, require_chromium
from parallax.profiles import blindspots, profiles
from parallax.profiles.blindspots import groups_from
from parallax.profiles.digest import StoryDigest
from parallax.profiles.html import blindspots_page, profiles_page
from parallax.profiles.parts import LoadedUse, OutletDigest, QuoteUse, StoryFact, Swap
from parallax.profiles.source import Member, StoryRow

EVIL = "<img src=x onerror=\"document.title='pwned'\">"
OUTLETS = ("Wire", "Paper", EVIL)


def _outlet(story: str, name: str, k: int) -> OutletDigest:
    art = f"{story}{k}"
    at = (art, 10, 20)
    return OutletDigest(
        outlet=name,
        articles=(art,),
        words=400,
        published=None,
        first=k == 0,
        shared_words=200 if k < 2 else 0,
        wire_words=(("Wire", 200),) if k < 2 else (),
        swaps=(Swap("protesters", "rioters", "Wire", at, (f"{story}0", 10, 20)),)
        if name == "Paper"
        else (),
        kept=("protesters",),
        framed_words=400,
        loaded_count=k + 1,
        by_category=(("label", k + 1),),
        loaded=(LoadedUse("rioters", "label", at),),
        labels=(),
        quotes=(QuoteUse("Ana Lind", "officials" if k else "unions and campaigners", True, at),),
        figures=(),
    )


def _digests() -> list[StoryDigest]:
    out = []
    for i in range(6):
        story = f"story{i:02d}"
        names = OUTLETS if i % 3 else OUTLETS[:2]
        outlets = tuple(_outlet(story, n, k) for k, n in enumerate(names))
        fact = StoryFact(
            "f1", "A fact <b>bold</b>", "partial", ((names[0], (story + "0", 0, 5)),), (names[0],)
        )
        out.append(
            StoryDigest(
                story,
                f"Story {i}",
                f"2025-0{1 + i // 2}-01",
                ("reuse", "facts", "framing", "quotes", "numbers"),
                outlets,
                (fact,),
            )
        )
    return out


@pytest.fixture(autouse=True)
def _chromium() -> None:
    require_chromium()


def _open(html: str, tmp_path: Path, check: object) -> None:
    path = tmp_path / "page.html"
    path.write_text(html, "utf-8")
    outside: list[str] = []
    with playwright.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on(
            "request",
            lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None,
        )
        page.goto(path.as_uri())
        check(page)  # type: ignore[operator]
        assert page.title() != "pwned"
        assert page.locator("img").count() == 0  # the outlet name stayed text
        browser.close()
    assert outside == []


def test_profiles_page_in_a_browser(tmp_path: Path) -> None:
    found = profiles(_digests(), min_stories=3)

    def check(page: playwright.Page) -> None:
        for chart in ("loaded-over-time", "wire-share", "voices-mix", "coverage-matrix"):
            assert page.locator(f"svg#{chart}").is_visible(), chart
        assert page.locator("#loaded-over-time polyline").count() == 3
        assert page.locator("#coverage-matrix rect.cell").count() == 6 * 3
        assert page.locator("#coverage-matrix rect.cell.on").count() == 4 * 3 + 2 * 2
        assert page.locator("h2.outlet").count() == 3
        assert EVIL in page.locator("#details").inner_text()
        assert '"rioters" for "protesters"' in page.locator("#details").inner_text()

    _open(profiles_page(found), tmp_path, check)


def test_blindspots_page_in_a_browser(tmp_path: Path) -> None:
    rows = [
        StoryRow(
            d.story,
            d.date,
            d.date,
            tuple(
                Member(k, a, o.outlet, d.date, d.title)
                for k, o in enumerate(d.outlets)
                for a in o.articles
            ),
        )
        for d in _digests()
    ]
    groups = groups_from({"groups": {"Agencies": ["Wire"], "Others": ["Paper", EVIL]}})
    found = blindspots(rows, groups)

    def check(page: playwright.Page) -> None:
        assert page.locator("svg#coverage-matrix").is_visible()
        assert page.locator("#groups-legend span").count() == 2
        text = page.locator("#details").inner_text()
        assert f"{EVIL}: missed 2 of 6 widely covered" in page.locator("body").inner_text()
        assert "covered mostly by" in text

    _open(blindspots_page(found), tmp_path, check)
