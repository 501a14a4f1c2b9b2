"""Quotes: direct quotations and reported speech, each with its speaker.

Reads the spaCy dependency parse of each article:
- **direct** quotes are the stretches inside quotation marks (curly or straight; split
  around an attribution; left open at a paragraph's end in wire style).  Their speaker
  is the subject of a speech verb outside the marks in the same sentence ("he said",
  "said the military's chief of staff, Herzi Halevy", "the leaflets read"); a quote
  with none takes the speaker of the next attributed quote in its paragraph, else of
  the last quote before it.  A short quoted phrase (four words or fewer) in a sentence
  without a speech verb is a scare quote, not a quotation.
- **reported** speech is the clause a speech verb governs ("Kirby said the U.S. was not
  advocating ...") and the rest of a sentence around "according to X".
- **speakers**: a pronoun resolves to the last person (he/she) or organisation
  (it/they) quoted before; a surname to the full name the article gives elsewhere;
  titles are dropped and the role kept ("White House national security spokesman").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from parallax.model import Article, Offsets
from parallax.sections import optional_str
from parallax.voices.names import strip_titles
from parallax.voices.pronouns import PRONOUNS, centre
from parallax.voices.reported import LEMMAS, SAYING, forms_of, reported, source_token
from parallax.voices.sourced import (
    DOCUMENTS,
    according,
    document_opening,
    headline,
    in_source,
    respondents,
)

SPEECH = frozenset(
    (
        "said says say saying told tells telling added adds noted notes warned warns stated "
        "claimed claims announced announces reported reiterated insisted insists argued argues "
        "explained acknowledged admitted declared confirmed denied urged wrote writes read "
        "reads tweeted posted predicted complained cautioned conceded recalled testified "
        "alleged maintained stressed emphasized asked asks suggested suggests estimated"
    ).split()
)
# verbs that introduce a quotation beside the plain ones ("..., Kasich replied.")
SPEECH |= frozenset(
    form
    for lemma in (
        "respond reply counter retort contend assert state reveal quip joke remark observe "
        "agree echo concur conclude lament boast brag scoff muse interject snap tweet write "
        "explain recall add ask fume react continue wonder"
    ).split()
    for form in forms_of(lemma)
) | frozenset(form for form, lemma in LEMMAS.items() if lemma in SAYING)
BACK = frozenset("shot shoots fired fires hit hits".split())  # "shot back, ..."
PERSON_PRONOUNS = {"he", "she", "i", "his", "her"}  # "his claim that ..."
GROUP_PRONOUNS = {"it", "they", "we", "its", "their"}
# No one in particular: never a speaker ('"anyone I may have offended"' taken for the
# subject of a speech verb by a parse gone astray).
INDEFINITE = frozenset(
    "anyone anybody everyone everybody someone somebody nobody none no-one whoever".split()
)
# An utterance someone owns speaks for its owner: "Mr. Braley's apology noted ...",
# "the senator's statement said ..." (a document written *by* someone: see _author).
UTTERANCES = frozenset(
    "apology statement statements remarks comments comment letter tweet tweets speech "
    "testimony message post email op-ed column memo response reply announcement".split()
)
_OPEN = "\u201c\u201e\u00ab"
_CLOSE = "\u201d\u00bb"
SCARE_WORDS = 4
_MARKS = " \n,.!?\"'\u2019\u201d"


@dataclass(frozen=True, slots=True)
class Quote:
    article: str
    start: int
    end: int
    text: str
    speaker: str | None
    direct: bool
    role: str | None = None
    verb: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
            "role": self.role,
            "direct": self.direct,
            "verb": self.verb,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quote:
        return cls(
            article=str(data["article"]),
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            speaker=optional_str(data.get("speaker")),
            direct=bool(data["direct"]),
            role=optional_str(data.get("role")),
            verb=optional_str(data.get("verb")),
        )


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    role: str | None
    person: bool


def quote_regions(par: str) -> list[Offsets]:
    """(content start, content end) of each quotation in a paragraph."""
    regions: list[Offsets] = []
    open_at: int | None = None
    original = par
    par = par.replace("''", '" ')  # two apostrophes as quotation marks (NYT archive copy)
    for i, ch in enumerate(par):
        straight = ch == '"'
        opening = ch in _OPEN or (straight and open_at is None)
        closing = ch in _CLOSE or (straight and open_at is not None)
        if open_at is None and opening:
            open_at = i + 2 if par[i : i + 2] == '" ' and original[i : i + 2] == "''" else i + 1
        elif open_at is not None and closing:
            regions.append((open_at, i))
            open_at = None
    if open_at is not None and len(par) - open_at > 20:
        regions.append((open_at, len(par)))  # continued in the next paragraph
    for start, end in _single_quoted(par):
        if not any(a <= start < b for a, b in regions):
            regions.append((start, end))
    return sorted(regions)


_SINGLE = re.compile(
    r"(?:(?<=^)|(?<=[\s(\[\u2014]))[\u2018'](?P<body>[A-Za-z][^\u2018\u2019'\n]{0,120}?[\w.!?,])[\u2019'](?=[\s.,;:!?)\u2014]|$)"
)


def _single_quoted(par: str) -> list[Offsets]:
    """Single-quoted stretches (‘like this’ or 'like this'), up to 15 words.

    The marks must stand at word edges, so apostrophes ("don’t", "workers’ union")
    are not taken for quotation marks."""
    out = []
    for match in _SINGLE.finditer(par):
        if len(match.group("body").split()) <= 15:
            out.append((match.start("body"), match.end("body")))
    return out


def _trim(text: str, start: int, end: int) -> Offsets:
    while start < end and text[start] in " \t\n":
        start += 1
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    return start, end


class _Speakers:
    """Names of one article and the speakers quoted so far, for resolving references."""

    def __init__(self, doc: Any, text: str | None = None) -> None:
        # ``Doc.text`` and ``Doc.ents`` are rebuilt from the tokens on every access:
        # read once here, not once per speaker (quadratic on a long article); the
        # article's own text (``text``, which the doc was parsed from) costs nothing.
        self.text: str = doc.text if text is None else text
        self.ents: tuple[Any, ...] = tuple(doc.ents)
        self.starts: list[int] = [e.start for e in self.ents]
        self.char_starts: list[int] = [e.start_char for e in self.ents]
        self.by_last: dict[str, str] = {}
        self.longer: dict[int, str] = {}  # "George" + "Will": a name the tagger cut short
        for ent in self.ents:
            if ent.label_ == "PERSON":
                name = strip_titles(ent.text.strip())
                after = doc[ent.end] if ent.end < len(doc) else None
                if after is not None and _modal_name(after):
                    name = f"{name} {after.text}"
                    self.longer[ent.start] = name
                if len(name.split()) >= 2:
                    self.by_last.setdefault(name.split()[-1].rstrip("’'s"), name)
        self.person_ents = [
            e for e in self.ents if e.label_ == "PERSON" or e.text.split()[-1] in self.by_last
        ]
        self.person_starts = [e.start for e in self.person_ents]
        self.surname_toks = [
            t.i for t in doc if (t.pos_ == "PROPN" or _modal_name(t)) and t.text in self.by_last
        ]
        self.last_person: Speaker | None = None
        self.last_group: Speaker | None = None
        self.last_any: Speaker | None = None
        self.doc = doc
        self.regions: list[Offsets] = []  # quotations of the whole text, in order
        at = 0
        for line in self.text.split("\n"):
            self.regions.extend((at + a, at + b) for a, b in quote_regions(line))
            at += len(line) + 1
        self.region_starts = [a for a, _ in self.regions]

    def quoted(self, char: int) -> bool:
        """Is the character at ``char`` inside quotation marks?"""
        k = bisect_right(self.region_starts, char) - 1
        return k >= 0 and char < self.regions[k][1]

    def person_at(self, i: int) -> Any | None:
        """The person's name token ``i`` is part of (an entity, or a surname the article
        gives in full), if any."""
        ent = self.ent_at(i)
        if ent is not None and (ent.label_ == "PERSON" or ent.text.split()[-1] in self.by_last):
            return ent
        tok = self.doc[i]
        if (tok.pos_ == "PROPN" or _modal_name(tok)) and tok.text in self.by_last:
            return self.doc[i : i + 1]
        return None

    def ents_within(self, start_char: int, end_char: int) -> list[Any]:
        """The entities inside a character span."""
        k = bisect_left(self.char_starts, start_char)
        out = []
        while k < len(self.ents) and self.ents[k].start_char < end_char:
            if self.ents[k].end_char <= end_char:
                out.append(self.ents[k])
            k += 1
        return out

    def ent_at(self, i: int) -> Any | None:
        """The entity holding token ``i``, if any."""
        k = bisect_right(self.starts, i) - 1
        return self.ents[k] if k >= 0 and self.ents[k].start <= i < self.ents[k].end else None

    def full(self, name: str) -> str:
        bare = strip_titles(name)
        parts = bare.split()
        if not parts:
            return name
        found = self.by_last.get(parts[-1])
        return found if found and len(found.split()) >= len(parts) else bare

    def remember(self, spk: Speaker) -> None:
        self.last_any = spk
        if spk.person:
            self.last_person = spk
        else:
            self.last_group = spk


def _dash(tok: Any) -> bool:
    """A dash between words ("LONDON (Reuters) - Donald"), not a hyphen ("Hamas-run")."""
    if tok.text == "\u2014":
        return True
    spaced = bool(tok.whitespace_) and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)
    return tok.text in ("-", "--") and spaced


def _np_span(head: Any, text: str) -> Offsets:
    """Character span of the noun phrase of ``head``, without relative clauses."""
    drop: set[int] = set()
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "advcl") and child.i > head.i:
            drop.update(t.i for t in child.subtree)
    toks = [t for t in head.subtree if t.i not in drop]
    dashes = [k for k, t in enumerate(toks) if t.i < head.i and _dash(t)]
    if dashes:  # "LONDON (Reuters) - Donald Trump said": a dateline is not the speaker
        toks = toks[dashes[-1] + 1 :]
    while toks and (toks[0].is_punct or toks[0].lower_ in ("but", "and", "so", "still")):
        toks = toks[1:]
    while toks and toks[-1].is_punct and toks[-1].text != ")":
        toks = toks[:-1]
    if not toks:
        return head.idx, head.idx
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    if text[start:end].count("(") > text[start:end].count(")") and text[end : end + 1] == ")":
        end += 1
    return start, end


_ABBREVIATIONS = re.compile(
    r"\b(?:Rear|Vice)?\s*(?:Adm|Lt|Col|Gen|Maj|Capt|Cmdr|Sgt|Cpl|Pvt|Dr|Mr|Mrs|Ms|Prof|Gov|Sen|Rep|Rev)\."
)


def _role(text: str, np: Offsets, name: Offsets) -> str | None:
    """The words around a speaker's name: "White House national security spokesman"."""
    role = (text[np[0] : name[0]] + " " + text[name[1] : np[1]]).strip(" ,")
    role = " ".join(_ABBREVIATIONS.sub(" ", role).split()).strip(" ,")
    return role or None


