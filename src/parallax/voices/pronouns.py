"""Who "he" / "she" is when a pronoun is the speaker ("..., he said", "He added ...").

News names a person and goes on about them with pronouns, mentioning others on the way:

    Braley says if elected to replace retiring Sen. Tom Harkin, he would want to serve
    on the Judiciary Committee.  He said Grassley would likely become chairman ...

The person named last (Harkin) is not the one spoken of (Braley).  The pronoun refers
to the **centre** of the text so far (centering theory): the subject of its own
sentence when one comes before it ("Sanders defended his vote, but late Saturday he
announced ..."), else the subject of the sentence before ("Braley says ...", "... ,"
Bozell notes.), a pronoun subject standing for what it refers to in turn.  Names inside
quotation marks are never the centre ('"Grassley is wrong," he said': the one quoted
is not Grassley).  When no sentence nearby has a person for a subject (a description:
"The Vermont senator ..."), the person named last outside quotation marks is taken, as
before; names are recognised as the voices stage knows them (``quotes._Speakers``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from parallax.voices.reported import LEMMAS

PRONOUNS = frozenset({"he", "she"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
TAGGED = frozenset({",", "\u201d", '"', "''"})  # "..., he said" | "...” he said"
CONTENT = frozenset({"ccomp", "parataxis", "xcomp", "dobj"})  # what a speech verb says
BACK = 2  # sentences looked back for a subject
DEPTH = 3  # pronoun subjects followed back in turn


def _person(tok: Any, person_at: Callable[[int], Any | None]) -> Any | None:
    """The name mention (a span) a subject token is part of, if it names a person, or
    its apposition's ("One superdelegate, Alabama party chairwoman Nancy Worley, ...")."""
    found = person_at(tok.i)
    if found is not None:
        return found
    for child in tok.children:
        if child.dep_ == "appos":
            found = person_at(child.i)
            if found is not None:
                return found
    return None


def _beside(tok: Any, pronoun: Any) -> bool:
    """May ``tok``, a subject before ``pronoun`` in its sentence, be what the pronoun
    refers to ("Sanders defended his vote, but he announced ...", "Rubio says, win or
    lose, he's staying")?  Not when it is inside what the pronoun says ("Also, Trump
    isn't a conservative, he said")."""
    verb = pronoun.head
    before = pronoun.doc[pronoun.i - 1] if pronoun.i > 0 else None
    if verb.lower_ not in LEMMAS or before is None or before.text not in TAGGED:
        return True  # not a speaker's tag after what they say (", he said")
    if verb.dep_ == "parataxis" and verb.head.i == tok.head.i:
        return False
    child = tok
    while child.head.i != child.i and child.head.i != verb.i:
        child = child.head
    return child.head.i != verb.i or child.dep_ not in CONTENT


def _subjects(sent: Any, quoted: Callable[[int], bool], before: int | None = None) -> list[Any]:
    """Subjects of a sentence outside quotation marks (ending before token ``before``):
    the root's first, then the others in text order."""
    found = [
        t
        for t in sent
        if t.dep_ in SUBJECTS and not quoted(t.idx) and (before is None or t.i < before)
    ]
    found.sort(key=lambda t: (t.head.i != sent.root.i, t.i))
    return found


def centre(
    subject: Any,
    person_at: Callable[[int], Any | None],
    quoted: Callable[[int], bool],
    depth: int = 0,
) -> Any | None:
    """The name mention a he/she ``subject`` refers to, by centering; None when no
    sentence nearby has a person (or a pronoun that resolves to one) for a subject."""
    doc = subject.doc
    sent = subject.sent
    for tok in _subjects(sent, quoted, before=subject.i):
        if not _beside(tok, subject):
            continue
        if tok.lower_ == subject.lower_ and depth < DEPTH and tok.i != subject.i:
            return centre(tok, person_at, quoted, depth + 1)
        mention = _person(tok, person_at)
        if mention is not None:
            return mention
    at = sent.start
    for _ in range(BACK):
        if at <= 0:
            return None
        prev = doc[at - 1].sent
        at = prev.start
        for tok in _subjects(prev, quoted):
            mention = _person(tok, person_at)
            if mention is not None:
                return mention
            if tok.lower_ == subject.lower_ and depth < DEPTH:
                return centre(tok, person_at, quoted, depth + 1)
            if tok.lower_ in PRONOUNS:
                return None  # the other gender's pronoun: someone else is spoken of
            break  # the sentence's subject is no person: look further back
    return None
