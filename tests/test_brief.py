"""The brief: verbatim, plain wording, cited only where the outlet says it all, in the
order of a wire lede, contested figures marked."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from conftest import example_inputs
from parallax import analyse, compare
from parallax.brief import build_brief
from parallax.brief.item import BriefItem
from parallax.brief.neutral import apply
from parallax.brief.order import lede_order, role
from parallax.brief.support import claims, cuts, figures_differ, supports
from parallax.brief.wording import bare_quote, content, repeats, unattributed
from parallax.build import RawArticle, build_article
from parallax.model import Analysis, Article
from parallax.pipeline import get_stage
from parallax.sections import Mention

STORIES = Path(__file__).resolve().parent.parent / "eval" / "data" / "brief" / "stories.json"


@pytest.fixture(scope="module")
def story() -> Analysis:
    return compare(example_inputs())


def _main(items: tuple[BriefItem, ...]) -> list[BriefItem]:
    return [i for i in items if i.kind != "single" or i.also or i.role == "lede"]


def test_every_brief_sentence_is_an_outlets_own_words_with_citations(story: Analysis) -> None:
    items = story.sections["brief"]
    assert 6 <= len(_main(items)) <= 15
    for item in items:
        art = story.article(item.article)
        assert apply(art.text, item.start, item.end, item.changes) == item.text
        for change in item.changes:  # each change in the sentence, said and explained
            assert item.start <= change.start < change.end <= item.end and change.why
        assert item.article in item.support
        assert not set(item.support) & set(item.also)


def test_the_neutral_wording_is_chosen_over_the_loaded_one(story: Analysis) -> None:
    main = " ".join(i.text for i in _main(story.sections["brief"]))
    assert "strikers" in main
    assert "rioters" not in main.lower() and "thugs" not in main.lower()


def test_the_example_opens_with_what_happened(story: Analysis) -> None:
    first = _main(story.sections["brief"])[0]
    assert first.role == "lede" and "Friday" in first.text and "tear gas" in first.text
    roles = [i.role for i in _main(story.sections["brief"])]
    assert roles.index("reaction") > roles.index("event") > 0
    assert "context" not in roles or roles.index("context") > roles.index("reaction")


def test_conflicting_figures_are_marked_with_each_outlets_figure(story: Analysis) -> None:
    contested = [i for i in story.sections["brief"] if i.note]
    assert contested
    assert any(
        "nearly 150" in (i.note or "") and "At least 112" in (i.note or "") for i in contested
    )


def test_a_quote_without_its_speaker_and_a_repeated_fact_stay_out() -> None:
    assert bare_quote("\u201cBecause our leaders are weak, I said this would happen.\u201d")
    assert not bare_quote("\u201cWe will win,\u201d Trump said.")
    assert unattributed("\u201cWe will find out why this happened,\u201d she said.")
    assert unattributed("He vowed to destroy the group's rule in the region.")
    assert unattributed("Their agents said they were weighing whether to divert.")
    assert not unattributed("\u201cWe will find out why,\u201d Mayor Lina Ortiz said.")
    written = [content("Blinken is making his third trip to Israel since the Hamas attack.")]
    assert repeats("This is Blinken's third trip to Israel since the war began.", written)
    assert not repeats("Israel has allowed more than 260 trucks into Gaza.", written)


def test_an_outlet_supports_a_sentence_only_if_it_says_all_of_it() -> None:
    packed = claims(
        "A section of the Kessel Bridge collapsed into the Ambry River in Riverton on "
        "Tuesday, killing at least six people, and crews pulled 14 people from the water."
    )
    short = claims(
        "Part of the Kessel Bridge in Riverton collapsed into the Ambry River on Tuesday."
    )
    assert not supports(short, packed)  # one clause of three
    first = claims("A section of the Kessel Bridge collapsed into the Ambry River in Riverton")
    assert supports(short, first)
    titled = claims("Rear Adm. Daniel Hagari said troops were in face to face battles.")
    plain = claims("Hagari, the military spokesperson, said troops were in face to face battles.")
    assert supports(plain, titled)  # a title and first name are no claim; the surname is
    assert not supports(claims("Ortiz said troops were in face to face battles."), titled)
    six = claims("At least six people were killed when the bridge fell, officials said.")
    eight = claims("At least eight people were killed when the bridge fell, officials said.")
    assert not supports(eight, six) and figures_differ(eight, six)
    negated = claims("Israel has not responded to the president's suggestion.")
    assert not supports(claims("Israel has responded to the president's suggestion."), negated)


def test_cuts_keep_leading_clauses_never_a_quotation_without_its_verb() -> None:
    text = (
        "The council voted on Monday to raise bus and tram fares, lifting a single ticket "
        "to $3, even as riders protested outside."
    )
    heads = [text[:n] for n in cuts(text)]
    assert heads[0] == "The council voted on Monday to raise bus and tram fares"
    quoted = (
        "\u201cThis is a tax on the people who can least afford it,\u201d Reyes, who chairs it."
    )
    assert list(cuts(quoted)) == []
    inside = "\u201cWe will rebuild, and we will do it together with everyone,\u201d Ortiz said."
    assert list(cuts(inside)) == []


def test_roles_and_the_order_of_a_wire_lede() -> None:
    assert role("A bridge collapsed into the river in Riverton on Tuesday.") == "event"
    assert role("At least 112 people were arrested, police said.") == "event"  # a figure
    assert role("Mayor Ortiz said the city would open an inquiry.") == "reaction"
    assert role("The governor condemned the city's inspection record.") == "reaction"
    assert role("\u201cWe will find out why,\u201d Ortiz said.") == "reaction"
    assert role("The bridge had been scheduled for repairs since 2019.") == "context"

    def item(text: str, support: int, also: int = 0) -> BriefItem:
        ids = ("a", "b", "c")
        return BriefItem(
            text, ids[:support], "partial", None, "a", 0, 1, None, role(text), ids[support:][:also]
        )

    quote = item("\u201cWe will find out why,\u201d Ortiz said.", 3)
    context = item("The bridge had been scheduled for repairs since 2019.", 3)
    traffic = item("Traffic was diverted to the Elm Street crossing on Tuesday.", 2)
    lede = item("A bridge collapsed into the Ambry River in Riverton on Tuesday.", 1, 2)
    ordered = lede_order(
        [quote, context, traffic, lede], [(0, 5), (0, 9), (0, 7), (1, 0)], [2, 8, 4, 0]
    )
    assert ordered == [lede, traffic, quote, context]


def _invented(name: str) -> tuple[Analysis, dict[str, list[tuple[int, int, set[str]]]]]:
    """One of the evaluation's invented stories, with each sentence's labelled claims."""
    (spec,) = [s for s in json.loads(STORIES.read_text("utf-8"))["stories"] if s["id"] == name]
    articles, labels = [], {}
    for n, art in enumerate(spec["articles"]):
        sentences = [e for par in art["paragraphs"] for e in par if not isinstance(e, str)]
        body = "\n".join(
            " ".join("".join(t for t, _ in e) for e in par if not isinstance(e, str))
            for par in art["paragraphs"]
        )
        raw = RawArticle(f"t:{name}:{n}", body, art["title"], art["date"], outlet=art["outlet"])
        article = build_article(raw).article
        spans, at = [], 0
        for sentence in sentences:
            text = "".join(t for t, _ in sentence)
            start = article.text.index(text, at)
            at = start + len(text)
            spans.append((start, at, {c for _, cs in sentence for c in cs}))
        articles.append(article)
        labels[article.id] = spans
    stages = [get_stage(s) for s in ("facts", "voices", "framing", "brief")]
    return analyse(articles, stages=stages), labels


def test_an_invented_story_cites_only_outlets_that_say_it_all() -> None:
    analysis, labels = _invented("bridge")
    items = analysis.sections["brief"]
    cited = 0
    for item in items:
        said = set().union(
            *(c for s, e, c in labels[item.article] if s < item.end and e > item.start)
        )
        for outlet in item.support:
            assert any(said <= c for _s, _e, c in labels[outlet]), (item.text, outlet)
            cited += outlet != item.article
    assert cited >= 6
    main = _main(items)
    assert main[0].text.startswith("A section of the Kessel Bridge collapsed")
    assert main[0].kind == "conflict" and re.findall(r"\[\d\]", main[0].note or "")[1:]
    assert not any("slammed" in i.text or "she said" in i.text for i in items)


@dataclass(frozen=True)
class _Clash:
    """A contradiction as the facts stage gives it (kind, both statements, their facts)."""

    a: Mention
    b: Mention
    facts_a: tuple[str, ...]
    facts_b: tuple[str, ...]
    detail: str = "one says it sounded, the other that it did not"


def test_a_contradiction_is_one_contested_item_with_both_sides_cited() -> None:
    analysis, labels = _invented("plant")
    facts = analysis.sections["facts"]

    def fact_of(claim: str, article: int) -> Any:
        art = analysis.articles[article].id
        start = next(x[0] for x in labels[art] if claim in x[2])
        return next(
            f for f in facts if any(m.article == art and m.start == start for m in f.mentions)
        )

    said, denied = fact_of("alarm", 0), fact_of("alarm-silent", 2)
    clash = _Clash(said.mentions[0], denied.mentions[0], (said.id,), (denied.id,))
    contested = replace(analysis, sections={**analysis.sections, "contradictions": (clash,)})
    items = build_brief(contested)
    marked = [i for i in items if i.fact in (said.id, denied.id)]
    assert len(marked) == 1 and marked[0].kind == "conflict"
    assert "[1] Coastal Press Agency" in (marked[0].note or "")
    assert "[3] Harbour Gazette" in (marked[0].note or "")
    assert marked[0] in _main(tuple(items))
    plain = build_brief(replace(analysis, sections={**analysis.sections, "contradictions": ()}))
    assert not any(i.kind == "conflict" and i.fact == said.id for i in plain)


def test_one_outlet_items_are_shared_out_among_the_outlets(story: Analysis) -> None:
    from parallax.brief.writer import fair_share

    brief = story.sections["brief"]
    lone = [i for i in brief if i.kind == "single" and not i.also and i.role != "lede"]
    assert len({i.article for i in lone}) > 1  # not only the first outlet's
    order = [a.id for a in story.articles]
    first, second = order[0], order[1]
    many = [
        BriefItem(f"A{k}.", (first,), "single", None, first, k * 10, k * 10 + 3) for k in range(6)
    ] + [BriefItem("B.", (second,), "single", None, second, 5, 7)]
    chosen = fair_share(many, 3, story)
    assert [(i.article, i.start) for i in chosen] == [(first, 0), (first, 10), (second, 5)]


def test_a_wording_keeps_its_main_clause() -> None:
    from parallax.brief.clause import keeps_main_clause
    from parallax.runtime import load_nlp

    text = (
        "Not on a trivial matter. At a time when the general has just taken over command, "
        "when the council is voting on funds, it is an affront. The port reopened on Monday."
    )
    doc = load_nlp()(text)
    fragment = text.index(" At")
    second, third = fragment + 1, text.index("The port")
    cut = text.index(", when the council")
    assert not keeps_main_clause(doc, 0, fragment)  # no verb at all
    assert not keeps_main_clause(doc, second, cut)  # a cut before the main verb
    assert keeps_main_clause(doc, second, third - 1)
    assert keeps_main_clause(doc, third, len(text))
    assert keeps_main_clause(None, 0, fragment)  # no parse: nothing to judge by


def article_of(name: str, body: str) -> Article:
    return build_article(RawArticle(source=name, body=body, outlet=name)).article


def test_a_figure_another_outlet_gives_makes_an_item_no_longer_one_outlets() -> None:
    from parallax.brief.writer import _with_figures
    from parallax.voices.compare import NumberGroup
    from parallax.voices.numbers import NumberMention

    left = article_of("a", "Around 800 people left the island over two days, officials said.")
    came = article_of("b", "Some 800 people have reached the mainland by ferry since Monday.")
    alone = article_of("c", "The ferry line added two boats on Tuesday.")
    groups = (
        NumberGroup(
            "people left",
            800.0,
            "agree",
            (
                NumberMention(left.id, 7, 10, "800", 800.0, "count"),
                NumberMention(came.id, 5, 8, "800", 800.0, "count"),
            ),
        ),
    )
    analysis = Analysis(articles=(left, came, alone), sections={"numbers": groups})

    def item(art: Article) -> BriefItem:
        return BriefItem(art.text, (art.id,), "single", None, art.id, 0, len(art.text))

    kept, linked = _with_figures(analysis, [item(left), item(came), item(alone)])
    assert [i.article for i in kept] == [alone.id]
    assert [(i.article, i.also) for i in linked] == [(left.id, (came.id,))]  # said once
