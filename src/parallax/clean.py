"""Take boilerplate out of an article body and keep it as credits and metadata.

Works paragraph by paragraph on what a loader found: photo captions and credits,
embedded video teasers with running times, "contributed to this report" lines,
bylines and author boxes, share/newsletter prompts.  Nothing is dropped silently:
each removed paragraph is returned as a :class:`~parallax.model.Removed`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parallax.model import Evidence, Removed

_TOKEN = r"(?:[A-Z]\.|[A-Z][\w'\u2019\-]+)"
_NAME = _TOKEN + r"(?:\s+(?:" + _TOKEN + r"|de|van|von|al|el|bin))*"
_END_PUNCT = tuple(".!?\u201d\"'\u2019:")

# "(AP Photo/Jane Roe)", "(Meridian Press Photo/J. Kovac)", "(Photo: Reuters)"
PHOTO_CREDIT = re.compile(
    r"\((?:[^()]{0,40}\b)?(?:Photo|Photograph|Image|Picture|Foto)s?\s*(?:/|:|by)\s*[^()]{1,80}\)\s*$",
    re.IGNORECASE,
)
# "Amir Levy / Getty Images" at the end of a caption
SLASH_CREDIT = re.compile(r"(?:^|\s)(" + _NAME + r"\s*/\s*(?:[A-Z][\w.&'\u2019\-]*\s?){1,5})$")
# "Photo: Jane Roe", "Credit: Reuters", "Image courtesy of ..."
LABEL_CREDIT = re.compile(
    r"^(?:photo|photograph|image|credit|picture|illustration|graphic|video|source)"
    r"(?:\s+(?:credit|courtesy(?: of)?))?\s*:\s*\S.{0,80}$",
    re.IGNORECASE,
)
# "Map of the district on March 14 (OpenStreetMap)": no final punctuation, short
TRAILING_SOURCE = re.compile(r"\(([^()]{2,40})\)\s*$")
DURATION = re.compile(r"(?:^|\s)(\d{1,2}:\d{2}(?::\d{2})?)\s*$")
WATCH = re.compile(r"^(?:watch|video|listen|play|live)\b\s*[:|\-\u2014]", re.IGNORECASE)
CONTRIBUTED = re.compile(
    r"\bcontributed(?:\s+(?:to|reporting|to\s+this\s+(?:report|story|article)))?[^.]{0,60}\.?"
    r"|\b(?:reporting|additional reporting|writing|editing) by\b",
    re.IGNORECASE,
)
BYLINE = re.compile(
    r"^(?i:by|author:|written by|words by)\s+(" + _NAME + r"(?:\s*(?:,|and|&)\s*" + _NAME + r")*)"
)
AUTHOR_BOX = re.compile(
    r"^(?P<name>" + _NAME + r")\s+(?:is|was|has been|covers|writes)\b[^.]{0,120}?"
    r"\b(?:editor|reporter|writer|correspondent|columnist|journalist|contributor|producer|"
    r"analyst|author|fellow|host)\b",
)
PROMO = re.compile(
    r"^(?:read more|related|recommended|sign up|subscribe|follow us|share this|copyright|"
    r"\u00a9|all rights reserved|advertisement|click here|more from|most read|"
    r"this story has been|this article (?:was|has been) (?:updated|corrected))\b",
    re.IGNORECASE,
)

# Wire services: canonical name -> ways of writing it in a credit.
WIRES: dict[str, tuple[str, ...]] = {
    "Associated Press": ("Associated Press", "AP"),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "Agence France-Presse": ("Agence France-Presse", "Agence France Presse", "AFP"),
    "Bloomberg": ("Bloomberg",),
    "United Press International": ("United Press International", "UPI"),
    "dpa": ("Deutsche Presse-Agentur", "dpa"),
    "PA Media": ("PA Media", "Press Association"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "Xinhua": ("Xinhua",),
    "Kyodo News": ("Kyodo",),
}
_WIRE_ALIASES = {alias: name for name, aliases in WIRES.items() for alias in aliases}
_WIRE_IN_CREDIT = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _WIRE_ALIASES), key=len, reverse=True)) + r")\b"
)
# "Meridian Press writers Tomas Ilves ... contributed": an agency we do not know by name
_AGENCY_WRITERS = re.compile(
    r"^(?:The\s+)?(?P<agency>(?:[A-Z][\w&.'\-]*\s){0,3}[A-Z][\w&.'\-]*)\s+"
    r"(?:staff\s+)?(?:writers?|reporters?|correspondents?|journalists?|staff)\b"
)
# "Meridian Press contributed to this report": an organisation, not a person
_ORG_CONTRIBUTED = re.compile(
    r"^(?:The\s+)?(?P<agency>(?:[A-Z][\w&.'\-]*\s){0,3}"
    r"(?:Press|News|Agency|Wire|Service|Presse|Media|Newswire|Reuters|Bloomberg)(?:\s[A-Z][\w&.'\-]*)?)"
    r"\s+contributed\b"
)
# "WASHINGTON (AP) —", "LOUISVILLE, Ky. (AP) —", "WASHINGTON, June 10 (UPI) —",
# "Washington (AFP) –"; the tag must be a known wire (see dateline_wire)
_DATELINE_WIRE = re.compile(
    r"^[A-Z][A-Za-z.'\-]*(?:,?\s+[A-Z][A-Za-z.'\-]*){0,5}(?:,?\s+\d{1,2})?\s*"
    r"\((?P<tag>[A-Za-z. ]{2,30})\)\s*[\u2014\u2013\-]"
)


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Body paragraphs that remain, and what was taken out."""

    paragraphs: tuple[str, ...]
    removed: tuple[Removed, ...]
    credits: tuple[str, ...]
    authors: tuple[str, ...]
    wire_evidence: tuple[Evidence, ...]


