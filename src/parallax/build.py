"""Assemble an :class:`~parallax.model.Article` from what a loader found.

Loaders only read their format and fill a :class:`RawArticle`; everything else
(cleaning, segmentation, language, outlet and wire inference, the id) happens here,
once, the same way for every source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parallax.clean import clean_paragraphs
from parallax.errors import InputError
from parallax.language import detect_language
from parallax.model import Article, Evidence, Notice, Removed, article_id
from parallax.outlets import infer_outlet
from parallax.segment import find_dateline, paragraph_spans, split_sentences
from parallax.textnorm import clean_text


@dataclass(frozen=True, slots=True)
class RawArticle:
    """What a loader read, before cleaning.  ``body`` has one paragraph per line."""

    source: str
    body: str
    title: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    site_name: str | None = None
    description: str | None = None
    outlet: str | None = None  # named by the user, or by a data file's column
    removed: tuple[Removed, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Built:
    article: Article
    notices: tuple[Notice, ...]


def _unique(items: list[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return tuple(seen)


def build_article(raw: RawArticle) -> Built:
    """Clean, segment and identify ``raw``; raise :class:`InputError` if no text is left."""
    body = clean_text(raw.body)
    paragraphs = [line for line in body.split("\n") if line.strip()]
    cleaned = clean_paragraphs(paragraphs)
    if not cleaned.paragraphs:
        raise InputError(raw.source, "no article text found (only captions, credits or links)")
    text = "\n\n".join(cleaned.paragraphs)
    pars = paragraph_spans(text)
    sentences = split_sentences(text, pars)
    first_start, first_end = pars[0]
    dateline_len = find_dateline(text[first_start:first_end])
    dateline = (first_start, first_start + dateline_len) if dateline_len else None

    wire_names = _unique([e.method.split(":", 1)[1] for e in cleaned.wire_evidence])
    boxes = [r.text for r in cleaned.removed if r.kind == "author-box"]
    outlet, evidence = infer_outlet(
        explicit=raw.outlet,
        site_name=raw.site_name,
        url=raw.url,
        author_boxes=boxes,
        text=text,
        wire=list(wire_names),
        wire_text=cleaned.wire_evidence[0].text if cleaned.wire_evidence else None,
        source=raw.source,
    )
    language = detect_language(text)
    article = Article(
        id=article_id(outlet, raw.url, raw.source),
        outlet=outlet,
        title=clean_text(raw.title).replace("\n", " ") if raw.title else None,
        published=raw.published,
        source=raw.source,
        url=raw.url,
        authors=_unique(list(raw.authors) + list(cleaned.authors)),
        language=language,
        description=raw.description,
        text=text,
        paragraphs=pars,
        sentences=sentences,
        dateline=dateline,
        credits=_unique(
            [*(r.text for r in raw.removed if r.kind != "date-marker"), *cleaned.credits]
        ),
        removed=(*raw.removed, *cleaned.removed),
        wire=wire_names,
        outlet_evidence=evidence,
        wire_evidence=tuple(
            Evidence(e.method.split(":", 1)[0], e.text) for e in cleaned.wire_evidence
        ),
    )
    notices: list[Notice] = []
    if language not in ("en", "und"):
        notices.append(
            Notice(
                "not-english",
                f"the article looks like language '{language}'; it is compared, but the "
                "word-choice, quote and number stages only analyse English",
                source=raw.source,
                article=article.id,
            )
        )
    return Built(article, tuple(notices))


def plain_article(text: str, name: str) -> Article:
    """An article made from ``text`` as it is (no cleaning): offsets into ``text`` stay
    valid.  For evaluations and benchmarks whose truth is tied to the raw text."""
    pars = paragraph_spans(text)
    return Article(
        id=name,
        outlet=name,
        title=None,
        published=None,
        source=name,
        text=text,
        paragraphs=pars,
        sentences=split_sentences(text, pars),
    )
