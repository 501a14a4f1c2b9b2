"""The core data: articles, the warnings raised while reading them, and the analysis.

Everything is a frozen dataclass with ``to_dict``/``from_dict``.  Findings never copy
text around without its place: a span is ``(start, end)`` character offsets into
``Article.text``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from parallax.ids import make_id
from parallax.textnorm import fold
from parallax.urls import canonical_url

Offsets = tuple[int, int]


def article_id(outlet: str, url: str | None, source: str) -> str:
    """An article's identity: its outlet and canonical URL, or its outlet and input when
    it has no URL (tracking tags and ``www.`` do not make another article)."""
    return make_id("article", outlet, canonical_url(url) or source)


def content_hash(text: str) -> str:
    """What an article says: its text with typography and whitespace normalised."""
    return make_id(fold(text))


def _pairs(value: Any) -> tuple[Offsets, ...]:
    return tuple((int(a), int(b)) for a, b in value or ())


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of boilerplate taken out of the body, kept so nothing is lost silently.

    ``kind`` is one of ``photo-caption``, ``caption``, ``video-teaser``,
    ``contributors``, ``author-box``, ``byline``, ``date-marker``, ``share-links``.
    """

    kind: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Removed:
        return cls(kind=str(data["kind"]), text=str(data["text"]))


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why Parallax believes something about an article (its outlet, its wire source).

    ``method`` names the rule (``explicit``, ``url``, ``html-meta``, ``feed``,
    ``self-reference``, ``author-box``, ``wire-credit``, ``file-name``); ``text`` is
    the words that said it, quoted from the input.
    """

    method: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"method": self.method, "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evidence:
        return cls(method=str(data["method"]), text=str(data["text"]))


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned, segmented article.

    ``text`` is the body after cleaning: paragraphs separated by a blank line, the
    article's own typography kept (see :mod:`parallax.textnorm` to match across it).
    ``paragraphs`` and ``sentences`` are offsets into ``text``.

    ``id`` is the article's identity: where it came from (its outlet and URL, or the
    input it was read from; see :func:`article_id`).  ``content_hash`` is what it says
    (:func:`content_hash` of the text): two outlets running the same wire copy word for
    word are two articles with one ``content_hash``.
    """

    id: str
    outlet: str
    title: str | None
    published: str | None
    source: str
    text: str
    paragraphs: tuple[Offsets, ...]
    sentences: tuple[Offsets, ...]
    authors: tuple[str, ...] = ()
    url: str | None = None
    language: str = "en"
    credits: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()
    wire: tuple[str, ...] = ()
    outlet_evidence: Evidence | None = None
    wire_evidence: tuple[Evidence, ...] = ()
    dateline: Offsets | None = None
    description: str | None = None
    content_hash: str = ""

    def __post_init__(self) -> None:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", content_hash(self.text))

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

    def sentence_texts(self) -> Iterator[str]:
        for start, end in self.sentences:
            yield self.text[start:end]

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "content_hash": self.content_hash,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
            "source": self.source,
            "url": self.url,
            "authors": list(self.authors),
            "language": self.language,
            "description": self.description,
            "text": self.text,
            "paragraphs": [list(p) for p in self.paragraphs],
            "sentences": [list(s) for s in self.sentences],
            "dateline": list(self.dateline) if self.dateline else None,
            "credits": list(self.credits),
            "removed": [r.to_dict() for r in self.removed],
            "wire": list(self.wire),
            "outlet_evidence": self.outlet_evidence.to_dict() if self.outlet_evidence else None,
            "wire_evidence": [e.to_dict() for e in self.wire_evidence],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        evidence = data.get("outlet_evidence")
        dateline = data.get("dateline")
        return cls(
            id=str(data["id"]),
            content_hash=str(data.get("content_hash") or ""),
            outlet=str(data["outlet"]),
            title=data.get("title"),
            published=data.get("published"),
            source=str(data["source"]),
            url=data.get("url"),
            authors=tuple(data.get("authors") or ()),
            language=str(data.get("language") or "en"),
            description=data.get("description"),
            text=str(data["text"]),
            paragraphs=_pairs(data.get("paragraphs")),
            sentences=_pairs(data.get("sentences")),
            dateline=(int(dateline[0]), int(dateline[1])) if dateline else None,
            credits=tuple(data.get("credits") or ()),
            removed=tuple(Removed.from_dict(r) for r in data.get("removed") or ()),
            wire=tuple(data.get("wire") or ()),
            outlet_evidence=Evidence.from_dict(evidence) if evidence else None,
            wire_evidence=tuple(Evidence.from_dict(e) for e in data.get("wire_evidence") or ()),
        )


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning: something the user should know, that did not stop the work.

    ``code`` is stable and machine-readable (``duplicate-article``, ``skipped-input``,
    ``not-english``, ``different-events``, ...); ``message`` is for people.
    """

    code: str
    message: str
    source: str | None = None
    article: str | None = None
    stage: str | None = None

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "source": self.source,
            "article": self.article,
            "stage": self.stage,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Notice:
        return cls(
            code=str(data["code"]),
            message=str(data["message"]),
            source=data.get("source"),
            article=data.get("article"),
            stage=data.get("stage"),
        )


STAGE_PROBLEMS = ("stage-failed", "stage-skipped")


def to_jsonable(value: Any) -> Any:
    """Turn stage output (dataclasses with ``to_dict``, tuples, mappings) into JSON data."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class StageRecord:
    """How a stage's sections were made: the digest of its options and the version."""

    options: str
    version: str

    def to_dict(self) -> dict[str, Any]:
        return {"options": self.options, "version": self.version}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StageRecord:
        return cls(options=str(data["options"]), version=str(data["version"]))