ORG_NOUNS = frozenset(
    "agency company ministry union group government army military commission office "
    "department council party firm court prosecutors police service authority bank".split()
)


def _modal_name(tok: Any) -> bool:
    """A surname the tagger took for a modal verb, inside a sentence: "George *Will*
    wrote", "..., *Will* described", "Theresa *May* said"."""
    return (
        tok.tag_ == "MD"
        and tok.text[:1].isupper()
        and tok.text[1:].islower()
        and tok.i > tok.sent.start
        and tok.doc[tok.i - 1].text not in ("?", "!")
    )


def _last_person_mention(subject: Any, known: _Speakers) -> Speaker | None:
    """The person "he" / "she" refers to: the centre of the text so far (``pronouns``),
    else the person named most recently before ``subject`` outside quotation marks."""
    doc = subject.doc
    outside = not known.quoted(subject.idx)
    if subject.lower_ in PRONOUNS and outside:
        mention = centre(subject, known.person_at, known.quoted)
        if mention is not None:
            return Speaker(known.full(known.longer.get(mention.start, mention.text)), None, True)
    k = bisect_left(known.person_starts, subject.i) - 1
    while outside and k >= 0 and known.quoted(known.person_ents[k].start_char):
        k -= 1  # '"Grassley is wrong," he said': not Grassley
    best: Any = known.person_ents[k] if k >= 0 else None
    floor = best.end if best is not None else 0
    j = bisect_left(known.surname_toks, subject.i) - 1
    while outside and j >= 0 and known.quoted(doc[known.surname_toks[j]].idx):
        j -= 1
    if j >= 0 and known.surname_toks[j] >= floor:
        tok = doc[known.surname_toks[j]]
        best = doc[tok.i : tok.i + 1]
    if best is None:
        return known.last_person
    return Speaker(known.full(known.longer.get(best.start, best.text)), None, True)


