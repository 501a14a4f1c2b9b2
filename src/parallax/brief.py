"""The neutral brief: what the sources support, each sentence citing its outlets.

Extractive and deterministic: each sentence is one outlet's own sentence, word for
word (no sentence is rewritten, no quotation marks added), chosen among the wordings
of a fact for neutrality: fewest loaded terms in the outlet's own words, no sentence
that leans on context ("He said ..."), a plain length.  Consensus facts come first,
then facts several outlets report, each in story order.  Facts from one outlet only
and conflicting figures are listed apart, with each outlet's figure and source.

The writing step is a :class:`Writer`: another implementation (for instance one that
calls an OpenAI-compatible endpoint to rephrase the chosen facts) can replace
:class:`ExtractiveWriter` without touching the selection.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from parallax.facts.cluster import FactRecord
from parallax.framing.loaded import Loaded
from parallax.model import Analysis
from parallax.options import BriefOptions
from parallax.pipeline import Context, StageOutput, stage
from parallax.sections import Mention, many, optional_str, section
from parallax.tokens import STOPWORDS, tokenize
from parallax.voices.compare import NumberGroup

CONTEXT_OPENERS = ("he ", "she ", "it ", "they ", "this ", "that ", "these ", "but ", "and ")
# Verbs and adjectives that characterise rather than report: another outlet's plain
# wording of the same fact is preferred ("was rebuffed" / "met", "slammed" / "said").
CHARACTERISING = frozenset(
    "rebuffed slammed blasted lashed railed ripped bashed torched hammered mocked derided "
    "touted bragged boasted onslaught stunning shocking bizarre notorious embattled "
    "disgraced infamous so-called firestorm brutal fiery scathing".split()
)
SPEECH_MARKERS = (" said", " says", " read", " told", " added", " according to")


@dataclass(frozen=True, slots=True)
class BriefItem:
    text: str
    support: tuple[str, ...]
    kind: str  # consensus | partial | single | conflict
    fact: str | None
    article: str | None
    start: int | None
    end: int | None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "support": list(self.support),
            "kind": self.kind,
            "fact": self.fact,
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BriefItem:
        start, end = data.get("start"), data.get("end")
        return cls(
            text=str(data["text"]),
            support=tuple(str(a) for a in data["support"]),
            kind=str(data["kind"]),
            fact=optional_str(data.get("fact")),
            article=optional_str(data.get("article")),
            start=None if start is None else int(start),
            end=None if end is None else int(end),
            note=optional_str(data.get("note")),
        )


section("brief", many(BriefItem.from_dict))


class Writer(Protocol):
    """Turns the chosen facts into brief items."""

    def write(
        self, analysis: Analysis, facts: Sequence[FactRecord], kind: str
    ) -> list[BriefItem]: ...


def _loaded_spans(analysis: Analysis) -> list[Loaded]:
    loaded: Sequence[Loaded] = analysis.sections.get("loaded") or ()
    return [t for t in loaded if not t.quoted]


def _is_statement(analysis: Analysis, mention: Mention) -> bool:
    """A full sentence, not a subheading or a caption left in the text."""
    text = analysis.article(mention.article).text[mention.start : mention.end].strip()
    return len(text.split()) >= 6 and text.endswith((".", "!", "?", "\u201d", '"', "'", "\u2019"))


LEAVE_OUT = frozenset({"label", "emotive", "violent-verb"})


def _loaded_in(mention: Mention, loaded: Sequence[Loaded]) -> bool:
    """Does this wording use a label, emotive or violent term in the outlet's own words?"""
    return any(
        t.article == mention.article
        and mention.start <= t.start < mention.end
        and t.category in LEAVE_OUT
        for t in loaded
    )


_QUOTED = re.compile(r"[\u201c\"][^\u201d\"]*(?:[\u201d\"]|$)")


def _bare_quote(text: str) -> bool:
    """A quotation with no one saying it in the sentence."""
    lower = text.strip().lower()
    outside = _QUOTED.sub(" ", lower)  # "I said" inside the quotation names no one
    return lower[:1] in '\u201c"' and not any(v in outside for v in SPEECH_MARKERS)


def _content(text: str) -> set[str]:
    words = (w.removesuffix("'s").removesuffix("\u2019s") for w in tokenize(text).words)
    return {w for w in words if w not in STOPWORDS and not w.isdigit()}


def _repeats(text: str, written: Sequence[set[str]]) -> bool:
    """Does ``text`` say again what a sentence already in the brief says (most of the
    shorter one's content words in the other)?"""
    words = _content(text)
    for other in written:
        small = min(len(words), len(other))
        if small and len(words & other) / small >= 0.6:
            return True
    return False


