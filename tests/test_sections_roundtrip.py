"""Every section has one type, and it round-trips: ``load(to_jsonable(x)) == x``.

An analysis written to JSON and read back equals the analysis that was written, and
every stage run again on the reloaded analysis gives the same sections as the first run.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS, example_inputs
from parallax import compare
from parallax.brief import BriefItem
from parallax.facts.cluster import FactRecord
from parallax.facts.contradictions import Contradiction
from parallax.facts.omit import NearMiss, Omissions
from parallax.framing import OutletFraming
from parallax.framing.actors import ActorRecord, Label
from parallax.framing.loaded import Alternative, Loaded
from parallax.model import Analysis, to_jsonable
from parallax.pipeline import BUILTIN_STAGES, Context, Pipeline, default_stages, get_stage
from parallax.reuse.model import CopyGroup, Edit, PairReuse, Passage, ReuseSummary, Substitution
from parallax.runtime import RunCache
from parallax.sections import Mention, loader, registered
from parallax.voices.compare import (
    NumberGroup,
    QuotedIn,
    SharedQuote,
    SpeakerCount,
    VoicesSummary,
)
from parallax.voices.numbers import NumberMention
from parallax.voices.quotes import Quote

# -- real stories: JSON and back, and every stage again on what was read back --------

STORIES = ["example", "seeds"]


def _inputs(name: str) -> list[str]:
    if name == "example":
        return example_inputs()
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    return sorted(str(p) for p in SEEDS.glob("*.txt"))


@pytest.fixture(scope="module", params=STORIES)
def story(request: pytest.FixtureRequest) -> tuple[Analysis, Analysis]:
    """(the analysis as made, the analysis read back from its JSON)."""
    made = compare(_inputs(request.param))
    again = Analysis.from_dict(json.loads(json.dumps(made.to_dict())))
    return made, again


def test_every_section_reads_back_equal(story: tuple[Analysis, Analysis]) -> None:
    made, again = story
    assert set(again.sections) == set(made.sections)
    for name, value in made.sections.items():
        assert again.sections[name] == value, name
        assert type(again.sections[name]) is type(value), name


def test_the_whole_analysis_reads_back_equal(story: tuple[Analysis, Analysis]) -> None:
    made, again = story
    assert again == made


def test_the_reloaded_analysis_writes_the_same_json(story: tuple[Analysis, Analysis]) -> None:
    made, again = story
    assert json.dumps(again.to_dict()) == json.dumps(made.to_dict())


@pytest.mark.parametrize("name", BUILTIN_STAGES)
def test_every_stage_runs_again_on_the_reloaded_analysis(
    story: tuple[Analysis, Analysis], name: str
) -> None:
    made, again = story
    st = get_stage(name)
    without = replace(
        again, sections={k: v for k, v in again.sections.items() if k not in st.assigns}
    )
    rerun = Pipeline([st]).run(without, Context(resources=RunCache()), debug=True)
    assert set(rerun.sections) == set(made.sections)
    for section in made.sections:
        assert rerun.sections[section] == made.sections[section], section
    assert [w for w in rerun.warnings if w.stage == name] == [
        w for w in made.warnings if w.stage == name
    ]


# -- every section type, with any field values ---------------------------------------

text = st.text(max_size=12)
maybe_text = st.none() | text
number = st.integers(min_value=-(2**40), max_value=2**40)
real = st.floats(allow_nan=False, allow_infinity=False)
maybe_real = st.none() | real
offsets = st.tuples(number, number)


def tuples(elements: st.SearchStrategy[Any], max_size: int = 3) -> st.SearchStrategy[Any]:
    return st.lists(elements, max_size=max_size).map(tuple)


def keyed(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A mapping as the section types hold one: a tuple of (key, value), keys unique."""
    return st.dictionaries(text, values, max_size=3).map(lambda d: tuple(d.items()))


