"""Word tokens with character offsets, for matching across typography.

Tokens are found in :func:`parallax.textnorm.fold`-ed text (same length as the
original), so their offsets point into the article text while curly and straight
quotes, dashes and no-break spaces compare equal.  Punctuation is not a token, and
tokens are lower-cased: neither typography nor case is an edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parallax.textnorm import fold

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*", re.UNICODE)

STOPWORDS = frozenset(
    (
        "the a an and or but of in on at to for from by with as is are was were be been "
        "being has have had do does did not no it its this that these those he she they we "
        "you i his her their our my your them him us me who whom which what when where why "
        "how said says say told also than then there here after before about into over under "
        "more most some any all each other such only just so very can could would should will "
        "may might must one two three new last first since while during against between "
        "through out up down off again further once both few own same too s t don now"
    ).split()
)


@dataclass(frozen=True, slots=True)
class Tokens:
    """The words of a text: normalised forms and their ``[start, end)`` offsets."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.words)

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Character offsets covering tokens ``i`` to ``j - 1`` (``i < j``)."""
        return self.starts[i], self.ends[j - 1]

    def point(self, i: int) -> int:
        """The character offset just before token ``i`` (after token ``i - 1``)."""
        if i <= 0:
            return self.starts[0] if self.starts else 0
        return self.ends[i - 1]


def tokenize(text: str) -> Tokens:
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _WORD.finditer(fold(text)):
        words.append(match.group(0).lower())
        starts.append(match.start())
        ends.append(match.end())
    return Tokens(tuple(words), tuple(starts), tuple(ends))
