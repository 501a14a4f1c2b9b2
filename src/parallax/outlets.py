"""Which outlet published an article, and which wire service its copy came from.

Each answer comes with :class:`~parallax.model.Evidence`: the rule that fired and the
words that said it.  Priority: a name the user gave, the page's own site name, the
URL's domain, the article's author box, the article referring to itself ("told CBS
News"), a wire credit, and last the file name.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import PurePath
from urllib.parse import urlparse

from parallax.model import Evidence

_MEDIA_WORD = (
    r"News|Times|Post|Journal|Herald|Tribune|Telegraph|Guardian|Gazette|Chronicle|"
    r"Observer|Review|Radio|Television|TV|Network|Daily|Magazine|Online|Today|Insider|"
    r"Standard|Courier|Examiner|Inquirer|Record|Sentinel|Dispatch|Register|Star|Globe|"
    r"Mail|Express|Mirror|Independent|Report|Wire|Ledger|Bulletin|Monitor"
)
_DOMAIN = r"[A-Za-z][\w\-]*\.(?:com|org|net|co\.uk|press|news|info|example|io|media)"
OUTLET_NAME = (
    r"(?P<outlet>(?:the\s+)?(?:[A-Z][\w&'\-]*\s+){0,3}(?:" + _MEDIA_WORD + r")"
    r"(?:\s+\d{1,2})?|[A-Z]{2,5}\s+News|Channel\s+\d{1,2}(?:\s+News)?|" + _DOMAIN + r")"
)
# The article speaking of itself: "told CBS News", "confirmed ... to CBS News".
SELF_REFERENCE = re.compile(
    r"\b(?:told|tells|telling|to|with|in an interview with|in a statement to)\s+"
    + OUTLET_NAME
    + r"|"
    + OUTLET_NAME.replace("?P<outlet>", "?P<outlet2>")
    + r"\s+(?:has learned|learned|obtained|has obtained|has reached out|reached out|"
    r"was told|has confirmed|reviewed|has reviewed)\b"
)
# "Mara Quint is the labor editor of LedgerReview.example"
AUTHOR_OF = re.compile(
    r"\b(?:editor|reporter|writer|correspondent|columnist|contributor|producer|journalist)"
    r"\s+(?:at|of|for|with)\s+(?P<outlet>(?:the\s+)?" + _DOMAIN + r"|(?:[A-Z][\w&'\-]*\s?){1,4})"
)


@cache
def _known_domains() -> dict[str, str]:
    raw = resources.files("parallax").joinpath("data/outlets.json").read_text("utf-8")
    return {k: v for k, v in json.loads(raw).items() if not k.startswith("_")}


def outlet_from_url(url: str) -> str | None:
    """The outlet of a web address: a known name, else the bare domain."""
    host = (urlparse(url).hostname or "").lower()
    if not host:
        return None
    known = _known_domains()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        if candidate in known:
            return known[candidate]
    if parts[0] in ("www", "m", "amp", "edition", "mobile", "news") and len(parts) > 2:
        parts = parts[1:]
    return ".".join(parts)


def _tidy(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" .,;:")
    if name.startswith("the "):  # "told the Valley Courier": the article is not "the"
        return name[4:]
    return name


def outlet_from_self_reference(text: str) -> Evidence | None:
    """The outlet an article names when it refers to its own reporting."""
    hits: Counter[str] = Counter()
    first: dict[str, str] = {}
    for match in SELF_REFERENCE.finditer(text):
        name = _tidy(match.group("outlet") or match.group("outlet2") or "")
        if not name or name.lower() in ("the news", "news", "reporters", "the report"):
            continue
        hits[name] += 1
        first.setdefault(name, match.group(0))
    if not hits:
        return None
    name, _ = hits.most_common(1)[0]
    return Evidence("self-reference:" + name, first[name])


def outlet_from_author_box(boxes: list[str]) -> Evidence | None:
    for box in boxes:
        match = AUTHOR_OF.search(box)
        if match:
            return Evidence("author-box:" + _tidy(match.group("outlet")), box)
    return None


def infer_outlet(
    *,
    explicit: str | None,
    site_name: str | None,
    url: str | None,
    author_boxes: list[str],
    text: str,
    wire: list[str],
    source: str,
    wire_text: str | None = None,
) -> tuple[str, Evidence]:
    """The outlet's display name and the evidence for it (see module docstring)."""
    if explicit:
        return explicit, Evidence("explicit", explicit)
    if site_name:
        return site_name.strip(), Evidence("html-meta", site_name)
    if url:
        name = outlet_from_url(url)
        if name:
            return name, Evidence("url", url)
    for found in (outlet_from_author_box(author_boxes), outlet_from_self_reference(text)):
        if found:
            method, _, name = found.method.partition(":")
            return name, Evidence(method, found.text)
    if wire:
        return wire[0], Evidence("wire-credit", wire_text or wire[0])
    stem = PurePath(source).stem if source not in ("-", "<stdin>") else "stdin"
    return stem, Evidence("file-name", source)