def _definite_org(subject: Any, known: _Speakers) -> Speaker | None:
    """ "The agency said" -> the organisation of that kind quoted or named last."""
    noun = subject.lower_
    if noun not in ORG_NOUNS or not any(c.lower_ == "the" for c in subject.lefts):
        return None
    if any(c.dep_ in ("compound", "amod", "prep", "poss", "nmod") for c in subject.children):
        return None  # "the Health Ministry in Gaza" names itself; a bare "the agency" refers back
    if known.last_group and noun in known.last_group.name.lower():
        return known.last_group
    before = known.ents[: bisect_left(known.starts, subject.i)]
    for ent in reversed([e for e in before if e.end <= subject.i and e.label_ == "ORG"]):
        if noun in ent.text.lower() or noun in ("company", "firm", "group"):
            return Speaker(ent.text, None, False)
    return None


def speaker_of(subject: Any, known: _Speakers) -> Speaker | None:
    """Who a speech verb's subject names: a person (with role), a group, or a pronoun."""
    if subject.lower_ in ("who", "that") and subject.head.dep_ == "relcl":
        subject = subject.head.head  # "Sara Fagen, a strategist who said ..."
    dash = next((t for t in subject.subtree if t.i > subject.i and _dash(t)), None)
    if dash is not None and subject.text.isupper() and len(subject.text) > 1:
        # "LONDON (Reuters) - Helen Park said": the parse took the dateline for the subject
        rest = [t for t in subject.subtree if t.i > dash.i]
        ids = {t.i for t in rest}
        subject = next((t for t in rest if t.head.i not in ids), subject)
    if _POSSESSIVE.fullmatch(subject.text) and subject.i > 0:
        subject = subject.doc[subject.i - 1]  # "George Will’s call": the parse split the name
    if subject.lower_ in INDEFINITE:
        return None
    owner = _owner(subject)
    if owner is not None:
        subject = owner  # "Mr. Braley's apology noted ..." is Braley's
    spk = _speaker_of(subject, known)
    if spk is not None and _POSSESSIVE.search(spk.name):
        spk = Speaker(_POSSESSIVE.sub("", spk.name), spk.role, spk.person)
    return spk if spk is None or spk.name.strip() else None


