"""Story assignment: one article at a time against blocks, here and on a LocalCluster.

    python benchmarks/bench_assign.py                          # 1,000 2,000 4,000 articles
    python benchmarks/bench_assign.py --sizes 2000 8000 --workers 2 --block 1000

Generated articles (``benchmarks/corpus_gen.py``, ~700 words, spread over 28 days) are
stored once without stories; each mode then assigns a copy of that SQLite database:

- **one by one**: :meth:`StoryIndex.assign` per pending article (queries per article);
- **blocks, here**: :meth:`StoryIndex.assign_pending` with its default runner;
- **blocks, local:N**: the same steps on a Dask ``LocalCluster``
  (:func:`parallax.scale.assign.assign_distributed`), cluster start-up apart.

It prints milliseconds per article for each size (the growth tells whether a mode stays
linear) and checks that every mode made the same stories.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def _stories(db: str) -> set[frozenset[str]]:
    from sqlalchemy import select

    from parallax.store import open_store
    from parallax.store.tables import story_members

    store = open_store(db)
    with store.engine.connect() as conn:
        rows = conn.execute(select(story_members.c.story_id, story_members.c.article_id)).all()
    store.close()
    grouped: dict[str, set[str]] = {}
    for story, article in rows:
        grouped.setdefault(story, set()).add(article)
    return {frozenset(v) for v in grouped.values()}


def _one_by_one(db: str) -> float:
    from parallax.store import open_store
    from parallax.store.stories import StoryIndex

    store = open_store(db)
    index = StoryIndex(store)
    start = time.perf_counter()
    for pk in index.pending():
        index.assign(pk)
    took = time.perf_counter() - start
    store.close()
    return took


def _blocks(db: str, client: object | None, block: int) -> float:
    from parallax.scale.assign import assign_distributed
    from parallax.store import open_store

    store = open_store(db)
    start = time.perf_counter()
    assign_distributed(client, store, db, block=block)  # type: ignore[arg-type]
    took = time.perf_counter() - start
    store.close()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--block", type=int, default=1000)
    parser.add_argument("--skip-one-by-one", action="store_true")
    args = parser.parse_args()

    from corpus_gen import write_jsonl
    from parallax.scale import cluster_client, parse_cluster
    from parallax.scale.run import ingest_distributed

    mode = f"local:{args.workers}"
    rows: list[tuple[int, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as tmp, cluster_client(parse_cluster(mode)) as client:
        for n in args.sizes:
            base = str(Path(tmp) / f"base-{n}.db")
            ingest_distributed(None, base, [str(write_jsonl(Path(tmp) / f"c{n}.jsonl", n))])
            figures: dict[str, float] = {}
            made = []
            runs = [("blocks, here", None), (f"blocks, {mode}", client)]
            if not args.skip_one_by_one:
                runs.insert(0, ("one by one", None))
            for label, on in runs:
                db = str(Path(tmp) / f"{label.replace(' ', '').replace(',', '')}-{n}.db")
                shutil.copy(base, db)
                if label == "one by one":
                    figures[label] = _one_by_one(db)
                else:
                    figures[label] = _blocks(db, on, args.block)
                made.append(_stories(db))
                print(f"  {n} articles, {label}: {figures[label]:.1f} s", file=sys.stderr)
            assert all(m == made[0] for m in made), "the modes made different stories"
            rows.append((n, figures))
    labels = list(rows[0][1])
    print("ms per article".ljust(16) + "".join(f"{label:>20}" for label in labels))
    for n, figures in rows:
        print(f"{n:>8,} articles" + "".join(f"{figures[k] / n * 1000:>20.2f}" for k in labels))
    if len(rows) > 1:
        (n0, f0), (n1, f1) = rows[0], rows[-1]
        print(
            f"growth {n0:,} -> {n1:,} (x{n1 / n0:.0f} articles), total time: "
            + ", ".join(f"{k} x{f1[k] / f0[k]:.2f}" for k in labels)
        )


if __name__ == "__main__":
    main()
