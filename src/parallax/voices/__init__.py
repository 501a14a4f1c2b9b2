"""Numbers and voices: every figure with its source, every quote with its speaker.

Registers the ``voices`` stage, which assigns ``quotes`` (every direct and reported
quote), ``numbers`` (claims grouped across articles: agree / conflict / single),
``other_figures`` (dates, times, durations, ages, ordinals: kept apart from claims)
and ``voices`` (who speaks where, and quotes shared by several articles).
Articles not in English are left out of this stage (a warning says so at ingestion).
"""

from __future__ import annotations

from dataclasses import replace

from parallax.model import Analysis, Notice
from parallax.pipeline import Context, StageOutput, stage
from parallax.sections import many, section
from parallax.voices.compare import NumberGroup, VoicesSummary, group_numbers, voices
from parallax.voices.numbers import CLAIM_KINDS, NumberMention, extract_numbers
from parallax.voices.quotes import Quote, extract_quotes
from parallax.voices.sides import voice_sides
from parallax.voices.speakers import unify_speakers

section("quotes", many(Quote.from_dict))
section("numbers", many(NumberGroup.from_dict))
section("other_figures", many(NumberMention.from_dict))
section("voices", VoicesSummary.from_dict)


def _story_names(quotes: list[Quote]) -> list[Quote]:
    """Give a surname-only speaker the full name another article uses ("Biden")."""
    full: dict[str, str] = {}
    for q in quotes:
        if q.speaker and len(q.speaker.split()) >= 2 and q.speaker[0].isupper():
            full.setdefault(q.speaker.split()[-1], q.speaker)
    out = []
    for q in quotes:
        name = q.speaker
        if name and " " not in name and name in full:
            q = replace(q, speaker=full[name])
        elif name and name.startswith("The "):
            q = replace(q, speaker="the " + name[4:])
        out.append(q)
    return out


@stage("voices", requires=("articles",), assigns=("quotes", "numbers", "other_figures", "voices"))
def voices_stage(analysis: Analysis, ctx: Context) -> StageOutput:
    english = [a for a in analysis.articles if a.language in ("en", "und")]
    docs = ctx.resources.parse(english)
    quotes: list[Quote] = []
    mentions: list[NumberMention] = []
    for art in english:
        found = extract_quotes(art, docs[art.id])
        quotes.extend(found)
        mentions.extend(extract_numbers(art, docs[art.id], found))
    quotes = unify_speakers(_story_names(quotes), english)
    sides = voice_sides(quotes, english, docs)
    warnings: tuple[Notice, ...] = ()
    groups = group_numbers(mentions, ctx.options.voices)
    return StageOutput(
        sections={
            "quotes": tuple(quotes),
            "numbers": tuple(
                replace(g, mentions=tuple(m.reported() for m in g.mentions)) for g in groups
            ),
            "other_figures": tuple(m.reported() for m in mentions if m.kind not in CLAIM_KINDS),
            "voices": voices(quotes, analysis.articles, sides),
        },
        warnings=warnings,
    )
