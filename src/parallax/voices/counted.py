"""What a figure counts, normalised, so that figures told in other words group.

A count's thing is read as three parts:

- ``kind``: ``people`` for every noun that counts persons ("people", "Israelis",
  "civilians", "soldiers", "American nationals"), else the noun itself ("truck");
- ``nation``: a nationality the noun or its modifiers name ("Israelis", "Israeli
  soldiers" -> ``israel``), or none;
- ``role``: the sort of person ("soldier", "child", "civilian"), or none for people in
  general and for a nationality alone.

And its event in classes: "killed", "dead", "died", "deaths" are one (``killed``);
"left Gaza", "entered Egypt", "crossed", "got out" are one movement across a border
(``crossed``), the same movement told from either side.

Two figures from different articles measure the same thing when their events agree
and their kinds agree, and then either their nation and role agree, or the one names
no nation where the other does ("1,400 people" / "more than 1,400 Israelis"), and
only if their values agree: differently named counts with different values are kept
apart, as different counts.  A role never matches its absence ("24 Israeli soldiers"
/ "24 people").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from parallax.voices.numbers import NumberMention

_GENERIC = frozenset(
    "people person persons individuals residents citizens nationals inhabitants others "
    "victims casualties dead wounded injured killed missing".split()
)
_ROLES = {
    "soldier": "soldier",
    "troop": "soldier",
    "servicemember": "soldier",
    "serviceman": "soldier",
    "reservist": "soldier",
    "civilian": "civilian",
    "child": "child",
    "children": "child",
    "kid": "child",
    "minor": "child",
    "woman": "woman",
    "women": "woman",
    "man": "man",
    "men": "man",
    "worker": "worker",
    "employee": "worker",
    "staff": "worker",
    "journalist": "journalist",
    "reporter": "journalist",
    "police": "police",
    "officer": "police",
    "policeman": "police",
    "militant": "fighter",
    "fighter": "fighter",
    "gunman": "fighter",
    "insurgent": "fighter",
    "rebel": "fighter",
    "hostage": "hostage",
    "captive": "hostage",
    "prisoner": "prisoner",
    "detainee": "prisoner",
    "student": "student",
    "patient": "patient",
    "doctor": "medic",
    "nurse": "medic",
    "medic": "medic",
    "refugee": "refugee",
    "migrant": "migrant",
    "miner": "miner",
    "protester": "protester",
    "demonstrator": "protester",
    "voter": "voter",
    "passenger": "passenger",
    "firefighter": "firefighter",
    "rescuer": "rescuer",
}
_NATIONS = {
    "israel": ("israeli", "israelis", "israel"),
    "palestine": ("palestinian", "palestinians", "gazan", "gazans", "palestine"),
    "usa": ("american", "americans", "u.s.", "us"),
    "ukraine": ("ukrainian", "ukrainians", "ukraine"),
    "russia": ("russian", "russians", "russia"),
    "lebanon": ("lebanese", "lebanon"),
    "syria": ("syrian", "syrians", "syria"),
    "egypt": ("egyptian", "egyptians", "egypt"),
    "iraq": ("iraqi", "iraqis", "iraq"),
    "iran": ("iranian", "iranians", "iran"),
    "afghanistan": ("afghan", "afghans", "afghanistan"),
    "britain": ("british", "briton", "britons", "uk"),
    "france": ("french",),
    "germany": ("german", "germans"),
    "china": ("chinese",),
    "mexico": ("mexican", "mexicans"),
    "canada": ("canadian", "canadians"),
    "turkey": ("turkish", "turks"),
    "yemen": ("yemeni", "yemenis"),
    "sudan": ("sudanese",),
}
_NATION_OF = {word: nation for nation, words in _NATIONS.items() for word in words}
EVENT_CLASSES = {
    "killed": "killed",
    "left": "crossed",
    "entered": "crossed",
    "crossed": "crossed",
    "fled": "fled",
}


@dataclass(frozen=True, slots=True)
class Counted:
    """The normalised thing a count counts (see module docstring)."""

    kind: str
    nation: str | None
    role: str | None
    event: str | None


def _singular(word: str) -> str:
    if word in ("children", "women", "men", "people", "police", "staff"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=4096)  # a pure function of a frozen mention, asked once per pair
def counted(mention: NumberMention) -> Counted | None:
    """The normalised thing ``mention`` counts; ``None`` when it names no noun."""
    if not mention.noun:
        return None
    noun = mention.noun.lower()
    words = [w.lower() for w in re.findall(r"[\w.]+", mention.what or "")]
    event = EVENT_CLASSES.get(mention.event or "", mention.event)
    nation = next((_NATION_OF[w] for w in words if w in _NATION_OF), None)
    single = _singular(noun)
    role = _ROLES.get(noun) or _ROLES.get(single)
    if noun in _NATION_OF or single in _NATION_OF:
        return Counted("people", _NATION_OF.get(noun) or _NATION_OF.get(single), None, event)
    if noun in _GENERIC or single in _GENERIC:
        return Counted("people", nation, None, event)
    if role is not None:
        return Counted("people", nation, role or None, event)
    return Counted(single, nation, None, event)


def compatible(a: NumberMention, b: NumberMention) -> str | None:
    """``same`` when two figures name one thing the same way, ``named-apart`` when they
    name it differently but compatibly (then only equal values may group), else
    ``None``."""
    ca, cb = counted(a), counted(b)
    if ca is None or cb is None or ca.event != cb.event or ca.kind != cb.kind:
        return None
    if ca.role != cb.role:
        return None
    if ca.nation == cb.nation:
        return "same"
    if ca.nation is None or cb.nation is None:
        return "named-apart"
    return None
