"""Fit the same-fact weights on all labeled pairs and write parallax/data/fact_model.json.

    python eval/fit_facts.py

The evaluation (``eval/run.py``) scores the same procedure by leave-one-story-out
cross-validation; this script only refreshes the shipped weights.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import math

from facts_eval import FEATURES, best_cut, fit_logistic, load_rows

TARGET = Path(__file__).resolve().parent.parent / "src" / "parallax" / "data" / "fact_model.json"


def main() -> None:
    every = load_rows()
    rows = [r for r in every if r.candidate]
    coef, bias = fit_logistic(rows)
    cut = best_cut(every, coef, bias)
    names = {"number_conflict": "number_conflict"}
    data: dict[str, object] = {
        "_comment": "Weights of the same-fact classifier (logistic). Written by eval/fit_facts.py "
        "from eval/data/facts/pairs.jsonl; do not edit by hand.",
        "bias": round(bias, 4),
    }
    for name, value in zip(FEATURES, coef, strict=True):
        data[names.get(name, name)] = round(float(value), 4)
    data["threshold"] = round(1.0 / (1.0 + math.exp(-cut)), 4)
    TARGET.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    print(f"wrote {TARGET} from {len(rows)} candidate pairs: {data}")


if __name__ == "__main__":
    main()
