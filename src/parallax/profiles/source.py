"""Where the profiles read from: the stories in the store (one query) and the digests
cached beside each story's analysis (one query), made only for stories whose digest is
missing or stale.

A digest is stale when its story's analysis key changed (the story gained an article,
or the options or Parallax's version changed) or when :data:`DIGEST_VERSION` did.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from parallax.errors import ParallaxError
from parallax.model import Analysis
from parallax.profiles.digest import DIGEST_VERSION, StoryDigest, digest
from parallax.store.repository import Store, now
from parallax.store.tables import analyses, articles, outlets, stories, story_digests, story_members

BATCH = 200  # analyses read, and digests written, per transaction
# sections no digest reads: see _read
UNREAD = frozenset({"brief", "other_figures", "reuse_summary", "omissions", "near_misses"})


@dataclass(frozen=True, slots=True)
class Member:
    pk: int
    article: str
    outlet: str
    published: str | None
    title: str | None


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story's latest article versions, for coverage and for its analysis key."""

    story: str
    first_seen: str | None
    last_seen: str | None
    members: tuple[Member, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.outlet for m in self.members))

    @property
    def title(self) -> str | None:
        return next((m.title for m in self.members if m.title), None)


def story_rows(store: Store, since: str | None = None, story: str | None = None) -> list[StoryRow]:
    """Every story (or only ``story``) with its latest article versions, in one query,
    oldest first."""
    query = (
        select(
            story_members.c.story_id,
            stories.c.first_seen,
            stories.c.last_seen,
            articles.c.pk,
            articles.c.article_id,
            outlets.c.name,
            articles.c.published,
            articles.c.title,
        )
        .join(articles, articles.c.pk == story_members.c.article_pk)
        .join(outlets, outlets.c.id == articles.c.outlet_id)
        .join(stories, stories.c.id == story_members.c.story_id)
        .where(articles.c.latest)
        .order_by(
            stories.c.first_seen.is_(None),
            stories.c.first_seen,
            story_members.c.story_id,
            articles.c.published.is_(None),
            articles.c.published,
            articles.c.pk,
        )
    )
    if since:
        query = query.where(stories.c.last_seen >= since)
    if story:
        query = query.where(story_members.c.story_id == story)
    grouped: dict[str, list[Member]] = {}
    seen: dict[str, tuple[str | None, str | None]] = {}
    with store.engine.connect() as conn:
        for row in conn.execute(query):
            grouped.setdefault(row.story_id, []).append(
                Member(row.pk, row.article_id, row.name, row.published, row.title)
            )
            seen[row.story_id] = (row.first_seen, row.last_seen)
    return [StoryRow(s, *seen[s], tuple(m)) for s, m in grouped.items()]


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while an analysis is read and digested: those
    make many small acyclic objects (freed by reference counting anyway), and the
    collector's passes over everything already in memory cost more than the reading
    (measured: about a third of a cold profile build)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _read(data: Mapping[str, Any]) -> Analysis:
    """A cached analysis without the sections no digest reads (the brief and the
    summaries derived from other sections)."""
    return Analysis.from_dict({k: v for k, v in data.items() if k not in UNREAD})


def _cached_analyses(store: Store, keys: Sequence[str]) -> dict[str, Any]:
    """The JSON of the cached analyses with these keys (one query)."""
    query = select(analyses.c.key, analyses.c.data).where(analyses.c.key.in_(list(keys)))
    with store.engine.connect() as conn:
        return {row.key: row.data for row in conn.execute(query)}


def cached_digests(store: Store, keys: dict[str, str]) -> dict[str, StoryDigest]:
    """The cached digests whose analysis key and version are current."""
    query = select(
        story_digests.c.story_id,
        story_digests.c.analysis_key,
        story_digests.c.digest_version,
        story_digests.c.data,
    )
    out: dict[str, StoryDigest] = {}
    with store.engine.connect() as conn:
        for row in conn.execute(query):
            if keys.get(row.story_id) == row.analysis_key and row.digest_version == DIGEST_VERSION:
                out[row.story_id] = StoryDigest.from_dict(row.data)
    return out


def save_digests(store: Store, made: Sequence[tuple[str, str, StoryDigest]]) -> None:
    """Store digests (story, analysis key, digest), replacing older ones, in one
    transaction."""
    if not made:
        return
    with store.engine.begin() as conn:
        conn.execute(
            story_digests.delete().where(story_digests.c.story_id.in_([m[0] for m in made]))
        )
        conn.execute(
            story_digests.insert(),
            [
                {
                    "story_id": story,
                    "analysis_key": key,
                    "digest_version": DIGEST_VERSION,
                    "created_at": now(),
                    "data": found.to_dict(),
                }
                for story, key, found in made
            ],
        )


def save_story_digest(store: Store, story: str, options_digest: str, analysis: Analysis) -> bool:
    """Digest a story's analysis as it is cached (so the profiles need not read it back
    later); False when the story has fewer than two outlets or other article versions
    than were analysed."""
    rows = story_rows(store, story=story)
    if not rows or len(rows[0].outlets) < 2:
        return False
    row = rows[0]
    if {m.article for m in row.members} != {a.id for a in analysis.articles}:
        return False
    key = store.analysis_key([m.pk for m in row.members], options_digest)
    with _no_cycle_collection():
        made = digest(row.story, row.title, analysis)
    save_digests(store, [(row.story, key, made)])
    return True


@dataclass(frozen=True, slots=True)
class Collected:
    digests: tuple[StoryDigest, ...]
    rows: tuple[StoryRow, ...]
    made: int  # digests made in this call (the rest came from the cache)
    missing: tuple[str, ...]  # stories of two or more outlets with no analysis yet


def collect(
    store: Store,
    options_digest: str,
    analyse: Callable[[str], Analysis] | None = None,
    since: str | None = None,
    on_story: Callable[[str], None] | None = None,
) -> Collected:
    """The digests of every story told by two or more outlets.

    A story without a current digest is digested from its cached analysis; a story
    without a cached analysis is analysed with ``analyse`` (or, without it, left out
    and listed in ``missing``)."""
    rows = [r for r in story_rows(store, since) if len(r.outlets) >= 2]
    keys = {r.story: store.analysis_key([m.pk for m in r.members], options_digest) for r in rows}
    found = cached_digests(store, keys)
    made: list[tuple[str, str, StoryDigest]] = []
    count = 0
    missing: list[str] = []
    todo = [r for r in rows if r.story not in found]
    for start in range(0, len(todo), BATCH):
        chunk = todo[start : start + BATCH]
        with _no_cycle_collection():
            cached = _cached_analyses(store, [keys[r.story] for r in chunk])
        for row in chunk:
            data = cached.get(keys[row.story])
            with _no_cycle_collection():
                analysis = _read(data) if data is not None else None
            if analysis is None and analyse is not None:
                if on_story:
                    on_story(row.story)
                try:
                    analysis = analyse(row.story)
                except ParallaxError:
                    analysis = None  # listed in ``missing``; one story never stops the rest
            if analysis is None:
                missing.append(row.story)
                continue
            with _no_cycle_collection():
                found[row.story] = digest(row.story, row.title, analysis)
            made.append((row.story, keys[row.story], found[row.story]))
            count += 1
        save_digests(store, made)
        made = []
    return Collected(
        tuple(found[r.story] for r in rows if r.story in found), tuple(rows), count, tuple(missing)
    )
