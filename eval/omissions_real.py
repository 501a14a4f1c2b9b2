"""Omissions evaluated on real news: is what an outlet is said to leave out really absent?

    python eval/omissions_real.py            # dev and held-out figures
    python eval/omissions_real.py --levels   # ... and the near-miss figures at other levels (dev)

Uses the hand-labelled BASIL pairs of ``facts_real`` (ids and sentence indexes only; the
text is read from ``../shared/realdata/basil-dev/`` at run time).  The facts stage runs on
each labelled event; for every omission it reports (article X leaves out fact F):

- **wrong omission**: a sentence of X is labelled the *same* claim as a statement of F
  (X told it, in other words); the labels cover only the candidate pool, so the share of
  wrong omissions is a lower bound and ``1 - wrong/omissions`` an upper bound of
  precision;
- the **near miss** the stage shows beside an omission (:mod:`parallax.facts.omit`: X's
  statement the model finds closest to every statement of F) is *right* when that
  statement is labelled the same claim as a member of F, *wrong* when labelled another
  claim, and unlabelled otherwise.

(The rule before an article grouped with a member of the fact counted as telling it, a
set difference of support, read dev 55 of 79 omissions contradicted by a label, held out
11 of 17; now 12 of 33 and 5 of 11.)

``--levels`` prints, on the dev events only, what other near-miss levels would flag: the
shipped level was chosen there.  Skipped when the real data are absent.
"""

from __future__ import annotations

import argparse
import sys
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from facts_real import EventArticles, Label, gold_lookup, load_event, load_labels
from parallax.facts import facts_of
from parallax.facts.cluster import FactRecord
from parallax.facts.omit import NEAR, near_misses, omissions
from parallax.options import FactsOptions
from parallax.runtime import RunCache
from realdata import root

LEVELS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6)


@dataclass
class Tally:
    omissions: int = 0
    wrong: int = 0  # a labelled same pair links the article to the fact
    flagged: dict[float, int] = field(default_factory=lambda: defaultdict(int))
    flag_right: dict[float, int] = field(default_factory=lambda: defaultdict(int))
    flag_wrong: dict[float, int] = field(default_factory=lambda: defaultdict(int))
    caught: dict[float, int] = field(default_factory=lambda: defaultdict(int))  # wrong, flagged


def evaluate_event(
    labels: Sequence[Label], ev: EventArticles, tally: Tally, cache: RunCache
) -> None:
    """The facts stage's records and scores of the event, as the stage makes them."""
    records, scores = facts_of(ev.articles, cache.parse(ev.articles), cache.embed, FactsOptions())
    order = [a.id for a in ev.articles]
    gold = gold_lookup(labels)
    starts = {a.id: [s for s, _ in a.sentences] for a in ev.articles}
    basil: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
    for k, v in ev.spans.items():  # Parallax sentence -> the BASIL sentences in it
        basil[v].append(k)

    def sentences(article: str, start: int) -> list[tuple[str, int]]:
        found = starts.get(article, [])
        i = bisect_right(found, start) - 1
        return basil.get((article, found[i] if i >= 0 else start), [])

    def same(article: str, start: int, fact: FactRecord) -> bool | None:
        """Is X's sentence at ``start`` labelled the same claim as a member of ``fact``
        (True), labelled another claim against every labelled member (False), or never
        labelled against one (None)?"""
        seen: list[bool] = []
        for m in fact.mentions:
            for x in sentences(article, start):
                for y in sentences(m.article, m.start):
                    lab = gold.get(frozenset({x, y}))
                    if lab is not None:
                        seen.append(lab)
        return True if any(seen) else (False if seen else None)

    by_id = {f.id: f for f in records}

    def wrong(article: str, fact: FactRecord) -> bool:
        return any(same(article, s, fact) for s in starts[article])

    omitted = omissions(records, order)
    known: set[tuple[str, str]] = set()
    for article, ids in omitted.by_article:
        for fid in ids:
            tally.omissions += 1
            if wrong(article, by_id[fid]):
                tally.wrong += 1
                known.add((article, fid))
    for level in LEVELS:
        for n in near_misses(records, omitted, scores, level):
            tally.flagged[level] += 1
            verdict = same(n.article, n.start, by_id[n.fact])
            if verdict is True:
                tally.flag_right[level] += 1
            elif verdict is False:
                tally.flag_wrong[level] += 1
            if (n.article, n.fact) in known:
                tally.caught[level] += 1


def evaluate(show_levels: bool = False) -> dict[str, float]:
    base = root()
    if not (base / "basil-dev" / "articles").is_dir():
        print("omissions on real events: skipped (../shared/realdata/basil-dev is absent)")
        return {}
    cache = RunCache()
    by_event: dict[str, list[Label]] = defaultdict(list)
    for lab in load_labels():
        by_event[lab.event].append(lab)
    tallies = {"dev": Tally(), "test": Tally()}
    for event in sorted(by_event):
        ev = load_event(event, base)
        if ev is not None:
            evaluate_event(by_event[event], ev, tallies[by_event[event][0].split], cache)
    print("omissions on real events (BASIL, hand-labelled pairs)")
    figures: dict[str, float] = {}
    for split, t in tallies.items():
        name = "dev" if split == "dev" else "held out"
        bound = 1 - t.wrong / t.omissions if t.omissions else 1.0
        print(
            f"  {name}: {t.omissions} omissions, {t.wrong} told in other words by the labels "
            f"(precision at most {bound:.3f})"
        )
        shown = [NEAR] + (
            [lv for lv in LEVELS if lv != NEAR] if show_levels and split == "dev" else []
        )
        for level in shown:
            judged = t.flag_right[level] + t.flag_wrong[level]
            print(
                f"    near misses at {level:.2f}{' (shipped)' if level == NEAR else ''}: "
                f"{t.flagged[level]} shown, {t.flag_right[level]}/{judged} labelled right, "
                f"{t.caught[level]}/{t.wrong} wrong omissions caught"
            )
        key = f"omissions.real.{split}"
        judged = t.flag_right[NEAR] + t.flag_wrong[NEAR]
        sure = t.omissions - t.flagged[NEAR]  # listed as left out, with no near miss
        sure_bound = 1 - (t.wrong - t.caught[NEAR]) / sure if sure else 1.0
        print(
            f"    left out with no near miss: {sure}, {t.wrong - t.caught[NEAR]} told in other "
            f"words (precision at most {sure_bound:.3f})"
        )
        figures[f"{key}.precision_bound"] = bound
        figures[f"{key}.sure.precision_bound"] = sure_bound
        figures[f"{key}.near.caught"] = t.caught[NEAR] / t.wrong if t.wrong else 1.0
        figures[f"{key}.near.precision"] = t.flag_right[NEAR] / judged if judged else 1.0
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", action="store_true", help="near-miss figures at other levels")
    evaluate(parser.parse_args().levels)


if __name__ == "__main__":
    main()
