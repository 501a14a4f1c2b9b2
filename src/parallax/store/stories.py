"""Stories in the corpus: every stored article assigned to one, incrementally.

The same decision as :mod:`parallax.stories.assign`, with its state in the database:
``term_df`` (document frequencies for idf), ``story_terms`` (the inverted index that
proposes candidates) and ``story_members`` (each article's story, score, best match,
the shared evidence and its signature).  Each article is assigned in its own short
transaction; an article already assigned is never moved; a new version of an article
joins its story.  :meth:`StoryIndex.assign_pending` assigns whatever is not assigned
yet, so an ingest that was killed halfway is caught up by the next command.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from parallax.model import Article
from parallax.store.repository import Store, StoredArticle, _article_query, _stored, now
from parallax.store.story_blocks import BLOCK, Here, Runner, assign_blocks
from parallax.store.tables import articles, stories, story_members, story_terms, term_df
from parallax.stories.assign import Assignment, StoryOptions, decide
from parallax.stories.blocked import bounds, day
from parallax.stories.features import Signature, raw_terms, signature_of
from parallax.stories.summary import StoryArticle, StorySummary


@dataclass(frozen=True, slots=True)
class Membership:
    """Why an article is in its story (``parallax story ID --why``)."""

    article: StoredArticle
    score: float
    matched: str | None  # the article id of its best match
    shared: tuple[str, ...]
    reason: str


FEW = 64  # pending dated articles assigned one by one rather than in blocks (no runner)


class StoryIndex:
    """Assign stored articles to stories and read the stories back."""

    def __init__(self, store: Store, options: StoryOptions | None = None) -> None:
        self.store = store
        self.options = options or StoryOptions()
        self._assigned: int | None = None  # articles assigned so far (for idf), counted once

    # -- assignment -------------------------------------------------------------------

    def pending(self) -> list[int]:
        """Latest article versions without a story, in the order they are assigned:
        oldest publication first; on one day, by identity (not by arrival), so the
        stories do not depend on which worker of a distributed ingest stored an article
        first; undated articles (or unreadable dates) last."""
        return [pk for pk, _, _ in self.pending_rows()]

    def pending_rows(self) -> list[tuple[int, str, str | None]]:
        """:meth:`pending` with each article's id and publication date."""
        query = (
            select(articles.c.pk, articles.c.article_id, articles.c.published)
            .where(articles.c.latest)
            .where(~articles.c.pk.in_(select(story_members.c.article_pk)))
            .order_by(
                articles.c.published.is_(None),
                articles.c.published,
                articles.c.article_id,
                articles.c.pk,
            )
        )
        with self.store.engine.connect() as conn:
            rows = [(int(r.pk), str(r.article_id), r.published) for r in conn.execute(query)]
        return [r for r in rows if day(r[2])] + [r for r in rows if not day(r[2])]

    def assign_pending(
        self,
        on_item: Callable[[Assignment], None] | None = None,
        runner: Runner | None = None,
        block: int = BLOCK,
        ahead: int = 0,
    ) -> list[Assignment]:
        """Assign every pending article.  Dated ones go in blocks
        (:mod:`parallax.store.story_blocks`) on ``runner`` (default: here), unless
        there are only a few and no runner (then one by one, like undated ones): the
        stories are the same either way."""
        rows = self.pending_rows()
        dated = [(pk, aid, str(when)) for pk, aid, when in rows if day(when)]
        one_by_one = [pk for pk, _, when in rows if not day(when)]
        done: list[Assignment] = []
        if runner is None and len(dated) < FEW:
            one_by_one = [pk for pk, _, _ in dated] + one_by_one
        elif dated:
            done = assign_blocks(
                self.store,
                runner or Here(self.store),
                dated,
                self.options,
                block=block,
                ahead=ahead,
                on_item=on_item,
            )
            self._assigned = None
            if len(done) < len(dated):
                return done  # another process assigns too: the next run takes up the rest
        for pk in one_by_one:
            found = self.assign(pk)
            if found is not None:
                done.append(found)
                if on_item:
                    on_item(found)
        return done

    def assign(self, pk: int) -> Assignment | None:
        """Assign one stored article version; None if another process already did."""
        with self.store.engine.connect() as conn:
            row = conn.execute(_article_query().where(articles.c.pk == pk)).first()
        if row is None:
            return None
        stored = _stored(row)
        try:
            with self.store.engine.begin() as conn:
                return self._assign(conn, pk, stored.article)
        except IntegrityError:
            return None  # a concurrent writer assigned it first

    def _assign(self, conn: Connection, pk: int, art: Article) -> Assignment:
        if conn.execute(
            select(story_members.c.article_pk).where(story_members.c.article_pk == pk)
        ).first():
            raise IntegrityError("already assigned", None, Exception("assigned"))
        counts = raw_terms(art)
        terms = list(counts)
        df = dict(
            conn.execute(
                select(term_df.c.term, term_df.c.df).where(term_df.c.term.in_(terms))
            ).all()
        )
        if self._assigned is None:
            self._assigned = conn.execute(
                select(func.count()).select_from(story_members)
            ).scalar_one()
        total = self._assigned + 1
        idf = {t: math.log((total + 1) / (df.get(t, 0) + 1)) + 1.0 for t in terms}
        sig = signature_of(counts, art.published, idf)
        earlier = conn.execute(
            select(story_members.c.story_id).where(story_members.c.article_id == art.id).limit(1)
        ).scalar()
        if earlier is not None:  # a new version of an article joins its story
            found = Assignment(
                art.id, earlier, False, art.id, 1.0, (), "a new version of this article"
            )
        else:
            found = decide(art.id, sig, self._candidates(conn, sig, df), self.options)
        self._upsert_df(conn, terms)
        self._record(conn, pk, art, sig, found)
        self._assigned = total  # an estimate once other writers add too: idf needs no more
        return found

    def _candidates(
        self, conn: Connection, sig: Signature, df: dict[str, int]
    ) -> list[tuple[str, Signature, str]]:
        """The assigned articles sharing the most of its probe terms, published within
        the window (or undated); among equals the smallest article id, then key: the
        rule of :mod:`parallax.stories.blocked`, so one by one and in blocks agree."""
        heaviest = list(sig.terms)[: self.options.probe_terms]
        usable = [t for t in heaviest if 0 < df.get(t, 0) <= self.options.max_postings]
        if not usable:
            return []
        n = func.count().label("n")
        shared = (
            select(story_terms.c.article_pk, articles.c.article_id, n)
            .join(articles, articles.c.pk == story_terms.c.article_pk)
            .where(story_terms.c.term.in_(usable))
        )
        limits = bounds(sig.published, self.options)
        if limits is not None:
            shared = shared.where(
                or_(articles.c.published.is_(None), articles.c.published.between(*limits))
            )
        top = (
            shared.group_by(story_terms.c.article_pk, articles.c.article_id)
            .order_by(n.desc(), articles.c.article_id, story_terms.c.article_pk)
            .limit(self.options.candidates)
            .subquery()
        )
        rows = conn.execute(
            select(
                story_members.c.article_id,
                story_members.c.signature,
                story_members.c.story_id,
                articles.c.published,
            )
            .join(top, top.c.article_pk == story_members.c.article_pk)
            .join(articles, articles.c.pk == story_members.c.article_pk)
            .order_by(top.c.n.desc(), top.c.article_id, top.c.article_pk)
        ).all()
        return [(r.article_id, Signature(dict(r.signature), r.published), r.story_id) for r in rows]

    def _upsert_df(self, conn: Connection, terms: Sequence[str]) -> None:
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(term_df).values(term=bindparam("t"), df=1)
        statement = statement.on_conflict_do_update(
            index_elements=[term_df.c.term], set_={"df": term_df.c.df + 1}
        )
        conn.execute(statement, [{"t": t} for t in terms])

    def _record(
        self, conn: Connection, pk: int, art: Article, sig: Signature, found: Assignment
    ) -> None:
        if found.new_story:
            conn.execute(
                insert(stories).values(
                    id=found.story,
                    first_seen=art.published,
                    last_seen=art.published,
                    created_at=now(),
                    updated_at=now(),
                )
            )
        elif art.published:
            row = conn.execute(
                select(stories.c.first_seen, stories.c.last_seen).where(stories.c.id == found.story)
            ).one()
            first = min(d for d in (row.first_seen, art.published) if d)
            last = max(d for d in (row.last_seen, art.published) if d)
            conn.execute(
                update(stories)
                .where(stories.c.id == found.story)
                .values(first_seen=first, last_seen=last, updated_at=now())
            )
        matched_pk = None
        if found.matched is not None:
            matched_pk = conn.execute(
                select(story_members.c.article_pk)
                .where(story_members.c.article_id == found.matched)
                .order_by(story_members.c.article_pk)
                .limit(1)
            ).scalar()
        conn.execute(
            insert(story_members).values(
                article_pk=pk,
                article_id=art.id,
                story_id=found.story,
                score=found.score,
                matched_pk=matched_pk,
                shared=list(found.shared),
                reason=found.reason,
                signature=sig.terms,
                assigned_at=now(),
            )
        )
        conn.execute(insert(story_terms), [{"term": t, "article_pk": pk} for t in sig.terms])

    # -- reading ------------------------------------------------------------------------

    def stories(
        self, *, since: str | None = None, min_outlets: int = 1, limit: int | None = None
    ) -> list[StorySummary]:
        """Stories, the most recently seen first."""
        query = select(stories.c.id)
        if since:
            query = query.where(stories.c.last_seen >= since)
        query = query.order_by(
            stories.c.last_seen.is_(None), stories.c.last_seen.desc(), stories.c.created_at.desc()
        )
        with self.store.engine.connect() as conn:
            ids = list(conn.execute(query).scalars())
        out: list[StorySummary] = []
        for story_id in ids:
            summary = self.story(story_id)
            if len(summary.outlets) >= min_outlets:
                out.append(summary)
                if limit and len(out) >= limit:
                    break
        return out

    def story(self, story_id: str) -> StorySummary:
        """One story; KeyError if there is none with this id."""
        members = self.members(story_id)
        with self.store.engine.connect() as conn:
            row = conn.execute(select(stories).where(stories.c.id == story_id)).first()
        if row is None:
            raise KeyError(story_id)
        latest = [m for m in members if m.article.latest]
        matched = Counter(m.matched for m in latest if m.matched)
        central = max(
            latest, key=lambda m: (matched[m.article.article.id], -m.article.pk), default=None
        )
        arts = tuple(
            StoryArticle(
                m.article.article.id,
                m.article.article.url,
                m.article.article.outlet,
                m.article.article.title,
                m.article.article.published,
            )
            for m in latest
        )
        return StorySummary(
            story_id,
            central.article.article.title if central else None,
            row.first_seen,
            row.last_seen,
            tuple(dict.fromkeys(a.outlet for a in arts)),
            arts,
        )

    def members(self, story_id: str) -> list[Membership]:
        query = (
            _article_query()
            .add_columns(
                story_members.c.score,
                story_members.c.shared,
                story_members.c.reason,
                story_members.c.matched_pk,
            )
            .join(story_members, story_members.c.article_pk == articles.c.pk)
            .where(story_members.c.story_id == story_id)
            .order_by(
                articles.c.published.is_(None),
                articles.c.published,
                articles.c.source,  # where it was read, not when it arrived: the same
                articles.c.article_id,  # order in a single or a distributed ingest
                articles.c.pk,
            )
        )
        with self.store.engine.connect() as conn:
            rows = conn.execute(query).all()
            ids = dict(
                conn.execute(
                    select(articles.c.pk, articles.c.article_id).where(
                        articles.c.pk.in_([r.matched_pk for r in rows if r.matched_pk])
                    )
                ).all()
            )
        return [
            Membership(_stored(r), r.score, ids.get(r.matched_pk), tuple(r.shared), r.reason)
            for r in rows
        ]
