"""Loaded terms judged in context, actors with their labels, alternatives from the story."""

from __future__ import annotations

import pytest

from parallax.api import analyse
from parallax.build import RawArticle, build_article
from parallax.framing.actors import find_actors
from parallax.framing.lexicon import CATEGORIES, lexicon
from parallax.framing.loaded import find_loaded
from parallax.model import Analysis, Article
from parallax.report import render
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
        # demoted terms kept (as the framing stage keeps them while it looks for a
        # contrast): this tests the lexicon's reading of a word in its sentence
        for t in find_loaded(art, RunCache().parse([art])[art.id], quoted, keep_demoted=True)
        if t.source != "model"  # the lexicon's terms; the model's are tested below
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


def test_the_model_does_not_flag_a_word_its_context_made_plain() -> None:
    for sentence in ("The champions suffered a crushing defeat on Sunday.", "Storm Ciara hit."):
        art = article(sentence)
        found = find_loaded(art, RunCache().parse([art])[art.id], [])
        assert not any(t.text.lower() in ("crushing", "storm") for t in found)


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


def test_open_vocabulary_judgement_words_are_flagged_with_a_reason() -> None:
    art = article(
        "The senator's reckless, lavish spending spree outraged voters. "
        "The committee met on Tuesday in the capital."
    )
    found = find_loaded(art, RunCache().parse([art])[art.id], [])
    model = [t for t in found if t.source == "model"]
    # not in the lexicon: found in context ("spree", a judgement too, may join it)
    assert any("outraged" in t.text.split() for t in model)
    assert {w for t in model for w in t.text.split()} <= {"outraged", "spree", "spending"}
    assert all("likely loaded" in t.why for t in model)
    (listed,) = [t for t in found if t.source != "model"]
    assert listed.text == "reckless" and listed.why.startswith("listed as")
    assert all(t.why and 0 < t.strength <= 1 for t in found)
    assert all(t.category in CATEGORIES for t in found)
    assert not any(t.text in ("committee", "Tuesday", "met") for t in found)


def test_generic_intensifiers_are_not_flagged_by_the_model() -> None:
    art = article("It was a very long meeting, and the vote was really close.")
    found = find_loaded(art, RunCache().parse([art])[art.id], [])
    assert not any(t.source == "model" and t.text.lower() in ("very", "really") for t in found)


def test_subjectivity_lexicons_are_read_from_the_installed_packages() -> None:
    from parallax.framing.subjectivity import word_scores

    assert word_scores("reckless").valence < 0
    assert word_scores("extreme").subjectivity > 0.5
    assert word_scores("table") == word_scores("zzzz")


def _story(*bodies: tuple[str, str]) -> Analysis:
    return analyse([article(body, name) for name, body in bodies])


def test_others_wrote_is_what_other_outlets_wrote_and_suggestions_are_apart() -> None:
    copy = (
        "Israeli troops clashed with Hamas {} near the border crossing on Monday, "
        "the army said, and the fighting went on into the night. Aid groups said the "
        "crossing would stay closed until further notice, and trucks waited on the road."
    )
    story = _story(("Wire", copy.format("militants")), ("Partisan", copy.format("terrorists")))
    partisan = story.articles[1]
    (term,) = [
        t for t in story.sections["loaded"] if t.article == partisan.id and t.text == "terrorists"
    ]
    written = [a for a in term.alternatives if a.written]
    assert [a.text for a in written] == ["militants"]
    wire = story.articles[0]
    (alt,) = written
    assert alt.article == wire.id and alt.outlet == "Wire"
    assert alt.start is not None and alt.end is not None
    assert wire.text[alt.start : alt.end] == "militants"
    suggested = [a for a in term.alternatives if not a.written]
    assert suggested and all(a.source == "suggestion" for a in suggested)
    assert not term.shared
    text = render(story, "text")
    line = next(x for x in text.splitlines() if x.strip().startswith('[2] "terrorists"'))
    assert "others wrote: militants ([1] Wire)" in line
    assert "fighters" not in line.split("suggested:")[0]


