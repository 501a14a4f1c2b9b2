"""Evaluate same-fact matching on the hand-labeled sentence pairs in eval/data/facts.

Each method is scored by leave-one-story-out cross-validation: its threshold (or, for
the combination, its logistic weights) is fitted on the other stories and applied to
the held-out one, so no pair is judged by a model that saw it.  The combination is
scored exactly as the facts stage runs it (candidate filter, embeddings only for
pairs the wording cannot settle).  ``eval/fit_facts.py`` fits the shipped weights on
all pairs.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from parallax.facts.features import Idf, Unit, make_unit, name_overlap, number_signals
from parallax.options import FactsOptions
from parallax.runtime import RunCache

DATA = Path(__file__).parent / "data" / "facts" / "pairs.jsonl"
FEATURES = ("lexical", "embedding", "embedding_squared", "numbers", "number_conflict", "names")


@dataclass(frozen=True)
class Row:
    story: str
    same: bool
    kind: str
    lexical: float
    embedding: float  # as the stage computes it (lexical stands in above lex_sure)
    embedding_raw: float  # always the model's cosine
    numbers: float
    conflict: bool
    names: float
    candidate: bool

    def vector(self) -> list[float]:
        return [
            self.lexical,
            self.embedding,
            self.embedding**2,
            self.numbers,
            float(self.conflict),
            self.names,
        ]


def load_rows() -> list[Row]:
    pairs = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    by_story: dict[str, list[Unit]] = defaultdict(list)
    units: list[tuple[dict[str, Any], Unit, Unit]] = []
    for k, pair in enumerate(pairs):
        a = make_unit("a", 2 * k, 0, len(pair["a"]), pair["a"])
        b = make_unit("b", 2 * k + 1, 0, len(pair["b"]), pair["b"])
        by_story[pair["story"]] += [a, b]
        units.append((pair, a, b))
    idfs = {story: Idf(us) for story, us in by_story.items()}
    vectors = RunCache().embed(sorted({u.text for _, a, b in units for u in (a, b)}))
    rows = []
    for pair, a, b in units:
        lex = idfs[pair["story"]].cosine(a, b)
        share, conflict = number_signals(a, b)
        raw = float(vectors[a.text] @ vectors[b.text])
        rows.append(
            Row(
                story=pair["story"],
                same=bool(pair["same"]),
                kind=pair.get("type", ""),
                lexical=lex,
                embedding=lex if lex >= FactsOptions().lex_sure else raw,
                embedding_raw=raw,
                numbers=share,
                conflict=conflict,
                names=name_overlap(a, b),
                candidate=lex >= FactsOptions().lex_min or share > 0,
            )
        )
    return rows


def _prf(pred: list[bool], gold: list[bool]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    p = tp / max(sum(pred), 1)
    r = tp / max(sum(gold), 1)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _best_threshold(values: list[float], gold: list[bool], beta: float = 1.0) -> float:
    """The cut with the best F-beta on ``values`` (beta < 1 favours precision)."""
    best, best_f = 0.5, -1.0
    for t in sorted(set(values)):
        p, r, _ = _prf([v >= t for v in values], gold)
        f = (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0
        if f > best_f:
            best, best_f = t, f
    return best


def fit_logistic(rows: list[Row]) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    x = np.array([r.vector() for r in rows])
    y = np.array([r.same for r in rows])
    clf = LogisticRegression(C=10.0, max_iter=1000).fit(x, y)
    return clf.coef_[0], float(clf.intercept_[0])


PRECISION_BETA = (
    0.5  # a story has far more unrelated pairs than this balanced set: favour precision
)


def best_cut(rows: list[Row], coef: np.ndarray, bias: float) -> float:
    """The logit cut with the best F0.5 on ``rows`` (the training stories)."""
    logits = [bias + float(np.dot(coef, r.vector())) if r.candidate else -99.0 for r in rows]
    return _best_threshold(logits, [r.same for r in rows], beta=PRECISION_BETA)


def _lexical(r: Row) -> float:
    return r.lexical


def _embedding(r: Row) -> float:
    return r.embedding_raw


def _numbers_names(r: Row) -> float:
    return 0.5 * r.numbers + 0.5 * r.names


_SIGNALS: dict[str, Callable[[Row], float]] = {
    "lexical": _lexical,
    "embedding": _embedding,
    "numbers and names": _numbers_names,
}


def _cv(rows: list[Row], method: str) -> list[bool]:
    stories = sorted({r.story for r in rows})
    pred = [False] * len(rows)
    for story in stories:
        train = [r for r in rows if r.story != story]
        test = [i for i, r in enumerate(rows) if r.story == story]
        if method == "combination":
            coef, bias = fit_logistic([r for r in train if r.candidate])
            cut = best_cut(train, coef, bias)
            for i in test:
                r = rows[i]
                z = bias + float(np.dot(coef, r.vector()))
                pred[i] = r.candidate and z >= cut
            continue
        value = _SIGNALS[method]
        t = _best_threshold([value(r) for r in train], [r.same for r in train])
        for i in test:
            pred[i] = value(rows[i]) >= t
    return pred


def evaluate(show_errors: bool = False) -> dict[str, float]:
    rows = load_rows()
    gold = [r.same for r in rows]
    print(
        f"{'same fact? (' + str(len(rows)) + ' labeled pairs, leave-one-story-out)':<52}{'precision':>10}{'recall':>8}{'F1':>7}"
    )
    scores: dict[str, float] = {}
    for method in ("lexical", "embedding", "numbers and names", "combination"):
        pred = _cv(rows, method)
        p, r, f = _prf(pred, gold)
        label = method + (" (shipped)" if method == "combination" else "")
        print(f"  {label:<50}{p:>10.3f}{r:>8.3f}{f:>7.3f}")
        if method == "combination":
            scores = {"facts.precision": p, "facts.recall": r, "facts.f1": f}
            kinds: dict[str, list[bool]] = defaultdict(list)
            for row, guess in zip(rows, pred, strict=True):
                kinds[row.kind].append(guess == row.same)
            print(
                "    accuracy by pair type: "
                + ", ".join(f"{k} {sum(v) / len(v):.2f}" for k, v in sorted(kinds.items()))
            )
            if show_errors:
                pairs = [json.loads(x) for x in DATA.read_text("utf-8").splitlines() if x.strip()]
                for pair, row, guess in zip(pairs, rows, pred, strict=True):
                    if guess != row.same:
                        print(
                            f"  {'FP' if guess else 'FN'} {pair['id']} {row.kind} lex={row.lexical:.2f} emb={row.embedding_raw:.2f}: {pair['a'][:60]} | {pair['b'][:60]}"
                        )
    return scores
