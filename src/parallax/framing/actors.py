"""Actors of a story and the labels each article attaches to them.

Actors are the people, organisations, groups and states the articles name (spaCy NER),
merged across articles: a person by surname (the fullest form wins), an organisation
by its name without articles and possessives, an acronym with its expansion ("Israel
Defense Forces (IDF)").  A name that NER labels inconsistently ("Hagari" as ORG) is
still merged when it is a known surname.  A state (GPE) is an actor only where it
acts: as the subject of a verb or the owner of something ("Israel's military").

Labels are read from the parse around each mention:
- **premodifier**: the actor modifies a noun that categorises it ("Hamas terrorists",
  "Lebanon's Hezbollah terrorist group", "the enclave's ruling Hamas group");
- **appositive**: "Hezbollah, an Iranian proxy like Hamas,";
- **predicate**: "The VLF is a terrorist organisation";
- **attributive**: "Hamas-run", "Hamas-controlled", and "an arm of Hamas" said of
  something else.
Role nouns ("Hezbollah leader", "Hamas official") are not labels.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from parallax.framing.entities import People, find_names, group_name, without_stops
from parallax.framing.labels import (
    ATTRIBUTIVE_ANYWHERE,
    OF_FORMS,
    Label,
    clean_name,
    expansions,
    labels_of,
    span_text,
)
from parallax.model import Article
from parallax.sections import Mention
from parallax.voices.names import strip_titles

TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "state", "NORP": "group"}


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """One actor of the ``actors`` section: its name and type, the articles that name it
    (story order), its mentions, and per article (story order) the labels attached to
    it there."""

    name: str
    type: str
    articles: tuple[str, ...]
    mentions: tuple[Mention, ...]
    labels: tuple[tuple[str, tuple[Label, ...]], ...]

    def all_labels(self) -> tuple[Label, ...]:
        return tuple(label for _, labels in self.labels for label in labels)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "articles": list(self.articles),
            "mentions": [m.to_dict() for m in self.mentions],
            "labels": {a: [lab.to_dict() for lab in labels] for a, labels in self.labels},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ActorRecord:
        return cls(
            name=str(data["name"]),
            type=str(data["type"]),
            articles=tuple(str(a) for a in data.get("articles") or ()),
            mentions=tuple(Mention.from_dict(m) for m in data.get("mentions") or ()),
            labels=tuple(
                (str(a), tuple(Label.from_dict(lab, str(a)) for lab in labels))
                for a, labels in (data.get("labels") or {}).items()
            ),
        )


@dataclass
class Actor:
    """An actor while the articles are read (see :func:`find_actors`);
    :meth:`record` gives what the ``actors`` section holds."""

    key: str
    name: str
    type: str
    mentions: list[tuple[str, int, int]] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    names: set[str] = field(default_factory=set)

    def record(self, order: Sequence[str]) -> ActorRecord:
        """The actor as the ``actors`` section holds it; ``order``: the story's articles."""
        by_article: dict[str, list[Label]] = {}
        for label in self.labels:
            by_article.setdefault(label.article, []).append(label)
        return ActorRecord(
            name=self.name,
            type=self.type,
            articles=tuple(a for a in order if any(m[0] == a for m in self.mentions)),
            mentions=tuple(Mention(a, s, e) for a, s, e in self.mentions),
            labels=tuple((a, tuple(by_article[a])) for a in order if a in by_article),
        )


