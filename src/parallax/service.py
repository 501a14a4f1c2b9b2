"""One object for every front end: the CLI today, the web app and Dask tasks next.

:class:`Service` holds what outlives one story (the options and the process's
models, loaded once on first use or by :meth:`Service.warm`) and makes a fresh
:class:`~parallax.runtime.RunCache` for each run, so one story's parses and
embeddings never leak into another's.  Its methods are the operations a front end
offers: read and compare inputs, analyse articles already read, bring a stored
analysis up to date, and run a batch of stories.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from parallax.errors import NotEnoughArticles, ParallaxError
from parallax.ingest import InputSpec, ReadOptions, read_inputs
from parallax.model import Analysis, Article, Notice
from parallax.options import Options
from parallax.pipeline import Context, Pipeline, Stage
from parallax.runtime import ParseBytes, RunCache, SentenceVectors, warm
from parallax.stories.assign import StoryOptions


class StoryNotFound(ParallaxError):
    """A story id that is not in the corpus."""


class OutletNotFound(ParallaxError):
    """An outlet name with no story shared with another outlet in the corpus."""


if TYPE_CHECKING:
    from parallax.batch import BatchResult, StoryProblem
    from parallax.corpus.ingest import IngestSummary
    from parallax.corpus.watch import PollResult, WatchOptions
    from parallax.profiles import Blindspots, Comparison, Groups, OutletProfile, Profiles
    from parallax.profiles.source import Collected
    from parallax.store import Store, StoredArticle
    from parallax.store.stories import StoryIndex
    from parallax.stories.summary import StorySummary


@dataclass(frozen=True)
class Service:
    """Compare, analyse and update with one set of options and one process's models."""

    options: Options = field(default_factory=Options)
    read_options: ReadOptions = field(default_factory=ReadOptions)
    debug: bool | None = None  # None: PARALLAX_DEBUG decides
    store: Store | None = None  # the corpus, for ingest and the corpus commands
    story_options: StoryOptions = field(default_factory=StoryOptions)
    # sentence vectors kept across this service's runs (a vector depends on its text only)
    vectors: SentenceVectors = field(default_factory=SentenceVectors, repr=False, compare=False)
    # parses kept across its runs as bytes: each run rebuilds its own Doc objects
    parses: ParseBytes = field(default_factory=ParseBytes, repr=False, compare=False)

    def corpus(self) -> Store:
        if self.store is None:
            from parallax.store import StoreError

            raise StoreError("no database is open; give --db or set PARALLAX_DB")
        return self.store

    def ingest(
        self,
        inputs: Iterable[InputSpec | str],
        *,
        on_item: Callable[[IngestSummary], None] | None = None,
    ) -> IngestSummary:
        """Read ``inputs`` into the corpus (see :mod:`parallax.corpus.ingest`), then
        assign every article not yet in a story to one."""
        from parallax.corpus.ingest import ingest

        summary = ingest(self.corpus(), inputs, self.read_options, on_item=on_item)
        summary.stories = len(self.story_index().assign_pending())
        return summary

    def story_index(self) -> StoryIndex:
        from parallax.store.stories import StoryIndex

        return StoryIndex(self.corpus(), self.story_options)

    def stories(
        self, *, since: str | None = None, min_outlets: int = 1, limit: int | None = None
    ) -> list[StorySummary]:
        """Stories newest first (articles not yet assigned are assigned first)."""
        index = self.story_index()
        index.assign_pending()
        return index.stories(since=since, min_outlets=min_outlets, limit=limit)

    def story_analysis(self, story_id: str) -> Analysis:
        """The comparison of a story's articles, cached in the store and recomputed when
        the story gains an article, or the options or Parallax's version change."""
        store = self.corpus()
        members = [m for m in self.story_index().members(story_id) if m.article.latest]
        if not members:
            raise StoryNotFound(f"no story {story_id!r}; `parallax stories` lists them")
        pks = [m.article.pk for m in members]
        digest = self.options.digest()
        cached = store.load_analysis(pks, digest)
        if cached is not None:
            return cached
        analysis = self.analyse([m.article.article for m in members])
        store.save_analysis(pks, digest, analysis)
        return analysis

    # -- outlet profiles and blindspots (parallax.profiles) ------------------------------

    def story_digests(
        self,
        *,
        since: str | None = None,
        analyse: bool = True,
        on_story: Callable[[str], None] | None = None,
    ) -> Collected:
        """Each multi-outlet story's digest: cached, else read from its cached analysis,
        else (with ``analyse``) from a new analysis, which is cached too."""
        from parallax.profiles.source import collect

        index = self.story_index()
        index.assign_pending()
        return collect(
            self.corpus(),
            self.options.digest(),
            self.story_analysis if analyse else None,
            since,
            on_story,
        )

    def outlet_profiles(
        self,
        *,
        since: str | None = None,
        min_stories: int | None = None,
        analyse: bool = True,
        on_story: Callable[[str], None] | None = None,
    ) -> Profiles:
        """Every outlet's profile over the stories it shares with another outlet."""
        from parallax.profiles import MIN_STORIES, profiles

        found = self.story_digests(since=since, analyse=analyse, on_story=on_story)
        out = profiles(found.digests, MIN_STORIES if min_stories is None else min_stories)
        if found.missing:
            note = f"{len(found.missing)} stories have no analysis yet and are left out"
            out = replace(out, notes=(*out.notes, note))
        return out

    def outlet_profile(self, name: str, **kwargs: object) -> OutletProfile:
        """One outlet's profile; :class:`OutletNotFound` if it shares no story."""
        found = self.outlet_profiles(**kwargs).profile(name)  # type: ignore[arg-type]
        if found is None:
            raise OutletNotFound(
                f"no outlet {name!r} in a story with another outlet; `parallax outlets` lists them"
            )
        return found

    def compare_outlets(
        self,
        a: str,
        b: str,
        *,
        since: str | None = None,
        min_stories: int | None = None,
        analyse: bool = True,
        on_story: Callable[[str], None] | None = None,
    ) -> Comparison:
        """Two outlets side by side over the stories both covered."""
        from parallax.profiles import MIN_STORIES, compare
        from parallax.profiles.aggregate import outlets_of

        found = self.story_digests(since=since, analyse=analyse, on_story=on_story)
        names = {n.lower(): n for n in outlets_of(found.digests)}
        for name in (a, b):
            if name.lower() not in names:
                known = ", ".join(sorted(names.values())) or "none yet"
                raise OutletNotFound(f"no outlet {name!r} in a shared story (outlets: {known})")
        return compare(
            found.digests,
            names[a.lower()],
            names[b.lower()],
            MIN_STORIES if min_stories is None else min_stories,
        )

    def blindspots(
        self, *, groups: Groups | Path | None = None, since: str | None = None
    ) -> Blindspots:
        """Widely covered stories each outlet missed; with ``groups`` (or a groups TOML
        file), the stories covered mostly by one group, most lopsided first."""
        from parallax.profiles import blindspots, read_groups
        from parallax.profiles.source import story_rows

        index = self.story_index()
        index.assign_pending()
        if isinstance(groups, Path):
            groups = read_groups(groups)
        return blindspots(story_rows(self.corpus(), since), groups)

    def watch(
        self,
        feeds: Iterable[str],
        options: WatchOptions,
        echo: Callable[[str], None] = lambda _line: None,
        stop: threading.Event | None = None,
    ) -> list[PollResult]:
        """Poll feeds into the corpus (see :mod:`parallax.corpus.watch`)."""
        from parallax.corpus.watch import watch

        return watch(self.corpus(), self.read_options, feeds, options, echo, stop)

    def articles(self, **query: object) -> list[StoredArticle]:
        """Stored articles by outlet, date range and full-text search."""
        return self.corpus().articles(**query)  # type: ignore[arg-type]

    def warm(self) -> None:
        """Load the models now (a web worker at start-up, a Dask worker in its setup)."""
        warm()

    def context(self) -> Context:
        """A run's context: these options and a fresh, private cache (lent the vectors
        and parses of earlier runs)."""
        resources = RunCache(shared=self.vectors, parses=self.parses)
        return Context(resources=resources, options=self.options)

    def compare(
        self, inputs: Iterable[InputSpec | str], *, stages: Sequence[Stage] | None = None
    ) -> Analysis:
        """Read ``inputs`` (paths, URLs, ``-``, or ``OUTLET=INPUT``) and compare them.

        Bad inputs become warnings and are skipped; raises :class:`NotEnoughArticles`
        when fewer than two articles remain, with the reasons in its message.
        """
        started = time.perf_counter()
        ingested = read_inputs(inputs, self.read_options)
        took = time.perf_counter() - started
        return self.analyse(
            ingested.articles, warnings=ingested.warnings, stages=stages, ingest_time=took
        )

    def analyse(
        self,
        articles: Sequence[Article],
        *,
        warnings: Sequence[Notice] = (),
        stages: Sequence[Stage] | None = None,
        ingest_time: float | None = None,
    ) -> Analysis:
        """Run the analysis stages over articles already read (e.g. from a database)."""
        if len(articles) < 2:
            reasons = "; ".join(str(w) for w in warnings if w.code == "skipped-input")
            got = "one article" if len(articles) == 1 else "no article"
            hint = f" ({reasons})" if reasons else ""
            raise NotEnoughArticles(
                f"got {got}{hint}; give at least two articles about the same event"
            )
        timings = {"ingest": ingest_time} if ingest_time is not None else {}
        base = Analysis(articles=tuple(articles), warnings=tuple(warnings), timings=timings)
        return self.update(base, stages=stages)

    def update(self, analysis: Analysis, *, stages: Sequence[Stage] | None = None) -> Analysis:
        """Run only what ``analysis`` lacks: missing sections, sections made with other
        options or another version, and the stages downstream of them."""
        return Pipeline(stages).run(analysis, self.context(), debug=self.debug)

    def batch(
        self,
        root: Path,
        outdir: Path,
        on_story: Callable[[str, StoryProblem | None], None] | None = None,
    ) -> BatchResult:
        """Compare each story folder under ``root`` into ``outdir`` (see :mod:`parallax.batch`)."""
        from parallax.batch import run_batch
        from parallax.pipeline import debug_requested

        debug = debug_requested() if self.debug is None else self.debug
        return run_batch(root, outdir, self.compare, on_story=on_story, debug=debug)
