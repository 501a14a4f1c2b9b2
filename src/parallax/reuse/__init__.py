"""Wire copy and edits: the text outlets share, and exactly what each one changed.

Registers the ``reuse`` stage, which assigns two sections: ``reuse`` (one entry per
pair of articles that shares copy, with passages and edits) and ``reuse_summary``
(copy groups of three or more articles, and the substitution table).
"""

from __future__ import annotations

from parallax.model import Analysis
from parallax.pipeline import Context, StageOutput, stage
from parallax.reuse.detect import find_reuse
from parallax.reuse.model import PairReuse, ReuseSummary
from parallax.reuse.summary import summarise
from parallax.sections import many, section

section("reuse", many(PairReuse.from_dict))
section("reuse_summary", ReuseSummary.from_dict)


@stage("reuse", requires=("articles",), assigns=("reuse", "reuse_summary"))
def reuse_stage(analysis: Analysis, ctx: Context) -> StageOutput:
    pairs = find_reuse(analysis.articles, ctx.options.reuse)
    return StageOutput(
        sections={"reuse": tuple(pairs), "reuse_summary": summarise(pairs, analysis.articles)}
    )
