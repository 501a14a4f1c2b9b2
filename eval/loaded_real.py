"""Loaded terms scored against what annotators marked in real news.

    python eval/loaded_real.py             # dev and held-out figures
    python eval/loaded_real.py --errors    # ... and the most frequent misses and false alarms (dev)

Two public data sets are read from ``../shared/realdata/`` at run time (see
``realdata.py``); their text is never written into the repository.  When a folder
is absent its figures are skipped with a message.

- **PTC** (``ptc-dev/``; Da San Martino et al. 2019): partisan articles with spans of
  ``Loaded_Language`` and ``Name_Calling,Labeling``.  Scored by **any overlap**: a
  predicted span is right when it overlaps a gold span, a gold span is found when a
  prediction overlaps it.
- **BASIL** (``basil-dev/``; Fan et al. 2019): 50 events, each told by Fox News, The
  New York Times and HuffPost, with spans of lexical bias (``bias == lex``).  Scored
  **token by token** (a word is gold when it lies in a gold span, predicted when it
  lies in a predicted span).  The three articles of an event are one story, so the
  contrast with the other outlets' wording is used.

Every flagged term counts (words inside quotes too: annotators mark them), except
the generic intensifiers ("very", "clearly"), which the report keeps apart.

**Splits.** Each article (PTC) or event (BASIL) falls in the **held-out** part when
the first hex digits of the sha1 of its id, modulo 5, are 0 or 1 (about 40%): never
studied and never fitted; the rest is **dev**, on which the classifier
(``eval/fit_loaded.py``) is fitted and its threshold chosen.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parallax.build import plain_article
from parallax.framing.loaded import Loaded, find_loaded
from parallax.framing.openvocab import Model
from parallax.model import Article, Offsets
from parallax.runtime import RunCache
from parallax.voices.quotes import quote_regions
from realdata import root

PTC_KINDS = ("Loaded_Language", "Name_Calling,Labeling")
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True)
class Doc:
    """One annotated article: its text as given, gold spans, and its story (event)."""

    id: str
    corpus: str
    story: str
    text: str
    gold: tuple[Offsets, ...]


def held_out(key: str) -> bool:
    """The deterministic held-out part: about 40% of articles (PTC) or events (BASIL)."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 5 < 2


