"""Actors as entities across outlets, scored on real stories (BASIL, basil-dev).

    python eval/actors_real.py              # dev and held-out figures
    python eval/actors_real.py --errors     # ... and the missed and split mentions

``eval/data/actors/basil_chains.json`` holds hand-labelled actor chains for six BASIL
events (three outlets each): per article, ``[actor, start, end]`` offsets into the
article's body paragraphs joined by newlines (each paragraph's sentences joined by a
space), as :func:`body` builds it here.  Names, surnames, titles, descriptions
("the magazine", "the former vice president"), acronyms and group names
("Republicans", "the GOP") are labelled; pronouns are not.  The text is read from
``../shared/realdata/basil-dev/`` at run time and never stored in the repository;
without the folder the evaluation is skipped.

Four events are **dev** (studied), two are **held out** (``split`` in the file).

Figures:
- **mention recall**: share of labelled mentions that overlap a mention of some
  Parallax actor by at least half of the labelled span, or on its last word (the
  head: "former Vice President Dick Cheney" is found as "Dick Cheney");
- **B³** across the three articles of each event: each labelled mention is placed in
  the Parallax actor that found it (a missed mention is alone); precision and recall
  of those clusters against the labelled chains, averaged over mentions, then F1.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from parallax.build import plain_article
from parallax.framing.actors import find_actors
from parallax.model import Article
from parallax.runtime import RunCache
from realdata import root

LABELS = Path(__file__).parent / "data" / "actors" / "basil_chains.json"
JUDGED_LABELS = Path(__file__).parent / "data" / "actors" / "basil_labels.json"
JUDGED: dict[str, Any] = (
    json.loads(JUDGED_LABELS.read_text("utf-8")) if JUDGED_LABELS.exists() else {}
)


def available() -> bool:
    return (root() / "basil-dev" / "articles").is_dir()


def body(data: dict[str, Any]) -> str:
    """An article's text: its paragraphs (sentences joined by a space) joined by newlines."""
    paragraphs = [" ".join(s.strip() for s in par) for par in data.get("body-paragraphs", [])]
    return "\n".join(p for p in paragraphs if p.strip())


def _articles(stems: list[str]) -> list[Article]:
    base = root() / "basil-dev" / "articles"
    out = []
    for stem in stems:
        (path,) = base.glob(f"*/{stem}.json")
        out.append(plain_article(body(json.loads(path.read_text("utf-8"))), stem))
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score_event(event: dict[str, Any], cache: RunCache, show_errors: bool) -> Counter[str]:
    stems = sorted(event["articles"])
    articles = _articles(stems)
    docs = cache.parse(articles)
    actors = find_actors(articles, docs)
    found: dict[tuple[str, int, int], int] = {}
    for k, found_actor in enumerate(actors):
        for art, start, end in found_actor.mentions:
            found[(art, start, end)] = k
    gold: list[tuple[str, str, int, int]] = [
        (stem, actor, start, end) for stem in stems for actor, start, end in event["articles"][stem]
    ]
    text = {a.id: a.text for a in articles}
    cluster: list[str] = []  # predicted cluster of each gold mention
    c: Counter[str] = Counter()
    for n, (stem, actor, start, end) in enumerate(gold):
        best, best_k = 0, -1
        head = start + text[stem][start:end].rstrip().rfind(" ") + 1  # last word: the head
        for (art, s, e), k in found.items():
            ov = _overlap((start, end), (s, e)) if art == stem else 0
            if (ov * 2 >= end - start or (s <= head and ov)) and ov > best:
                best, best_k = ov, k
        c["gold"] += 1
        c["found"] += best_k >= 0
        cluster.append(f"actor{best_k}" if best_k >= 0 else f"alone{n}")
        if show_errors and best_k < 0:
            print(f"  MISSED {stem[:8]} {stem[-1]} {actor:12} {text[stem][start:end]!r}")
    for i, (_, actor, _, _) in enumerate(gold):
        same_pred = [j for j in range(len(gold)) if cluster[j] == cluster[i]]
        same_gold = [j for j in range(len(gold)) if gold[j][1] == actor]
        both = len(set(same_pred) & set(same_gold))
        c["b3p"] += round(1000 * both / len(same_pred))
        c["b3r"] += round(1000 * both / len(same_gold))
    if show_errors:
        for actor in sorted({g[1] for g in gold}):
            parts = Counter(
                actors[int(cluster[i][5:])].name
                for i, g in enumerate(gold)
                if g[1] == actor and cluster[i].startswith("actor")
            )
            if len(parts) > 1:
                print(f"  SPLIT {event['event'][:8]} {actor}: {dict(parts)}")
    return c


