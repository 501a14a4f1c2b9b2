"""Agreement and omission: which facts each outlet reports, and what each leaves out.

Registers the ``facts`` stage, which assigns ``facts`` (each with ``id``, a
representative ``text``, ``support``, ``kind``, ``conflict`` and ``mentions``),
``omissions`` (per article, the facts at least two other articles report and it does
not, most supported first), ``near_misses`` (for an omission, the article's statement
closest to the fact when the model finds it close: :mod:`parallax.facts.omit`) and
``contradictions`` (statements of two outlets about one happening that cannot both be
right: :mod:`parallax.facts.contradictions`).  Articles not in English take part with
lexical and number matching only (the embedding model and the parse are English).
Each statement's claim (who does what, negated or hedged, said by whom:
:mod:`parallax.facts.claims`) is read from the run's parse, which the later stages
reuse.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from parallax.facts.claims import EMPTY, Claim, claim_of
from parallax.facts.cluster import FactRecord, build_facts, fact_records
from parallax.facts.contradictions import Contradiction, find_contradictions
from parallax.facts.features import Unit, make_unit
from parallax.facts.match import Embedder, PairScore, score_pairs
from parallax.facts.omit import NearMiss, Omissions, near_misses, omissions
from parallax.facts.views import views_of
from parallax.model import Analysis, Article
from parallax.options import FactsOptions
from parallax.pipeline import Context, StageOutput, stage
from parallax.sections import many, section

section("facts", many(FactRecord.from_dict))
section("omissions", Omissions.from_dict)
section("contradictions", many(Contradiction.from_dict))
section("near_misses", many(NearMiss.from_dict))


@stage(
    "facts",
    requires=("articles",),
    assigns=("facts", "omissions", "near_misses", "contradictions"),
)
def facts_stage(analysis: Analysis, ctx: Context) -> StageOutput:
    opts = ctx.options.facts
    english = [a for a in analysis.articles if a.language in ("en", "und")]
    if opts.embed:  # (#16) sentence vectors made on the other core while spaCy parses
        ctx.resources.prefetch_embed([art.text[s:e] for art in english for s, e in _spans(art)])
    if opts.claims:
        docs = ctx.resources.parse(english)
    else:
        docs = {}
        ctx.resources.prefetch(english)  # the later stages' parse runs beside the embeddings
    records, scores = facts_of(analysis.articles, docs, ctx.resources.embed, opts)
    order = [a.id for a in analysis.articles]
    omitted = omissions(records, order)
    return StageOutput(
        sections={
            "facts": tuple(records),
            "omissions": omitted,
            "near_misses": near_misses(records, omitted, scores),
            "contradictions": find_contradictions(scores, records, order),
        }
    )


def facts_of(
    articles: Sequence[Article],
    docs: Mapping[str, Any],
    embed: Embedder | None,
    opts: FactsOptions,
) -> tuple[list[FactRecord], list[PairScore]]:
    """The facts of ``articles`` (parsed in ``docs``, by article id), and the scores of
    the candidate pairs of statements they were built from."""
    units = statement_units(articles, docs)
    scores = score_pairs(units, embed, opts)
    order = [a.id for a in articles]
    return fact_records(build_facts(units, scores, opts), order), scores


def statement_units(articles: Sequence[Article], docs: Mapping[str, Any]) -> list[Unit]:
    """Every sentence of ``articles`` as a statement, with its claim and views read from
    the article's parse in ``docs`` (by article id; none for an article not there)."""
    units = []
    for art in articles:
        doc = docs.get(art.id)
        for i, (start, end) in enumerate(_spans(art)):
            claim: Claim = EMPTY
            views: tuple[str, ...] = ()
            if doc is not None:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    claim, views = claim_of(span), views_of(span)
            units.append(make_unit(art.id, i, start, end, art.text[start:end], claim, views))
    return units


def _spans(art: Article) -> list[tuple[int, int]]:
    """Each sentence's offsets, the first without its dateline."""
    skip = art.dateline[1] if art.dateline else 0
    return [(max(s, skip) if s < skip < e else s, e) for s, e in art.sentences]
