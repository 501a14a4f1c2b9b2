"""The HTML report in a real browser (Debian's chromium, driven by Playwright).

Skipped when chromium or Playwright is missing; `make test` installs both.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import playwright.sync_api as playwright
import pytest

from chromium import launch, require_chromium
from conftest import ROOT, example_inputs
from parallax import compare
from parallax.report import render

SCREENSHOT = ROOT / "docs" / "report.png"


@pytest.fixture(autouse=True)
def _chromium() -> None:
    """Never skipped: `make test` installs Debian's chromium (`make browser`)."""
    require_chromium()


def test_report_in_a_browser(tmp_path: Path) -> None:
    analysis = compare(example_inputs())
    page_file = tmp_path / "report.html"
    page_file.write_text(render(analysis, "html"), "utf-8")
    outside: list[str] = []
    with playwright.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on(
            "request",
            lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None,
        )
        page.goto(page_file.as_uri())
        assert page.locator("#brief li").first.is_visible()
        assert page.locator("#side-by-side .article").count() == 3
        assert page.locator("svg#coverage").is_visible()
        assert page.locator("svg#outlets").is_visible()
        sentence = page.locator("#side-by-side .s.shared").first
        sentence.click()
        assert page.locator(".s.counterpart").count() >= 1
        assert "Also reported by" in page.locator("#panel").inner_text()
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(tmp_path / "shot.png"), full_page=False)
        shutil.copy(tmp_path / "shot.png", SCREENSHOT)
        browser.close()
    assert outside == []


def test_article_text_is_escaped(tmp_path: Path) -> None:
    evil = tmp_path / "evil.txt"
    body = (ROOT / "tests" / "data" / "article_a.txt").read_text("utf-8")
    evil.write_text(
        body.replace(
            "Residents returning",
            "<script>window.hacked=1</script> <img src=x onerror=window.hacked=2> Residents returning",
        )
    )
    analysis = compare([str(evil), str(ROOT / "tests" / "data" / "article_b.txt")])
    html = render(analysis, "html")
    assert "<script>window.hacked" not in html and "&lt;script&gt;window.hacked" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror" in html
    page_file = tmp_path / "evil.html"
    page_file.write_text(html, "utf-8")
    with playwright.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.goto(page_file.as_uri())
        assert page.evaluate("window.hacked") is None
        shown = page.locator("#side-by-side").inner_text()
        assert "<script>window.hacked=1</script>" in shown and "<img src=x onerror" in shown
        assert page.locator("#side-by-side img").count() == 0
        browser.close()
