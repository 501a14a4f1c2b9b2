"""Who "he" / "she" is when a pronoun is the speaker, scored on real news (PolNeAR).

    python eval/pronoun_real.py             # dev and held-out figures
    python eval/pronoun_real.py --errors    # ... and the dev misses, with the names
    python eval/pronoun_real.py --dev       # dev only (the half to study)
    python eval/pronoun_real.py --brief     # ... and what the brief names them (slower)

``eval/data/voices/pronoun_speakers.json`` holds a hand-labelled sample of PolNeAR
attributions whose annotated source is a bare "he" or "she": for each, the article's file,
the offsets of the pronoun and of the content, and the offsets of the fullest mention of
the person the pronoun refers to (read off the article by a person).  Only offsets are
stored: the text is read from ``../shared/realdata/polnear-train/`` at run time, and the
evaluation is skipped with a message when the folder is absent.  Items whose pronoun names
no one ("a representative for Mr. Pinchuk ... He added") or cannot be told are marked
and left out of the score.  The halves are those of ``attrib_real.py`` (sha1 of the name).

Parallax runs as ``attrib_real.py`` runs it (the voices stage's quotes of each article);
the quote covering most of the content stands for the attribution when it covers at least
half of it.  Figures:

- **coverage**: share of labelled pronoun attributions that a quote covers;
- **accuracy**: among those, the share whose quote's speaker shares a name word with the
  antecedent (``attrib_real._speaker_ok``: "Mr. Rubio" is "Marco Rubio").

With ``--brief`` (not in ``eval/run.py``: it runs the voices and word-choice stages), the
sentence holding each pronoun goes through the brief's ``neutral.resolve``, which writes
"[Name] said ..." only when the voices stage's speaker and the person named last agree:
how many it names, and how many of those rightly.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from attrib_real import _covered, _speaker_ok, available
from parallax.build import plain_article
from parallax.runtime import RunCache
from parallax.voices.quotes import extract_quotes
from realdata import root

DATA = Path(__file__).parent / "data" / "voices" / "pronoun_speakers.json"


def labels(half: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(DATA.read_text("utf-8"))["items"]
    return [it for it in items if it["split"] == half]


def score(half: str, show_errors: bool = False) -> Counter[str]:
    items = labels(half)
    base = root() / "polnear-train" / "text"
    stems = sorted({it["file"] for it in items})
    articles = {s: plain_article((base / f"{s}.txt").read_text("utf-8"), s) for s in stems}
    docs = RunCache().parse(list(articles.values()))
    quotes = {s: extract_quotes(art, docs[art.id]) for s, art in articles.items()}
    c: Counter[str] = Counter()
    for it in items:
        if it["antecedent"] is None:
            c[it.get("note", "unnamed")] += 1
            continue
        art = articles[it["file"]]
        content = tuple((a, b) for a, b in it["content"])
        a, b = it["antecedent"]
        who = art.text[a:b]
        c["labelled"] += 1
        found = quotes[it["file"]]
        size = sum(e - s for s, e in content)
        if not found or _covered(content, found) * 2 < size:
            continue
        best = max(found, key=lambda q: _covered(content, [q]))
        if _covered(content, [best]) * 2 < size:
            continue
        c["covered"] += 1
        ok = _speaker_ok(who, best.speaker)
        c["right"] += ok
        if show_errors and not ok:
            at = it["source"][0]
            print(f"  WRONG {it['file'][:44]} @{at}: {who!r} got {best.speaker!r}")
    return c


def brief_names(half: str, show_errors: bool = False) -> Counter[str]:
    """How many labelled pronouns the brief names, and how many rightly."""
    from parallax.api import analyse
    from parallax.brief.neutral import Speakers, resolve
    from parallax.pipeline import get_stage

    items = [it for it in labels(half) if it["antecedent"] is not None]
    base = root() / "polnear-train" / "text"
    stems = sorted({it["file"] for it in items})
    stages = [get_stage(s) for s in ("voices", "framing")]
    c: Counter[str] = Counter()
    for k in range(0, len(stems), 8):  # a few articles at a time: each is its own story
        batch = {
            s: plain_article((base / f"{s}.txt").read_text("utf-8"), s) for s in stems[k : k + 8]
        }
        analysis = analyse(list(batch.values()), stages=stages)
        speakers = Speakers.of(analysis)
        for it in (it for it in items if it["file"] in batch):
            art = analysis.article(batch[it["file"]].id)
            at = it["source"][0]
            around = [(s, e) for s, e in art.sentences if s <= at < e]
            c["labelled"] += 1
            if not around:
                continue
            changes = resolve(art.text, *around[0], art.id, speakers)
            named = [ch.text.strip("[]") for ch in changes if ch.why.startswith("speaker")]
            if not named:
                continue
            a, b = it["antecedent"]
            ok = _speaker_ok(art.text[a:b], named[0])
            c["named"] += 1
            c["right"] += ok
            if show_errors and not ok:
                print(f"  BRIEF {it['file'][:44]} @{at}: {art.text[a:b]!r} named {named[0]!r}")
    return c


def evaluate(
    show_errors: bool = False, halves: tuple[str, ...] = ("dev", "test"), brief: bool = False
) -> dict[str, float]:
    if not available() or not DATA.exists():
        print("pronoun speakers on real text: skipped (no ../shared/realdata/polnear-train)")
        return {}
    print(f"{'pronoun speakers (PolNeAR)':<36}{'accuracy':>10}{'coverage':>10}{'labelled':>9}")
    scores: dict[str, float] = {}
    for half in halves:
        started = time.perf_counter()
        c = score(half, show_errors and half == "dev")
        acc = c["right"] / max(c["covered"], 1)
        cov = c["covered"] / max(c["labelled"], 1)
        left = c["unnamed"] + c["ambiguous"]
        label = f"  {half} ({left} left out, {time.perf_counter() - started:.0f} s)"
        print(f"{label:<36}{acc:>10.3f}{cov:>10.3f}{c['labelled']:>9}")
        scores[f"voices.pronoun.real.{half}.accuracy"] = acc
        scores[f"voices.pronoun.real.{half}.coverage"] = cov
        if brief:
            b = brief_names(half, show_errors and half == "dev")
            print(
                f"    brief names {b['named']} of {b['labelled']}, {b['right']} rightly"
                f" (precision {b['right'] / max(b['named'], 1):.3f})"
            )
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the dev speakers got wrong")
    parser.add_argument("--dev", action="store_true", help="score the dev half only")
    parser.add_argument("--brief", action="store_true", help="also what the brief names them")
    args = parser.parse_args()
    halves = ("dev",) if args.dev else ("dev", "test")
    evaluate(show_errors=args.errors, halves=halves, brief=args.brief)


if __name__ == "__main__":
    main()
