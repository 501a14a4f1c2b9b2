"""The three real articles in ../shared/seeds (not in the repo): what ingestion must show.

Skipped when the seeds are not beside the repository.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import SEEDS
from parallax.contract import validate
from parallax.model import Analysis
from parallax.report import RenderOptions, render
from parallax.report.wire_view import wire_copies

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


@pytest.fixture(scope="module")
def seeds() -> dict:
    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    proc = subprocess.run(
        [sys.executable, "-m", "parallax.cli", "compare", *files, "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)


def test_validates_and_has_three_articles(seeds: dict) -> None:
    assert validate(seeds) == []
    assert len(seeds["articles"]) == 3


def test_dates_and_headline(seeds: dict) -> None:
    first, second, third = seeds["articles"]
    assert first["published"] == second["published"] == "2023-11-03"
    assert third["published"] is None
    assert third["title"].startswith("Israel Continues to Rebuff US Calls")


def test_no_photo_credit_or_video_teaser_in_text(seeds: dict) -> None:
    for art in seeds["articles"]:
        for junk in ("(AP Photo/", "/ Getty Images", "06:25", "(SouthFront.press)", "Author:"):
            assert junk not in art["text"]
    first, second, _third = seeds["articles"]
    assert sum("(AP Photo/" in c for c in first["credits"]) == 4
    assert any("/ Getty Images" in c for c in second["credits"])
    assert any(c.endswith("06:25") for c in second["credits"])
    assert any("contributed to this report" in c for c in first["credits"])


def test_outlet_or_wire_inferred_from_each_text(seeds: dict) -> None:
    first, second, third = seeds["articles"]
    assert first["wire"] == ["Associated Press"]
    assert first["outlet"] == "(outlet unknown) — Associated Press copy"  # not AP itself
    assert first["outlet_evidence"]["method"] == "wire-credit"
    assert second["outlet"] == "CBS News"
    assert second["outlet_evidence"]["method"] == "self-reference"  # "confirmed ... to CBS News"
    assert third["outlet"] == "Antiwar.com"
    assert len(third["authors"]) == 1 and third["authors"][0].endswith("DeCamp")


def test_dateline_and_tricky_sentences(seeds: dict) -> None:
    first = seeds["articles"][0]
    text = first["text"]
    sentences = [text[a:b] for a, b in first["sentences"]]
    assert text[slice(*first["dateline"])] == "KHAN YOUNIS, Gaza Strip — "
    assert any(s.startswith("Spokesman Rear Adm. Daniel Hagari said") for s in sentences)
    assert any("“We are advancing. … Nothing will stop us.”" in s for s in sentences)
    assert not any(s.strip() in ("Rear Adm.", "U.S.") for s in sentences)


def _edits(pair: dict) -> list[tuple[str, str]]:
    return [(e["a_text"], e["b_text"]) for p in pair["passages"] for e in p["edits"]]


def test_wire_copy_between_the_first_two_articles(seeds: dict) -> None:
    ids = [a["id"] for a in seeds["articles"]]
    pairs = {tuple(p["articles"]): p for p in seeds["reuse"]}
    first_two = pairs[(ids[0], ids[1])]
    assert first_two["shared_words"] >= 250
    assert len(first_two["passages"]) >= 10
    assert first_two["source"] == "Associated Press"
    edits = _edits(first_two)
    assert ("terrorists", "militants") in edits
    assert any("Iranian proxy like" in a and "ally of" in b for a, b in edits)


def test_the_second_carries_the_same_wire_copy_and_edits_are_no_ones_wire(seeds: dict) -> None:
    story = Analysis.from_dict(seeds)
    first, second, third = story.articles
    copies = wire_copies(story)
    assert copies[first.id].basis == "credit"
    assert copies[second.id].wire == "Associated Press" and copies[second.id].likely
    assert third.id not in copies
    text = render(story, "text", RenderOptions(width=240))
    assert "[1] Associated Press" not in text
    assert "Associated Press (likely: text shared with [1])" in text
    assert "edits by one of the republishers" in text


def test_the_opinion_piece_shares_almost_nothing(seeds: dict) -> None:
    ids = [a["id"] for a in seeds["articles"]]
    for pair in seeds["reuse"]:
        if ids[2] in pair["articles"]:
            assert pair["shared_words"] < 20


def test_figures_across_the_seeds(seeds: dict) -> None:
    ids = [a["id"] for a in seeds["articles"]]
    by_value = {}
    for group in seeds["numbers"]:
        by_value.setdefault(group["value"], []).append(group)
    (killed,) = [g for g in by_value[9000] if "killed" in g["what"]]
    assert killed["status"] == "agree"
    assert sorted(m["article"] for m in killed["mentions"]) == sorted(ids[:2])
    assert all("Gaza Health Ministry" in m["attribution"] for m in killed["mentions"])
    (children,) = by_value[3700]
    assert children["status"] == "single" and children["articles"] == [ids[1]]
    (hostages,) = [g for g in by_value[240] if "hostage" in g["what"]]
    assert set(hostages["articles"]) == set(ids[:2])
    # "more than 1,400 Israelis" / "1,400 people have died", Israeli authorities say
    (israelis,) = [g for g in by_value[1400] if "killed" in g["what"]]
    assert israelis["status"] == "agree" and israelis["articles"] == sorted(ids[:2])
    # "800 people left Gaza" / "800 people have entered Egypt": one movement
    (crossed,) = by_value[800]
    assert crossed["status"] == "agree" and len(crossed["articles"]) == 2
    whats = [g["what"] for g in seeds["numbers"]]
    assert not {"turned shelter", "conflict widen", "forced"} & set(whats)
    assert not [m for m in seeds["other_figures"] if m["text"] in ("911",)]


def test_voices_across_the_seeds(seeds: dict) -> None:
    ids = [a["id"] for a in seeds["articles"]]
    halevy = [
        q for q in seeds["quotes"] if q["text"] == "fighting in a built-up, dense, complex area"
    ]
    assert sorted(q["article"] for q in halevy) == sorted(ids[:2])
    assert all(q["speaker"] == "Herzi Halevy" for q in halevy)
    speakers = {s["speaker"]: s["articles"] for s in seeds["voices"]["speakers"]}
    assert speakers["John Kirby"] == ids
    assert ids[2] in speakers["Richard Hecht"]


def test_labels_and_loaded_terms_in_the_seeds(seeds: dict) -> None:
    ids = [a["id"] for a in seeds["articles"]]
    actors = {a["name"]: a for a in seeds["actors"]}
    hamas = actors["Hamas"]
    assert hamas["articles"] == ids
    assert any("terrorist" in lab["text"] for lab in hamas["labels"][ids[0]])
    assert any("militant" in lab["text"] for lab in hamas["labels"][ids[1]])
    hezbollah = actors["Hezbollah"]
    first = " ".join(lab["text"] for lab in hezbollah["labels"][ids[0]])
    assert "terrorist group" in first or "Iranian proxy" in first
    assert any("ally of Hamas" in lab["text"] for lab in hezbollah["labels"][ids[1]])
    loaded = seeds["loaded"]
    assert any(t["article"] == ids[2] and t["text"] == "onslaught" for t in loaded)
    terrorists = [t for t in loaded if t["article"] == ids[0] and t["text"] == "terrorists"]
    assert terrorists
    assert any("militants" in [alt["text"] for alt in t["alternatives"]] for t in terrorists)
    texts = {a["id"]: a["text"] for a in seeds["articles"]}

    def found(article: str, phrase: str) -> list[dict]:  # loaded terms inside ``phrase``
        text = texts[article]
        at = text.index(phrase)
        return [
            t for t in loaded if t["article"] == article and at <= t["start"] < at + len(phrase)
        ]

    assert found(ids[0], "terrorist wing") and found(ids[2], "pound")
    (proxy,) = found(ids[0], "Iranian proxy")
    assert any(a.get("article") == ids[1] and "ally of" in a["text"] for a in proxy["alternatives"])


def test_facts_across_the_seeds(seeds: dict) -> None:
    ids = [a["id"] for a in seeds["articles"]]
    facts = seeds["facts"]
    consensus = [f for f in facts if f["kind"] == "consensus"]

    def texts(fact: dict) -> str:
        by_id = {a["id"]: a["text"] for a in seeds["articles"]}
        return " ".join(by_id[m["article"]][m["start"] : m["end"]] for m in fact["mentions"])

    # "reported by all" only when every outlet's sentence says it: no outlet's sentence
    # about another action ("vowed to destroy" / "continued to bomb"), and [2]'s Blinken
    # sentence (aid, not the pause) does not make the pause a fact of all three
    assert not any("vowed" in texts(f) and "bomb" in texts(f) for f in facts)
    assert not any("pause" in texts(f) and "aid to be allowed" in texts(f) for f in consensus)
    assert any("Kirby" in texts(f) and set(ids[:2]) <= set(f["support"]) for f in facts)
    assert sum(1 for f in facts if set(ids[:2]) <= set(f["support"])) >= 12
    for figure, article in (("3,700", ids[1]), ("200,000", ids[0])):
        (fact,) = [f for f in facts if figure in texts(f)]
        assert fact["kind"] == "single" and fact["support"] == [article]
    assert set(seeds["omissions"]) == set(ids)


def test_the_seeds_brief_cites_its_outlets(seeds: dict) -> None:
    brief = seeds["brief"]
    main = [b for b in brief if b["kind"] != "single" or b["also"] or b["role"] == "lede"]
    assert 6 <= len(main) <= 15
    assert "Blinken" in main[0]["text"] and "pause" in main[0]["text"]  # what happened first
    for item in brief:
        outside_quotes = re.sub(r"[\u201c\"][^\u201d\"]*[\u201d\"]", "", item["text"]).lower()
        assert "terrorist" not in outside_quotes and "onslaught" not in outside_quotes


def test_the_seeds_brief_drops_outlet_labels_and_stands_alone(seeds: dict) -> None:
    """No outlet's own label of an actor ([1]'s "an arm of Hamas", [2]'s "an ally of
    Hamas"), no sentence leaning on the one before ("The aim would be ..."); each change
    to the outlet's words is kept with its offsets."""
    from parallax.brief.item import Change
    from parallax.brief.neutral import apply, leans

    text = {a["id"]: a["text"] for a in seeds["articles"]}
    brief = seeds["brief"]
    for item in brief:
        assert not re.search(r"arm of Hamas|ally of Hamas|Iranian proxy", item["text"])
        assert not leans(item["text"]) and not item["text"].startswith("The aim")
        changes = [Change.from_dict(c) for c in item["changes"]]
        assert apply(text[item["article"]], item["start"], item["end"], changes) == item["text"]
    toll = [b for b in brief if "9,000 Palestinians" in b["text"]]
    assert toll and toll[0]["text"].startswith("The Gaza Health Ministry says")
    assert any(c["why"] == "label: arm of Hamas" for c in toll[0]["changes"])
    assert len(toll[0]["support"]) == 2  # without [1]'s label, [2] says it all too


