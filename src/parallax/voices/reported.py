"""Reported speech, thoughts and intentions: what a cue verb's subject says it says.

A **cue** is a verb of saying ("said", "told reporters", "argued", "tweeted"), of
thinking ("believes", "fears", "hopes") or of intending ("wants to", "vowed to",
"plans to").  Its **content** is what it governs in the parse:

- a clause ("Kirby said *the U.S. was not advocating ...*"), for every cue;
- an infinitive ("the campaign wants *to expand its lead*"), for cues of intention
  and of asking ("urged him *to resign*");
- an object, for cues whose object is what is said ("called *him a liar*",
  "denied *the report*", "praised *the decision*").

Its **source** is the subject of the cue, or of the verb a participle hangs on
("..., *saying* ...", "issued a statement *saying* ..."), or the noun a relative clause
describes ("voters *who said* ...").  Negated cues count ("did not say that ...").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from parallax.model import Offsets

SAYING = frozenset(
    (
        "say tell add note warn state claim announce report reiterate insist argue explain "
        "acknowledge admit declare confirm deny urge write read tweet post predict complain "
        "caution concede recall testify allege maintain stress emphasize emphasise ask suggest "
        "estimate respond reply counter contend assert charge accuse blame praise criticize "
        "criticise call describe promise pledge vow threaten propose demand recommend observe "
        "remark quip joke boast brag lament dispute reject dismiss question signal indicate "
        "hint reveal disclose confess mention conclude find show acknowledge point advise "
        "inform assure concur agree disagree condemn slam blast attack applaud welcome "
        "hail decry denounce lambast mock deride label dub brand tout defend cite speak talk "
        "offer allege encourage persuade decline ignore challenge knock highlight "
        "reference endorse support"
    ).split()
)
THINKING = frozenset(
    (
        "think believe feel fear hope expect know worry want plan intend decide wish doubt "
        "assume consider suspect understand realize realise recognize recognise wonder "
        "prefer regard seek aim hope guess figure reckon anticipate envision imagine learn "
        "oppose see seem"
    ).split()
)
INTENDING = frozenset(
    (
        "want plan intend decide wish seek aim hope vow pledge promise threaten urge ask "
        "call encourage push press vow refuse expect try propose offer tell seem "
        "persuade decline"
    ).split()
)
OBJECT_CUES = frozenset(
    (
        "call describe praise criticize criticise condemn blame accuse deny confirm "
        "propose demand dismiss reject question cite tweet post write predict recommend slam "
        "blast applaud welcome hail decry denounce lambast mock deride label dub brand tout "
        "defend dispute acknowledge admit concede reiterate accuse oppose endorse ignore "
        "challenge attack knock highlight reference mention support"
    ).split()
)
ADDRESSEE = frozenset(  # their object is whom they address, or what they give
    "tell ask inform advise assure urge remind warn call read post write find know announce "
    "declare expect estimate report show pledge promise offer give".split()
)
BLAME = frozenset("accuse blame criticize criticise praise thank fault".split())
ABOUT = frozenset("about against of on over".split())
ABOUT_CUES = frozenset(
    "argue warn speak talk complain write caution joke boast brag think know worry ask".split()
)
NOT_SOURCES = frozenset(
    # demonstratives and quantifiers name no one; "I", "we" and "you" outside quotation
    # marks are the writer and the reader, not a voice of the story
    "that this which there what these those none nothing something anything everything "
    "i we you us me".split()
)
MIN_WORDS = 3
PARTIAL = 8  # words: a quoted phrase this short inside a content is part of it
IRREGULAR: dict[str, str] = {
    "said": "say", "told": "tell", "wrote": "write", "written": "write", "thought": "think",
    "felt": "feel", "knew": "know", "known": "know", "sought": "seek", "found": "find",
    "understood": "understand", "shown": "show", "figured": "figure",
}  # fmt: skip


def forms_of(lemma: str) -> set[str]:
    """Inflected forms of a regular verb ("admit": admits, admitted, admitting)."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    out = {lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing"}
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if (
        len(lemma) <= 6
        and lemma[-1] in "tmpbgn"
        and lemma[-2] in "aeiou"
        and lemma[-3] not in "aeiou"
    ):
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