def _owner(subject: Any) -> Any | None:
    """The named owner of an utterance that is the subject ("*Mr. Braley's* apology",
    "*his* statement"), or None."""
    if subject.lower_ not in UTTERANCES:
        return None
    poss = next((c for c in subject.children if c.dep_ == "poss"), None)
    if poss is None or not (poss.pos_ == "PROPN" or poss.lower_ in PERSON_PRONOUNS):
        return None
    return poss


WRITINGS = DOCUMENTS | frozenset(
    "article articles story stories piece paper suit report results data figures".split()
)


def _author(head: Any, text: str, np: Offsets) -> Offsets:
    """A document's span with its author: "An article *written by National Review’s Ian
    Tuttle*", "a lawsuit *filed in Manhattan by Yulia V. Tymoshenko*", "a study *by ...*"."""
    if head.lower_ not in WRITINGS:
        return np
    for tok in head.subtree:
        if tok.lower_ != "by" or tok.i < head.i or tok.i > head.i + 8:
            continue
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None or not any(t.ent_type_ in ("PERSON", "ORG") for t in pobj.subtree):
            continue
        names = [t for t in pobj.subtree if t.ent_type_ in ("PERSON", "ORG") or t.i <= pobj.i]
        end = names[-1].idx + len(names[-1].text)
        return np[0], max(np[1], end)
    for clause in (c for c in head.children if c.dep_ == "relcl" and c.i > head.i):
        # "reports *Mr. Schoen filed*", "an interview *his brother Alastair Osman gave*"
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is not None and any(t.pos_ == "PROPN" for t in subject.subtree):
            return np[0], max(np[1], clause.idx + len(clause.text))
    return np


