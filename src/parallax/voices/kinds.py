"""What kind of voice a speaker is, read from the speaker's name and role.

A speaker is put in one kind by the first rule whose words appear in their name or
role ("Irene Rahimi, the chair of the Quorn Residents Association" is a campaigner,
"the mayor of Quorn" an official).  The rules are words, not a model: a speaker with no
role and no telling name is ``unidentified``.  A movement that also governs ("Hamas")
is no armed group by its name alone: its armed wing, fighters or militants are.
"""

from __future__ import annotations

import re

KINDS: tuple[tuple[str, str], ...] = (
    (
        "unions and campaigners",
        r"union|association|campaign|activist|organi[sz]er|alliance|league|federation|"
        r"coalition|movement|residents|tenants|protesters|demonstrators|strikers|rioters|"
        r"marchers|advocates?|advocacy|rights group|pressure group|lobby",
    ),
    (
        "officials",
        r"mayor|minister|ministry|government|police|officers?|officials?|authorit(?:y|ies)|"
        r"council|governor|president|premier|chief|director|commander|army|military|"
        r"department|commission|prosecutor|judge|court|spokes(?:man|woman|person)|"
        r"secretary|ambassador|embassy|white house|kremlin|pentagon|agency",
    ),
    (
        "politicians",
        r"senator|lawmaker|legislator|\bmp\b|congress(?:man|woman)?|parliament|opposition|"
        r"party|candidate|representative|rep\.|sen\.",
    ),
    (
        "experts",
        r"professor|analyst|economist|researcher|expert|scientist|university|institute|"
        r"think tank|scholar|lecturer|dr\.|doctor|physician",
    ),
    (
        "witnesses and residents",
        r"witness|resident|neighbou?r|survivor|passer|shopkeeper|driver|parent|mother|"
        r"father|local|student|worker|farmer|villager|victim|relative",
    ),
    ("companies", r"company|operator|firm|corporation|terminals|\binc\b|\bltd\b|owner|executive"),
    (
        "armed groups",
        r"militants?|militias?|rebels?|insurgents?|fighters|guerrillas?|armed (?:group|wing)|"
        r"military wing|terrorist (?:group|wing)|brigades?|hezbollah|taliban|\bisis\b|"
        r"islamic state|al-qaeda|al qaeda|houthis?",
    ),
    (
        "media",
        r"\bnews\b|media|newspaper|journal|magazine|television|\btv\b|radio|broadcaster|"
        r"reporters?|journalists?|columnist|editorial|\bap\b|reuters|\bafp\b|\bcnn\b|"
        r"\bnbc\b|\bcbs\b|\babc\b|\bbbc\b|times\b|post\b",
    ),
)
UNIDENTIFIED = "unidentified"
_RULES = tuple((kind, re.compile(rf"(?:{words})", re.IGNORECASE)) for kind, words in KINDS)


def speaker_kind(speaker: str | None, role: str | None) -> str:
    """The kind of voice: officials, unions and campaigners, experts, ..."""
    text = " ".join(x for x in (role, speaker) if x)
    for kind, rule in _RULES:
        if rule.search(text):
            return kind
    return UNIDENTIFIED


def all_kinds() -> tuple[str, ...]:
    return (*(k for k, _ in KINDS), UNIDENTIFIED)
