"""Reported speech, thoughts and intentions; one voice per speaker; one actor per entity."""

from __future__ import annotations

from parallax.build import plain_article
from parallax.framing.actors import find_actors
from parallax.framing.entities import People, group_name, same_first, without_stops
from parallax.runtime import RunCache
from parallax.voices.quotes import Quote, extract_quotes
from parallax.voices.speakers import unify_speakers


def _quotes(text: str) -> list[Quote]:
    art = plain_article(text, "a")
    return extract_quotes(art, RunCache().parse([art])["a"])


def _said(quotes: list[Quote], words: str) -> Quote:
    (q,) = [q for q in quotes if words in q.text]
    return q


def test_thoughts_intentions_and_requests_are_attributions() -> None:
    quotes = _quotes(
        "Senator Mary Holt spoke in Dayton on Monday. Holt believes the plan will fail "
        "in the Senate.\n\nThe campaign wants to expand its lead in Ohio before the debate.\n\n"
        "Critics urged him to resign over the scandal on Tuesday."
    )
    assert _said(quotes, "the plan will fail").speaker == "Mary Holt"
    assert not _said(quotes, "the plan will fail").direct
    assert _said(quotes, "expand its lead").speaker == "The campaign"
    assert _said(quotes, "to resign").speaker == "Critics"


def test_parenthetical_attribution_and_relative_clause_speakers() -> None:
    quotes = _quotes(
        "The budget, officials said, will be cut by a third next year.\n\n"
        "Voters who said they would back the mayor were a minority."
    )
    assert _said(quotes, "will be cut by a third").speaker == "officials"
    assert _said(quotes, "would back the mayor").speaker == "Voters"


def test_the_writer_is_no_voice_and_nyt_double_apostrophes_are_quotation_marks() -> None:
    quotes = _quotes(
        "I think the council has lost its way on housing.\n\n"
        "''We will not back down from this fight,'' Ms. Ortiz said on Friday."
    )
    assert not [q for q in quotes if "lost its way" in q.text]
    direct = _said(quotes, "We will not back down")
    assert direct.direct and direct.speaker == "Ortiz"


def _quote(article: str, speaker: str) -> Quote:
    return Quote(article, 0, 5, "words", speaker, False)


def test_one_voice_for_an_organisation_named_many_ways() -> None:
    a = plain_article("The Israel Defense Forces (IDF) said troops advanced.", "a")
    b = plain_article("The Israeli military said it struck targets.", "b")
    quotes = [
        _quote("a", "the Israel Defense Forces (IDF)"),
        _quote("a", "the IDF"),
        _quote("b", "the Israeli military"),
        _quote("b", "Military officials"),
        _quote("a", "the Gaza Health Ministry"),
        _quote("b", "the Health Ministry in Hamas-run Gaza"),
        _quote("b", "aid workers"),
        _quote("a", "the U.S. State Department"),
        _quote("b", "the State Department"),
    ]
    out = unify_speakers(quotes, [a, b])
    assert [q.speaker for q in out[:4]] == ["Israel Defense Forces"] * 4
    assert [q.role for q in out[:4]] == [q.speaker for q in quotes[:4]]
    assert out[4].speaker == out[5].speaker == "Gaza Health Ministry"
    assert out[6] == quotes[6]  # named one way only: as the outlet wrote it
    assert out[7].speaker == out[8].speaker == "U.S. State Department"


def test_entities_helpers() -> None:
    assert group_name("the GOP") == group_name("Republicans") == "Republican Party"
    assert group_name("Democrats") == "Democratic Party" and group_name("the Senate") is None
    assert without_stops("N.A.A.C.P.") == "NAACP" and without_stops("U.S. Army") == "U.S. Army"
    assert same_first("Liz", "Elizabeth") and same_first("Ben", "Benjamin")
    assert not same_first("Mary", "Liz")
    people = People()
    for name in ("Mary Cheney", "Liz Cheney", "Elizabeth Cheney", "Barack Obama", "Sasha Obama"):
        people.add_full(name)
    people.place("a", 0, "Mary Cheney")
    people.place("a", 100, "Liz Cheney")
    people.single("Sasha")
    assert people.resolve("Cheney", ("a", 150)) == "Elizabeth Cheney"  # Liz, just named
    assert people.resolve("Liz") == "Elizabeth Cheney"
    assert people.resolve("Obama", ("b", 10)) == "Barack Obama"  # she is "Sasha" here