_POSSESSIVE = re.compile(r"['\u2019]s?$")


def _names_subject(ent: Any, subject: Any) -> bool:
    """Does a person named inside the subject's phrase name the subject itself ("Planned
    Parenthood's president *Cecile Richards*", "the group's leader, *John Smith*"), not
    someone the phrase mentions ("a spokeswoman for *Trump*", "*Trump*'s spokesman", "a
    longtime supporter of *Clinton*")?"""
    tok = ent.root
    for _ in range(6):
        if ent.start <= subject.i < ent.end or tok.i == subject.i:
            return True
        if tok.dep_ not in ("compound", "appos", "flat", "nmod", "conj", "cc"):
            return False
        tok = tok.head
    return False


def _speaker_of(subject: Any, known: _Speakers) -> Speaker | None:
    low = subject.lower_
    if low in PERSON_PRONOUNS:
        return _last_person_mention(subject, known)
    if low in GROUP_PRONOUNS:
        return known.last_group or known.last_any
    definite = _definite_org(subject, known)
    if definite is not None:
        return definite
    doc = subject.doc
    text = known.text
    np = _np_span(subject, text)
    if np[1] <= np[0]:
        return None
    if (subject.pos_ == "PROPN" or _modal_name(subject)) and subject.text in known.by_last:
        # a surname the article has given in full, whatever NER thinks of this mention
        name_words = known.by_last[subject.text].split()
        first = subject
        while first.i > 0 and doc[first.i - 1].text in name_words:
            first = doc[first.i - 1]
        span = (first.idx, subject.idx + len(subject.text))
        return Speaker(known.full(text[span[0] : span[1]]), _role(text, np, span), True)
    persons = [
        e for e in known.ents_within(*np) if e.label_ == "PERSON" and _names_subject(e, subject)
    ]
    if persons:
        holding = [e for e in persons if e.start <= subject.i < e.end]
        ent = holding[0] if holding else persons[0]
        name = known.longer.get(ent.start, ent.text)
        return Speaker(known.full(name), _role(text, np, (ent.start_char, ent.end_char)), True)
    holder = known.ent_at(subject.i)
    in_org = holder is not None and holder.label_ in ("ORG", "GPE", "NORP", "FAC", "LOC")
    if subject.pos_ == "PROPN" and not in_org:
        left = subject.left_edge.i if subject.left_edge.i >= subject.i - 3 else subject.i
        name_toks = [t for t in doc[left : subject.i + 1] if t.pos_ == "PROPN"]
        name = " ".join(t.text for t in name_toks) or subject.text
        span = (
            (name_toks[0].idx, subject.idx + len(subject.text))
            if name_toks
            else (subject.idx, subject.idx)
        )
        return Speaker(known.full(name), _role(text, np, span), True)
    np = _author(subject, text, np)
    phrase = text[np[0] : np[1]]
    appos = [
        c
        for c in subject.children
        if c.dep_ == "appos" and "," in text[subject.idx : min(t.idx for t in c.subtree)]
    ]
    if appos:
        phrase = text[np[0] : min(t.idx for t in appos[0].subtree)].rstrip(" ,(")
    if len(phrase.split()) > 12:  # "a letter to Facebook from the chairman of ..."
        phrase = " ".join(phrase.split()[:12])
    return Speaker(phrase, None, person=False)


