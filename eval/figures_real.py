"""Figures on real text: hand labels for 123 figures in 16 BASIL events.

``eval/data/figures/basil_figures.json`` holds, per figure, the article id and the
character offsets of the figure in the article body (as :func:`body` builds it from
``../shared/realdata/basil-dev``), whether it states a quantity (``claim``: a count,
sum, share or measure, not a date, year, duration, age, label or "one of") and, for
claims, what it counts in the labeller's words.  No article text is stored.

Printed per split (``dev``: the 7 events read while the rules were written;
``test``: 9 events labelled afterwards and not used to change anything):

- ``claims precision`` / ``recall``: figures taken for claims that are claims, and
  claims found as claims;
- ``non-counts kept apart``: dates, "9/11", ages, "one of", labels not taken for claims;
- ``what``: for claims found, the share whose "what" shares a content word with the
  label.

Skipped with a message when the folder is absent.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from parallax.build import plain_article
from parallax.runtime import RunCache
from parallax.tokens import STOPWORDS, tokenize
from parallax.voices.numbers import CLAIM_KINDS, extract_numbers
from parallax.voices.quotes import extract_quotes
from realdata import root

LABELS = Path(__file__).parent / "data" / "figures" / "basil_figures.json"


def body(path: Path) -> str:
    """A BASIL article's body: sentences joined by spaces, paragraphs by newlines."""
    data = json.loads(path.read_text("utf-8"))
    pars = [" ".join(s.strip() for s in par) for par in data.get("body-paragraphs", [])]
    return "\n".join(p for p in pars if p.strip())


def _content(text: str | None) -> set[str]:
    return {w for w in tokenize(text or "").words if w not in STOPWORDS}


def evaluate(show_errors: bool = False) -> dict[str, float]:
    folder = root() / "basil-dev" / "articles"
    if not folder.is_dir():
        print("figures on real text: skipped (../shared/realdata is absent)")
        return {}
    labels = json.loads(LABELS.read_text("utf-8"))["figures"]
    paths = {f"basil:{p.stem}": p for p in folder.glob("*/*.json")}
    ids = sorted({lab["article"] for lab in labels})
    articles = [plain_article(body(paths[i]), i) for i in ids]
    docs = RunCache().parse(articles)
    found = {}
    for art in articles:
        doc = docs[art.id]
        found[art.id] = extract_numbers(art, doc, extract_quotes(art, doc))
    c: dict[str, Counter[str]] = {"dev": Counter(), "test": Counter()}
    for lab in labels:
        k = c[lab["split"]]
        hits = [
            f
            for f in found[lab["article"]]
            if f.start < lab["end"] and lab["start"] < f.end and f.kind != "ordinal"
        ]
        pred = hits[0] if hits else None
        is_claim = pred is not None and pred.kind in CLAIM_KINDS
        k["n"] += 1
        k["gold"] += lab["claim"]
        k["pred"] += is_claim
        k["tp"] += is_claim and lab["claim"]
        if not lab["claim"]:
            k["non"] += 1
            k["non_ok"] += not is_claim
        if lab["claim"] and is_claim and pred is not None:
            k["what_n"] += 1
            ok = bool(_content(lab["what"]) & _content(pred.what))
            k["what_ok"] += ok
            if show_errors and not ok:
                print(f"  WHAT {lab['article']}@{lab['start']}: got {pred.what!r}")
        if show_errors and is_claim != lab["claim"]:
            kind = pred.kind if pred else "not found"
            print(f"  CLAIM {lab['article']}@{lab['start']}: gold {lab['claim']} got {kind}")
    scores: dict[str, float] = {}
    print(
        f"{'figures on real text (BASIL, hand-labelled)':<44}{'claimP':>8}{'claimR':>8}"
        f"{'nonOK':>8}{'what':>8}{'n':>6}"
    )
    for split, k in c.items():
        p = k["tp"] / k["pred"] if k["pred"] else 1.0
        r = k["tp"] / k["gold"] if k["gold"] else 1.0
        non = k["non_ok"] / k["non"] if k["non"] else 1.0
        what = k["what_ok"] / k["what_n"] if k["what_n"] else 1.0
        print(f"  {split:<42}{p:>8.3f}{r:>8.3f}{non:>8.3f}{what:>8.3f}{k['n']:>6}")
        pre = f"figures.real.{split}"
        scores[f"{pre}.claims.precision"] = p
        scores[f"{pre}.claims.recall"] = r
        scores[f"{pre}.noncounts"] = non
        scores[f"{pre}.what"] = what
    print("  (nonOK: dates, years, ages, labels, 'one of' kept apart from claims)")
    return scores


if __name__ == "__main__":
    import sys

    evaluate(show_errors="--errors" in sys.argv)
