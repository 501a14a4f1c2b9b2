"""OPML subscription lists: the feeds a reader or a newsroom already follows."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from parallax.errors import InputError


@dataclass(frozen=True, slots=True)
class Subscription:
    url: str
    outlet: str | None


def looks_like_opml(text: str) -> bool:
    return "<opml" in text[:2000].lower()


def parse_opml(text: str, source: str) -> list[Subscription]:
    """Every ``outline`` with an ``xmlUrl``, at any depth, with its title as the outlet."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise InputError(source, f"not a valid OPML file ({exc}); check the XML") from exc
    if root.tag.lower() != "opml":
        raise InputError(source, "not an OPML file: the root element is not <opml>")
    subs: list[Subscription] = []
    seen: set[str] = set()
    for node in root.iter("outline"):
        url = (node.get("xmlUrl") or node.get("xmlurl") or "").strip()
        if not url or url in seen:
            continue
        seen.add(url)
        name = (node.get("title") or node.get("text") or "").strip() or None
        subs.append(Subscription(url, name))
    if not subs:
        raise InputError(source, "the OPML file lists no feed (no outline with an xmlUrl)")
    return subs
