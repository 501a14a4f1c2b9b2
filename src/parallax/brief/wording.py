"""Which of an outlet's sentences may stand in the brief, and how plain its wording is.

A brief sentence must be a statement a reader can take alone: no quotation without its
speaker (a pronoun is no speaker: "..., he said"), no sentence that leans on the one
before ("He vowed ...", "It follows ..."), no subheading.  Among the wordings that may
stand, loaded terms and characterising verbs or adjectives ("rebuffed", "slammed",
"onslaught") cost most, so a plain wording another outlet wrote wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parallax.framing.loaded import Loaded
from parallax.model import Analysis
from parallax.sections import Mention
from parallax.tokens import STOPWORDS, tokenize

CONTEXT_OPENERS = ("he ", "she ", "it ", "they ", "this ", "that ", "these ", "but ", "and ")
# A sentence opening with one of these names no one: its subject is in the sentence before.
PRONOUN_OPENERS = (
    "he ",
    "she ",
    "it ",
    "they ",
    "we ",
    "this ",
    "these ",
    "those ",
    "his ",
    "her ",
    "its ",
    "their ",
    "it's ",
    "it\u2019s ",
)
# Verbs and adjectives that characterise rather than report: another outlet's plain
# wording of the same fact is preferred ("was rebuffed" / "met", "slammed" / "said").
CHARACTERISING = frozenset(
    "rebuffed slammed blasted lashed railed ripped bashed torched hammered mocked derided "
    "touted bragged boasted onslaught stunning shocking bizarre notorious embattled "
    "disgraced infamous so-called firestorm brutal fiery scathing lambasted excoriated "
    "skewered savaged pilloried trumpeted crowed gloated whined fumed ranted raged rammed "
    "railroaded bulldozed gutted caved capitulated flip-flopped backpedaled dodged "
    "shameful outrageous disastrous draconian heavy-handed reckless controversial".split()
)
SPEECH_MARKERS = (" said", " says", " read", " told", " added", " according to")
LEAVE_OUT = frozenset({"label", "emotive", "violent-verb"})

_QUOTED = re.compile(r"[\u201c\"][^\u201d\"]*(?:[\u201d\"]|$)")
_PRONOUN_SPEAKER = re.compile(
    r"(?:^|[,\u201d\"]\s*)(?:he|she|they|it|we)\s+(?:said|says|added|told|wrote|noted|"
    r"continued|explained|insisted|argued|warned|stressed)\b"
    r"|\b(?:said|says|added|wrote)\s+(?:he|she|they)\s*[.,]"
)


def loaded_spans(analysis: Analysis) -> list[Loaded]:
    """Loaded terms in the outlets' own words (not inside quotations)."""
    loaded: Sequence[Loaded] = analysis.sections.get("loaded") or ()
    return [t for t in loaded if not t.quoted]


def mention_text(analysis: Analysis, mention: Mention) -> str:
    return analysis.article(mention.article).text[mention.start : mention.end]


def is_statement(text: str) -> bool:
    """A full sentence, not a subheading or a caption left in the text."""
    text = text.strip()
    return len(text.split()) >= 6 and text.endswith((".", "!", "?", "\u201d", '"', "'", "\u2019"))


def bare_quote(text: str) -> bool:
    """A quotation with no one saying it in the sentence."""
    lower = text.strip().lower()
    outside = _QUOTED.sub(" ", lower)  # "I said" inside the quotation names no one
    return lower[:1] in '\u201c"' and not any(v in outside for v in SPEECH_MARKERS)


def unattributed(text: str) -> bool:
    """Does the sentence leave its speaker or subject to the sentence before?  A bare
    quotation, a quotation whose speaker is a pronoun, a sentence opening with one."""
    lower = " ".join(text.strip().lower().split())
    if bare_quote(text) or lower.startswith(PRONOUN_OPENERS):
        return True
    outside = _QUOTED.sub(" \u201d ", lower)
    return bool(_QUOTED.search(lower)) and bool(_PRONOUN_SPEAKER.search(outside))


def content(text: str) -> set[str]:
    words = (w.removesuffix("'s").removesuffix("\u2019s") for w in tokenize(text).words)
    return {w for w in words if w not in STOPWORDS and not w.isdigit()}


def repeats(text: str, written: Sequence[set[str]]) -> bool:
    """Does ``text`` say again what a sentence already in the brief says (most of the
    shorter one's content words in the other)?"""
    words = content(text)
    for other in written:
        small = min(len(words), len(other))
        if small and len(words & other) / small >= 0.6:
            return True
    return False


def charged(
    article: str,
    start: int,
    end: int,
    text: str,
    loaded: Sequence[Loaded],
    dropped: Sequence[tuple[int, int]] = (),
) -> tuple[int, int]:
    """(label/emotive/violent terms, other loaded terms and characterising words) in the
    outlet's own words of ``text`` at ``[start, end)``, leaving out the ``dropped``
    spans (labels the brief took out).  An outlet's own label of an actor that cannot be
    dropped is counted by the caller (:mod:`parallax.brief.neutral`)."""
    inside = [
        t
        for t in loaded
        if t.article == article
        and start <= t.start < end
        and not any(s <= t.start < e for s, e in dropped)
    ]
    strong = sum(1 for t in inside if t.category in LEAVE_OUT)
    characterising = sum(1 for w in tokenize(text).words if w in CHARACTERISING)
    return strong, len(inside) - strong + characterising


def leans_on_context(text: str) -> bool:
    lower = text.strip().lower()
    return lower.startswith(CONTEXT_OPENERS) or bare_quote(text)
