"""What a figure counts or measures, read from the dependency parse.

- a count's **noun**: the noun the number modifies ("1,400 Israelis", "dozens of
  people"), with its modifiers and hyphenated compounds ("four U.N.
  schools-turned-shelter");
- its **event**: what happened to the counted thing ("Palestinians killed", "people
  were dead", "took 240 people hostage"), and the scope words of that event;
- a sum's, share's or measure's **thing measured**: past its unit ("412 millimetres of
  rain", "winds of 215 kilometres per hour", "a fine of 480,000 crowns"), or the
  subject of the verb it completes ("the river crested at 6.8 metres").

A "what" is always a noun phrase a reader understands, or nothing: a bare verb
("forced") or a subject with its verb ("conflict widen") is never one.
"""

from __future__ import annotations

import re
from typing import Any

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
NOUN_EVENTS = {
    "deaths": "killed",
    "arrests": "arrested",
    "injuries": "injured",
    "casualties": "casualties",
    "hostages": "taken hostage",
    "evacuations": "evacuated",
}
PRONOUNS = frozenset("them they it us those these one ones".split())
_SUBJECT_PRONOUNS = frozenset("it they he she we i you this that which who".split())
UNITS = re.compile(
    r"^(?:gallons?|liters?|litres?|barrels?|tons?|tonnes?|kilograms?|kg|pounds|lbs|"
    r"millimet(?:er|re)s?|centimet(?:er|re)s?|mm|cm|kilometers?|kilometres?|km|miles?|"
    r"meters?|metres?|feet|foot|inches|acres?|hectares?|degrees?|megawatts?|mph|calories|"
    r"dollars|euros|pounds|shekels|rupees|yuan|yen|francs|crowns|kroner|kronor|krona|lev|"
    r"leva|dinars?|dirhams?|riyals?|rials?|marks|zloty|rubles|roubles|pesos|lira|rand|baht|"
    r"won|naira|shillings|percent|%|per|cent)$",
    re.IGNORECASE,
)


def noun_of(doc: Any, start: int, end: int) -> Any | None:
    """The noun a number counts: the head it modifies, or "of" its object."""
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


def _hyphen_start(tok: Any) -> Any:
    """The first token of a hyphenated compound ending at ``tok``."""
    doc = tok.doc
    while (
        tok.i >= 2
        and doc[tok.i - 1].text == "-"
        and not doc[tok.i - 1].whitespace_
        and not doc[tok.i - 2].whitespace_
    ):
        tok = doc[tok.i - 2]
    return tok


def phrase(tok: Any, limit: int = 5) -> str:
    """A noun with its adjective and compound modifiers ("full-year revenue",
    "U.N. schools-turned-shelter")."""
    doc = tok.doc
    left = [
        c
        for c in tok.lefts
        if c.dep_ in ("amod", "compound", "poss") and c.i >= tok.i - 4 and c.pos_ != "NUM"
    ]
    first = _hyphen_start(min([*left, tok], key=lambda t: t.i))
    words = [
        t
        for t in doc[first.i : tok.i + 1]
        if t.pos_ not in ("NUM", "DET", "PUNCT") or t.text == "-" or t.i == tok.i
    ]
    text = "".join(t.text_with_ws for t in words).strip()
    parts = re.sub(r"\s*-\s*", "-", text).strip("-").split()  # "60-member" -> "member"
    return " ".join(parts[-limit:])


def event_of(noun: Any) -> tuple[str | None, str | None]:
    """What happened to the counted thing, and the scope words of that event."""
    if noun.lower_ in NOUN_EVENTS:
        return NOUN_EVENTS[noun.lower_], None
    head = noun.head
    candidates = [head]
    if noun.dep_ == "appos":
        candidates.append(head.head)
    for verb in candidates:
        word = verb.lower_
        if word in ("took", "taken", "take", "holding", "held"):
            extra = [c for c in verb.children if c.lower_ in ("hostage", "captive", "hostages")]
            if extra:
                return "taken hostage", scope_of(verb)
        if word in EVENTS and verb.pos_ in ("VERB", "ADJ", "AUX"):
            return EVENTS[word], scope_of(verb)
        if noun.dep_ in ("nsubj", "nsubjpass") and verb.pos_ in ("AUX", "VERB"):
            # "49 people were dead", "800 people are missing"
            for child in verb.children:
                if child.dep_ in ("acomp", "attr", "oprd") and child.lower_ in EVENTS:
                    return EVENTS[child.lower_], scope_of(verb)
    for child in noun.children:
        if child.dep_ in ("acl", "amod") and child.lower_ in EVENTS:
            return EVENTS[child.lower_], scope_of(child)
    return None, None