def _wording_cost(analysis: Analysis, mention: Mention, loaded: Sequence[Loaded]) -> float:
    art = analysis.article(mention.article)
    text = art.text[mention.start : mention.end]
    terms = sum(
        1 for t in loaded if t.article == mention.article and mention.start <= t.start < mention.end
    )
    words = len(text.split())
    lower = text.lower()
    context = lower.startswith(CONTEXT_OPENERS) or _bare_quote(text)
    characterising = sum(1 for w in tokenize(text).words if w in CHARACTERISING)
    return 10 * (terms + characterising) + 5 * context + words / 30  # shortest: no more


class ExtractiveWriter:
    """Each fact in the most neutral of its outlets' own sentences, never one used twice."""

    def __init__(self) -> None:
        self.used: set[tuple[str, int]] = set()
        self.written: list[set[str]] = []

    def write(self, analysis: Analysis, facts: Sequence[FactRecord], kind: str) -> list[BriefItem]:
        loaded = _loaded_spans(analysis)
        conflicts = _conflict_notes(analysis)
        out = []
        for fact in facts:
            if any((m.article, m.start) in self.used for m in fact.mentions):
                continue  # a sentence already in the brief: this fact was said there
            options = [
                m
                for m in fact.mentions
                if _is_statement(analysis, m)
                and not _bare_quote(analysis.article(m.article).text[m.start : m.end])
            ]
            if not options:
                continue  # no full sentence, or only a quotation without its speaker
            best = min(options, key=lambda m: _wording_cost(analysis, m, loaded))
            if _loaded_in(best, loaded):
                continue  # every wording of this fact carries a label or emotive term
            art = analysis.article(best.article)
            text = " ".join(art.text[best.start : best.end].split())
            if _repeats(text, self.written):
                continue  # the same fact in other words, already in the brief
            self.used.update((m.article, m.start) for m in fact.mentions)
            self.written.append(_content(text))
            note = next(
                (
                    n
                    for (a, s, _e), n in conflicts.items()
                    if any(m.article == a and m.start <= s < m.end for m in fact.mentions)
                ),
                None,
            )
            out.append(
                BriefItem(
                    text,
                    fact.support,
                    "conflict" if note else kind,
                    fact.id,
                    best.article,
                    best.start,
                    best.end,
                    note,
                )
            )
        return out


def _needs_context(analysis: Analysis, fact: FactRecord) -> bool:
    """Every wording of the fact leans on the sentence before ("He said ...")."""
    return all(_wording_cost(analysis, m, []) >= 5 for m in fact.mentions)


def _conflict_notes(analysis: Analysis) -> dict[tuple[str, int, int], str]:
    """For each mention of a conflicting figure: who gives which figure, from whom."""
    outlet = {a.id: f"[{i}] {a.outlet}" for i, a in enumerate(analysis.articles, start=1)}
    notes: dict[tuple[str, int, int], str] = {}
    groups: Sequence[NumberGroup] = analysis.sections.get("numbers") or ()
    for group in groups:
        if group.status != "conflict":
            continue
        parts = "; ".join(
            f"{outlet[m.article]}: {m.text}" + (f" ({m.attribution})" if m.attribution else "")
            for m in group.mentions
        )
        note = f"figures differ for {group.what}: {parts}"
        for m in group.mentions:
            notes[(m.article, m.start, m.end)] = note
    return notes


def _story_order(analysis: Analysis, fact: FactRecord) -> tuple[int, int]:
    order = [a.id for a in analysis.articles]
    first = min(fact.mentions, key=lambda m: order.index(m.article))
    return order.index(first.article), first.start


def build_brief(
    analysis: Analysis, writer: Writer | None = None, options: BriefOptions | None = None
) -> list[BriefItem]:
    opts = options or BriefOptions()
    writer = writer or ExtractiveWriter()
    facts: Sequence[FactRecord] = analysis.sections.get("facts") or ()
    consensus = sorted(
        (f for f in facts if f.kind == "consensus"), key=lambda f: _story_order(analysis, f)
    )
    partial = sorted(
        (f for f in facts if f.kind == "partial" and not _needs_context(analysis, f)),
        key=lambda f: (-len(f.support), _story_order(analysis, f)),
    )
    chosen = consensus[: opts.max_sentences]
    room = opts.max_sentences - len(chosen)
    extra = sorted(partial[:room], key=lambda f: _story_order(analysis, f)) if room > 0 else []
    items = writer.write(analysis, chosen, "consensus") + writer.write(analysis, extra, "partial")
    singles = sorted(
        (f for f in facts if f.kind == "single"), key=lambda f: _story_order(analysis, f)
    )
    items += writer.write(analysis, singles[: opts.max_single], "single")
    return items


@stage("brief", requires=("articles", "facts"), reads=("numbers", "loaded"), assigns=("brief",))
def brief_stage(analysis: Analysis, ctx: Context) -> StageOutput:
    brief = build_brief(analysis, options=ctx.options.brief)
    return StageOutput(sections={"brief": tuple(brief)})
