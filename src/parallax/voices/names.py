"""People and organisations named in an article, found without a model.

A name is a run of capitalised words (initials and particles allowed) after any
title abbreviation ("Rear Adm.", "Lt. Col.", "Dr.").  Names are indexed by their last
word so a later "Hagari" or "Mr. Biden" resolves to the full "Daniel Hagari".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLE_WORDS = (
    "Mr Mrs Ms Mx Dr Prof Gen Lt Col Maj Capt Cmdr Adm Sgt Cpl Pvt Gov Sen Rep Rev Hon "
    "Pres Supt Insp Det Rear Vice Sir Dame Lord Lady President Prime Minister Secretary "
    "Senator Governor Mayor Judge Justice Chief Sheikh King Queen Prince Pope Chancellor "
    "General Colonel Lieutenant Major Captain Admiral Sergeant Commander Officer Spokesman "
    "Spokeswoman Spokesperson Ambassador Director Professor Doctor Rabbi Imam Father Sister"
).split()
ORG_WORDS = frozenset(
    (
        "Ministry Department Council House Army Forces Force Police Union Agency Office "
        "Authority Government Court Hospital Company Inc Corp Ltd Group Committee Party "
        "Administration Commission Bureau Service Services Organization Organisation Bank "
        "Institute University Association Foundation Federation Fund Coalition Movement "
        "Brigades Wing Network News Times Post Press Station Center Centre Embassy Parliament "
        "Congress Senate Cabinet Military Navy Guard Terminals Airlines Board Trust Society "
        "Church Council Agency Red Crescent Cross Nations UN UNRWA"
    ).split()
)
_PARTICLES = "de|da|del|van|von|bin|ibn|al|el|la|le|di|du"
_WORD = r"(?:[A-Z][a-z]+(?:[-'\u2019][A-Z]?[a-z]+)*|[A-Z]\.|[A-Z]{2,}(?=\b))"
NAME_RUN = re.compile(r"\b" + _WORD + r"(?:\s+(?:" + _PARTICLES + r"|" + _WORD + r"))*")
_TITLE_RE = re.compile(r"^(?:(?:" + "|".join(TITLE_WORDS) + r")\.?\s+)+")


@dataclass(frozen=True, slots=True)
class Name:
    full: str
    start: int
    end: int
    is_org: bool


def strip_titles(name: str) -> str:
    return _TITLE_RE.sub("", name).strip()


_TRAILING_TITLE_RE = re.compile(r"(?:\s+(?:" + "|".join(TITLE_WORDS) + r")\.?)+$")


def strip_trailing_titles(text: str) -> str:
    """``"military spokesman Rear Adm."`` -> ``"military spokesman"``."""
    return _TRAILING_TITLE_RE.sub("", text).strip()


def is_org(name: str) -> bool:
    words = set(re.findall(r"[A-Za-z]+", name))
    return bool(words & ORG_WORDS)


def looks_like_person(name: str) -> bool:
    """Two to four capitalised words, no organisation word, not all capitals."""
    parts = strip_titles(name).split()
    if not 2 <= len(parts) <= 5 or is_org(name):
        return False
    return not any(p.isupper() and len(p) > 2 for p in parts)


class NameIndex:
    """Full person names of one article, looked up by surname."""

    def __init__(self, text: str) -> None:
        self.by_last: dict[str, str] = {}
        for match in NAME_RUN.finditer(text):
            name = strip_titles(match.group(0))
            if looks_like_person(name):
                last = name.split()[-1]
                self.by_last.setdefault(last, name)

    def resolve(self, name: str) -> str:
        """``"Hagari"`` or ``"Mr. Biden"`` to the fullest form seen in the article."""
        bare = strip_titles(name)
        if not bare:
            return name
        last = bare.split()[-1]
        full = self.by_last.get(last)
        if full and len(full.split()) >= len(bare.split()):
            return full
        return bare
