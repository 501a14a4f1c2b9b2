"""Load test of `parallax serve` on loopback: 500 requests, 16 at a time, a mix of reads
and compare jobs.

    python benchmarks/bench_web.py                  # 500 requests, 16 at a time, 1 in 10 a compare
    python benchmarks/bench_web.py --requests 1000 --concurrency 32

The server is a real `parallax serve` process over a fresh SQLite store holding the
example story.  A compare answered 429 (the job queue is full) is retried after a short
wait, as a client should; every accepted job is then followed to its end.  Prints the
throughput, p50/p95/p99 latency per kind of request, the status codes, the jobs' ends,
and the server's resident memory before and after (after one warm-up comparison, so the
models are loaded in both).  Fails (exit 1) on any 5xx, any lost job, or memory after
the run more than 20% above before.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "harbor-strike"
TEXT_A = (ROOT / "tests" / "data" / "article_a.txt").read_text("utf-8")
TEXT_B = (ROOT / "tests" / "data" / "article_b.txt").read_text("utf-8")
READS = ["/", "/stories", "/api/stories", "/docs", "/openapi.json", "STORY", "STORY_API"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).parent / "parallax"
    subprocess.run(
        [str(exe), "ingest", *map(str, sorted(EXAMPLE.iterdir())), "--db", str(db)],
        check=True,
        capture_output=True,
    )
    proc = subprocess.Popen(
        [str(exe), "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not start")


def compare_body(i: int) -> dict[str, Any]:
    # every job a distinct comparison: a different closing line each time
    return {
        "articles": [
            {"text": TEXT_A + f"\n\nUpdate {i}: officials gave no new figures.", "outlet": "A"},
            {"text": TEXT_B, "outlet": "B"},
        ]
    }


def follow(client: httpx.Client, job_id: str, timeout: float = 600) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(f"/api/jobs/{job_id}").json()
        if status["state"] not in ("queued", "running"):
            return str(status["state"])
        time.sleep(0.2)
    return "timeout"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--compare-every", type=int, default=10, help="1 in N requests compares")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        proc = start_server(Path(tmp) / "corpus.db", port)
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, timeout=120) as client:
                story = client.get("/api/stories").json()["stories"][0]["id"]
                first = client.get(f"/api/stories/{story}")  # compute the story's report once
                if first.status_code == 202:
                    follow(client, first.json()["job"]["id"])
                warm = client.post("/api/compare", json=compare_body(-1)).json()
                follow(client, warm["id"])
                before = rss_mib(proc.pid)
                result = run_load(client, story, args)
                accepted = result["jobs"]
                ends = Counter(follow(client, job) for job in accepted)
                after = rss_mib(proc.pid)
        finally:
            proc.terminate()
            proc.wait(30)

    latencies: dict[str, list[float]] = result["latencies"]
    everything = [x for xs in latencies.values() for x in xs]
    codes: Counter[int] = result["codes"]
    print(
        f"parallax serve under load: {args.requests} requests, {args.concurrency} at a time, "
        f"1 in {args.compare_every} a compare ({os.cpu_count()} CPUs)"
    )
    print(
        f"  wall {result['wall']:.1f} s, throughput {args.requests / result['wall']:.1f} requests/s"
    )
    print(f"  {'kind':<14} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for kind, xs in [*sorted(latencies.items()), ("all", everything)]:
        ms = [x * 1000 for x in xs]
        print(
            f"  {kind:<14} {len(xs):>5} {percentile(ms, 50):>8.1f} {percentile(ms, 95):>8.1f} "
            f"{percentile(ms, 99):>8.1f}"
        )
    print(f"  status codes: {dict(sorted(codes.items()))} (429s retried: {result['retried']})")
    print(f"  jobs accepted: {len(accepted)}; ends: {dict(ends)}")
    growth = (after - before) / before
    print(f"  server memory: {before:.0f} MiB before, {after:.0f} MiB after ({growth:+.1%})")
    problems = []
    if any(code >= 500 for code in codes):
        problems.append("a 5xx answer")
    if ends.get("done", 0) != len(accepted):
        problems.append(f"lost or failed jobs: {dict(ends)}")
    if growth > 0.20:
        problems.append(f"memory grew {growth:.0%}")
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0


def run_load(client: httpx.Client, story: str, args: argparse.Namespace) -> dict[str, Any]:
    latencies: dict[str, list[float]] = defaultdict(list)
    codes: Counter[int] = Counter()
    jobs: list[str] = []
    retried = 0

    def one(i: int) -> None:
        nonlocal retried
        if i % args.compare_every == 0:
            kind = "compare"
            while True:
                started = time.perf_counter()
                answer = client.post("/api/compare", json=compare_body(i))
                took = time.perf_counter() - started
                if answer.status_code != 429:
                    break
                codes[429] += 1
                retried += 1
                time.sleep(1.0)
            if answer.status_code == 202:
                jobs.append(answer.json()["id"])
        else:
            path = READS[i % len(READS)]
            kind = "story" if path.startswith("STORY") else path
            if path == "STORY":
                path = f"/stories/{story}"
            elif path == "STORY_API":
                path, kind = f"/api/stories/{story}", "/api/stories/ID"
            started = time.perf_counter()
            answer = client.get(path)
            took = time.perf_counter() - started
        latencies[kind].append(took)
        codes[answer.status_code] += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(args.concurrency) as pool:
        list(pool.map(one, range(args.requests)))
    wall = time.perf_counter() - started
    return {"latencies": latencies, "codes": codes, "jobs": jobs, "wall": wall, "retried": retried}


if __name__ == "__main__":
    raise SystemExit(main())
