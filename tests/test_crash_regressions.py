"""Shapes of real text that crashed or stalled an analysis stage, rebuilt from invented
sentences (never from the real articles): each must now run every stage cleanly.

Found by ``tests/test_realdata_smoke.py`` and ``make fuzz`` (``eval/fuzz.py``).
"""

from __future__ import annotations

import sys
import time

import pytest

from conftest import ROOT
from parallax.build import RawArticle, build_article
from parallax.model import Article
from parallax.segment import paragraph_spans, split_paragraph, split_sentences

sys.path.insert(0, str(ROOT / "eval"))

from checked import analyse_checked

OTHER = "Police said the port of Westmark stayed shut on Friday after the strike."


def _article(body: str, source: str = "a", outlet: str = "Meridian Press") -> Article:
    return build_article(RawArticle(source=source, body=body, outlet=outlet)).article


def _quotes_of(body: str) -> list[tuple[str, str | None, bool]]:
    art = _article(body)
    analysis, problems = analyse_checked([art, _article(OTHER, "b", "Channel 9 News")])
    assert not problems, "\n".join(problems)
    return [
        (q.text, q.speaker, q.direct) for q in analysis.sections["quotes"] if q.article == art.id
    ]


# E035: a speech verb ends its paragraph with a colon and the parser hangs its clause on
# the quotation that opens the next paragraph, wholly outside the verb's sentence, so
# the clause clamped to the sentence ended before it started.
@pytest.mark.parametrize(
    ("body", "opening", "speaker"),
    [
        (
            "Harbour master Ilse Varga declared:\n“The port will stay closed until the fire is "
            "out, and nobody goes in or out of the gates.”",
            "The port",
            "Ilse Varga",
        ),
        (
            'Union spokesman Dario Moreau says:\n"Well, according to the crews on the pier about '
            'an hour ago, the situation there is a standoff with police."',
            "Well",
            "Dario Moreau",
        ),
        (
            "Tobias Brandt told reporters:\n“There is no deal, there was never a deal, and there "
            "will be no deal this week.”\nHe left without taking questions.",
            "There is",
            "Tobias Brandt",
        ),
    ],
)
def test_a_reported_clause_the_parser_hangs_across_a_sentence_break(
    body: str, opening: str, speaker: str
) -> None:
    quotes = _quotes_of(body)
    # nothing of the clause is in the verb's sentence; the quotation is the speaker's
    assert [(s, d) for t, s, d in quotes if t.startswith(opening)] == [(speaker, True)]


def test_a_quotation_that_opens_in_one_sentence_and_closes_in_another() -> None:
    quotes = _quotes_of(
        "“The strike is over. We won,” Rosa Okafor said. “Now the hard part starts.\n"
        "Okafor said: “We will not move. Not today.\nNot tomorrow either,” and walked off."
    )
    assert ("The strike is over. We won", "Rosa Okafor", True) in quotes


@pytest.mark.parametrize(
    "body",
    [
        'Brandt said "the deal is dead. Quist\'s «offer» was “a joke" and ‘nothing more.',
        "”Closed,“ the clerk said. »Open« said another. ” ” “",
        "The union said the offer was “final. Nobody believed it.\nThe talks ended.”",
        "Varga said: «It is over.» Brandt said: „Not yet“. Quist said: ‚Soon‘.",
        '"',
        "“",
    ],
)
def test_unbalanced_and_mixed_quote_marks(body: str) -> None:
    _quotes_of(body)


def test_nested_and_single_quotes() -> None:
    quotes = _quotes_of(
        "“He told us ‘never again’ and walked out,” Ilse Varga said. "
        "'It was a 'final' offer,' a clerk said. The workers' ‘deal’ was the council’s idea."
    )
    assert ("He told us ‘never again’ and walked out", "Ilse Varga", True) in quotes


def test_a_huge_paragraph_is_split_in_linear_time() -> None:
    # The word before each full stop was found by a regex search anchored at the end
    # of the paragraph so far: every full stop rescanned the paragraph (81 s for
    # 50,000 words).
    par = " ".join(
        f"Gen. Maren Okafor said {i} dockworkers were arrested in the U.S. on Friday."
        for i in range(2500)
    )
    started = time.perf_counter()
    spans = split_paragraph(par)
    assert time.perf_counter() - started < 5
    assert len(spans) == 2500


def test_segmentation_keeps_its_rules_around_abbreviations() -> None:
    text = (
        "Plan B. The council met. Gen. Okafor said so at 5 p.m. Friday. "
        "“It is over. We lost,” she said. He left the U.S. The talks resumed."
    )
    spans = split_sentences(text, paragraph_spans(text))
    assert [text[a:b] for a, b in spans] == [
        "Plan B. The council met.",
        "Gen. Okafor said so at 5 p.m. Friday.",
        "“It is over. We lost,” she said.",
        "He left the U.S.",
        "The talks resumed.",
    ]
