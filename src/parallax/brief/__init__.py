"""The neutral brief: what the sources support, each sentence citing its outlets.

Extractive and deterministic: each sentence is one outlet's own words (a whole sentence
or its leading clauses; nothing rewritten, no quotation marks added), and it cites an
outlet only when that outlet's own sentence says all of it.  Among the wordings of a
fact the plainest wins: no label, loaded or characterising word when another outlet
states it plainly, no sentence leaning on the one before, no quotation without its
speaker.  No two sentences state the same fact.  The main sentences read like a wire
lede: what happened first, then the reactions, each attributed in the sentence, then the
context.  Facts from one outlet only are listed apart; conflicting figures are marked
with each outlet's figure and source.

The writing step is a :class:`Writer`: another implementation (for instance one that
calls an OpenAI-compatible endpoint to rephrase the chosen facts) can replace
:class:`ExtractiveWriter` without touching the selection.
"""

from parallax.brief.item import BriefItem
from parallax.brief.wording import bare_quote as _bare_quote
from parallax.brief.wording import content as _content
from parallax.brief.wording import repeats as _repeats
from parallax.brief.writer import ExtractiveWriter, Writer, brief_stage, build_brief

__all__ = [
    "BriefItem",
    "ExtractiveWriter",
    "Writer",
    "_bare_quote",
    "_content",
    "_repeats",
    "brief_stage",
    "build_brief",
]
