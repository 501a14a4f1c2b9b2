"""The speed figures of the README (issue #16), in one run:

- the seeds (or the example story) warm in one process: median of several runs, per stage;
- ``parallax compare`` from a cold shell: median wall of 5 runs, and its peak memory;
- ``--batch`` of 100 generated three-article stories: stories per second;
- scaling: two articles of 5k, 20k and 60k words each, time per stage and the ratio.

    python benchmarks/bench_speed.py [--runs N] [--sizes 5000,20000,60000] [--stories 100]
        [--scaling-runs N]

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
from collections.abc import Callable
from dataclasses import replace

from corpus_gen import rows
from parallax.ingest.text import parse_plain
from parallax.model import Analysis
from parallax.pipeline import Context, Stage, StageOutput, default_stages
from parallax.runtime import load_embedder, load_nlp
from parallax.service import Service

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
EXAMPLE = sorted((ROOT / "examples" / "harbor-strike").iterdir())
COMMAND = [sys.executable, "-m", "parallax.cli"]


def story_inputs() -> tuple[str, list[str]]:
    if SEEDS:
        return "seeds", [str(p) for p in SEEDS]
    return "example story", [str(p) for p in EXAMPLE]


CPU: dict[str, float] = {}  # CPU seconds of each stage in the last run (all threads)


def _cpu_stages() -> list[Stage]:
    """The default stages, each wrapped to record its CPU time (process-wide, so the
    background parse and embedding count) in :data:`CPU`."""

    def wrap(st: Stage) -> Stage:
        def run(analysis: Analysis, ctx: Context) -> StageOutput:
            started = time.process_time()
            try:
                return st.func(analysis, ctx)
            finally:
                CPU[st.name] = time.process_time() - started

        return replace(st, func=run)

    return [wrap(st) for st in default_stages()]


def _timed(
    service: Service, inputs: list[str]
) -> tuple[float, dict[str, float], Analysis, float, dict[str, float]]:
    CPU.clear()
    started, cpu = time.perf_counter(), time.process_time()
    analysis = service.compare(inputs, stages=_cpu_stages())
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    return wall, dict(analysis.timings), analysis, cpu, dict(CPU)


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
        cpu = statistics.median(r[3] for r in results)
        print(
            f"  {label}: {median:.3f} s wall (min {min(walls):.3f}, max {max(walls):.3f}),"
            f" {cpu:.3f} s CPU"
        )
        print(f"    {'stage':<10}{'wall':>8}{'CPU':>8}")
        for stage in results[0][1]:
            wall = statistics.median(r[1][stage] for r in results)
            cpu = statistics.median(r[4].get(stage, 0.0) for r in results)
            print(f"    {stage:<10}{wall:>8.3f}{cpu:>8.3f}")
    floor_figures(analysis)


def floor_figures(analysis: Analysis) -> None:
    """What the two models alone cost for this story (CPU seconds, median of 3): the
    parse of its English articles and the embedding of its sentences."""
    nlp, embedder = load_nlp(), load_embedder()
    texts = [a.text for a in analysis.articles]
    sentences = list(dict.fromkeys(a.text[s:e] for a in analysis.articles for s, e in a.sentences))

    def cpu(work: Callable[[], object]) -> float:
        runs = []
        for _ in range(3):
            started = time.process_time()
            work()
            runs.append(time.process_time() - started)
        return statistics.median(runs)

    parse = cpu(lambda: list(nlp.pipe(texts, batch_size=64)))
    embed = cpu(lambda: embedder.encode(sentences))
    print(
        f"  the models alone: spaCy parse {parse:.3f} s CPU ({sum(len(t.split()) for t in texts)}"
        f" words), MiniLM {embed:.3f} s CPU ({len(sentences)} sentences)"
    )


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
        started, cpu = time.perf_counter(), time.process_time()
        result = service.batch(root, out)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    done = len(result.written)
    print(f"--batch of {stories} three-article stories (~700 words each), models warm:")
    print(
        f"  {done} written in {wall:.1f} s: {done / wall:.2f} stories/s"
        f" ({cpu / max(done, 1):.2f} s CPU per story)"
    )


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


def scaling_figures(sizes: list[int], runs: int = 1) -> None:
    """CPU per stage for two articles of each size; with ``runs`` > 1 the sizes are
    run in turn that many times (each run in a new service: no parse or vector is
    reused) and the median of each stage is shown, so a change in the machine's load
    weighs on every size alike."""
    pool = _paragraphs()
    seen: dict[int, list[dict[str, float]]] = {size: [] for size in sizes}
    for run in range(runs):
        for size in sizes:
            seen[size].append(_scaling_run(size, pool))
            total = sum(seen[size][-1].values())
            print(f"  {size:>6} words x2, run {run + 1}: {total:.1f} s", flush=True)
    table = {
        size: {stage: statistics.median(r[stage] for r in results) for stage in results[0]}
        for size, results in seen.items()
    }
    stages = list(table[sizes[0]])
    print(
        "scaling, two articles of N words each (CPU seconds per stage, all threads;"
        f" ingest: the rest of the compare's CPU; median of {runs};"
        " ratio to the size before):"
    )
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


def _scaling_run(size: int, pool: list[str]) -> dict[str, float]:
    texts = [long_text(size, 100 + size + k, pool) for k in range(2)]
    with tempfile.TemporaryDirectory() as tmp:
        inputs = []
        for k, text in enumerate(texts):
            path = Path(tmp) / f"long-{size}-{k}.txt"
            path.write_text(text, "utf-8")
            inputs.append(f"{'Outlet A' if k == 0 else 'Outlet B'}={path}")
        CPU.clear()
        cpu = time.process_time()
        Service().compare(inputs, stages=_cpu_stages())  # models stay loaded
        cpu = time.process_time() - cpu
    # ingest: the CPU of the compare outside the stages (reading, cleaning, segmenting)
    return {"ingest": cpu - sum(CPU.values()), **CPU}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stories", type=int, default=100)
    parser.add_argument("--sizes", default="5000,20000,60000")
    parser.add_argument("--scaling-runs", type=int, default=1, help="median of this many")
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
        scaling_figures([int(s) for s in args.sizes.split(",")], args.scaling_runs)


if __name__ == "__main__":
    main()