def test_parties_and_acronyms_are_one_actor_across_articles() -> None:
    arts = [
        plain_article(
            "Republicans in the House blocked the bill on Tuesday. The GOP said the "
            "N.A.A.C.P. had misread it.",
            "a",
        ),
        plain_article(
            "The Republican Party vowed to fight on. The NAACP said Republicans "
            "were wrong about the bill.",
            "b",
        ),
    ]
    docs = RunCache().parse(arts)
    actors = {a.name: a for a in find_actors(arts, docs)}
    party = actors["Republican Party"]
    assert {m[0] for m in party.mentions} == {"a", "b"} and len(party.mentions) >= 4
    assert "GOP" not in actors and "Republicans" not in actors
    naacp = [a for a in actors.values() if a.name.replace(".", "") == "NAACP"]
    assert len(naacp) == 1 and {m[0] for m in naacp[0].mentions} == {"a", "b"}


def test_cue_nouns_carry_what_their_owner_says() -> None:
    quotes = _quotes(
        "Governor Dana Reyes spoke on Monday. Reyes's claim that the budget is balanced "
        "drew scorn.\n\nThe union issued a statement of concern about the new shift rules."
    )
    claim = _said(quotes, "the budget is balanced")
    assert claim.text == "the budget is balanced" and (claim.speaker or "").endswith("Reyes")
    assert _said(quotes, "the new shift rules").speaker == "The union"


def test_sources_without_a_speech_verb_headline_poll_and_according_to() -> None:
    quotes = _quotes(
        "Harlan: The bridge plan will sink the city budget.\n\n"
        "In a new poll released Monday, 52 percent of voters backed the bridge plan.\n\n"
        "Boasting a new stadium and two bridges, the town council seems eager to spend, "
        "according to the Valley Courier."
    )
    assert _said(quotes, "bridge plan will sink").speaker == "Harlan"
    assert _said(quotes, "52 percent of voters").speaker == "a new poll"
    courier = _said(quotes, "seems eager to spend")
    assert courier.speaker == "the Valley Courier"
    assert not courier.text.startswith("Boasting")  # the clause, from its subject


def test_content_runs_to_the_end_of_the_cue_clause_and_a_surname_taken_for_a_modal() -> None:
    quotes = _quotes(
        "Columnist George Will reignited his feud with the mayor this week. "
        "In his column, Will described the mayor as a danger to the city's finances.\n\n"
        "Governor Ada Ross praised the efforts of the council to find a solution to the strike."
    )
    assert _said(quotes, "as a danger").speaker == "George Will"
    praised = _said(quotes, "the efforts of the council")
    assert "to find a solution to the strike" in praised.text


def test_labels_are_descriptions_not_generic_heads_quotes_or_negations() -> None:
    art = plain_article(
        "The Harbor League movement held a rally on Monday. Harbor League activists marched. "
        'Mayor Ana Ruiz said: "The Harbor League is a gang of vandals." '
        "The Harbor League is not a party. The Harbor League is a protest group of dockers.",
        "a",
    )
    actors = {a.name: a for a in find_actors([art], RunCache().parse([art]))}
    texts = {lab.text for lab in actors["Harbor League"].labels if not lab.quoted}
    assert "movement" not in texts  # part of how it is named, no category
    assert not any("vandals" in t for t in texts)  # the mayor's words, inside quotes
    quoted = [lab for lab in actors["Harbor League"].labels if lab.quoted]
    assert all("vandals" in lab.text for lab in quoted)  # kept, marked as the speaker's
    assert not any(t == "party" for t in texts)  # "is not a party"
    assert any("protest group" in t for t in texts)


def test_a_description_stands_for_the_actor_the_story_called_so() -> None:
    art = plain_article(
        "Former Governor Ada Wells spoke in Dayton on Monday. Her niece Mia Wells, a "
        "student, spoke after her. The former governor then left for Columbus.",
        "a",
    )
    actors = {a.name: a for a in find_actors([art], RunCache().parse([art]))}
    described = [(s, e) for _, s, e in actors["Ada Wells"].mentions if "governor" in art.text[s:e]]
    assert described  # not Mia Wells, named last but never called governor
    mia = actors.get("Mia Wells")
    assert mia is None or not any("governor" in art.text[s:e] for _, s, e in mia.mentions)


def test_a_quotation_of_several_sentences_goes_to_the_speaker_after_it() -> None:
    quotes = _quotes(
        "Nora Vance, the county clerk, spoke first at the meeting on Monday.\n\n"
        "“We counted every ballot twice. Nobody here cut corners, and nobody will. "
        "What else could we have done?” Bill Ostrander said.\n\n"
        "“It’s unusual. It’s a hard thing to do,” said Larry Kemp, a lawyer in Dayton."
    )
    assert _said(quotes, "We counted every ballot").speaker == "Bill Ostrander"
    assert _said(quotes, "It’s unusual").speaker == "Larry Kemp"


