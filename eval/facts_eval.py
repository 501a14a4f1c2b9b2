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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from parallax.facts.align import LAYER as ALIGN_LAYER
from parallax.facts.align import WordVectors, alignment, word_vectors
from parallax.facts.claims import claim_of, claim_words
from parallax.facts.features import Idf, Unit, make_unit
from parallax.facts.match import FEATURES, hubs, signals, view_similarity
from parallax.facts.views import views_of
from parallax.options import FactsOptions
from parallax.runtime import RunCache, load_nlp

DATA = Path(__file__).parent / "data" / "facts" / "pairs.jsonl"
CONTRADICTIONS = Path(__file__).parent / "data" / "facts" / "contradictions.jsonl"


@dataclass(frozen=True)
class Row:
    story: str
    same: bool
    kind: str
    features: dict[str, float]  # embedding as the stage computes it (lexical above lex_sure)
    embedding_raw: float  # always the model's cosine
    candidate: bool

    @property
    def lexical(self) -> float:
        return self.features["lexical"]

    def vector(self) -> list[float]:
        return [self.features[name] for name in FEATURES]


def rows_for(
    pairs: list[tuple[str, bool, str, str, str]], context: dict[str, list[str]] | None = None
) -> list[Row]:
    """Feature rows for ``(story, same, kind, text a, text b)`` pairs, computed as the facts
    stage computes them.  The idf of a story comes from ``context[story]`` (all its
    sentences) when given, else from the pairs' own sentences."""
    texts = sorted({t for _, _, _, a, b in pairs for t in (a, b)})
    nlp = load_nlp()
    claims = {}
    views = {}
    for t, doc in zip(texts, nlp.pipe(texts, batch_size=256), strict=True):
        claims[t], views[t] = claim_of(doc), views_of(doc[:])
    cache = RunCache()
    vectors = cache.embed(sorted({*texts, *(v for vs in views.values() for v in vs)}))
    verbs = cache.embed(claim_words(claims.values()))
    by_story: dict[str, list[Unit]] = defaultdict(list)
    units: list[tuple[str, bool, str, Unit, Unit]] = []
    for k, (story, same, kind, ta, tb) in enumerate(pairs):
        a = make_unit("a", 2 * k, 0, len(ta), ta, claims[ta], views[ta])
        b = make_unit("b", 2 * k + 1, 0, len(tb), tb, claims[tb], views[tb])
        by_story[story] += [a, b]
        units.append((story, same, kind, a, b))
    if context:
        for story, sents in context.items():
            own = by_story[story]
            by_story[story] = [make_unit("c", i, 0, len(t), t) for i, t in enumerate(sents)] + own
    idfs = {story: Idf(us) for story, us in by_story.items()}
    hub = {
        story: hubs([u for u in us if u.article != "c"], vectors) for story, us in by_story.items()
    }
    words = word_table(cache, texts)
    return [
        row_of(a, b, idfs[story], vectors, verbs, hub[story], story, same, kind, words)
        for story, same, kind, a, b in units
    ]


def row_of(
    a: Unit,
    b: Unit,
    idf: Idf,
    vectors: Mapping[str, Any],
    verbs: Mapping[str, Any],
    hub: Mapping[tuple[str, int, str], float],
    story: str,
    same: bool,
    kind: str,
    words: Mapping[str, WordVectors] | None = None,
) -> Row:
    """The features of one labelled pair as the facts stage computes them (the views'
    cosine always, where the stage looks at it only for pairs it could move; the
    alignment from ``words``, each text's word vectors, when given)."""
    opts = FactsOptions()
    sig = signals(a, b, idf, verbs)
    raw = float(vectors[a.text] @ vectors[b.text])
    sure = sig.lexical >= opts.lex_sure
    emb = sig.lexical if sure else raw
    ha, hb = hub.get((a.article, a.index, b.article)), hub.get((b.article, b.index, a.article))
    return Row(
        story=story,
        same=same,
        kind=kind,
        features=sig.vector(
            emb,
            None if sure else view_similarity(a, b, vectors),
            None if ha is None or hb is None else ha + hb,
            None if sure or words is None else _aligned(a, b, words, idf),
        ),
        embedding_raw=raw,
        candidate=sig.lexical >= opts.lex_min or sig.numbers > 0,
    )


def _aligned(a: Unit, b: Unit, words: Mapping[str, WordVectors], idf: Idf) -> float | None:
    if a.text not in words or b.text not in words:
        return None
    return alignment(words[a.text], words[b.text], idf.weights)


def word_table(cache: RunCache, texts: Sequence[str]) -> dict[str, WordVectors]:
    """Each text's content-word vectors as the facts stage makes them."""
    return {t: word_vectors(t, s) for t, s in cache.token_states(texts, ALIGN_LAYER).items()}


def load_rows() -> list[Row]:
    pairs = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    return rows_for(
        [(p["story"], bool(p["same"]), p.get("type", ""), p["a"], p["b"]) for p in pairs]
    )


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


REGULARISATION = 10.0  # the inverse strength C of the logistic fit's L2 penalty


def fit_logistic(rows: list[Row], weights: list[float] | None = None) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    x = np.array([r.vector() for r in rows])
    y = np.array([r.same for r in rows])
    w = np.array(weights) if weights is not None else None
    clf = LogisticRegression(C=REGULARISATION, max_iter=2000).fit(x, y, sample_weight=w)
    return clf.coef_[0], float(clf.intercept_[0])


PRECISION_BETA = (
    0.7  # F0.7 on the training stories: favours precision (chosen by this cross-validation)
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
    return 0.5 * r.features["numbers"] + 0.5 * r.features["names"]


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


def evaluate_contradictions(show_errors: bool = False) -> dict[str, float]:
    """Contradictions found by the facts stage itself, each pair run as a story of two
    one-sentence articles: precision and recall of the kind (``polarity``, ``figure``)
    against ``contradictions.jsonl`` (fictional, written for this set; ``none`` pairs
    are the same claim in other words, or the same actors doing something else)."""
    from parallax import analyse
    from parallax.build import plain_article
    from parallax.pipeline import get_stage

    pairs = [json.loads(x) for x in CONTRADICTIONS.read_text("utf-8").splitlines() if x.strip()]
    stage = get_stage("facts")
    tp = fp = fn = 0
    wrong: list[str] = []
    for pair in pairs:
        arts = [plain_article(pair["a"], "a"), plain_article(pair["b"], "b")]
        found = analyse(arts, stages=[stage]).sections.get("contradictions") or ()
        kinds = {c.kind for c in found}
        gold = pair["kind"]
        if gold != "none" and gold in kinds:
            tp += 1
        elif gold != "none" or kinds:
            fn += gold != "none"
            fp += bool(kinds)
            wrong.append(f"  {pair['id']} gold={gold} found={sorted(kinds)}")
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    print(
        f"  {'contradictions (' + str(len(pairs)) + ' fictional pairs)':<50}"
        f"{p:>10.3f}{r:>8.3f}{(2 * p * r / (p + r) if p + r else 0.0):>7.3f}"
    )
    if show_errors:
        print("\n".join(wrong))
    return {"facts.contradictions.precision": p, "facts.contradictions.recall": r}


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
    scores.update(evaluate_contradictions(show_errors))
    return scores