LEMMAS: dict[str, str] = {
    form: lemma for lemma in sorted(SAYING | THINKING) for form in forms_of(lemma)
} | IRREGULAR


def lemma_of(tok: Any) -> str:
    """The cue verb a token is a form of ("" when none): the parse has no lemmatizer."""
    return LEMMAS.get(tok.lower_, "")


ADJECTIVES = frozenset(
    (
        "worried concerned angry upset unhappy confident certain sure aware unaware "
        "clear optimistic pessimistic skeptical sceptical convinced proud afraid eager "
        "determined frustrated furious hopeful adamant fearful wary critical supportive "
        "opposed"
    ).split()
)


def is_cue(tok: Any) -> bool:
    if tok.pos_ == "ADJ":
        return tok.lower_ in ADJECTIVES and tok.dep_ == "acomp"
    return tok.pos_ in ("VERB", "AUX") and bool(lemma_of(tok))


def _surname_as_modal(tok: Any) -> bool:
    return bool(
        tok.dep_ == "aux"
        and tok.tag_ == "MD"
        and tok.text[:1].isupper()
        and tok.text[1:].islower()
        and tok.i > tok.sent.start
    )


def _object_before(participle: Any) -> Any | None:
    """The object of the verb a participle completes, when it stands before it: the one
    doing what the participle says ("saw *him* running")."""
    return next(
        (c for c in participle.head.children if c.dep_ == "dobj" and c.i < participle.i), None
    )


def source_token(verb: Any) -> Any | None:
    """The token naming who speaks or thinks: the subject, found through participles,
    conjoined verbs and relative clauses."""
    tok = verb
    for _ in range(4):
        for child in tok.children:
            if _surname_as_modal(child):
                return child  # "..., Will described Trump as": a surname taken for a modal
        # the subject nearest the verb when the parse gives two ("LONDON (Reuters) -
        # Donald Trump said")
        subjects = sorted(
            (c for c in tok.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - tok.i)
        )
        if subjects:
            child = subjects[0]
            if child.lower_ in ("who", "that") and tok.dep_ == "relcl":
                return tok.head  # "voters who said ..."
            return child
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if pobj is not None:
            return pobj  # "Asked by Stephanopoulos to respond ..."
        if tok.dep_ == "xcomp" and tok.tag_ == "VBG" and _object_before(tok) is not None:
            return _object_before(tok)  # "follows President Biden *calling* for a pause",
            # "left many Republicans *wondering* what he believes"
        if tok.dep_ in ("advcl", "xcomp", "conj", "acomp", "pcomp", "prep") and tok.head is not tok:
            tok = tok.head
        elif tok.dep_ == "acl" and (tok.head.pos_ == "PROPN" or tok.head.ent_type_):
            return tok.head  # "a video of President Biden *calling* for a pause"
        elif tok.dep_ == "acl" and tok.head.head is not tok.head:
            tok = tok.head.head  # "issued a statement saying ..."
        else:
            return None
    return None


