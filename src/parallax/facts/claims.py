"""What a statement claims: who does what to whom, negated or not, said by whom.

Read from the spaCy parse of one sentence (the pipeline's parse has no lemmatizer, so
words are compared by a crude stem and by their embeddings):

- ``predicates``: the content verbs (a verb of saying that governs a clause is the
  attribution, not the claim: "Reid said *the mosque should be built elsewhere*");
- ``subjects`` and ``objects``: the head words of the verbs' subjects and objects (a
  name stands for itself: "Sen. Harry Reid" is ``reid``); pronouns are left out;
- ``negated``: the claim's verb is negated ("did not send", "never met");
- ``modal``: the claim is hedged or planned ("may", "could", "plans to", "would");
- ``speakers``: who the sentence says makes the claim (the subject of the cue).

:func:`claim_signals` compares two claims for the same-fact model.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parallax.voices.reported import is_cue, source_token

MODALS = frozenset("may might could would should can must".split())
HEDGES = frozenset("plan plans planned planning intend intends consider considering".split())
LIGHT = frozenset(
    "be is are was were been being have has had having do does did done get got make made "
    "go going went come came take took continue continues continued continuing keep keeps "
    "kept begin begins began begun start starts started try tries tried seem seems seemed "
    "appear appears appeared".split()
)
ATTRIBUTIVE = frozenset(("according",))  # a verb in form, an attribution in use
NEGATIONS = frozenset("not n't never no".split())
PRONOUNS = frozenset(
    "i you he she it we they me him her us them who that which this these those what "
    "there one".split()
)


@dataclass(frozen=True, slots=True)
class Claim:
    predicates: tuple[str, ...]
    subjects: tuple[str, ...]
    objects: tuple[str, ...]
    negated: bool
    modal: bool
    speakers: tuple[str, ...]
    denied: tuple[str, ...] = ()  # the predicates that are themselves negated ("did not *send*")

    def to_dict(self) -> dict[str, Any]:
        return {
            "predicates": list(self.predicates),
            "subjects": list(self.subjects),
            "objects": list(self.objects),
            "negated": self.negated,
            "modal": self.modal,
            "speakers": list(self.speakers),
            "denied": list(self.denied),
        }


EMPTY = Claim((), (), (), False, False, ())


def stem(word: str) -> str:
    """A crude stem, enough to match "resigned" and "resigns" ("" for short words)."""
    w = word.lower()
    for suffix in ("ing", "ed", "es", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            w = w[: -len(suffix)]
            if suffix in ("ing", "ed") and len(w) > 3 and w[-1] == w[-2] and w[-1] not in "ls":
                w = w[:-1]  # "admitted", "stopping": the doubled consonant is the ending's
            return w
    return w


PERSONAL = frozenset("he she him her".split())
LOOKBACK = 400  # characters before a pronoun in which its person must be named


def antecedent(tok: Any) -> str:
    """The surname a "he" or "she" stands for: the last word of the person named last
    before it, no further back than :data:`LOOKBACK` characters ("" when none is).
    Crude (no gender, no salience), but in news a pronoun subject is most often the
    person just named: "Mr. Akin said ..." / "He claimed ..." are both ``akin``."""
    ends, named = _entities(tok.doc)
    # the entities ending at or before the pronoun are a prefix (entities do not overlap)
    for k in range(bisect_right(ends, tok.i) - 1, -1, -1):
        end_char, surname = named[k]
        if tok.idx - end_char > LOOKBACK:
            break
        if surname:
            return surname
    return ""


# per parsed article: its entities' end tokens, and (end offset, surname or "" when not
# a person); ``Doc.ents`` is rebuilt on every access, and a scan of it per pronoun grew
# with the square of a long article
_ENTITIES: weakref.WeakKeyDictionary[Any, tuple[list[int], list[tuple[int, str]]]] = (
    weakref.WeakKeyDictionary()
)


def _entities(doc: Any) -> tuple[list[int], list[tuple[int, str]]]:
    found = _ENTITIES.get(doc)
    if found is None:
        ents = doc.ents
        found = (
            [e.end for e in ents],
            [(e.end_char, str(e[-1].lower_) if e.label_ == "PERSON" else "") for e in ents],
        )
        _ENTITIES[doc] = found
    return found


def _head_word(tok: Any) -> str:
    """The word that names a subject or object: the last word of its name when it is
    part of one, else the token itself; for "he" or "she" the person named just before
    (:func:`antecedent`), "" for other pronouns."""
    if tok.lower_ in PERSONAL:
        return antecedent(tok)
    if tok.lower_ in PRONOUNS:
        return ""
    if tok.ent_type_ and tok.ent_iob_ in ("B", "I"):
        # the last token of the entity the token is in
        end = tok.i
        doc = tok.doc
        while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
            end += 1
        return str(doc[end].lower_)
    return str(tok.lower_)


def _governs_clause(verb: Any) -> bool:
    return any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in verb.children) or any(
        c.is_quote for c in verb.subtree
    )


ASPECTUAL = frozenset(
    "begin begins began begun start starts started stop stops stopped end ends ended".split()
)


def _aspect_of_a_thing(verb: Any) -> bool:
    """ "began *a strike*" is the happening itself, where "began *to bomb*" is light."""
    return verb.lower_ in ASPECTUAL and not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children)


def claim_of(tokens: Iterable[Any]) -> Claim:
    """The claim of a sentence, given its tokens (a spaCy ``Span`` or token list)."""
    preds: list[str] = []
    subjects: list[str] = []
    objects: list[str] = []
    speakers: list[str] = []
    denied: list[str] = []
    negated = modal = False
    for tok in tokens:
        if tok.pos_ != "VERB" or tok.lower_ in ATTRIBUTIVE or tok.dep_ == "amod":
            continue  # "according to X" attributes; "Hamas-controlled" describes
        word = tok.lower_
        if is_cue(tok) and _governs_clause(tok):
            src = source_token(tok)
            if src is not None and _head_word(src):
                speakers.append(_head_word(src))
            continue
        light = word in LIGHT and not _aspect_of_a_thing(tok)
        if not light:
            preds.append(word)
        for child in tok.children:
            if child.dep_ == "neg" or child.lower_ in NEGATIONS:
                negated = True
                if not light:
                    denied.append(word)
            elif child.dep_ == "aux" and child.lower_ in MODALS:
                modal = True
            elif child.dep_ in ("nsubj", "nsubjpass"):
                head = _head_word(child)
                if head:
                    subjects.append(head)
            elif child.dep_ in ("dobj", "attr", "oprd"):
                head = _head_word(child)
                if head:
                    objects.append(head)
        if tok.head is not tok and tok.head.lower_ in HEDGES:
            modal = True
    return Claim(
        tuple(dict.fromkeys(preds)),
        tuple(dict.fromkeys(subjects)),
        tuple(dict.fromkeys(objects)),
        negated,
        modal,
        tuple(dict.fromkeys(speakers)),
        tuple(dict.fromkeys(denied)),
    )


def claim_words(claims: Iterable[Claim]) -> list[str]:
    """Every predicate of ``claims``: the words whose embeddings :func:`claim_signals`
    compares."""
    return sorted({p for c in claims for p in c.predicates})


IRREGULAR = {
    "began": "begin", "begun": "begin", "rose": "rise", "risen": "rise", "fell": "fall",
    "fallen": "fall", "won": "win", "lost": "lose", "left": "leave", "shut": "close",
    "sold": "sell", "bought": "buy", "sent": "send", "froze": "freeze", "frozen": "freeze",
}  # fmt: skip
# Verbs of opposite happenings: two statements that share everything but one of these
# ("the strike began" / "the strike ended", "the road was closed" / "reopened") report
# different facts, however alike their words and embeddings are (the embeddings of such
# verbs are close: they occur in the same contexts).
OPPOSITES = tuple(
    tuple(pair.split())
    for pair in (
        "begin end|start end|start stop|begin stop|open close|close reopen|shut reopen|"
        "suspend resume|halt resume|stop resume|arrest release|detain release|rise fall|"
        "rise drop|increase decrease|increase cut|win lose|accept reject|approve reject|"
        "support oppose|confirm deny|admit deny|raise cut|raise lower|gain lose|enter leave|"
        "enter exit|join leave|hire fire|appoint dismiss|impose lift|ban allow|ban lift|"
        "convict acquit|evacuate return|lead trail|buy sell|send receive|grant deny|"
        "award deny|sign reject|pass fail|ratify reject|expand shrink|extend end|"
        "kill injure|kill wound|die survive|leave return|import export|allow block|"
        "accept decline|freeze release|freeze unfreeze|charge clear|sentence acquit"
    ).split("|")
)


def _base(word: str) -> str:
    return stem(IRREGULAR.get(word.lower(), word))


_OPPOSED = frozenset((_base(x), _base(y)) for pair in OPPOSITES for x, y in (pair, pair[::-1]))


def opposed(a: Sequence[str], b: Sequence[str]) -> bool:
    """Does one claim's verb name the opposite happening of the other's, with no verb in
    common?"""
    sa, sb = {_base(p) for p in a}, {_base(p) for p in b}
    return not (sa & sb) and any((x, y) in _OPPOSED for x in sa for y in sb)


SAYING = frozenset("say said says saying tell told tells telling".split())


def shared_action(a: Claim, b: Claim) -> str:
    """A verb both claims make (by stem), or "" (verbs of saying are not actions)."""
    stems = {stem(q) for q in b.predicates}
    return next((p for p in a.predicates if stem(p) in stems and p not in SAYING), "")


def denies(claim: Claim, action: str) -> bool:
    return stem(action) in {stem(d) for d in claim.denied}


def polarity_clash(a: Claim, b: Claim) -> bool:
    """One claim says an action happened and the other, no more hedged, that it did not
    ("the alarm sounded" / "the alarm did not sound"): never one fact, however alike
    their words (a contradiction when the actor is the same: :mod:`.contradictions`)."""
    action = shared_action(a, b)
    return bool(action) and denies(a, action) != denies(b, action) and a.modal == b.modal


@dataclass(frozen=True, slots=True)
class ClaimSignals:
    predicate: float  # best similarity of a predicate of one to a predicate of the other
    both_predicates: bool  # both sentences have a content verb
    subject: (
        float  # share of the subjects of the one with fewer also subject or object of the other
    )
    negation: bool  # one claim is negated and the other is not
    modality: bool  # one claim is hedged or planned and the other is not
    speaker: bool  # both name who makes the claim, and no one in common
    subject_clash: bool  # both name who acts, and neither's actor is in the other's claim
    opposed: bool = False  # their verbs name opposite happenings ("began" / "ended")


def _overlap(a: Sequence[str], b: Sequence[str]) -> float:
    if not a or not b:
        return 0.0
    sa, sb = {stem(x) for x in a}, {stem(x) for x in b}
    return len(sa & sb) / min(len(sa), len(sb))


def claim_signals(a: Claim, b: Claim, vectors: Mapping[str, Any] | None = None) -> ClaimSignals:
    best = 0.0
    for p in a.predicates:
        for q in b.predicates:
            if stem(p) == stem(q):
                sim = 1.0
            elif vectors is not None and p in vectors and q in vectors:
                sim = max(0.0, float(vectors[p] @ vectors[q]))
            else:
                sim = 0.0
            best = max(best, sim)
    both = bool(a.predicates and b.predicates)
    subject = _overlap(a.subjects, [*b.subjects, *b.objects]) if a.subjects else 0.0
    subject = max(subject, _overlap(b.subjects, [*a.subjects, *a.objects]) if b.subjects else 0.0)
    speaker = bool(a.speakers and b.speakers) and not (
        {stem(s) for s in a.speakers} & {stem(s) for s in b.speakers}
    )
    clash = bool(a.subjects and b.subjects) and not (
        _overlap(a.subjects, [*b.subjects, *b.objects])
        or _overlap(b.subjects, [*a.subjects, *a.objects])
    )
    return ClaimSignals(
        subject_clash=clash,
        predicate=best,
        both_predicates=both,
        subject=subject,
        negation=a.negated != b.negated,
        modality=a.modal != b.modal,
        speaker=speaker,
        opposed=opposed(a.predicates, b.predicates),
    )