mention = st.builds(Mention, text, number, number)
edit = st.builds(Edit, op=text, a=offsets, b=offsets, a_text=text, b_text=text)
passage = st.builds(
    Passage,
    a=offsets,
    b=offsets,
    shared_words=number,
    a_words=number,
    b_words=number,
    edits=tuples(edit),
)
pair_reuse = st.builds(
    PairReuse,
    articles=st.tuples(text, text),
    shared_words=number,
    share=st.tuples(real, real),
    passages=tuples(passage),
    source=maybe_text,
    source_evidence=maybe_text,
)
reuse_summary = st.builds(
    ReuseSummary,
    groups=tuples(
        st.builds(
            CopyGroup,
            articles=tuples(text),
            pivot=text,
            words=number,
            spans=tuples(offsets),
            source=maybe_text,
        )
    ),
    substitutions=tuples(
        st.builds(
            Substitution,
            articles=st.tuples(text, text),
            outlets=st.tuples(text, text),
            a_text=text,
            b_text=text,
            count=number,
        )
    ),
)
fact = st.builds(
    FactRecord,
    id=text,
    text=text,
    support=tuples(text),
    kind=text,
    conflict=st.booleans(),
    mentions=tuples(mention),
)
omissions = st.builds(Omissions, by_article=keyed(tuples(text)))
contradiction = st.builds(
    Contradiction,
    kind=text,
    a=mention,
    b=mention,
    facts_a=tuples(text),
    facts_b=tuples(text),
    action=text,
    detail=text,
)
near_miss = st.builds(NearMiss, text, text, number, number, real)
quote = st.builds(
    Quote,
    article=text,
    start=number,
    end=number,
    text=text,
    speaker=maybe_text,
    direct=st.booleans(),
    role=maybe_text,
    verb=maybe_text,
)
figure = st.builds(  # as the sections hold figures: without event and noun
    NumberMention,
    article=text,
    start=number,
    end=number,
    text=text,
    value=maybe_real,
    kind=text,
    qualifier=maybe_text,
    what=maybe_text,
    event=st.none(),
    noun=st.none(),
    scope=maybe_text,
    attribution=maybe_text,
)
number_group = st.builds(
    NumberGroup,
    what=text,
    value=maybe_real,
    status=text,
    mentions=tuples(figure),
    note=maybe_text,
)
shared_quote = st.builds(
    SharedQuote,
    speaker=maybe_text,
    text=text,
    versions=tuples(st.tuples(text, number, number, text)),
)
voices = st.builds(
    VoicesSummary,
    by_article=keyed(tuples(st.builds(SpeakerCount, text, number, number, number))),
    speakers=tuples(st.builds(QuotedIn, text, tuples(text))),
    shared_quotes=tuples(shared_quote),
)
labels = st.dictionaries(
    text, st.lists(st.tuples(number, number, text, text), max_size=3), max_size=3
).map(
    lambda d: tuple(
        (article, tuple(Label(article, s, e, t, k) for s, e, t, k in found))
        for article, found in d.items()
    )
)
actor = st.builds(
    ActorRecord,
    name=text,
    type=text,
    articles=tuples(text),
    mentions=tuples(mention),
    labels=labels,
)
loaded = st.builds(  # as the section holds terms: without the lexicon's neutral words
    Loaded,
    article=text,
    start=number,
    end=number,
    text=text,
    category=text,
    quoted=st.booleans(),
    neutral=st.just(()),
    source=text,
    alternatives=tuples(st.builds(Alternative, text, text, maybe_text, maybe_text)),
)
framing_row = st.builds(
    OutletFraming,
    article=text,
    outlet=text,
    words=number,
    loaded=number,
    loaded_quoted=number,
    per_1000_words=real,
    by_category=keyed(number),
    top_labels=keyed(text),
)
brief_item = st.builds(
    BriefItem,
    text=text,
    support=tuples(text),
    kind=text,
    fact=maybe_text,
    article=maybe_text,
    start=st.none() | number,
    end=st.none() | number,
    note=maybe_text,
)

SECTIONS: dict[str, st.SearchStrategy[Any]] = {
    "reuse": tuples(pair_reuse),
    "reuse_summary": reuse_summary,
    "facts": tuples(fact),
    "omissions": omissions,
    "contradictions": tuples(contradiction),
    "near_misses": tuples(near_miss),
    "quotes": tuples(quote),
    "numbers": tuples(number_group),
    "other_figures": tuples(figure),
    "voices": voices,
    "actors": tuples(actor),
    "loaded": tuples(loaded),
    "framing": tuples(framing_row),
    "brief": tuples(brief_item),
}


def test_every_section_a_default_stage_assigns_has_a_loader() -> None:
    assigned = {name for st in default_stages() for name in st.assigns}
    assert assigned <= set(registered())
    assert set(registered()) == set(SECTIONS)  # and each has a strategy below


@pytest.mark.parametrize("name", sorted(SECTIONS))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_section_value_round_trips(name: str, data: st.DataObject) -> None:
    value = data.draw(SECTIONS[name])
    load = loader(name)
    assert load is not None
    assert load(to_jsonable(value)) == value
    assert load(json.loads(json.dumps(to_jsonable(value)))) == value
