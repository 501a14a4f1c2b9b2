"""Outlet profiles and blindspots: are planted habits recovered, and nothing else?

The generated corpus of ``profiles_gen.py`` (32 stories × 4 invented outlets) is
ingested into a temporary store, grouped into stories and analysed by the real
pipeline; then, over the stories:

- **swap**: recall = share of the swapping outlet's stories in which its planted
  substitution is found; precision = the planted row's stories over the stories of
  every substitution row of every outlet (an unplanted row lowers it);
- **silent side**: recall = share of the one-sided outlet's stories listed in its gap
  for the side it never quotes; precision = that gap's stories over the stories of
  every voice gap of every outlet;
- **blindspots**: precision and recall of the stories listed as missed, against the
  stories of the kind the skipping outlet never covers.

No real data set labels outlet habits, so these figures are on generated text only.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import profiles_gen as gen
from parallax.profiles.source import story_rows
from parallax.service import Service
from parallax.store import open_store


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def evaluate(show_errors: bool = False) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        data = gen.write_jsonl(Path(tmp) / "corpus.jsonl", 32)
        store = open_store(str(Path(tmp) / "corpus.db"))
        service = Service(store=store)
        service.ingest([str(data)])
        found = service.outlet_profiles()
        spots = service.blindspots()
        rows = story_rows(store)
        store.close()
    court = {r.story for r in rows if "Court" in (r.title or "")}
    figures: dict[str, float] = {}

    swapper = found.profile(gen.SWAPPER)
    rows_all = [r for p in found.outlets for r in p.wire.substitutions]
    planted = (
        next(
            (r for r in swapper.wire.substitutions if (r.copy, r.own) == (gen.LABEL, gen.SWAPPED)),
            None,
        )
        if swapper
        else None
    )
    hit = len(planted.stories) if planted else 0
    figures["profiles.planted.swap.recall"] = _ratio(
        hit, len(swapper.volume.stories) if swapper else 0
    )
    figures["profiles.planted.swap.precision"] = _ratio(hit, sum(len(r.stories) for r in rows_all))

    radio = found.profile(gen.ONE_SIDED)
    gaps = [(p.outlet, g) for p in found.outlets for g in p.voices.gaps]
    silent = next(
        (g for o, g in gaps if o == gen.ONE_SIDED and g.name == "unions and campaigners"), None
    )
    hit = silent.count if silent else 0
    figures["profiles.planted.silent_side.recall"] = _ratio(
        hit, len(radio.volume.stories) if radio else 0
    )
    figures["profiles.planted.silent_side.precision"] = _ratio(hit, sum(g.count for _, g in gaps))

    missed = {(o.outlet, s.story) for o in spots.outlets for s in o.missed}
    truth = {(gen.SKIPPER, s) for s in court}
    figures["profiles.planted.blindspots.precision"] = _ratio(len(missed & truth), len(missed))
    figures["profiles.planted.blindspots.recall"] = _ratio(len(missed & truth), len(truth))

    print("Outlet profiles and blindspots (generated corpus, planted habits)")
    for name, value in figures.items():
        print(f"  {name:<45} {value:.3f}")
    return figures
