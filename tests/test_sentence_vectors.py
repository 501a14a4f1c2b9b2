"""Sentence vectors shared across a service's runs: reused, read-only, bounded."""

from __future__ import annotations

import numpy as np
import pytest

from parallax.runtime import RunCache, SentenceVectors
from parallax.service import Service


def test_a_later_run_embeds_only_new_sentences() -> None:
    shared = SentenceVectors()
    first = RunCache(shared=shared).embed(["Police fired tear gas.", "The port is closed."])
    assert len(shared) == 2
    second = RunCache(shared=shared).embed(["Police fired tear gas.", "Talks resume Monday."])
    assert len(shared) == 3
    # lent, not computed again
    assert second["Police fired tear gas."] is first["Police fired tear gas."]
    alone = RunCache().embed(["Police fired tear gas."])["Police fired tear gas."]
    assert np.allclose(alone, first["Police fired tear gas."], atol=1e-6)
    with pytest.raises(ValueError):
        first["The port is closed."][0] = 1.0  # read-only: no run can change another's


def test_oldest_vectors_leave_first() -> None:
    shared = SentenceVectors(max_items=2)
    one = np.zeros(3)
    shared.put_many("m", {"a": one, "b": one})
    assert shared.get_many("m", ["a"]) == {"a": one}  # "a" is now the most recent
    shared.put_many("m", {"c": one})
    assert set(shared.get_many("m", ["a", "b", "c"])) == {"a", "c"}
    assert shared.get_many("other-model", ["a"]) == {}


def test_service_runs_share_vectors_but_not_parses() -> None:
    service = Service()
    first, second = service.context().resources, service.context().resources
    assert isinstance(first, RunCache) and isinstance(second, RunCache)
    assert first.shared is second.shared is service.vectors
    assert first.parses is second.parses is service.parses  # as bytes: each run its own Docs
    assert first is not second


def test_a_service_analyses_a_story_again_the_same_without_parsing_it() -> None:
    from parallax.build import RawArticle, build_article

    bodies = [
        "Police fired tear gas at strikers in the port of Westmark on Friday, officials said.",
        "Officers used tear gas on striking dockworkers at Westmark's port, the union said.",
    ]
    articles = [
        build_article(RawArticle(source=f"s{i}", body=b, outlet=f"Outlet {i}")).article
        for i, b in enumerate(bodies)
    ]
    service = Service()
    first = service.analyse(articles)
    assert len(service.parses) == 2
    again = service.analyse(articles)
    assert len(service.parses) == 2
    strip = {"timings"}
    assert {k: v for k, v in again.to_dict().items() if k not in strip} == {
        k: v for k, v in first.to_dict().items() if k not in strip
    }
