"""Outlet profiles on real text: BASIL's events (Fox News, New York Times, HuffPost).

Run by hand (about two minutes; not part of ``make test``):

    python eval/profiles_real.py

Each BASIL event is analysed by the real pipeline and digested as the store would;
the profiles are then made over the events.  BASIL's annotators marked spans of
lexical bias (loaded wording) in each article; no label speaks of outlets directly, so
the check is on the word-choice section, against the annotation density:

- per article: Spearman correlation between Parallax's loaded terms per 1,000 words
  (in the outlet's own words) and BASIL's lexical-bias spans per 1,000 words outside
  quotes;
- per outlet: does the profile order the three outlets as the annotations do?

The events are split in two halves by a hash of their id (dev / held out); nothing was
tuned on either.  Skips with a message when ``../shared/realdata`` is absent.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import replace

import realdata
from parallax.profiles import digest, profiles
from parallax.profiles.digest import StoryDigest
from parallax.service import Service


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2
        i = j + 1
    return ranks


def spearman(x: list[float], y: list[float]) -> float:
    rx, ry = _ranks(x), _ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else 0.0


def _lexical(source: str) -> int:
    """BASIL lexical-bias spans outside quotes, for the article read from ``source``."""
    stem = source.removeprefix("basil:")
    base = realdata.root() / "basil-dev" / "annotations"
    for path in base.glob(f"*/{stem}_ann.json"):
        data = json.loads(path.read_text("utf-8"))
        return sum(
            1
            for a in data.get("phrase-level-annotations", [])
            if a.get("bias") == "lex" and str(a.get("quote", "no")).lower() != "yes"
        )
    return 0


def evaluate() -> dict[str, float]:
    if not realdata.available():
        print("profiles on real text: skipped (../shared/realdata is absent)")
        return {}
    service = Service()
    halves: dict[str, list[StoryDigest]] = defaultdict(list)
    articles: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for story in realdata.stories(corpora=("basil",)):
        # BASIL writes its outlet codes in either case ("fox", "FOX"): one outlet each
        arts = [
            replace(a, outlet=realdata.BASIL_OUTLETS.get(a.outlet.lower(), a.outlet))
            for a in realdata.build_story(story)
        ]
        analysis = service.analyse(arts)
        half = "dev" if int(hashlib.sha1(story.id.encode()).hexdigest(), 16) % 2 else "test"
        halves[half].append(digest(story.id, arts[0].title, analysis))
        framing = {f.article: f for f in analysis.sections.get("framing") or ()}
        for art in arts:
            if art.id in framing and art.word_count:
                ours = framing[art.id].per_1000_words
                theirs = 1000 * _lexical(art.source) / art.word_count
                articles[half].append((art.outlet, ours, theirs))
    figures: dict[str, float] = {}
    print("Outlet profiles on real text (BASIL; loaded terms vs annotated lexical bias)")
    for half in ("dev", "test"):
        rows = articles[half]
        rho = spearman([r[1] for r in rows], [r[2] for r in rows])
        figures[f"profiles.real.{half}.article_spearman"] = rho
        found = profiles(halves[half])
        ours = {p.outlet: p.word_choice.per_1000_words for p in found.outlets}
        words: dict[str, float] = defaultdict(float)
        spans: dict[str, float] = defaultdict(float)
        for outlet, _, theirs in rows:
            spans[outlet] += theirs
            words[outlet] += 1
        theirs_mean = {o: spans[o] / words[o] for o in spans}
        same = sorted(ours, key=lambda o: -ours[o]) == sorted(
            theirs_mean, key=lambda o: -theirs_mean[o]
        )
        figures[f"profiles.real.{half}.outlet_order_agrees"] = float(same)
        print(f"  {half}: {len(halves[half])} events, {len(rows)} articles")
        print(f"    article-level Spearman (loaded / 1,000 words vs BASIL lex / 1,000): {rho:.3f}")
        for outlet in sorted(ours, key=lambda o: -ours[o]):
            print(
                f"    {outlet:<22} profile {ours[outlet]:5.1f} loaded / 1,000 words;"
                f" BASIL {theirs_mean.get(outlet, 0.0):5.1f} lexical-bias spans / 1,000 words"
            )
        print(f"    same order of outlets: {'yes' if same else 'no'}")
    return figures


if __name__ == "__main__":
    evaluate()