class _Registry:
    def __init__(self, docs: dict[str, Any]) -> None:
        self.actors: dict[str, Actor] = {}
        self.surnames: dict[str, str] = {}
        self.acronyms: dict[str, str] = {}
        self.people = People()
        for article, doc in docs.items():
            for ent in doc.ents:
                if ent.label_ == "PERSON":
                    name = clean_name(ent.text)
                    if len(name.split()) >= 2 and not name.isupper():
                        last = name.split()[-1]
                        if len(name) > len(self.surnames.get(last, "")):
                            self.surnames[last] = name
                        self.people.add_full(name)
                        self.people.place(article, ent.start_char, name)
                    elif len(name.split()) == 1:
                        self.people.single(name)
            for match in re.finditer(r"((?:[A-Z][\w\u2019'-]+\s){1,5})\(([A-Z]{2,6})\)", doc.text):
                self.acronyms[match.group(2)] = clean_name(match.group(1))
        orgs = {
            clean_name(e.text)
            for doc in docs.values()
            for e in doc.ents
            if e.label_ == "ORG" and len(clean_name(e.text).split()) >= 2
        }
        by_last: dict[str, set[str]] = {}
        for org in orgs:
            by_last.setdefault(org.split()[-1], set()).add(org)
            initials = "".join(w[0] for w in org.split() if w[0].isupper())
            if len(initials) >= 2:
                self.acronyms.setdefault(initials, org)
        # "the Front" for the Valdor Liberation Front, when no other org ends that way
        self.short_orgs = {
            last: next(iter(full)) for last, full in by_last.items() if len(full) == 1
        }
        # "the Health Ministry" for the Gaza Health Ministry, when no other org ends that way
        ends: dict[str, set[str]] = {}
        for org in orgs:
            words = org.split()
            for k in range(1, len(words) - 1):
                ends.setdefault(" ".join(words[k:]), set()).add(org)
        self.org_ends = {end: next(iter(full)) for end, full in ends.items() if len(full) == 1}

    def key_for(
        self, text: str, label: str, where: tuple[str, int] | None = None
    ) -> tuple[str, str, str] | None:
        """(key, display name, type) of a mention, or None when it is no actor;
        ``where`` (article, offset) tells which of two people a bare name is."""
        name = without_stops(clean_name(text))
        group = group_name(name)
        if group is not None:
            return "group:" + group.lower(), group, "group"
        if not name or len(name) < 2 or not strip_titles(name + " x").strip(" x"):
            return None  # empty, or only a title ("Adm.", "State" of "Secretary of State")
        if name in ("State", "Adm", "Rear", "Gen", "Lt", "Col"):
            return None
        last = name.split()[-1]
        first_name = " " not in name and name in self.people.by_first
        if (
            label == "PERSON"
            or first_name
            or (last in self.surnames and name in self.surnames[last])
        ):
            full = self.people.resolve(name, where)
            return "person:" + full.lower(), full, "person"
        name = self.acronyms.get(name, name)
        if label == "ORG" and " " not in name:
            name = self.short_orgs.get(name, name)
        elif label == "ORG":
            name = self.org_ends.get(name, name)
        kind = TYPES.get(label, "organisation")
        return f"{kind}:{name.lower()}", name, kind

    def add(self, key: str, name: str, kind: str) -> Actor:
        actor = self.actors.get(key)
        if actor is None:
            actor = self.actors[key] = Actor(key, name, kind)
        elif len(name) > len(actor.name) and kind == "person":
            actor.name = name
        return actor


def _dateline(ent: Any, paragraph_starts: set[int]) -> bool:
    """ "WASHINGTON —", "KANSAS CITY, Mo. —": a place in capitals opening a paragraph."""
    text = ent.text
    if not text.isupper() or len(text) < 4:
        return False
    return ent.start_char in paragraph_starts


def _acting(ent: Any) -> bool:
    root = ent.root
    return root.dep_ in ("nsubj", "nsubjpass", "poss") or (
        root.dep_ == "compound" and root.head.dep_ in ("nsubj", "nsubjpass")
    )


