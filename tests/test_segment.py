from __future__ import annotations

import pytest

from parallax.segment import find_dateline, paragraph_spans, split_paragraph, split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_paragraph(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Spokesman Rear Adm. Daniel Hagari said civilians were wounded. He spoke late.",
            ["Spokesman Rear Adm. Daniel Hagari said civilians were wounded.", "He spoke late."],
        ),
        (
            "Lt. Col. Ann Roe met Mr. Vance on Nov. 3 in the U.S. Capitol. They talked.",
            ["Lt. Col. Ann Roe met Mr. Vance on Nov. 3 in the U.S. Capitol.", "They talked."],
        ),
        (
            "The envoy flew back to the U.S. The talks had failed.",
            ["The envoy flew back to the U.S.", "The talks had failed."],
        ),
        (
            "The vote ended at 6 p.m. Officials then counted. Doors open at 9 a.m. Friday.",
            ["The vote ended at 6 p.m.", "Officials then counted.", "Doors open at 9 a.m. Friday."],
        ),
        (
            "John F. Kennedy spoke. We chose plan B. The end.",
            ["John F. Kennedy spoke.", "We chose plan B.", "The end."],
        ),
        (
            "He met Sen. Dick Durbin, D-Ill., and Rep. Jo Kim, R-N.Y. Both said no.",
            ["He met Sen. Dick Durbin, D-Ill., and Rep. Jo Kim, R-N.Y.", "Both said no."],
        ),
    ],
)
def test_abbreviations_titles_and_initials(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_closed_quotation_stays_whole_with_its_attribution() -> None:
    text = "“It is over. We lost,” she said. “Is this fair?” she asked. Done."
    assert sentences(text) == [
        "“It is over. We lost,” she said.",
        "“Is this fair?” she asked.",
        "Done.",
    ]


def test_a_named_speaker_after_a_question_or_exclamation_stays_with_the_quotation() -> None:
    text = '"What have you been debating, Joan? A coin?" Mayor Ruiz said. The vote passed.'
    assert sentences(text) == [
        '"What have you been debating, Joan? A coin?" Mayor Ruiz said.',
        "The vote passed.",
    ]
    text = "\u201cWhere are you going? Hold it!\u201d said Ms. Lopez, pointing. Then she left."
    assert (
        sentences(text)[0] == "\u201cWhere are you going? Hold it!\u201d said Ms. Lopez, pointing."
    )
    # a name that opens a sentence of its own is not the quotation's speaker
    text = '"Will it pass?" Ruiz said Tuesday that she would veto it.'
    assert sentences(text) == ['"Will it pass?"', "Ruiz said Tuesday that she would veto it."]


def test_quote_with_ellipsis_spans_sentences_then_splits_after_close() -> None:
    text = 'He said Thursday: "We are advancing. ... Nothing will stop us." He vowed to win.'
    assert sentences(text) == [
        'He said Thursday: "We are advancing. ... Nothing will stop us."',
        "He vowed to win.",
    ]


def test_new_quote_after_finished_sentence_is_a_new_sentence() -> None:
    text = "“We’re closing in,” said Lt. Col. Richard Roe. “We’ve completed our encirclement.”"
    assert sentences(text) == [
        "“We’re closing in,” said Lt. Col. Richard Roe.",
        "“We’ve completed our encirclement.”",
    ]


def test_unclosed_quote_does_not_swallow_the_paragraph() -> None:
    text = "“We will stay. The port is ours. Nobody leaves"
    assert len(sentences(text)) == 3


def test_ellipsis_mid_sentence_is_not_a_boundary() -> None:
    assert sentences("He paused ... then went on. Next.") == [
        "He paused ... then went on.",
        "Next.",
    ]


def test_lower_case_brand_can_start_a_sentence_but_lower_case_words_cannot() -> None:
    assert sentences("He bought an iPhone. iPhones sell. It costs 3.5 dollars. ok.") == [
        "He bought an iPhone.",
        "iPhones sell.",
        "It costs 3.5 dollars. ok.",
    ]


def test_domains_and_emails_end_sentences() -> None:
    assert sentences("Write to tips@example.com. Please do.") == [
        "Write to tips@example.com.",
        "Please do.",
    ]


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        (
            "KHAN YOUNIS, Gaza Strip — U.S. Secretary of State Antony Blinken met",
            "KHAN YOUNIS, Gaza Strip — ",
        ),
        ("WASHINGTON (AP) — The Senate voted", "WASHINGTON (AP) — "),
        ("PORT ALDER, Westmark -- Police cleared", "PORT ALDER, Westmark -- "),
        ("The Senate voted — again — on Friday", ""),
        ("US officials said - nothing", ""),
    ],
)
def test_datelines(paragraph: str, dateline: str) -> None:
    assert paragraph[: find_dateline(paragraph)] == dateline


def test_dateline_is_part_of_first_sentence_and_offsets_are_absolute() -> None:
    text = "Headline here\n\nKHAN YOUNIS, Gaza Strip — Troops moved. They stopped."
    spans = split_sentences(text, paragraph_spans(text))
    assert [text[a:b] for a, b in spans] == [
        "Headline here",
        "KHAN YOUNIS, Gaza Strip — Troops moved.",
        "They stopped.",
    ]
