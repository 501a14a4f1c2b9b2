"""Quotes and reported speech scored on real political news (PolNeAR, train split).

    python eval/attrib_real.py              # dev and held-out figures
    python eval/attrib_real.py --errors     # ... and the dev misses and false finds
    python eval/attrib_real.py --all        # every article, not the sample

The articles and their annotations are read from ``../shared/realdata/polnear-train/``
at run time (see ``realdata.py``); nothing of their text is written into the repository.
When the folder is absent the evaluation is skipped with a message.

PolNeAR annotates every **attribution** (direct quotes, reported speech, partial quotes,
"according to", thoughts and intentions) as a source - cue - content triple in brat
standoff.  A few files carry several annotators: the first annotator file in sorted
order is used, always the same one.

Split: a file whose sha1 of its name is 0 modulo 4 is **held out** (test); the rest is
**dev** (the half studied and tuned on).  A deterministic, evenly spread sample of each
half is scored (``SAMPLE``), to keep ``make test`` short; ``--all`` scores them all.

Figures:
- **recall**: share of gold contents of at least ``MIN_WORDS`` words whose characters are
  at least half covered by Parallax's quotes (one quote or several together);
- **precision**: share of Parallax's quotes whose characters lie at least half inside
  some gold content (any annotated attribution, however short);
- **speaker**: over found contents whose gold source carries a name (a capitalised word
  that is not a pronoun, a day or a month: "Trump", "the Clinton campaign", "Sen. Ted
  Cruz"; not "the order released Friday"), the share where the quote covering most of
  the content names a speaker sharing a name word with it (or whose initials are one of
  its words: "the Republican National Committee" is "the RNC").  Sources that are only a pronoun or a description ("he", "a senior official")
  carry no name to check against and are counted apart (``unnamed``).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from parallax.build import plain_article
from parallax.runtime import RunCache
from parallax.voices.quotes import Quote, extract_quotes
from realdata import root

MIN_WORDS = 3
SAMPLE = {"dev": 90, "test": 45}
NOT_NAMES = frozenset(
    "i he she it we they you the a an his her its their our this that these those "
    "one some many most several both all another other mr mrs ms dr "
    # days and months name no one: "the order released Friday", "a poll last Thursday"
    # ("May" and "June" are left out: they are also names)
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "april july august september october november december".split()
)


@dataclass(frozen=True)
class Gold:
    content: tuple[tuple[int, int], ...]
    source: str | None
    words: int
    cue: str | None = None


def available() -> bool:
    return (root() / "polnear-train" / "text").is_dir()


def _spans(field: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in field.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def read_gold(ann: Path, text: str) -> list[Gold]:
    """Every attribution of a brat ``.ann`` file: content fragments and source text."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.read_text("utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            kind, _, where = cols[1].partition(" ")
            spans[cols[0]] = (kind, _spans(where))
        elif line.startswith("E") and len(cols) >= 2:
            roles = dict(part.split(":", 1) for part in cols[1].split() if ":" in part)
            events.append(roles)
    out = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        source = spans.get(roles.get("Source", ""))
        src = " ".join(text[a:b] for a, b in source[1]) if source else None
        words = sum(len(text[a:b].split()) for a, b in content[1])
        cue = spans.get(roles.get("Cue", ""))
        said = " ".join(text[a:b] for a, b in cue[1]) if cue else None
        out.append(Gold(content[1], src, words, said))
    return out


def split_of(stem: str) -> str:
    return "test" if int(hashlib.sha1(stem.encode()).hexdigest()[:8], 16) % 4 == 0 else "dev"


