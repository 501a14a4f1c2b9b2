"""Facts: statements grouped across articles, support, kinds and omissions."""

from __future__ import annotations

from parallax import analyse
from parallax.build import plain_article
from parallax.facts.cluster import FactRecord
from parallax.facts.features import make_unit, number_signals
from parallax.facts.omit import Omissions, omissions
from parallax.pipeline import get_stage


def _story(*texts: str):
    arts = [plain_article(t, f"a{i}") for i, t in enumerate(texts)]
    return analyse(arts, stages=[get_stage("facts")])


def test_copy_and_paraphrase_group_and_unrelated_statements_stay_single() -> None:
    analysis = _story(
        "Police arrested 112 people at the port on Friday. The warehouse fire burned for three hours.",
        "Police arrested 112 people at the port on Friday. A new ferry line opens in May.",
        "On Friday police detained 112 people at the docks. Fans celebrated the cup win downtown.",
    )
    facts = analysis.sections["facts"]
    arrested = [f for f in facts if "arrested 112" in f.text or "detained 112" in f.text]
    assert arrested and arrested[0].kind == "consensus"
    singles = [f for f in facts if f.kind == "single"]
    assert len(singles) == 3
    every = {(m.article, m.start) for f in facts for m in f.mentions}
    assert len(every) == 6  # every sentence belongs to a fact


def test_omissions_are_facts_two_others_report() -> None:
    records = [
        FactRecord(fid, "", tuple(support), "partial", False, ())
        for fid, support in (("f1", "ab"), ("f2", "bc"), ("f3", "a"))
    ]
    found = omissions(records, ["a", "b", "c"])
    assert found == Omissions((("a", ("f2",)), ("b", ()), ("c", ("f1",))))
    assert found.to_dict() == {"a": ["f2"], "b": [], "c": ["f1"]}


def test_different_figures_for_one_measure_are_a_conflict_signal() -> None:
    a = make_unit("a", 0, 0, 10, "More than 9,000 people have been killed, the ministry said.")
    b = make_unit("b", 0, 0, 10, "Some 10,000 people have been killed, the ministry said.")
    share, conflict = number_signals(a, b)
    assert share == 0 and conflict


def test_claims_tell_actors_actions_and_negation_apart() -> None:
    from parallax.facts.claims import claim_of, claim_signals
    from parallax.runtime import load_nlp

    nlp = load_nlp()
    hamas, israel, sent, denied = (
        claim_of(nlp(t))
        for t in (
            "Hamas has continued to fire rockets into Israel.",
            "Israel has also continued to bomb southern Gaza.",
            "Weiner mailed the photo to a student in Seattle.",
            "Weiner did not mail the photo to the student, he said.",
        )
    )
    assert "fire" in hamas.predicates and "continued" not in hamas.predicates
    clash = claim_signals(hamas, israel)
    assert clash.subject_clash and clash.predicate < 1.0
    same_act = claim_signals(sent, denied)
    assert same_act.negation and same_act.predicate == 1.0 and not same_act.subject_clash


def _unit(article: str, index: int, text: str):
    return make_unit(article, index, 0, len(text), text)


def _score(a, b, p: float, vetoed: bool = False):
    from parallax.facts.match import PairScore

    return PairScore(a, b, 0.5, 0.5, 0.0, False, 0.0, p, False, 0.0, vetoed)


def test_a_fact_of_every_article_needs_every_pair_sure_and_none_vetoed() -> None:
    from parallax.facts.cluster import build_facts
    from parallax.options import FactsOptions

    a = _unit("a", 0, "Blinken met Netanyahu in Tel Aviv on Friday.")
    b = _unit("b", 0, "Blinken met the Israeli prime minister on Friday.")
    c = _unit("c", 0, "Blinken was rebuffed in Israel on Friday.")
    opts = FactsOptions(consensus=0.9)

    def kinds(scores):
        facts = build_facts([a, b, c], scores, opts)
        return sorted(sorted(u.article for u in f.members) for f in facts)

    # every pair sure: one fact of all three
    assert kinds([_score(a, b, 0.99), _score(b, c, 0.95), _score(a, c, 0.95)]) == [["a", "b", "c"]]
    # one pair only likely: the weakest statement leaves with its best partner
    assert kinds([_score(a, b, 0.99), _score(b, c, 0.95), _score(a, c, 0.8)]) == [
        ["a", "b"],
        ["b", "c"],
    ]
    # a vetoed pair (different actions) never stands in a fact of all three
    assert ["a", "b", "c"] not in kinds(
        [_score(a, b, 0.99), _score(b, c, 0.97), _score(a, c, 0.97, vetoed=True)]
    )