def test_the_seeds_brief_cites_an_outlet_only_for_what_its_own_sentence_says(seeds: dict) -> None:
    """Each citation of another outlet: that outlet's sentence in the fact has every number
    and most words of the brief sentence (a plain check, not the brief's own)."""
    text = {a["id"]: a["text"] for a in seeds["articles"]}
    facts = {f["id"]: f for f in seeds["facts"]}

    def words(t: str) -> set[str]:
        return {w for w in re.findall(r"[a-z]+", t.lower()) if len(w) > 3}

    cited = 0
    for item in seeds["brief"]:
        mine = words(item["text"])
        for outlet in item["support"]:
            if outlet == item["article"]:
                continue
            cited += 1
            theirs = [
                text[m["article"]][m["start"] : m["end"]]
                for m in facts[item["fact"]]["mentions"]
                if m["article"] == outlet
            ]
            assert any(
                set(re.findall(r"\d[\d,]*", item["text"])) <= set(re.findall(r"\d[\d,]*", t))
                and len(mine & words(t)) >= 0.6 * len(mine)
                for t in theirs
            ), item["text"]
    assert cited >= 5
    blinken = [b for b in seeds["brief"] if "Blinken" in b["text"] and "pause" in b["text"]]
    assert blinken and all(len(b["support"]) < 3 for b in blinken)  # no outlet says it all
    bombing = [b for b in seeds["brief"] if "continued to bomb" in b["text"]]
    assert all(len(b["support"]) == 1 for b in bombing)  # "vowed to destroy" does not say it
    facts_in_brief = [b["fact"] for b in seeds["brief"]]
    assert len(facts_in_brief) == len(set(facts_in_brief))


