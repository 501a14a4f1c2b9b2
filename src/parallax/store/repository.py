"""The corpus store: articles (with their versions), outlets, feeds, fetches, analyses.

Every method is one short transaction, so a crash loses at most the batch being
written and never leaves half an article.  Deduplication follows the article identity
of :mod:`parallax.model`:

- the same identity (outlet + canonical URL, or outlet + input) with the same text
  is a duplicate; with other text it is a **new version** of that article, linked to
  the one before (outlets edit stories after publishing);
- the same text from the same outlet under another identity is a duplicate;
- the same text from another outlet is a new article (identical copy is a finding).

Two writers racing on one article are settled by the unique constraints: the loser
sees a duplicate, never an error.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import and_, bindparam, func, insert, select, text, update
from sqlalchemy.engine import Connection, Engine, Row
from sqlalchemy.exc import IntegrityError

from parallax.model import Analysis, Article
from parallax.store.tables import analyses, articles, feeds, fetch_log, outlets
from parallax.urls import canonical_url
from parallax.version import __version__

Status = Literal["new", "updated", "duplicate"]
_KEY_COLUMNS = ("id", "text")  # stored in their own columns, not in ``data``

# Statements built once, with bound parameters: building them per article cost more
# than running them.
_SAME_TEXT = select(articles.c.pk, articles.c.version).where(
    articles.c.article_id == bindparam("aid"), articles.c.content_hash == bindparam("hash")
)
_TWIN = (
    select(articles.c.pk, articles.c.article_id, articles.c.version)
    .where(articles.c.outlet_id == bindparam("oid"), articles.c.content_hash == bindparam("hash"))
    .limit(1)
)
_BEFORE = (
    select(articles.c.pk, articles.c.version)
    .where(articles.c.article_id == bindparam("aid"))
    .order_by(articles.c.version.desc())
    .limit(1)
)
_NOT_LATEST = update(articles).where(articles.c.pk == bindparam("old")).values(latest=False)
_INSERT = insert(articles).returning(articles.c.pk)


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class AddResult:
    """What adding one article did: ``new``, ``updated`` (a new version) or ``duplicate``."""

    status: Status
    article_id: str
    version: int
    pk: int
    source: str


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as stored: the article itself and where it sits in the corpus."""

    article: Article
    pk: int
    version: int
    latest: bool
    previous_pk: int | None
    ingested_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.article.to_dict(),
            "version": self.version,
            "latest": self.latest,
            "ingested_at": self.ingested_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class Feed:
    id: int
    url: str
    outlet: str | None
    etag: str | None
    last_modified: str | None
    failures: int
    last_error: str | None
    next_poll_at: datetime | None


