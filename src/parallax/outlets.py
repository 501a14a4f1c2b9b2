"""Which outlet published an article, and which wire service its copy came from.

Each answer comes with :class:`~parallax.model.Evidence`: the rule that fired and the
words that said it.  Priority: a name the user gave, the page's own site name, the
URL's domain, the article's author box, the article referring to itself, and last the
file name.

Three things are kept apart:

- **the outlet itself**: "Fox News has learned", "CBS News has obtained", "told Fox News
  exclusively", "the campaign confirmed to Politico", "did not respond to CBS News" are
  strong self-references; "told CNN" or "in an interview with CNN" are weak ones (an
  outlet writes them as often when it cites another outlet's interview: on real
  articles, two times in three), so alone they leave the outlet unknown
  (``(outlet unknown)``, method ``self-reference-weak``, the words shown);
- **an outlet the article cites**: "according to the Washington Post", "first reported
  by Reuters", "NBC News reported", "in an interview with CNN" when the same name is
  also cited: such a name is a source, never the article's own name;
- **the wire its copy comes from**: a wire credit ("Associated Press writers ...
  contributed") names the wire, not the outlet that ran the copy.  When it is the only
  evidence, the outlet is unknown and the article is shown as
  ``(outlet unknown) — Associated Press copy`` (:func:`wire_copy_name`); a wire's name
  in a self-reference ("told The Associated Press") is evidence of wire copy too.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import PurePath
from urllib.parse import urlparse

from parallax.model import Evidence

UNKNOWN = "(outlet unknown)"
WIRE_NAMES = frozenset(
    {
        "associated press",
        "the associated press",
        "ap",
        "reuters",
        "thomson reuters",
        "agence france-presse",
        "afp",
        "united press international",
        "upi",
        "bloomberg",
        "bloomberg news",
        "dpa",
        "xinhua",
        "kyodo news",
    }
)
_MEDIA_WORD = (
    r"News|Times|Post|Journal|Herald|Tribune|Telegraph|Guardian|Gazette|Chronicle|"
    r"Observer|Review|Radio|Television|TV|Network|Daily|Magazine|Online|Today|Insider|"
    r"Standard|Courier|Examiner|Inquirer|Record|Sentinel|Dispatch|Register|Star|Globe|"
    r"Mail|Express|Mirror|Independent|Report|Wire|Ledger|Bulletin|Monitor"
)
_DOMAIN = r"[A-Za-z][\w\-]*\.(?:com|org|net|co\.uk|press|news|info|example|io|media)"
# Outlets whose names carry no media word ("CNN", "Politico", "HuffPost").
_BARE_NAMES = (
    r"CNN|MSNBC|NPR|PBS|BBC|CNBC|C-SPAN|Reuters|Associated Press|AFP|Politico|POLITICO|"
    r"Axios|Breitbart|Bloomberg|HuffPost|Huffington Post|Vox|Slate|BuzzFeed|Mediaite|"
    r"TheBlaze|The Blaze|Newsmax|Al Jazeera|Haaretz|Ynet|Fox|Univision|Telemundo|"
    r"The Hill|The Atlantic|The New Yorker|The Economist|Vice|ProPublica|Semafor"
)
_NAME = (
    r"(?:the\s+|The\s+)?(?:(?:[A-Z][\w&'\-]*\s+){0,3}(?:" + _MEDIA_WORD + r")(?:\s+\d{1,2})?"
    r"|[A-Z]{2,5}\s+News|Channel\s+\d{1,2}(?:\s+News)?|(?:" + _BARE_NAMES + r")(?:\s+News)?"
    r"|" + _DOMAIN + r")(?![\w-])"
)
OUTLET_NAME = r"(?P<outlet>" + _NAME + r")"


def _n(i: int) -> str:
    """An outlet name as its own named group (a pattern may hold several)."""
    return f"(?P<name{i}>" + _NAME + r")"


# The article reporting in its own name: "Fox News has learned", "told CBS News exclusively".
_STRONG = re.compile(
    _n(1) + r"(?:'s?|\u2019s?)?\s+(?:has\s+|had\s+)?(?:learned|obtained|reviewed|reached out|"
    r"was told|has confirmed|confirmed independently|independently confirmed|"
    r"has been told|could not independently|could not immediately|was unable to|"
    r"has not independently|requested|has requested)\b"
    r"|\b(?:told|tells|said to|confirmed to)\s+"
    + _n(2)
    + r"\s+(?:exclusively|in an exclusive)"
    + r"|\bexclusive(?:ly)?\s+(?:to|with)\s+"
    + _n(3)
    + r"|\b(?:contacted|reached|interviewed)\s+by\s+"
    + _n(4)
    # answering the outlet's own questions: "the campaign confirmed to X", "did not respond
    # to X", "said in an email to X", "were confirmed in statements by their groups to X"
    + r"|\b(?:confirmed|did not (?:immediately )?respond|didn't (?:immediately )?respond|"
    r"e-?mail(?:ed)?|statement sent)\b[^.;\n]{0,60}?\bto\s+" + _n(8)
)
# Speaking to an outlet: the outlet's own interview, or one it cites.
_WEAK = re.compile(
    r"\b(?:told|tells|telling|to|with|in an interview with|in a statement to|"
    r"speaking to|spoke to|spoke with|talking to)\s+" + _n(5)
)
# Citing another outlet's reporting.
_CITED = re.compile(
    r"\b(?:according to|reported by|first reported by|as reported by|cited by|quoted by|"
    r"obtained by|published by|citing|via|per|wrote in|writing in|appeared on|appearing on|"
    r"said on|in an? (?:op-ed|column|report|story|article|piece|editorial)"
    r"\s+(?:in|by|for|published by|with|on))\s+"
    + _n(6)
    + r"|"
    + _n(7)
    + r"(?:'s?|\u2019s?)?\s+(?:reported|reports|first reported|has reported|"
    r"had reported|reporting|report|wrote|noted|story|article|editorial|columnist|"
    r"poll|survey|analysis|said|says|broadcast|aired)\b"
)
# "Mara Quint is the labor editor of LedgerReview.example"
AUTHOR_OF = re.compile(
    r"\b(?:editor|reporter|writer|correspondent|columnist|contributor|producer|journalist)"
    r"\s+(?:at|of|for|with)\s+(?P<outlet>(?:the\s+)?" + _DOMAIN + r"|(?:[A-Z][\w&'\-]*\s?){1,4})"
)
_NOT_OUTLETS = frozenset(
    {"the news", "news", "reporters", "the report", "report", "today", "the times", "times"}
)


@dataclass(frozen=True, slots=True)
class SelfReference:
    """An outlet named in an article's text, and how it was named there.

    ``strength`` is ``strong`` (the article reports in that name), ``weak`` (someone
    spoke to that outlet, which an article also writes when it cites another outlet's
    interview) or ``cited`` (the article cites that outlet's reporting).
    """

    name: str
    strength: str
    text: str
    strong: int = 0
    weak: int = 0
    cited: int = 0


def wire_copy_name(wire: str) -> str:
    """How an article whose only outlet evidence is a wire credit is shown."""
    return f"{UNKNOWN} \u2014 {wire} copy"


def is_unknown(outlet: str) -> bool:
    return outlet.startswith(UNKNOWN)


def is_wire(name: str) -> bool:
    return name.strip().lower() in WIRE_NAMES


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


def _key(name: str) -> str:
    """The same name with or without "the": "the Washington Post" is "Washington Post"."""
    low = _tidy(name).lower()
    return low[4:] if low.startswith("the ") else low


def outlet_mentions(text: str) -> list[SelfReference]:
    """Every outlet the text names, with how often it reports in that name, speaks to
    it, or cites it; the strongest first."""
    counts: dict[str, Counter[str]] = {}
    shown: dict[str, str] = {}
    first: dict[tuple[str, str], str] = {}
    for strength, pattern in (("strong", _STRONG), ("cited", _CITED), ("weak", _WEAK)):
        for match in pattern.finditer(text):
            raw = next(g for g in match.groups() if g)
            key = _key(raw)
            if not key or key in _NOT_OUTLETS:
                continue
            counts.setdefault(key, Counter())[strength] += 1
            shown.setdefault(key, _tidy(raw))
            first.setdefault((key, strength), match.group(0))
    out = []
    for key, c in counts.items():
        if c["strong"]:
            strength = "strong"
        elif c["cited"]:
            strength = "cited"
        else:
            strength = "weak"
        out.append(
            SelfReference(
                shown[key], strength, first[(key, strength)], c["strong"], c["weak"], c["cited"]
            )
        )
    rank = {"strong": 0, "weak": 1, "cited": 2}
    return sorted(out, key=lambda r: (rank[r.strength], -r.strong, -r.weak, text.find(r.text)))


def outlet_from_self_reference(text: str) -> Evidence | None:
    """The outlet an article names when it refers to its own reporting.

    An outlet it cites is never its name; a wire service it names is evidence of wire
    copy, not of the outlet.  Weak evidence (only "told X") gives ``self-reference-weak``.
    """
    for ref in outlet_mentions(text):
        if ref.strength == "cited" or is_wire(ref.name):
            continue
        method = "self-reference" if ref.strength == "strong" else "self-reference-weak"
        return Evidence(f"{method}:{ref.name}", ref.text)
    return None


def wire_from_self_reference(text: str) -> Evidence | None:
    """A wire service the article speaks to as its own ("told The Associated Press")."""
    for ref in outlet_mentions(text):
        if ref.strength != "cited" and is_wire(ref.name):
            return Evidence(f"self-reference:{ref.name}", ref.text)
    return None


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
    mentioned = outlet_from_self_reference(text)
    weak = mentioned is not None and mentioned.method.startswith("self-reference-weak")
    for found in (outlet_from_author_box(author_boxes), None if weak else mentioned):
        if found:
            method, _, name = found.method.partition(":")
            return name, Evidence(method, found.text)
    if wire:
        return wire_copy_name(wire[0]), Evidence("wire-credit", wire_text or wire[0])
    if mentioned is not None:  # "told CNN" alone: shown, not taken for the outlet's name
        return UNKNOWN, Evidence("self-reference-weak", mentioned.text)
    stem = PurePath(source).stem if source not in ("-", "<stdin>") else "stdin"
    return stem, Evidence("file-name", source)
