"""The side of each voice: the country, government, party, organisation or group a
speaker belongs to, read from the story's own words.

A speaker's side is the first of these the text gives (``basis`` says which):

- ``controlled``: an attributive label on the speaker says who runs it ("the
  *Hamas-controlled* Gaza Health Ministry", "the Health Ministry in *Hamas-run* Gaza");
- ``party``: a party marker ("Sen. Ted Cruz (R-Tex.)", "a Republican strategist",
  "House Democrats", "the GOP");
- ``role``: an organisation, country or nationality in the speaker's role or name
  ("White House national security spokesman", "Israeli military spokesman", "the U.S.
  State Department", "Hamas' military wing");
- ``described``: the same, in the words the story attaches to the speaker elsewhere
  ("Rear Adm. Daniel Hagari, *the Israeli military spokesman*"; "*U.S.* Secretary of
  State Antony Blinken"), with the article and offsets of those words;
- ``self``: an organisation or state speaking in its own name is its own side
  ("Hezbollah", "Egypt", "the United Nations").

A nationality stands for its country when the story names the country ("Israeli" ->
"Israel"); a seat of government for its country ("the White House", "the Kremlin").
One speaker has one side in a story (the side most of its quotes give, the strongest
basis first), so an outlet that writes only "the Gaza Health Ministry" still shows the
side the others' wording gives.  A speaker the text ties to nothing is ``unstated``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from parallax.framing.entities import group_name
from parallax.model import Article
from parallax.sections import optional_str
from parallax.voices.kinds import UNIDENTIFIED, speaker_kind
from parallax.voices.quotes import Quote
from parallax.voices.speakers import is_armed_force

UNSTATED = "unstated"
SEATS = {  # seats of government named for their government
    "white house": "United States", "pentagon": "United States", "kremlin": "Russia",
    "downing street": "United Kingdom", "elysee": "France", "élysée": "France",
    "state department": "United States", "capitol hill": "United States",
}  # fmt: skip
COUNTRY_FORMS = {"u.s.": "United States", "us": "United States", "u.k.": "United Kingdom",
                 "uk": "United Kingdom", "america": "United States", "american": "United States",
                 "british": "United Kingdom", "britain": "United Kingdom", "u.n.": "United Nations",
                 "un": "United Nations"}  # fmt: skip
_PARTY_MARK = re.compile(r"\((?P<p>[RDI])(?:[-\u2013,]\s*[\w. ]+)?\)")
_PARTIES = {"R": "Republican Party", "D": "Democratic Party", "I": "Independent"}
_PARTY_WORDS = re.compile(r"\b(?:Republicans?|GOP|G\.O\.P\.|Democrats?|Democratic)\b")
# What a speaker acts against is not its side: "a committee that has vowed to attack
# Democratic candidates", "opposition research on Republicans".
_AGAINST = r"against|attack\w*|target\w*|critici[sz]\w*|oppos\w*|defeat\w*|unseat\w*"
_AIMED_AT = re.compile(rf"\b(?:on|about|{_AGAINST})\s+(?:the\s+|fellow\s+)?$", re.I)
_TARGET = re.compile(rf"\b(?:{_AGAINST}|research on)\b", re.I)  # a description turns here
_MILITARY_ROLE = re.compile(r"\b(?:military|army|armed forces)\b", re.I)
_CONTROLLED = re.compile(
    r"\b(?P<who>[A-Z][\w]+)-(?:run|controlled|led|ruled|held|backed|affiliated|aligned)\b"
)
KINDS_OF_ENTITY = ("ORG", "GPE", "NORP")
BASES = ("controlled", "party", "role", "described", "self")


@dataclass(frozen=True, slots=True)
class VoiceSide:
    """A speaker's kind and side in a story, and what the side was read from."""

    speaker: str
    kind: str
    side: str
    basis: str | None = None  # controlled | party | role | described | self
    words: str | None = None  # the words it was read from
    article: str | None = None  # where those words are, when outside the speaker's name
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "kind": self.kind,
            "side": self.side,
            "basis": self.basis,
            "words": self.words,
            "article": self.article,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> VoiceSide:
        return cls(
            speaker=str(data["speaker"]),
            kind=str(data.get("kind") or "unidentified"),
            side=str(data.get("side") or UNSTATED),
            basis=optional_str(data.get("basis")),
            words=optional_str(data.get("words")),
            article=optional_str(data.get("article")),
            start=optional_int(data.get("start")),
            end=optional_int(data.get("end")),
        )


def optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


