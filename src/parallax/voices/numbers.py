"""Numeric claims: each figure, what it counts, its qualifier, scope and attribution.

A figure is found by its own parse (digits with separators and scales, number words,
"dozens", "hundreds of thousands", percentages and money), then classified by its
context: dates, years, times, durations, ages and ordinals are kept apart from the
counts, sums, shares and measures that are claims about the event.  What a count
counts is read from the dependency parse: the noun the number modifies, its
modifiers, and the verb that happened to it ("Palestinians killed", "trucks carrying
food and medicine").  The attribution is the speaker of the quote or reported
statement that contains the figure (see :mod:`parallax.voices.quotes`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from parallax.model import Article
from parallax.sections import optional_float, optional_str
from parallax.voices.quotes import Quote, _Speakers, speaker_of

QUALIFIERS = (
    "more than|at least|nearly|around|about|some|up to|fewer than|less than|over|almost|"
    "roughly|approximately|an estimated|as many as|close to|at most|under|just over|"
    "just under|well over|more than a|only|just|between|estimated"
)
NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a dozen": 12,
    "dozens": 24,
    "a hundred": 100,
    "hundreds": 200,
    "a thousand": 1000,
    "thousands": 2000,
    "tens of thousands": 20000,
    "hundreds of thousands": 200000,
    "millions": 2000000,
}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_WORDS = "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True))
FIGURE = re.compile(
    r"(?<![\w$.,])(?:(?P<qual>" + QUALIFIERS + r")\s+)?"
    r"(?:(?P<cur>[$\u20ac\u00a3])\s?)?"
    r"(?:(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(?P<scale>thousand|million|billion|trillion)\b)?"
    r"|(?P<word>(?:" + _WORDS + r"))\b(?!-)(?:\s+(?P<wscale>thousand|million|billion)\b)?)"
    r"(?:\s*(?P<pct>%|percent\b|per cent\b))?"
    r"(?:\s+(?:and|to|-)\s+(?P<upper>\d[\d,.]*))?",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"\b(?:\d+(?:st|nd|rd|th)|" + "|".join(ORDINALS) + r")\b", re.IGNORECASE)
MONTHS = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January|February|March|April|"
    r"June|July|August|September|October|November|December"
)
_DATE_BEFORE = re.compile(r"(?:" + MONTHS + r")\s*$")
_DATE_AFTER = re.compile(r"^\s*(?:" + MONTHS + r")\b")
_TIME_AFTER = re.compile(
    r"^(?::\d\d|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|local time|o[\u2019']clock|"
    r"in the (?:morning|evening|afternoon)))",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"^\s*-?\s*(?:more\s+|straight\s+|consecutive\s+|full\s+)?(?:second|minute|hour|day|night|week|month|year|decade)s?\b(?!\s+old)",
    re.IGNORECASE,
)
_AGE = re.compile(r"^(?:-year-old|\s+years?\s+old|-month-old)", re.IGNORECASE)
_MONEY_AFTER = re.compile(
    r"^\s*(?:dollars|euros|pounds sterling|shekels|rupees|yuan|yen|francs)\b", re.I
)
_MEASURE = re.compile(
    r"^\s*(?:gallons?|liters?|litres?|barrels?|tons?|tonnes?|kilograms?|kg|pounds|lbs|"
    r"millimet(?:er|re)s?|centimet(?:er|re)s?|mm|cm|"
    r"kilometers?|kilometres?|km|miles?|meters?|metres?|feet|foot|inches|acres?|hectares?|"
    r"square|cubic|degrees?|megawatts?|mph|km/h|calories)\b",
    re.IGNORECASE,
)
_LABELS = frozenset(
    "No. no. Route route Category category Level level Flight flight Room room Gate gate "
    "Pier pier Highway highway Line line # Chapter Article Section Platform Bus bus".split()
)
_NOT_LABELS = frozenset(
    "the a an and but or of in on at by for to from with about around some nearly more "
    "over under only just since after before than as are were was is said says another "
    "all its their his her our these those while when".split()
)
CLAIM_KINDS = frozenset({"count", "money", "percent", "measure"})
EVENTS = {
    "killed": "killed",
    "kill": "killed",
    "died": "killed",
    "dead": "killed",
    "deaths": "killed",
    "death": "killed",
    "dying": "killed",
    "injured": "injured",
    "wounded": "injured",
    "hurt": "injured",
    "injuries": "injured",
    "arrested": "arrested",
    "arrests": "arrested",
    "detained": "arrested",
    "displaced": "displaced",
    "evacuated": "evacuated",
    "missing": "missing",
    "released": "released",
    "rescued": "rescued",
    "freed": "released",
    "hostage": "taken hostage",
    "captive": "taken hostage",
    "hostages": "taken hostage",
    "stranded": "stranded",
    "treated": "treated",
    "hospitalized": "treated",
    "affected": "affected",
    "killing": "killed",
    "injuring": "injured",
    "wounding": "injured",
    "fled": "fled",
    "left": "left",
    "entered": "entered",
    "allowed": "allowed in",
    "crossed": "crossed",
    "laid": "laid off",
    "fired": "fired",
}
_NOUN_EVENTS = {
    "deaths": "killed",
    "arrests": "arrested",
    "injuries": "injured",
    "casualties": "casualties",
    "hostages": "taken hostage",
    "evacuations": "evacuated",
}


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A figure in an article.  ``event`` and ``noun`` are what it measures, read for
    grouping; the sections hold mentions without them (:meth:`reported`), as their JSON
    form does."""

    article: str
    start: int
    end: int
    text: str
    value: float | None
    kind: str
    qualifier: str | None = None
    what: str | None = None
    event: str | None = None
    noun: str | None = None
    scope: str | None = None
    attribution: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "kind": self.kind,
            "qualifier": self.qualifier,
            "what": self.what,
            "scope": self.scope,
            "attribution": self.attribution,
        }

    def reported(self) -> NumberMention:
        """This mention as the ``numbers`` and ``other_figures`` sections hold it."""
        return replace(self, event=None, noun=None)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NumberMention:
        return cls(
            article=str(data["article"]),
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            value=optional_float(data.get("value")),
            kind=str(data["kind"]),
            qualifier=optional_str(data.get("qualifier")),
            what=optional_str(data.get("what")),
            scope=optional_str(data.get("scope")),
            attribution=optional_str(data.get("attribution")),
        )