def _edges(tok: Any) -> Offsets:
    sub = list(tok.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


def content_span(verb: Any) -> Offsets | None:
    """Character span of what the cue governs, or None."""
    if verb.pos_ == "ADJ":  # "is worried about ...", "was confident that ..."
        parts = [
            c
            for c in verb.children
            if c.dep_ == "ccomp" or (c.dep_ == "prep" and c.lower_ in ("about", "of", "with"))
        ]
        return _cover(parts) if parts else None
    lemma = lemma_of(verb)
    parts = []
    as_phrase = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i]
    for child in verb.children:
        dep = child.dep_
        if dep == "ccomp" or (
            dep == "xcomp" and (lemma in INTENDING or lemma == "say") and child.i > verb.i
        ):
            parts.append(child)  # "said seeing so many officers was a welcome sight"
        elif dep == "dobj" and child.i > verb.i and as_phrase:
            parts += [child, *as_phrase]  # "supporters see him as the stronger candidate"
        elif dep in ("dobj", "oprd") and lemma in OBJECT_CUES and child.i > verb.i:
            if child.pos_ != "PRON" or any(c.dep_ == "oprd" for c in verb.children):
                parts.append(child)
        elif dep == "dobj" and lemma not in ADDRESSEE and child.i > verb.i:
            size = child.right_edge.i - child.left_edge.i + 1
            if child.pos_ in ("NOUN", "PROPN") and size >= MIN_WORDS:
                parts.append(child)  # "stressed bipartisan support for engagement"
        elif dep == "prep" and child.lower_ in ("for", "on") and lemma == "call":
            parts.append(child)  # "called for an inquiry", "called on him to resign"
        elif (
            dep == "prep"
            and child.i > verb.i
            and (
                child.lower_ in ("about", "against")
                or (child.lower_ in ABOUT and lemma in ABOUT_CUES)
            )
            and not any(c.lower_ in ("condition", "background") for c in child.children)
        ):
            parts.append(child)  # "argued against intervention", "spoke of his friendship"
        elif (
            dep == "prep" and child.lower_ in ("of", "for") and lemma in BLAME and child.i > verb.i
        ) or (dep == "prep" and child.lower_ == "with" and lemma == "charge"):
            parts.append(child)  # "accused him of lying", "charged the officer with murder"
        elif dep == "prep" and child.lower_ == "as" and lemma in OBJECT_CUES and child.i > verb.i:
            parts.append(child)  # "slammed his proposal as too vague"
    if parts and all(p.dep_ in ("xcomp", "ccomp") for p in parts):
        # "urged him to resign", "told reporters that ...": the addressee joins an
        # infinitive (a clause reported after it is content enough without it)
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
        if objects and any(p.dep_ == "xcomp" for p in parts):
            parts.extend(objects)
    clauses = [p for p in parts if p.dep_ == "ccomp" and p.i > verb.i]
    if clauses:  # "said *just because X was not obvious* did not mean ...": the clause's own
        first = min(p.left_edge.i for p in clauses)  # subordinate clause, hung on the verb
        parts.extend(
            c
            for c in verb.children
            if c.dep_ == "advcl" and verb.i < c.left_edge.i and c.right_edge.i < first
        )
    if parts and any(p.dep_ in ("dobj", "oprd") for p in parts):
        # "praised the efforts of X *to find a solution*", "believes an unborn baby
        # *has no rights*": what the parse hangs on the verb after the object goes on
        last = max(p.right_edge.i for p in parts)
        parts.extend(
            c for c in verb.children if c.i > last and c.dep_ in ("xcomp", "advcl", "oprd", "ccomp")
        )
    return _cover(parts) if parts else None


def _around(verb: Any, text: str, bounds: Offsets) -> Offsets | None:
    """The sentence around a parenthetical attribution set off by commas ("Mr. Obama,
    officials said, will travel ...", "... is over, he said."): the parse hangs the cue
    on the content instead of the content on the cue."""
    if lemma_of(verb) not in SAYING or verb.dep_ not in ("parataxis", "ROOT"):
        return None
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return None
    a, b = _edges(verb)
    before, after = text[bounds[0] : a].rstrip(), text[b : bounds[1]].lstrip()
    inner = text[a:b].strip()
    marks = (",", "\u2014")
    edges = (before.endswith(marks), after.startswith(marks))
    if not (any(edges) or inner.startswith(marks) or inner.endswith(marks)):
        return None
    if verb.dep_ == "ROOT" and len(text[a:b].split()) > 4:
        return None  # the subtree is the whole sentence: nothing set off
    size = len(before.split()), len(after.strip(" ,.").split())
    if size[0] >= MIN_WORDS and size[1] >= MIN_WORDS:
        return bounds
    return (bounds[0], a) if size[0] >= size[1] else (b, bounds[1])


NOUNS = frozenset(
    (
        "claim claims statement statements assertion assertions argument arguments belief "
        "beliefs view views hope hopes fear fears warning warnings promise promises pledge "
        "pledges call calls criticism criticisms complaint complaints insistence refusal "
        "decision proposal proposals plan plans remarks comments comment accusation "
        "accusations allegation allegations demand demands message suggestion vow threat "
        "threats opposition support praise"
    ).split()
)
ISSUING = frozenset(
    "make made makes making issue issued issues release released express expressed voice "
    "voiced deliver delivered give gave repeat repeated renew renewed reiterate reiterated "
    "offer offered".split()
)


