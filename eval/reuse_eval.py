"""Evaluate reuse detection on generated pairs with known truth (see reuse_gen.py).

Passage figures are word-level on the base text: a base word counts as found when a
detected passage covers it, and as truly shared when the variant kept it (paragraphs
under 12 words are ignored: too short to be seeded).  Edit figures compare detected
edits with planted ones (same op, same words on both sides, typography ignored).
"""

from __future__ import annotations

from collections import Counter

from parallax.build import plain_article
from parallax.reuse.detect import find_reuse
from parallax.tokens import tokenize
from reuse_gen import Pair, generate


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _norm(text: str) -> tuple[str, ...]:
    return tokenize(text).words


def score_pair(pair: Pair, counts: Counter[str], show: bool = False) -> None:
    a, b = plain_article(pair.base, "base"), plain_article(pair.variant, "variant")
    found = find_reuse([a, b])
    spans = [p.a for r in found for p in r.passages]
    detected_edits = [
        (e.op, _norm(e.a_text), _norm(e.b_text)) for r in found for p in r.passages for e in p.edits
    ]
    for start in tokenize(a.text).starts:
        if _inside(start, pair.ignore):
            continue
        truth = _inside(start, pair.shared)
        got = _inside(start, spans)
        counts["p_tp"] += truth and got
        counts["p_fp"] += got and not truth
        counts["p_fn"] += truth and not got
    planted = Counter((e.op, _norm(e.a_text), _norm(e.b_text)) for e in pair.edits)
    seen = Counter(detected_edits)
    for key, n in planted.items():
        hit = min(n, seen.get(key, 0))
        counts["e_tp"] += hit
        counts["e_fn"] += n - hit
        counts[f"{key[0]}_tp"] += hit
        counts[f"{key[0]}_n"] += n
    counts["e_fp"] += sum(max(0, n - planted.get(key, 0)) for key, n in seen.items())
    if show:
        for key, n in seen.items():
            if n > planted.get(key, 0):
                print(f"  FP edit {pair.name}: {key}")
        for key, n in planted.items():
            if n > seen.get(key, 0):
                print(f"  FN edit {pair.name}: {key}")


def _pr(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(show_errors: bool = False) -> dict[str, float]:
    counts: Counter[str] = Counter()
    pairs = generate()
    for pair in pairs:
        score_pair(pair, counts, show_errors)
    pp, pr, pf = _pr(counts["p_tp"], counts["p_fp"], counts["p_fn"])
    ep, er, ef = _pr(counts["e_tp"], counts["e_fp"], counts["e_fn"])
    title = f"reuse ({len(pairs)} generated pairs)"
    print(f"{title:<28}{'precision':>10}{'recall':>10}{'F1':>8}{'truth':>8}")
    for name, (p, r, f), n in (
        ("passages (words)", (pp, pr, pf), counts["p_tp"] + counts["p_fn"]),
        ("edits", (ep, er, ef), counts["e_tp"] + counts["e_fn"]),
    ):
        print(f"  {name:<26}{p:>10.3f}{r:>10.3f}{f:>8.3f}{n:>8}")
    for op in ("replace", "delete", "insert"):
        n = counts[f"{op}_n"]
        print(f"    recall of {op:<17}{'':>10}{counts[f'{op}_tp'] / max(n, 1):>10.3f}{'':>8}{n:>8}")
    return {
        "reuse.passages.precision": pp,
        "reuse.passages.recall": pr,
        "reuse.edits.precision": ep,
        "reuse.edits.recall": er,
    }