def _label_events(events: list[dict[str, Any]]) -> dict[str, list[list[str]]]:
    """The events whose labels are judged: ``dev`` the six chain events and the
    ``more_dev`` ones (the label rules were written looking at them), ``test`` the
    ``held_out`` ones (judged once, after the rules were fixed)."""
    base = root() / "basil-dev" / "articles"

    def stems(event: str) -> list[str]:
        return sorted(p.stem for p in base.glob(f"*/{event}_*.json"))

    listed = JUDGED.get("events", {})
    dev = [sorted(e["articles"]) for e in events] + [stems(e) for e in listed.get("more_dev", [])]
    return {"dev": dev, "test": [stems(e) for e in listed.get("held_out", [])]}


def score_labels(events: list[list[str]], cache: RunCache, show_errors: bool) -> Counter[str]:
    """Judged-good, judged-bad and unjudged labels of ``events``, and the judged-good
    labels there are (``kept``: how many of those are still found)."""
    c: Counter[str] = Counter()
    for stems in events:
        articles = _articles(stems)
        actors = find_actors(articles, cache.parse(articles))
        judged = {
            (stem, a, b): good
            for stem in stems
            for a, b, good in JUDGED.get("labels", {}).get(stem, [])
        }
        seen: set[tuple[str, int, int]] = set()
        for found_actor in actors:
            for lab in found_actor.labels:
                if lab.quoted:
                    continue  # shown as a speaker's words, not as the outlet's label
                key = (lab.article, lab.start, lab.end)
                if key in seen:
                    continue
                seen.add(key)
                verdict = judged.get(key)
                c["lab_unjudged"] += verdict is None
                c["lab_good"] += verdict == 1
                c["lab_bad"] += verdict == 0
                if show_errors and verdict != 1:
                    said = "BAD" if verdict == 0 else "UNJUDGED"
                    print(f"  {said} LABEL {found_actor.name}: {lab.kind} {lab.text!r}")
        c["lab_judged_good"] += sum(judged.values())
    return c


def evaluate(show_errors: bool = False) -> dict[str, float]:
    if not available():
        print("actors on real text: skipped (no ../shared/realdata/basil-dev)")
        return {}
    events = json.loads(LABELS.read_text("utf-8"))["events"]
    cache = RunCache()
    print(
        f"{'actors on real text (BASIL)':<36}{'recall':>10}{'B3 P':>8}{'B3 R':>8}{'B3 F1':>8}{'gold':>7}"
    )
    scores: dict[str, float] = {}
    labels: dict[str, Counter[str]] = {}
    for half in ("dev", "test"):
        started = time.perf_counter()
        c: Counter[str] = Counter()
        chosen = [e for e in events if e["split"] == half]
        for event in chosen:
            c.update(score_event(event, cache, show_errors and half == "dev"))
        n = max(c["gold"], 1)
        recall, p, r = c["found"] / n, c["b3p"] / 1000 / n, c["b3r"] / 1000 / n
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        label = f"  {half} ({len(chosen)} events, {time.perf_counter() - started:.0f} s)"
        print(f"{label:<36}{recall:>10.3f}{p:>8.3f}{r:>8.3f}{f1:>8.3f}{c['gold']:>7}")
        scores[f"actors.real.{half}.mention_recall"] = recall
        scores[f"actors.real.{half}.b3_f1"] = f1
    for half, chosen_stems in _label_events(events).items():
        labels[half] = score_labels(chosen_stems, cache, show_errors and half == "dev")
    print(
        f"{'labels on real text (hand-judged)':<36}{'precision':>10}{'kept':>8}"
        f"{'good':>6}{'bad':>6}{'unjudged':>10}"
    )
    for half, c in labels.items():
        judged = c["lab_good"] + c["lab_bad"]
        precision = c["lab_good"] / max(judged, 1)
        kept = c["lab_good"] / max(c["lab_judged_good"], 1)
        print(
            f"{'  ' + half:<36}{precision:>10.3f}{kept:>8.3f}{c['lab_good']:>6}"
            f"{c['lab_bad']:>6}{c['lab_unjudged']:>10}"
        )
        scores[f"labels.real.{half}.precision"] = precision
        scores[f"labels.real.{half}.kept"] = kept
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list dev misses and splits")
    args = parser.parse_args()
    evaluate(show_errors=args.errors)


if __name__ == "__main__":
    main()