def _of_forms(
    doc: Any, article: Article, registry: _Registry, found: list[tuple[Actor, Label]]
) -> None:
    """ "an arm of Hamas", "an ally of Hamas": a label for Hamas itself."""
    ents: tuple[Any, ...] | None = None  # ``Doc.ents`` is rebuilt on every access
    starts: list[int] = []
    for tok in doc:
        if tok.dep_ != "appos":
            continue
        span = list(tok.subtree)
        start, end, text = span_text(article.text, span)
        match = OF_FORMS.match(text)
        if not match:
            continue
        if ents is None:
            ents = tuple(doc.ents)
            starts = [e.start_char for e in ents]
        # the first entity starting after "of" inside the apposition, by bisection (#16)
        k = bisect_left(starts, start + match.end())
        if k < len(ents) and ents[k].start_char < end:
            ent = ents[k]
            resolved = registry.key_for(ent.text, ent.label_)
            if resolved:
                actor = registry.add(*resolved)
                found.append(
                    (actor, Label(article.id, start, end, " ".join(text.split()), "attributive"))
                )


def _attributives(article: Article, registry: _Registry, found: list[tuple[Actor, Label]]) -> None:
    """ "HFB-held", "Wendt-sponsored": a label for the actor the prefix names, found in the
    text because NER rarely tags the prefix of a hyphenated word."""
    for match in ATTRIBUTIVE_ANYWHERE.finditer(article.text):
        prefix = match.group("name")
        known = registry.actors.get("person:" + registry.surnames.get(prefix, "").lower())
        if known is None:
            name = registry.short_orgs.get(prefix, registry.acronyms.get(prefix, prefix))
            known = next((a for a in registry.actors.values() if a.name == name), None)
        if known is None:
            continue
        start, end = match.span()
        if any(lab.start == start and lab.article == article.id for lab in known.labels):
            continue
        found.append((known, Label(article.id, start, end, match.group(0), "attributive")))


TITLES = {
    "gov": "governor", "sen": "senator", "rep": "representative", "pres": "president",
    "gen": "general", "adm": "admiral", "lt": "lieutenant", "col": "colonel",
    "sec": "secretary", "rev": "reverend", "supt": "superintendent", "atty": "attorney",
}  # fmt: skip


def _evidence(
    articles: Sequence[Article], docs: dict[str, Any], registry: _Registry
) -> dict[str, set[str]]:
    """Per actor key, the nouns the story puts next to its name ("former *Vice
    President* Dick Cheney", "the *aide*, Elizabeth Lauten", "the Tea Party *movement*"):
    what a description must say to stand for it."""
    out: dict[str, set[str]] = {}
    for art in articles:
        for ent in docs[art.id].ents:
            if ent.label_ not in TYPES:
                continue
            resolved = registry.key_for(ent.text, ent.label_, (art.id, ent.start_char))
            if resolved is None:
                continue
            root = ent.root
            near = [*ent, *(c for c in root.children if c.dep_ in ("compound", "amod", "nmod"))]
            near += [t for t in root.subtree if ent.start - 6 <= t.i < ent.start]
            for child in root.children:
                if child.dep_ == "appos":
                    near += [child, *(c for c in child.children if c.dep_ in ("compound", "amod"))]
            if root.dep_ in ("compound", "poss", "appos") and root.head.pos_ == "NOUN":
                near.append(root.head)
            words = out.setdefault(resolved[0], set())
            for tok in near:
                word = tok.lower_.rstrip(".")
                words.add(TITLES.get(word, word))
    return out


def _unquoted(article: Article, registry: _Registry) -> None:
    """Labels inside quotation marks are a speaker's words, not the outlet's: marked."""
    from parallax.framing.openvocab import within
    from parallax.voices.quotes import quote_regions

    text = article.text
    quoted = [
        (p0 + a, p0 + b) for p0, p1 in article.paragraphs for a, b in quote_regions(text[p0:p1])
    ]
    if not quoted:
        return
    inside = within(quoted)  # (#16) by bisection: a scan of every quote per label was quadratic
    for actor in registry.actors.values():
        actor.labels = [
            replace(lab, quoted=True)
            if lab.article == article.id and inside(lab.start, lab.end)
            else lab
            for lab in actor.labels
        ]


