"""Evaluate loaded-term detection and actor-label extraction on eval/data/framing.

Each article ``NN_topic.txt`` has ``NN_topic.json`` with every loaded span (text,
category) and every label attached to a named actor (actor, text, kind).  A predicted
loaded term matches a gold span it overlaps; a predicted label matches a gold label
whose span it overlaps and whose actor it names (same last word, or shared words).
Printed: precision/recall/F1 for both, and category / kind accuracy on matches.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from parallax.build import plain_article
from parallax.framing.actors import find_actors
from parallax.framing.loaded import find_loaded
from parallax.runtime import RunCache
from parallax.tokens import STOPWORDS, tokenize
from parallax.voices.quotes import quote_regions
from voices_eval import _prf, locate, match

DATA = Path(__file__).parent / "data" / "framing"


def _same_actor(gold: str, pred: str) -> bool:
    g = [w for w in tokenize(gold).words if w not in STOPWORDS]
    p = [w for w in tokenize(pred).words if w not in STOPWORDS]
    if not g or not p:
        return False
    initials = "".join(w[0] for w in g)
    return g[-1] == p[-1] or bool(set(g) & set(p)) or p == [initials] or "".join(p) == initials


def evaluate(show_errors: bool = False) -> dict[str, float]:
    c: Counter[str] = Counter()
    paths = sorted(DATA.glob("*.txt"))
    articles = [plain_article(p.read_text("utf-8"), p.stem) for p in paths]
    docs = RunCache().parse(articles)
    for path, art in zip(paths, articles, strict=True):
        gold = json.loads(path.with_suffix(".json").read_text("utf-8"))
        doc = docs[art.id]
        quoted = [
            (p0 + a, p0 + b) for p0, p1 in art.paragraphs for a, b in quote_regions(art.text[p0:p1])
        ]
        found = find_loaded(art, doc, quoted)
        g_loaded = locate(art.text, gold["loaded"])
        p_loaded = [(t.start, t.end, t) for t in found]
        pairs = match(g_loaded, p_loaded, need=0.01)
        c["l_gold"] += len(g_loaded)
        c["l_pred"] += len(p_loaded)
        c["l_tp"] += len(pairs)
        c["cat_ok"] += sum(1 for g, p in pairs if g[2]["category"] == p[2].category)
        if show_errors:
            hit_g = {id(g) for g, _ in pairs}
            hit_p = {id(p) for _, p in pairs}
            for g in g_loaded:
                if id(g) not in hit_g:
                    print(f"  FN LOADED {path.stem}: {g[2]['text']!r} ({g[2]['category']})")
            for p in p_loaded:
                if id(p) not in hit_p:
                    print(f"  FP LOADED {path.stem}: {p[2].text!r} ({p[2].category})")
        actors = find_actors([art], {art.id: doc})
        p_labels = [
            (lab.start, lab.end, (actor.name, lab)) for actor in actors for lab in actor.labels
        ]
        g_labels = locate(art.text, gold["labels"])
        used: set[int] = set()
        tp = kind_ok = 0
        for g in g_labels:
            for k, cand in enumerate(p_labels):
                overlap = min(g[1], cand[1]) - max(g[0], cand[0])
                if k in used or overlap <= 0 or not _same_actor(g[2]["actor"], cand[2][0]):
                    continue
                used.add(k)
                tp += 1
                kind_ok += g[2]["kind"] == cand[2][1].kind
                break
            else:
                if show_errors:
                    print(
                        f"  FN LABEL {path.stem}: {g[2]['actor']}: {g[2]['text']!r} ({g[2]['kind']})"
                    )
        if show_errors:
            for k, cand in enumerate(p_labels):
                if k not in used:
                    name, lab = cand[2]
                    print(f"  FP LABEL {path.stem}: {name}: {lab.text!r} ({lab.kind})")
        c["b_gold"] += len(g_labels)
        c["b_pred"] += len(p_labels)
        c["b_tp"] += tp
        c["kind_ok"] += kind_ok
    lp, lr, lf = _prf(c["l_tp"], c["l_pred"], c["l_gold"])
    bp, br, bf = _prf(c["b_tp"], c["b_pred"], c["b_gold"])
    title = f"word choice ({len(paths)} articles)"
    print(f"{title:<36}{'precision':>10}{'recall':>10}{'F1':>8}{'gold':>7}")
    print(f"  {'loaded terms':<34}{lp:>10.3f}{lr:>10.3f}{lf:>8.3f}{c['l_gold']:>7}")
    print(f"  {'actor labels':<34}{bp:>10.3f}{br:>10.3f}{bf:>8.3f}{c['b_gold']:>7}")
    cat = c["cat_ok"] / max(c["l_tp"], 1)
    kind = c["kind_ok"] / max(c["b_tp"], 1)
    print(f"  {'category of matched loaded terms':<34}{cat:>10.3f} accuracy")
    print(f"  {'kind of matched labels':<34}{kind:>10.3f} accuracy")
    return {
        "loaded.precision": lp,
        "loaded.recall": lr,
        "labels.precision": bp,
        "labels.recall": br,
        "accuracy.loaded_category": cat,
    }
