"""Benchmark outlet profiles over a store of cached story analyses.

    python benchmarks/bench_profiles.py                 # 2,000 stories × 4 outlets
    python benchmarks/bench_profiles.py --stories 500 --runs 5

The corpus is the planted-habits generator (``eval/profiles_gen.py``), written into
the store with its true stories.  A few stories (``--templates``) are analysed by
the real pipeline; every other story's cached analysis is a copy of one of them with
the article ids of its own articles, so the cache holds one full-size analysis per
story without hours of analysis.  Then:

- **cold**: profiles when no digest exists yet (each story's cached analysis is read,
  through the typed sections, into a digest that is stored);
- **warm**: profiles from the stored digests (the usual case), median of ``--runs``;
- **one more story**: a new story is ingested and analysed, and the profiles updated
  (one analysis and one digest; the analysis dominates);
- **blindspots** over the same store.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))

from sqlalchemy import insert

import profiles_gen as gen
from parallax.build import RawArticle, build_article
from parallax.model import Analysis
from parallax.profiles.source import story_rows
from parallax.service import Service
from parallax.store import open_store, tables
from parallax.store.repository import now


def _store_corpus(service: Service, stories: int) -> None:
    """The generated articles, written straight into the store with their true stories
    (the store's story assignment has its own benchmark, ``bench_stories.py``)."""
    store = service.corpus()
    by_story: dict[str, list[tuple[int, str, str | None]]] = {}
    raws = list(gen.rows(stories))
    built = [
        build_article(
            RawArticle(
                source=r["url"],
                body=r["text"].replace("\n\n", "\n"),
                title=r["title"],
                published=r["date"],
                url=r["url"],
                outlet=r["outlet"],
            )
        ).article
        for r in raws
    ]
    for r, art, added in zip(raws, built, store.add_many(built), strict=True):
        by_story.setdefault(r["story"], []).append((added.pk, art.id, art.published))
    with store.engine.begin() as conn:
        conn.execute(
            insert(tables.stories),
            [
                {
                    "id": s,
                    "first_seen": m[0][2],
                    "last_seen": m[0][2],
                    "created_at": now(),
                    "updated_at": now(),
                }
                for s, m in by_story.items()
            ],
        )
        conn.execute(
            insert(tables.story_members),
            [
                {
                    "article_pk": pk,
                    "article_id": aid,
                    "story_id": s,
                    "score": 1.0,
                    "matched_pk": None,
                    "shared": [],
                    "reason": "generated",
                    "signature": {},
                    "assigned_at": now(),
                }
                for s, members in by_story.items()
                for pk, aid, _ in members
            ],
        )


def build(db: str, stories: int, templates: int) -> Service:
    service = Service(store=open_store(db))
    started = time.perf_counter()
    _store_corpus(service, stories)
    print(f"articles and stories: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    store = service.corpus()
    rows = [r for r in story_rows(store) if len(r.outlets) >= 2]
    digest = service.options.digest()
    started = time.perf_counter()
    made: list[tuple[list[str], dict[str, object]]] = []
    for row in rows[:templates]:
        analysis = service.story_analysis(row.story)
        if analysis.failed_stages:
            sys.exit(f"a template analysis lost stages {analysis.failed_stages}: fix them first")
        made.append(([a.id for a in analysis.articles], analysis.to_dict()))
    print(f"{templates} analyses: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    started = time.perf_counter()
    for i, row in enumerate(rows[templates:]):
        ids, data = made[i % len(made)]
        if len(ids) != len(row.members):
            ids, data = next(m for m in made if len(m[0]) == len(row.members))
        raw = json.dumps(data)
        for old, member in zip(ids, row.members, strict=True):
            raw = raw.replace(old, member.article)
        pks = [m.pk for m in row.members]
        store.save_analysis(pks, digest, Analysis.from_dict(json.loads(raw)))
    print(f"copied analyses: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return service


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--templates", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        service = build(db, args.stories, args.templates)
        started = time.perf_counter()
        found = service.outlet_profiles(analyse=False)
        cold = time.perf_counter() - started
        warm = []
        for _ in range(args.runs):
            started = time.perf_counter()
            again = service.outlet_profiles(analyse=False)
            warm.append(time.perf_counter() - started)
        assert again.to_dict() == found.to_dict()
        extra = [r for r in gen.rows(args.stories + 1) if r["story"] == f"s{args.stories:03d}"]
        path = Path(tmp) / "one.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in extra), "utf-8")
        started = time.perf_counter()
        service.ingest([str(path)])
        grown = service.story_digests()
        service.outlet_profiles(analyse=False)
        one = time.perf_counter() - started
        started = time.perf_counter()
        service.blindspots()
        spots = time.perf_counter() - started
    print(f"stories profiled          {len(found.stories):>8}")
    print(f"outlets                   {len(found.outlets):>8}")
    print(f"cold (digests made)       {cold:>8.2f} s")
    print(f"warm (median of {args.runs})        {statistics.median(warm):>8.2f} s")
    print(f"one more story, analysed  {one:>8.2f} s  ({grown.made} digest made)")
    print(f"blindspots                {spots:>8.2f} s")


if __name__ == "__main__":
    main()
