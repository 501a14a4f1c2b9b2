"""Outlet and wire inference from the text alone, on real articles (../shared/realdata).

BASIL gives each article's true outlet (``source``: Fox News, The New York Times,
HuffPost); PolNeAR's ``metadata.tsv`` gives the publisher and the wire credit (AP,
AFP, UPI, Reuters).  Each article is built as ingestion builds it, from its body only
(no address, no site name, no outlet column), and scored:

- ``named``: the share of articles whose outlet the text names (a strong
  self-reference, an author box); ``precision``: the share of those named right (an
  outlet the article only cites must never be taken for its own); ``weak``: the share
  where only weak evidence ("told X") was found, shown and not used, with how often it
  would have been right;
- ``wire_as_outlet``: the share of articles shown as written by a wire service while
  their publisher is not one (the issue's "Associated Press" for an unnamed outlet's
  edited AP copy);
- PolNeAR's wire credit: precision and recall of ``Article.wire`` against the
  metadata's wire column (rows marked ``NA`` are left out).

Files are split by a hash of their name: about a third is held out (``test``); the
rules were written looking at ``dev`` only.  Article text is never stored: only
counts are printed.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from pathlib import Path

from parallax.build import RawArticle, build_article
from parallax.outlets import is_unknown, is_wire, outlet_mentions
from realdata import root

ALIASES = {
    "fox": ("fox news", "fox", "foxnews.com", "fox news channel", "fox business"),
    "nyt": ("new york times", "nytimes.com", "nyt"),
    "hpo": ("huffpost", "huffington post", "huffpost politics", "huffingtonpost.com"),
    "breitbart": ("breitbart", "breitbart news", "breitbart.com"),
    "huff-post": ("huffpost", "huffington post", "huffpost politics", "huffingtonpost.com"),
    "politico": ("politico",),
    "usa-today": ("usa today",),
    "wash-post": ("washington post", "post"),
    "west-journal": ("western journal", "western journalism", "westernjournal.com"),
}
WIRES = {"ap": "Associated Press", "afp": "Agence France-Presse", "upi": "United Press "
         "International", "reuters": "Reuters"}  # fmt: skip
NAMED = ("self-reference", "author-box")


def split_of(name: str) -> str:
    """``test`` for about a third of the files (by a hash of the name), else ``dev``."""
    return "test" if int(hashlib.sha1(name.encode()).hexdigest()[:8], 16) % 3 == 0 else "dev"


def _key(name: str) -> str:
    low = name.strip().lower()
    return low[4:] if low.startswith("the ") else low


def _items(base: Path) -> list[tuple[str, str, str, str | None]]:
    """(name, body, true publisher code, true wire or None; "?" when unknown)."""
    out: list[tuple[str, str, str, str | None]] = []
    basil = base / "basil-dev" / "articles"
    if basil.is_dir():
        for path in sorted(basil.glob("*/*.json")):
            data = json.loads(path.read_text("utf-8"))
            pars = [" ".join(s.strip() for s in par) for par in data.get("body-paragraphs", [])]
            out.append((f"basil:{path.stem}", "\n".join(p for p in pars if p.strip()),
                        str(data.get("source", "")), "?"))  # fmt: skip
    polnear = base / "polnear-train"
    meta = polnear / "metadata.tsv"
    if meta.is_file():
        with meta.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        for row in rows:
            path = polnear / "text" / f"{row['filename']}.txt"
            if not path.is_file():
                continue
            text = path.read_text("utf-8").replace("\r\n", "\n")
            body = text.partition("\n")[2]
            wire = (row.get("wire") or "None").strip()
            truth = None if wire == "None" else ("?" if wire == "NA" else wire.lower())
            out.append((f"polnear:{row['filename']}", body, row.get("publisher", ""), truth))
    return out


def evaluate(show_errors: bool = False) -> dict[str, float]:
    base = root()
    items = _items(base)
    if not items:
        print("outlets on real text: skipped (../shared/realdata is absent)")
        return {}
    c: dict[str, Counter[str]] = {"dev": Counter(), "test": Counter()}
    for name, body, publisher, wire in items:
        k = c[split_of(name)]
        built = build_article(RawArticle(source=name.split(":", 1)[1] + ".txt", body=body))
        art = built.article
        method = art.outlet_evidence.method if art.outlet_evidence else "none"
        k["n"] += 1
        if is_wire(art.outlet) and publisher not in WIRES:
            k["wire_as_outlet"] += 1
        if method == "self-reference-weak" and is_unknown(art.outlet):
            # shown as weak evidence, not taken for the name: how often it would be right
            ref = next(r for r in outlet_mentions(body) if r.strength == "weak")
            k["weak"] += 1
            k["weak_right"] += _key(ref.name) in ALIASES.get(publisher, ())
        if method in NAMED and not is_unknown(art.outlet):
            right = _key(art.outlet) in ALIASES.get(publisher, ())
            k["named"] += 1
            k["right"] += right
            if show_errors and not right:
                ev = art.outlet_evidence.text if art.outlet_evidence else ""
                print(f"  OUTLET {name}: {publisher} named {art.outlet!r} ({method}: {ev[:60]!r})")
        if wire != "?" and name.startswith("polnear:"):
            k["wire_gold"] += wire is not None
            k["wire_pred"] += bool(art.wire)
            hit = wire is not None and WIRES.get(wire) in art.wire
            k["wire_tp"] += hit
            if show_errors and bool(art.wire) != (wire is not None):
                print(f"  WIRE {name}: metadata {wire} found {list(art.wire)}")
    scores: dict[str, float] = {}
    print(f"{'outlets from the text alone (real)':<36}{'named':>7}{'prec.':>7}{'weak':>7}"
          f"{'(prec)':>7}{'wire!':>7}{'wireP':>7}{'wireR':>7}{'n':>6}")  # fmt: skip
    for split, k in c.items():
        named = k["named"] / max(k["n"], 1)
        prec = k["right"] / k["named"] if k["named"] else 1.0
        weak = k["weak"] / max(k["n"], 1)
        weak_prec = k["weak_right"] / k["weak"] if k["weak"] else 1.0
        wire_as = k["wire_as_outlet"] / max(k["n"], 1)
        wp = k["wire_tp"] / k["wire_pred"] if k["wire_pred"] else 1.0
        wr = k["wire_tp"] / k["wire_gold"] if k["wire_gold"] else 1.0
        print(f"  {split:<34}{named:>7.3f}{prec:>7.3f}{weak:>7.3f}{weak_prec:>7.3f}"
              f"{wire_as:>7.3f}{wp:>7.3f}{wr:>7.3f}{k['n']:>6}")  # fmt: skip
        pre = f"outlets.real.{split}"
        scores[f"{pre}.named"] = named
        scores[f"{pre}.precision"] = prec
        scores[f"{pre}.no_wire_as_outlet"] = 1.0 - wire_as
        scores[f"{pre}.wire_precision"] = wp
        scores[f"{pre}.wire_recall"] = wr
    print("  named: outlet named from the text (prec.: right); weak: only 'told X' found, shown"
          " but not used (prec): how often it would have been right); wire!: shown as a wire"
          " service while the publisher is not one; wireP/R: wire credits against metadata")  # fmt: skip
    return scores


if __name__ == "__main__":
    import sys

    evaluate(show_errors="--errors" in sys.argv)
