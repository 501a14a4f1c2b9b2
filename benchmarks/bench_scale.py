"""Scale-out on Dask against one process: ingest and analyse, with per-worker memory.

    python benchmarks/bench_scale.py                       # 200 stories, 20,000 articles
    python benchmarks/bench_scale.py --stories 40 --articles 4000 --workers 2

Analyse: generated stories (``eval/stories_gen.py``: fictional events, each told by
several invented outlets) are ingested into two fresh SQLite files; every story is then
analysed once in this process and once on a ``LocalCluster`` (one task per story,
each worker loading the models once).  Ingest: generated articles
(``benchmarks/corpus_gen.py``) read from one JSONL file by ``parallax ingest`` as it
runs without ``--cluster`` (cleaning already in two worker processes) and on the
cluster (partitions cleaned and written by the workers), stories assigned afterwards
in both.  The figures end with an estimate for a larger corpus from the measured
per-item costs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def _stories_corpus(path: Path, stories: int) -> int:
    from stories_gen import articles

    rows = [
        {k: v for k, v in r.items() if k != "story"}
        for r in articles(seed=11, pairs=max(1, stories // 2))
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    return len(rows)


def _ids(db: str) -> list[str]:
    from parallax.store import open_store
    from parallax.store.stories import StoryIndex

    store = open_store(db)
    index = StoryIndex(store)
    index.assign_pending()
    ids = [s.id for s in index.stories(min_outlets=2)]
    store.close()
    return ids


def bench_analyse(tmp: Path, stories: int, workers: int) -> dict[str, float]:
    from parallax.scale import analyse_stories, cluster_client, parse_cluster
    from parallax.scale.run import ingest_distributed

    corpus = tmp / "stories.jsonl"
    n = _stories_corpus(corpus, stories)
    out: dict[str, float] = {"articles": n}
    for mode in ("one process", f"local:{workers}"):
        db = str(tmp / f"analyse-{mode.replace(' ', '-').replace(':', '')}.db")
        ingest_distributed(None, db, [str(corpus)])
        ids = _ids(db)
        out["stories"] = len(ids)
        if mode == "one process":
            from parallax.runtime import warm

            start = time.perf_counter()
            warm()
            out["models loaded, one process (s)"] = time.perf_counter() - start
            start = time.perf_counter()
            done = analyse_stories(None, db, ids)
            out["analyse, one process (s)"] = time.perf_counter() - start
            out["memory, one process (MB)"] = _rss_mb()
        else:
            start = time.perf_counter()
            with cluster_client(parse_cluster(mode)) as client:
                from parallax.runtime import warm

                client.run(warm)  # each worker loads its models once, at the same time
                out[f"cluster started, models loaded, {mode} (s)"] = time.perf_counter() - start
                start = time.perf_counter()
                done = analyse_stories(client, db, ids)
                out[f"analyse, {mode} (s)"] = time.perf_counter() - start
                rss = client.run(_rss_mb)
                out[f"memory per worker, {mode} (MB)"] = max(rss.values())
        print(f"  {mode}: {done.line()}", file=sys.stderr)
    out["speed-up, analyse"] = (
        out["analyse, one process (s)"] / out[f"analyse, local:{workers} (s)"]
    )
    return out


def _assign(store: Any, client: Any, spent: dict[str, float]) -> None:
    """Every pending article assigned in blocks, here or on the cluster, timing the
    driver's sequential part."""
    from parallax.scale.assign import OnCluster
    from parallax.store.stories import StoryIndex
    from parallax.store.story_blocks import Here, assign_blocks
    from parallax.stories.blocked import day

    index = StoryIndex(store)
    rows = index.pending_rows()
    dated = [(pk, aid, str(when)) for pk, aid, when in rows if day(when)]
    runner = OnCluster(client, store.engine.url.render_as_string(hide_password=False))
    assign_blocks(store, runner if client else Here(store), dated, index.options, spent=spent)
    index.assign_pending()  # the undated ones, one by one (none in this corpus)


