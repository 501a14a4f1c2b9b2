"""Evaluate numeric claims and quotes on the hand-annotated set in eval/data/voices.

Each article ``NN_topic.txt`` has ``NN_topic.json`` with every numeric expression
(text, kind, value, qualifier, what, attribution) and every quote (text, direct,
speaker).  A prediction matches a gold item when their spans overlap (quotes: by at
least half of the shorter one), one to one.  Printed: precision/recall/F1 for
finding claims, all figures and quotes (direct and reported); accuracy of kind,
value, qualifier, what, attribution and speaker over the matched pairs.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from parallax.build import plain_article
from parallax.runtime import RunCache
from parallax.tokens import STOPWORDS, tokenize
from parallax.voices.compare import source_key
from parallax.voices.numbers import CLAIM_KINDS, extract_numbers
from parallax.voices.quotes import extract_quotes

DATA = Path(__file__).parent / "data" / "voices"


def locate(text: str, items: list[dict[str, Any]]) -> list[tuple[int, int, dict[str, Any]]]:
    """Gold items with their spans, searched in order of appearance."""
    out = []
    pos = 0
    for item in items:
        at = text.find(item["text"], pos)
        if at < 0:
            at = text.find(item["text"])
        if at < 0:
            continue
        out.append((at, at + len(item["text"]), item))
        pos = at + 1
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _same_type(g: Any, p: Any) -> bool:
    gi, pi = g[2], p[2]
    if isinstance(gi, dict) and "direct" in gi and hasattr(pi, "direct"):
        return bool(gi["direct"] == pi.direct)
    return True


def match(gold: list[Any], pred: list[Any], need: float) -> list[tuple[Any, Any]]:
    """One-to-one matches of (start, end, ...) items by overlap share of the shorter span;
    a prediction of the same type (direct / reported) is preferred."""
    pairs = []
    used: set[int] = set()
    for g in gold:
        best, best_k = 0.0, -1
        for k, p in enumerate(pred):
            if k in used:
                continue
            ov = _overlap((g[0], g[1]), (p[0], p[1]))
            share = ov / max(1, min(g[1] - g[0], p[1] - p[0]))
            score = share + (1.0 if _same_type(g, p) else 0.0)
            if ov and share >= need and score > best:
                best, best_k = score, k
        if best_k >= 0:
            used.add(best_k)
            pairs.append((g, pred[best_k]))
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _content(text: str | None) -> set[str]:
    return {w for w in tokenize(text or "").words if w not in STOPWORDS}


def _same_speaker(gold: str | None, pred: str | None) -> bool:
    if not gold or not pred:
        return gold == pred
    g, p = _content(gold), _content(pred)
    if not g or not p:
        return gold.lower() == pred.lower()
    last = tokenize(gold).words[-1]
    return last in p or g <= p or p <= g


def _same_source(gold: str | None, pred: str | None) -> bool:
    if not gold or not pred:
        return not gold and not pred
    g, p = source_key(gold), source_key(pred)
    return bool(g & p) and len(g & p) >= 0.5 * min(len(g), len(p))


def evaluate(show_errors: bool = False) -> dict[str, float]:
    c: Counter[str] = Counter()
    paths = sorted(DATA.glob("*.txt"))
    articles = [plain_article(p.read_text("utf-8"), p.stem) for p in paths]
    docs = RunCache().parse(articles)
    for path, art in zip(paths, articles, strict=True):
        gold = json.loads(path.with_suffix(".json").read_text("utf-8"))
        quotes = extract_quotes(art, docs[art.id])
        found = extract_numbers(art, docs[art.id], quotes)
        g_nums = locate(art.text, gold["numbers"])
        p_nums = [(f.start, f.end, f) for f in found]
        pairs = match(g_nums, p_nums, need=0.01)
        c["fig_gold"] += len(g_nums)
        c["fig_pred"] += len(p_nums)
        c["fig_tp"] += len(pairs)
        g_claims = [g for g in g_nums if g[2]["kind"] in CLAIM_KINDS]
        p_claims = [p for p in p_nums if p[2].kind in CLAIM_KINDS]
        claim_pairs = match(g_claims, p_claims, need=0.01)
        c["claim_gold"] += len(g_claims)
        c["claim_pred"] += len(p_claims)
        c["claim_tp"] += len(claim_pairs)
        for g, p in pairs:
            c["kind_n"] += 1
            c["kind_ok"] += g[2]["kind"] == p[2].kind
            if show_errors and g[2]["kind"] != p[2].kind:
                print(f"  KIND {path.stem}: {g[2]['text']!r} gold {g[2]['kind']} got {p[2].kind}")
        for g, p in claim_pairs:
            gi, pi = g[2], p[2]
            c["claim_n"] += 1
            gv, pv = gi.get("value"), pi.value
            c["value_ok"] += (
                gv is not None and pv is not None and abs(gv - pv) <= 0.01 * max(abs(gv), 1)
            )
            c["qual_ok"] += (gi.get("qualifier") or None) == (pi.qualifier or None)
            what_ok = bool(_content(gi.get("what")) & _content(pi.what))
            c["what_ok"] += what_ok
            if show_errors and not what_ok:
                print(f"  WHAT {path.stem}: {gi['text']!r} gold {gi.get('what')!r} got {pi.what!r}")
            ok = _same_source(gi.get("attribution"), pi.attribution)
            c["attr_ok"] += ok
            if show_errors and not ok:
                print(
                    f"  ATTR {path.stem}: {gi['text']!r} gold {gi.get('attribution')!r} got {pi.attribution!r}"
                )
        g_quotes = locate(art.text, gold["quotes"])
        p_quotes = [(q.start, q.end, q) for q in quotes]
        q_pairs = match(g_quotes, p_quotes, need=0.5)
        for kind, want in (("direct", True), ("reported", False)):
            c[f"q_{kind}_gold"] += sum(1 for g in g_quotes if g[2]["direct"] is want)
            c[f"q_{kind}_pred"] += sum(1 for p in p_quotes if p[2].direct is want)
            c[f"q_{kind}_tp"] += sum(
                1 for g, p in q_pairs if g[2]["direct"] is want and p[2].direct is want
            )
        c["q_gold"] += len(g_quotes)
        c["q_pred"] += len(p_quotes)
        c["q_tp"] += len(q_pairs)
        for g, p in q_pairs:
            ok = _same_speaker(g[2]["speaker"], p[2].speaker)
            c["spk_ok"] += ok
            if show_errors and not ok:
                print(
                    f"  SPEAKER {path.stem}: {g[2]['text'][:40]!r} gold {g[2]['speaker']!r} got {p[2].speaker!r}"
                )
        if show_errors:
            matched = {id(p) for _, p in q_pairs}
            for p in p_quotes:
                if id(p) not in matched:
                    print(f"  FP QUOTE {path.stem}: {p[2].text[:60]!r} ({p[2].speaker})")
            gm = {id(g) for g, _ in q_pairs}
            for g in g_quotes:
                if id(g) not in gm:
                    print(f"  FN QUOTE {path.stem}: {g[2]['text'][:60]!r} ({g[2]['speaker']})")
    scores: dict[str, float] = {}
    print(
        f"{'numbers and quotes (' + str(len(paths)) + ' articles)':<36}{'precision':>10}{'recall':>10}{'F1':>8}{'gold':>7}"
    )
    for label, key in (
        ("numeric claims", "claim"),
        ("all figures", "fig"),
        ("quotes", "q"),
        ("  direct quotes", "q_direct"),
        ("  reported speech", "q_reported"),
    ):
        p, r, f = _prf(c[f"{key}_tp"], c[f"{key}_pred"], c[f"{key}_gold"])
        print(f"  {label:<34}{p:>10.3f}{r:>10.3f}{f:>8.3f}{c[f'{key}_gold']:>7}")
        name = (
            key.replace("q_", "quotes.")
            .replace("claim", "numbers.claims")
            .replace("fig", "numbers.figures")
        )
        name = "quotes" if name == "q" else name
        scores[f"{name}.precision"], scores[f"{name}.recall"] = p, r
    print(f"{'accuracy over matched items':<36}{'accuracy':>10}{'':>18}{'n':>7}")
    for label, hit, n in (
        ("kind of figure", "kind_ok", "kind_n"),
        ("value", "value_ok", "claim_n"),
        ("qualifier", "qual_ok", "claim_n"),
        ("what is counted", "what_ok", "claim_n"),
        ("attribution", "attr_ok", "claim_n"),
        ("speaker", "spk_ok", "q_tp"),
    ):
        acc = c[hit] / max(c[n], 1)
        print(f"  {label:<34}{acc:>10.3f}{'':>18}{c[n]:>7}")
        scores[f"accuracy.{hit[:-3]}"] = acc
    return scores
