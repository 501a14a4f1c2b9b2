"""Who "he" / "she" is when a pronoun is the speaker (voices/pronouns.py), on invented text."""

from __future__ import annotations

from parallax.build import RawArticle, build_article
from parallax.runtime import RunCache
from parallax.voices.quotes import extract_quotes


def speaker_of(body: str, words: str) -> str | None:
    """The speaker of the quote holding ``words``."""
    art = build_article(RawArticle(source="a", body=body, outlet="a")).article
    quotes = extract_quotes(art, RunCache().parse([art])[art.id])
    found = [q for q in quotes if words in q.text]
    assert found, [q.text for q in quotes]
    return found[0].speaker


def test_the_subject_of_the_sentence_before_not_the_person_named_last() -> None:
    body = (
        "Alan Brook says if elected to replace retiring Sen. Tom Hale, he would want to "
        "serve on the Judiciary Committee. He said Wendell Marsh would likely become "
        "chairman of the panel next year."
    )
    assert speaker_of(body, "likely become chairman") == "Alan Brook"


def test_never_a_name_inside_the_quotation_the_pronoun_attributes() -> None:
    body = (
        "Jane Okafor criticised the plan at a rally in Dayton on Tuesday.\n"
        "\u201cThe deal Victor Marsh signed is a disgrace to this state,\u201d she said."
    )
    assert speaker_of(body, "is a disgrace") == "Jane Okafor"


def test_not_the_subject_of_what_the_pronoun_says() -> None:
    body = (
        "Tom Reyes, a blogger in Toledo, said he will not vote for Gerald Kerr because of "
        "his rhetoric. Also, Kerr is no conservative at all, he said."
    )
    assert speaker_of(body, "no conservative") == "Tom Reyes"


def test_the_person_named_last_when_no_person_is_a_subject_nearby() -> None:
    body = (
        "The company hired Mark Odell as its chief engineer last year. The plant was "
        "supposed to open in May. He said the opening would slip to the autumn."
    )
    assert speaker_of(body, "would slip") == "Mark Odell"
