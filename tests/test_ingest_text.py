from __future__ import annotations

from parallax.ingest.text import looks_like_headline, parse_plain


def test_date_marker_and_title_case_headline() -> None:
    raw = parse_plain(
        " date 2024-06-02 Flood Waters Recede in Riverton\n\nBody one.\n\nBody two.", "x.txt"
    )
    assert raw.published == "2024-06-02"
    assert raw.title == "Flood Waters Recede in Riverton"
    assert raw.body == "Body one.\nBody two."


def test_sentence_above_a_dateline_is_front_matter() -> None:
    text = (
        "Troops battled gunmen in the city, the army said, calling in airstrikes.\n\n"
        "ASHFORD, Norland — Troops battled gunmen in the city on Friday, the army said."
    )
    assert parse_plain(text, "x").title.startswith("Troops battled gunmen")  # type: ignore[union-attr]


def test_a_first_sentence_paragraph_is_not_taken_for_a_headline() -> None:
    text = "The council voted on Monday to close the bridge.\n\nThe mayor objected."
    raw = parse_plain(text, "x")
    assert raw.title is None
    assert raw.body.startswith("The council voted")


def test_video_teaser_first_line_is_not_a_title() -> None:
    raw = parse_plain("date 2023-11-03 Mayor explains plan 06:25\n\nBody text here.", "x")
    assert raw.title is None
    assert raw.published == "2023-11-03"


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "The council voted on Monday to close the old bridge for repairs that\n"
        "engineers say are overdue, and the mayor said the work would take\n"
        "three months.\n\nSecond paragraph."
    )
    raw = parse_plain(text, "x")
    assert raw.body.split("\n")[0].endswith("take three months.")


def test_lines_in_a_block_that_are_not_wrapped_stay_paragraphs() -> None:
    raw = parse_plain("Short title\n\nOne sentence.\nAnother sentence.", "x")
    assert raw.body == "One sentence.\nAnother sentence."


def test_long_line_is_not_a_headline() -> None:
    assert not looks_like_headline(" ".join(["word"] * 45), "next")