def _described(
    doc: Any,
    article: Article,
    registry: _Registry,
    found: list[tuple[Actor, Label]],
    window: int,
    evidence: dict[str, set[str]] | None = None,
) -> None:
    """Mentions by description ("the junta", "the group"), resolved to named actors."""
    from parallax.framing.coref import descriptions

    named: list[tuple[int, str, str]] = []
    by_key: dict[str, tuple[str, str]] = {}
    for ent in doc.ents:
        if ent.label_ not in TYPES:
            continue
        resolved = registry.key_for(ent.text, ent.label_)
        if resolved is not None:
            key, name, kind = resolved
            named.append((ent.start_char, key, kind))
            by_key.setdefault(key, (name, kind))
    for start, end, key, is_label in descriptions(doc, sorted(named), window, evidence):
        name, kind = by_key[key]
        actor = registry.add(key, name, kind)
        actor.mentions.append((article.id, start, end))
        if is_label:
            text = " ".join(article.text[start:end].split())
            if text.lower().startswith("the "):
                text = text[4:]
            found.append((actor, Label(article.id, start, end, text, "descriptive")))


def find_actors(
    articles: Sequence[Article], docs: dict[str, Any], window: int = 700
) -> list[Actor]:
    """Actors named in ``articles`` and their labels; ``window`` is how many characters
    back a description ("the junta") looks for the actor it stands for."""
    registry = _Registry({a.id: docs[a.id] for a in articles})
    evidence = _evidence(articles, docs, registry)
    short = expansions(registry.acronyms)
    for art in articles:
        doc = docs[art.id]
        pending: list[tuple[Actor, Label]] = []
        dateline_end = art.dateline[1] if art.dateline else 0
        paragraph_starts = {p0 for p0, _ in art.paragraphs}
        for ent in doc.ents:
            if ent.label_ not in TYPES or ent.start_char < dateline_end:
                continue
            if _dateline(ent, paragraph_starts):
                continue
            if ent.label_ == "GPE" and not _acting(ent):
                continue
            if ent.label_ == "NORP" and not (
                ent.root.pos_ in ("NOUN", "PROPN") and ent.root.tag_.endswith("S")
            ):
                continue
            resolved = registry.key_for(ent.text, ent.label_, (art.id, ent.start_char))
            if resolved is None:
                continue
            actor = registry.add(*resolved)
            actor.mentions.append((art.id, ent.start_char, ent.end_char))
            actor.names.add(clean_name(ent.text))
            actor.labels.extend(labels_of(ent, art, registry.acronyms, short))
        _of_forms(doc, art, registry, pending)
        _attributives(art, registry, pending)
        _described(doc, art, registry, pending, window, evidence)
        for actor, label in pending:
            actor.labels.append(label)
        _unquoted(art, registry)
    _named_again(articles, registry)
    actors = [a for a in registry.actors.values() if a.mentions]
    counts = {a.key: len(a.mentions) for a in actors}
    keep = [a for a in actors if counts[a.key] >= 2 or a.labels]
    return sorted(keep, key=lambda a: (-len({m[0] for m in a.mentions}), -len(a.mentions), a.name))


def _named_again(articles: Sequence[Article], registry: _Registry) -> None:
    """Mentions the tagger missed: a name only one actor goes by, found in any article."""
    owners: dict[str, set[str]] = {}
    for actor in registry.actors.values():
        if actor.type == "state":
            continue  # a state is an actor only where it acts
        for name in actor.names:
            owners.setdefault(name, set()).add(actor.key)
    names = {n: next(iter(keys)) for n, keys in owners.items() if len(keys) == 1}
    for art in articles:
        taken = bytearray(len(art.text) + 1)  # characters already in a mention
        for actor in registry.actors.values():
            for i, s, e in actor.mentions:
                if i == art.id:
                    taken[s:e] = b"\x01" * (e - s)
        for start, end, name in sorted(find_names(art.text, names)):
            if taken.find(1, start, end) >= 0:
                continue
            registry.actors[names[name]].mentions.append((art.id, start, end))
            taken[start:end] = b"\x01" * (end - start)
