"""One voice per speaker across a story, however each outlet names it.

Speakers that are organisations are named many ways: "the Israel Defense Forces
(IDF)", "the IDF", "the Israeli military", "Military officials"; "the Gaza Health
Ministry", "the Hamas-controlled Gaza Health Ministry", "the Health Ministry in
Hamas-run Gaza".  :func:`unify_speakers` gives each the one name of the story:

- articles and possessive endings go, and so do attributive labels ("Hamas-run",
  "Hamas-controlled"): they describe the speaker, they do not name it;
- an acronym is its expansion, wherever in the story the expansion is given
  ("Israel Defense Forces (IDF)"), and a trailing "(IDF)" goes;
- "the Health Ministry in Gaza" is "the Gaza Health Ministry";
- "Health Ministry officials" (or its spokesman, its sources) is the "Health
  Ministry" when the story quotes it too;
- a short name is the one longer name it ends ("the State Department" is the "U.S.
  State Department");
- a country's military ("the Israeli military", "Israel's army", "Israeli military
  officials") is the story's armed force of that country ("Israel Defense Forces"),
  and a bare "military officials" or "the military" is the story's only armed force.

Only speakers the story names in several ways are renamed.  The outlet's own wording
is kept as the quote's ``role`` when it had none, so a reader still sees that one
outlet wrote "Military officials".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from parallax.model import Article
from parallax.voices.quotes import Quote

_ACRONYM = re.compile(r"((?:[A-Z][\w\u2019'-]+\s){1,5})\(([A-Z]{2,6})\)")
_LABEL = re.compile(
    r"\b[A-Z][\w]+-(?:run|controlled|led|backed|linked|affiliated|aligned|allied|held|ruled)\s+"
)
_PLACED = re.compile(r"^(?P<org>(?:[A-Z][\w]+\s)*(?:Ministry|Department|Office|Agency|Council))"
                     r"\s+(?:in|of)\s+(?P<place>[A-Z][\w]+)$")  # fmt: skip
_FORCE_WORDS = r"(?:military|army|armed forces|defen[cs]e forces|forces)"
_MILITARY = re.compile(
    r"^(?:(?P<country>[A-Z][\w]+?)(?:['\u2019]s)?\s+)?" + _FORCE_WORDS
    + r"(?:\s+(?:officials?|sources?|spokes(?:man|woman|person)))?$",
    re.I,
)  # fmt: skip
_SPOKESPEOPLE = re.compile(r"\s+(?:officials?|spokes(?:man|woman|person)|sources?)$")
_ARMED = re.compile(r"\b(?:Defen[cs]e Forces|Army|Armed Forces|Military)\b")


def acronyms(articles: Sequence[Article]) -> dict[str, str]:
    """Acronyms the story spells out: {"IDF": "Israel Defense Forces"}."""
    out: dict[str, str] = {}
    for art in articles:
        for match in _ACRONYM.finditer(art.text):
            words = match.group(1).split()
            while words and words[0].lower() in ("the", "a", "an"):
                words = words[1:]
            initials = "".join(w[0] for w in words if w[0].isupper())
            if words and initials.startswith(match.group(2)[:2]):
                out.setdefault(match.group(2), " ".join(words))
    return out


def plain_name(name: str, expand: dict[str, str]) -> str:
    """A speaker's name without article, labels, trailing acronym; acronyms expanded."""
    text = re.sub(r"^(?:the|The)\s+", "", name.strip())
    text = _LABEL.sub("", text)
    text = re.sub(r"\s*\(([A-Z]{2,6})\)$", "", text)
    text = re.sub(r"['\u2019]s?$", "", text).strip()
    text = expand.get(text, text)
    placed = _PLACED.match(text)
    if placed:
        text = f"{placed.group('place')} {placed.group('org')}"
    return text


def is_armed_force(name: str) -> bool:
    """A named armed force ("Israel Defense Forces", "Pakistan Army"), not a generic
    "military officials"."""
    if re.search(r"\b(?:Defen[cs]e|Armed) Forces\b", name):
        return True
    return bool(_ARMED.search(name)) and not _MILITARY.match(name)


def _same_country(adjective: str, name: str) -> bool:
    """ "Israeli" / "Israel's" and "Israel Defense Forces" name one country."""
    stem = adjective.lower()[:5]
    return len(stem) >= 4 and any(w.lower().startswith(stem) for w in name.split())


def unify_speakers(quotes: Sequence[Quote], articles: Sequence[Article]) -> list[Quote]:
    """The quotes with each organisation speaker under one name for the whole story."""
    expand = acronyms(articles)
    plain = {q.speaker: plain_name(q.speaker, expand) for q in quotes if q.speaker}
    armed = sorted(
        {n for n in [*plain.values(), *expand.values()] if is_armed_force(n)},
        key=lambda n: -Counter(plain.values())[n],
    )
    canonical: dict[str, str] = {}
    for raw, name in plain.items():
        military = _MILITARY.match(name)
        if military and not _ARMED.fullmatch(name):
            country = military.group("country")
            fits = [a for a in armed if country and _same_country(country, a)]
            if not country:
                fits = armed if len(armed) == 1 else []
            name = fits[0] if fits else name
        canonical[raw] = name
    # "the State Department" is the "U.S. State Department" when no other speaker ends so
    names = set(canonical.values())
    for raw, name in canonical.items():
        if len(name.split()) >= 2 and name[0].isupper():
            longer = [n for n in names if n != name and n.endswith(" " + name)]
            if len(longer) == 1:
                canonical[raw] = longer[0]
    # "Health Ministry officials" speak for the "Health Ministry" the story quotes too
    names = set(canonical.values())
    for raw, name in canonical.items():
        body = _SPOKESPEOPLE.sub("", name)
        if body != name and body in names:
            canonical[raw] = body
    namings = Counter(canonical.values())
    out = []
    for q in quotes:
        one = canonical.get(q.speaker or "")
        if not q.speaker or one is None or namings[one] < 2 or one == q.speaker:
            out.append(q)  # named one way only: left as the outlet wrote it
        else:
            out.append(replace(q, speaker=one, role=q.role or q.speaker))
    return out
