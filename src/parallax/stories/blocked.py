"""Story assignment in blocks: the decisions of one article at a time, found in parallel.

Assigning articles one by one (:mod:`parallax.store.stories`) looks sequential, but
only its last step is.  For the articles of a run, taken in their fixed order (date,
then identity):

1. **terms**: each article's term counts (:func:`~parallax.stories.features.raw_terms`),
   independent of every other article;
2. **signatures**: an article's weights need the number of earlier articles holding
   each term (its idf), a prefix sum: each block gets the counts at its start;
3. **best match**: the earlier article it is most similar to, among those published
   within ``window_days`` of it (or undated): the candidates are found through an
   index of the block and of the blocks just before it, scored and checked exactly as
   :func:`~parallax.stories.assign.decide` does.  The best match depends on the
   earlier articles' signatures, never on their stories;
4. **stories**: an article joins its best match's story or opens one: one cheap pass
   over the matches in order (:func:`resolve`).

Steps 1-3 run per block, on many workers; step 4 on the driver.  The candidates of an
article are the earlier articles sharing one of its :attr:`probe` terms, at most
``candidates`` of them, those sharing the most first and, among equals, the smallest
article id (then the smallest database key): the same rule as the database query of
the one-by-one path, so both give the same stories.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from parallax.ids import make_id
from parallax.stories.assign import Assignment, StoryOptions, decide
from parallax.stories.features import Signature, signature_of


@dataclass(frozen=True, slots=True)
class Terms:
    """An article to assign and its term counts (in the order they were found)."""

    pk: int
    article: str
    published: str | None
    counts: dict[str, int]


@dataclass(frozen=True, slots=True)
class Placed:
    """An article with its signature and the terms that look up its candidates."""

    pk: int
    article: str
    published: str | None
    signature: Signature
    probe: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Match:
    """An article's best earlier match (``matched`` None: nothing close enough)."""

    pk: int
    article: str
    published: str | None
    matched: str | None
    matched_pk: int | None
    score: float
    shared: tuple[str, ...]
    reason: str


def day(published: str | None) -> date | None:
    """The publication day, or None when undated or unreadable."""
    try:
        return date.fromisoformat(published) if published else None
    except ValueError:
        return None


def bounds(published: str | None, opts: StoryOptions) -> tuple[str, str] | None:
    """The publication dates (ISO, inclusive) an article's candidates may have; None:
    any (an undated article is compared with every earlier one)."""
    when = day(published)
    if when is None:
        return None
    gap = timedelta(days=opts.window_days)
    return (when - gap).isoformat(), (when + gap).isoformat()


def in_window(limits: tuple[str, str] | None, published: str | None) -> bool:
    """Whether an earlier article published on ``published`` may be a candidate (an
    undated one always may: the same-event checks then look at names only)."""
    return limits is None or published is None or limits[0] <= published <= limits[1]


def block_df(items: Iterable[Terms]) -> Counter[str]:
    """How many articles of a block hold each term."""
    df: Counter[str] = Counter()
    for item in items:
        df.update(item.counts.keys())
    return df


def place(
    items: Sequence[Terms], df_start: Mapping[str, int], count_start: int, opts: StoryOptions
) -> list[Placed]:
    """Signatures of a block's articles, in order, from the document frequencies and the
    count of articles assigned before the block's first article."""
    df = dict(df_start)
    count = count_start
    out: list[Placed] = []
    for item in items:
        total = count + 1
        idf = {t: math.log((total + 1) / (df.get(t, 0) + 1)) + 1.0 for t in item.counts}
        sig = signature_of(item.counts, item.published, idf)
        probe = tuple(
            t for t in list(sig.terms)[: opts.probe_terms] if 0 < df.get(t, 0) <= opts.max_postings
        )
        out.append(Placed(item.pk, item.article, item.published, sig, probe))
        for term in item.counts:
            df[term] = df.get(term, 0) + 1
        count = total
    return out


@dataclass(frozen=True, slots=True)
class Earlier:
    """An article assigned before (in the database or an earlier block)."""

    pk: int
    article: str
    published: str | None
    signature: Signature


def match_block(
    block: Sequence[Placed], earlier: Iterable[Earlier], opts: StoryOptions
) -> list[Match]:
    """The best earlier match of each article of a block, in order.  ``earlier`` holds
    at least every article before the block that is within the window of one of its
    articles (more does no harm: they are filtered here)."""
    pool: list[Earlier] = []
    postings: dict[str, list[int]] = {}
    seen: set[int] = set()

    def add(entry: Earlier) -> None:
        if entry.pk in seen:
            return
        seen.add(entry.pk)
        for term in entry.signature.terms:
            postings.setdefault(term, []).append(len(pool))
        pool.append(entry)

    for entry in earlier:
        add(entry)
    out: list[Match] = []
    for item in block:
        limits = bounds(item.published, opts)
        shared: Counter[int] = Counter()
        for term in item.probe:
            shared.update(postings.get(term, ()))
        ranked = heapq.nsmallest(
            opts.candidates,
            (
                (-n, pool[k].article, pool[k].pk, k)
                for k, n in shared.items()
                if in_window(limits, pool[k].published)
            ),
        )
        chosen = [pool[k] for *_, k in ranked]
        found = decide(
            item.article,
            item.signature,
            [(c.article, c.signature, c.article) for c in chosen],
            opts,
        )
        matched_pk = next((c.pk for c in chosen if c.article == found.matched), None)
        out.append(
            Match(
                item.pk,
                item.article,
                item.published,
                found.matched,
                matched_pk,
                found.score,
                found.shared,
                found.reason,
            )
        )
        add(Earlier(item.pk, item.article, item.published, item.signature))
    return out


def resolve(
    matches: Sequence[Match],
    story_of: dict[str, str],
    earlier_version: Mapping[str, tuple[str, int]],
) -> list[Assignment]:
    """Stories for a block's matches, in order: the best match's story (``story_of``
    maps article ids to stories, and is extended with the block's articles), a new one
    when there is no match, and the story of an earlier version of the same article
    (``earlier_version``: article id -> (story, its key)) before anything else."""
    out: list[Assignment] = []
    for m in matches:
        if m.article in earlier_version:
            story = earlier_version[m.article][0]
            found = Assignment(
                m.article, story, False, m.article, 1.0, (), "a new version of this article"
            )
        elif m.matched is None:
            found = Assignment(m.article, make_id("story", m.article), True, reason=m.reason)
        else:
            found = Assignment(
                m.article, story_of[m.matched], False, m.matched, m.score, m.shared, m.reason
            )
        story_of[m.article] = found.story
        out.append(found)
    return out