def ptc_docs(base: Path | None = None) -> list[Doc]:
    folder = (base or root()) / "ptc-dev"
    if not (folder / "articles").is_dir():
        return []
    out = []
    for path in sorted((folder / "articles").glob("article*.txt")):
        num = path.stem.removeprefix("article")
        text = path.read_text("utf-8")
        gold: list[Offsets] = []
        labels = folder / "labels" / f"{path.stem}.task2-TC.labels"
        if labels.is_file():
            for line in labels.read_text("utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) == 4 and parts[1] in PTC_KINDS:
                    gold.append((int(parts[2]), int(parts[3])))
        out.append(Doc(f"ptc:{num}", "ptc", f"ptc:{num}", text, tuple(sorted(set(gold)))))
    return out


def basil_docs(base: Path | None = None) -> list[Doc]:
    folder = (base or root()) / "basil-dev"
    if not (folder / "articles").is_dir():
        return []
    out = []
    for path in sorted((folder / "articles").glob("*/*.json")):
        data: dict[str, Any] = json.loads(path.read_text("utf-8"))
        ann_path = folder / "annotations" / path.parent.name / f"{path.stem}_ann.json"
        anns = json.loads(ann_path.read_text("utf-8")) if ann_path.is_file() else {}
        # The text: paragraphs separated by a blank line, sentences by a space; the
        # offset where each sentence ``pN`` starts maps its annotations.
        parts: list[str] = []
        starts: dict[str, int] = {}
        pos = 0
        n = 0
        for par in data.get("body-paragraphs", []):
            if parts:
                parts.append("\n\n")
                pos += 2
            for k, sentence in enumerate(par):
                if k:
                    parts.append(" ")
                    pos += 1
                starts[f"p{n}"] = pos
                parts.append(sentence)
                pos += len(sentence)
                n += 1
        text = "".join(parts)
        gold = []
        for ann in anns.get("phrase-level-annotations", []):
            if ann.get("bias") != "lex" or ann.get("id") not in starts:
                continue
            at = starts[ann["id"]]
            gold.append((at + int(ann["start"]), at + int(ann["end"])))
        event = str(data.get("triplet-uuid", path.stem))
        out.append(Doc(f"basil:{path.stem}", "basil", f"basil:{event}", text, tuple(sorted(gold))))
    return out


def quoted_regions(art: Article) -> list[Offsets]:
    return [
        (p0 + a, p0 + b) for p0, p1 in art.paragraphs for a, b in quote_regions(art.text[p0:p1])
    ]


def predict(docs: Sequence[Doc], cache: RunCache | None = None) -> dict[str, list[Loaded]]:
    """Flagged terms of every document; a story's other articles are its contrast."""
    arts = [plain_article(d.text, d.id) for d in docs]
    return predict_parsed(docs, (cache or RunCache()).parse(arts))


def predict_parsed(
    docs: Sequence[Doc], parsed: dict[str, Any], model: Model | None = None
) -> dict[str, list[Loaded]]:
    stories: dict[str, list[str]] = {}
    for d in docs:
        stories.setdefault(d.story, []).append(d.id)
    out = {}
    for d in docs:
        others = [parsed[o] for o in stories[d.story] if o != d.id]
        art = plain_article(d.text, d.id)
        out[d.id] = find_loaded(art, parsed[d.id], quoted_regions(art), others, model)
    return out


def counted(terms: Sequence[Loaded]) -> list[Offsets]:
    """The spans a reader is shown as loaded (generic intensifiers are kept apart)."""
    return [(t.start, t.end) for t in terms if t.category != "intensifier"]


def _overlap(a: Offsets, b: Offsets) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def span_counts(gold: Sequence[Offsets], pred: Sequence[Offsets]) -> Counter[str]:
    """Any-overlap matching: right predictions, found gold spans."""
    return Counter(
        pred=len(pred),
        gold=len(gold),
        tp_pred=sum(1 for p in pred if any(_overlap(p, g) for g in gold)),
        tp_gold=sum(1 for g in gold if any(_overlap(p, g) for p in pred)),
    )


def tokens(text: str) -> list[Offsets]:
    return [m.span() for m in _TOKEN.finditer(text)]


def token_counts(text: str, gold: Sequence[Offsets], pred: Sequence[Offsets]) -> Counter[str]:
    c: Counter[str] = Counter()
    for tok in tokens(text):
        g = any(_overlap(tok, s) for s in gold)
        p = any(_overlap(tok, s) for s in pred)
        c["gold"] += g
        c["pred"] += p
        c["tp"] += g and p
    return c


def prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(docs: Sequence[Doc], preds: dict[str, list[Loaded]]) -> dict[str, float]:
    """span (any overlap) and token P/R/F1 over ``docs``."""
    sc: Counter[str] = Counter()
    tc: Counter[str] = Counter()
    for d in docs:
        pred = counted(preds[d.id])
        sc += span_counts(d.gold, pred)
        tc += token_counts(d.text, d.gold, pred)
    sp, sr, sf = prf(sc["tp_pred"], sc["pred"], sc["tp_gold"], sc["gold"])
    tp, tr, tf = prf(tc["tp"], tc["pred"], tc["tp"], tc["gold"])
    return {
        "span.precision": sp,
        "span.recall": sr,
        "span.f1": sf,
        "token.precision": tp,
        "token.recall": tr,
        "token.f1": tf,
        "gold": float(sc["gold"]),
    }


def splits(docs: Sequence[Doc]) -> Iterator[tuple[str, list[Doc]]]:
    yield "dev", [d for d in docs if not held_out(d.story)]
    yield "test", [d for d in docs if held_out(d.story)]


def _errors(docs: Sequence[Doc], preds: dict[str, list[Loaded]]) -> None:
    missed: Counter[str] = Counter()
    false: Counter[str] = Counter()
    for d in docs:
        pred = counted(preds[d.id])
        for g in d.gold:
            if not any(_overlap(p, g) for p in pred):
                missed[d.text[g[0] : g[1]].lower()] += 1
        for p in pred:
            if not any(_overlap(p, g) for g in d.gold):
                false[d.text[p[0] : p[1]].lower()] += 1
    print("    most frequent misses:", ", ".join(f"{w!r} x{n}" for w, n in missed.most_common(25)))
    print("    most frequent false:", ", ".join(f"{w!r} x{n}" for w, n in false.most_common(25)))


def evaluate(show_errors: bool = False) -> dict[str, float]:
    figures: dict[str, float] = {}
    sets = (("ptc", ptc_docs(), "span"), ("basil", basil_docs(), "token"))
    print(f"{'loaded terms on real news':<36}{'precision':>10}{'recall':>10}{'F1':>8}{'gold':>7}")
    cache = RunCache()
    for name, docs, main in sets:
        if not docs:
            print(f"  {name}: skipped: ../shared/realdata/{name}-dev is absent")
            continue
        preds = predict(docs, cache)
        for part, chosen in splits(docs):
            s = score(chosen, preds)
            for unit in ("span", "token"):
                label = f"{name} {part} {unit}{' (any overlap)' if unit == 'span' else ''}"
                mark = "" if unit == main else "  (secondary)"
                print(
                    f"  {label:<34}{s[unit + '.precision']:>10.3f}{s[unit + '.recall']:>10.3f}"
                    f"{s[unit + '.f1']:>8.3f}{int(s['gold']):>7}{mark}"
                )
                for k in ("precision", "recall", "f1"):
                    figures[f"loaded.real.{name}.{part}.{unit}.{k}"] = s[f"{unit}.{k}"]
            if show_errors and part == "dev":
                _errors(chosen, preds)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list frequent errors (dev)")
    evaluate(parser.parse_args().errors)


if __name__ == "__main__":
    main()
