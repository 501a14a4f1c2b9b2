"""Benchmark the facts stage: a story of 10 articles of 50 sentences each.

    python benchmarks/bench_facts.py [--articles 10] [--sentences 50]

Articles draw their sentences from one pool of ~150 news sentences (the fictional
evaluation texts), some copied as they are, some reworded (words dropped, swapped and
reordered), so that the story has consensus, partial and single facts and pairs of
every difficulty.  Model loading is timed apart; the figures are for a warm process.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from parallax.build import plain_article
from parallax.facts.cluster import build_facts, fact_records
from parallax.facts.features import make_unit
from parallax.facts.match import score_pairs
from parallax.model import Analysis
from parallax.runtime import RunCache, load_embedder
from parallax.segment import paragraph_spans, split_sentences

ROOT = Path(__file__).resolve().parent.parent


def pool() -> list[str]:
    out: list[str] = []
    for path in sorted((ROOT / "eval" / "data" / "voices").glob("*.txt"))[:4]:
        text = path.read_text("utf-8")
        out += [text[a:b] for a, b in split_sentences(text, paragraph_spans(text))]
    return [s for s in out if len(s.split()) >= 8]


def reword(sentence: str, rng: random.Random) -> str:
    words = sentence.rstrip(".").split()
    for _ in range(max(1, len(words) // 6)):
        k = rng.randrange(len(words))
        if rng.random() < 0.5:
            del words[k]
        else:
            words.insert(k, rng.choice(["reportedly", "officials said", "on Friday", "also"]))
    if rng.random() < 0.3 and "," in sentence:
        head, _, tail = " ".join(words).partition(",")
        return f"{tail.strip().capitalize()}, {head[0].lower()}{head[1:]}."
    return " ".join(words) + "."


def story(n_articles: int, n_sentences: int, seed: int = 3) -> Analysis:
    rng = random.Random(seed)
    sentences = pool()
    articles = []
    for i in range(n_articles):
        picked = rng.sample(sentences, min(n_sentences, len(sentences)))
        text = "\n\n".join(s if rng.random() < 0.5 else reword(s, rng) for s in picked)
        art = plain_article(text, f"a{i}")
        articles.append(art)
    return Analysis(articles=tuple(articles))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10)
    parser.add_argument("--sentences", type=int, default=50)
    args = parser.parse_args()
    t0 = time.perf_counter()
    load_embedder()
    print(f"one-off model loading: {time.perf_counter() - t0:.2f} s")
    analysis = story(args.articles, args.sentences)
    for _run in range(2):
        times = {}
        t0 = time.perf_counter()
        units = [
            make_unit(a.id, i, s, e, a.text[s:e])
            for a in analysis.articles
            for i, (s, e) in enumerate(a.sentences)
        ]
        times["units"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        scores = score_pairs(units)
        times["candidates + cheap signals"] = time.perf_counter() - t0
        cache = RunCache()  # a fresh run: measure the embedding, not a cache
        t0 = time.perf_counter()
        scores = score_pairs(units, cache.embed)
        times["... + embeddings (all of scoring)"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        facts = fact_records(build_facts(units, scores), [a.id for a in analysis.articles])
        times["grouping into facts"] = time.perf_counter() - t0
        total = (
            times["units"]
            + times["... + embeddings (all of scoring)"]
            + times["grouping into facts"]
        )
    n = len(units)
    uncertain = cache.embedded
    print(
        f"{len(analysis.articles)} articles, {n} sentences, {n * (n - 1) // 2:,} possible pairs, "
        f"{len(scores):,} candidates scored, {uncertain} sentences embedded"
    )
    for name, seconds in times.items():
        print(f"  {name:<36}{seconds:>8.3f} s")
    kinds = {k: sum(1 for f in facts if f.kind == k) for k in ("consensus", "partial", "single")}
    print(f"  total (warm){'':<24}{total:>8.3f} s   facts: {kinds}")


if __name__ == "__main__":
    main()
