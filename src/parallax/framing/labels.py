"""Labels: the descriptive phrases an article attaches to an actor's mention.

Read from the parse around each mention (see :mod:`parallax.framing.actors`):
- **premodifier**: the actor modifies a noun that categorises it ("Hamas terrorists",
  "Lebanon's Hezbollah terrorist group", "the enclave's ruling Hamas group");
- **appositive**: "Hezbollah, an Iranian proxy like Hamas,";
- **predicate**: "The VLF is a terrorist organisation" (not a negated one);
- **attributive**: "Hamas-run", "Hamas-controlled".
Role nouns ("Hezbollah leader", "Hamas official") are not labels, nor a bare generic
head ("the Tea Party movement"), nor an apposition that is another kind of entity.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from parallax.model import Article
from parallax.voices.names import TITLE_WORDS, strip_titles

ROLE_NOUNS = frozenset(
    (
        "leader leaders spokesman spokeswoman spokesperson official officials minister "
        "ministers chief chiefs commander commanders president member members head heads "
        "founder lawyer lawyers attack attacks rule ruler government governments ministry "
        "headquarters statement statements officer officers source sources representative "
        "representatives negotiator negotiators delegation envoy ambassador border borders "
        "war side territory control"
    ).split()
)
GROUP_NOUNS = frozenset(
    (
        "group groups organization organisation organizations movement militia militias faction "
        "factions wing fighters fighter militants militant terrorists terrorist gunmen rebels "
        "rebel insurgents insurgent extremists forces troops soldiers supporters regime party "
        "network cell cells proxy proxies allies ally leadership rulers junta army outfit "
        "loyalists backers operatives guerrillas guerrilla thugs rioters mob protesters "
        "demonstrators activists radicals hardliners zealots fanatics cronies"
    ).split()
)
QUANTIFIERS = frozenset(
    "more most many other several some few such same own latest first entire whole this "
    "that these those".split()
)
NOT_LABELS = frozenset(  # head nouns that put an actor in no category at all
    "movement movements group groups members member supporters people campaign campaigns "
    "leadership "
    "organization organisation organizations organisations".split()
)
NAMED = frozenset("PERSON ORG GPE FAC LOC WORK_OF_ART EVENT LAW".split())
_ATTRIBUTIVE_VERBS = (
    r"run|controlled|led|backed|linked|affiliated|aligned|allied|held|ruled|dominated|"
    r"sponsored|funded|friendly|supporting|appointed|commissioned|trained|owned|financed|"
    r"inspired|armed|installed|approved"
)
ATTRIBUTIVE = re.compile(r"-(?:" + _ATTRIBUTIVE_VERBS + r")\b")
PLACED_LABEL = re.compile(
    r"\s+in\s+(?:the\s+)?[A-Z][\w]*-(?:" + _ATTRIBUTIVE_VERBS + r")\s+[A-Z][\w]+"
)
ATTRIBUTIVE_ANYWHERE = re.compile(r"\b(?P<name>[A-Z][\w]+)-(?:" + _ATTRIBUTIVE_VERBS + r")\b")
PLAIN_ROLE_WORDS = frozenset(
    "military senior former chief deputy local national state federal regional official "
    "executive general acting interim top congressional legislative parliamentary "
    "longtime current incoming outgoing junior".split()
)
LONGEST = 30  # words: an apposition longer than this is a misparse, not a description
OF_FORMS = re.compile(
    r"^(?:an?|the)\s+(?:\w+\s+)?(?:arm|wing|proxy|ally|puppet|branch|front|offshoot|client)\s+of\s+",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Label:
    """A label of one article; ``quoted``: inside quotation marks, so a speaker's words
    that the outlet reports, not its own."""

    article: str
    start: int
    end: int
    text: str
    kind: str
    quoted: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "quoted": self.quoted,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], article: str) -> Label:
        """A label of ``article`` (its JSON form is filed under the article's id)."""
        return cls(
            article=article,
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            kind=str(data["kind"]),
            quoted=bool(data.get("quoted", False)),
        )


def clean_name(name: str) -> str:
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    name = re.sub(r"(?:['\u2019]s|['\u2019])$", "", name)
    name = strip_titles(name).strip(" ,")
    return name if name.count(".") > 1 else name.strip(".")


def span_text(text: str, tokens: list[Any]) -> tuple[int, int, str]:
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    return start, end, text[start:end]


def labels_of(
    ent: Any,
    article: Article,
    acronyms: dict[str, str],
    short: Mapping[str, set[str]] | None = None,
) -> list[Label]:
    """The labels attached to one mention; ``short``: the acronyms of each expansion
    (the inverse of ``acronyms``, built once per story rather than once per mention)."""
    doc = ent.doc
    root = ent.root
    ent_ids = set(range(ent.start, ent.end))
    out: list[Label] = []

    def emit(tokens: list[Any], kind: str) -> None:
        tokens = [t for t in tokens if t.i not in ent_ids]
        while tokens and (tokens[0].is_punct or tokens[0].lower_ in ("the", "a", "an")):
            tokens = tokens[1:]
        while tokens and (
            tokens[-1].is_punct
            or tokens[-1].lower_ in ("the", "a", "an")
            or tokens[-1].text.rstrip(".") in TITLE_WORDS
        ):  # "the newspaper The Hill", "the legislator, Representative Carl Seel"
            tokens = tokens[:-1]
        if tokens and all(t.lower_ in NOT_LABELS or t.lower_ in QUANTIFIERS for t in tokens):
            return  # "Tea Party movement", "the entire movement": a generic noun says nothing
        if tokens and tokens[0].lower_ in ("his", "her", "their", "its", "our"):
            return  # "Nasrallah, his first public comments ...": a misparse, not a label
        expanded = acronyms.get(clean_name(ent.text), "")
        own_name = {w.lower() for w in f"{ent.text} {expanded}".split()}
        if len(tokens) == 1 and tokens[0].lower_ in own_name:
            return  # "the IDF forces": part of the actor's own name
        if tokens and any(t.is_alpha for t in tokens):
            start = tokens[0].idx
            end = tokens[-1].idx + len(tokens[-1].text)
            text = "".join(t.text_with_ws for t in tokens).strip()
            out.append(Label(article.id, start, end, " ".join(text.split()), kind))

    def is_place(tok: Any) -> bool:
        """A modifier that names another actor or place ("Lebanon's"), not a label."""
        return any(
            t.ent_type_ in ("GPE", "LOC", "ORG", "PERSON", "NORP") and t.i not in ent_ids
            for t in tok.subtree
        )

    head = root.head
    other_actor_on_head = any(
        c.dep_ == "compound" and c.ent_type_ and c.i not in ent_ids for c in head.lefts
    )
    if root.dep_ == "poss" and other_actor_on_head:
        pass  # "Lebanon's Hezbollah militants": the label is Hezbollah's
    elif root.dep_ in ("compound", "poss") and head.pos_ == "NOUN" and _categorises(head):
        mods = [
            c
            for c in head.lefts
            if c.dep_ in ("amod", "compound", "nmod", "poss")
            and c.i not in ent_ids
            and c.lower_ not in QUANTIFIERS
            and not is_place(c)
        ]
        if root.dep_ == "compound" or mods:
            toks = sorted([t for m in mods for t in m.subtree] + [head], key=lambda t: t.i)
            emit(toks, "premodifier")
    mods = [
        c
        for c in root.lefts
        if c.dep_ == "amod"
        and c.i not in ent_ids
        and c.lower_ not in QUANTIFIERS
        and len(c.text) > 2
    ]
    if mods:
        # "senior Republicans", "congressional Republicans", "former Governor Romney": a
        # part of the group or a plain role, unless the adjective judges ("radical
        # Islamists", "the embattled governor")
        tokens = [t for m in mods for t in m.subtree]
        attributive = ATTRIBUTIVE.search(" ".join(t.text for t in tokens).replace(" - ", "-"))
        if root.dep_ == "compound" or not (_evaluative(tokens) or attributive):
            mods = []
    if mods:
        emit(sorted([t for m in mods for t in m.subtree], key=lambda t: t.i), "premodifier")
    if short is None:
        short = expansions(acronyms)
    acronym = short.get(clean_name(ent.text), set())
    for child in root.children:
        if child.dep_ == "appos" and child.i not in ent_ids and child.text not in acronym:
            if child.ent_type_ in NAMED and child.ent_type_ != ent.label_:
                continue  # "Coolidge, the Statue of Liberty and ...": another entity, listed
            if ent.label_ == "PERSON" and not _evaluative(list(child.subtree)):
                continue  # "a schoolteacher": a plain role, not a label
            if child.right_edge.i - child.left_edge.i >= LONGEST:
                continue  # a run-on parse over several people and clauses
            emit(list(child.subtree), "appositive")
    if root.dep_ == "appos" and head.pos_ == "NOUN" and head.i not in ent_ids and head.i < root.i:
        np = [t for t in doc[head.left_edge.i : ent.start] if t.i not in ent_ids]
        if not any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in np):
            emit(np, "descriptive")
    copula = head.lower_ in ("is", "was", "are", "were", "remains", "became")
    if root.dep_ == "nsubj" and copula and not any(c.dep_ == "neg" for c in head.children):
        for child in head.children:  # not "America is not a circus"
            if child.dep_ == "attr":
                emit(list(child.subtree), "predicate")
    text = article.text  # the parsed text (``Doc.text`` is rebuilt on every access)
    placed = PLACED_LABEL.match(text, ent.end_char)
    if placed and ent.label_ == "ORG":  # "the Health Ministry in Hamas-run Gaza"
        start = placed.start() + len(placed.group()) - len(placed.group().lstrip())
        out.append(
            Label(article.id, start, placed.end(), text[start : placed.end()], "attributive")
        )
    after = text[ent.end_char : ent.end_char + 20]
    attributive = ATTRIBUTIVE.match(after)
    if attributive:
        start = ent.start_char
        out.append(
            Label(
                article.id,
                start,
                ent.end_char + attributive.end(),
                text[start : ent.end_char + attributive.end()],
                "attributive",
            )
        )
    return out


def expansions(acronyms: Mapping[str, str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for acronym, expansion in acronyms.items():
        out.setdefault(expansion, set()).add(acronym)
    return out


def _evaluative(tokens: list[Any]) -> bool:
    """Does a description judge or categorise (a lexicon word, or an adjective that is
    not a plain role word like "military" or "former")?"""
    from parallax.framing.lexicon import lexicon

    index = lexicon()
    for tok in tokens:
        if index.get(tok.lower_):
            return True
        plain = (
            tok.lower_ in PLAIN_ROLE_WORDS or tok.ent_type_ or any(c.isdigit() for c in tok.text)
        )
        if tok.pos_ == "ADJ" and not plain:
            return True
    return False


def _categorises(noun: Any) -> bool:
    """Is this noun a category for a person or group ("terrorists", "group"), not a role
    ("leader") or a thing ("strongholds")?"""
    from parallax.framing.lexicon import lexicon

    word = noun.lower_
    if word in ROLE_NOUNS:
        return False
    return word in GROUP_NOUNS or any(e.category == "label" for e in lexicon().get(word, ()))
