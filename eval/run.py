"""Print precision/recall for every analysis stage; with --check, enforce the floors.

python eval/run.py            # print the figures
python eval/run.py --check    # ... and fail if one is below eval/floors.json
python eval/run.py --errors   # ... and list every error, to study them
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import actors_real
import attrib_real
import brief_eval
import facts_eval
import facts_real
import figures_real
import framing_eval
import loaded_real
import omissions_real
import outlets_real
import profiles_eval
import pronoun_real
import reuse_eval
import reuse_real
import segmentation
import stories_eval
import voices_eval

FLOORS = Path(__file__).parent / "floors.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail below the pinned floors")
    parser.add_argument("--errors", action="store_true", help="list every error")
    args = parser.parse_args()
    figures: dict[str, float] = {}
    figures.update(segmentation.evaluate(show_errors=args.errors))
    print()
    figures.update(facts_eval.evaluate(show_errors=args.errors))
    print()
    figures.update(facts_real.evaluate(show_errors=args.errors))
    print()
    figures.update(omissions_real.evaluate())
    print()
    figures.update(brief_eval.evaluate(show_errors=args.errors))
    print()
    figures.update(reuse_eval.evaluate(show_errors=args.errors))
    print()
    figures.update(reuse_real.evaluate(show_errors=args.errors))
    print()
    figures.update(voices_eval.evaluate(show_errors=args.errors))
    print()
    figures.update(attrib_real.evaluate(show_errors=args.errors))
    print()
    figures.update(pronoun_real.evaluate(show_errors=args.errors))
    print()
    figures.update(actors_real.evaluate(show_errors=args.errors))
    print()
    figures.update(figures_real.evaluate(show_errors=args.errors))
    print()
    figures.update(outlets_real.evaluate(show_errors=args.errors))
    print()
    figures.update(framing_eval.evaluate(show_errors=args.errors))
    print()
    figures.update(loaded_real.evaluate(show_errors=args.errors))
    print()
    figures.update(stories_eval.evaluate(show_errors=args.errors))
    print()
    figures.update(profiles_eval.evaluate(show_errors=args.errors))
    if not args.check:
        return 0
    floors: dict[str, float] = json.loads(FLOORS.read_text("utf-8"))
    absent = [n for n in floors if ".real." in n and n not in figures]
    if absent:  # real-data figures need ../shared/realdata; every other floor always applies
        print(f"{len(absent)} real-data floors not checked: ../shared/realdata is absent")
    failed = [
        f"{name}: {figures.get(name, 0.0):.3f} < floor {floor:.3f}"
        for name, floor in floors.items()
        if not name.startswith("_") and name not in absent and figures.get(name, 0.0) < floor
    ]
    for line in failed:
        print(f"BELOW FLOOR {line}", file=sys.stderr)
    print("all figures at or above their floors" if not failed else f"{len(failed)} below floor")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
