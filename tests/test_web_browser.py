"""The web app in a real browser (Debian's chromium driven by Playwright), against a real
uvicorn server on loopback started once for the module: paste, upload, a story, a job's
progress and cancellation, logging in, and XSS payloads through every form and the API.
Each page's screenshot goes to docs/ (shown in the README)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import playwright.sync_api as playwright
import pytest
from playwright.sync_api import expect

from chromium import launch, require_chromium
from conftest import ROOT, example_inputs
from parallax.ingest import ReadOptions
from parallax.service import Service
from parallax.store import open_store
from parallax.web import WebConfig, create_app
from webtools import served

DOCS = ROOT / "docs"
TOKEN = "browser-test-token-0123456789abcdef"
TEXT_A = (ROOT / "tests" / "data" / "article_a.txt").read_text("utf-8")
TEXT_B = (ROOT / "tests" / "data" / "article_b.txt").read_text("utf-8")
PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    '<svg onload="window.__xss=3"><script>window.__xss=4</script></svg>',
    '<a href="javascript:window.__xss=5">click me</a>',
    '"><script>window.__xss=6</script><input value="',
    "javascript:window.__xss=7",
]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    require_chromium()
    store = open_store(str(tmp_path_factory.mktemp("webui") / "corpus.db"))
    svc = Service(read_options=ReadOptions(public_only=False), store=store)
    svc.ingest(example_inputs())
    yield svc
    store.close()


@pytest.fixture(scope="module")
def base(service: Service) -> Iterator[str]:
    # private URLs allowed here: the cancel test fetches from the test's own slow server
    with served(create_app(WebConfig(allow_private_urls=True), service)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, base: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    pg = context.new_page()
    outside: list[str] = []
    dialogs: list[str] = []
    pg.on("request", lambda r: None if r.url.startswith((base, "data:")) else outside.append(r.url))
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield pg
    assert outside == [], f"requests to other hosts: {outside}"
    assert dialogs == []
    context.close()


def shot(pg: Any, name: str, tmp: Path) -> None:
    DOCS.mkdir(exist_ok=True)
    pg.screenshot(path=str(tmp / name), full_page=False)
    shutil.copy(tmp / name, DOCS / name)


def brief_of(pg: Any) -> list[str]:
    return [
        re.sub(r"\s*\[\d+\].*$", "", t, flags=re.S).strip()
        for t in pg.locator("#brief > ol > li").all_inner_texts()
    ]


def cli_brief(inputs: list[str], service: Service) -> list[str]:
    analysis = service.compare(inputs)
    return [item["text"] for item in analysis.to_dict()["brief"] if item["kind"] != "single"]


def test_paste_two_articles_and_read_the_brief(page: Any, base: str, tmp_path: Path) -> None:
    page.goto(base + "/")
    boxes = page.locator("fieldset.article-input")
    assert boxes.count() == 2
    page.click("#add-article")  # the script adds a box without reloading
    assert boxes.count() == 3 and page.url == base + "/"
    boxes.nth(0).locator("input[name=outlet]").fill("Quake Daily")
    boxes.nth(0).locator("textarea").fill(TEXT_A)
    boxes.nth(1).locator("input[name=outlet]").fill("Valley Courier")
    boxes.nth(1).locator("textarea").fill(TEXT_B)
    shot(page, "web-home.png", tmp_path)
    page.click("#compare")
    page.wait_for_url(re.compile(r".*/compare/[0-9-]+$"), timeout=120_000)
    assert page.locator("#brief li").first.is_visible()
    assert page.locator("#side-by-side .article").count() == 2
    assert page.locator("svg#coverage").is_visible() and page.locator("svg#outlets").is_visible()
    assert "Quake Daily" in page.locator("#article-list").inner_text()
    shot(page, "web-report.png", tmp_path)
    sentence = page.locator("#side-by-side .s.shared").first
    if sentence.count():
        sentence.click()  # the report's own script runs under the CSP (it has the nonce)
        assert "Also reported by" in page.locator("#panel").inner_text()
    shared = page.url
    page.goto(shared)  # the address reopens the comparison from the store
    assert page.locator("#brief li").count() >= 1


def test_upload_files_shows_what_the_cli_shows(
    page: Any, base: str, service: Service, tmp_path: Path
) -> None:
    page.goto(base + "/")
    page.set_input_files("#files", example_inputs())
    page.click("#compare")
    page.wait_for_url(re.compile(r".*/compare/[0-9-]+$"), timeout=120_000)
    assert page.locator("#side-by-side .article").count() == 3
    shown = page.locator("#brief > ol").inner_text()
    for text in cli_brief(example_inputs(), service):
        assert text.split("\n")[0][:80] in shown


def test_open_a_story_from_the_list(page: Any, base: str, tmp_path: Path) -> None:
    page.goto(base + "/stories")
    assert page.locator("#stories tbody tr").count() >= 1
    shot(page, "web-stories.png", tmp_path)
    page.fill("input[name=outlet]", "Nobody At All")
    page.click("#story-filters button")
    assert page.locator("#no-stories").is_visible()
    page.goto(base + "/stories?min_outlets=2")
    page.locator(".story-link").first.click()
    page.wait_for_url(re.compile(r".*/stories/[^/]+$"), timeout=120_000)
    assert page.locator("#brief li").first.is_visible()
    assert page.locator("#side-by-side .article").count() >= 2


def test_a_job_shows_progress_and_can_be_cancelled(
    page: Any, base: str, web: tuple[str, dict[str, Any]], tmp_path: Path
) -> None:
    server, routes = web
    routes["/slow"] = (200, "text/plain", TEXT_A.encode())
    page.goto(base + "/?n=3")  # three slow pages: six seconds of reading to cancel in
    boxes = page.locator("fieldset.article-input")
    for i in range(3):
        boxes.nth(i).locator("input[name=url]").fill(server + f"/slow#{i}")  # the same slow page
    page.click("#compare")
    page.wait_for_url(re.compile(r".*/jobs/[^/]+$"))
    # (no wait_for_function: the CSP forbids evaluating strings, as it should)
    expect(page.locator("#job-message")).to_have_text(re.compile(r"^reading"), timeout=10_000)
    assert page.locator("#job-state").inner_text() == "running"
    assert 0 <= float(page.locator("#job-progress").get_attribute("value") or 0) < 1
    shot(page, "web-job.png", tmp_path)
    page.click("#cancel")
    expect(page.locator("#job-state")).to_have_text("cancelled", timeout=15_000)
    job_id = page.url.rsplit("/", 1)[1]
    status = httpx.get(f"{base}/api/jobs/{job_id}").json()
    assert status["state"] == "cancelled" and status["result"] is None


def test_outlet_pages(page: Any, base: str, tmp_path: Path) -> None:
    page.goto(base + "/outlets")
    page.click("#refresh")  # a job analyses the stories not analysed yet, then comes back
    page.wait_for_url(base + "/outlets", timeout=120_000)
    links = page.locator("a.outlet-link")
    assert links.count() >= 2
    assert page.locator("section.pictures svg").count() >= 2
    shot(page, "web-outlets.png", tmp_path)
    name = links.nth(1).inner_text()
    links.nth(1).click()
    page.wait_for_url(re.compile(r".*/outlets/.+"))
    assert name in page.locator("main").inner_text()
    assert page.locator("section.pictures svg").count() >= 1
    shot(page, "web-outlet.png", tmp_path)
    page.goto(base + "/outlets")
    page.click("#outlet-pair button")
    page.wait_for_url(re.compile(r".*/outlets/compare\?.*"))
    assert page.locator("section.pictures svg").count() >= 1
    page.goto(base + "/blindspots")
    assert page.locator("main h1").count() >= 1


def test_log_in_with_the_token(browser: Any, service: Service, tmp_path: Path) -> None:
    app = create_app(WebConfig(token=TOKEN, warm=False), service)
    with served(app) as url:
        context = browser.new_context(viewport={"width": 1300, "height": 700})
        pg = context.new_page()
        pg.goto(url + "/stories")
        assert "/login" in pg.url
        shot(pg, "web-login.png", tmp_path)
        pg.fill("input[name=token]", "wrong-token-wrong-token")
        pg.click("#login")
        assert "wrong token" in pg.locator(".error").inner_text()
        pg.fill("input[name=token]", TOKEN)
        pg.click("#login")
        pg.wait_for_url(url + "/stories")
        assert pg.locator("h1").inner_text() == "Stories"
        (cookie,) = [c for c in context.cookies() if c["name"] == "parallax_session"]
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        assert pg.evaluate("document.cookie").find("parallax_session") == -1
        # the login page reflects `next`: a payload there stays text
        pg.goto(url + "/login?next=" + httpx.URL("/", params={"x": PAYLOADS[4]}).raw_path.decode())
        pg.goto(url + '/login?next=/"><script>window.__xss=8</script>')
        assert pg.evaluate("window.__xss") is None
        context.close()


def test_xss_payloads_never_run(page: Any, base: str, tmp_path: Path) -> None:
    evil = " ".join(PAYLOADS)
    page.goto(base + "/")
    boxes = page.locator("fieldset.article-input")
    boxes.nth(0).locator("input[name=outlet]").fill(PAYLOADS[1])
    boxes.nth(0).locator("input[name=title]").fill(PAYLOADS[0])
    boxes.nth(0).locator("textarea").fill(
        TEXT_A.replace("Residents returning", evil + " Residents returning")
    )
    boxes.nth(1).locator("input[name=outlet]").fill(PAYLOADS[2])
    boxes.nth(1).locator("input[name=title]").fill(PAYLOADS[3])
    boxes.nth(1).locator("textarea").fill(PAYLOADS[4] + "\n\n" + TEXT_B)
    page.click("#compare")
    page.wait_for_url(re.compile(r".*/compare/[0-9-]+$"), timeout=120_000)
    shown = page.locator("main").inner_text()
    assert PAYLOADS[0] in shown and "onerror" in shown  # shown as text
    assert page.locator("main img").count() == 0
    assert page.locator("main a[href^='javascript']").count() == 0
    assert page.locator("#side-by-side svg, #article-list svg, #brief svg").count() == 0
    for link in page.locator("a").all():
        page_link = link.get_attribute("href") or ""
        assert not page_link.lower().startswith("javascript"), page_link
    assert page.evaluate("window.__xss") is None

    # a javascript: URL in the address field is refused, and the message is text
    page.goto(base + "/")
    boxes.nth(0).locator("input[name=url]").evaluate("e => e.type = 'text'")
    boxes.nth(0).locator("input[name=url]").fill(PAYLOADS[5])
    boxes.nth(1).locator("textarea").fill(TEXT_B)
    page.click("#compare")
    assert "http://" in page.locator(".error").inner_text()
    assert page.evaluate("window.__xss") is None

    # the stories filters reflect what was typed: it stays text
    page.goto(base + "/stories")
    page.fill("input[name=q]", PAYLOADS[4])
    page.fill("input[name=outlet]", PAYLOADS[1])
    page.click("#story-filters button")
    assert page.locator("input[name=q]").input_value() == PAYLOADS[4]
    assert page.evaluate("window.__xss") is None

    # the API: payloads in every field, then the result page in the browser
    body = {
        "articles": [
            {"text": evil + "\n\n" + TEXT_A, "outlet": PAYLOADS[2], "title": PAYLOADS[0]},
            {"text": TEXT_B, "outlet": PAYLOADS[5], "title": PAYLOADS[1]},
        ]
    }
    job = httpx.post(base + "/api/compare", json=body).json()
    for _ in range(600):
        status = httpx.get(f"{base}/api/jobs/{job['id']}").json()
        if status["state"] not in ("queued", "running"):
            break
        page.wait_for_timeout(200)
    assert status["state"] == "done", status
    page.goto(base + status["result"])
    assert page.locator("main img").count() == 0
    assert PAYLOADS[5] in page.locator("#article-list").inner_text()
    assert page.locator("main a[href^='javascript']").count() == 0
    assert page.evaluate("window.__xss") is None
    page.goto(base + "/stories")  # the pasted articles joined the store's stories
    assert page.evaluate("window.__xss") is None


def test_api_docs_page_works_offline(page: Any, base: str, tmp_path: Path) -> None:
    page.goto(base + "/docs")
    assert page.locator("#op-api_compare_api_compare_post, section.op").count() >= 5
    assert "POST /api/compare" in page.locator("main").inner_text()
    shot(page, "web-docs.png", tmp_path)
