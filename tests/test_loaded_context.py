"""The loaded-word model reads each word in its sentence (the encoder's layer-3 state)."""

from __future__ import annotations

import numpy as np

from parallax.build import plain_article
from parallax.framing.context import own_states, word_vectors
from parallax.framing.loaded import scored_words
from parallax.framing.openvocab import load_model
from parallax.runtime import RunCache

TEXT = (
    "The senator attacked the harsh regime in a speech on Monday.\n\n"
    "Farmers said the harsh winter killed half of the crop."
)


def test_word_states_from_the_run_cache_are_the_encoders() -> None:
    art = plain_article(TEXT, "a")
    cache = RunCache()
    doc = cache.parse([art])[art.id]
    tokens = [t for t in doc if t.is_alpha]
    ours = word_vectors(art.text, art.sentences, tokens, cache.token_states)
    theirs = word_vectors(art.text, art.sentences, tokens, own_states)
    assert set(ours) == set(theirs) == {t.i for t in tokens}
    for i, vector in ours.items():
        assert vector.shape == (384,) and np.allclose(vector, theirs[i], atol=1e-5)
    assert cache.embedded == 0  # the encoder stopped after layer 3: no sentence vector
    harsh = [t.i for t in tokens if t.lower_ == "harsh"]
    assert not np.allclose(ours[harsh[0]], ours[harsh[1]])  # one word, two contexts
    assert word_vectors(art.text, (), tokens, cache.token_states) == {}


def test_the_shipped_model_weighs_the_word_in_its_sentence() -> None:
    model = load_model()
    assert len(model.context) == 384
    art = plain_article(TEXT, "a")
    doc = RunCache().parse([art])[art.id]
    _, scored = scored_words(art, doc, [], (), model)
    harsh = [(p, f) for tok, p, _, f in scored if tok.lower_ == "harsh"]
    assert len(harsh) == 2
    (p1, f1), (p2, f2) = harsh
    assert f1["context"] != 0.0 and f1["context"] != f2["context"]
    # the other features of the two are alike: the sentence makes "harsh" said of a
    # regime likelier loaded than "harsh" said of a winter
    assert f1["context"] > f2["context"] and p1 > p2
