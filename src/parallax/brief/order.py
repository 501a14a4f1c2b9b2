"""The order of a wire lede: what happened first, then the reactions, then the context.

Each brief sentence gets a role.  A *reaction* is what someone said of the event: a
quotation or a stance verb (vowed, warned, condemned, urged ...), attributed in the
sentence itself.  *Context* is background: what had happened before ("since", "has
been", "last month").  Everything else is the *event*.  The lede is the event sentence
most outlets support that best says where, when and how many; the other event
sentences follow in story order, then the reactions (most supported first), then the
context.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parallax.brief.item import BriefItem
from parallax.brief.support import cuts

_QUOTE = re.compile(r"[\u201c\"]([^\u201d\"]*)[\u201d\"]")
_STANCE = re.compile(
    r"\b(?:vow|warn|condemn|urg|criticiz|criticis|prais|pledg|"
    r"demand|accus|blam|insist|den(?:y|ied|ies)|promis|threaten|welcom|decr(?:y|ied)|"
    r"denounc|applaud|slam|reject|dismiss|defend|argu|appeal|lament|mourn|disput)\w*"
    r"|\bcalled (?:the|it|this|that|him|her|them)\b",
    re.IGNORECASE,
)
_CONTEXT = re.compile(
    r"\b(?:since|has been|have been|had been|previously|earlier (?:this|in)|last (?:week|"
    r"month|year)|so far|already|in recent (?:weeks|months|years)|for (?:years|decades))\b",
    re.IGNORECASE,
)
# A running total ("9,000 have been killed so far") is the event's figure, not background.
_RUNNING = re.compile(r"\b(?:so far|to date|already|ha(?:s|ve) been)\b", re.IGNORECASE)
_WHEN = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|"
    r"yesterday|(?:this|on) (?:morning|afternoon|evening)|january|february|march|april|"
    r"may|june|july|august|september|october|november|december|\d{1,2}(?::\d\d)? ?[ap]\.?m)\b",
    re.IGNORECASE,
)
_WHERE = re.compile(r"\b(?:in|at|near|outside|across|into|from) (?:the )?[A-Z]\w+")
_SAID = re.compile(r"\b(?:said|says|(?<!were )(?<!was )told|according to|stated)\b", re.IGNORECASE)
_FIGURE = re.compile(r"\b\d[\d,.]*\b|\b(?:dozens|hundreds|thousands|millions)\b")


def role(text: str) -> str:
    quoted = " ".join(m.group(1) for m in _QUOTE.finditer(text))
    outside = _QUOTE.sub(" ", text)
    first = outside[: next(cuts(outside), len(outside))]  # the main clause, not the rest
    if len(quoted.split()) >= 3 or _STANCE.search(first):
        return "reaction"
    said = _SAID.search(outside)
    if said and not _FIGURE.search(outside) and not _reports_event(outside, said):
        return "reaction"  # an attributed view; a figure or a deed someone reports is the event
    if _FIGURE.search(outside):
        outside = _RUNNING.sub(" ", outside)
    if _CONTEXT.search(outside):
        return "context"
    return "event"


_MODAL = re.compile(r"\b(?:would|will|could|may|might|should|must|can|wants?|hopes?)\b", re.I)
_DONE = re.compile(
    r"\b(?:have|has|had|were|was)\s+(?:(?:now|not|also|just|already|\w+ly)\s+){0,3}"
    r"\w+(?:ed|en|wn)\b|\b\w{3,}ed\b",
    re.IGNORECASE,
)


_OFFICIAL = re.compile(
    r"\b(?:military|police|officials?|authorities|ministry|army|forces|department|agency|"
    r"officers?|spokes(?:man|woman|person)|rescuers|firefighters|fire chief|coast guard|"
    r"command|prosecutors?)\b",
    re.IGNORECASE,
)


def _reports_event(outside: str, said: re.Match[str]) -> bool:
    """Does an official source report a deed ("military officials said forces have
    surrounded the city", "the military said it retaliated"), rather than someone give a
    view or a plan ("the mayor said the rise was needed", "the city would open an
    inquiry")?  What the source of the news reports is what happened."""
    after = outside[said.end() :]
    if len(after.split()) >= 4:
        content, speaker = after, outside[: said.start()]
    else:
        content, speaker = outside[: said.start()], after
    return (
        bool(_OFFICIAL.search(speaker))
        and not _MODAL.search(content)
        and bool(_DONE.search(content))
    )


def event_score(text: str) -> int:
    """How much of what happened the sentence says: when, where, how many."""
    outside = _QUOTE.sub(" ", text)
    return (
        2 * bool(_WHEN.search(outside))
        + 2 * bool(_WHERE.search(outside))
        + bool(_FIGURE.search(outside))
        - bool(re.search(r"\b(?:said|says|according to)\b", outside))
    )


def _reach(item: BriefItem) -> int:
    """How many outlets report the fact, in these words or in part."""
    return len(item.support) + len(item.also)


def lede_order(
    items: Sequence[BriefItem], story: Sequence[tuple[int, int]], lead: Sequence[int]
) -> list[BriefItem]:
    """``items`` (the brief's main sentences) in wire-lede order; ``story[i]`` is item
    ``i``'s place in the story (article, offset), the tie-breaker everywhere, and
    ``lead[i]`` the earliest sentence number of its fact in any article (a fact some
    outlet opens with comes first)."""
    indexed = list(zip(items, story, strict=True))
    top = {id(item): rank == 0 for item, rank in zip(items, lead, strict=True)}
    events = [x for x in indexed if x[0].role == "event"]
    lede = max(
        events,
        key=lambda x: (
            top[id(x[0])],
            _reach(x[0]),
            event_score(x[0].text),
            len(x[0].support),
            [-v for v in x[1]],
        ),
        default=None,
    )
    rest = sorted((x for x in events if x is not lede), key=lambda x: x[1])
    reactions = sorted(
        (x for x in indexed if x[0].role == "reaction"), key=lambda x: (-_reach(x[0]), x[1])
    )
    context = sorted((x for x in indexed if x[0].role == "context"), key=lambda x: x[1])
    head = [lede] if lede is not None else []
    return [x[0] for x in head + rest + reactions + context]
