"""Generate reuse test pairs with known truth: base texts plus controlled edits.

    python eval/reuse_gen.py --out /tmp/reuse-pairs     # write the pairs and truth as JSON

Each variant of a base text keeps most paragraphs (some dropped, some swapped), and
inside them applies edits whose truth is recorded: label swaps (one word replaced),
cut sentences, inserted clauses.  Typographic changes (quote styles, dashes,
no-break spaces) and an unrelated paragraph are added too; they must NOT be reported
as edits or reuse.  Base texts are the fictional articles of the segmentation set.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

from parallax.segment import split_paragraph
from parallax.tokens import STOPWORDS

BASES = Path(__file__).parent / "data" / "segmentation"
SWAPS = (
    "militants terrorists fighters rebels insurgents thugs rioters protesters demonstrators "
    "activists regime government authorities officials operation offensive onslaught "
    "crackdown assault raid massacre killing incident clash riot uprising unrest dispute "
    "reform overhaul scheme plan deal agreement pact claimed stated alleged insisted admitted"
).split()
CLAUSES = (
    "according to two officials",
    "which critics called unlawful",
    "despite repeated warnings",
    "in a rare move",
    "as many had feared",
    "for the first time in years",
    "amid growing anger",
)


@dataclass
class TruthEdit:
    op: str
    a_text: str
    b_text: str


@dataclass
class Pair:
    name: str
    base: str
    variant: str
    shared: list[tuple[int, int]] = field(default_factory=list)  # truth spans in base
    ignore: list[tuple[int, int]] = field(default_factory=list)  # too short to count
    edits: list[TruthEdit] = field(default_factory=list)


def base_paragraphs(path: Path) -> list[str]:
    blocks = path.read_text("utf-8").split("\n\n")
    return [" ".join(line for line in b.split("\n") if line) for b in blocks if b.strip()]


def _typography(text: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        text = text.replace('"', "\u201c", 1).replace("'", "\u2019")
    if rng.random() < 0.5:
        text = text.replace(" - ", " \u2014 ").replace(" \u2014 ", " -- ")
    if rng.random() < 0.5:
        text = text.replace(" 1", "\u00a01", 1)
    return text


def _edit_paragraph(
    par: str, rng: random.Random, edits: list[TruthEdit]
) -> tuple[str, list[tuple[int, int]]]:
    """Edit one paragraph; return it and the base spans it cut (relative to ``par``)."""
    cut: list[tuple[int, int]] = []
    cut_word = -100  # word index where a sentence was cut: keep other edits away from it
    sentences = split_paragraph(par)
    if len(sentences) >= 3 and rng.random() < 0.3:
        s, e = sentences[rng.randrange(1, len(sentences) - 1)]
        while e < len(par) and par[e] == " ":
            e += 1
        edits.append(TruthEdit("delete", par[s:e].strip(), ""))
        cut.append((s, e))
        par = par[:s] + par[e:]
        cut_word = len(par[:s].split(" ")) - 1
    words = par.split(" ")
    used: set[int] = {cut_word, cut_word + 1}

    def free(i: int) -> bool:
        return all(abs(i - j) > 6 for j in used)

    candidates = [
        i
        for i, w in enumerate(words)
        if w.isalpha() and w.islower() and len(w) >= 4 and w not in STOPWORDS
    ]
    rng.shuffle(candidates)
    candidates = [i for i in candidates if free(i)]
    for i in candidates[: 1 if rng.random() < 0.7 else 0]:
        new = rng.choice([s for s in SWAPS if s != words[i]])
        edits.append(TruthEdit("replace", words[i], new))
        words[i] = new
        used.add(i)
    commas = [i for i, w in enumerate(words[:-1]) if w.endswith(",") and free(i) and i > 2]
    if commas and not cut and rng.random() < 0.35:
        i = rng.choice(commas)
        clause = rng.choice(CLAUSES)
        edits.append(TruthEdit("insert", "", clause))
        words[i + 1 : i + 1] = [*clause.split(" ")[:-1], clause.split(" ")[-1] + ","]
    return " ".join(words), cut


def make_pair(path: Path, others: list[Path], seed: int) -> Pair:
    rng = random.Random(seed)
    pars = base_paragraphs(path)
    base = "\n\n".join(pars)
    starts = []
    pos = 0
    for p in pars:
        starts.append(pos)
        pos += len(p) + 2
    pair = Pair(name=f"{path.stem}-v{seed}", base=base, variant="")
    order = list(range(len(pars)))
    kept = [i for i in order if rng.random() > 0.1 or len(pars[i].split()) < 12]
    if len(kept) > 3 and rng.random() < 0.6:
        x, y = rng.sample(range(len(kept)), 2)
        kept[x], kept[y] = kept[y], kept[x]
    out: list[str] = []
    for i in kept:
        par = pars[i]
        span = (starts[i], starts[i] + len(par))
        if len(par.split()) < 12:
            pair.ignore.append(span)
            out.append(par)
            continue
        edited, cut = _edit_paragraph(par, rng, pair.edits)
        pieces = [span]
        for s, e in cut:
            pieces = [(a, b) for a, b in _subtract(pieces, (starts[i] + s, starts[i] + e))]
            pair.ignore.append((starts[i] + s, starts[i] + e))  # a cut inside a passage
        pair.shared.extend(pieces)
        out.append(_typography(edited, rng))
    if others and rng.random() < 0.6:
        other = rng.choice(others)
        filler = max(base_paragraphs(other), key=lambda p: len(p.split()))
        out.insert(rng.randrange(len(out) + 1), filler)
    pair.variant = "\n\n".join(out)
    return pair


def _subtract(pieces: list[tuple[int, int]], cut: tuple[int, int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if cut[1] <= a or cut[0] >= b:
            out.append((a, b))
            continue
        if a < cut[0]:
            out.append((a, cut[0]))
        if cut[1] < b:
            out.append((cut[1], b))
    return out


def generate(variants: int = 3) -> list[Pair]:
    paths = sorted(BASES.glob("*.txt"))
    pairs = []
    for k, path in enumerate(paths):
        others = [p for p in paths if p != path]
        for v in range(variants):
            pairs.append(make_pair(path, others, seed=1000 * k + v))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--variants", type=int, default=3)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for pair in generate(args.variants):
        (args.out / f"{pair.name}.json").write_text(json.dumps(asdict(pair), indent=1), "utf-8")
    print(f"wrote {len(list(args.out.glob('*.json')))} pairs to {args.out}")


if __name__ == "__main__":
    main()
