"""End-to-end timing of ``parallax compare``: wall time from the command line, and warm
per-stage time inside one process (model loading paid once, outside the figures).

    python benchmarks/bench_compare.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from parallax import compare
from parallax.runtime import warm

ROOT = Path(__file__).resolve().parent.parent
STORIES = {
    "example story": sorted(str(p) for p in (ROOT / "examples" / "harbor-strike").iterdir()),
    "seeds": sorted(str(p) for p in (ROOT.parent / "shared" / "seeds").glob("*.txt")),
}


def main() -> None:
    started = time.perf_counter()
    warm()
    print(f"one-off model loading: {time.perf_counter() - started:.2f} s")
    for name, inputs in STORIES.items():
        if not inputs:
            continue
        wall = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "parallax.cli", "compare", *inputs, "--format", "json"],
            check=True,
            capture_output=True,
        )
        wall = time.perf_counter() - wall
        runs = []
        for _ in range(5):
            analysis = compare(inputs)
            runs.append(dict(analysis.timings))
        stages = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        total = sum(stages.values())
        words = sum(a.word_count for a in analysis.articles)
        print(f"\n{name}: {len(analysis.articles)} articles, {words} words")
        print(f"  command line, cold (imports and model load included): {wall:.2f} s")
        print(f"  warm, in one process: {total:.3f} s")
        for stage, seconds in stages.items():
            print(f"    {stage:<10}{seconds:>8.3f} s")


if __name__ == "__main__":
    main()
