"""``parallax cluster``: stories for a one-off corpus, without a database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from parallax.corpus.ingest import built, iter_raw
from parallax.errors import InputError
from parallax.ingest import InputSpec, ReadOptions
from parallax.model import Article, Notice
from parallax.stories.assign import Assignment, StoryOptions, cluster
from parallax.stories.summary import StorySummary, summarise


@dataclass(slots=True)
class ClusterResult:
    stories: list[StorySummary] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    why: dict[str, dict[str, Any]] = field(default_factory=dict)


def cluster_inputs(
    inputs: Iterable[str | InputSpec],
    opts: ReadOptions,
    options: StoryOptions | None = None,
    *,
    read: Iterable[Article | InputError] | None = None,
) -> ClusterResult:
    """Read ``inputs`` and group their articles into stories, newest first.

    ``read`` gives the articles already read, in input order (from the Dask workers,
    see :func:`parallax.scale.run.build_distributed`); by default they are read here.
    An article with almost no text or not in English still gets a story (of its own,
    most likely) and a warning; an unreadable input is a failure, never an error."""
    result = ClusterResult()
    notes: list[Notice] = []
    articles: dict[str, Article] = {}
    for item in read if read is not None else built(iter_raw(inputs, opts, notes)):
        if isinstance(item, InputError):
            result.failures.append((item.source, item.message))
            continue
        if item.id in articles:
            continue  # the same input twice
        if item.word_count < 30 or item.language not in ("en", "und"):
            result.failures.append(
                (item.source, "little text or not English: clustered, but probably alone")
            )
        articles[item.id] = item
    result.failures += [(n.source or "?", n.message) for n in notes if n.code == "skipped-input"]
    found = cluster(articles.values(), options)
    members: dict[str, list[Article]] = defaultdict(list)
    assigned: dict[str, list[Assignment]] = defaultdict(list)
    for a in found:
        members[a.story].append(articles[a.article])
        assigned[a.story].append(a)
        result.why[a.article] = a.to_dict()
    stories = [summarise(sid, members[sid], assigned[sid]) for sid in members]
    result.stories = sorted(
        stories, key=lambda s: (s.last_seen is not None, s.last_seen or "", s.id), reverse=True
    )
    return result
