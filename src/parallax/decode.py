"""Bytes to text: refuse binary files, detect encodings, explain failures."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from parallax.errors import InputError

# Magic numbers of formats people mistake for articles.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "a Microsoft Office document"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3", "an SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    sample = data[:8192]
    if b"\x00" in sample:
        return "binary data"
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if sample and controls / len(sample) > 0.05:
        return "binary data"
    return None


_WESTERN_PUNCT = set(
    "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u20ac\u00a3\u00a9\u00ae\u00b0\u00b7\u2022\u00a0\u00ab\u00bb"
)


def _plausible_cp1252(data: bytes) -> str | None:
    """Windows-1252 text (the commonest legacy encoding of Western news pages), if it reads
    as letters and typographic punctuation rather than symbols."""
    try:
        text = data.decode("cp1252", errors="strict")
    except UnicodeDecodeError:
        return None
    extra = [c for c in text if ord(c) > 127]
    if not extra or len(extra) > 0.3 * len(text):
        return None
    good = sum(1 for c in extra if c.isalpha() or c in _WESTERN_PUNCT)
    return text if good >= 0.9 * len(extra) else None


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode ``data`` to text, or raise :class:`InputError` saying why it can't be.

    Order: byte-order mark, the declared charset (HTTP header or HTML meta), strict
    UTF-8, then detection with charset-normalizer.  A result full of replacement
    characters or controls is refused rather than passed on as garbage.
    """
    if not data.strip():
        raise InputError(source, "the input is empty; give a file or URL with article text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="strict")
    kind = _binary_kind(data)
    if kind:
        raise InputError(
            source, f"this is {kind}, not text; give a text, HTML, feed, JSONL or CSV file"
        )
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    meta = _META_CHARSET.search(data[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for encoding in candidates:
        try:
            return data.decode(encoding, errors="strict")
        except (UnicodeDecodeError, LookupError):
            continue
    western = _plausible_cp1252(data)
    if western is not None:
        return western
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.3:
        raise InputError(
            source,
            "the text is in an unknown or broken encoding; re-save it as UTF-8",
        )
    return str(best)