def _value(m: re.Match[str]) -> float | None:
    if m.group("num"):
        value = float(m.group("num").replace(",", ""))
        scale = (m.group("scale") or "").lower()
        return value * _SCALES.get(scale, 1)
    word = (m.group("word") or "").lower()
    if word in NUMBER_WORDS:
        scale = (m.group("wscale") or "").lower()
        return float(NUMBER_WORDS[word]) * _SCALES.get(scale, 1)
    return None


def classify(text: str, m: re.Match[str]) -> str:
    """The kind of a figure from the words around it."""
    before = text[max(0, m.start() - 12) : m.start()]
    after = text[m.end() : m.end() + 30]
    if m.group("pct"):
        return "percent"
    if m.group("cur") or _MONEY_AFTER.match(after):
        return "money"
    num = m.group("num") or ""
    if num and _TIME_AFTER.match(after):
        return "time"
    if (num and _DATE_BEFORE.search(before)) or (
        num and _DATE_AFTER.match(after) and len(num) <= 2
    ):
        return "date"
    if re.fullmatch(r"(?:19|20)\d\d", num) and not m.group("qual"):
        return "year"
    if _AGE.match(after) or (re.search(r"\b[A-Z][a-z]+,\s*$", before) and after.startswith(",")):
        return "age"
    if _DURATION.match(after):
        return "duration"
    if _MEASURE.match(after):
        return "measure"
    label = before.rstrip().rsplit(" ", 1)[-1]
    named = (
        before.endswith(" ")
        and label[:1].isupper()
        and label.rstrip(".").isalpha()
        and label.lower().rstrip(".") not in _NOT_LABELS
        and not m.group("qual")
    )
    if num and ((after[:1] == "-" and after[1:2].isdigit()) or named or label == "#"):
        return "other"  # "Pier 4", "Warehouse No. 4", "Channel 9", "Route 7", "3-1"
    return "count"


_PRONOUNS = frozenset("them they it us those these".split())


def _noun_of(doc: Any, start: int, end: int) -> Any | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = span[-1]
    for _ in range(3):
        if tok.dep_ in ("nummod", "quantmod", "compound", "amod") and tok.head.pos_ in (
            "NOUN",
            "PROPN",
            "NUM",
        ):
            tok = tok.head
            if tok.pos_ in ("NOUN", "PROPN"):
                return tok
        else:
            break
    for child in span[-1].children:  # "9,000 of them", "dozens of people"
        if child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    if span[-1].pos_ == "NOUN":
        return span[-1]
    return None


def _phrase(tok: Any, limit: int = 5) -> str:
    """A noun with its adjective and compound modifiers ("full-year revenue")."""
    left = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "poss") and c.i >= tok.i - 3]
    words = [t.text for t in sorted([*left, tok], key=lambda t: t.i)]
    return " ".join(words[-limit:])