def scope_of(verb: Any) -> str | None:
    parts = []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "since", "during", "over", "across"):
            sub = list(child.subtree)
            if len(sub) <= 8:
                parts.append(" ".join(t.text for t in sub))
    return "; ".join(parts) or None


def what_of(noun: Any, event: str | None) -> str:
    """The counted thing as a reader would say it: "trucks carrying food and medicine",
    "Israelis killed"."""
    words = [phrase(noun)]
    for child in noun.rights:
        sub: list[Any] = []
        if child.dep_ == "acl" and child.lower_ not in EVENTS:
            sub = list(child.subtree)[:6]
        if child.dep_ == "prep" and child.lower_ == "of":
            sub = list(child.subtree)[:4]
        while sub and sub[-1].pos_ in ("DET", "ADP", "CCONJ", "PUNCT", "PRON", "AUX"):
            sub.pop()  # "carrying food and medicine through the" -> "... medicine"
        words += [t.text for t in sub]
    text = " ".join(words)
    if not event or noun.lower_ in NOUN_EVENTS or event in text:
        return text
    return f"{text} {event}"


_VALUE_VERBS = frozenset(
    "measure measured measuring reach reached reaching hit top topped total totalled totaled "
    "exceed exceeded stand stood register registered rise rose risen fall fell fallen climb "
    "climbed drop dropped jump jumped grow grew gain gained lose lost "
    "get got win won receive received earn earned garner garnered poll polled".split()
)


def event_word(doc: Any, start: int, end: int) -> tuple[str, str] | None:
    """A count with no noun whose event word stands for the counted people: "reported
    31 wounded", "at 14 dead", "22 wounded", "40 had been killed" -> ("wounded",
    "injured")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = span[-1]
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    for cand in (nxt, tok.head):
        if cand is None or cand.lower_ not in EVENTS or cand.lower_ in ("left", "allowed"):
            continue
        if cand is nxt or tok.dep_ in ("nsubj", "nsubjpass", "nummod"):
            return cand.lower_, EVENTS[cand.lower_]
    return None


def measured(doc: Any, start: int, end: int, money: bool = False) -> str | None:
    """What a sum, share or measure is of (see :func:`_measured`); never a unit alone."""
    found = _measured(doc, start, end, money)
    return None if found is None or UNITS.match(found) else found


def _measured(doc: Any, start: int, end: int, money: bool) -> str | None:
    """What a sum, share or measure is of, as a noun phrase: "$1.2 billion in damage" ->
    "damage", "a fine of 480,000 crowns" -> "fine", "Turnout stood at 71.3%" ->
    "Turnout"; ``None`` when the parse gives no noun ("forced 250,000 to leave")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    unit = span[-1]
    if unit.dep_ in ("nummod", "quantmod", "compound") and UNITS.match(unit.head.text):
        unit = unit.head  # "412 millimetres", "480,000 crowns"
    nxt = doc[unit.i + 1] if unit.i + 1 < len(doc) else None
    if nxt is not None and UNITS.match(nxt.text) and nxt.head is unit.head:
        unit = nxt
    preps = ("in", "of", "for") if money else ("of", "for")  # "$1.2 billion in damage"
    for child in unit.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN") and not UNITS.match(obj.text):
                return phrase(obj)
    head = unit.head
    if unit.dep_ == "dobj" and head.pos_ == "VERB":  # "promised $310 million for the response"
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "for" and child.i > unit.i:
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                    return phrase(obj)
    via_prep = unit.dep_ == "pobj" and head.dep_ == "prep"
    if via_prep:
        head = head.head
    if head is unit:
        return None
    if head.pos_ in ("NOUN", "PROPN") and not UNITS.match(head.text):
        return phrase(head)
    if head.pos_ in ("VERB", "AUX"):
        obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < unit.i), None)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            return phrase(obj)  # "put the damage at $1.4 million"
        value_of_subject = unit.dep_ in ("attr", "acomp", "npadvmod") or (
            unit.dep_ == "dobj" and head.lower_ in _VALUE_VERBS
        )
        if not (via_prep or value_of_subject):
            return None  # the figure is the verb's object: the parse names no thing
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if (
            subject is not None
            and subject.pos_ in ("NOUN", "PROPN")
            and subject.lower_ not in _SUBJECT_PRONOUNS
        ):
            return phrase(subject)  # "the river crested at 6.8 metres"
    return None
