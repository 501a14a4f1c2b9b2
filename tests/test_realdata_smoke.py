"""Real articles through the whole pipeline: no stage may fail, every offset must hold.

A deterministic sample of ``../shared/realdata`` (BASIL events of three outlets, and
PolNeAR and PTC articles paired two by two) is cleaned like real input and analysed
with ``PARALLAX_DEBUG=1``, so an internal error raises instead of becoming a
``stage-failed`` warning.  ``make fuzz`` runs every story.  Skipped when the folder is
absent; nothing of its text is stored here.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "eval"))

import realdata
from checked import analyse_checked

SAMPLE = {"basil": 5, "polnear": 4, "ptc": 4}


@pytest.fixture(scope="module")
def sample() -> list[realdata.Story]:
    if not realdata.available():
        pytest.skip(f"no real data at {realdata.root()} (set PARALLAX_REALDATA to its folder)")
    return realdata.sample(SAMPLE)


def test_the_sample_is_stable_and_spread() -> None:
    if not realdata.available():
        pytest.skip(f"no real data at {realdata.root()}")
    first = [s.id for s in realdata.sample(SAMPLE)]
    assert first == [s.id for s in realdata.sample(SAMPLE)]
    assert {s.corpus for s in realdata.sample(SAMPLE)} <= set(realdata.CORPORA)
    basil = realdata.stories(corpora=("basil",))
    assert all(len(s.articles) == 3 for s in basil)
    assert all(len({a.outlet for a in s.articles}) == 3 for s in basil)


def test_real_stories_run_without_internal_errors(
    sample: list[realdata.Story], record_property: Callable[[str, object], None]
) -> None:
    started = time.perf_counter()
    failures: list[str] = []
    articles = 0
    for story in sample:
        built = realdata.build_story(story)
        articles += len(built)
        try:
            _, problems = analyse_checked(built)
        except Exception as exc:
            failures.append(f"{story.id}: {type(exc).__name__}: {exc}")
            continue
        failures += [f"{story.id}: {p}" for p in problems]
    took = time.perf_counter() - started
    print(f"\nrealdata smoke: {len(sample)} stories, {articles} articles in {took:.1f} s")
    record_property("stories", len(sample))
    record_property("articles", articles)
    assert not failures, "\n".join(failures)