def _noun_content(noun: Any) -> Offsets | None:
    """What a cue noun carries: "the claim *that ...*", "a promise *to cut taxes*",
    "criticism *of the plan*", "support *for the bill*"."""
    if noun.lower_ not in NOUNS:
        return None
    parts = [
        c
        for c in noun.children
        if c.i > noun.i
        and (
            (c.dep_ in ("acl", "ccomp") and any(t.lower_ in ("that", "to") for t in c.lefts))
            or (c.dep_ == "prep" and c.lower_ in ("about", "of", "for", "against", "on"))
            or (c.dep_ == "prep" and c.lower_ == "to" and noun.lower_ == "opposition")
        )
    ]
    return _cover(parts) if parts else None


def _noun_source(noun: Any) -> Any | None:
    """Whose the cue noun is: "Trump's claim", "his warning", or the subject of the verb
    that issues it ("issued a statement of concern about ...")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    if noun.dep_ == "dobj" and noun.head.lower_ in ISSUING:
        return source_token(noun.head)
    return None


def _cover(parts: list[Any]) -> Offsets:
    spans = [_edges(p) for p in parts]
    return min(a for a, _ in spans), max(b for _, b in spans)


def reported(
    tokens: list[Any],
    text: str,
    bounds: Offsets,
    quoted: list[Offsets],
    speaker: Callable[[Any], Any],
    add: Callable[[Offsets, Any, str], None],
) -> None:
    """Add every reported content of one sentence (``tokens``) with its source.

    ``quoted`` are the quotations of the sentence: a content that is only a quotation
    is left to it; ``speaker(token)`` resolves a source token to a speaker."""
    taken: list[Offsets] = []
    for verb in tokens:
        if any(a - 1 <= verb.idx <= b for a, b in quoted):
            continue
        if verb.pos_ == "NOUN":
            noun_span = _noun_content(verb)
            who = _noun_source(verb) if noun_span else None
            if noun_span and who is not None and who.lower_ not in NOT_SOURCES:
                a, b = max(noun_span[0], bounds[0]), min(noun_span[1], bounds[1])
                if text[a : a + 5].lower() == "that " and a + 5 < b:
                    a += 5
                spk = speaker(who) if len(text[a:b].split()) >= MIN_WORDS else None
                if spk is not None and not any(ta <= a and b <= tb for ta, tb in taken):
                    taken.append((a, b))
                    add((a, b), spk, verb.lower_)
            continue
        if not is_cue(verb):
            continue
        span = content_span(verb) or _around(verb, text, bounds)
        if span is None:
            continue
        a, b = max(span[0], bounds[0]), min(span[1], bounds[1])
        while a < b and text[a] in "“\"'‘ ":
            a += 1
        first = text[a : a + 5].lower()
        if first.startswith("that ") and a + 5 < b:
            a += 5
        words = len(text[a:b].split())
        in_quotes = sum(len(text[max(a, qa) : min(b, qb)].split()) for qa, qb in quoted)
        if words - in_quotes < MIN_WORDS:
            continue
        if any(ta <= a and b <= tb for ta, tb in taken):
            continue  # inside a content already reported ("said he thinks ...")
        who = source_token(verb)
        if who is None or who.lower_ in NOT_SOURCES:
            continue
        if who.lower_ == "it" and lemma_of(verb) not in SAYING:
            continue  # "it seems", "it is believed"
        spk = speaker(who)
        if spk is None:
            continue
        b = _to_end(tokens, text, verb, b, bounds[1], quoted)
        taken.append((a, b))
        add((a, b), spk, verb.lower_)


def _to_end(
    tokens: list[Any], text: str, verb: Any, b: int, end: int, quoted: list[Offsets]
) -> int:
    """A content the parse cut short runs on to the end of the cue's clause when nothing
    after it speaks again or is quoted ("saying he was rooting for X *but would now
    root for Y*")."""
    if verb.idx > b:
        return b
    rest = [t for t in tokens if t.idx >= b]
    if not rest or any(is_cue(t) or t.lower_ == "according" for t in rest):
        return b
    if any(qa >= b and len(text[qa:qb].split()) > PARTIAL for qa, qb in quoted):
        return b  # a quotation of its own follows: not this content's
    last = min(rest[-1].i, verb.right_edge.i)  # not past the cue's own clause
    stop: int = verb.doc[last].idx + len(verb.doc[last].text)
    while stop > b and text[stop - 1] in ".!?\"'” ":
        stop -= 1
    return max(b, min(stop, end))
