"""Benchmark story clustering: from scratch in memory, and one article into a store.

    python benchmarks/bench_stories.py             # 25k, 50k, 100k in memory; store 2k, 5k
    python benchmarks/bench_stories.py --sizes 100000 200000  # the scaling check
    python benchmarks/bench_stories.py --store-sizes 10000

The corpus repeats the generated labelled corpus (``eval/stories_gen.py``) with every
person and place renamed per copy and dates shifted, so events stay distinct.  The
in-memory run is what ``parallax cluster`` does after reading; the store run measures
``StoryIndex.assign`` (one article, its own transaction) as the store grows.
"""

from __future__ import annotations

import argparse
import re
import resource
import string
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))

from parallax.model import Article
from parallax.stories.assign import MemoryIndex
from parallax.stories.features import raw_terms
from stories_gen import _STEMS as STEMS
from stories_gen import FIRST, LAST, PLACES, articles


def _suffix(k: int) -> str:
    letters = string.ascii_lowercase
    out = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        out = letters[r] + out
    return out


def corpus(n: int) -> Iterator[Article]:
    base = articles(1) + articles(2)
    # people, towns and countries get a new name in each copy; other words stay
    names = set(FIRST) | set(LAST) | {c for _, c in PLACES}
    names |= {
        w
        for r in base
        for w in re.findall(r"\b[A-Z][a-z]+\b", str(r["text"]))
        if any(w.startswith(stem) for stem in STEMS)
    }
    pattern = re.compile(r"\b(" + "|".join(sorted(names, key=len, reverse=True)) + r")\b")
    i = 0
    copy = 0
    while True:
        tag = _suffix(copy)

        def rename(match: re.Match[str], tag: str = tag) -> str:
            return match.group(1) + tag

        for row in base:
            if i >= n:
                return
            text = pattern.sub(rename, str(row["text"]))
            title = pattern.sub(rename, str(row["title"]))
            day = row["date"]
            if day:
                day = (date.fromisoformat(str(day)) + timedelta(days=7 * copy)).isoformat()
            yield Article(
                id=f"a{i}",
                outlet=str(row["outlet"]),
                title=title,
                published=day,
                source=f"bench:{i}",
                text=text,
                paragraphs=(),
                sentences=(),
            )
            i += 1
        copy += 1


def memory_run(n: int) -> None:
    arts = list(corpus(n))
    started = time.perf_counter()
    for art in arts[:2000]:
        raw_terms(art)
    features = (time.perf_counter() - started) / min(n, 2000)
    index = MemoryIndex()
    started = time.perf_counter()
    for art in arts:
        index.add(art)
    seconds = time.perf_counter() - started
    stories = len(set(index.story_of.values()))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"in memory {n:>7} articles: {seconds:6.1f} s ({n / seconds:,.0f} articles/s; "
        f"features {1000 * features:.2f} ms each), {stories:,} stories, peak {peak:,.0f} MB"
    )


def store_run(n: int) -> None:
    from parallax.store import open_store
    from parallax.store.stories import StoryIndex

    arts = list(corpus(n + 20))
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "s.db"))
        index = StoryIndex(store)
        started = time.perf_counter()
        pks = [r.pk for r in store.add_many(arts[:n])]
        added = time.perf_counter() - started
        started = time.perf_counter()
        for pk in pks:
            index.assign(pk)
        filled = time.perf_counter() - started
        timings = []
        for result in store.add_many(arts[n:]):
            t0 = time.perf_counter()
            index.assign(result.pk)
            timings.append(time.perf_counter() - t0)
        timings.sort()
        print(
            f"store {n:>6} articles: add {n / added:,.0f}/s, assign all {n / filled:,.0f}/s; "
            f"one more article: median {1000 * timings[len(timings) // 2]:.1f} ms, "
            f"max {1000 * timings[-1]:.1f} ms"
        )
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[25000, 50000, 100000])
    parser.add_argument("--store-sizes", type=int, nargs="*", default=[2000, 5000])
    args = parser.parse_args()
    for n in args.sizes:
        memory_run(n)
    for n in args.store_sizes:
        store_run(n)


if __name__ == "__main__":
    main()
