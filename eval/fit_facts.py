"""Fit the same-fact weights and write parallax/data/fact_model.json.

    python eval/fit_facts.py          # writes eval/data/facts/fact_model_claims.json
    python eval/fit_facts.py --ship   # ... and src/parallax/data/fact_model.json

The shipped model goes with ``facts.claims = true`` (the default: the claim features it
weighs are only computed then).

When ``../shared/realdata`` is present the model is fitted on the **dev** split of the
real BASIL pairs (``eval/data/facts/real_pairs.jsonl``), each pair's features computed
on the statements the facts stage itself makes of the event (``facts_real.stage_rows``:
the built articles, their parse, the event's idf and hubs); the held-out real events
are never used.  The fictional pairs (``eval/data/facts/pairs.jsonl``) weigh
``FICTIONAL_WEIGHT`` each beside them: on the dev events (leave one event out), adding
them at full weight cut the stage's pair recall from 0.50 to 0.42 at about the same
precision, since clean invented sentences say little about independently written copy.
Without the real data the fictional pairs alone are used.  The evaluation
(``eval/run.py``) scores the procedure by leave-one-story-out cross-validation on the
fictional pairs, and the shipped model on the real events.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import numpy as np

from facts_eval import Row, best_cut, fit_logistic, load_rows
from facts_real import stage_rows
from parallax import runtime
from parallax.facts.match import FEATURES

SHIPPED = Path(__file__).resolve().parent.parent / "src" / "parallax" / "data" / "fact_model.json"
CANDIDATE = Path(__file__).resolve().parent / "data" / "facts" / "fact_model_claims.json"


TARGET_PRECISION = 0.88  # the issue asks for 0.85 on real events; a margin for new ones
# (leaving each dev event out, eval/facts_loeo.py, the stage reads 0.884 / 0.510 at
# 0.88; with the word alignment in place of shingles 0.895 / 0.526 at 0.87, 0.874 /
# 0.536 at 0.86: not shipped, see parallax.facts.match.FEATURES)
FICTIONAL_WEIGHT = 0.0  # weight of a fictional pair beside the real dev pairs (see above)


def fit(fictional: list[Row], real: list[Row]) -> tuple[np.ndarray, float]:
    """Logistic weights from the real rows and the fictional ones at ``FICTIONAL_WEIGHT``
    (the fictional rows alone when there are no real ones)."""
    fic = [r for r in fictional if r.candidate]
    own = [r for r in real if r.candidate]
    if not own:
        return fit_logistic(fic)
    if FICTIONAL_WEIGHT <= 0:
        return fit_logistic(own)
    return fit_logistic(own + fic, [1.0] * len(own) + [FICTIONAL_WEIGHT] * len(fic))


def cv_cut(fictional: list[Row], real: list[Row]) -> float | None:
    """The lowest logit cut whose precision on the real dev events, each scored by a model
    fitted without it (leave one event out), reaches ``TARGET_PRECISION``."""
    scored: list[tuple[float, bool]] = []
    for event in sorted({r.story for r in real}):
        coef, bias = fit(fictional, [r for r in real if r.story != event])
        for r in real:
            if r.story == event:
                z = bias + float(np.dot(coef, r.vector())) if r.candidate else -99.0
                scored.append((z, r.same))
    for cut in sorted({z for z, _ in scored}):
        chosen = [same for z, same in scored if z >= cut]
        if chosen and sum(chosen) / len(chosen) >= TARGET_PRECISION:
            return cut
    return None


def main() -> None:
    fictional = load_rows()
    real = stage_rows("dev")
    every = fictional + real
    rows = [r for r in (real or fictional) if r.candidate]
    coef, bias = fit(fictional, real)
    cut = cv_cut(fictional, real) if real else None
    if cut is None:
        cut = best_cut(every, coef, bias)
    data: dict[str, object] = {
        "_comment": "Weights of the same-fact classifier (logistic). Written by eval/fit_facts.py "
        "from the dev split of eval/data/facts/real_pairs.jsonl (eval/data/facts/pairs.jsonl "
        f"at weight {FICTIONAL_WEIGHT}); do not edit by hand.",
        "_embedder": getattr(runtime, "embedder_name", lambda: "minilm")(),
        "_pairs": len(rows),
        "bias": round(bias, 4),
    }
    for name, value in zip(FEATURES, coef, strict=True):
        data[name] = round(float(value), 4)
    data["threshold"] = round(1.0 / (1.0 + math.exp(-cut)), 4)
    target = SHIPPED if "--ship" in sys.argv[1:] else CANDIDATE
    target.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    print(f"wrote {target} from {len(rows)} candidate pairs ({len(real)} real): {data}")


if __name__ == "__main__":
    main()