def test_a_word_every_outlet_uses_is_shared_wording() -> None:
    story = _story(
        ("One", "Officials called the bombing a terrorist attack. Three people died in the blast."),
        ("Two", "The government said it was a terrorist attack. The blast killed three people."),
    )
    terms = [t for t in story.sections["loaded"] if t.text == "terrorist"]
    assert len(terms) == 2 and all(t.shared for t in terms)
    text = render(story, "text")
    assert "Shared wording" in text
    own = text.split("Shared wording")[0]
    assert '"terrorist"' not in own.split("per 1,000 words")[1]


def test_a_span_inside_regions_is_found_by_bisection() -> None:
    from parallax.framing.openvocab import within

    inside = within([(50, 60), (0, 10), (20, 45), (22, 30)])
    assert inside(0, 10) and inside(23, 29) and inside(31, 44) and inside(52, 60)
    assert not inside(8, 12) and not inside(44, 47) and not inside(61, 62) and not inside(15, 16)
    assert not within([])(0, 1)


def test_a_term_annotators_rarely_mark_is_shown_only_in_contrast() -> None:
    from parallax.framing.loaded import demotion
    from parallax.framing.openvocab import load_model

    # whichever of the two the fit demoted (both were marked rarely on dev)
    word = next(w for w in ("terrorists", "terrorist") if w in load_model().demoted)
    assert load_model().demoted[word][0] < load_model().demoted[word][1]
    said = f"Police said the {word} fled the village before dawn on Monday."
    art = article(said)
    doc = RunCache().parse([art])[art.id]
    assert not [t for t in find_loaded(art, doc, []) if t.text == word]
    (kept,) = [t for t in find_loaded(art, doc, [], keep_demoted=True) if t.text == word]
    assert demotion(kept) is not None and "annotators of real news marked it" in kept.why
    # in a story: kept where no other outlet used the word (or wrote another in its place,
    # as in the test above); left out where some other outlet used it and some did not
    library = "The mayor opened a new public library in the town on Tuesday."
    story = _story(("One", said), ("Two", library))
    (term,) = [t for t in story.sections["loaded"] if t.text == word]
    assert term.why.endswith("but no other outlet of the story used it")
    story = _story(("One", said), ("Two", said.replace("Monday", "Sunday")), ("Three", library))
    assert not [t for t in story.sections["loaded"] if t.text == word]


def test_a_story_of_several_outlets_has_its_own_operating_point() -> None:
    from dataclasses import replace

    from parallax.framing.openvocab import load_model

    shipped = load_model()
    assert shipped.threshold_for(False) == shipped.threshold
    assert shipped.for_story(False) is shipped
    if shipped.several is not None:
        assert shipped.for_story(True) is shipped.several
        assert shipped.threshold_for(True) == shipped.several.threshold
        assert shipped.several.weights != shipped.weights
    one = article("The senator's brazen, lavish spending spree outraged weary voters.")
    two = article("The senator spent money on a trip, and some voters objected.", "b")
    docs = RunCache().parse([one, two])
    strict = replace(shipped, threshold=1.0, several=replace(shipped, threshold=0.01))
    alone = find_loaded(one, docs[one.id], [], (), strict)
    assert not [t for t in alone if t.source == "model"]
    told = find_loaded(one, docs[one.id], [], (docs[two.id],), strict)
    assert {"outraged", "weary"} <= {w for t in told if t.source == "model" for w in t.text.split()}


def test_a_scare_quoted_phrase_is_one_term() -> None:
    art = article('The White House dismissed the inquiry as a "phony scandal." Voters shrugged.')
    found = find_loaded(art, RunCache().parse([art])[art.id], [])
    (term,) = [t for t in found if "phony" in t.text]
    assert term.text == "phony scandal" and term.category == "scare-quote"
    assert art.text[term.start : term.end] == "phony scandal"
