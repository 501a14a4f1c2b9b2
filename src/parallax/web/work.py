"""What the web app's jobs do: read the inputs, compare them, keep the result.

A comparison made in the app is kept in the store (its articles and its analysis), so
its page can be shared and reopened at ``/compare/{id}``, where the id lists the
stored article versions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from parallax.errors import InputError, ParallaxError
from parallax.ingest import InputSpec, read_inputs
from parallax.ingest.guard import check_url, public_addresses
from parallax.model import Analysis
from parallax.pipeline import Context, Stage, StageOutput, default_stages
from parallax.service import Service
from parallax.web.jobs import JobStatus, Progress

if TYPE_CHECKING:
    from parallax.stories.summary import StorySummary
    from parallax.web.app import WebState


class NotFound(ParallaxError):
    """Nothing at this address (404)."""


@dataclass(frozen=True, slots=True)
class Item:
    """One article as a client gave it: its text or file content, or a URL."""

    text: str | None = None
    url: str | None = None
    data: bytes | None = None  # an uploaded file
    filename: str | None = None
    outlet: str | None = None
    title: str | None = None


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def spec_of(item: Item, n: int) -> InputSpec:
    """The ingest input for one item; the source is a name, never a path on the server."""
    outlet = (item.outlet or "").strip() or None
    title = (item.title or "").strip() or None
    if item.url:
        return InputSpec(item.url.strip(), outlet, title)
    if item.data is not None:
        name = _SAFE_NAME.sub("_", (item.filename or "").rsplit("/", 1)[-1]).strip("._")
        return InputSpec(name or f"upload-{n}.txt", outlet, title, data=item.data)
    if item.text is not None:
        return InputSpec(f"pasted-{n}.txt", outlet, title, data=item.text.encode("utf-8"))
    raise InputError(f"article {n}", "give its text, a file or a URL")


def refuse_private(service: Service, items: Sequence[Item]) -> None:
    """Refuse at once a URL whose host is not public (when the guard is on); the fetch
    checks again, on every connection and redirect."""
    if not service.read_options.public_only:
        return
    for item in items:
        if item.url:
            url = item.url.strip()
            check_url(url)
            parts = urlsplit(url)
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
            public_addresses(url, parts.hostname or "", port)


def _watched(stages: Sequence[Stage], progress: Progress, start: float) -> list[Stage]:
    """The stages, each reporting progress and checking for cancellation first."""
    share = (1.0 - start) / max(1, len(stages))

    def wrap(st: Stage, i: int) -> Stage:
        def func(analysis: Analysis, ctx: Context) -> StageOutput:
            progress.update(start + i * share, f"analysing: {st.name}")
            return st.func(analysis, ctx)

        return replace(st, func=func)

    return [wrap(st, i) for i, st in enumerate(stages)]


def compare_items(service: Service, items: Sequence[Item], progress: Progress) -> str:
    """Read, compare and store ``items``; return the result's path in the app."""
    specs = [spec_of(item, n) for n, item in enumerate(items, 1)]
    reading = 0.3 if any(item.url for item in items) else 0.1

    def each() -> Iterator[InputSpec]:
        for n, spec in enumerate(specs):
            what = spec.target if spec.data is None else f"article {n + 1}"
            progress.update(reading * n / len(specs), f"reading {what}")
            yield spec

    ingested = read_inputs(each(), service.read_options)
    progress.update(reading, "analysing")
    analysis = service.analyse(
        ingested.articles,
        warnings=ingested.warnings,
        stages=_watched(default_stages(), progress, reading),
    )
    progress.checkpoint()
    return f"/compare/{save_comparison(service, analysis)}"


def save_comparison(service: Service, analysis: Analysis) -> str:
    """Keep the articles and the analysis in the store; return the comparison's id."""
    store = service.corpus()
    pks = [store.add(article).pk for article in analysis.articles]
    store.save_analysis(pks, service.options.digest(), analysis)
    return "-".join(str(pk) for pk in pks)


def load_comparison(service: Service, comparison_id: str) -> Analysis:
    parts = comparison_id.split("-")
    if not 2 <= len(parts) <= 200 or not all(p.isdigit() and len(p) < 12 for p in parts):
        raise NotFound(f"no comparison {comparison_id!r}; compare the articles again")
    analysis = service.corpus().load_analysis([int(p) for p in parts], service.options.digest())
    if analysis is None:
        raise NotFound(
            f"no comparison {comparison_id!r} with the current options and version; "
            "compare the articles again"
        )
    return analysis


def cached_story(service: Service, story_id: str) -> Analysis | None:
    """A story's analysis if the store has it up to date, else None (a job computes it)."""
    members = [m for m in service.story_index().members(story_id) if m.article.latest]
    if not members:
        raise NotFound(f"no story {story_id!r}; the stories page lists them")
    pks = [m.article.pk for m in members]
    return service.corpus().load_analysis(pks, service.options.digest())


def story_job(service: Service, story_id: str, progress: Progress) -> str:
    """Compare a story's articles and cache the analysis as ``Service.story_analysis`` does,
    with progress and cancellation between stages."""
    progress.update(0.02, "reading the story's articles")
    members = [m for m in service.story_index().members(story_id) if m.article.latest]
    if not members:
        raise NotFound(f"no story {story_id!r}; the stories page lists them")
    pks = [m.article.pk for m in members]
    digest = service.options.digest()
    if service.corpus().load_analysis(pks, digest) is None:
        stages = _watched(default_stages(), progress, 0.05)
        analysis = service.analyse([m.article.article for m in members], stages=stages)
        progress.checkpoint()
        service.corpus().save_analysis(pks, digest, analysis)
    return f"/stories/{story_id}"


def find_stories(
    service: Service,
    *,
    q: str | None = None,
    since: str | None = None,
    outlet: str | None = None,
    min_outlets: int = 1,
    limit: int = 200,
) -> list[StorySummary]:
    """Stories newest first, filtered by words of the title or outlets, date and outlet."""
    stories = service.stories(since=since, min_outlets=min_outlets)
    words = [w for w in (q or "").lower().split() if w]
    want = (outlet or "").strip().lower()
    out = []
    for story in stories:
        hay = " ".join(
            [story.title or "", *story.outlets, *(a.title or "" for a in story.articles)]
        )
        if words and not all(w in hay.lower() for w in words):
            continue
        if want and not any(want in o.lower() for o in story.outlets):
            continue
        out.append(story)
        if len(out) >= limit:
            break
    return out


def submit_story(state: WebState, story_id: str) -> JobStatus:
    """The job computing a story's report: the running one if there is one."""
    running = state.story_jobs.get(story_id)
    if running is not None:
        status = state.jobs.get(running)
        if status is not None and status.state in ("queued", "running"):
            return status
    service = state.service
    status = state.jobs.submit("story", lambda progress: story_job(service, story_id, progress))
    state.story_jobs[story_id] = status.id
    return status
