"""RSS and Atom feeds: each entry becomes an article.

An entry's full content (``content:encoded``, Atom ``content``) is used when it holds
an article; otherwise the entry's link is fetched.  An entry that fails is reported
and skipped; the others are kept.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from parallax.build import RawArticle
from parallax.errors import InputError
from parallax.ingest.html import parse_html

_FEED = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_MIN_CONTENT_WORDS = 120


def looks_like_feed(text: str) -> bool:
    return bool(_FEED.search(text[:2048]))


@dataclass(frozen=True, slots=True)
class FeedResult:
    articles: tuple[RawArticle, ...]
    failures: tuple[InputError, ...]


def _published(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return time.strftime("%Y-%m-%d", parsed)
    return None


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    return best or ""


def parse_feed(
    text: str,
    source: str,
    fetch_page: Callable[[str], RawArticle] | None = None,
) -> FeedResult:
    """Articles of the feed in ``text``; ``fetch_page`` reads an entry's link when needed."""
    import feedparser  # imported when a feed is read, not at start-up

    feed = feedparser.parse(text)
    if not feed.entries:
        problem = feed.get("bozo_exception")
        detail = f" ({problem.__class__.__name__})" if problem else ""
        raise InputError(source, f"this feed has no entries{detail}; check the feed address")
    site = feed.feed.get("title") or None
    articles: list[RawArticle] = []
    failures: list[InputError] = []
    for index, entry in enumerate(feed.entries):
        link = entry.get("link")
        label = f"{source} entry {index + 1}" + (f" ({link})" if link else "")
        try:
            articles.append(_entry_article(entry, label, site, fetch_page))
        except InputError as exc:
            failures.append(exc)
    return FeedResult(tuple(articles), tuple(failures))


def _entry_article(
    entry: Any, label: str, site: str | None, fetch_page: Callable[[str], RawArticle] | None
) -> RawArticle:
    link = entry.get("link")
    html = _entry_html(entry)
    wrapped = f"<html><body><article>{html}</article></body></html>"
    if html and len(re.sub(r"<[^>]+>", " ", html).split()) >= _MIN_CONTENT_WORDS:
        raw = parse_html(wrapped, label, url=link)
        raw = replace(raw, site_name=site or raw.site_name)  # the feed names its site
    elif link and fetch_page is not None:
        try:
            raw = fetch_page(link)
        except InputError as exc:
            raise InputError(label, exc.message) from exc
    else:
        raise InputError(label, "the entry has no full text and no link to fetch it from")
    authors = tuple(a.get("name", "") for a in entry.get("authors", []) if a.get("name"))
    return RawArticle(
        source=label,
        body=raw.body,
        title=entry.get("title") or raw.title,
        published=_published(entry) or raw.published,
        authors=authors or raw.authors,
        url=link or raw.url,
        site_name=raw.site_name or site,
        description=raw.description,
    )
