"""The brief's own changes to an outlet's words: an outlet's own label of an actor
dropped where the sentence stands without it, a pronoun speaker named from the voices
stage, a sentence that leans on the one before kept out."""

from __future__ import annotations

from parallax import analyse
from parallax.brief.item import BriefItem, Change
from parallax.brief.neutral import Speakers, _drop, apply, leans, office, resolve
from parallax.build import RawArticle, build_article
from parallax.framing.labels import Label
from parallax.pipeline import get_stage
from parallax.voices.quotes import Quote


def _label(text: str, phrase: str, kind: str) -> Label:
    start = text.index(phrase)
    return Label("a", start, start + len(phrase), phrase, kind)


def _name(text: str, name: str) -> list[tuple[int, int]]:
    start = text.index(name)
    return [(start, start + len(name))]


def _dropped(text: str, change: Change | None) -> str:
    assert change is not None
    return apply(text, 0, len(text), [change])


def test_labels_the_sentence_stands_without_are_dropped() -> None:
    text = "On Thursday, Hezbollah, an ally of Hamas, attacked Israeli positions."
    change = _drop(text, _label(text, "ally of Hamas", "appositive"), _name(text, "Hezbollah"))
    assert _dropped(text, change) == "On Thursday, Hezbollah attacked Israeli positions."
    text = "The attack was claimed by Hezbollah, an Iranian proxy like Hamas."
    label = _label(text, "Iranian proxy like Hamas", "appositive")
    assert _dropped(text, _drop(text, label, [])) == "The attack was claimed by Hezbollah."
    text = "Casualties rose, according to the Hamas-controlled Gaza Health Ministry, on Friday."
    label = _label(text, "Hamas-controlled", "premodifier")
    assert _dropped(text, _drop(text, label, [])) == (
        "Casualties rose, according to the Gaza Health Ministry, on Friday."
    )
    text = "Officials in Lebanon said the Hezbollah terrorist group fired rockets."
    label = _label(text, "terrorist group", "premodifier")
    change = _drop(text, label, _name(text, "Hezbollah"))
    assert _dropped(text, change) == "Officials in Lebanon said the Hezbollah fired rockets."
    text = "The VLF is a terrorist organisation, the minister said."
    assert _drop(text, _label(text, "terrorist organisation", "predicate"), []) is None


def test_an_office_is_who_someone_is_not_a_label() -> None:
    assert office("military spokesperson")
    assert office("chairman of the Republican National Committee")
    assert office("No. 2 Republican in the Senate")
    assert office("general-secretary of the U.N. agency for Palestinian refugees")
    assert not office("arm of Hamas")
    assert not office("Iranian proxy like Hamas")
    assert not office("terrorist group")


def _speakers(text: str, quotes: list[tuple[str, str]]) -> Speakers:
    """Speakers of article "a": each quote (its words in ``text``, its speaker); no
    person named anywhere."""
    found = []
    for words, speaker in quotes:
        at = text.index(words)
        found.append(Quote("a", at, at + len(words), words, speaker, False, None, "said"))
    return Speakers({"a": tuple(found)}, {})


def _resolved(text: str, sentence: str, speakers: Speakers) -> str:
    start = text.index(sentence)
    end = start + len(sentence)
    return apply(text, start, end, resolve(text, start, end, "a", speakers))


def test_a_pronoun_speaker_is_named_from_the_voices_stage() -> None:
    first = "Dr. Ines Carvalho said most of the injured had cuts and bruises. "
    second = "Two people were in serious condition, she said, and dozens more were treated."
    text = first + second
    speakers = _speakers(text, [("Two people were in serious", "Ines Carvalho")])
    assert _resolved(text, second, speakers) == second  # no one named before: left alone
    assert leans(second)
    speakers = Speakers(speakers.quotes, {"a": ((text.index("Ines"), "Ines Carvalho"),)})
    named = _resolved(text, second, speakers)
    assert named == (
        "Two people were in serious condition, [Ines Carvalho] said, and dozens more were treated."
    )
    assert not leans(named)
    # the voices stage and the last person named disagree: nothing is named
    text = "Netanyahu met Blinken. Blinken's aides waited. He vowed to destroy Hamas rule."
    vowed = "He vowed to destroy Hamas rule."
    quote = [("vowed to destroy Hamas rule", "Benjamin Netanyahu")]
    misread = Speakers(
        _speakers(text, quote).quotes,
        {"a": ((0, "Benjamin Netanyahu"), (text.index("Blinken's"), "Antony Blinken"))},
    )
    assert _resolved(text, vowed, misread) == vowed
    agreed = Speakers(misread.quotes, {"a": ((0, "Benjamin Netanyahu"),)})
    assert _resolved(text, vowed, agreed).startswith("[Benjamin Netanyahu] vowed")
    # the voices stage's speaker in other words ending with the name: the actor's name
    worded = Speakers(
        _speakers(
            text, [("vowed to destroy Hamas rule", "the prime minister, Benjamin Netanyahu")]
        ).quotes,
        agreed.named,
    )
    assert _resolved(text, vowed, worded).startswith("[Benjamin Netanyahu] vowed")
    # a name inside a quotation is not who "he" is
    text = "\u201cThis is not a war of Obama\u2019s choosing,\u201d the letter said. He added more."
    quote = [("added more", "Barack Obama")]
    inside = Speakers(
        _speakers(text, quote).quotes, {"a": ((text.index("Obama"), "Barack Obama"),)}
    )
    assert _resolved(text, "He added more.", inside) == "He added more."


