"""Assigning each new article to a story, incrementally, with the reasons why.

For a new article, an inverted index proposes the articles that share the most of its
rarer terms (never all pairs); each candidate gets a score, the cosine of the two
signatures (names and figures weighing more than topic words), and the article joins
the story of its best candidate when that score reaches the threshold and the two pass
the **same-event checks** that keep two events of one kind apart:

- when both articles name people, places or organisations, their names alone must be
  similar enough (two earthquakes in one week share "earthquake", "magnitude",
  "rescue" and perhaps a national agency, not the town, the mayor or the toll);
- when both are dated, they must be within ``window_days`` of each other.

Otherwise it opens a story of its own.  Story ids never change once given: a new
article never moves another.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from parallax.ids import make_id
from parallax.model import Article
from parallax.stories.features import Signature, cosine, raw_terms, signature


@dataclass(frozen=True, slots=True)
class StoryOptions:
    threshold: float = 0.20  # chosen on the development halves (generated seed 1, BASIL 1-25)
    window_days: int = 4  # dated articles further apart are different events
    candidates: int = 30  # articles scored exactly per new article
    max_postings: int = 500  # terms in more articles than this propose no candidates
    probe_terms: int = 20  # the heaviest terms of a new article look up candidates
    min_name_similarity: float = (
        0.20  # cosine of the names alone, when both name some (dev tie: stricter)
    )


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an article went, and why: its best match, the score, the shared evidence."""

    article: str
    story: str
    new_story: bool
    matched: str | None = None
    score: float = 0.0
    shared: tuple[str, ...] = ()
    reason: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "article": self.article,
            "story": self.story,
            "new_story": self.new_story,
            "matched": self.matched,
            "score": round(self.score, 4),
            "shared": list(self.shared),
            "reason": self.reason,
        }


def _days(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) if a and b else None
    except ValueError:
        return None


def same_event(a: Signature, b: Signature, opts: StoryOptions) -> tuple[bool, str]:
    """The checks that keep two events of one kind apart (see the module docstring)."""
    gap = _days(a.published, b.published)
    if gap is not None and gap > opts.window_days:
        return False, f"published {gap} days apart"
    if a.names and b.names:
        names = name_cosine(a, b)
        if names < opts.min_name_similarity:
            return False, f"too few names and places in common ({names:.2f})"
    return True, ""


def name_cosine(a: Signature, b: Signature) -> float:
    """The cosine of the two signatures restricted to names: the same people, places and
    organisations, not the same kind of event."""
    va = {t: v for t, v in a.terms.items() if t.startswith("n:")}
    vb = {t: v for t, v in b.terms.items() if t.startswith("n:")}
    dot = sum(v * vb.get(t, 0.0) for t, v in va.items())
    norm = math.sqrt(sum(v * v for v in va.values()) * sum(v * v for v in vb.values()))
    return dot / norm if norm else 0.0


def evidence(a: Signature, b: Signature, limit: int = 8) -> tuple[str, ...]:
    """The shared terms that weigh most in the score: names, figures, then topic words."""
    shared = [(a.terms[t] * b.terms[t], t) for t in a.terms.keys() & b.terms.keys()]
    return tuple(t for _, t in sorted(shared, reverse=True)[:limit])


@dataclass
class MemoryIndex:
    """The whole clustering state in memory (for ``parallax cluster`` and evaluation)."""

    options: StoryOptions = field(default_factory=StoryOptions)
    df: Counter[str] = field(default_factory=Counter)
    postings: dict[str, list[str]] = field(default_factory=dict)
    signatures: dict[str, Signature] = field(default_factory=dict)
    story_of: dict[str, str] = field(default_factory=dict)
    count: int = 0

    def idf(self, terms: Iterable[str]) -> dict[str, float]:
        n = self.count + 1
        return {t: math.log((n + 1) / (self.df.get(t, 0) + 1)) + 1.0 for t in terms}

    def add(self, article: Article) -> Assignment:
        counts = raw_terms(article)
        self.df.update(counts.keys())
        self.count += 1
        sig = signature(article, self.idf(counts))
        shared: Counter[str] = Counter()
        for term in list(sig.terms)[: self.options.probe_terms]:
            posting = self.postings.get(term)
            if posting and len(posting) <= self.options.max_postings:
                shared.update(posting)
        found = decide(
            article.id,
            sig,
            [
                (other, self.signatures[other], self.story_of[other])
                for other, _ in shared.most_common(self.options.candidates)
            ],
            self.options,
        )
        for term in sig.terms:
            self.postings.setdefault(term, []).append(article.id)
        self.signatures[article.id] = sig
        self.story_of[article.id] = found.story
        return found


def decide(
    article_id: str,
    sig: Signature,
    candidates: Sequence[tuple[str, Signature, str]],
    opts: StoryOptions,
) -> Assignment:
    """Join the best candidate's story if it scores and passes the same-event checks."""
    best: tuple[float, str, Signature, str] | None = None
    refused = ""
    for other, other_sig, story in candidates:
        score = cosine(sig, other_sig)
        if score < opts.threshold or (best is not None and score <= best[0]):
            continue
        ok, why = same_event(sig, other_sig, opts)
        if not ok:
            refused = refused or f"closest article {other} scored {score:.2f} but {why}"
            continue
        best = (score, other, other_sig, story)
    if best is None:
        story = make_id("story", article_id)
        return Assignment(article_id, story, True, reason=refused or "no similar article yet")
    score, other, other_sig, story = best
    shared = evidence(sig, other_sig)
    return Assignment(
        article_id, story, False, other, score, shared, f"most similar to {other} ({score:.2f})"
    )


def cluster(articles: Iterable[Article], options: StoryOptions | None = None) -> list[Assignment]:
    """Stories for a one-off corpus, articles taken in date order (undated last)."""
    index = MemoryIndex(options or StoryOptions())
    ordered = sorted(articles, key=lambda a: (a.published is None, a.published or ""))
    return [index.add(a) for a in ordered]
