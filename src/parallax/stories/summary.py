"""A story as it is listed: its headline, dates, outlets and articles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from parallax.model import Article
from parallax.stories.assign import Assignment


@dataclass(frozen=True, slots=True)
class StoryArticle:
    id: str
    url: str | None
    outlet: str
    title: str | None
    published: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
        }


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A story as listed: its most central headline, dates, outlets and articles."""

    id: str
    title: str | None
    first_seen: str | None
    last_seen: str | None
    outlets: tuple[str, ...]
    articles: tuple[StoryArticle, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "outlets": list(self.outlets),
            "articles": [a.to_dict() for a in self.articles],
        }


def summarise(
    story_id: str, members: Sequence[Article], found: Sequence[Assignment]
) -> StorySummary:
    """A story from its articles and their assignments: its title is the headline of the
    article the others most often matched (the most central), its dates the span of
    its articles' dates."""
    matched = Counter(a.matched for a in found if a.matched)
    central = max(members, key=lambda a: matched[a.id], default=None)
    dates = sorted(a.published for a in members if a.published)
    arts = tuple(StoryArticle(a.id, a.url, a.outlet, a.title, a.published) for a in members)
    return StorySummary(
        story_id,
        central.title if central else None,
        dates[0] if dates else None,
        dates[-1] if dates else None,
        tuple(dict.fromkeys(a.outlet for a in arts)),
        arts,
    )
