"""Property: any article a user could feed in goes through every stage without an
internal error, and every offset in the JSON lies inside its article's text.

Articles come from :mod:`fuzz_articles` (invented text in awkward real-world shapes)
and are built the way ingestion builds them.  A few examples per ``make test``;
``make fuzz`` runs hundreds (``eval/fuzz.py``).
"""

from __future__ import annotations

import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from fuzz_articles import stories
from parallax.build import RawArticle, build_article
from parallax.errors import InputError
from parallax.model import Article

sys.path.insert(0, str(ROOT / "eval"))

from checked import analyse_checked


def built(raws: list[RawArticle]) -> list[Article]:
    """The articles ingestion would keep (one with no text left is a user error, skipped)."""
    out: list[Article] = []
    for raw in raws:
        try:
            out.append(build_article(raw).article)
        except InputError:
            continue
    return out


@settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(stories())
def test_any_story_runs_every_stage_and_keeps_its_offsets(raws: list[RawArticle]) -> None:
    articles = built(raws)
    if len(articles) < 2:
        return
    _, problems = analyse_checked(articles)
    assert not problems, "\n".join(problems)


@settings(max_examples=3, deadline=None, database=None)
@given(st.sampled_from(["\r\n", "\u00a0", "\u200b"]))
def test_whitespace_oddities_in_an_otherwise_plain_story(mark: str) -> None:
    body = "Police said 112 people were arrested on Friday.\nThe port stayed shut."
    raws = [
        RawArticle(source="a", body=body.replace(" ", mark, 3), outlet="Meridian Press"),
        RawArticle(source="b", body=body.replace("\n", mark + "\n"), outlet="Channel 9 News"),
    ]
    _, problems = analyse_checked(built(raws))
    assert not problems, "\n".join(problems)
