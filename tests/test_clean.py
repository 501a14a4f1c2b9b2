from __future__ import annotations

from parallax.clean import clean_paragraphs


def test_photo_captions_with_wire_credit_are_removed_and_kept_as_credits() -> None:
    got = clean_paragraphs(
        [
            "Smoke rises over the port on Friday. (Meridian Press Photo/Jana Kovac)",
            "Police cleared the gates on Friday.",
            "Workers gather at the pier. Amir Levy / Getty Images",
        ]
    )
    assert got.paragraphs == ("Police cleared the gates on Friday.",)
    assert "(Meridian Press Photo/Jana Kovac)" in got.credits
    assert "Amir Levy / Getty Images" in got.credits
    assert [r.kind for r in got.removed] == ["photo-caption", "photo-caption"]


def test_video_teaser_with_running_time_is_removed() -> None:
    got = clean_paragraphs(
        [
            "Mayor explains flood plan Brandt says the bridge will reopen soon 06:25",
            "Body text here.",
        ]
    )
    assert got.paragraphs == ("Body text here.",)
    assert got.removed[0].kind == "video-teaser"


def test_a_sentence_that_ends_with_a_time_is_not_a_teaser() -> None:
    got = clean_paragraphs(["The meeting started at 10:30.", "It ended late."])
    assert len(got.paragraphs) == 2


def test_contributor_line_names_the_wire_service() -> None:
    got = clean_paragraphs(
        [
            "The vote was close.",
            "Associated Press writers Jo Lee in Tel Aviv and Ann Roe in Jerusalem contributed "
            "to this report. Mroue reported from Beirut.",
        ]
    )
    assert got.paragraphs == ("The vote was close.",)
    assert [e.method for e in got.wire_evidence] == ["wire-credit:Associated Press"]


def test_unknown_agency_in_contributor_line_is_still_a_wire_source() -> None:
    got = clean_paragraphs(["Text.", "Meridian Press contributed to this report."])
    assert [e.method for e in got.wire_evidence] == ["wire-credit:Meridian Press"]


def test_person_contributor_is_not_a_wire_source() -> None:
    got = clean_paragraphs(["Text.", "Jane Roe contributed to this report."])
    assert got.wire_evidence == ()
    assert got.removed[0].kind == "contributors"


def test_byline_and_author_box_give_the_author() -> None:
    got = clean_paragraphs(
        [
            "The story starts here.",
            "Author: Mara Quint",
            "Mara Quint is the labor editor of LedgerReview.example, follow her on Social.",
        ]
    )
    assert got.paragraphs == ("The story starts here.",)
    assert got.authors == ("Mara Quint",)
    assert [r.kind for r in got.removed] == ["byline", "author-box"]


def test_short_caption_with_source_in_brackets_is_removed_but_not_a_body_sentence() -> None:
    got = clean_paragraphs(
        [
            "The army moved north.",
            "Military situation in the north on November 6 (ExampleMaps.press)",
            "Officials said the move (announced on Friday) was planned.",
        ]
    )
    assert got.paragraphs == (
        "The army moved north.",
        "Officials said the move (announced on Friday) was planned.",
    )


def test_body_quote_with_slash_is_kept() -> None:
    got = clean_paragraphs(["He said the 24/7 coverage was tiring.", "More text."])
    assert len(got.paragraphs) == 2
