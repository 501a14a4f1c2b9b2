"""Benchmark ingestion: per-stage times and how they grow with the number of articles.

    python benchmarks/bench_ingest.py            # 10, 100, 1000 articles
    python benchmarks/bench_ingest.py --sizes 50 500

Articles are generated from the example story's paragraphs (shuffled, with numbers
changed) so that sizes are realistic (~700 words) and no two articles are identical.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import defaultdict
from pathlib import Path

from parallax.build import build_article
from parallax.clean import clean_paragraphs
from parallax.ingest.html import parse_html
from parallax.ingest.text import parse_plain
from parallax.model import Analysis, Article
from parallax.pipeline import Context, get_stage, run_pipeline
from parallax.runtime import RunCache
from parallax.segment import paragraph_spans, split_sentences

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "harbor-strike"


def paragraphs_pool() -> list[str]:
    pool: list[str] = []
    for path in sorted(EXAMPLE.glob("*.txt")):
        pool += [p for p in parse_plain(path.read_text("utf-8"), str(path)).body.split("\n") if p]
    return pool


def make_texts(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    pool = paragraphs_pool()
    texts = []
    for i in range(n):
        pars = rng.sample(pool, k=min(len(pool), 18))
        pars = [p.replace("40", str(rng.randint(10, 99))) for p in pars]
        texts.append(f"Generated headline number {i}\n\n" + "\n\n".join(pars))
    return texts


def time_once(texts: list[str]) -> dict[str, float]:
    times: dict[str, float] = defaultdict(float)
    articles: list[Article] = []
    for i, text in enumerate(texts):
        t0 = time.perf_counter()
        raw = parse_plain(text, f"gen-{i}.txt")
        t1 = time.perf_counter()
        cleaned = clean_paragraphs(raw.body.split("\n"))
        t2 = time.perf_counter()
        body = "\n\n".join(cleaned.paragraphs)
        split_sentences(body, paragraph_spans(body))
        t3 = time.perf_counter()
        articles.append(build_article(raw).article)  # the whole chain, for the total
        t4 = time.perf_counter()
        times["read text"] += t1 - t0
        times["clean"] += t2 - t1
        times["segment"] += t3 - t2
        times["build (all of it)"] += t4 - t3
    t0 = time.perf_counter()
    context = Context(resources=RunCache())
    run_pipeline(Analysis(articles=tuple(articles)), [get_stage("related")], context=context)
    times["related (indexed)"] = time.perf_counter() - t0
    return dict(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    page = (EXAMPLE / "02_broadcaster.html").read_text("utf-8")
    runs = []
    for _ in range(20):
        t0 = time.perf_counter()
        parse_html(page, "page.html")
        runs.append(time.perf_counter() - t0)
    took = statistics.median(runs) * 1000
    print(f"HTML extraction (trafilatura), one ~830-word page: {took:.1f} ms")

    stages: list[str] = []
    table: dict[int, dict[str, float]] = {}
    for n in args.sizes:
        texts = make_texts(n)
        words = sum(len(t.split()) for t in texts)
        best: dict[str, float] = {}
        for _ in range(args.repeat):
            got = time_once(texts)
            best = {k: min(v, best.get(k, float("inf"))) for k, v in got.items()}
        table[n] = best
        stages = list(best)
        print(
            f"{n:>6} articles, {words:>8} words: {best['build (all of it)']:.3f} s to build "
            f"({words / best['build (all of it)']:,.0f} words/s)"
        )
    print()
    print(f"{'stage':<22}" + "".join(f"{n:>10}" for n in args.sizes) + "   (seconds, best of runs)")
    for stage in stages:
        print(f"{stage:<22}" + "".join(f"{table[n][stage]:>10.3f}" for n in args.sizes))
    if len(args.sizes) > 1:
        a, b = args.sizes[0], args.sizes[-1]
        ratio = table[b]["build (all of it)"] / max(table[a]["build (all of it)"], 1e-9)
        print(f"\nbuild time x{ratio:.1f} for x{b / a:.0f} articles (linear would be x{b / a:.0f})")


if __name__ == "__main__":
    main()
