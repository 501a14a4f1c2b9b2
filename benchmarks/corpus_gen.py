"""Generated corpora for the store's tests and benchmarks (fictional text only).

Each article takes ~18 paragraphs of the bundled example story in a shuffled order,
with numbers changed, so sizes are realistic (~700 words), the text is news-like,
and no two articles have the same content.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

from parallax.ingest.text import parse_plain

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "harbor-strike"
OUTLETS = ("Meridian Press", "Channel 9 News", "Valley Courier", "Harbor Ledger", "Coast Radio")


def _pool() -> list[str]:
    pool: list[str] = []
    for path in sorted(EXAMPLE.glob("*.txt")):
        pool += [p for p in parse_plain(path.read_text("utf-8"), str(path)).body.split("\n") if p]
    return pool


def rows(n: int, seed: int = 7) -> Iterator[dict[str, str]]:
    rng = random.Random(seed)
    pool = _pool()
    for i in range(n):
        pars = rng.sample(pool, k=min(len(pool), 18))
        pars = [p.replace("40", str(rng.randint(10, 99))) for p in pars]
        day = 1 + i % 28
        yield {
            "outlet": OUTLETS[i % len(OUTLETS)],
            "title": f"Port dispute, report {i}",
            "date": f"2025-03-{day:02d}",
            "url": f"https://{OUTLETS[i % len(OUTLETS)].split()[0].lower()}.example/story/{i}",
            "text": f"Report {i}.\n\n" + "\n\n".join(pars),
        }


def write_jsonl(path: Path, n: int, seed: int = 7) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows(n, seed):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
