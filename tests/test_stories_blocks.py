"""Story assignment in blocks gives the stories of assignment one article at a time.

The one-by-one path (database queries per article) is the definition; the block path
(:mod:`parallax.store.story_blocks`, the one Dask runs) must agree with it article by
article: the story, the best match, the score, the shared evidence and the reason,
across block boundaries, over two runs (the second against the first's stories), with
undated articles and a new version of an article."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from conftest import ROOT
from parallax.build import RawArticle, build_article
from parallax.model import Article
from parallax.store import Store, open_store
from parallax.store.stories import StoryIndex
from parallax.store.story_blocks import Here
from parallax.store.tables import articles, stories, story_members
from parallax.stories.assign import StoryOptions
from parallax.stories.blocked import Earlier, Placed, Terms, bounds, match_block, place
from parallax.stories.features import Signature

sys.path.insert(0, str(ROOT / "eval"))
from stories_eval import build
from stories_gen import articles as generated


def _corpus() -> tuple[list[Article], list[Article]]:
    """Two runs of generated events (some undated); the second also brings a new
    version of an article of the first."""
    rows = list(generated(seed=4, pairs=5))
    arts, _ = build(rows, "b")
    assert any(a.published is None for a in arts) and len(arts) >= 60
    first, second = arts[: len(arts) // 2], arts[len(arts) // 2 :]
    row = next(r for r, a in zip(rows, arts, strict=True) if a is first[3])
    edited = build_article(
        RawArticle(
            source="b:3",
            body=str(row["text"]).replace(" the ", " the the ", 1) + "\nA line added later.",
            title=row["title"],
            published=row["date"],
            url=row["url"],
            outlet=row["outlet"],
        )
    ).article
    assert edited.id == first[3].id and edited.content_hash != first[3].content_hash
    return first, [*second, edited]


def _state(store: Store) -> dict[str, Any]:
    """Per article version: its story's members, its best match, score, evidence, reason;
    and each story's dates."""
    index = StoryIndex(store)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                articles.c.article_id,
                articles.c.version,
                story_members.c.story_id,
                story_members.c.score,
                story_members.c.shared,
                story_members.c.reason,
                story_members.c.signature,
            ).join(story_members, story_members.c.article_pk == articles.c.pk)
        ).all()
        dates = {r.id: (r.first_seen, r.last_seen) for r in conn.execute(select(stories))}
    members = {
        sid: frozenset(m.article.article.id for m in index.members(sid))
        for sid in {r.story_id for r in rows}
    }
    matched = {
        (m.article.article.id, m.article.version): m.matched
        for sid in members
        for m in index.members(sid)
    }
    return {
        "articles": {
            (r.article_id, r.version): (
                members[r.story_id],
                matched[(r.article_id, r.version)],
                r.score,
                tuple(r.shared),
                r.reason,
                r.signature,
            )
            for r in rows
        },
        "stories": {members[s]: d for s, d in dates.items()},
    }


@pytest.mark.parametrize("ahead", [0, 2])
def test_blocks_assign_like_one_by_one_across_blocks_and_runs(tmp_path: Path, ahead: int) -> None:
    first, second = _corpus()
    one, blocks = open_store(str(tmp_path / "one.db")), open_store(str(tmp_path / "blocks.db"))
    for part, size in ((first, 5), (second, 7)):
        list(one.add_many(part))
        list(blocks.add_many(part))
        index = StoryIndex(one)
        made = [index.assign(pk) for pk in index.pending()]
        found = StoryIndex(blocks).assign_pending(runner=Here(blocks), block=size, ahead=ahead)
        assert [a.to_dict() for a in found] == [a.to_dict() for a in made if a is not None]
    a, b = _state(one), _state(blocks)
    assert len(a["articles"]) == len(first) + len(second)
    assert a == b
    stories_made = a["stories"]
    assert 4 <= len(stories_made) < len(first) + len(second)  # events grouped, not all one
    new_version = next(v for k, v in a["articles"].items() if k[1] == 2)
    assert new_version[4] == "a new version of this article"
    one.close()
    blocks.close()


def _terms(pk: int, article: str, published: str | None, terms: dict[str, int]) -> Terms:
    return Terms(pk, article, published, terms)


def test_candidates_are_the_window_and_ties_go_to_the_smaller_id() -> None:
    opts = StoryOptions(threshold=0.0, min_name_similarity=0.0, candidates=1)
    words = {"n:varnholm": 3, "quake": 2, "rescue": 1}
    items = [
        _terms(1, "bbbb", "2025-03-01", words),
        _terms(2, "aaaa", "2025-03-01", words),
        _terms(3, "cccc", "2025-03-20", words),  # outside the window of the next
        _terms(4, "dddd", "2025-03-03", words),
    ]
    placed = place(items, {}, 0, opts)
    assert placed[0].probe == ()  # no earlier article holds its terms
    assert bounds("2025-03-03", opts) == ("2025-02-27", "2025-03-07")
    assert bounds(None, opts) is None and bounds("sometime", opts) is None
    out = match_block(placed, [], opts)
    assert out[0].matched is None and out[1].matched == "bbbb"
    # two earlier articles share as much: the smaller id wins; the one 17 days away is
    # never a candidate, though it is the most recent
    assert out[3].matched == "aaaa"
    late = Placed(5, "eeee", None, Signature(placed[3].signature.terms, None), placed[3].probe)
    undated = match_block([late], [Earlier(3, "cccc", "2025-03-20", placed[2].signature)], opts)
    assert undated[0].matched == "cccc"  # an undated article is compared with any date
