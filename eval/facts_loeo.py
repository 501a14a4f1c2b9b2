"""Same-fact matching on the real dev events, each event scored by a model fitted
without it (leave one event out).

    python eval/facts_loeo.py                  # the shipped procedure, event by event
    python eval/facts_loeo.py --drop csls      # ... without some features
    python eval/facts_loeo.py --shipped        # the shipped model on every event (in sample)

For each dev event of ``eval/data/facts/real_pairs.jsonl`` the weights are fitted on the
other dev events' pairs (``fit_facts.fit``) and the cut is chosen as ``fit_facts``
chooses it, on those other events alone (their own leave-one-event-out precision
``fit_facts.TARGET_PRECISION``); then the whole facts stage (and the brief) runs on the
left-out event with that model, and its pairs, "reported by all" facts and brief
citations are scored as ``facts_real`` scores them.  The held-out events are never
read.  This is the figure to choose features and rules on: the dev figures of
``facts_real`` are in sample.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import facts_eval
import fit_facts
from facts_eval import Row, best_cut
from facts_real import SplitResult, Tally, evaluate_event, load_event, load_labels, stage_rows
from parallax.facts import cluster, match
from realdata import root

TARGET = fit_facts.TARGET_PRECISION


def fold_model(
    train: Sequence[Row], features: Sequence[str], shift: float = 0.0
) -> dict[str, float]:
    """Weights and threshold fitted on ``train`` by fit_facts' procedure (the cut moved
    by ``shift`` in logits, to read the trade of precision for recall)."""
    coef, bias = fit_facts.fit([], list(train))
    cut = fit_facts.cv_cut([], list(train))
    if cut is None:
        cut = best_cut(list(train), coef, bias)
    weights = {name: float(v) for name, v in zip(features, coef, strict=True)}
    weights["bias"] = bias
    weights["threshold"] = 1.0 / (1.0 + math.exp(-(cut + shift)))
    return weights


def _use(weights: dict[str, float]) -> None:
    match.model = lambda: weights  # type: ignore[assignment]
    cluster.model = lambda: weights  # type: ignore[assignment,attr-defined]


def run(
    drop: Sequence[str] = (), shipped: bool = False, verbose: bool = True, shift: float = 0.0
) -> SplitResult:
    features = tuple(f for f in match.FEATURES if f not in drop)
    facts_eval.FEATURES = features  # type: ignore[attr-defined,assignment]  # Row.vector reads it
    labels = [lab for lab in load_labels() if lab.split == "dev"]
    by_event = defaultdict(list)
    for lab in labels:
        by_event[lab.event].append(lab)
    rows = stage_rows("dev")
    original = match.model()
    result = SplitResult(Tally())
    base = root()
    try:
        for event in sorted(by_event):
            ev = load_event(event, base)
            if ev is None:
                continue
            if not shipped:
                _use(fold_model([r for r in rows if r.story != event], features, shift))
            before = Tally(**vars(result.pairs))
            cons = (result.consensus_ok, result.consensus_all)
            evaluate_event(by_event[event], ev, result, [], [])
            if verbose:
                t = result.pairs
                print(
                    f"  {event[:8]}  grouped {t.tp - before.tp}/{t.tp + t.fp - before.tp - before.fp}"
                    f" right, found {t.tp - before.tp}/{t.tp + t.fn - before.tp - before.fn};"
                    f" by all {result.consensus_ok - cons[0]}/{result.consensus_all - cons[1]}",
                    flush=True,
                )
    finally:
        _use(original)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drop", nargs="*", default=[], help="features left out of the fit")
    parser.add_argument("--shipped", action="store_true", help="the shipped model (in sample)")
    parser.add_argument("--shift", type=float, default=0.0, help="move each fold's cut (logits)")
    parser.add_argument(
        "--target", type=float, default=fit_facts.TARGET_PRECISION, help="the cut's precision"
    )
    args = parser.parse_args()
    if not (root() / "basil-dev" / "articles").is_dir():
        print("facts, leave one event out: skipped (../shared/realdata/basil-dev is absent)")
        return
    fit_facts.TARGET_PRECISION = args.target
    res = run(args.drop, args.shipped, shift=args.shift)
    p, r, f = res.pairs.prf()
    cons = res.consensus_ok / res.consensus_all if res.consensus_all else 1.0
    cite = res.cite_ok / res.cite_all if res.cite_all else 1.0
    what = "shipped model (in sample)" if args.shipped else "leave one event out"
    if args.shift:
        what += f", cut moved {args.shift:+g}"
    if args.target != TARGET and not args.shipped:
        what += f", cut at pair precision {args.target:g}"
    print(
        f"dev, {what}: pairs P/R/F1 {p:.3f} / {r:.3f} / {f:.3f} "
        f"({res.pairs.tp} of {res.pairs.tp + res.pairs.fp} grouped right, "
        f"{res.pairs.tp} of {res.pairs.tp + res.pairs.fn} same found); "
        f"reported by all {res.consensus_ok}/{res.consensus_all} = {cons:.3f}; "
        f"brief citations {res.cite_ok}/{res.cite_all} = {cite:.3f}"
    )


if __name__ == "__main__":
    main()
