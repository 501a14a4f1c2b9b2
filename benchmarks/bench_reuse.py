"""Benchmark reuse detection over all pairs of many articles, with planted reuse.

    python benchmarks/bench_reuse.py                 # 250, 500, 1000, 2000 articles
    python benchmarks/bench_reuse.py --sizes 1000

Articles of ~700 words are made of random words drawn from a Zipf-like vocabulary
(the most frequent words are real stopwords), so unrelated articles share only stock
phrases.  One article in two also carries 2-4 paragraphs of one of N/10 "wire
stories", each copy with a few words swapped.  Only pairs that share rare n-grams are
aligned (an inverted index, as in passim), so time grows with the amount of reuse,
not with the number of pairs.
"""

from __future__ import annotations

import argparse
import random
import time
from itertools import pairwise

from parallax.model import Article
from parallax.reuse.align import align_chain, drop_overlaps, make_side
from parallax.reuse.detect import find_reuse
from parallax.reuse.outside import find_outside
from parallax.reuse.seeds import chain_seeds, shared_ngrams
from parallax.reuse.summary import summarise
from parallax.segment import paragraph_spans, split_sentences
from parallax.tokens import STOPWORDS, tokenize

SYLLABLES = "ka lo mi ne ru sa te vo di pa go ha ji ku le mo ni po ra si tu ve wa yo ze".split()


def vocabulary(rng: random.Random, size: int = 20000) -> tuple[list[str], list[float]]:
    words = sorted(STOPWORDS)
    while len(words) < size:
        words.append("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    return words, weights


def sentence(rng: random.Random, vocab: tuple[list[str], list[float]], n: int) -> str:
    words = rng.choices(vocab[0], weights=vocab[1], k=n)
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, vocab: tuple[list[str], list[float]]) -> str:
    return " ".join(sentence(rng, vocab, rng.randint(12, 25)) for _ in range(3))


def make_articles(n: int, seed: int = 11) -> list[Article]:
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    wires = [[paragraph(rng, vocab) for _ in range(4)] for _ in range(max(1, n // 10))]
    heads = random.Random(seed + 1)  # titles: a stream of their own (the bodies are unchanged)
    wire_titles = [sentence(heads, vocab, heads.randint(8, 12)) for _ in wires]
    articles = []
    for i in range(n):
        pars = [paragraph(rng, vocab) for _ in range(12)]
        title = sentence(heads, vocab, heads.randint(8, 12))
        if rng.random() < 0.5:
            story = rng.choice(wires)
            if heads.random() < 0.5:  # the wire's headline, run as the outlet's own
                title = wire_titles[wires.index(story)]
            for par in rng.sample(story, rng.randint(2, 4)):
                words = par.split(" ")
                for _ in range(3):
                    k = rng.randrange(len(words))
                    words[k] = rng.choice(vocab[0][200:])
                pars.insert(rng.randrange(len(pars)), " ".join(words))
        text = "\n\n".join(pars[:14])
        spans = paragraph_spans(text)
        articles.append(
            Article(
                id=f"a{i}",
                outlet=f"outlet {i % 50}",
                title=title,
                published=None,
                source=f"gen-{i}",
                text=text,
                paragraphs=spans,
                sentences=split_sentences(text, spans),
            )
        )
    return articles


def timed(articles: list[Article]) -> dict[str, float]:
    t0 = time.perf_counter()
    tokens = [tokenize(a.text) for a in articles]
    t1 = time.perf_counter()
    seeds = shared_ngrams(tokens)
    t2 = time.perf_counter()
    sides = [make_side(a, t) for a, t in zip(articles, tokens, strict=True)]
    passages = 0
    for (x, y), found in seeds.items():
        got = [p for c in chain_seeds(found) for p in align_chain(sides[x], sides[y], c)]
        passages += len(drop_overlaps(got))
    t3 = time.perf_counter()
    outside = find_outside(articles, tokens)
    t3b = time.perf_counter()
    pairs = find_reuse(articles)
    t4 = time.perf_counter()
    summarise(pairs, articles)
    t5 = time.perf_counter()
    return {
        "tokenize": t1 - t0,
        "index (n-gram seeds)": t2 - t1,
        "chain + align": t3 - t2,
        "outside the body (titles)": t3b - t3,
        "find_reuse (all of it)": t4 - t3b,
        "summary": t5 - t4,
        "pairs aligned": float(len(seeds)),
        "pairs with reuse": float(len(pairs)),
        "pairs with copy outside": float(len(outside)),
        "passages": float(passages),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    args = parser.parse_args()
    table: dict[int, dict[str, float]] = {}
    for n in args.sizes:
        articles = make_articles(n)
        words = sum(len(a.text.split()) for a in articles)
        table[n] = timed(articles)
        print(
            f"{n:>5} articles ({words // n} words each): find_reuse "
            f"{table[n]['find_reuse (all of it)']:.2f} s, {n * (n - 1) // 2:,} possible pairs, "
            f"{int(table[n]['pairs aligned']):,} aligned"
        )
    print()
    print(f"{'stage':<24}" + "".join(f"{n:>10}" for n in args.sizes))
    for key in next(iter(table.values())):
        fmt = (
            "{:>10.0f}" if key in ("pairs aligned", "pairs with reuse", "passages") else "{:>10.3f}"
        )
        print(f"{key:<24}" + "".join(fmt.format(table[n][key]) for n in args.sizes))
    sizes = sorted(table)
    for small, large in pairwise(sizes):
        ratio = table[large]["find_reuse (all of it)"] / table[small]["find_reuse (all of it)"]
        print(f"time x{ratio:.2f} from {small} to {large} articles (x{large / small:.0f} articles)")


if __name__ == "__main__":
    main()
