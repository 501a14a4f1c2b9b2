from __future__ import annotations

from pathlib import Path

from parallax import compare
from parallax.outlets import (
    infer_outlet,
    outlet_from_self_reference,
    outlet_from_url,
    outlet_mentions,
    wire_copy_name,
)
from parallax.pipeline import get_stage
from parallax.report import RenderOptions, render
from parallax.report.wire_view import wire_copies


def test_known_and_unknown_domains() -> None:
    assert outlet_from_url("https://www.cbsnews.com/news/x") == "CBS News"
    assert outlet_from_url("https://edition.cnn.com/2023/x") == "CNN"
    assert outlet_from_url("https://www.valleycourier.example/a") == "valleycourier.example"


def test_self_reference_is_found_and_citing_another_outlet_is_not() -> None:
    ev = outlet_from_self_reference(
        "NBC News reported Wednesday that the stockpile was large. Five workers were "
        "confirmed in statements to CBS News to have crossed."
    )
    assert ev is not None and ev.method == "self-reference:CBS News"
    assert outlet_from_self_reference("NBC News reported that the talks failed.") is None


def test_told_with_channel_name() -> None:
    ev = outlet_from_self_reference("a spokeswoman told Channel 9 News on Friday")
    assert ev is not None and ev.method == "self-reference-weak:Channel 9 News"


def test_speaking_to_an_outlet_alone_is_weak_and_leaves_the_outlet_unknown() -> None:
    text = "The mayor told Channel 9 News on Friday that the bridge would reopen."
    name, ev = infer_outlet(
        explicit=None,
        site_name=None,
        url=None,
        author_boxes=[],
        text=text,
        wire=[],
        source="story.txt",
    )
    assert name == "(outlet unknown)"
    assert ev.method == "self-reference-weak" and ev.text == "told Channel 9 News"
    answered = text + " The council did not respond to Channel 9 News on Saturday."
    name, ev = infer_outlet(
        explicit=None,
        site_name=None,
        url=None,
        author_boxes=[],
        text=answered,
        wire=[],
        source="story.txt",
    )
    assert name == "Channel 9 News" and ev.method == "self-reference"


def test_a_cited_outlet_is_never_the_articles_own_name() -> None:
    for text in (
        "The gunman had visited the club before, according to the Valley Post.",
        "The deal was first reported by Reuters on Monday.",
        "Harbor Times reported that the mayor would resign. A spokesman told the "
        "Harbor Times she would not.",
        "The senator wrote in The Lakeside Journal that the bill was dead.",
    ):
        assert outlet_from_self_reference(text) is None, text
        assert any(r.strength == "cited" for r in outlet_mentions(text)), text


def test_strong_self_reference_beats_a_cited_outlet() -> None:
    text = (
        "Channel 4 News has learned that the plan was dropped, according to the Valley "
        "Post. Officials did not respond when contacted by Channel 4 News."
    )
    ev = outlet_from_self_reference(text)
    assert ev is not None and ev.method == "self-reference:Channel 4 News"
    assert ev.text == "Channel 4 News has learned"


def test_a_wire_named_in_the_text_is_not_the_outlet() -> None:
    assert outlet_from_self_reference("the official told The Associated Press on Friday") is None


def test_only_a_wire_credit_leaves_the_outlet_unknown() -> None:
    credit = "Associated Press writers Jo Lee and Ann Roe contributed to this report."
    name, ev = infer_outlet(
        explicit=None,
        site_name=None,
        url=None,
        author_boxes=[],
        text="Officials said the bridge would reopen on Monday.",
        wire=["Associated Press"],
        wire_text=credit,
        source="story.txt",
    )
    assert name == wire_copy_name("Associated Press") == "(outlet unknown) — Associated Press copy"
    assert ev.method == "wire-credit" and ev.text == credit


WIRE_BODY = """\
The regional council voted on Tuesday to close the Alder Street bridge for repairs after engineers found deep cracks in two of its supporting piers, a decision that will send thousands of commuters on a long detour for most of the coming year.

Council members approved the closure by nine votes to two after a heated two-hour debate in which shop owners on both banks warned that the detour would cost them customers during the busiest months of the year.

The engineers' report, made public last week, said the cracks had grown by nearly a third since the last inspection and that heavy trucks should have been kept off the bridge long ago.

Work is expected to begin next month and to last at least ten months, the council said, at a cost that officials put at around 14 million crowns.
"""


def test_republished_wire_copy_is_told_apart_from_the_wire(tmp_path: Path) -> None:
    """An unnamed outlet's edited copy of a wire text and another outlet's copy of the same
    text: neither is shown as the wire, the second carries the wire likely, and their
    differences are edits by one of the republishers."""
    first = tmp_path / "first.txt"
    first.write_text(
        WIRE_BODY.replace("engineers found", "bungling engineers finally found")
        + "\nAssociated Press writers Jo Lee and Ann Roe contributed to this report.\n",
        "utf-8",
    )
    second = tmp_path / "second.txt"
    second.write_text(
        WIRE_BODY.replace("heated", "lively")
        + "\nThe Valley Courier will follow the works as they go.\n",
        "utf-8",
    )
    story = compare([str(first), f"Valley Courier={second}"], stages=[get_stage("reuse")])
    a, b = story.articles
    assert a.outlet == "(outlet unknown) — Associated Press copy" and a.wire == (
        "Associated Press",
    )
    assert b.outlet == "Valley Courier" and b.wire == ()
    copies = wire_copies(story)
    assert copies[a.id].basis == "credit"
    assert copies[b.id].wire == "Associated Press" and copies[b.id].likely
    assert "shared with [1]" in copies[b.id].evidence and "passage" in copies[b.id].evidence
    text = render(story, "text", RenderOptions(width=240))
    assert "Associated Press (likely: text shared with [1])" in text
    assert "edits by one of the republishers" in text
    assert "neither wording is Associated Press's" in text
    assert "[1] Associated Press" not in text
    assert "against its source" not in text


def test_little_shared_text_is_no_likely_wire(tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_text(
        WIRE_BODY + "\nAssociated Press writers Jo Lee and Ann Roe contributed to this report.\n",
        "utf-8",
    )
    own = (
        "Shop owners along the river said on Wednesday they feared for their trade. "
        "Several said they had not been consulted, and one said she would move away. "
    ) * 12
    second = tmp_path / "second.txt"
    second.write_text(
        own + "\n\n" + WIRE_BODY.split("\n\n")[2] + "\n",
        "utf-8",
    )
    story = compare([str(first), f"Valley Courier={second}"], stages=[get_stage("reuse")])
    assert story.sections["reuse"], "the two share one paragraph"
    assert story.articles[1].id not in wire_copies(story)