def _measured(doc: Any, start: int, end: int) -> str | None:
    """What a sum, share or measure is of: "$1.2 billion in damage" -> "damage",
    "a fine of 480,000 crowns" -> "fine", "Turnout stood at 71.3%" -> "Turnout stood"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    unit = span[-1]
    nxt = doc[unit.i + 1] if unit.i + 1 < len(doc) else None
    if (
        nxt is not None
        and nxt.pos_ in ("NOUN", "PROPN")
        and nxt.head is unit.head
        and unit.dep_ in ("nummod", "compound")
    ):
        unit = nxt
    for child in unit.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "for"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                return _phrase(obj)
    head = unit.head
    if unit.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if head is unit:
        return None
    if head.pos_ in ("NOUN", "PROPN"):
        return _phrase(head)
    if head.pos_ in ("VERB", "AUX"):
        obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < unit.i), None)
        if obj is not None and obj.pos_ == "NOUN":
            return _phrase(obj)  # "put the damage at $1.4 million"
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ not in ("it", "they", "he", "she", "we"):
            return f"{_phrase(subject)} {head.text}"
        return str(head.text)
    return None


def _event_of(noun: Any) -> tuple[str | None, str | None]:
    """What happened to the counted thing, and the scope words of that event."""
    if noun.lower_ in _NOUN_EVENTS:
        return _NOUN_EVENTS[noun.lower_], None
    head = noun.head
    candidates = [head]
    if noun.dep_ == "appos":
        candidates.append(head.head)
    for verb in candidates:
        word = verb.lower_
        if word in ("took", "taken", "take", "holding", "held"):
            extra = [c for c in verb.children if c.lower_ in ("hostage", "captive", "hostages")]
            if extra:
                return "taken hostage", _scope(verb)
        if word in EVENTS and verb.pos_ in ("VERB", "ADJ", "AUX"):
            return EVENTS[word], _scope(verb)
    for child in noun.children:
        if child.dep_ in ("acl", "amod") and child.lower_ in EVENTS:
            return EVENTS[child.lower_], _scope(child)
    return None, None


def _scope(verb: Any) -> str | None:
    parts = []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "since", "during", "over", "across"):
            sub = list(child.subtree)
            if len(sub) <= 8:
                parts.append(" ".join(t.text for t in sub))
    return "; ".join(parts) or None


def _what(noun: Any, event: str | None) -> str:
    left = [c for c in noun.lefts if c.dep_ in ("amod", "compound") and c.i > noun.i - 4]
    words = [t.text for t in sorted([*left, noun], key=lambda t: t.i)]
    for child in noun.rights:
        if child.dep_ == "acl" and child.lower_ not in EVENTS:
            sub = [t.text for t in child.subtree][:6]
            words += sub
        if child.dep_ == "prep" and child.lower_ == "of":
            words += [t.text for t in child.subtree][:4]
    phrase = " ".join(words)
    if not event or noun.lower_ in _NOUN_EVENTS or event in phrase:
        return phrase
    return f"{phrase} {event}"


SOURCE_VERBS = frozenset(
    (
        "put puts estimated estimates reported reports recorded counted confirmed announced "
        "measured showed shows found projected forecast ordered pledged promised expects "
        "expected listed registered logged tallied said says told"
    ).split()
)


def _verb_source(
    doc: Any, start: int, end: int, quotes: list[Quote], names: _Speakers
) -> str | None:
    """The subject of a reporting verb that governs the figure ("the agency put the
    damage at $1.2 billion", "It also reported 31 wounded")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = span[-1]
    for _ in range(6):
        if tok.head is tok:
            break
        tok = tok.head
        if tok.lower_ in SOURCE_VERBS and tok.pos_ in ("VERB", "AUX"):
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subject is None:
                return None
            if subject.lower_ in ("it", "they", "he", "she"):
                before = [q for q in quotes if q.end <= subject.idx and q.speaker]
                return before[-1].speaker if before else None
            spk = speaker_of(subject, names)
            return spk.name if spk else None
    return None


def extract_numbers(article: Article, doc: Any, quotes: list[Quote]) -> list[NumberMention]:
    """Every figure in ``article``; claims carry what they count and who gives them."""
    text = article.text
    names = _Speakers(doc)  # the article's full names, for "Brisk said" -> "Halvard Brisk"
    out: list[NumberMention] = []
    dateline_end = article.dateline[1] if article.dateline else 0
    for m in FIGURE.finditer(text):
        if m.start() < dateline_end:
            continue
        kind = classify(text, m)
        qual = (m.group("qual") or "").lower() or None
        value = _value(m)
        what = event = noun_text = scope = None
        attribution = None
        if kind in CLAIM_KINDS:
            noun = _noun_of(doc, m.start(), m.end())
            if noun is not None and noun.lower_ not in _PRONOUNS:
                event, scope = _event_of(noun)
                what = _what(noun, event)
                # "150 arrests" counts people, as "112 people were arrested" does
                noun_text = "people" if noun.lower_ in _NOUN_EVENTS else noun.lower_
            if kind != "count" or what is None:
                what = _measured(doc, m.start(), m.end()) or what
                if noun_text is None and what:
                    noun_text = what.split()[-1].lower()
            containing = [q for q in quotes if q.start <= m.start() and m.end() <= q.end]
            if containing:
                attribution = min(containing, key=lambda q: q.end - q.start).speaker
            else:
                attribution = _verb_source(doc, m.start(), m.end(), quotes, names)
        out.append(
            NumberMention(
                article.id,
                m.start(),
                m.end(),
                m.group(0),
                value,
                kind,
                qual,
                what,
                event,
                noun_text,
                scope,
                attribution,
            )
        )
    for m in _ORDINAL.finditer(text):
        word = m.group(0).lower()
        value = float(ORDINALS.get(word) or re.sub(r"\D", "", word) or 0)
        out.append(NumberMention(article.id, m.start(), m.end(), m.group(0), value, "ordinal"))
    return sorted(out, key=lambda n: n.start)
