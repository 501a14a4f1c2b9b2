"""Parses and embeddings belong to one run, keyed by the exact text."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from parallax import analyse
from parallax.build import RawArticle, build_article
from parallax.runtime import RunCache, chunks

LINES = [
    "The mayor of Riverton spoke on Monday as the water fell.",
    "“We will rebuild every bridge,” Mayor Ana Lind said at the town hall.",
    "Crews have cleared 40 roads, according to the county engineer.",
]


def test_texts_that_differ_only_in_paragraph_breaks_get_their_own_parse() -> None:
    joined = build_article(RawArticle(source="a", body=" ".join(LINES), outlet="A")).article
    split = build_article(RawArticle(source="b", body="\n".join(LINES), outlet="B")).article
    assert joined.text != split.text and joined.content_hash == split.content_hash
    analysis = analyse([joined, split])
    quotes = analysis.sections["quotes"]
    assert {q.article for q in quotes} == {joined.id, split.id}
    for q in quotes:
        assert analysis.article(q.article).text[q.start : q.end] == q.text


def test_a_run_keeps_every_parse_it_made_however_many() -> None:
    articles = [
        build_article(RawArticle(source=f"s{i}", body=f"Story {i} said the council.")).article
        for i in range(600)
    ]
    docs = RunCache().parse(articles)
    assert len(docs) == 600
    assert all(docs[a.id].text == a.text for a in articles)


def test_runs_do_not_share_their_caches() -> None:
    first, second = RunCache(), RunCache()
    first.embed(["Crews cleared the roads."])
    assert first.embedded == 1 and second.embedded == 0


def test_long_texts_are_parsed_in_pieces_with_exact_offsets() -> None:
    """spaCy refuses texts over a million characters (E088): long ones are parsed in
    pieces cut at paragraph breaks and joined back, so offsets still point into the text."""
    from parallax.model import Analysis
    from parallax.pipeline import Context, Pipeline, get_stage

    body = "\n".join(LINES * 6)
    arts = [build_article(RawArticle(source=s, body=body, outlet=s)).article for s in ("a", "b")]
    cache = RunCache(chunk_chars=150)
    docs = cache.parse(arts)
    for art in arts:
        assert docs[art.id].text == art.text and len(art.text) > 150
    done = Pipeline([get_stage("voices")]).run(
        Analysis(articles=tuple(arts)), Context(resources=cache), debug=True
    )
    quotes = done.sections["quotes"]
    assert quotes and all(done.article(q.article).text[q.start : q.end] == q.text for q in quotes)
    assert {q.speaker for q in quotes if q.direct} == {"Ana Lind"}


@given(st.text(alphabet=st.sampled_from(list("ab \n")), max_size=400), st.integers(1, 40))
def test_pieces_join_back_to_the_text(text: str, size: int) -> None:
    pieces = list(chunks(text, size))
    assert "".join(pieces) == text
    assert all(piece for piece in pieces)


def test_embeddings_prefetched_in_the_background_are_the_ones_embed_gives() -> None:
    cache = RunCache()
    cache.prefetch_embed(LINES)
    got = cache.embed(LINES[:2])  # waits for the background work, then reuses it
    assert cache.embedded == 3  # the third line came from the prefetch too
    fresh = RunCache().embed(LINES)
    for text in LINES[:2]:
        assert (got[text] == fresh[text]).all()
    assert (cache.embed(LINES[2:])[LINES[2]] == fresh[LINES[2]]).all()


def test_a_long_storys_sentences_are_not_prefetched(monkeypatch: pytest.MonkeyPatch) -> None:
    from parallax import runtime

    monkeypatch.setattr(runtime, "PREFETCH_TEXTS", 2)
    cache = RunCache()
    cache.prefetch_embed(LINES + LINES[:1])  # three distinct texts: over the limit
    cache.embed(LINES[:1])  # would wait for a prefetch
    assert cache.embedded == 1  # no whole vector was made in advance
    cache.prefetch_embed(LINES[1:])
    cache.embed(LINES[1:2])
    assert cache.embedded == 3  # at the limit: prefetched


def test_a_long_storys_prefetch_runs_the_first_layers_that_framing_and_facts_share(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """(#16) Past the limit the prefetch gives every text's layer-3 states (what word
    choice reads); ``embed`` then runs only the last layers from them."""
    from parallax import runtime
    from parallax.minilm import MiniLM

    monkeypatch.setattr(runtime, "PREFETCH_TEXTS", 2)
    cache = RunCache()
    cache.prefetch_embed(LINES)
    got = cache.embed(LINES[:1])
    assert cache.embedded == 1 and set(cache._states) == set(LINES)
    kept = dict(cache._states)
    states = cache.token_states(LINES)
    assert all(states[t] is kept[t] for t in LINES)  # no second pass for framing
    alone = MiniLM().states(LINES, 3, batch_size=32)
    for text, expected in zip(LINES, alone, strict=True):
        assert np.array_equal(states[text].states, expected.states)
    whole = RunCache().embed(LINES[:1])[LINES[0]]
    assert np.allclose(got[LINES[0]], whole, atol=1e-6)  # float32 rounding only
    small = RunCache()
    small.state_bytes = 0  # nothing could be kept: nothing is computed in advance
    small.prefetch_embed(LINES)
    small.embed(LINES[:1])
    assert small._states == {} and small.embedded == 1


def test_a_failed_prefetch_leaves_embed_working() -> None:
    cache = RunCache()
    cache.prefetch_embed([None])  # type: ignore[list-item]  # the tokenizer refuses it
    assert set(cache.embed(LINES)) == set(LINES)  # no deadlock: the lock was released


def _token_view(doc: object) -> list[tuple[object, ...]]:
    return [
        (t.idx, t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start)
        for t in doc  # type: ignore[attr-defined]
    ]


def test_a_later_run_rebuilds_earlier_parses_as_its_own_objects() -> None:
    from parallax.runtime import ParseBytes

    shared = ParseBytes()
    articles = [
        build_article(RawArticle(source=f"p{i}", body=line, outlet=f"O{i}")).article
        for i, line in enumerate(LINES)
    ]
    first = RunCache(parses=shared).parse(articles[:2])
    assert len(shared) == 2
    second = RunCache(parses=shared).parse(articles)  # one new article: parsed; two rebuilt
    assert len(shared) == 3
    fresh = RunCache().parse(articles)
    for art in articles[:2]:
        assert second[art.id] is not first[art.id]  # no run holds another's Doc
        assert _token_view(second[art.id]) == _token_view(fresh[art.id])
        assert [e.text for e in second[art.id].ents] == [e.text for e in fresh[art.id].ents]


def test_parses_are_dropped_oldest_first_past_their_size() -> None:
    from parallax.runtime import ParseBytes

    shared = ParseBytes(max_bytes=10)
    shared.put("a", b"12345")
    shared.put("b", b"12345")
    assert shared.get("a") == b"12345"  # now the most recent
    shared.put("c", b"123")
    assert (shared.get("a"), shared.get("b"), shared.get("c")) == (b"12345", None, b"123")
    assert shared.size == 8


def test_token_states_reuse_the_states_of_the_embedding_pass() -> None:
    """The facts stage's embedding pass keeps the layer-3 states framing reads: no
    second encoder pass, and the states are those of that very pass."""
    from parallax.minilm import MiniLM

    cache = RunCache()
    cache.embed(LINES)
    kept = dict(cache._states)
    assert set(kept) == set(LINES)
    states = cache.token_states(LINES)
    assert all(states[t] is kept[t] for t in LINES)  # reused, not recomputed
    _, same_pass = MiniLM().encode_with_states(LINES, 3, batch_size=32)
    for text, expected in zip(LINES, same_pass, strict=True):
        assert np.array_equal(states[text].states, expected.states)
        assert not states[text].states.flags.writeable  # a later run may read them


def test_token_states_of_texts_not_embedded_stop_at_their_layer() -> None:
    from parallax.minilm import MiniLM

    cache = RunCache()
    states = cache.token_states(LINES)
    assert cache.embedded == 0  # no sentence vector was made for them
    _, full = MiniLM().encode_with_states(LINES, 3, batch_size=32)
    for text, expected in zip(LINES, full, strict=True):
        assert states[text].offsets == expected.offsets
        assert np.array_equal(states[text].states, expected.states)  # the same batches
    again = cache.token_states(LINES[:1])[LINES[0]]
    assert again is states[LINES[0]]  # kept for the rest of the run


def test_kept_states_stay_within_their_budget_and_are_shared_across_runs() -> None:
    from parallax.runtime import SentenceVectors

    cache = RunCache()
    cache.state_bytes = 0
    cache.embed(LINES)
    assert cache._states == {}  # over budget: framing runs the encoder itself
    fresh = RunCache().token_states(LINES)
    got = cache.token_states(LINES)
    for text in LINES:
        assert np.allclose(got[text].states, fresh[text].states, atol=1e-5)  # batch rounding
    shared = SentenceVectors(max_state_bytes=10**9)
    first = RunCache(shared=shared)
    first.embed(LINES)
    later = RunCache(shared=shared).token_states(LINES)  # a later run of the service
    assert all(later[t] is first._states[t] for t in LINES)
    small = SentenceVectors(max_state_bytes=max(s.states.nbytes for s in later.values()))
    small.put_states(3, later)  # the oldest go first
    assert set(small.get_states(3, LINES)) == {LINES[2]}
    assert small.state_bytes == later[LINES[2]].states.nbytes <= small.max_state_bytes


def test_a_story_is_the_same_whether_framing_reuses_the_states_or_makes_its_own() -> None:
    from pathlib import Path

    from parallax.model import Analysis
    from parallax.pipeline import Context, Pipeline, default_stages

    data = Path(__file__).parent / "data"
    arts = tuple(
        build_article(RawArticle(source=n, body=(data / n).read_text("utf-8"), outlet=n)).article
        for n in ("article_a.txt", "article_b.txt")
    )

    def run(cache: RunCache) -> dict[str, object]:
        done = Pipeline(default_stages()).run(
            Analysis(articles=arts), Context(resources=cache), debug=True
        )
        return dict(done.sections)

    reused, own = RunCache(), RunCache()
    own.state_bytes = 0  # nothing kept from the facts stage's pass
    first, second = run(reused), run(own)
    assert reused._states and reused._kept_bytes > 0
    assert first["loaded"] and first == second