def _colon_speaker(
    tokens: list[Any], text: str, long_quotes: list[Offsets], known: _Speakers, quoted: Any
) -> tuple[Any, Speaker] | None:
    """ "Romney tweeted in response: “...”", "More from Jones: “...”", "Wallnau continues:"
    (a sentence that ends there hands its speaker on to the quotation that follows)."""
    end = long_quotes[0][0] if long_quotes else (tokens[-1].idx + 1 if tokens else 0)
    marks = [t for t in tokens if t.text == ":" and t.idx < end and not quoted(t.idx)]
    if not marks or text[marks[-1].idx + 1 : end].strip(" \n\"\u201c'\u2018"):
        return None
    mark = marks[-1]
    head = mark.head
    if head.i == mark.i:
        who = None
    elif head.pos_ == "NOUN" and head.dep_ == "dobj":
        who = _subject(head.head, quoted) or source_token(head.head)  # "issued this statement:"
    elif head.pos_ in ("PROPN", "NOUN"):
        who = head  # "Mitt Romney, ..., tweeted in response:" parsed as a noun phrase
    else:
        who = _subject(head, quoted) or source_token(head)
    if who is None or who.i > mark.i:
        names = [e for e in known.ents_within(tokens[0].idx, mark.idx) if e.label_ == "PERSON"]
        if not names or len(text[tokens[0].idx : mark.idx].split()) > 6:
            return None
        who = names[-1].root
    spk = speaker_of(who, known)
    return (head, spk) if spk is not None else None


def _subject(verb: Any, quoted: Any = None) -> Any | None:
    """The speech verb's subject; ``quoted(i)`` tells a character inside a quotation
    (the parse sometimes takes a quoted noun for a second subject: "“... The fact
    that he ...,” Huckabee said")."""
    subjects = sorted(
        (c for c in verb.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - verb.i)
    )
    outside = [c for c in subjects if quoted is None or not quoted(c.idx)]
    if outside or subjects:
        return (outside or subjects)[0]
    agent = _agent(verb)
    if agent is not None:
        return agent  # "Sanders was asked by host Bill Maher, “...”"
    if verb.dep_ == "conj" and verb.head.lower_ in SPEECH:
        return _subject(verb.head)  # "said ... and added ..."
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "acl", "conj"):
        return source_token(verb)  # "Trump went on the attack, saying, “...”"
    return _name_beside(verb, quoted) if quoted is not None else None


def _name_beside(verb: Any, quoted: Any) -> Any | None:
    """A parse gone astray left the verb without a subject, but a name stands right
    before it ('..." screenwriter Cole Haddon wrote on Twitter') or right after it
    ('"...," said David Brock, a Clinton confidant who heads ...')."""
    doc = verb.doc
    before = doc[verb.i - 1] if verb.i > verb.sent.start else None
    if before is not None and before.pos_ == "PROPN" and not quoted(before.idx):
        return before
    k = verb.i + 1
    while k < verb.sent.end and doc[k].pos_ == "PROPN" and not quoted(doc[k].idx):
        k += 1
    return doc[k - 1] if k > verb.i + 1 else None


def _agent(verb: Any) -> Any | None:
    """The doer of a passive speech verb: "asked *by Stephanopoulos*"."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _is_speech(tok: Any) -> bool:
    if not tok.tag_.startswith("VB") or tok.dep_ == "relcl":
        return False
    if tok.lower_ not in SPEECH and not (
        tok.lower_ in BACK and any(c.lower_ == "back" and c.dep_ == "prt" for c in tok.children)
    ):
        return False
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return _agent(tok) is not None
    return not any(c.dep_ == "neg" for c in tok.children)


def _reports_more_than(verb: Any, quotes: list[Offsets], text: str) -> bool:
    """Does the verb's reported clause hold more than the quotation ("said the cost
    would be 310 million marks a year, “money that is not in the budget”")?"""
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        a, b = _span_of(clause)
        inside = sum(len(text[qa:qb].split()) for qa, qb in quotes if a <= qa and qb <= b + 2)
        if inside and len(text[a:b].split()) - inside > 3:
            return True
    return False