def test_contradictions_are_found_with_offsets_and_their_facts() -> None:
    from parallax.facts.contradictions import Contradiction, contested

    signed = (
        "Talks went on all week. The port authority signed the pay deal with the union on Friday."
    )
    denied = "The port authority did not sign the pay deal with the union, Jonas Brell said."
    analysis = _story(signed, denied)
    found = analysis.sections["contradictions"]
    assert [c.kind for c in found] == ["polarity"]
    (c,) = found
    assert analysis.article(c.a.article).text[c.a.start : c.a.end].startswith("The port authority")
    assert "did not sign" in analysis.article(c.b.article).text[c.b.start : c.b.end]
    assert c.action in ("signed", "sign") and c.facts_a and c.facts_b
    assert Contradiction.from_dict(c.to_dict()) == c
    assert set(contested(found)) == set(c.facts())


def test_the_same_denial_in_other_words_is_no_contradiction() -> None:
    analysis = _story(
        "Gerrit Pohl did not attend the hearing in Brannock on Monday.",
        "Gerrit Pohl did not attend the Brannock hearing, his lawyer said.",
        "Gerrit Pohl attended a dinner in the capital on Monday evening.",
    )
    assert analysis.sections["contradictions"] == ()


def test_stems_match_the_endings_of_one_verb() -> None:
    from parallax.facts.claims import stem

    assert stem("admitted") == stem("admit")
    assert stem("passed") == stem("pass") == stem("passes")
    assert stem("called") == stem("call") and stem("fired") == stem("fire")


def test_the_same_actors_doing_other_things_are_not_one_fact_of_all() -> None:
    analysis = _story(
        "Blinken arrived in Tel Aviv on Friday. Netanyahu vowed to destroy Hamas rule in the "
        "Gaza Strip.",
        "Blinken landed in Tel Aviv on Friday. Netanyahu vowed to destroy Hamas rule in the "
        "Gaza Strip.",
        "Israel has also continued to bomb southern Gaza despite telling Palestinians to flee "
        "there. Aid trucks waited at the Rafah crossing.",
    )
    by_id = {a.id: a.text for a in analysis.articles}
    for fact in analysis.sections["facts"]:
        said = " ".join(by_id[m.article][m.start : m.end] for m in fact.mentions)
        assert not ("vowed" in said and "bomb" in said), said
    vowed = [f for f in analysis.sections["facts"] if "vowed" in f.text]
    assert vowed and len(vowed[0].support) == 2 and vowed[0].kind == "partial"


def test_views_strip_the_attribution_and_split_the_clauses() -> None:
    from parallax.facts.views import views_of
    from parallax.runtime import load_nlp

    nlp = load_nlp()
    said = views_of(
        nlp(
            "The transport minister told reporters in the capital on Friday that the old "
            "bridge would reopen to traffic on Monday."
        )[:]
    )
    assert "the old bridge would reopen to traffic on Monday" in said
    packed = views_of(
        nlp(
            "Police arrested 112 people at the port on Friday, and a fire destroyed "
            "a warehouse beside the picket line as strikers fought the officers."
        )[:]
    )
    assert any(v.startswith("Police arrested 112 people") and "fire" not in v for v in packed)
    assert any(v.startswith("a fire destroyed a warehouse") for v in packed)
    assert views_of(nlp("The minister said the bridge would reopen on Monday.")[:]) == ()


def test_opposite_happenings_and_attributions_are_no_shared_action() -> None:
    from parallax.facts.claims import claim_of, claim_signals, opposed
    from parallax.runtime import load_nlp

    assert opposed(["began"], ["ended"]) and opposed(["closed"], ["reopened"])
    assert opposed(["suspended"], ["resumed"]) and opposed(["arrested"], ["released"])
    assert not opposed(["began", "ended"], ["ended"])  # a verb in common: no opposition
    assert not opposed(["killed"], ["died"])
    nlp = load_nlp()
    began, ended = (
        claim_of(nlp(t))
        for t in (
            "Dockworkers at Calloway Bay began a 72-hour strike on Monday.",
            "Dockworkers at Calloway Bay ended their 72-hour strike on Thursday.",
        )
    )
    assert claim_signals(began, ended).opposed
    attributed = claim_of(
        nlp("According to the Hamas-controlled ministry, hundreds are still in the north.")
    )
    assert "according" not in attributed.predicates
    assert "controlled" not in attributed.predicates