def test_sentences_that_lean_on_the_one_before() -> None:
    assert leans("The aim would be to let in aid for Palestinians and let out the wounded.")
    assert leans("This is Blinken's third trip to Israel since the war began.")
    assert leans("It follows President Joe Biden's suggestion for a humanitarian pause.")
    assert leans("The next day, he clarified that he was merely commenting on freedoms.")
    assert leans("The move follows weeks of talks between the two sides.")
    assert leans("Democrats want them extended for all but the wealthy.")
    assert not leans("The aim of the pause would be to let in aid for Palestinians.")
    assert leans("[Daniel Hagari] said they were inflicting heavy losses on the enemy.")
    assert leans("[Maria Lopez] added that it would reopen on Monday.")
    assert not leans("[Maria Lopez] said she would reopen the port on Monday.")
    assert not leans("Port officials said they would reopen the terminal on Monday.")
    assert leans("Israel has not openly responded to Biden\u2019s suggestion.")
    assert leans("The union rejected the proposal.")
    assert not leans("The union rejected the proposal of a two-year contract.")
    assert not leans("The union rejected a proposal for a two-year contract.")
    assert not leans("The Israeli military said it retaliated with warplanes.")
    assert not leans("Hezbollah attacked Israeli positions in the north on Thursday.")
    none = Speakers({}, {})
    text = "At the same time, the Biden administration has pushed for more aid."
    changes = resolve(text, 0, len(text), "a", none)
    assert apply(text, 0, len(text), changes) == "The Biden administration has pushed for more aid."
    text = "But, in a surprise move, Senate Democrats agreed to the deal."
    changes = resolve(text, 0, len(text), "a", none)
    assert apply(text, 0, len(text), changes).startswith("In a surprise move, Senate Democrats")
    text = "Then an unseen announcer concludes that the world needs strength."
    changes = resolve(text, 0, len(text), "a", none)
    assert apply(text, 0, len(text), changes).startswith("An unseen announcer concludes")


def test_a_brief_item_round_trips_with_its_changes() -> None:
    item = BriefItem(
        "Hezbollah attacked.",
        ("a",),
        "single",
        None,
        "a",
        0,
        40,
        changes=(Change(9, 24, "", "label: ally of Hamas"),),
    )
    assert BriefItem.from_dict(item.to_dict()) == item


PAGES = {
    "Valley Courier": (
        "Harbor Fire Spreads",
        "A fire tore through three warehouses at the Westmark port on Friday, officials said. "
        "The Dock Workers Union, a radical outfit run by agitators, said its members had "
        "helped firefighters move fuel drums away from the flames on Friday morning. "
        "Firefighters fought the blaze for six hours.",
    ),
    "Harbor Herald": (
        "Port Blaze",
        "A fire destroyed three warehouses at the Westmark port on Friday, officials said. "
        "The Dock Workers Union, a militant group of hardliners, said its members had "
        "helped firefighters move fuel drums "
        "away from the flames on Friday morning. The port will reopen on Monday.",
    ),
}


def test_an_outlets_own_label_never_reaches_the_brief() -> None:
    articles = [
        build_article(
            RawArticle(f"t:neutral:{n}", body, title, "2025-03-14", outlet=outlet)
        ).article
        for n, (outlet, (title, body)) in enumerate(PAGES.items())
    ]
    stages = [get_stage(s) for s in ("facts", "voices", "framing", "brief")]
    analysis = analyse(articles, stages=stages)
    labels = [
        lab.text
        for actor in analysis.sections["actors"]
        for _a, labs in actor.labels
        for lab in labs
    ]
    assert any("radical outfit" in t for t in labels)  # the word-choice stage sees them
    assert any("militant group" in t for t in labels)
    brief = analysis.sections["brief"]
    (union,) = [i for i in brief if "Dock Workers Union" in i.text]
    # both outlets label the union, each its own way: the label is dropped, both cited
    assert union.text.startswith("The Dock Workers Union said its members had helped")
    assert len(union.support) == 2
    assert [c.why.startswith("label: ") for c in union.changes] == [True]
    for item in brief:
        assert not {"radical", "agitators", "militant", "hardliners"} & set(item.text.split())
        text = analysis.article(item.article).text
        assert apply(text, item.start, item.end, item.changes) == item.text
