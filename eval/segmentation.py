"""Evaluate sentence segmentation on the hand-labeled gold set in eval/data/segmentation.

Each gold file has paragraphs separated by a blank line and one sentence per line; the
lines of a paragraph joined by a space give the paragraph text.  We score the
paragraph-internal boundaries (paragraph ends come from the format and are free).
A naive baseline (split at every ``.!?`` followed by a space and a capital) is scored
alongside to show what the rules buy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from parallax.segment import split_paragraph

DATA = Path(__file__).parent / "data" / "segmentation"
Splitter = Callable[[str], list[tuple[int, int]]]


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def gold_paragraphs() -> list[tuple[str, str, set[int]]]:
    """(file name, paragraph text, internal boundary offsets) for every gold paragraph."""
    out: list[tuple[str, str, set[int]]] = []
    for path in sorted(DATA.glob("*.txt")):
        for block in path.read_text("utf-8").split("\n\n"):
            lines = [line for line in block.split("\n") if line]
            if not lines:
                continue
            text = " ".join(lines)
            bounds: set[int] = set()
            pos = 0
            for line in lines[:-1]:
                pos += len(line)
                bounds.add(pos)
                pos += 1
            out.append((path.name, text, bounds))
    return out


def naive(par: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"[.!?][\"'\u201d\u2019)]*(?= [A-Z\"\u201c])", par):
        spans.append((start, match.end()))
        start = match.end() + 1
    spans.append((start, len(par)))
    return spans


def score(splitter: Splitter, show_errors: bool = False) -> Score:
    tp = fp = fn = 0
    for name, text, gold in gold_paragraphs():
        found = {end for _, end in splitter(text)[:-1]}
        tp += len(found & gold)
        fp += len(found - gold)
        fn += len(gold - found)
        if show_errors:
            for pos in sorted(found - gold):
                print(f"  FP {name}: ...{text[max(0, pos - 40) : pos]}|{text[pos : pos + 30]}...")
            for pos in sorted(gold - found):
                print(f"  FN {name}: ...{text[max(0, pos - 40) : pos]}|{text[pos : pos + 30]}...")
    return Score(tp, fp, fn)


def evaluate(show_errors: bool = False) -> dict[str, float]:
    ours = score(split_paragraph, show_errors)
    base = score(naive)
    print(f"{'segmentation':<28}{'precision':>10}{'recall':>10}{'F1':>8}{'boundaries':>12}")
    for label, s in (("parallax rules", ours), ("baseline: naive regex", base)):
        print(f"  {label:<26}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>8.3f}{s.tp + s.fn:>12}")
    return {
        "segmentation.precision": ours.precision,
        "segmentation.recall": ours.recall,
        "segmentation.f1": ours.f1,
    }