@dataclass(frozen=True, slots=True)
class Provenance:
    """The settings an analysis was made with (``Options.to_dict()``) and, per stage
    that ran, a :class:`StageRecord`: a stored analysis says how it was made."""

    options: Mapping[str, Any] = field(default_factory=dict)
    stages: Mapping[str, StageRecord] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "options": {k: dict(v) for k, v in self.options.items()},
            "stages": {k: v.to_dict() for k, v in self.stages.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Provenance:
        return cls(
            options={str(k): dict(v) for k, v in (data.get("options") or {}).items()},
            stages={
                str(k): StageRecord.from_dict(v) for k, v in (data.get("stages") or {}).items()
            },
        )


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of comparing articles: the articles, warnings, and one section per stage.

    ``sections`` maps a JSON key (``facts``, ``reuse``, ...) to that stage's findings.
    ``timings`` holds seconds per stage.
    """

    articles: tuple[Article, ...]
    warnings: tuple[Notice, ...] = ()
    sections: Mapping[str, Any] = field(default_factory=dict)
    timings: Mapping[str, float] = field(default_factory=dict)
    provenance: Provenance = field(default_factory=Provenance)

    @property
    def failed_stages(self) -> tuple[str, ...]:
        """Stages that failed or were skipped: their sections are missing."""
        return tuple(
            w.stage for w in self.warnings if w.code in STAGE_PROBLEMS and w.stage is not None
        )

    def article(self, article_id: str) -> Article:
        for art in self.articles:
            if art.id == article_id:
                return art
        raise KeyError(article_id)

    def to_dict(self) -> dict[str, Any]:
        from parallax.version import __version__

        data: dict[str, Any] = {
            "parallax": __version__,
            "articles": [a.to_dict() for a in self.articles],
            "warnings": [w.to_dict() for w in self.warnings],
        }
        for key, value in self.sections.items():
            data[key] = to_jsonable(value)
        data["timings"] = dict(self.timings)
        data["provenance"] = self.provenance.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Analysis:
        from parallax.sections import load_section

        core = {"parallax", "articles", "warnings", "timings", "provenance"}
        return cls(
            articles=tuple(Article.from_dict(a) for a in data.get("articles") or ()),
            warnings=tuple(Notice.from_dict(w) for w in data.get("warnings") or ()),
            sections={k: load_section(k, v) for k, v in data.items() if k not in core},
            timings={str(k): float(v) for k, v in (data.get("timings") or {}).items()},
            provenance=Provenance.from_dict(data.get("provenance") or {}),
        )
