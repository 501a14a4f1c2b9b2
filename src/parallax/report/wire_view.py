"""Which wire copy each article carries, as the reports show it.

An article carries a wire's copy when

- its own credits name the wire (``credit``: "Associated Press writers ... contributed");
- it is the wire's own text (``own``: its outlet is the wire, from its site or address);
- or, with no credit of its own, it shares a large part of its words with an article
  that carries that wire's copy (``shared-text``, a *likely* source, with the shared
  words and passages as evidence).

Two articles that carry the same wire's copy, neither of them the wire's own text,
are two republications: where their wording differs, one of the republishers edited
it, and neither wording can be called the wire's (:func:`republished_pair`).
Works on the JSON form of the ``reuse`` section, as the other views do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parallax.model import Analysis, Article, to_jsonable
from parallax.outlets import is_wire

LIKELY_SHARE = 0.2  # share of the article's words in passages shared with the wire copy
LIKELY_WORDS = 50  # and at least this many shared words


@dataclass(frozen=True, slots=True)
class WireCopy:
    """The wire copy one article carries: ``basis`` is ``credit``, ``own`` or
    ``shared-text``; ``evidence`` says why, in words a reader can check."""

    wire: str
    basis: str
    evidence: str
    via: str | None = None  # for ``shared-text``: the article it shares the copy with

    @property
    def likely(self) -> bool:
        return self.basis == "shared-text"


def _pairs(analysis: Analysis) -> list[dict[str, Any]]:
    if "reuse" not in analysis.sections:
        return []
    return [p for p in to_jsonable(analysis.sections["reuse"]) or [] if p.get("passages")]


def _direct(article: Article) -> WireCopy | None:
    if article.wire:
        ev = article.wire_evidence[0].text if article.wire_evidence else article.wire[0]
        return WireCopy(article.wire[0], "credit", ev)
    if is_wire(article.outlet):
        return WireCopy(article.outlet, "own", f"the article is {article.outlet}'s own text")
    return None


def _clip(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 3] + "..."


def wire_copies(analysis: Analysis) -> dict[str, WireCopy]:
    """Per article id, the wire copy it carries (articles carrying none are absent)."""
    order = {a.id: i for i, a in enumerate(analysis.articles, start=1)}
    out = {a.id: w for a in analysis.articles if (w := _direct(a)) is not None}
    best: dict[str, tuple[float, WireCopy]] = {}
    for pair in _pairs(analysis):
        ids = pair["articles"]
        for k in (0, 1):
            me, other = ids[k], ids[1 - k]
            source = out.get(other)
            if me in out or source is None or source.likely:
                continue
            share = float(pair["share"][k])
            words = int(pair["shared_words"])
            if share < LIKELY_SHARE or words < LIKELY_WORDS:
                continue
            passages = pair["passages"]
            longest = max(passages, key=lambda p: p["shared_words"])
            start, end = longest["ab"[k]]
            text = analysis.article(me).text[start:end]
            n = len(passages)
            evidence = (
                f"{share:.0%} of its words ({words} words in {n} passage{'s' if n > 1 else ''}) "
                f"shared with [{order[other]}], which carries {source.wire} copy; "
                f'e.g. "{_clip(text)}"'
            )
            if share > best.get(me, (0.0, source))[0]:
                best[me] = (share, WireCopy(source.wire, "shared-text", evidence, other))
    out.update({k: v for k, (_, v) in best.items()})
    return out


def wire_cell(analysis: Analysis, article: Article) -> str:
    """The "wire copy from" cell of an article: the wire, "(likely)" when only shared
    text says so, "-" when none."""
    copy = wire_copies(analysis).get(article.id)
    if copy is None:
        return "-"
    if copy.likely and copy.via:
        n = analysis.articles.index(analysis.article(copy.via)) + 1
        return f"{copy.wire} (likely: text shared with [{n}])"
    return ", ".join(article.wire) or copy.wire


def wire_lines(analysis: Analysis) -> list[str]:
    """One line per article whose wire copy is only likely, with its evidence."""
    copies = wire_copies(analysis)
    out = []
    for i, art in enumerate(analysis.articles, start=1):
        copy = copies.get(art.id)
        if copy is not None and copy.likely:
            out.append(
                f"[{i}] {art.outlet}: likely {copy.wire} copy, from no credit of its own: "
                f"{copy.evidence}"
            )
    return out


def republished_pair(analysis: Analysis, ids: tuple[str, str]) -> str | None:
    """The wire whose copy both articles republish, when neither is the wire's own
    text; ``None`` otherwise."""
    copies = wire_copies(analysis)
    a, b = copies.get(ids[0]), copies.get(ids[1])
    if a is None or b is None or a.wire.lower() != b.wire.lower():
        return None
    if a.basis == "own" or b.basis == "own":
        return None
    return a.wire
