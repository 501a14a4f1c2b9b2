"""Typographic normalisation for matching, with offsets preserved.

``fold`` maps each character to exactly one character, so an offset into the folded
string is the same offset into the original.  Use the folded text for comparing and
searching; report offsets and excerpts from the original.
"""

from __future__ import annotations

import re
import unicodedata

# One character in, one character out: offsets survive.
_FOLD = str.maketrans(
    {
        "\u2018": "'",  # left single quote
        "\u2019": "'",  # right single quote / apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",  # prime
        "\u02bc": "'",  # modifier apostrophe
        "\u0060": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",
        "\u2212": "-",  # minus
        "\u00a0": " ",  # no-break space
        "\u2007": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        "\u3000": " ",
        "\t": " ",
    }
)


def fold(text: str) -> str:
    """Straighten quotes, unify dashes and spaces; same length as ``text``."""
    return text.translate(_FOLD)


_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\u200c\u200d\ufeff]")
_LINE_SPACES = re.compile(r"[ \t]+")


def clean_text(text: str) -> str:
    """Canonical article text: NFC, no control or zero-width characters, unix newlines.

    Curly quotes and no-break spaces are *kept* (the article's own typography; use
    :func:`fold` to match across them); only invisible
    noise is removed.  Runs of spaces inside a line collapse to one space.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text)
    lines = [_LINE_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines)
