"""Broad subjectivity and sentiment lexicons shipped on PyPI, read as data.

- **pattern** (De Smedt & Daelemans; PDDL), as shipped inside ``textblob`` (MIT):
  ``textblob/en/en-sentiment.xml``, about 2,900 English adjectives (and some
  adverbs) with a polarity (-1..1), a subjectivity (0..1) and an intensity per sense.
- **VADER** (Hutto & Gilbert; MIT), as shipped inside ``vaderSentiment``:
  ``vaderSentiment/vader_lexicon.txt``, about 7,500 words and idioms with a mean
  valence (-4..4) rated by ten people.

The files are read from the installed distributions (nothing is imported from those
packages and nothing is downloaded).  :func:`word_scores` gives both for a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path

from parallax.errors import ParallaxError

_WORD = re.compile(r'<word form="([^"]+)"[^>]*?polarity="([-\d.]+)" subjectivity="([\d.]+)"')


@dataclass(frozen=True, slots=True)
class WordScores:
    """What the lexicons say of one word (0 where a lexicon does not list it)."""

    subjectivity: float  # pattern, highest over the word's senses
    polarity: float  # pattern, mean over senses
    valence: float  # VADER mean valence, -4..4
    in_pattern: bool
    in_vader: bool


NONE = WordScores(0.0, 0.0, 0.0, False, False)


def _file(dist: str, path: str) -> Path:
    try:
        located = Path(str(metadata.distribution(dist).locate_file(path)))
    except metadata.PackageNotFoundError as exc:
        raise ParallaxError(f"the {dist} package is not installed: pip install {dist}") from exc
    if not located.is_file():
        raise ParallaxError(f"{dist} is installed without {path}: reinstall it")
    return located


@cache
def pattern_lexicon() -> dict[str, tuple[float, float]]:
    """word -> (highest subjectivity, mean polarity) over its senses."""
    text = _file("textblob", "textblob/en/en-sentiment.xml").read_text("utf-8")
    senses: dict[str, list[tuple[float, float]]] = {}
    for form, pol, subj in _WORD.findall(text):
        senses.setdefault(form.lower(), []).append((float(subj), float(pol)))
    return {w: (max(s for s, _ in v), sum(p for _, p in v) / len(v)) for w, v in senses.items()}


@cache
def vader_lexicon() -> dict[str, float]:
    """word -> mean valence (-4..4)."""
    out: dict[str, float] = {}
    path = _file("vaderSentiment", "vaderSentiment/vader_lexicon.txt")
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            out[parts[0].lower()] = float(parts[1])
    return out


@lru_cache(maxsize=65536)
def word_scores(*forms: str) -> WordScores:
    """Scores of the first of ``forms`` (word, lemma) each lexicon lists."""
    pat = pattern_lexicon()
    vad = vader_lexicon()
    p = next((pat[f] for f in forms if f in pat), None)
    v = next((vad[f] for f in forms if f in vad), None)
    if p is None and v is None:
        return NONE
    return WordScores(
        subjectivity=p[0] if p else 0.0,
        polarity=p[1] if p else 0.0,
        valence=v if v is not None else 0.0,
        in_pattern=p is not None,
        in_vader=v is not None,
    )
