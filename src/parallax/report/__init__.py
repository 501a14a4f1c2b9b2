"""Renderers: one analysis, several readable forms.

``render(analysis, fmt)`` returns a string.  A renderer is a function
``(Analysis, RenderOptions) -> str`` registered under a format name with
:func:`renderer`; later stages add their sections to each renderer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from parallax.errors import ParallaxError
from parallax.model import Analysis, Article


@dataclass(frozen=True, slots=True)
class RenderOptions:
    color: bool = False
    width: int = 100


Renderer = Callable[[Analysis, RenderOptions], str]
_RENDERERS: dict[str, Renderer] = {}


def renderer(fmt: str) -> Callable[[Renderer], Renderer]:
    def register(func: Renderer) -> Renderer:
        _RENDERERS[fmt] = func
        return func

    return register


def formats() -> list[str]:
    _load()
    return sorted(_RENDERERS)


def render(analysis: Analysis, fmt: str, options: RenderOptions | None = None) -> str:
    _load()
    try:
        func = _RENDERERS[fmt]
    except KeyError:
        raise ParallaxError(
            f"unknown format {fmt!r}; choose one of {', '.join(formats())}"
        ) from None
    return func(analysis, options or RenderOptions())


@renderer("json")
def render_json(analysis: Analysis, options: RenderOptions) -> str:
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2) + "\n"


def label(analysis: Analysis, article: Article) -> str:
    """``[n] Outlet``: how reports refer to an article."""
    return f"[{analysis.articles.index(article) + 1}] {article.outlet}"


def removed_summary(article: Article) -> str:
    counts: dict[str, int] = {}
    for item in article.removed:
        if item.kind != "date-marker":
            counts[item.kind] = counts.get(item.kind, 0) + 1
    return ", ".join(f"{n} {kind}" for kind, n in counts.items()) or "nothing"


def evidence_phrase(article: Article) -> str:
    ev = article.outlet_evidence
    if ev is None:
        return "unknown"
    names = {
        "explicit": "named by you",
        "html-meta": "the page's site name",
        "url": "the web address",
        "author-box": "the author box",
        "self-reference": "the article naming itself",
        "self-reference-weak": "nothing certain, only weak evidence: the article speaks to an "
        "outlet, which it may be citing",
        "wire-credit": "nothing: only a wire credit, which names the wire, not the outlet",
        "feed": "the feed",
        "file-name": "the file name (nothing in the text names the outlet)",
    }
    phrase = names.get(ev.method, ev.method)
    if ev.method in ("explicit", "file-name"):
        return phrase
    snippet = ev.text if len(ev.text) <= 70 else ev.text[:67] + "..."
    return f'{phrase}: "{snippet}"'


def _load() -> None:
    from parallax.report import html, markdown, text  # noqa: F401
