"""HTML pages, URLs and feeds, served from a local HTTP server (never the internet)."""

from __future__ import annotations

import pytest

from conftest import EXAMPLE
from parallax.errors import FetchError, InputError
from parallax.ingest import ReadOptions, read_inputs
from parallax.ingest.fetch import fetch
from parallax.ingest.html import parse_html

PAGE = (EXAMPLE / "02_broadcaster.html").read_bytes()


def test_html_page_metadata_and_text() -> None:
    raw = parse_html(PAGE.decode("utf-8"), "page.html")
    assert raw.site_name == "Channel 9 News"
    assert raw.published == "2025-03-14"
    assert raw.authors == ("Daniel Reyes",)
    assert raw.url == "https://www.channel9news.example/news/port-alder-strike"
    assert "Most read" not in raw.body and "cookie" not in raw.body.lower()
    assert any(r.kind == "photo-caption" and "Getty" not in r.text for r in raw.removed)


def test_html_without_an_article_is_an_error() -> None:
    page = "<html><body><nav><a href='/'>Home</a></nav><p>Log in to continue.</p></body></html>"
    with pytest.raises(InputError, match="no article found"):
        parse_html(page, "login.html")


def test_url_is_fetched_and_outlet_comes_from_the_page(web: tuple[str, dict]) -> None:
    base, routes = web
    routes["/article"] = (200, "text/html; charset=utf-8", PAGE)
    got = read_inputs([f"{base}/redirect"])
    (article,) = got.articles
    assert article.outlet == "Channel 9 News"
    assert article.source == f"{base}/redirect"
    assert "Watch: Police clear the pier gates 02:41" in article.credits
    assert "02:41" not in article.text


def test_fetch_errors_are_clear(web: tuple[str, dict]) -> None:
    base, routes = web
    routes["/pdf"] = (200, "application/pdf", b"%PDF-1.4")
    routes["/big"] = (200, "text/html", b"x" * 5000)
    with pytest.raises(FetchError, match="404"):
        fetch(f"{base}/missing")
    with pytest.raises(FetchError, match="application/pdf"):
        fetch(f"{base}/pdf")
    with pytest.raises(FetchError, match="cap"):
        fetch(f"{base}/big", max_bytes=1000)
    with pytest.raises(FetchError, match="no answer within"):
        fetch(f"{base}/slow", timeout=0.3)


def test_unreachable_site_is_a_clear_error() -> None:
    with pytest.raises(FetchError, match="could not be reached"):
        fetch("http://127.0.0.1:9/article", timeout=2)


RSS = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Valley Courier</title>
<item><title>Full entry</title><link>{base}/full</link><pubDate>Sun, 02 Jun 2024 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[{body}]]></content:encoded></item>
<item><title>Link only</title><link>{base}/article</link></item>
<item><title>Broken link</title><link>{base}/gone</link></item>
</channel></rss>"""


def test_feed_entries_become_articles_and_a_bad_entry_is_skipped(web: tuple[str, dict]) -> None:
    base, routes = web
    body = "".join(
        f"<p>Paragraph {i} of the flood story in Riverton, where the Sava River rose again "
        f"and crews worked through the night to shore up the levee near the bridge.</p>"
        for i in range(8)
    )
    routes["/feed.xml"] = (200, "application/rss+xml", RSS.format(base=base, body=body).encode())
    routes["/article"] = (200, "text/html", PAGE)
    got = read_inputs([f"{base}/feed.xml"], ReadOptions(timeout=3))
    titles = [a.title for a in got.articles]
    assert titles == ["Full entry", "Link only"]
    assert got.articles[0].published == "2024-06-02"
    assert got.articles[0].outlet == "Valley Courier"
    assert got.articles[1].outlet == "Channel 9 News"
    (skipped,) = [w for w in got.warnings if w.code == "skipped-input"]
    assert "entry 3" in (skipped.source or "") and "404" in skipped.message


def test_feed_that_is_down_is_reported(web: tuple[str, dict]) -> None:
    base, _ = web
    got = read_inputs([f"{base}/nofeed.xml"])
    assert got.articles == ()
    assert "404" in got.warnings[0].message
