"""Assigning many stored articles to stories in blocks, here or on many workers.

The driver (:func:`assign_blocks`) cuts the pending dated articles, in their fixed
order, into blocks and hands the work of :mod:`parallax.stories.blocked` to a
:class:`Runner`: :class:`Here` runs each step in this process, one after the other;
``parallax.scale.assign`` runs them on a Dask cluster, where the blocks' term counts
and signatures stay on the workers and only document frequencies, matches and story
ids come back.  The steps are the same functions either way, so the stories are too.

Each block is written in one transaction (its stories, the document frequencies, the
members and the inverted index), in order: a run stopped halfway leaves the database
as if the articles before the stop had been assigned one by one, and the next run
assigns the rest.  A block whose articles another process assigned meanwhile is not
written, and the run stops there (the next run takes up what is left).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from parallax.store.repository import Store, now
from parallax.store.tables import articles, stories, story_members, story_terms, term_df
from parallax.stories.assign import Assignment, StoryOptions
from parallax.stories.blocked import (
    Earlier,
    Match,
    Placed,
    Terms,
    block_df,
    bounds,
    match_block,
    place,
    resolve,
)
from parallax.stories.features import Signature, text_terms

BLOCK = 2000  # articles per block: large enough to amortise a task, small enough to retry
CHUNK = 500  # values per IN (...) list


class Runner(Protocol):
    """Where the steps run: ``submit(fn, *args)`` runs ``fn(store, *args)`` (arguments
    may be earlier handles) and gives a handle; ``result`` waits for one."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any: ...

    def result(self, handle: Any) -> Any: ...


