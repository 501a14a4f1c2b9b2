"""Loaded terms in context.

A lexicon word is loaded only when its context says so:
- **part of speech**: "storm" and "pound" are loaded as verbs, not as nouns;
- **neutralising neighbours**: "tax regime", "claimed responsibility", "crushing
  defeat", "admitted to hospital" are plain uses;
- **names**: a word inside a named entity ("Storm Ciara") is not the outlet's choice;
- **quotation**: a word inside a direct quote is the speaker's, not the outlet's; it is
  reported with ``quoted: true`` and left out of the outlet's rate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from parallax.framing.lexicon import Entry, lexicon
from parallax.model import Article, Offsets
from parallax.sections import optional_str


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another wording for a loaded term: what another outlet wrote in the same passage
    (``source`` "same passage"), another outlet's label for the same actor, or the
    lexicon's neutral word (no article)."""

    text: str
    source: str
    article: str | None = None
    outlet: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "source": self.source}
        if self.article is not None:
            out["article"] = self.article
        if self.outlet is not None:
            out["outlet"] = self.outlet
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Alternative:
        return cls(
            text=str(data["text"]),
            source=str(data["source"]),
            article=optional_str(data.get("article")),
            outlet=optional_str(data.get("outlet")),
        )


@dataclass(frozen=True, slots=True)
class Loaded:
    """A loaded term.  ``neutral`` (the lexicon's neutral words) is read while finding
    alternatives; the ``loaded`` section holds terms without it, as its JSON form
    does (the neutral words are among the ``alternatives``)."""

    article: str
    start: int
    end: int
    text: str
    category: str
    quoted: bool
    neutral: tuple[str, ...]
    source: str
    alternatives: tuple[Alternative, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "category": self.category,
            "quoted": self.quoted,
            "alternatives": [a.to_dict() for a in self.alternatives],
            "lexicon_source": self.source,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Loaded:
        return cls(
            article=str(data["article"]),
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            category=str(data["category"]),
            quoted=bool(data.get("quoted", False)),
            neutral=(),
            source=str(data.get("lexicon_source") or ""),
            alternatives=tuple(Alternative.from_dict(a) for a in data.get("alternatives") or ()),
        )


def _words(doc: Any, i: int, n: int) -> tuple[str, ...]:
    return tuple(t.lower_ for t in doc[i : i + n])


def _neutralised(doc: Any, i: int, length: int, entry: Entry) -> bool:
    after = [t.lower_ for t in doc[i + length : i + length + 4] if not t.is_punct]
    before = [t.lower_ for t in doc[max(0, i - 3) : i] if not t.is_punct]
    for words in entry.unless:
        n = len(words)
        if tuple(after[:n]) == words or tuple(after[1 : 1 + n]) == words:
            return True
        if n == 1 and words[0] in before[-2:]:
            return True
    return False


def _candidates(index: dict[str, list[Entry]], tok: Any) -> list[Entry]:
    """Entries for a token, also trying the singular of a plural noun ("hooligans")."""
    found = index.get(tok.lower_, [])
    if not found and tok.tag_ in ("NNS", "NNPS") and tok.lower_.endswith("s"):
        singular = index.get(tok.lower_[:-1], [])
        return [e for e in singular if len(e.term) == 1]
    return found


def find_loaded(article: Article, doc: Any, quoted: list[Offsets]) -> list[Loaded]:
    """Loaded terms of one article, judged in context (see the module docstring)."""
    index = lexicon()
    out: list[Loaded] = []
    skip_until = -1
    for tok in doc:
        if tok.i < skip_until:
            continue
        for entry in _candidates(index, tok):
            n = len(entry.term)
            if _words(doc, tok.i, n) != entry.term and not (
                n == 1 and entry.term[0] == tok.lower_[:-1]
            ):
                continue
            if entry.pos and n == 1 and tok.pos_ != entry.pos:
                continue
            if tok.ent_type_ and tok.ent_iob_ != "O" and tok.pos_ == "PROPN":
                continue  # part of a name
            if _neutralised(doc, tok.i, n, entry):
                continue
            start = tok.idx
            end = doc[tok.i + n - 1].idx + len(doc[tok.i + n - 1].text)
            inside = any(a <= start and end <= b for a, b in quoted)
            out.append(
                Loaded(
                    article.id,
                    start,
                    end,
                    article.text[start:end],
                    entry.category,
                    inside,
                    entry.neutral,
                    entry.source,
                )
            )
            skip_until = tok.i + n
            break
    return out