class Inventory:
    """The organisations, places and nationalities a story names."""

    def __init__(self, docs: Sequence[Any]) -> None:
        self.names: dict[str, str] = {}  # lower-cased mention -> side it stands for
        self.kinds: dict[str, str] = {}
        places = Counter(
            _plain(e.text) for doc in docs for e in doc.ents if e.label_ in ("GPE", "LOC")
        )
        orgs = Counter(
            _plain(e.text)
            for doc in docs
            for e in doc.ents
            if e.label_ == "ORG" and " " not in _plain(e.text)
        )
        people = {
            w.rstrip("’'s")
            for doc in docs
            for e in doc.ents
            if e.label_ == "PERSON" and len(e.text.split()) >= 2
            for w in e.text.split()
        }
        for doc in docs:
            for ent in doc.ents:
                if ent.label_ not in KINDS_OF_ENTITY:
                    continue
                text = _plain(ent.text)
                if len(text) < 2 or text in people:  # a surname tagged as a place
                    continue
                side = self.side_of_name(text, ent.label_, places, orgs)
                self.names.setdefault(text.lower(), side)
                self.kinds.setdefault(text.lower(), ent.label_)
        for form in COUNTRY_FORMS:
            self.kinds.setdefault(form, "GPE")
        self.pattern = _alternation(self.names)
        self.places = _alternation(
            {n: s for n, s in self.names.items() if self.kinds[n] != "ORG" or n in COUNTRY_FORMS}
        )

    @staticmethod
    def side_of_name(text: str, label: str, places: Counter[str], orgs: Counter[str]) -> str:
        low = text.lower()
        if low in COUNTRY_FORMS:
            return COUNTRY_FORMS[low]
        if low in SEATS:
            return SEATS[low]
        party = group_name(text)
        if party:
            return party
        if label == "NORP":  # "Israeli" -> "Israel" when the story names it
            stem = low[:5]
            fits = [p for p in places if len(stem) >= 4 and p.lower().startswith(stem)]
            if not fits:  # a country the tagger took for an organisation
                fits = [o for o in orgs if len(stem) >= 4 and o.lower().startswith(stem)]
            return max(fits, key=lambda p: places[p] + orgs[p]) if fits else text
        return text

    def find(self, words: str, places: bool = False) -> tuple[str, str] | None:
        """(side, the words naming it) of the first organisation or place in ``words``
        (``places``: countries, places and nationalities only)."""
        pattern = self.places if places else self.pattern
        match = pattern.search(words) if pattern is not None else None
        if match is None:
            return None
        return self.names[match.group().lower()], match.group()


def _alternation(names: Mapping[str, str]) -> re.Pattern[str] | None:
    if not names:
        return None
    longest = sorted(names, key=len, reverse=True)
    return re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in longest) + r")(?![\w-])", re.I
    )


def _plain(name: str) -> str:
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    return re.sub(r"(?:['\u2019]s?|\s*\([A-Z]{2,6}\))$", "", name).strip()


def _party(words: str) -> tuple[str, str] | None:
    mark = _PARTY_MARK.search(words)
    if mark:
        return _PARTIES[mark.group("p")], mark.group()
    for match in _PARTY_WORDS.finditer(words):
        if _AIMED_AT.search(words, 0, match.start()):
            continue  # "opposition research on Democrats" is aimed at them, not theirs
        word = match.group()
        return ("Democratic Party" if word.startswith("Democ") else "Republican Party"), word
    return None


def _own(speaker: str, role: str | None, inventory: Inventory) -> tuple[str, str, str] | None:
    """(side, basis, words) read from a speaker's own name and role."""
    role = _before_target(role) if role else role
    words = f"{role or ''} {speaker}"
    controlled = _CONTROLLED.search(words)
    if controlled:
        return controlled.group("who"), "controlled", controlled.group()
    party = _party(words)
    if party:
        return party[0], "party", party[1]
    if role:
        found = inventory.find(role, places=True) or inventory.find(role)
        if found:
            return found[0], "role", role
    if " and " in speaker:  # "Israel and the U.S.": both, not the first named
        both = list(dict.fromkeys(inventory.find(part) for part in speaker.split(" and ")))
        sides = list(dict.fromkeys(f[0] for f in both if f is not None))
        if len(sides) >= 2:
            return " and ".join(sides), "role", speaker
    found = inventory.find(speaker, places=True) or inventory.find(speaker)
    if found:  # "Israel Defense Forces": Israel's; "Hezbollah": its own
        own = _plain(speaker).lower() == found[1].lower()
        return found[0], "self" if own else "role", speaker
    for seat, country in SEATS.items():
        if seat in words.lower():
            return country, "role", words.strip()
    return None


