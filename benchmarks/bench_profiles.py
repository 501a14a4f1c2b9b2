"""Benchmark outlet profiles over a store of cached story analyses.

    python benchmarks/bench_profiles.py                 # 2,000 stories × 4 outlets
    python benchmarks/bench_profiles.py --stories 500 --runs 5

The corpus is the planted-habits generator (``eval/profiles_gen.py``), ingested and
grouped into stories by the store.  A few stories (``--templates``) are analysed by
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

import profiles_gen as gen
from parallax.model import Analysis
from parallax.profiles.source import story_rows
from parallax.service import Service
from parallax.store import open_store


def build(db: str, stories: int, templates: int) -> Service:
    service = Service(store=open_store(db))
    data = gen.write_jsonl(Path(db).with_suffix(".jsonl"), stories)
    started = time.perf_counter()
    service.ingest([str(data)])
    print(f"ingest and stories: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    store = service.corpus()
    rows = [r for r in story_rows(store) if len(r.outlets) >= 2]
    digest = service.options.digest()
    started = time.perf_counter()
    made: list[tuple[list[str], dict[str, object]]] = []
    for row in rows[:templates]:
        analysis = service.story_analysis(row.story)
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
