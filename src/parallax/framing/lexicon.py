"""The loaded-language lexicon (``parallax/data/loaded_terms.tsv``) and its matcher.

Each entry has a category, the part of speech it needs to be loaded, neutral
alternatives, the neighbouring words that make it neutral ("tax regime", "claimed
responsibility", "crushing defeat"), and the public guidance it follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

CATEGORIES = (
    "label",
    "emotive",
    "violent-verb",
    "intensifier",
    "doubt-verb",
    "euphemism",
    # found by the open-vocabulary model (parallax.framing.openvocab), not listed
    "evaluative",
    "characterising-verb",
    "scare-quote",
)


@dataclass(frozen=True, slots=True)
class Entry:
    term: tuple[str, ...]  # lower-case words
    category: str
    pos: str | None
    neutral: tuple[str, ...]
    unless: tuple[tuple[str, ...], ...]
    source: str


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split(";") if x.strip() and x.strip() != "-")


@cache
def lexicon() -> dict[str, list[Entry]]:
    """Entries indexed by their first word."""
    raw = resources.files("parallax").joinpath("data/loaded_terms.tsv").read_text("utf-8")
    index: dict[str, list[Entry]] = {}
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("term\t"):
            continue
        term, category, pos, neutral, unless, source = line.split("\t")
        if category not in CATEGORIES:
            raise ValueError(f"loaded_terms.tsv: unknown category {category!r} for {term!r}")
        entry = Entry(
            term=tuple(w for w in term.lower().replace("-", " - ").split()),
            category=category,
            pos=None if pos == "-" else pos,
            neutral=_split(neutral),
            unless=tuple(tuple(u.split()) for u in _split(unless)),
            source=source,
        )
        index.setdefault(entry.term[0], []).append(entry)
    for entries in index.values():
        entries.sort(key=lambda e: -len(e.term))  # longest phrase first
    return index
