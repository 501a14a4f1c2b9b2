"""The speed figures of the README (issue #16), in one run:

- the seeds (or the example story) warm in one process: median of several runs, per stage;
- ``parallax compare`` from a cold shell: median wall of 5 runs, and its peak memory;
- ``--batch`` of 100 generated three-article stories: stories per second;
- scaling: two articles of 5k, 20k and 60k words each, time per stage and the ratio.

    python benchmarks/bench_speed.py [--runs N] [--sizes 5000,20000,60000] [--stories 100]

Figures are wall times on a shared machine: run it when the machine is quiet, and
read the medians.  The seeds are read from ../shared/seeds when that folder exists
(never copied into the repository); otherwise the bundled example story is used.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import itertools

from corpus_gen import rows
from parallax.ingest.text import parse_plain
from parallax.model import Analysis
from parallax.service import Service

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
EXAMPLE = sorted((ROOT / "examples" / "harbor-strike").iterdir())
COMMAND = [sys.executable, "-m", "parallax.cli"]


def story_inputs() -> tuple[str, list[str]]:
    if SEEDS:
        return "seeds", [str(p) for p in SEEDS]
    return "example story", [str(p) for p in EXAMPLE]


def _timed(service: Service, inputs: list[str]) -> tuple[float, dict[str, float], Analysis]:
    started = time.perf_counter()
    analysis = service.compare(inputs)
    return time.perf_counter() - started, dict(analysis.timings), analysis


def warm_figures(service: Service, inputs: list[str], runs: int) -> None:
    service.compare(inputs)  # first run: models and lazy imports paid here
    # a new story each time: a fresh service (the models stay loaded, no vector is reused)
    fresh = [_timed(Service(), inputs) for _ in range(runs)]
    # the same story again in one service: its sentence vectors are reused
    again = [_timed(service, inputs) for _ in range(runs)]
    analysis = fresh[-1][2]
    words = sum(a.word_count for a in analysis.articles)
    print(
        f"warm, one process ({len(analysis.articles)} articles, {words} words), median of {runs}:"
    )
    for label, results in (("new story", fresh), ("same story again", again)):
        walls = [r[0] for r in results]
        median = statistics.median(walls)
        print(f"  {label}: {median:.3f} s  (min {min(walls):.3f}, max {max(walls):.3f})")
        for stage in results[0][1]:
            print(f"    {stage:<10}{statistics.median(r[1][stage] for r in results):>8.3f} s")


def cold_figures(inputs: list[str], runs: int) -> None:
    walls, peaks, cpus = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.Popen(
            [*COMMAND, "compare", *inputs, "--format", "json"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - started)
        peaks.append(usage.ru_maxrss / 1024)
        cpus.append(usage.ru_utime + usage.ru_stime)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"parallax compare failed with status {status}")
    print(f"cold `parallax compare` (new process each time), median of {runs}:")
    print(f"  wall {statistics.median(walls):.2f} s  (min {min(walls):.2f}, max {max(walls):.2f})")
    print(f"  CPU time (user+system) {statistics.median(cpus):.2f} s: less sensitive to load")
    print(f"  peak memory {statistics.median(peaks):.0f} MB (max {max(peaks):.0f} MB)")


def batch_figures(service: Service, stories: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root, out = Path(tmp) / "stories", Path(tmp) / "out"
        generated = list(rows(3 * stories, seed=16))
        for k in range(stories):
            folder = root / f"story-{k:03d}"
            folder.mkdir(parents=True)
            for j, row in enumerate(generated[3 * k : 3 * k + 3]):
                (folder / f"{j}.txt").write_text(
                    f"{row['title']}\n\ndate {row['date']}\n\n{row['text']}\n", "utf-8"
                )
        started = time.perf_counter()
        result = service.batch(root, out)
        wall = time.perf_counter() - started
    done = len(result.written)
    print(f"--batch of {stories} three-article stories (~700 words each), models warm:")
    print(f"  {done} written in {wall:.1f} s: {done / wall:.2f} stories/s")


def _paragraphs() -> list[str]:
    pool: list[str] = []
    for path in SEEDS or [p for p in EXAMPLE if p.suffix == ".txt"]:
        body = parse_plain(path.read_text("utf-8"), str(path)).body
        pool += [p for p in body.split("\n") if len(p.split()) >= 8]
    return pool


def long_text(words: int, seed: int, pool: list[str]) -> str:
    """About ``words`` words of news paragraphs, repeated with their figures changed."""
    rng = random.Random(seed)
    out: list[str] = []
    count = 0
    while count < words:
        par = re.sub(r"\d+", lambda _m: str(rng.randint(2, 999)), rng.choice(pool))
        out.append(par)
        count += len(par.split())
    return "\n\n".join(out)


def scaling_figures(service: Service, sizes: list[int]) -> None:
    pool = _paragraphs()
    table: dict[int, dict[str, float]] = {}
    for size in sizes:
        texts = [long_text(size, 100 + size + k, pool) for k in range(2)]
        articles = []
        for k, text in enumerate(texts):
            path = f"long-{size}-{k}.txt"
            articles.append(("Outlet A" if k == 0 else "Outlet B", path, text))
        with tempfile.TemporaryDirectory() as tmp:
            inputs = []
            for outlet, name, text in articles:
                (Path(tmp) / name).write_text(text, "utf-8")
                inputs.append(f"{outlet}={Path(tmp) / name}")
            analysis = service.compare(inputs)
        table[size] = dict(analysis.timings)
        print(f"  {size:>6} words x2 done: {sum(table[size].values()):.1f} s", flush=True)
    stages = list(table[sizes[0]])
    print("scaling, two articles of N words each (seconds per stage; ratio to the size before):")
    print(
        "  stage     "
        + "".join(f"{s:>10}" for s in sizes)
        + "".join(f"{'x' + str(round(b / a, 1)):>10}" for a, b in itertools.pairwise(sizes))
    )
    for stage in [*stages, "total"]:
        vals = [
            sum(table[s].values()) if stage == "total" else table[s].get(stage, 0.0) for s in sizes
        ]
        ratios = [b / a if a > 0.005 else float("nan") for a, b in itertools.pairwise(vals)]
        print(
            f"  {stage:<10}"
            + "".join(f"{v:>10.2f}" for v in vals)
            + "".join(f"{'x' + format(r, '.1f'):>10}" for r in ratios)
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stories", type=int, default=100)
    parser.add_argument("--sizes", default="5000,20000,60000")
    parser.add_argument("--skip", default="", help="comma-separated: warm,cold,batch,scaling")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    name, inputs = story_inputs()
    print(f"story: {name}; embedder: {os.environ.get('PARALLAX_EMBEDDER', 'minilm')}")
    service = Service()
    started = time.perf_counter()
    service.warm()
    print(f"model loading in this process: {time.perf_counter() - started:.2f} s")
    if "warm" not in skip:
        warm_figures(service, inputs, args.runs)
    if "cold" not in skip:
        cold_figures(inputs, args.runs)
    if "batch" not in skip:
        batch_figures(service, args.stories)
    if "scaling" not in skip:
        scaling_figures(service, [int(s) for s in args.sizes.split(",")])


if __name__ == "__main__":
    main()
