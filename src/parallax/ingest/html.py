"""HTML pages: main text and metadata through trafilatura."""

from __future__ import annotations

import logging
import re
from typing import Any

from parallax.build import RawArticle
from parallax.errors import InputError
from parallax.model import Removed

# trafilatura logs extraction trouble at WARNING/ERROR; our own errors say it better.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

_MIN_WORDS = 40
_HTMLISH = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return bool(_HTMLISH.search(text[:4096]))


def _split_authors(author: str | None) -> tuple[str, ...]:
    if not author:
        return ()
    parts = re.split(r"\s*(?:;|,|\band\b|&)\s*", author)
    return tuple(p.strip() for p in parts if p.strip())


_CAPTION_XPATH = (
    "//figcaption | //*[contains(concat(' ', normalize-space(@class), ' '), ' caption ')]"
    " | //*[contains(@class, 'video-teaser') or contains(@class, 'video-promo')]"
)


def page_captions(html: str) -> tuple[Removed, ...]:
    """Figure captions and video teasers of the page, kept as credits.

    trafilatura leaves figures out of the main text; we keep their captions so the
    photo credits are not lost.
    """
    from lxml import html as lxml_html  # imported when a page is read, not at start-up

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return ()
    found: list[Removed] = []
    seen: set[str] = set()
    for node in tree.xpath(_CAPTION_XPATH):
        text = " ".join(node.text_content().split())
        if not text or text in seen or len(text) > 600:
            continue
        seen.add(text)
        classes = (node.get("class") or "").lower()
        kind = "video-teaser" if "video" in classes else "photo-caption"
        found.append(Removed(kind, text))
    return tuple(found)


def parse_html(html: str, source: str, url: str | None = None) -> RawArticle:
    """Extract the article of one page, or raise :class:`InputError` if it has none."""
    import trafilatura  # about 0.5 s to import: only when a page is read

    try:
        doc: Any = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_tables=False,
            favor_precision=True,
        )
    except Exception as exc:  # trafilatura raises a wide range on malformed pages
        raise InputError(source, f"could not parse the HTML ({exc.__class__.__name__})") from exc
    data: dict[str, Any] = doc.as_dict() if doc is not None else {}
    text = (data.get("text") or "").strip()
    if len(text.split()) < _MIN_WORDS:
        raise InputError(
            source,
            "no article found in this HTML page (an index, login or error page?); "
            "give the page of a single article",
        )
    page_url = data.get("url") or url
    return RawArticle(
        source=source,
        body=text,
        title=data.get("title") or None,
        published=_iso_date(data.get("date")),
        authors=_split_authors(data.get("author")),
        url=page_url if page_url and page_url.startswith("http") else url,
        site_name=data.get("sitename") or None,
        description=data.get("description") or None,
        removed=page_captions(html),
    )


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    match = re.match(r"\d{4}-\d{2}-\d{2}", value)
    return match.group(0) if match else None