def _governed(verb: Any) -> list[Any]:
    """Clauses and objects a speech verb governs (where its content is)."""
    return [
        c for c in verb.children if c.dep_ in ("ccomp", "dobj", "xcomp", "advcl") and c.i > verb.i
    ]


def _span_of(tok: Any) -> Offsets:
    sub = list(tok.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


def extract_quotes(article: Article, doc: Any) -> list[Quote]:
    """Every direct and reported quote of ``article`` (parsed as ``doc``), in order."""
    text = article.text
    known = _Speakers(doc, text)
    out: list[Quote] = []

    def add(span: Offsets, spk: Speaker | None, direct: bool, verb: str | None) -> None:
        a, b = _trim(text, *span)
        if b > a and any(c.isalpha() for c in text[a:b]):  # not a bare number (a tweet's id)
            out.append(
                Quote(
                    article.id,
                    a,
                    b,
                    text[a:b],
                    spk.name if spk else None,
                    direct,
                    spk.role if spk else None,
                    verb,
                )
            )

    # (#16) a paragraph's sentences by bisection when they are in order (segmentation
    # makes them so); a scan of every sentence per paragraph was quadratic
    sentence_starts = [s[0] for s in article.sentences]
    in_order = all(a <= b for a, b in pairwise(sentence_starts))
    for number, (p_start, p_end) in enumerate(article.paragraphs):
        regions = [(p_start + a, p_start + b) for a, b in quote_regions(text[p_start:p_end])]
        waiting: list[Offsets] = []
        if in_order:
            lo = bisect_left(sentence_starts, p_start)
            inside = list(article.sentences[lo : bisect_left(sentence_starts, p_end, lo)])
        else:
            inside = [s for s in article.sentences if p_start <= s[0] < p_end]
        first = (p_start, p_end) == article.paragraphs[0]
        title = headline(text, inside[0], (p_start, p_end)) if first and len(inside) == 1 else None
        if title is not None:  # "Sanders: Clinton email story has moved", quoted or not
            name = known.full(title[0])
            add(title[1], Speaker(name, None, name in known.by_last.values()), False, ":")
            continue
        for s_start, s_end in inside:
            _sentence(article, doc, known, add, regions, waiting, s_start, s_end)
        after = article.paragraphs[number + 1] if number + 1 < len(article.paragraphs) else None
        signed = _signature(text[after[0] : after[1]]) if after and waiting else None
        for region in waiting:
            spk = Speaker(known.full(signed), None, True) if signed else known.last_any
            add(region, spk, True, "-" if signed else None)
    return sorted(out, key=lambda q: (q.start, q.end))


_SIGNATURE = re.compile(
    r"^\s*[-\u2013\u2014]+\s*(?P<who>[A-Z][\w.'\u2019]*(?: [A-Z][\w.'\u2019]*){0,3})\.?\s*$"
)


def _signature(par: str) -> str | None:
    """ "- Bernie Sanders." under a quotation: who said it (fact checks, epigraphs)."""
    match = _SIGNATURE.match(par)
    return match.group("who").rstrip(".") if match else None


def _sentence(
    article: Article,
    doc: Any,
    known: _Speakers,
    add: Any,
    regions: list[Offsets],
    waiting: list[Offsets],
    s_start: int,
    s_end: int,
) -> None:
    text = article.text
    here = [r for r in regions if s_start <= r[0] <= s_end]
    long_quotes = [
        r
        for r in here
        if len(text[r[0] : r[1]].split()) > SCARE_WORDS
        or not text[s_start : r[0]].strip(" \n'\"\u201c\u2018")  # opens it
    ]
    outside = len(text[s_start:s_end].split()) - sum(len(text[a:b].split()) for a, b in here)
    if here and not long_quotes and outside <= 3:
        long_quotes = here  # a short quote that is the whole sentence
    short = [r for r in here if r not in long_quotes]

    running = [r for r in regions if r[0] < s_start < r[1]]  # opened in an earlier sentence

    def inside(i: int) -> bool:
        return any(a - 1 <= i <= b for a, b in [*here, *running])

    span = doc.char_span(s_start, s_end, alignment_mode="expand")
    tokens = list(span) if span is not None else []
    speakers: list[tuple[Any, Speaker]] = []
    for verb in tokens:
        if not _is_speech(verb) or inside(verb.idx):
            continue
        subject = _subject(verb, inside) or next(
            (c for c in verb.children if _modal_name(c) and c.text in known.by_last), None
        )
        spk = speaker_of(subject, known) if subject is not None else None
        if spk is not None:
            speakers.append((verb, spk))
    for verb, spk in speakers:  # short quoted phrases inside what a speaker says
        governed = [_span_of(c) for c in _governed(verb)]
        for region in short:
            if any(a <= region[0] and region[1] <= b for a, b in governed):
                add(region, spk, True, verb.lower_)
    colon = _colon_speaker(tokens, text, long_quotes, known, inside)
    if colon is not None and not speakers:
        speakers.append(colon)
    ending = [  # quotations that close in this sentence, or just before it ("...?” | Weaver said.)
        r for r in waiting if r[1] <= s_end and not text[r[1] : s_start].strip(_MARKS)
    ]
    after = [(v, s) for v, s in speakers if ending and v.idx >= ending[-1][1]]
    if after and not any(r[0] < after[0][0].idx for r in long_quotes):
        # “... several sentences ...,” Weaver said.  The quotation that opened in an
        # earlier sentence is the speaker's whose verb follows its close.
        verb, spk = after[0]
        for region in waiting:
            add(region, spk, True, verb.lower_)
        waiting.clear()
        known.remember(spk)
        if not long_quotes and not _reports_more_than(verb, [], text):
            speakers = [(v, s) for v, s in speakers if v is not verb]
    if long_quotes and speakers:
        first = long_quotes[0][0]
        verb, spk = min(speakers, key=lambda vs: abs(vs[0].idx - first))
        for region in [*waiting, *long_quotes]:
            add(region, spk, True, verb.lower_)
        waiting.clear()
        known.remember(spk)
        if not _reports_more_than(verb, long_quotes, text):
            speakers = [(v, s) for v, s in speakers if v is not verb]
    elif long_quotes:
        waiting.extend(long_quotes)
    if colon is not None and not here:
        known.remember(colon[1])  # "17-year-old Jared Potts echoed:" | “He speaks his mind ...”
    for verb, spk in speakers:
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        if clauses:
            a, b = _span_of(clauses[0])
            if min(b, s_end) - max(a, s_start) < 2:
                # The parser hung the clause across our sentence break (or a paragraph
                # break: "X declared:" before a quotation that opens the next paragraph);
                # nothing of it is in this sentence, but the speaker is the one spoken of next.
                known.remember(spk)

    said: list[Offsets] = []

    def add_reported(span: Offsets, spk: Speaker, verb: str) -> None:
        said.append(span)
        add(span, spk, False, verb)
        known.remember(spk)

    spoke = len(said)
    opening = document_opening(tokens)
    poll = speaker_of(opening[0], known) if opening is not None else None

    def source(tok: Any) -> Speaker | None:
        if poll is not None and respondents(tok):
            return poll  # "In a CNN/ORC poll, 38 percent of voters said ...": the poll's
        return speaker_of(tok, known)

    # a quotation that opened in an earlier sentence holds no reported speech of its own
    reported(tokens, text, (s_start, s_end), [*here, *running], source, add_reported)
    cued = bool(speakers) or len(said) > spoke

    def add_sourced(span: Offsets, spk: Speaker | None, verb: str) -> None:
        outside = len(text[span[0] : span[1]].split()) - sum(
            len(text[max(a, span[0]) : min(b, span[1])].split()) for a, b in [*here, *running]
        )
        if outside >= 3:
            add(span, spk, False, verb)
            if spk is not None:
                known.remember(spk)

    def resolve(tok: Any) -> Speaker | None:
        return speaker_of(tok, known)

    according(text, tokens, resolve, add_sourced)
    in_source(text, tokens, resolve, add_sourced, cued)