def files(half: str, everything: bool = False) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs of one half, sampled evenly unless ``everything``."""
    base = root() / "polnear-train"
    anns: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    pairs = [
        (path, anns[path.stem])
        for path in sorted((base / "text").glob("*.txt"))
        if path.stem in anns and split_of(path.stem) == half
    ]
    if everything or len(pairs) <= SAMPLE[half]:
        return pairs
    step = len(pairs) / SAMPLE[half]
    return [pairs[int(i * step)] for i in range(SAMPLE[half])]


def _covered(spans: tuple[tuple[int, int], ...], quotes: list[Quote]) -> int:
    chars = 0
    for a, b in spans:
        cover: set[int] = set()
        for q in quotes:
            lo, hi = max(a, q.start), min(b, q.end)
            if hi > lo:
                cover.update(range(lo, hi))
        chars += len(cover)
    return chars


def _name_words(source: str | None) -> set[str]:
    if not source:
        return set()
    words = re.findall(r"[A-Z][\w.\-]*[\w]|[A-Z]", source)
    return {re.sub(r"['’]s$", "", w).lower().rstrip(".") for w in words} - NOT_NAMES


def _speaker_ok(source: str | None, speaker: str | None) -> bool:
    names = _name_words(source)
    if not speaker:
        return False
    said = {re.sub(r"['’]s$", "", w).lower().rstrip(".") for w in re.findall(r"[\w.\-]+", speaker)}
    return (
        bool(names & said)
        or bool(names & {_initials(speaker)})
        or bool(said & {_initials(source or "")})
    )


def _initials(name: str) -> str:
    """ "the Republican National Committee" -> "rnc" (an acronym names it too)."""
    words = [w for w in re.findall(r"[A-Z][\w\-]*", name) if w.lower() not in NOT_NAMES]
    return "".join(w[0] for w in words).lower() if len(words) >= 2 else ""


def score(half: str, everything: bool = False, show_errors: bool = False) -> Counter[str]:
    pairs = files(half, everything)
    c: Counter[str] = Counter()
    articles = [plain_article(p.read_text("utf-8"), p.stem) for p, _ in pairs]
    docs = RunCache().parse(articles)
    for (_, ann), art in zip(pairs, articles, strict=True):
        gold = read_gold(ann, art.text)
        quotes = extract_quotes(art, docs[art.id])
        c["articles"] += 1
        c["pred"] += len(quotes)
        inside = [(a, b) for g in gold for a, b in g.content]
        for q in quotes:
            hit = _covered(tuple(inside), [q]) * 2 >= q.end - q.start
            c["pred_ok"] += hit
            if show_errors and not hit:
                print(f"  FALSE {art.id[:40]} {q.start}: {q.speaker!r} <- {q.text[:90]!r}")
        for g in gold:
            if g.words < MIN_WORDS:
                continue
            c["gold"] += 1
            size = sum(b - a for a, b in g.content)
            found = _covered(g.content, quotes) * 2 >= size
            c["gold_ok"] += found
            if show_errors and not found:
                a, b = g.content[0]
                print(f"  MISSED {art.id[:40]} {a}: {g.source!r} [{g.cue}] {art.text[a:b][:90]!r}")
            if not found:
                continue
            best = max(quotes, key=lambda q: _covered(g.content, [q]))
            if not _name_words(g.source):
                c["unnamed"] += 1
                continue
            c["spk_n"] += 1
            ok = _speaker_ok(g.source, best.speaker)
            c["spk_ok"] += ok
            if show_errors and not ok:
                print(
                    f"  SPEAKER {art.id[:40]} {best.start}: gold {g.source!r} got {best.speaker!r}"
                )
    return c


def evaluate(show_errors: bool = False, everything: bool = False) -> dict[str, float]:
    if not available():
        print("attributions on real text: skipped (no ../shared/realdata/polnear-train)")
        return {}
    print(
        f"{'attributions on real text (PolNeAR)':<36}{'precision':>10}{'recall':>10}{'speaker':>9}{'gold':>7}"
    )
    scores: dict[str, float] = {}
    for half in ("dev", "test"):
        started = time.perf_counter()
        c = score(half, everything, show_errors and half == "dev")
        p = c["pred_ok"] / max(c["pred"], 1)
        r = c["gold_ok"] / max(c["gold"], 1)
        s = c["spk_ok"] / max(c["spk_n"], 1)
        label = f"  {half} ({c['articles']} articles, {time.perf_counter() - started:.0f} s)"
        print(f"{label:<36}{p:>10.3f}{r:>10.3f}{s:>9.3f}{c['gold']:>7}")
        scores[f"attrib.real.{half}.precision"] = p
        scores[f"attrib.real.{half}.recall"] = r
        scores[f"attrib.real.{half}.speaker"] = s
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list dev misses and false finds")
    parser.add_argument("--all", action="store_true", help="score every article, not a sample")
    args = parser.parse_args()
    evaluate(show_errors=args.errors, everything=args.all)


if __name__ == "__main__":
    main()