def _ends_like_sentence(text: str) -> bool:
    return text.rstrip().endswith(_END_PUNCT)


def _classify(par: str, position: int, total: int) -> tuple[str, str] | None:
    """(kind, credit) when ``par`` is boilerplate, else None."""
    words = len(par.split())
    near_end = position >= total - 3
    photo = PHOTO_CREDIT.search(par)
    if photo:
        return "photo-caption", photo.group(0).strip()
    if words <= 60 and not _ends_like_sentence(par):
        slash = SLASH_CREDIT.search(par)
        if slash and words >= 3:
            return "photo-caption", slash.group(1).strip()
        duration = DURATION.search(par)
        if duration and words <= 40:
            return "video-teaser", par
        source = TRAILING_SOURCE.search(par)
        if source and words <= 30 and position > 0:
            return "caption", f"({source.group(1)})"
    if LABEL_CREDIT.match(par) and words <= 16:
        return "caption", par
    if WATCH.match(par) and words <= 25:
        return "video-teaser", par
    if CONTRIBUTED.search(par) and words <= 80 and (near_end or position == 0):
        return "contributors", par
    byline = BYLINE.match(par)
    if byline and words <= 14:
        return "byline", par
    if near_end and AUTHOR_BOX.match(par) and words <= 80:
        return "author-box", par
    if PROMO.match(par) and words <= 30:
        return "promo", par
    return None


def _wire_from(par: str, kind: str) -> list[Evidence]:
    found: list[Evidence] = []
    if kind == "contributors":
        for match in _WIRE_IN_CREDIT.finditer(par):
            found.append(Evidence("wire-credit:" + _WIRE_ALIASES[match.group(1)], par))
        agency = _AGENCY_WRITERS.match(par) or _ORG_CONTRIBUTED.match(par)
        if agency and not found:
            found.append(Evidence("wire-credit:" + agency.group("agency").strip(), par))
    return found


def dateline_wire(first_paragraph: str) -> Evidence | None:
    """A wire tag in a dateline: ``WASHINGTON (AP) —``."""
    match = _DATELINE_WIRE.match(first_paragraph)
    if not match:
        return None
    tag = match.group("tag").strip()
    name = _WIRE_ALIASES.get(tag)
    if not name:
        return None
    return Evidence("wire-dateline:" + name, match.group(0))


def clean_paragraphs(paragraphs: list[str]) -> Cleaned:
    """Split ``paragraphs`` into body and boilerplate."""
    kept: list[str] = []
    removed: list[Removed] = []
    credits: list[str] = []
    authors: list[str] = []
    wire: list[Evidence] = []
    total = len(paragraphs)
    for i, par in enumerate(paragraphs):
        found = _classify(par, i, total)
        if found is None:
            kept.append(par)
            continue
        kind, credit = found
        removed.append(Removed(kind, par))
        if kind in ("photo-caption", "caption", "video-teaser", "contributors", "author-box"):
            credits.append(credit)
        if kind == "byline":
            match = BYLINE.match(par)
            if match:
                authors.extend(_split_names(match.group(1)))
        if kind == "author-box":
            match = AUTHOR_BOX.match(par)
            if match and match.group("name") not in authors:
                authors.append(match.group("name"))
        wire.extend(_wire_from(par, kind))
    if kept:
        tag = dateline_wire(kept[0])
        if tag:
            wire.append(tag)
    return Cleaned(tuple(kept), tuple(removed), tuple(credits), tuple(authors), tuple(wire))


def _split_names(names: str) -> list[str]:
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", names)
    return [p.strip() for p in parts if p.strip()]
