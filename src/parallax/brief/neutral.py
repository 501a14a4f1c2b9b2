"""Making an outlet's sentence fit for a neutral brief, with every change kept as offsets.

Two things keep a sentence from standing in the brief as it is, and both are read from
what the other stages found, not from a word list of the brief's own:

- **An outlet's own label of an actor** (the ``actors`` section of the word-choice
  stage): "Hezbollah, an ally of Hamas," or "the Hamas-controlled Gaza Health Ministry"
  where no other outlet of the story attaches that label to that actor.  A label the
  sentence stays grammatical without (an apposition between commas, an "X-run"
  modifier, a category noun right after the name) is dropped; another label keeps the
  wording out, so another outlet's wording, or none, is used.  Labels inside quotation
  marks are the speaker's words and stay.
- **A reference to the sentence before.**  A pronoun speaker the voices stage resolved
  to a person ("..., he said", "He vowed ...") becomes that person's name in brackets;
  a leading connective ("At the same time,", "But") is dropped.  A sentence that still
  opens with a pronoun, a demonstrative or an anaphoric description ("The aim would
  be ...", "This is ...", "It ...") cannot open a brief item.

Each change is a :class:`~parallax.brief.item.Change`: offsets into the article, the
words put in their place, and why.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from parallax.brief.item import Change
from parallax.framing.actors import ActorRecord
from parallax.framing.labels import ATTRIBUTIVE_ANYWHERE, ROLE_NOUNS, Label
from parallax.model import Analysis
from parallax.voices.names import TITLE_WORDS
from parallax.voices.quotes import Quote

# A description by office ("the military spokesperson", "general-secretary of the U.N.
# agency", "the No. 2 Republican in the Senate") says who someone is, not what the
# outlet thinks of them: it stays.
OFFICES = (
    ROLE_NOUNS
    | {w.lower() for w in TITLE_WORDS}
    | set(
        "chairman chairwoman chair nominee candidate senator governor mayor secretary "
        "director consultant adviser advisor strategist aide speaker whip deputy manager "
        "editor reporter correspondent analyst economist researcher scientist professor "
        "attorney counsel judge prosecutor general chancellor premier executive ceo "
        "founder owner partner employee worker nurse doctor officer agent".split()
    )
)
_RANK = re.compile(r"\bno\.\s*\d", re.IGNORECASE)


def office(text: str) -> bool:
    """Does a label name an office or a rank (its head, before "of", "in" ...)?"""
    head = re.split(r"\s(?:of|like|for|in|at|known|with|whose|who)\s", f" {text.lower()} ")[0]
    return bool(_RANK.search(head)) or any(w in OFFICES for w in re.findall(r"[a-z]+", head))


# An opening that names no one: its subject is in the sentence before.
PRONOUN_OPENERS = re.compile(
    r"^(?:he|she|it|they|we|this|that|these|those|his|her|its|their|it['\u2019]s|such|both|"
    r"neither|another|the latter|the former|the same|the two|the others?)\b",
    re.IGNORECASE,
)
# A definite description that points back ("The aim would be ...", "The move follows ...");
# "The aim of the pause" says what it is and may stand.
ANAPHORIC_NOUNS = (
    "aim goal purpose idea move decision step plan proposal effort measure remarks comments "
    "comment statement announcement trip visit meeting talks call request offer deal "
    "agreement incident development news report claim figure number response answer reply "
    "question issue problem result outcome change shift episode remark suggestion warning "
    "threat pledge demand"
).split()
ANAPHORIC = re.compile(
    r"^the\s+(?:" + "|".join(ANAPHORIC_NOUNS) + r")\b(?!\s+(?:of|to|by|for|from|in|on)\b)",
    re.IGNORECASE,
)
# Leading connectives that tie a sentence to the one before; the rest stands without them.
CONNECTIVE = re.compile(
    r"^(?:(?:at the same time|however|meanwhile|still|also|in addition|moreover|"
    r"nevertheless|nonetheless|instead|even so|by contrast|in turn|likewise|similarly|"
    r"separately|furthermore|as a result|therefore|thus|in response|for (?:his|her|its|"
    r"their) part)\s*,\s+|(?:but|and|yet|so|then)\s*,?\s+(?=[a-z]))",
    re.IGNORECASE,
)
_SPEECH_VERBS = (
    r"said|says|added|told|wrote|noted|continued|explained|insisted|argued|warned|stressed|"
    r"vowed|pledged|promised|urged|called|declared|announced|acknowledged|conceded"
)
# "..., he said" / "He said ..." / "..., said he."
_PRONOUN_SPEAKER = re.compile(
    r"\b(?P<p>he|she)\s+(?:also\s+)?(?:" + _SPEECH_VERBS + r")\b"
    r"|\b(?:said|says|added|wrote)\s+(?P<q>he|she)\s*(?=[.,])",
    re.IGNORECASE,
)
# "them" among the first words: "Democrats want them extended ..."
_EARLY_THEM = re.compile(r"^(?:\S+\s+){0,4}them\b", re.I)
# A pronoun subject after an opening phrase: "The next day, he clarified ...".
_LATE_PRONOUN = re.compile(r"^[^,\u201c\"]{1,60},\s+(?:he|she|it|they|this|these)\s", re.I)
# A pronoun the named speaker cannot be: "[Daniel Hagari] said they were ..." (the speaker
# stands for "he" or "she", so "they" or "it" is someone in the sentence before).
_SPEAKER_THEY = re.compile(
    r"^\[[^\]]+\]\s+(?:also\s+)?(?:" + _SPEECH_VERBS + r")\s+(?:that\s+)?(?:they|it|them)\b",
    re.IGNORECASE,
)
# An object that points back and says nothing of what it is, ending the sentence:
# "Israel has not openly responded to Biden's suggestion."  ("... to the suggestion
# of a pause." says what it is and may stand.)
_ENDS_ANAPHORIC = re.compile(
    r"\b(?:the|this|that|these|those|[A-Z][\w-]*['\u2019]s?)\s+(?:latest\s+|new\s+)?(?:"
    + "|".join(ANAPHORIC_NOUNS)
    + r")s?\s*[.!?]?[\u201d\"]?\s*$"
)
_LABEL_END = re.compile(r"\s*(?:,|\.|;|\s[\u2014\u2013]|\))")


@dataclass(frozen=True, slots=True)
class OwnLabel:
    """A label one outlet attaches to an actor that no other outlet of the story uses
    for it, and the change that drops it (None when the sentence would not stand)."""

    label: Label
    actor: str
    drop: Change | None


def _norm(text: str) -> str:
    words = re.findall(r"[a-z]+", text.lower())
    return " ".join(w for w in words if w not in ("a", "an", "the"))


def _drop(text: str, label: Label, names: Sequence[tuple[int, int]]) -> Change | None:
    """The span whose removal leaves the sentence grammatical without the label."""
    why = f"label: {label.text}"
    attributive = ATTRIBUTIVE_ANYWHERE.search(text, label.start, label.end)
    if attributive and label.kind in ("premodifier", "attributive"):
        end = attributive.end()
        if text[end : end + 1] == " ":
            return Change(attributive.start(), end + 1, "", why)  # "the Hamas-run ministry"
        return None
    if label.kind == "appositive":
        before = re.search(
            r",\s+(?:(?:an?|the)\s+)?$", text[max(0, label.start - 12) : label.start]
        )
        after = _LABEL_END.match(text, label.end)
        if before is None or after is None:
            return None
        start = label.start - len(before.group(0))
        end = label.end + (1 if after.group(0).strip() == "," else 0)
        return Change(start, end, "", why)  # "Hezbollah, an ally of Hamas, attacked"
    if label.kind == "premodifier":  # "Hezbollah terrorist group": the name alone
        for _s, e in names:
            if e < label.start and not text[e : label.start].strip():
                return Change(e, label.end, "", why)
    return None


def own_labels(analysis: Analysis) -> dict[str, list[OwnLabel]]:
    """Per article, the labels of actors in its own words that no other outlet used for
    the same actor, each with the change that drops it."""
    actors: Sequence[ActorRecord] = analysis.sections.get("actors") or ()
    out: dict[str, list[OwnLabel]] = {}
    for actor in actors:
        used: dict[str, set[str]] = {}
        for article, labels in actor.labels:
            used[article] = {_norm(lab.text) for lab in labels}
        for article, labels in actor.labels:
            text = analysis.article(article).text
            names = [(m.start, m.end) for m in actor.mentions if m.article == article]
            for lab in labels:
                if lab.quoted or office(lab.text):
                    continue
                if any(_norm(lab.text) in seen for a, seen in used.items() if a != article):
                    continue  # another outlet labels the actor so too: not one outlet's own
                own = OwnLabel(lab, actor.name, _drop(text, lab, names))
                out.setdefault(article, []).append(own)
    for found in out.values():
        found.sort(key=lambda x: x.label.start)
    return out


WINDOW = 600  # characters before a pronoun where the person it stands for is named


def quoted_at(text: str, at: int) -> bool:
    """Is offset ``at`` inside quotation marks: opened before it in its paragraph, or
    closed after it with none opened (a quotation of several paragraphs)?"""
    before = text[text.rfind("\n", 0, at) + 1 : at]
    if before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1:
        return True
    end = text.find("\n", at)
    after = text[at : end if end >= 0 else len(text)]
    marks = [c for c in after if c in '\u201c\u201d"']
    return bool(marks) and marks[0] == "\u201d"  # a quotation's later paragraph


def _first(item: tuple[int, str]) -> int:
    return item[0]


def _start(q: Quote) -> int:
    return q.start


@dataclass(frozen=True, slots=True)
class Speakers:
    """The voices stage's speakers of each article's statements, by offsets, and where
    the word-choice stage's person actors are named (start, name), per article; both
    in text order (by start), as :meth:`of` gives them."""

    quotes: Mapping[str, tuple[Quote, ...]]
    named: Mapping[str, tuple[tuple[int, str], ...]]

    @classmethod
    def of(cls, analysis: Analysis) -> Speakers:
        by_article: dict[str, list[Quote]] = {}
        found: Sequence[Quote] = analysis.sections.get("quotes") or ()
        for q in found:
            by_article.setdefault(q.article, []).append(q)
        quotes = {a: tuple(sorted(v, key=lambda q: q.start)) for a, v in by_article.items()}
        named: dict[str, list[tuple[int, str]]] = {}
        actors: Sequence[ActorRecord] = analysis.sections.get("actors") or ()
        for actor in actors:
            if actor.type == "person":
                for m in actor.mentions:
                    named.setdefault(m.article, []).append((m.start, actor.name))
        return cls(quotes, {a: tuple(sorted(v)) for a, v in named.items()})

    def last_named(self, article: str, text: str, at: int) -> str | None:
        """The person last named (outside quotation marks) shortly before ``at``
        (``named`` is in text order: the ones before ``at`` are found by bisection)."""
        named = self.named.get(article, ())
        for k in range(bisect_left(named, at, key=_first) - 1, -1, -1):
            start, name = named[k]
            if start < at - WINDOW:
                return None
            if not quoted_at(text, start):
                return name
        return None

    def person_in(self, article: str, text: str, start: int, end: int) -> str | None:
        """The one person the voices stage says speaks in ``[start, end)``, when the
        person named last before the sentence is that one too (two signals agree)."""
        quotes = self.quotes.get(article, ())  # in text order: bisection (#16)
        first = bisect_left(quotes, start, key=_start)
        names: set[str] = set()
        for k in range(first, bisect_left(quotes, end, first, key=_start)):
            speaker = quotes[k].speaker
            if speaker:
                names.add(speaker)
        if len(names) != 1:
            return None
        (name,) = names
        last = self.last_named(article, text, start)
        if last is None or not (name == last or name.endswith(f" {last}")):
            return None
        return last  # the actor's own name ("statement from his attorney, William McGinley")


def resolve(
    text: str, start: int, end: int, article: str, speakers: Speakers
) -> tuple[Change, ...]:
    """Changes that let the sentence ``text[start:end]`` stand alone: a leading
    connective dropped, a pronoun speaker named.  Empty when nothing needs doing or
    nothing can be done (:func:`leans` then says whether it may stand)."""
    sentence = text[start:end]
    changes: list[Change] = []
    connective = CONNECTIVE.match(sentence)
    if connective:
        at = start + connective.end()
        if text[at : at + 1].isalpha():
            changes.append(
                Change(
                    start, at + 1, text[at].upper(), f"connective: {connective.group(0).strip()}"
                )
            )
    offset = connective.end() if connective else 0
    for m in _PRONOUN_SPEAKER.finditer(sentence, offset):
        group = "p" if m.group("p") else "q"
        if (
            group == "p"
            and m.start("p") != offset
            and not re.search(r"[,\u201d\"]\s*$", sentence[: m.start("p")])
        ):
            continue
        name = speakers.person_in(article, text, start, end)
        if name is None:
            break
        s, e = start + m.start(group), start + m.end(group)
        changes.append(Change(s, e, f"[{name}]", f"speaker: {m.group(group)}"))
        break
    return tuple(changes)


def apply(text: str, start: int, end: int, changes: Sequence[Change]) -> str:
    """``text[start:end]`` with ``changes`` made (those inside it), spaces collapsed."""
    out, at = [], start
    for c in sorted(changes, key=lambda c: c.start):
        if c.start < at or c.end > end:
            continue
        out += [text[at : c.start], c.text]
        at = c.end
    out.append(text[at:end])
    return " ".join("".join(out).split())


def leans(text: str) -> bool:
    """Does the sentence (after its changes) still lean on the one before: a pronoun, a
    demonstrative or an anaphoric description as its subject ("The next day, he ..."),
    a connective, a pronoun speaker ("..., she said"), a pronoun its named speaker
    cannot be ("[Hagari] said they ..."), or an anaphoric description that ends it
    ("... responded to Biden's suggestion.")?"""
    stripped = text.lstrip()
    return bool(
        PRONOUN_OPENERS.match(stripped)
        or ANAPHORIC.match(stripped)
        or CONNECTIVE.match(stripped)
        or _LATE_PRONOUN.match(stripped)
        or _EARLY_THEM.match(stripped)
        or _PRONOUN_SPEAKER.search(stripped)
        or _SPEAKER_THEY.match(stripped)
        or _ENDS_ANAPHORIC.search(stripped)
    )