class Here:
    """Every step in this process, at once."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return fn(self.store, *args)

    def result(self, handle: Any) -> Any:
        return handle


def _chunks(values: Sequence[Any]) -> list[Sequence[Any]]:
    return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)]


# -- the steps (each takes the store first) --------------------------------------------


def terms_step(store: Store, pks: Sequence[int]) -> list[Terms]:
    """Term counts of these stored articles, in the order given."""
    rows: dict[int, Any] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(pks):
            query = select(
                articles.c.pk,
                articles.c.article_id,
                articles.c.published,
                articles.c.title,
                articles.c.text,
            ).where(articles.c.pk.in_(list(chunk)))
            rows.update((r.pk, r) for r in conn.execute(query))
    return [
        Terms(
            pk,
            rows[pk].article_id,
            rows[pk].published,
            dict(text_terms(rows[pk].title, rows[pk].text)),
        )
        for pk in pks
    ]


def df_step(store: Store, items: Sequence[Terms]) -> Counter[str]:
    return block_df(items)


def place_step(
    store: Store,
    items: Sequence[Terms],
    df_start: dict[str, int],
    count_start: int,
    opts: StoryOptions,
) -> list[Placed]:
    return place(items, df_start, count_start, opts)


def earlier_in_store(store: Store, limits: tuple[str, str]) -> list[Earlier]:
    """Assigned articles published within ``limits`` (inclusive), or undated."""
    query = (
        select(
            story_members.c.article_pk,
            story_members.c.article_id,
            story_members.c.signature,
            articles.c.published,
        )
        .join(articles, articles.c.pk == story_members.c.article_pk)
        .where(
            or_(
                articles.c.published.is_(None),
                articles.c.published.between(limits[0], limits[1]),
            )
        )
    )
    with store.engine.connect() as conn:
        return [
            Earlier(
                r.article_pk, r.article_id, r.published, Signature(dict(r.signature), r.published)
            )
            for r in conn.execute(query)
        ]


def match_step(
    store: Store,
    block: Sequence[Placed],
    before: Sequence[Sequence[Placed]],
    limits: tuple[str, str],
    opts: StoryOptions,
) -> list[Match]:
    """Best matches of a block against the assigned articles in its window and the
    blocks just before it (``before``)."""
    earlier = earlier_in_store(store, limits)
    earlier += [Earlier(p.pk, p.article, p.published, p.signature) for part in before for p in part]
    return match_block(block, earlier, opts)


def write_step(
    store: Store,
    block: Sequence[Placed],
    df: Counter[str],
    found: Sequence[Assignment],
    matched_pks: Sequence[int | None],
) -> bool:
    """Write a block in one transaction; False (and nothing written) when one of its
    articles is assigned already (a retried task, or another process)."""
    try:
        return _write(store, block, df, found, matched_pks)
    except IntegrityError:
        return False  # another process wrote one of these first (its transaction won)


def _write(
    store: Store,
    block: Sequence[Placed],
    df: Counter[str],
    found: Sequence[Assignment],
    matched_pks: Sequence[int | None],
) -> bool:
    pks = [p.pk for p in block]
    with store.engine.begin() as conn:
        for chunk in _chunks(pks):
            taken = conn.execute(
                select(story_members.c.article_pk)
                .where(story_members.c.article_pk.in_(list(chunk)))
                .limit(1)
            ).first()
            if taken is not None:
                return False
        _write_stories(conn, block, found)
        _add_df(conn, df)
        stamp = now()
        conn.execute(
            story_members.insert(),
            [
                {
                    "article_pk": p.pk,
                    "article_id": p.article,
                    "story_id": a.story,
                    "score": a.score,
                    "matched_pk": mpk,
                    "shared": list(a.shared),
                    "reason": a.reason,
                    "signature": p.signature.terms,
                    "assigned_at": stamp,
                }
                for p, a, mpk in zip(block, found, matched_pks, strict=True)
            ],
        )
        terms = [{"term": t, "article_pk": p.pk} for p in block for t in p.signature.terms]
        if terms:
            conn.execute(story_terms.insert(), terms)
    return True


def _write_stories(conn: Connection, block: Sequence[Placed], found: Sequence[Assignment]) -> None:
    """New stories, and the first and last dates of the stories the block joins."""
    spans: dict[str, list[str]] = {}
    new: dict[str, str | None] = {}
    for p, a in zip(block, found, strict=True):
        if a.new_story:
            new[a.story] = p.published
        if p.published:
            spans.setdefault(a.story, []).append(p.published)
    stamp = now()
    if new:
        conn.execute(
            stories.insert(),
            [
                {"id": s, "first_seen": d, "last_seen": d, "created_at": stamp, "updated_at": stamp}
                for s, d in new.items()
            ],
        )
    for chunk in _chunks(sorted(spans)):
        rows = conn.execute(
            select(stories.c.id, stories.c.first_seen, stories.c.last_seen).where(
                stories.c.id.in_(list(chunk))
            )
        ).all()
        for row in rows:
            dates = [d for d in (row.first_seen, row.last_seen, *spans[row.id]) if d]
            if (min(dates), max(dates)) != (row.first_seen, row.last_seen) or row.id not in new:
                conn.execute(
                    update(stories)
                    .where(stories.c.id == row.id)
                    .values(first_seen=min(dates), last_seen=max(dates), updated_at=stamp)
                )


def _add_df(conn: Connection, df: Counter[str]) -> None:
    if not df:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(term_df).values(term=bindparam("t"), df=bindparam("n"))
    statement = statement.on_conflict_do_update(
        index_elements=[term_df.c.term], set_={"df": term_df.c.df + statement.excluded.df}
    )
    conn.execute(statement, [{"t": t, "n": n} for t, n in sorted(df.items())])


# -- the driver --------------------------------------------------------------------------


def _stored_df(store: Store, terms: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(terms):
            query = select(term_df.c.term, term_df.c.df).where(term_df.c.term.in_(list(chunk)))
            out.update((t, int(n)) for t, n in conn.execute(query))
    return out


def _stories_of(store: Store, ids: Sequence[str]) -> dict[str, tuple[str, int]]:
    """Article id -> (its story, the smallest key of its assigned versions)."""
    out: dict[str, tuple[str, int]] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(sorted(set(ids))):
            query = (
                select(
                    story_members.c.article_id, story_members.c.story_id, story_members.c.article_pk
                )
                .where(story_members.c.article_id.in_(list(chunk)))
                .order_by(story_members.c.article_pk)
            )
            for r in conn.execute(query):
                out.setdefault(r.article_id, (r.story_id, int(r.article_pk)))
    return out


def assign_blocks(
    store: Store,
    runner: Runner,
    pending: Sequence[tuple[int, str, str]],
    opts: StoryOptions,
    *,
    block: int = BLOCK,
    ahead: int = 0,
    on_item: Callable[[Assignment], None] | None = None,
    spent: dict[str, float] | None = None,
) -> list[Assignment]:
    """Assign ``pending`` dated articles ``(pk, article id, published)``, in this order,
    in blocks of ``block`` articles; the steps run on ``runner``, with the term counts
    of up to ``ahead`` blocks made in advance (and as many blocks waiting to be
    written).  Memory stays that of a few blocks: a block's terms are dropped once it
    is placed, its signatures once it is written and no later block's window reaches
    back to it.  ``spent`` receives the seconds of the driver's loop: ``wait`` for a
    block's matches, ``resolve`` its stories, ``write`` it (one transaction after the
    other: the sequential part)."""
    spent = spent if spent is not None else {}
    parts = [list(pending[i : i + block]) for i in range(0, len(pending), block)]
    with store.engine.connect() as conn:
        count = int(conn.execute(select(func.count()).select_from(story_members)).scalar_one())
    terms: dict[int, tuple[Any, Any]] = {}  # block -> (its terms, their frequencies)

    def make_terms(k: int) -> None:
        if k < len(parts) and k not in terms:
            handle = runner.submit(terms_step, [pk for pk, _, _ in parts[k]])
            terms[k] = (handle, runner.submit(df_step, handle))

    total: dict[str, int] = {}  # document frequencies before the block being placed
    live: dict[int, Any] = {}  # placed blocks a later block's window may reach back to
    queue: list[tuple[Any, Any, Any]] = []  # (placed, frequencies, matches) to write
    story_of: dict[str, str] = {}
    done: list[Assignment] = []
    for k, part in enumerate(parts):
        for j in range(k, k + ahead + 1):
            make_terms(j)
        handle, df_handle = terms.pop(k)
        df: Counter[str] = runner.result(df_handle)
        # terms no earlier block of this run holds: no write of this run has changed
        # their stored counts yet, so the database's are the counts before this run
        unseen = [t for t in df if t not in total]
        total.update(dict.fromkeys(unseen, 0))
        total.update(_stored_df(store, unseen))
        place_handle = runner.submit(place_step, handle, {t: total[t] for t in df}, count, opts)
        for term, n in df.items():
            total[term] += n
        count += len(part)
        first, last = bounds(part[0][2], opts), bounds(part[-1][2], opts)
        assert first is not None and last is not None  # dated articles only
        for j in [j for j in live if parts[j][-1][2] < first[0]]:
            del live[j]  # out of reach of this block's window, and of every later one
        match_handle = runner.submit(
            match_step, place_handle, list(live.values()), (first[0], last[1]), opts
        )
        live[k] = place_handle
        queue.append((place_handle, df_handle, match_handle))
        if len(queue) > ahead and not _finish(
            store, runner, queue.pop(0), story_of, done, spent, on_item
        ):
            return done
    while queue:
        if not _finish(store, runner, queue.pop(0), story_of, done, spent, on_item):
            break
    return done


def _finish(
    store: Store,
    runner: Runner,
    handles: tuple[Any, Any, Any],
    story_of: dict[str, str],
    done: list[Assignment],
    spent: dict[str, float],
    on_item: Callable[[Assignment], None] | None,
) -> bool:
    """Resolve a block's stories and write it; False when another process wrote first
    (the next run takes up the rest)."""
    place_handle, df_handle, match_handle = handles
    waited = time.perf_counter()
    matches: list[Match] = runner.result(match_handle)
    started = time.perf_counter()
    spent["wait"] = spent.get("wait", 0.0) + started - waited
    outside = [m.matched for m in matches if m.matched and m.matched not in story_of]
    story_of.update((a, s) for a, (s, _) in _stories_of(store, outside).items())
    versions = _stories_of(store, [m.article for m in matches])
    found = resolve(matches, story_of, versions)
    matched_pks = [
        versions[m.article][1] if m.article in versions else m.matched_pk for m in matches
    ]
    written = time.perf_counter()
    spent["resolve"] = spent.get("resolve", 0.0) + written - started
    ok = runner.result(runner.submit(write_step, place_handle, df_handle, found, matched_pks))
    spent["write"] = spent.get("write", 0.0) + time.perf_counter() - written
    if ok:
        done += found
        if on_item:
            for item in found:
                on_item(item)
    return bool(ok)
