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
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from parallax.model import Article
from parallax.sections import optional_float, optional_str
from parallax.voices.figure_parse import (
    NOUN_EVENTS,
    PRONOUNS,
    UNITS,
    event_of,
    event_word,
    measured,
    noun_of,
    what_of,
)
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
    r"(?:(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d|st\b|nd\b|rd\b|th\b)(?:\s*(?P<scale>thousand|million|billion|trillion)\b)?"
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
    r"^\s*(?:dollars|euros|pounds sterling|shekels|rupees|yuan|yen|francs|crowns|kroner|"
    r"kronor|krona|koruna|lev|leva|dinars?|dirhams?|riyals?|rials?|marks|zloty|rubles|"
    r"roubles|hryvnias?|pesos|lira|rand|baht|ringgit|won|naira|shillings)\b",
    re.I,
)
# Not counts: "9/11", "7/7", "24/7"; "called 911", "the 911 dispatcher"; street
# addresses ("1600 Pennsylvania Avenue"); "was 23." (an age)
_SLASH = re.compile(r"(?:\d/$)|(?:^/\d)")
_PHONE_BEFORE = re.compile(
    r"\b(?:call(?:ed|ing|s)?|dial(?:ed|led|ing|s)?|phon(?:ed|ing)|text(?:ed|ing)?)\s+$", re.I
)
_PHONE_AFTER = re.compile(
    r"^[\s-]*(?:calls?|callers?|dispatch(?:ers?)?|operators?|emergency|hotline|line|"
    r"centers?|centres?|services?|system)\b",
    re.I,
)
_EMERGENCY = frozenset({"911", "999", "112", "000", "111"})
# A number that names something, after the word it numbers: "Channel 9 News", "Pier 4",
# "Flight 370", "Gate 3", "Article 5", "Proposition 8", "Apollo 11".
_NAMED_BY_NUMBER = re.compile(
    r"\b(?:Channel|Pier|Gate|Terminal|Flight|Route|Highway|Interstate|Berth|Dock|Platform|"
    r"Building|Room|Suite|Ward|District|Precinct|Station|Line|Lot|Block|Unit|Level|Phase|"
    r"Stage|Round|Game|Week|Article|Section|Chapter|Title|Proposition|Prop\.?|Amendment|"
    r"Apollo|Camp|Sector|Zone|Area|Region|Lane|Runway|Track|Car|Bus|Train|Number|No\.)\s+$"
)
_ADDRESS_AFTER = re.compile(
    r"^\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\s+){1,3}(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|"
    r"Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?|Way|Place|Pl\.?|Court|Ct\.?|Square|Terrace|"
    r"Parkway|Pkwy\.?|Highway)\b"
)
_ONE_PRONOUN = re.compile(
    r"\b(?:a|an|the|this|that|no|any|every|each|which|another|someone)\s+(?:[a-z]+\s+)?$",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(r"\b(?:was|is|aged|age|ages)\s+$")
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
    if (m.group("word") or "").lower() == "one" and _ONE_PRONOUN.search(before + " "):
        return "other"  # "a regional one", "no one", "the one who"
    word = (m.group("word") or "").lower()
    if word == "one" and re.match(r"^\s+(?:another|of)\b", after) and not m.group("qual"):
        return "other"  # "one another", "one of the biggest scams"
    if word == "zero" and (
        before.lower().endswith("ground ") or re.match(r"^[\s-]+(?:sum|tolerance)", after)
    ):
        return "other"  # "ground zero", "zero tolerance"
    if num and re.search(r"\d[-\u2013]$", before):
        return "other"  # the second number of "a 396-9 vote"
    if num == "911" and re.search(r"\b(?:on|since|after|before|of|post)\s+$", before, re.I):
        return "date"  # "their bravery on 911": September 11
    if num and (_SLASH.search(before[-2:]) or _SLASH.match(after[:2])):
        return "other" if "24/7" in text[m.start() - 3 : m.end() + 2] else "date"
    if num and (
        _PHONE_BEFORE.search(before)
        or (num in _EMERGENCY and not m.group("qual") and _PHONE_AFTER.match(after))
    ):
        return "other"  # a telephone number, not a count
    if num and not m.group("qual") and _ADDRESS_AFTER.match(after):
        return "other"  # a street address
    if num and not m.group("qual") and _NAMED_BY_NUMBER.search(before):
        return "other"  # a name with a number in it ("Channel 9", "Pier 4")
    if num and _TIME_AFTER.match(after):
        return "time"
    if (num and _DATE_BEFORE.search(before)) or (
        num and _DATE_AFTER.match(after) and len(num) <= 2
    ):
        return "date"
    if re.fullmatch(r"(?:19|20)\d\d", num) and not m.group("qual"):
        return "year"
    if (
        _AGE.match(after)
        or (re.search(r"\b[A-Z][A-Za-z'\u2019-]+,\s*$", before) and after.startswith(","))
        or (num and _AGE_BEFORE.search(before) and re.match(r"^[.,;]", after) and len(num) <= 3)
    ):
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


class _QuoteIndex:
    """The quotes that contain a span, found by bisection instead of a scan of every
    quote for every figure (which grew with the square of the article's length)."""

    def __init__(self, quotes: Sequence[Quote]) -> None:
        self.quotes = sorted(quotes, key=lambda q: q.start)  # stable: ties keep their order
        self.starts = [q.start for q in self.quotes]
        self.longest = max((q.end - q.start for q in self.quotes), default=0)

    def containing(self, start: int, end: int) -> list[Quote]:
        """Quotes with ``q.start <= start`` and ``end <= q.end``, in start order: such a
        quote starts no earlier than ``end - longest``."""
        lo = bisect_left(self.starts, end - self.longest)
        hi = bisect_right(self.starts, start)
        return [q for q in self.quotes[lo:hi] if end <= q.end]


def extract_numbers(article: Article, doc: Any, quotes: list[Quote]) -> list[NumberMention]:
    """Every figure in ``article``; claims carry what they count and who gives them."""
    text = article.text
    names = _Speakers(doc, text)  # the article's full names: "Brisk said" -> "Halvard Brisk"
    out: list[NumberMention] = []
    dateline_end = article.dateline[1] if article.dateline else 0
    index = _QuoteIndex(quotes)
    for m in FIGURE.finditer(text):
        if m.start() < dateline_end:
            continue
        kind = classify(text, m)
        qual = (m.group("qual") or "").lower() or None
        value = _value(m)
        what = event = noun_text = scope = None
        attribution = None
        if kind in CLAIM_KINDS:
            noun = noun_of(doc, m.start(), m.end())
            if noun is not None and (noun.lower_ in PRONOUNS or UNITS.match(noun.text)):
                noun = None  # "9,000 of them", "412 millimetres": not the thing counted
            if noun is not None:
                event, scope = event_of(noun)
                what = what_of(noun, event)
                # "150 arrests" counts people, as "112 people were arrested" does
                noun_text = "people" if noun.lower_ in NOUN_EVENTS else noun.lower_
            if kind == "count" and what is None and (found := event_word(doc, *m.span())):
                what, event = found  # "31 wounded", "14 dead"
                noun_text = "people"
            if kind != "count" or what is None:
                what = measured(doc, m.start(), m.end(), money=kind == "money") or what
                if noun_text is None and what:
                    noun_text = what.split()[-1].lower()
            containing = index.containing(m.start(), m.end())
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