def test_a_strike_that_began_and_one_that_ended_are_never_reported_by_all() -> None:
    analysis = _story(
        "Dockworkers at Calloway Bay began a 72-hour strike on Monday.",
        "Dockworkers at Calloway Bay began their 72-hour strike on Monday.",
        "Dockworkers at Calloway Bay ended their 72-hour strike on Thursday.",
    )
    facts = analysis.sections["facts"]
    assert not [f for f in facts if f.kind == "consensus"]
    began = [f for f in facts if "began" in f.text and len(f.support) == 2]
    assert began and began[0].support == ("a0", "a1")


def test_a_thing_told_in_two_sentences_joins_the_other_outlets_one() -> None:
    """A statement that is the best match of two sentences of one article (each of which
    has it as its best) makes a fact with each; a lesser match of neither does not."""
    from parallax.facts.cluster import build_facts

    a = _unit("a", 0, "Akin refused to quit the Senate race despite calls from party leaders.")
    b1 = _unit("b", 0, "Party leaders called on Akin to step aside.")
    b2 = _unit("b", 1, "Akin said he would stay in the race.")
    b3 = _unit("b", 2, "The race is close in the polls.")
    a2 = _unit("a", 1, "Polls show a close race.")
    # a's best in b is b1, and b2's best in a is a; b3's best in a is a2, so a-b3 is a
    # lesser match on both sides
    scores = [
        _score(a, b1, 0.95),
        _score(a, b2, 0.75),  # under the old rule (one-sided at 0.8 only) it was lost
        _score(a, b3, 0.7),
        _score(a2, b3, 0.9),
    ]
    facts = build_facts([a, a2, b1, b2, b3], scores)
    pairs = {tuple(sorted((u.article, u.index) for u in f.members)) for f in facts}
    assert (("a", 0), ("b", 0)) in pairs
    assert (("a", 0), ("b", 1)) in pairs
    assert not any(("a", 0) in p and ("b", 2) in p for p in pairs)


def test_an_assertion_and_its_denial_are_never_one_fact() -> None:
    analysis = _story(
        "Dunmore Chemicals said the plant's alarm sounded within minutes of the leak.",
        "Residents said the plant's alarm did not sound at any point during the leak.",
    )
    facts = analysis.sections["facts"]
    assert all(len(f.support) == 1 for f in facts)
    assert [c.kind for c in analysis.sections["contradictions"]] == ["polarity"]


def test_hubs_discount_a_sentence_close_to_everything() -> None:
    import numpy as np

    from parallax.facts.match import hubs

    def v(*xs: float) -> np.ndarray:
        x = np.array(xs, dtype=float)
        return x / np.linalg.norm(x)

    vectors = {"A0": v(1, 1, 1), "A1": v(1, 0, 0), "B0": v(1, 0.1, 0), "B1": v(0, 1, 0.1)}
    units = [_unit("a", 0, "A0"), _unit("a", 1, "A1"), _unit("b", 0, "B0"), _unit("b", 1, "B1")]
    hub = hubs(units, vectors, k=2)
    assert hub[("a", 0, "b")] > hub[("a", 1, "b")]  # the general sentence is close to both
    csls = {
        i: 2 * float(vectors[f"A{i}"] @ vectors["B0"]) - hub[("a", i, "b")] - hub[("b", 0, "a")]
        for i in (0, 1)
    }
    assert csls[1] > csls[0]  # the specific sentence is B0's match


def test_words_quoted_alike_count_with_their_stopwords() -> None:
    from parallax.facts.features import shingle_share

    a = _unit("a", 0, "“I have not done anything wrong,” she said.")
    b = _unit("b", 0, "“I have not done anything wrong.")
    c = _unit("c", 0, "She has done nothing wrong, her lawyer said.")
    assert shingle_share(a, b) == 1.0
    assert shingle_share(a, c) < 0.3


def test_he_or_she_is_the_person_named_just_before() -> None:
    from parallax.facts.claims import claim_of
    from parallax.runtime import load_nlp

    doc = load_nlp()(
        "Rep. Todd Akin spoke to reporters on Monday. He refused to quit the Senate race."
    )
    second = list(doc.sents)[1]
    assert "akin" in claim_of(second).subjects
    alone = load_nlp()("He refused to quit the Senate race.")
    assert claim_of(alone[:]).subjects == ()