def test_one_voice_and_one_actor_however_each_outlet_names_it(seeds: dict) -> None:
    ids = [a["id"] for a in seeds["articles"]]
    by_id = {a["id"]: a["text"] for a in seeds["articles"]}
    military = [q for q in seeds["quotes"] if q["speaker"] == "Israel Defense Forces"]
    namings = {q["role"] for q in military}
    assert {"the Israeli military", "the IDF", "Military officials"} <= namings
    assert "the Israel Defense Forces (IDF)" in namings
    assert {q["article"] for q in military} == set(ids)
    speakers = {s["speaker"]: s["articles"] for s in seeds["voices"]["speakers"]}
    assert speakers["Israel Defense Forces"] == ids
    assert not {"the IDF", "Military officials", "the Israeli military"} & set(speakers)
    (ministry,) = [a for a in seeds["actors"] if "Health Ministry" in a["name"]]
    labels = {art: [lab["text"] for lab in labs] for art, labs in ministry["labels"].items()}
    assert any("arm of Hamas" in t for t in labels[ids[0]])
    assert "Hamas-controlled" in labels[ids[1]] and "in Hamas-run Gaza" in labels[ids[1]]
    named = {by_id[m["article"]][m["start"] : m["end"]] for m in ministry["mentions"]}
    named = {re.sub(r"^[Tt]he ", "", n) for n in named}
    assert {"Gaza Health Ministry", "Health Ministry"} <= named
