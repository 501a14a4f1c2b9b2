"""Which language an article is in, from its most common function words.

A tiny, explainable detector: count hits against short stopword lists, and look at the
script for languages not written in Latin letters.  The analysis stages are built for
English; an article in another language is still compared, with a warning.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        (
            "the of and to in a is that for on was with he it as by at from his said be have "
            "has are were an not they this which but who their its "
        ).split()
    ),
    "fr": frozenset(
        (
            "le la les de des du et un une est que qui dans pour pas sur au aux avec il elle "
            "ont sont ce cette par "
        ).split()
    ),
    "de": frozenset(
        (
            "der die das und ist nicht ein eine mit von zu den dem im auf für sich des auch "
            "es sie wird wurde "
        ).split()
    ),
    "es": frozenset(
        (
            "el la los las de del y en que un una es por con para se al lo como su más pero "
            "sus fue "
        ).split()
    ),
    "it": frozenset(
        (
            "il lo la gli le di e che un una è per con non del della nel sono si da al anche come "
        ).split()
    ),
    "pt": frozenset(
        (
            "o a os as de do da e que em um uma é para com não no na por se dos das ao foi mais "
        ).split()
    ),
    "nl": frozenset(
        (
            "de het een en van is dat op te in zijn met voor niet die er aan ook als bij werd "
        ).split()
    ),
}
_SCRIPTS = {
    "ARABIC": "ar",
    "HEBREW": "he",
    "CYRILLIC": "ru",
    "GREEK": "el",
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "DEVANAGARI": "hi",
    "THAI": "th",
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]")
_FOREIGN = re.compile(r"[^\W\d_\x00-\u024f]")  # letters outside the Latin blocks


@cache
def _char_script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    for script, lang in _SCRIPTS.items():
        if name.startswith(script):
            return lang
    return None


def _script(text: str) -> str | None:
    """The language implied by a non-Latin script, when most letters are in one."""
    sample = text[:5000]
    letters = len(_LETTER.findall(sample))
    foreign = _FOREIGN.findall(sample)
    if not letters or len(foreign) < 0.3 * letters:
        return None  # Latin script (ASCII and accented letters)
    counts = Counter(lang for ch in foreign if (lang := _char_script(ch)))
    if not counts:
        return None
    lang, n = counts.most_common(1)[0]
    return lang if n / letters > 0.3 else None


def detect_language(text: str) -> str:
    """An ISO 639-1 code, or ``"und"`` when the text gives too little to tell."""
    by_script = _script(text)
    if by_script:
        return by_script
    tokens = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(tokens) < 5:
        return "und"
    counts = Counter(tokens)
    scores = {
        lang: sum(n for t, n in counts.items() if t in words) for lang, words in _STOPWORDS.items()
    }
    lang = max(scores, key=lambda k: scores[k])
    if scores[lang] / len(tokens) < 0.08:
        return "und"
    return lang
