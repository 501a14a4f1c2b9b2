"""Loaded terms judged in context, actors with their labels, alternatives from the story."""

from __future__ import annotations

import pytest

from parallax.build import RawArticle, build_article
from parallax.framing.actors import find_actors
from parallax.framing.lexicon import CATEGORIES, lexicon
from parallax.framing.loaded import find_loaded
from parallax.model import Article
from parallax.runtime import RunCache
from parallax.voices.quotes import quote_regions


def article(body: str, name: str = "a") -> Article:
    return build_article(RawArticle(source=name, body=body, outlet=name)).article


def loaded(body: str) -> list[tuple[str, str, bool]]:
    art = article(body)
    quoted = [
        (p0 + a, p0 + b) for p0, p1 in art.paragraphs for a, b in quote_regions(art.text[p0:p1])
    ]
    return [
        (t.text, t.category, t.quoted)
        for t in find_loaded(art, RunCache().parse([art])[art.id], quoted)
    ]


def test_every_lexicon_entry_has_a_known_category_and_a_source() -> None:
    entries = [e for group in lexicon().values() for e in group]
    assert len(entries) > 100
    assert all(e.category in CATEGORIES and e.source for e in entries)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The regime arrested dozens of students.", [("regime", "label", False)]),
        ("The new tax regime takes effect in May.", []),
        ("The group claimed responsibility for the blast.", []),
        ("The minister claimed that the figures were false.", [("claimed", "doubt-verb", False)]),
        ("Troops stormed the building at dawn.", [("stormed", "violent-verb", False)]),
        ("A storm closed the port for two days.", []),
        ("The champions suffered a crushing defeat on Sunday.", []),
        ("The army's onslaught on the city continued.", [("onslaught", "emotive", False)]),
        ("He was admitted to hospital with burns.", []),
    ],
)
def test_loaded_words_are_judged_in_context(
    sentence: str, expected: list[tuple[str, str, bool]]
) -> None:
    assert loaded(sentence) == expected


def test_a_loaded_word_inside_a_quote_is_the_speakers() -> None:
    got = loaded("“These thugs will pay,” the minister said. Police detained the protesters.")
    assert got == [("thugs", "label", True)]


def test_actor_labels_of_every_kind() -> None:
    art = article(
        "Valdor Liberation Front terrorists attacked the post. The Front, an Ostrian proxy "
        "group, denied it. The VLF-run clinic stayed shut."
    )
    actors = find_actors([art], RunCache().parse([art]))
    (vlf,) = [a for a in actors if a.name == "Valdor Liberation Front"]
    kinds = {(lab.text, lab.kind) for lab in vlf.labels}
    assert ("terrorists", "premodifier") in kinds
    assert any(kind == "appositive" and "proxy" in text for text, kind in kinds)


def test_descriptions_are_mentions_of_the_actor_named_before() -> None:
    art = article(
        "Kestria said on Monday its troops had crossed the river. The military junta denied "
        "that any civilians were hurt. The Valdor Liberation Front said it would fight on, "
        "and the group called for talks."
    )
    actors = {a.name: a for a in find_actors([art], RunCache().parse([art]))}
    kestria = actors["Kestria"]
    assert any(lab.text == "military junta" and lab.kind == "descriptive" for lab in kestria.labels)
    front = actors["Valdor Liberation Front"]
    assert len(front.mentions) == 2  # "the group" is a mention, but no label: it says nothing more
    assert not any(lab.kind == "descriptive" for lab in front.labels)