def bench_ingest(tmp: Path, articles: int, workers: int) -> dict[str, float]:
    from corpus_gen import write_jsonl
    from parallax.corpus.ingest import ingest
    from parallax.scale import cluster_client, ingest_distributed, parse_cluster
    from parallax.store import open_store

    corpus = write_jsonl(tmp / "ingest.jsonl", articles)
    out: dict[str, float] = {}
    store = open_store(str(tmp / "ingest-one.db"))
    start = time.perf_counter()
    summary = ingest(store, [str(corpus)])
    out["ingest, one process (s)"] = time.perf_counter() - start
    start = time.perf_counter()
    spent: dict[str, float] = {}
    _assign(store, None, spent)
    out["stories assigned after, one process (s)"] = time.perf_counter() - start
    store.close()
    print(f"  one process: {summary.line()}", file=sys.stderr)
    db = str(tmp / "ingest-cluster.db")
    mode = f"local:{workers}"
    with cluster_client(parse_cluster(mode)) as client:
        start = time.perf_counter()
        summary = ingest_distributed(client, db, [str(corpus)])
        out[f"ingest, {mode} (s)"] = time.perf_counter() - start
        store = open_store(db)
        start = time.perf_counter()
        spent = {}
        _assign(store, client, spent)
        out[f"stories assigned after, {mode} (s)"] = time.perf_counter() - start
        out[f"  of which the driver's writes, {mode} (s)"] = spent.get("write", 0.0)
        out[f"  of which resolving stories, {mode} (s)"] = spent.get("resolve", 0.0)
        store.close()
    out["speed-up, ingest (stories assigned apart)"] = (
        out["ingest, one process (s)"] / out[f"ingest, {mode} (s)"]
    )
    print(f"  {mode}: {summary.line()}", file=sys.stderr)
    out["articles"] = articles
    return out


def estimate(analyse: dict[str, float], ingest: dict[str, float], workers: int) -> list[str]:
    """10 million articles on 50 workers, from the per-item costs measured here."""
    n, w = 10_000_000, 50
    per_story = analyse[f"analyse, local:{workers} (s)"] * workers / max(1, analyse["stories"])
    per_article = analyse["articles"] / max(1, analyse["stories"])
    clean = ingest[f"ingest, local:{workers} (s)"] * workers / max(1, ingest["articles"])
    mode = f"local:{workers}"
    serial = (
        ingest[f"  of which the driver's writes, {mode} (s)"]
        + ingest[f"  of which resolving stories, {mode} (s)"]
    ) / max(1, ingest["articles"])
    parallel = ingest["stories assigned after, one process (s)"] / max(1, ingest["articles"])
    stories = n / per_article
    return [
        f"estimate for {n:,} articles on {w} workers (from the costs above):",
        f"  cleaning + writing: {clean * 1000:.1f} ms per article per worker -> "
        f"{n * clean / w / 3600:.1f} h",
        f"  analysis: {per_story:.2f} s per story of ~{per_article:.0f} articles -> "
        f"{stories:,.0f} stories, {stories * per_story / w / 3600:.1f} h",
        f"  story assignment in blocks: {parallel * 1000:.2f} ms per article in one process, "
        f"of which {serial * 1000:.2f} ms sequential on the driver (resolving, writing) -> "
        f"{n * max(0.0, parallel - serial) / w / 3600:.1f} h on the workers + "
        f"{n * serial / 3600:.1f} h on the driver",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip", choices=["analyse", "ingest"], help="Leave one part out.")
    args = parser.parse_args()
    os.environ.setdefault("PARALLAX_DEBUG", "0")
    parts: list[tuple[str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        if args.skip != "analyse":
            parts.append(("analyse", bench_analyse(Path(tmp), args.stories, args.workers)))
        if args.skip != "ingest":
            parts.append(("ingest", bench_ingest(Path(tmp), args.articles, args.workers)))
    for title, figures in parts:
        print(title)
        for key, value in figures.items():
            print(f"  {key:<52}{value:>10.2f}")
    if not args.skip:
        for line in estimate(parts[0][1], parts[1][1], args.workers):
            print(line)


if __name__ == "__main__":
    main()