class Store:
    """Typed access to one corpus database (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._outlets: dict[str, int] = {}

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    # -- articles ---------------------------------------------------------------

    def add(self, article: Article, *, feed_id: int | None = None) -> AddResult:
        """Add one article in its own transaction."""
        (result,) = self.add_many([article], feed_id=feed_id)
        return result

    def add_many(
        self, items: Iterable[Article], *, feed_id: int | None = None, batch: int = 200
    ) -> Iterator[AddResult]:
        """Add articles, ``batch`` per transaction; yields one result per article.

        If a batch meets a concurrent writer's row, it is redone one article per
        transaction, so the race ends as a duplicate for this writer."""
        pending: list[Article] = []
        for art in items:
            pending.append(art)
            if len(pending) >= batch:
                yield from self._write(pending, feed_id)
                pending = []
        if pending:
            yield from self._write(pending, feed_id)

    def _write(self, batch: list[Article], feed_id: int | None) -> list[AddResult]:
        try:
            with self.engine.begin() as conn:
                return [self._add(conn, art, feed_id) for art in batch]
        except IntegrityError:
            self._outlets.clear()  # ids read in the rolled-back transaction may be gone
            if len(batch) == 1:
                with self.engine.begin() as conn:  # the other writer's row is visible now
                    return [self._add(conn, batch[0], feed_id)]
            return [r for art in batch for r in self._write([art], feed_id)]

    def _add(self, conn: Connection, art: Article, feed_id: int | None) -> AddResult:
        same = conn.execute(_SAME_TEXT, {"aid": art.id, "hash": art.content_hash}).first()
        if same is not None:
            return AddResult("duplicate", art.id, same.version, same.pk, art.source)
        outlet_id = self._outlet_id(conn, art.outlet)
        twin = conn.execute(_TWIN, {"oid": outlet_id, "hash": art.content_hash}).first()
        if twin is not None:
            return AddResult("duplicate", twin.article_id, twin.version, twin.pk, art.source)
        before = conn.execute(_BEFORE, {"aid": art.id}).first()
        version = before.version + 1 if before is not None else 1
        if before is not None:
            conn.execute(_NOT_LATEST, {"old": before.pk})
        data = {k: v for k, v in art.to_dict().items() if k not in _KEY_COLUMNS}
        pk = conn.execute(
            _INSERT,
            dict(
                article_id=art.id,
                version=version,
                previous_pk=before.pk if before is not None else None,
                latest=True,
                content_hash=art.content_hash,
                outlet_id=outlet_id,
                feed_id=feed_id,
                url=art.url,
                canonical_url=canonical_url(art.url),
                source=art.source,
                title=art.title,
                published=art.published,
                language=art.language,
                words=art.word_count,
                text=art.text,
                data=data,
                ingested_at=now(),
            ),
        ).scalar_one()
        status: Status = "updated" if before is not None else "new"
        return AddResult(status, art.id, version, pk, art.source)

    def _outlet_id(self, conn: Connection, name: str) -> int:
        known = self._outlets.get(name)
        if known is not None:
            return known
        found = conn.execute(select(outlets.c.id).where(outlets.c.name == name)).scalar()
        if found is None:
            found = conn.execute(
                insert(outlets).values(name=name, created_at=now()).returning(outlets.c.id)
            ).scalar_one()
        self._outlets[name] = int(found)  # cleared when a transaction rolls back
        return int(found)

    def get(self, article_id: str, version: int | None = None) -> StoredArticle:
        """The latest version of an article (or the given one); KeyError if absent."""
        query = _article_query().where(articles.c.article_id == article_id)
        query = query.where(
            articles.c.version == version if version is not None else articles.c.latest
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise KeyError(article_id)
        return _stored(row)

    def versions(self, article_id: str) -> list[StoredArticle]:
        query = (
            _article_query().where(articles.c.article_id == article_id).order_by(articles.c.version)
        )
        with self.engine.connect() as conn:
            return [_stored(r) for r in conn.execute(query)]

    def articles(
        self,
        *,
        outlet: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        search: str | None = None,
        limit: int | None = None,
        all_versions: bool = False,
    ) -> list[StoredArticle]:
        """Articles, newest published first; ``search`` uses the database's full-text
        index (SQLite FTS5 with stemming, PostgreSQL ``tsvector``)."""
        query = _article_query()
        if not all_versions:
            query = query.where(articles.c.latest)
        if outlet:
            query = query.where(func.lower(outlets.c.name) == outlet.lower())
        if since:
            query = query.where(articles.c.published >= str(since))
        if until:
            query = query.where(articles.c.published <= str(until))
        if search and search.strip():
            query = query.where(self._matches(search))
        query = query.order_by(articles.c.published.desc(), articles.c.pk.desc())
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [_stored(r) for r in conn.execute(query)]

    def has_url(self, url: str) -> bool:
        """Is an article with this canonical URL in the corpus?"""
        query = select(articles.c.pk).where(articles.c.canonical_url == url).limit(1)
        with self.engine.connect() as conn:
            return conn.execute(query).first() is not None

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())

    def _matches(self, words: str) -> Any:
        if self.engine.dialect.name == "postgresql":
            return text("articles.search @@ plainto_tsquery('english', :q)").bindparams(q=words)
        terms = " ".join('"' + w.replace('"', '""') + '"' for w in words.split())
        return articles.c.pk.in_(
            select(text("rowid"))
            .select_from(text("articles_fts"))
            .where(text("articles_fts MATCH :q").bindparams(q=terms))
        )

    # -- feeds and fetches --------------------------------------------------------

    def add_feed(self, url: str, outlet: str | None = None) -> Feed:
        with self.engine.begin() as conn:
            row = conn.execute(select(feeds).where(feeds.c.url == url)).first()
            if row is None:
                try:
                    with conn.begin_nested():
                        conn.execute(
                            insert(feeds).values(
                                url=url, outlet=outlet, failures=0, created_at=now()
                            )
                        )
                except IntegrityError:
                    pass  # another writer added it
                row = conn.execute(select(feeds).where(feeds.c.url == url)).one()
            elif outlet and row.outlet != outlet:
                conn.execute(update(feeds).where(feeds.c.id == row.id).values(outlet=outlet))
                row = conn.execute(select(feeds).where(feeds.c.url == url)).one()
        return _feed(row)

    def feeds(self) -> list[Feed]:
        with self.engine.connect() as conn:
            return [_feed(r) for r in conn.execute(select(feeds).order_by(feeds.c.id))]

    def record_poll(
        self,
        feed: Feed,
        *,
        ok: bool,
        etag: str | None = None,
        last_modified: str | None = None,
        error: str | None = None,
        next_poll_at: datetime | None = None,
    ) -> Feed:
        """Remember how a poll went: validators for the next conditional request, or the
        error and one more failure (which the caller turns into a back-off)."""
        values: dict[str, Any] = {"last_polled_at": now(), "next_poll_at": next_poll_at}
        if ok:
            values.update(last_ok_at=now(), last_error=None, failures=0)
            if etag is not None:
                values["etag"] = etag
            if last_modified is not None:
                values["last_modified"] = last_modified
        else:
            values.update(last_error=error, failures=feeds.c.failures + 1)
        with self.engine.begin() as conn:
            conn.execute(update(feeds).where(feeds.c.id == feed.id).values(**values))
            row = conn.execute(select(feeds).where(feeds.c.id == feed.id)).one()
        return _feed(row)

    def log_fetch(
        self,
        url: str,
        *,
        started_at: datetime,
        seconds: float,
        ok: bool,
        status: int | None = None,
        feed_id: int | None = None,
        not_modified: bool = False,
        entries: int = 0,
        new: int = 0,
        error: str | None = None,
    ) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(fetch_log).values(
                    url=url,
                    feed_id=feed_id,
                    started_at=started_at,
                    seconds=seconds,
                    status=status,
                    ok=ok,
                    not_modified=not_modified,
                    entries=entries,
                    new=new,
                    error=error,
                )
            )

    def fetches(self, limit: int = 100) -> list[dict[str, Any]]:
        query = select(fetch_log).order_by(fetch_log.c.id.desc()).limit(limit)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    # -- cached analyses -------------------------------------------------------------

    @staticmethod
    def analysis_key(pks: Sequence[int], options_digest: str) -> str:
        """The cache key of an analysis: its article versions, the version, the options."""
        raw = json.dumps([sorted(pks), __version__, options_digest]).encode("utf-8")
        return hashlib.sha1(raw).hexdigest()

    def save_analysis(self, pks: Sequence[int], options_digest: str, analysis: Analysis) -> str:
        """Cache ``analysis`` under its key.  Idempotent: when two writers save the same
        key at once (a task re-run after its worker died), one row stays."""
        key = self.analysis_key(pks, options_digest)
        try:
            with self.engine.begin() as conn:
                conn.execute(analyses.delete().where(analyses.c.key == key))
                conn.execute(
                    insert(analyses).values(
                        key=key,
                        articles=sorted(pks),
                        parallax_version=__version__,
                        options_digest=options_digest,
                        created_at=now(),
                        data=analysis.to_dict(),
                    )
                )
        except IntegrityError:
            if self.load_analysis(pks, options_digest) is None:
                raise
        return key

    def load_analysis(self, pks: Sequence[int], options_digest: str) -> Analysis | None:
        """The cached analysis of exactly these article versions with these options and
        this version of Parallax, or None (a newer version or other options recompute)."""
        key = self.analysis_key(pks, options_digest)
        with self.engine.connect() as conn:
            data = conn.execute(select(analyses.c.data).where(analyses.c.key == key)).scalar()
        return Analysis.from_dict(data) if data is not None else None


def _article_query() -> Any:
    return select(articles, outlets.c.name.label("outlet_name")).join(
        outlets, and_(outlets.c.id == articles.c.outlet_id)
    )


def _stored(row: Row[Any]) -> StoredArticle:
    data = dict(row.data)
    data.update(id=row.article_id, text=row.text, outlet=row.outlet_name)
    return StoredArticle(
        article=Article.from_dict(data),
        pk=row.pk,
        version=row.version,
        latest=bool(row.latest),
        previous_pk=row.previous_pk,
        ingested_at=row.ingested_at,
    )


def _feed(row: Row[Any]) -> Feed:
    return Feed(
        id=row.id,
        url=row.url,
        outlet=row.outlet,
        etag=row.etag,
        last_modified=row.last_modified,
        failures=row.failures,
        last_error=row.last_error,
        next_poll_at=row.next_poll_at,
    )
