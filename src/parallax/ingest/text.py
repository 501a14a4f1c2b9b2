"""Plain-text articles, including the seeds' layout.

Layout understood: an optional leading ``date YYYY-MM-DD`` marker (leading spaces
allowed), then a first line that is taken as the headline when it looks like one, then
paragraphs separated by blank lines.  Hard-wrapped paragraphs (lines broken at a fixed
width) are joined back; otherwise each line is a paragraph.
"""

from __future__ import annotations

import re

from parallax.build import RawArticle
from parallax.model import Removed
from parallax.segment import find_dateline, split_paragraph

DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
_SMALL = frozenset(
    ("a an the and or but of in on at to for by with from as vs via into over ").split()
)
_TERMINAL = tuple(".!?\u201d\"'\u2019")


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of similar length that mostly stop mid-sentence were wrapped by an editor."""
    if len(lines) < 2:
        return False
    body = lines[:-1]
    long_lines = sum(1 for line in body if 45 <= len(line) <= 100)
    open_ends = sum(1 for line in body if not line.endswith(_TERMINAL))
    return long_lines >= 0.8 * len(body) and open_ends >= 0.5 * len(body)


def _paragraphs(text: str) -> list[str]:
    out: list[str] = []
    for block in _blocks(text):
        if _hard_wrapped(block):
            out.append(" ".join(block))
        else:
            out.extend(block)
    return out


def is_title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'\u2019\-]*", line)]
    if len(words) < 2:
        return False
    content = [w for w in words if w.lower() not in _SMALL]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def looks_like_headline(line: str, following: str | None) -> bool:
    """Is ``line`` (the first paragraph) a headline rather than the story's first sentence?

    A headline is short, is one sentence, and either has no final full stop, is in
    Title Case, or stands before a dateline paragraph (where a wire story's body
    begins, so anything above it is front matter).
    """
    words = len(line.split())
    if following is None or words > 40 or find_dateline(line):
        return False
    if len(split_paragraph(line)) > 1:
        return False
    if is_title_case(line) and words <= 25:
        return True
    if not line.rstrip().endswith((".", "!", "?")) and words <= 25:
        return True
    return bool(find_dateline(following))


def parse_plain(text: str, source: str) -> RawArticle:
    """Read a plain-text article (see the module docstring for the layout)."""
    published = None
    removed: list[Removed] = []
    marker = DATE_MARKER.match(text)
    if marker:
        published = marker.group(1)
        removed.append(Removed("date-marker", marker.group(0).strip()))
        text = text[marker.end() :]
    paragraphs = _paragraphs(text)
    title = None
    if paragraphs:
        first = paragraphs[0]
        rest = paragraphs[1:]
        following = _first_body_paragraph(rest)
        if looks_like_headline(first, following) and not _is_teaser(first):
            title = first
            paragraphs = rest
    return RawArticle(
        source=source,
        body="\n".join(paragraphs),
        title=title,
        published=published,
        removed=tuple(removed),
    )


def _is_teaser(line: str) -> bool:
    from parallax.clean import DURATION

    return bool(DURATION.search(line))


def _first_body_paragraph(paragraphs: list[str]) -> str | None:
    """The first paragraph that is not a caption or credit (for the dateline test)."""
    from parallax.clean import clean_paragraphs

    if not paragraphs:
        return None
    kept = clean_paragraphs(paragraphs).paragraphs
    return kept[0] if kept else None