def test_more_cues_for_quotations_and_speakers_of_passives_and_participles() -> None:
    quotes = _quotes(
        "“The Panthers will win that one,” Gov. Tom Reyes replied on Saturday.\n\n"
        "Asked by Dana Stone about the vote, the mayor declined to comment on Friday.\n\n"
        "Then Kurt Miller went on the attack, saying, “The mayor should resign in disgrace.”\n\n"
        "LONDON (Reuters) - Helen Park said she was unlikely to meet the prime minister soon."
    )
    assert _said(quotes, "Panthers will win").speaker == "Tom Reyes"
    assert _said(quotes, "about the vote").speaker == "Dana Stone"
    assert _said(quotes, "should resign in disgrace").speaker == "Kurt Miller"
    assert _said(quotes, "unlikely to meet").speaker == "Helen Park"


def test_a_document_keeps_its_author() -> None:
    quotes = _quotes(
        "An article written by Ian Tuttle of the Ledger accuses the senator of exploiting "
        "a phony perception of a failed party."
    )
    assert "Ian Tuttle" in (_said(quotes, "phony perception").speaker or "")


def test_a_colon_hands_the_speaker_to_the_quotation() -> None:
    quotes = _quotes(
        "Mitt Romney, the former governor, tweeted in response: “Thugs kill journalists; "
        "our presidents kill terrorists and enemy combatants.”\n\n"
        "Nora Vance spoke next at the rally in Dayton on Monday.\n\n"
        "17-year-old Jared Potts echoed:\n\n"
        "“He speaks his mind, and I think that might be what the country needs right now.”"
    )
    assert _said(quotes, "Thugs kill journalists").speaker == "Mitt Romney"
    assert _said(quotes, "He speaks his mind").speaker == "Jared Potts"


def test_a_poll_speaks_for_its_respondents_and_a_report_names_who_filed_it() -> None:
    quotes = _quotes(
        "In a Ledger-Courier poll released last week, 38 percent of voters said the mayor "
        "should step down from the board.\n\n"
        "The two men met the minister a dozen times, according to reports Mr. Schoen filed "
        "as a registered lobbyist."
    )
    assert "poll" in (_said(quotes, "should step down").speaker or "")
    assert "Schoen" in (_said(quotes, "met the minister").speaker or "")


def test_a_spokeswoman_for_someone_is_not_that_someone() -> None:
    quotes = _quotes(
        "A spokeswoman for Senator Ann Ruiz said the bill was dead in committee.\n\n"
        "The mayor’s spokesman, Jason Miller, said the city would appeal the ruling."
    )
    assert _said(quotes, "the bill was dead").speaker == "A spokeswoman for Senator Ann Ruiz"
    assert _said(quotes, "would appeal").speaker == "Jason Miller"


def test_a_signature_line_and_an_issued_statement_name_the_speaker() -> None:
    quotes = _quotes(
        "The debate turned to taxes late in the evening on Thursday.\n\n"
        '"Boeing and other multinationals pay zero taxes in some years."\n\n'
        "- Sanders.\n\n"
        "In response, the Republican nominee Donald Trump issued the following statement:\n\n"
        "“Our prayers are with all those affected by the horrible attacks in Munich.”"
    )
    assert _said(quotes, "pay zero taxes").speaker == "Sanders"
    assert _said(quotes, "Our prayers").speaker == "Donald Trump"


def test_a_participle_on_a_name_is_that_person_speaking() -> None:
    quotes = _quotes(
        "This trip takes him to Amman, and follows President Joe Biden calling for a "
        "humanitarian pause in the fighting."
    )
    assert _said(quotes, "humanitarian pause").speaker == "Joe Biden"


def test_armed_groups_and_media_are_kinds_of_voice() -> None:
    from parallax.voices.kinds import speaker_kind

    assert speaker_kind("Hezbollah", None) == "armed groups"
    assert speaker_kind("Hamas’ terrorist wing", None) == "armed groups"
    assert speaker_kind("Hamas", None) == "unidentified"  # it also governs: not by name alone
    assert speaker_kind("NBC News", None) == "media"
    assert speaker_kind("Karine Ortiz", "White House press secretary") == "officials"


def test_words_inside_a_running_quotation_are_not_a_new_speaker() -> None:
    quotes = _quotes(  # NYT archive copy: two apostrophes as quotation marks
        "Mayor Rita Vance of Dayton said she had written to the governor about the budget.\n\n"
        "''I have sent two letters to Dana,'' Ms. Vance said. ''She's my colleague. She's "
        "been my colleague for many, many years, and I haven't heard back from Dana, and I "
        "would hope that Dana will act and make sure that everyone sees what is at risk. "
        "And what is at risk is the future of our city. Nothing less.''"
    )
    assert _said(quotes, "She's my colleague").speaker == "Rita Vance"
    assert _said(quotes, "I have sent two letters").text.startswith("I have")
    assert not [q for q in quotes if q.speaker == "everyone"]
