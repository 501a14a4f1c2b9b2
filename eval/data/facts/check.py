"""Validate pairs.jsonl and print counts per type and per story.

Usage: python eval/data/facts/check.py   (exit status 1 on any problem)
"""
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, "pairs.jsonl")

FIELDS = {"id": str, "story": str, "a": str, "b": str, "same": bool, "type": str, "conflict": bool}
# type -> (expected same, expected conflict, minimum count)
TYPES = {
    "verbatim": (True, False, 25),
    "edited": (True, False, 25),
    "paraphrase": (True, False, 60),
    "number-conflict": (True, True, 20),
    "hard-negative": (False, False, 70),
    "related": (False, False, 30),
    "unrelated": (False, False, 10),
}
MIN_WORDS, MAX_WORDS = 12, 40


def words(s):
    return len(re.findall(r"\S+", s))


def main():
    errors, rows, ids, seen = [], [], set(), set()
    with open(PATH, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"line {n}: bad JSON ({e})")
                continue
            for k, t in FIELDS.items():
                if not isinstance(r.get(k), t):
                    errors.append(f"line {n}: field {k!r} missing or not {t.__name__}")
            extra = set(r) - set(FIELDS) - {"story_b"}
            if extra:
                errors.append(f"line {n}: unexpected fields {sorted(extra)}")
            if errors and errors[-1].startswith(f"line {n}:"):
                continue
            if r["id"] in ids:
                errors.append(f"line {n}: duplicate id {r['id']}")
            ids.add(r["id"])
            if r["type"] not in TYPES:
                errors.append(f"line {n}: unknown type {r['type']!r}")
                continue
            same, conflict, _ = TYPES[r["type"]]
            if r["same"] != same or r["conflict"] != conflict:
                errors.append(f"line {n}: same/conflict do not match type {r['type']}")
            if (r["type"] == "unrelated") != ("story_b" in r):
                errors.append(f"line {n}: story_b must be present exactly on unrelated pairs")
            if "story_b" in r and r["story_b"] == r["story"]:
                errors.append(f"line {n}: unrelated pair within one story")
            if r["a"].strip() == r["b"].strip():
                errors.append(f"line {n}: a and b identical")
            key = (r["a"], r["b"])
            if key in seen or key[::-1] in seen:
                errors.append(f"line {n}: duplicate pair")
            seen.add(key)
            for side in ("a", "b"):
                w = words(r[side])
                if not MIN_WORDS <= w <= MAX_WORDS:
                    errors.append(f"line {n} ({r['id']}): sentence {side} has {w} words")
            rows.append(r)

    by_type = Counter(r["type"] for r in rows)
    for t, (_, _, minimum) in TYPES.items():
        if by_type[t] < minimum:
            errors.append(f"type {t}: {by_type[t]} pairs, need at least {minimum}")
    stories = sorted({r["story"] for r in rows} | {r.get("story_b") for r in rows if "story_b" in r})

    print(f"pairs: {len(rows)}  same=true: {sum(r['same'] for r in rows)}  "
          f"same=false: {sum(not r['same'] for r in rows)}  conflict=true: {sum(r['conflict'] for r in rows)}")
    print(f"stories: {len(stories)}")
    print()
    print("| type | same | conflict | pairs |")
    print("|---|---|---|---:|")
    for t, (same, conflict, _) in TYPES.items():
        print(f"| `{t}` | {str(same).lower()} | {str(conflict).lower()} | {by_type[t]} |")
    print(f"| **total** | | | **{len(rows)}** |")
    print()
    cols = list(TYPES)
    print("| story | " + " | ".join(cols) + " | total |")
    print("|---|" + "---:|" * (len(cols) + 1))
    for s in stories:
        # an unrelated pair counts once for each of its two stories in this table
        c = Counter(r["type"] for r in rows if r["story"] == s or r.get("story_b") == s)
        print(f"| {s} | " + " | ".join(str(c[t]) for t in cols) + f" | {sum(c.values())} |")
    print()
    if errors:
        print(f"{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("OK: every line parses and has the fields; counts meet the minimums.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
