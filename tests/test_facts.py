"""Facts: statements grouped across articles, support, kinds and omissions."""

from __future__ import annotations

from parallax import analyse
from parallax.build import plain_article
from parallax.facts.cluster import FactRecord, Omissions, omissions
from parallax.facts.features import make_unit, number_signals
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
