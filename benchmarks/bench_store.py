"""Benchmark the corpus store: ingest of generated JSONL into SQLite and PostgreSQL.

    python benchmarks/bench_store.py                 # 2,000 and 10,000 articles
    python benchmarks/bench_store.py --sizes 1000    # other sizes
    python benchmarks/bench_store.py --no-postgres   # SQLite only

Each run is the real command (`parallax ingest FILE --db ...`) in a fresh process, so
start-up is included.  Peak memory is the largest resident set of the command or its
cleaning workers: flat as the input grows means the input is streamed.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus_gen import write_jsonl
from pgserver import create_database, pg_bin, postgres_server

PARALLAX = str(Path(sys.executable).parent / "parallax")


def ingest(data: Path, db: str) -> tuple[float, float, str]:
    """(seconds, peak MB, summary line) of one `parallax ingest` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [PARALLAX, "ingest", str(data), "--db", db], capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, peak, done.stderr.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = {n: write_jsonl(Path(tmp) / f"c{n}.jsonl", n) for n in args.sizes}
        for n, data in files.items():
            mb = data.stat().st_size / 1e6
            seconds, peak, _line = ingest(data, str(Path(tmp) / f"c{n}.db"))
            print(
                f"SQLite      {n:>6} articles ({mb:.0f} MB): {seconds:6.1f} s, "
                f"{n / seconds:5.0f} articles/s, peak {peak:.0f} MB"
            )
            again, _, line2 = ingest(data, str(Path(tmp) / f"c{n}.db"))
            print(f"  again (all duplicates): {again:.1f} s; {line2.split('(')[0].strip()}")
        if args.no_postgres or pg_bin("initdb") is None:
            return
        with postgres_server() as server:
            for n, data in files.items():
                db = create_database(server, f"bench{n}")
                seconds, peak, _ = ingest(data, db)
                print(
                    f"PostgreSQL  {n:>6} articles: {seconds:6.1f} s, "
                    f"{n / seconds:5.0f} articles/s, peak {peak:.0f} MB"
                )


if __name__ == "__main__":
    main()
