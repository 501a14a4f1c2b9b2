"""Story clustering scored on labelled corpora, generated and real.

- Generated (``eval/stories_gen.py``): seed 1 for development, seed 2 held out; each
  has 48 events in 24 pairs of the same kind a few days apart, told by 5-9 outlets
  each with different wording and opposite frames.
- Real: BASIL's 50 events told by Fox News, the New York Times and HuffPost
  (``../shared/realdata``, read at evaluation time), first 25 events for development,
  last 25 held out.

The story threshold was chosen on the two development sets; the held-out figures have
floors.  Scores: B-cubed precision/recall/F1 and pairwise F1, for Parallax and for a
plain baseline (TF-IDF cosine of all words, single-linkage agglomeration at the
threshold that scores best on the development sets).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from parallax.build import RawArticle, build_article
from parallax.model import Article
from parallax.stories.assign import cluster
from parallax.tokens import STOPWORDS
from stories_gen import articles as generate

_WORD = re.compile(r"[a-z][a-z'\-]{2,}")


def build(
    rows: Sequence[Mapping[str, str | None]], prefix: str
) -> tuple[list[Article], dict[str, str]]:
    """Generated rows cleaned like real input, and each article's true story."""
    arts: list[Article] = []
    truth: dict[str, str] = {}
    for i, row in enumerate(rows):
        raw = RawArticle(
            source=f"{prefix}:{i}",
            body=str(row["text"]),
            title=row["title"],
            published=row["date"],
            url=row["url"],
            outlet=row["outlet"],
        )
        art = build_article(raw).article
        arts.append(art)
        truth[art.id] = str(row["story"])
    return arts, truth


def corpus(seed: int) -> tuple[list[Article], dict[str, str]]:
    return build(generate(seed), f"gen{seed}")


def bcubed(pred: Mapping[str, str], truth: Mapping[str, str]) -> tuple[float, float, float]:
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_true: dict[str, set[str]] = defaultdict(set)
    for item, label in pred.items():
        by_pred[label].add(item)
    for item, label in truth.items():
        by_true[label].add(item)
    p = r = 0.0
    for item in truth:
        mine, real = by_pred[pred[item]], by_true[truth[item]]
        both = len(mine & real)
        p += both / len(mine)
        r += both / len(real)
    p, r = p / len(truth), r / len(truth)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(pred: Mapping[str, str], truth: Mapping[str, str]) -> tuple[float, float, float]:
    def pairs(labels: Mapping[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for item, label in labels.items():
            groups[label].append(item)
        return {
            (a, b) if a < b else (b, a)
            for members in groups.values()
            for i, a in enumerate(members)
            for b in members[i + 1 :]
        }

    got, real = pairs(pred), pairs(truth)
    tp = len(got & real)
    p = tp / len(got) if got else 0.0
    r = tp / len(real) if real else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _tfidf(arts: Sequence[Article]) -> list[dict[str, float]]:
    bags = [
        Counter(w for w in _WORD.findall(f"{a.title or ''} {a.text}".lower()) if w not in STOPWORDS)
        for a in arts
    ]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    out = []
    for bag in bags:
        vec = {t: (1 + math.log(c)) * math.log(len(bags) / df[t]) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({t: v / norm for t, v in vec.items()})
    return out


def baseline(arts: Sequence[Article], threshold: float) -> dict[str, str]:
    """TF-IDF cosine + single-linkage agglomeration (connected components above t)."""
    vecs = _tfidf(arts)
    parent = list(range(len(arts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(arts)):
        for j in range(i + 1, len(arts)):
            a, b = vecs[i], vecs[j]
            small, large = (a, b) if len(a) <= len(b) else (b, a)
            if sum(v * large.get(t, 0.0) for t, v in small.items()) >= threshold:
                parent[find(i)] = find(j)
    return {a.id: str(find(i)) for i, a in enumerate(arts)}


def basil_halves() -> tuple[tuple[list[Article], dict[str, str]], ...] | None:
    """BASIL's 50 real events (3 outlets each), split into two halves of 25; None when
    ``../shared/realdata`` is absent.  Nothing of their text is kept in the repo."""
    import realdata

    if not realdata.available():
        return None
    events = realdata.stories(corpora=("basil",))
    halves = []
    for part in (events[: len(events) // 2], events[len(events) // 2 :]):
        arts: list[Article] = []
        truth: dict[str, str] = {}
        for story in part:
            for art in realdata.build_story(story):
                arts.append(art)
                truth[art.id] = story.id
        halves.append((arts, truth))
    return tuple(halves)


def evaluate(show_errors: bool = False) -> dict[str, float]:
    sets: list[tuple[str, list[Article], dict[str, str]]] = []
    dev, dev_truth = corpus(1)
    test, test_truth = corpus(2)
    sets += [("generated, development", dev, dev_truth), ("generated, held out", test, test_truth)]
    real = basil_halves()
    if real:
        sets += [("BASIL real, development", *real[0]), ("BASIL real, held out", *real[1])]
    dev_sets = [(arts, truth) for name, arts, truth in sets if name.endswith("development")]
    best_t = max(
        (t / 20 for t in range(2, 16)),
        key=lambda t: sum(bcubed(baseline(a, t), tr)[2] for a, tr in dev_sets),
    )
    print(
        f"stories: generated corpora of {len(dev)} and {len(test)} articles (48 events each, in "
        "24 pairs of the same kind days apart)"
        + (
            "; BASIL's 50 real events in two halves"
            if real
            else "; ../shared/realdata absent, real events skipped"
        )
    )
    print(f"  {'':44}{'B3 P':>7}{'B3 R':>7}{'B3 F1':>7}{'pair F1':>9}  stories")
    figures: dict[str, float] = {}
    for name, arts, truth in sets:
        ours = {a.article: a.story for a in cluster(arts)}
        base = baseline(arts, best_t)
        for label, pred in (
            (f"parallax, {name}", ours),
            (f"baseline t={best_t:.2f}, {name}", base),
        ):
            p, r, f = bcubed(pred, truth)
            pf = pairwise(pred, truth)[2]
            print(f"  {label:<44}{p:7.3f}{r:7.3f}{f:7.3f}{pf:9.3f}  {len(set(pred.values()))}")
        if name.endswith("held out"):
            key = "stories.generated" if name.startswith("generated") else "stories.real"
            p, r, f = bcubed(ours, truth)
            figures.update(
                {
                    f"{key}.bcubed_precision": p,
                    f"{key}.bcubed_recall": r,
                    f"{key}.bcubed_f1": f,
                    f"{key}.pair_f1": pairwise(ours, truth)[2],
                    f"{key}.margin_over_baseline": f - bcubed(base, truth)[2],
                }
            )
        if show_errors:
            _errors(arts, ours, truth)
    return figures


def _errors(arts: Sequence[Article], pred: Mapping[str, str], truth: Mapping[str, str]) -> None:
    by_pred: dict[str, Counter[str]] = defaultdict(Counter)
    for a in arts:
        by_pred[pred[a.id]][truth[a.id]] += 1
    for story, labels in by_pred.items():
        if len(labels) > 1:
            print(f"    merged in {story}: {dict(labels)}")
    by_true: dict[str, Counter[str]] = defaultdict(Counter)
    for a in arts:
        by_true[truth[a.id]][pred[a.id]] += 1
    for label, stories in by_true.items():
        if len(stories) > 1:
            print(f"    split {label}: {sorted(stories.values(), reverse=True)}")


if __name__ == "__main__":
    import sys

    evaluate(show_errors="--errors" in sys.argv)
