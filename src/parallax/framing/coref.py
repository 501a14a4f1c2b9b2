"""Actors named by a description: "the group", "the enclave's rulers", "the junta".

A definite noun phrase whose head can stand for an actor is resolved to the last actor
of a compatible kind named shortly before it in the same article (a person noun to a
person, a government noun to a state, a group noun to an organisation or group).  The
phrase becomes a mention of that actor, and, when it says more than a generic noun
("the group", "the company"), a ``descriptive`` label.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from itertools import pairwise
from typing import Any

from parallax.framing.lexicon import lexicon

PERSON_NOUNS = frozenset(
    (
        "leader president premier minister chief executive oilman tycoon activist campaigner "
        "senator governor mayor spokesman spokeswoman official dictator autocrat strongman "
        "founder boss chairman chairwoman general commander businessman politician lawmaker "
        "billionaire mogul developer candidate nominee frontrunner front-runner congressman "
        "congresswoman commentator firebrand populist demagogue socialist provocateur "
        "hardliner incumbent challenger newcomer outsider insurgent showman"
    ).split()
)
STATE_NOUNS = frozenset(
    "government regime junta rulers administration authorities state country leadership".split()
)
GROUP_NOUNS = frozenset(
    (
        "group militants fighters movement organisation organization militia faction rebels "
        "insurgents company firm operator union party ministry agency council army military "
        "network outfit coalition alliance clique cabal mob polluters polluter processor "
        "producer manufacturer broadcaster channel newspaper"
    ).split()
)
GENERIC = frozenset(
    (
        "group company firm organisation organization government ministry agency council union "
        "party military army authorities administration state country leader president minister "
        "official chief executive spokesman spokeswoman operator network"
    ).split()
)
LEVELS = frozenset("federal state local national regional provincial municipal".split())
NOT_LABELS = frozenset("movement".split())  # "the movement": a mention that labels nothing
DETERMINERS = frozenset("the this that these those".split())


def _kind_for(noun: str) -> str | None:
    if noun in PERSON_NOUNS:
        return "person"
    if noun in STATE_NOUNS:
        return "state"
    if noun in GROUP_NOUNS:
        return "group"
    if any(e.category == "label" for e in lexicon().get(noun, ())):
        return "group" if noun.endswith("s") else "person"
    return None


def _needs_evidence(noun: str, kind: str) -> bool:
    """A person noun or a specific group noun names someone only when the story has
    called them so; a state noun ("the regime") or a generic one ("the group") does not."""
    if kind == "state" or noun in STATE_NOUNS:
        return False
    if noun not in PERSON_NOUNS and noun not in GROUP_NOUNS:
        return False  # a label from the lexicon ("the terrorists")
    return kind == "person" or noun not in GENERIC


def _compatible(kind: str, actor_type: str) -> bool:
    if kind == "person":
        return actor_type == "person"
    if kind == "state":
        return actor_type == "state"
    return actor_type in ("organisation", "group")


def descriptions(
    doc: Any,
    named: list[tuple[int, str, str]],
    window: int = 700,
    evidence: Mapping[str, set[str]] | None = None,
) -> list[tuple[int, int, str, bool]]:
    """(start, end, actor key, is_label) for each definite description resolved to an actor.

    ``named`` holds (start offset, actor key, actor type) of the named mentions, in order;
    ``evidence`` the nouns the story puts next to each actor's name: a description by a
    person noun or a specific group noun ("the former governor", "the movement") then
    stands only for an actor the story has called so ("former Alaska Gov. Sarah Palin").
    """
    out: list[tuple[int, int, str, bool]] = []
    # (#16) the named mentions in the window by bisection when they are in order (they
    # are: the caller sorts them); a scan of every mention per noun was quadratic
    starts = [s for s, _, _ in named]
    ordered = all(a <= b for a, b in pairwise(starts))
    at = set(starts)
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.ent_type_:
            continue
        kind = _kind_for(tok.lower_)
        if kind is None:
            continue
        lefts = list(tok.lefts)
        if not any(t.lower_ in DETERMINERS for t in lefts):
            continue
        if any(t.dep_ == "poss" for t in lefts):
            continue  # "Vask's puppet army", "their country": relative to someone else
        if any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in tok.subtree if t.i < tok.i):
            continue  # "the Kestrian government": named, not a description
        if tok.dep_ == "compound":
            continue
        start = min([t.idx for t in lefts] + [tok.idx])
        end = tok.idx + len(tok.text)
        if start in at:
            continue
        if ordered:
            before = named[bisect_left(starts, start - window) : bisect_left(starts, start)]
        else:
            before = [(s, key, typ) for s, key, typ in named if start - window <= s < start]
        noun = tok.lower_.rstrip("s")
        # an actor whose own name has the noun ("the alliance" -> Blue Reef Alliance) first
        match = next(
            (key for s, key, typ in reversed(before) if noun in key.split(":", 1)[1]),
            None,
        )
        strict = evidence is not None and _needs_evidence(tok.lower_, kind)
        if match is None and strict and evidence is not None:
            said = {tok.lower_, noun}
            match = next(
                (
                    key
                    for s, key, typ in reversed(before)
                    if _compatible(kind, typ) and said & evidence.get(key, set())
                ),
                None,
            )
            fits = {key for s, key, typ in before if _compatible(kind, typ)}
            if match is None and len(fits) == 1:
                match = fits.pop()  # the only one it can be
        elif match is None:
            match = next((key for s, key, typ in reversed(before) if _compatible(kind, typ)), None)
        guessed = False
        if match is None and strict:  # no actor called so: the nearest it can be, as a
            guessed = True  # mention only (a label on a guess would misname someone)
            match = next((key for s, key, typ in reversed(before) if _compatible(kind, typ)), None)
        if match is None:
            continue
        modifiers = [t for t in lefts if t.dep_ == "amod"]  # "the ruling clique"
        if any(t.lower_ in LEVELS for t in modifiers):
            continue  # "the federal government" is not the state named before
        is_label = (
            (bool(modifiers) or tok.lower_ not in GENERIC)
            and noun not in NOT_LABELS
            and not guessed
        )
        out.append((start, end, match, is_label))
    return out