class _People:
    """Each article's PERSON mentions by last name, read once (``Doc.text`` and
    ``Doc.ents`` are rebuilt on every access)."""

    def __init__(self, docs: Mapping[str, Any], texts: Mapping[str, str] | None = None) -> None:
        self.text: dict[str, str] = {}
        self.by_last: dict[str, list[tuple[str, Any]]] = {}
        for article, doc in docs.items():
            # the article's text, which the doc was parsed from, when given: no rebuild
            self.text[article] = texts[article] if texts is not None else doc.text
            for ent in doc.ents:
                if ent.label_ == "PERSON":
                    last = ent.text.split()[-1].rstrip("’'s")
                    self.by_last.setdefault(last, []).append((article, ent))


def _before_target(words: str) -> str:
    """The words before what the speaker acts against: "a committee that has vowed to
    attack Democratic candidates" says nothing of its own side after "attack"."""
    found = _TARGET.search(words)
    return words[: found.start()] if found else words


def _described(
    speaker: str, people: _People, inventory: Inventory
) -> tuple[str, str, str, str, int, int] | None:
    """(side, basis, words, article, start, end) from the words a story attaches to a
    person: the noun phrase around each mention of their name."""
    for article, ent in people.by_last.get(speaker.split()[-1], []):
        text = people.text[article]
        root = ent.root
        heads = [root] + ([root.head] if root.dep_ in ("appos", "compound") else [])
        for head in heads:
            toks = [t for t in head.subtree if not (ent.start <= t.i < ent.end)]
            toks = [t for t in toks if abs(t.i - ent.start) <= 15]
            if not toks:
                continue
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            words = text[start:end] if start < ent.start_char else ""
            after = text[ent.end_char : end] if end > ent.end_char else ""
            for part in (words, after):
                part = _before_target(part)
                party = _party(part)
                if party:
                    return party[0], "party", part.strip(" ,"), article, start, end
                found = inventory.find(part)
                if found:
                    return found[0], "described", part.strip(" ,"), article, start, end
    return None


def voice_sides(
    quotes: Sequence[Quote], articles: Sequence[Article], docs: Mapping[str, Any]
) -> list[VoiceSide]:
    """Each speaker of the story with its kind and side (one side per speaker)."""
    inventory = Inventory([docs[a.id] for a in articles if a.id in docs])
    people = _People(
        {a.id: docs[a.id] for a in articles if a.id in docs}, {a.id: a.text for a in articles}
    )
    found: dict[str, list[tuple[int, VoiceSide]]] = {}
    roles: dict[str, Counter[str]] = {}
    for q in quotes:
        if not q.speaker:
            continue
        roles.setdefault(q.speaker, Counter())[q.role or ""] += 1
        own = _own(q.speaker, q.role, inventory)
        if own is not None:
            side, basis, words = own
            found.setdefault(q.speaker, []).append(
                (BASES.index(basis), VoiceSide(q.speaker, "", side, basis, words))
            )
    out = []
    for speaker, counts in roles.items():
        role = " / ".join(dict.fromkeys(r.replace("’", "'") for r in counts if r)) or None
        kind = speaker_kind(speaker, role)
        candidates = found.get(speaker, [])
        if not candidates and " " in speaker and speaker[0].isupper():
            described = _described(speaker, people, inventory)
            if described is not None:
                side, basis, words, art, start, end = described
                kind = speaker_kind(speaker, f"{role or ''} {words}")
                out.append(VoiceSide(speaker, kind, side, basis, words, art, start, end))
                continue
        if not candidates:
            out.append(VoiceSide(speaker, kind, UNSTATED, None, role))
            continue
        best = min(rank for rank, _ in candidates)
        votes = Counter(v.side for rank, v in candidates if rank == best)
        side = votes.most_common(1)[0][0]
        chosen = next(v for rank, v in candidates if rank == best and v.side == side)
        if kind == UNIDENTIFIED and inventory.kinds.get(speaker.lower()) == "GPE":
            kind = "officials"  # a state speaking is its government
        out.append(VoiceSide(speaker, kind, side, chosen.basis, chosen.words))
    return sorted(_forces(out), key=lambda v: v.speaker)


def _forces(sides: list[VoiceSide]) -> list[VoiceSide]:
    """ "the military's chief of staff" belongs to the story's one armed force."""
    forces = {v.side for v in sides if is_armed_force(v.speaker) and v.side != UNSTATED}
    if len(forces) != 1:
        return sides
    (force,) = forces
    return [
        replace(v, side=force, basis="role")
        if v.side == UNSTATED and v.words and _MILITARY_ROLE.search(v.words)
        else v
        for v in sides
    ]
