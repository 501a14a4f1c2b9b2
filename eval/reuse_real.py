"""Reuse evaluated on planted copy built from real political news (PolNeAR, train split).

    python eval/reuse_real.py              # dev and held-out figures
    python eval/reuse_real.py --errors     # ... and every missed paragraph and edit

The articles are read from ``../shared/realdata/polnear-train/`` at run time (see
``realdata.py``); their text is never written into the repository.  When the folder
is absent the evaluation is skipped.

The files, in sorted order, are split in two: even positions are the **dev** half
(the one to study), odd positions the **held-out** half (reported, never studied).
For each base article ``A`` of a half, an outlet's version ``B`` is planted:

- ``B`` copies most of ``A``'s paragraphs (the first one often, so copy sits at the
  very start of ``B``), now and then two swapped, with one to three paragraphs of
  another real article on the same topic between them;
- inside copied paragraphs: word swaps (one, or several in one sentence), a clause
  inserted mid-sentence, a sentence cut, curly/straight quote changes (not edits);
- short paragraphs (80-160 characters) are copied too, some of them edited.

The same-topic article ``C`` (most shared rare words, and no 8 words in a row shared
with ``A``) also makes a **negative pair** ``(A, C)``: nothing may be reported there.

Figures: copied-paragraph recall (a paragraph is found when detected passages cover
half its words, on both sides), passage precision (a passage is right when most of
its words lie in planted copy on both sides), edit recall by kind, false edits
(reported where nothing was planted, typography included), and false words on
negative pairs.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from parallax.build import plain_article
from parallax.model import Article, Removed
from parallax.options import ReuseOptions
from parallax.reuse.detect import find_reuse
from parallax.reuse.model import OutsideCopy, PairReuse
from parallax.segment import split_paragraph
from parallax.textnorm import clean_text
from parallax.tokens import STOPWORDS, tokenize
from realdata import root

SWAPS = (
    "militants terrorists fighters rebels insurgents extremists radicals operatives "
    "regime government administration authorities officials leaders lawmakers politicians "
    "plan scheme proposal deal agreement pact measure bill overhaul reform crackdown "
    "claimed stated alleged insisted admitted argued conceded boasted warned "
    "protesters rioters demonstrators activists agitators supporters backers loyalists"
).split()
CLAUSES = (
    "who has long denied any wrongdoing",
    "according to two people familiar with the matter",
    "in a move that surprised many in his own party",
    "despite repeated warnings from senior advisers",
    "as critics had predicted for months",
    "which the campaign declined to confirm on Tuesday",
    "speaking to reporters outside the building",
    "a claim that fact-checkers have disputed",
)
SHORT = (80, 160)  # characters: a short paragraph
MIN_CHARS = 80  # paragraphs shorter than this are neither counted nor penalised
PER_HALF = 120  # base articles per half


def available() -> bool:
    return (root() / "polnear-train" / "text").is_dir()


@dataclass
class Planted:
    op: str  # replace | delete | insert
    kind: str  # swap | multi-swap | clause | cut
    a_text: str
    b_text: str


@dataclass
class RealPair:
    name: str
    base: str
    variant: str
    copied: list[tuple[tuple[int, int], tuple[int, int], int]] = field(default_factory=list)
    # (span in base, span in variant, flags: 1 short, 2 first in B, 4 first in A, 8 edited)
    cuts: list[tuple[int, int]] = field(default_factory=list)  # base spans cut from B
    filler: list[tuple[int, int]] = field(default_factory=list)  # unrelated spans in B
    edits: list[Planted] = field(default_factory=list)
    negative: str = ""  # the same-topic article C, for the negative pair
    titles: tuple[str, str, str] = ("", "", "")  # the real titles of A and C; B's planted one
    removed: list[tuple[str, str]] = field(
        default_factory=list
    )  # B's (kind, text) outside its body
    outside: list[tuple[str, tuple[int, int] | None]] = field(default_factory=list)
    # planted copy outside B's body: (B's place, span in A's body, or None for A's title)


def _paragraphs(path: Path) -> list[str]:
    text = clean_text(path.read_text("utf-8"))
    _, _, body = text.partition("\n")  # the first line is the title
    pars = [" ".join(b.split()) for b in body.split("\n\n")]
    return [p for p in pars if p]


def _title(path: Path) -> str:
    return " ".join(clean_text(path.read_text("utf-8")).partition("\n")[0].split())


def _halves() -> tuple[list[Path], list[Path]]:
    files = sorted((root() / "polnear-train" / "text").glob("*.txt"))
    return files[0::2], files[1::2]


def _grams(words: tuple[str, ...], n: int = 8) -> set[int]:
    return {hash(words[i : i + n]) for i in range(len(words) - n + 1)}


def _content(words: tuple[str, ...]) -> set[str]:
    return {w for w in words if w not in STOPWORDS and w.isalpha() and len(w) > 3}


def _same_topic(docs: list[list[str]]) -> list[int]:
    """For each document, the other one sharing most rare words and no 8 words in a row."""
    words = [tokenize("\n\n".join(d)).words for d in docs]
    bags = [_content(w) for w in words]
    grams = [_grams(w) for w in words]
    df: Counter[str] = Counter(w for bag in bags for w in bag)
    idf = {w: math.log(len(docs) / n) for w, n in df.items() if n > 1}
    postings: dict[str, list[int]] = {}
    for d, bag in enumerate(bags):
        for w in bag:
            if w in idf and df[w] <= len(docs) // 10:
                postings.setdefault(w, []).append(d)
    best: list[int] = []
    for d, bag in enumerate(bags):
        score: Counter[int] = Counter()
        for w in bag:
            for e in postings.get(w, ()):
                if e != d:
                    score[e] += idf[w]  # type: ignore[assignment]
        pick = next((e for e, _ in score.most_common(20) if not grams[d] & grams[e]), -1)
        best.append(pick)
    return best


def _swap_candidates(words: list[str], lo: int, hi: int) -> list[int]:
    return [
        i
        for i in range(lo, hi)
        if words[i].isalpha() and words[i].islower() and len(words[i]) >= 4
        if words[i] not in STOPWORDS
    ]


def _new_word(old: str, rng: random.Random) -> str:
    return rng.choice([s for s in SWAPS if s != old])


def _edit(
    par: str, rng: random.Random, planted: list[Planted]
) -> tuple[str, list[tuple[int, int]]]:
    """Edit one copied paragraph; return it and the spans of ``par`` it cut."""
    cuts: list[tuple[int, int]] = []
    sentences = split_paragraph(par)
    roll = rng.random()
    if len(sentences) >= 3 and roll < 0.25:  # cut a middle sentence
        s, e = sentences[rng.randrange(1, len(sentences) - 1)]
        while e < len(par) and par[e] == " ":
            e += 1
        planted.append(Planted("delete", "cut", par[s:e].strip(), ""))
        cuts.append((s, e))
        return par[:s] + par[e:], cuts
    words = par.split(" ")
    if roll < 0.45 and len(words) >= 14:  # a clause inserted mid-sentence, after a comma
        commas = [i for i, w in enumerate(words[3:-4], start=3) if w.endswith(",")]
        if commas:
            i = rng.choice(commas)
            clause = rng.choice(CLAUSES)
            planted.append(Planted("insert", "clause", "", clause))
            parts = clause.split(" ")
            words[i + 1 : i + 1] = [*parts[:-1], parts[-1] + ","]
            return " ".join(words), cuts
    if roll < 0.65 and len(words) >= 12:  # several swaps in one sentence
        s, e = max(sentences, key=lambda se: se[1] - se[0])
        lo = len(par[:s].split(" ")) - 1 if s else 0
        hi = lo + len(par[s:e].split(" "))
        cands = sorted(_swap_candidates(words, lo, hi))
        chosen: list[int] = []
        for i in cands:
            if all(abs(i - j) >= 3 for j in chosen) and rng.random() < 0.6:
                chosen.append(i)
            if len(chosen) == 3:
                break
        if len(chosen) >= 2:
            for i in chosen:
                new = _new_word(words[i], rng)
                planted.append(Planted("replace", "multi-swap", words[i], new))
                words[i] = new
            return " ".join(words), cuts
    if roll < 0.9:  # one swap
        cands = _swap_candidates(words, 0, len(words))
        if cands:
            i = rng.choice(cands)
            new = _new_word(words[i], rng)
            planted.append(Planted("replace", "swap", words[i], new))
            words[i] = new
    return " ".join(words), cuts


def _quotes(par: str, rng: random.Random) -> str:
    """Curly quotes made straight, or straight ones curly: typography, not an edit."""
    if rng.random() < 0.5:
        return par.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    out, opening = [], True
    for ch in par:
        if ch == '"':
            out.append("\u201c" if opening else "\u201d")
            opening = not opening
        else:
            out.append(ch.replace("'", "\u2019"))
    return "".join(out)


def make_pair(
    name: str, pars: list[str], other: list[str], seed: int, titles: tuple[str, str] = ("", "")
) -> RealPair:
    rng = random.Random(seed)
    pair = RealPair(name=name, base="\n\n".join(pars), variant="", negative="\n\n".join(other))
    pair.titles = (titles[0], titles[1], "")
    starts, pos = [], 0
    for p in pars:
        starts.append(pos)
        pos += len(p) + 2
    keep = [i for i in range(len(pars)) if (i == 0 and rng.random() < 0.7) or rng.random() < 0.75]
    if len(keep) > 3 and rng.random() < 0.4:
        x, y = rng.sample(range(len(keep)), 2)
        keep[x], keep[y] = keep[y], keep[x]
    items: list[tuple[str, int]] = [(pars[i], i) for i in keep]  # -1: filler
    fillers = [p for p in other if len(p) >= MIN_CHARS]
    rng.shuffle(fillers)
    for filler in fillers[: rng.randint(1, 3)]:
        items.insert(rng.randrange(len(items) + 1), (filler, -1))
    out: list[str] = []
    pos = 0
    for k, (par, i) in enumerate(items):
        if i < 0:
            out.append(par)
            pair.filler.append((pos, pos + len(par)))
            pos += len(par) + 2
            continue
        flags = (1 if SHORT[0] <= len(par) <= SHORT[1] else 0) | (2 if k == 0 else 0)
        flags |= 4 if i == 0 else 0
        edited, cuts = par, list[tuple[int, int]]()
        if len(par) >= MIN_CHARS and rng.random() < 0.8:
            before = len(pair.edits)
            edited, cuts = _edit(par, rng, pair.edits)
            flags |= 8 if len(pair.edits) > before else 0
        if rng.random() < 0.3:
            edited = _quotes(edited, rng)
        pair.cuts.extend((starts[i] + s, starts[i] + e) for s, e in cuts)
        pair.copied.append(((starts[i], starts[i] + len(par)), (pos, pos + len(edited)), flags))
        out.append(edited)
        pos += len(edited) + 2
    pair.variant = "\n\n".join(out)
    _plant_outside(pair, pars, starts, keep, seed)
    return pair


OUTSIDE_KINDS = ("photo-caption", "author-box", "video-teaser")


def _plant_outside(
    pair: RealPair, pars: list[str], starts: list[int], keep: list[int], seed: int
) -> None:
    """Copy that cleaning would keep out of B's body: A's title as B's title (half the
    pairs), and one paragraph of A that B's body does not carry, as a caption, author box
    or teaser.  A stream of its own, so the body planting above is unchanged."""
    rng = random.Random(seed ^ 0x5EED)
    a_title, c_title, _ = pair.titles
    b_title = ""
    if a_title and len(tokenize(a_title)) >= 6 and rng.random() < 0.5:
        b_title = a_title if rng.random() < 0.5 else a_title.rstrip(".") + "."
        pair.outside.append(("title", None))
    pair.titles = (a_title, c_title, b_title)
    dropped = [i for i in range(len(pars)) if i not in keep and len(pars[i]) >= MIN_CHARS]
    if dropped and rng.random() < 0.7:
        i = rng.choice(dropped)
        kind = rng.choice(OUTSIDE_KINDS)
        pair.removed.append((kind, pars[i]))
        pair.outside.append((f"removed:{kind}", (starts[i], starts[i] + len(pars[i]))))


def generate(half: str) -> list[RealPair]:
    """The planted pairs of one half (``dev`` or ``test``); empty without the data."""
    if not available():
        return []
    files = _halves()[0 if half == "dev" else 1]
    docs = [_paragraphs(f) for f in files]
    usable = [d for d, pars in enumerate(docs) if sum(len(p) >= MIN_CHARS for p in pars) >= 4]
    step = max(1, len(usable) // PER_HALF)
    bases = usable[::step][:PER_HALF]
    topic = _same_topic(docs)
    out = []
    for d in bases:
        other = docs[topic[d]] if topic[d] >= 0 else []
        seed = int(hashlib.sha1(files[d].stem.encode()).hexdigest()[:8], 16)
        titles = (_title(files[d]), _title(files[topic[d]]) if topic[d] >= 0 else "")
        out.append(make_pair(f"{half}:{d}", docs[d], other, seed, titles))
    return out


# -- scoring -----------------------------------------------------------------------


def _cover(spans: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(e, end) - max(s, start)) for s, e in spans)


def _key(op: str, a: str, b: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    return op, tokenize(a).words, tokenize(b).words


def score(pairs: list[RealPair], opts: ReuseOptions, show: bool = False) -> Counter[str]:
    c: Counter[str] = Counter()
    for pair in pairs:
        a, b, c_art = _articles(pair)
        found = find_reuse([a, b], opts)
        _score_outside(pair, found, c)
        passages = [p for r in found for p in r.passages]
        a_spans = [p.a for p in passages]
        b_spans = [p.b for p in passages]
        truth_a = [s for s, _, _ in pair.copied]
        truth_b = [s for _, s, _ in pair.copied]
        for (sa, ea), (sb, eb), flags in pair.copied:
            if ea - sa < MIN_CHARS:
                continue
            cut = _cover(pair.cuts, sa, ea)
            hit = _cover(a_spans, sa, ea) >= 0.5 * (ea - sa - cut) and _cover(
                b_spans, sb, eb
            ) >= 0.5 * (eb - sb)
            for tag, on in (
                ("all", True),
                ("short", flags & 1),
                ("first in B", flags & 2),
                ("first in A", flags & 4),
                ("edited", flags & 8),
            ):
                if on:
                    c[f"par_n:{tag}"] += 1
                    c[f"par_tp:{tag}"] += hit
            if not hit and show:
                print(f"  MISSED paragraph {pair.name} flags={flags}: {pair.base[sa:ea][:90]!r}")
        for p in passages:
            ok = _cover(truth_a, *p.a) > 0.5 * (p.a[1] - p.a[0]) and _cover(truth_b, *p.b) > 0.5 * (
                p.b[1] - p.b[0]
            )
            c["pass_n"] += 1
            c["pass_tp"] += ok
            if not ok and show:
                print(f"  FALSE passage {pair.name}: {pair.base[p.a[0] : p.a[1]][:90]!r}")
        planted = Counter(_key(e.op, e.a_text, e.b_text) for e in pair.edits)
        kinds = {_key(e.op, e.a_text, e.b_text): e.kind for e in pair.edits}
        seen = Counter(_key(e.op, e.a_text, e.b_text) for p in passages for e in p.edits)
        for key, n in planted.items():
            hit_n = min(n, seen.get(key, 0))
            c[f"edit_n:{kinds[key]}"] += n
            c[f"edit_tp:{kinds[key]}"] += hit_n
            if hit_n < n and show:
                print(f"  MISSED {kinds[key]} {pair.name}: {key[1]} -> {key[2]}")
        false = sum(max(0, n - planted.get(key, 0)) for key, n in seen.items())
        c["edit_false"] += false
        c["edit_reported"] += sum(seen.values())
        if pair.negative:
            neg = find_reuse([a, c_art], opts)
            c["neg_pairs"] += 1
            words = sum(r.shared_words + sum(o.shared_words for o in r.outside) for r in neg)
            c["neg_words"] += words
            c["neg_dirty"] += words > 0
            if words and show:
                for r in neg:
                    for p in r.passages:
                        print(f"  NEGATIVE {pair.name}: {pair.base[p.a[0] : p.a[1]][:90]!r}")
    return c


def _articles(pair: RealPair) -> tuple[Article, Article, Article]:
    """A and C with their real titles; B with its planted title and removed text."""
    a_title, c_title, b_title = pair.titles
    a = replace(plain_article(pair.base, "A"), title=a_title or None)
    b = replace(
        plain_article(pair.variant, "B"),
        title=b_title or None,
        removed=tuple(Removed(kind, text) for kind, text in pair.removed),
    )
    c = replace(plain_article(pair.negative or "", "C"), title=c_title or None)
    return a, b, c


def _score_outside(pair: RealPair, found: list[PairReuse], c: Counter[str]) -> None:
    """Planted outside copy found (B's title with A's title, B's removed paragraph with
    its span in A's body), and outside copy reported where none was planted."""
    items = [o for r in found for o in r.outside]
    right: set[int] = set()
    for place, span in pair.outside:
        c["out_n"] += 1
        hit = {k for k, o in enumerate(items) if _matches(o, place, span)}
        c["out_tp"] += bool(hit)
        right |= hit
    copied = [s for s, _, _ in pair.copied]
    c["out_reported"] += len(items)
    c["out_false"] += sum(
        1
        for k, o in enumerate(items)
        if k not in right and not (o.other_place == "body" and _cover(copied, *o.other_span))
    )


def _matches(o: OutsideCopy, place: str, span: tuple[int, int] | None) -> bool:
    if span is None:  # A's title run as B's title
        return o.place == "title" and o.other_place == "title"
    return (
        o.article == "B"
        and o.place == place
        and o.other_place == "body"
        and _cover([span], *o.other_span) >= 0.5 * (span[1] - span[0])
    )


def _ratio(c: Counter[str], tp: str, n: str) -> float:
    return c[tp] / c[n] if c[n] else 1.0


def figures(c: Counter[str], half: str) -> dict[str, float]:
    swaps = c["edit_tp:swap"] + c["edit_tp:multi-swap"]
    swap_n = c["edit_n:swap"] + c["edit_n:multi-swap"]
    return {
        f"reuse.real.{half}.paragraphs.recall": _ratio(c, "par_tp:all", "par_n:all"),
        f"reuse.real.{half}.passages.precision": _ratio(c, "pass_tp", "pass_n"),
        f"reuse.real.{half}.swaps.recall": swaps / swap_n if swap_n else 1.0,
        f"reuse.real.{half}.edits.recall": sum(c[k] for k in c if k.startswith("edit_tp:"))
        / max(1, sum(c[k] for k in c if k.startswith("edit_n:"))),
        f"reuse.real.{half}.edits.precision": 1 - c["edit_false"] / max(1, c["edit_reported"]),
        f"reuse.real.{half}.negatives.clean": 1 - c["neg_dirty"] / max(1, c["neg_pairs"]),
        f"reuse.real.{half}.outside.recall": _ratio(c, "out_tp", "out_n"),
        f"reuse.real.{half}.outside.precision": 1 - c["out_false"] / max(1, c["out_reported"]),
    }


def evaluate(show_errors: bool = False, opts: ReuseOptions | None = None) -> dict[str, float]:
    if not available():
        print("reuse on real text: skipped (no ../shared/realdata/polnear-train)")
        return {}
    opts = opts or ReuseOptions()
    out: dict[str, float] = {}
    for half, label in (("dev", "dev half"), ("test", "held-out half")):
        pairs = generate(half)
        c = score(pairs, opts, show_errors and half == "dev")
        figs = figures(c, half)
        out.update(figs)
        title = f"reuse on real text, {label} ({len(pairs)} planted pairs)"
        print(f"{title:<58}{'score':>8}{'truth':>8}")
        for tag in ("all", "short", "first in B", "first in A", "edited"):
            print(
                f"  copied paragraphs found ({tag}){'':<{24 - len(tag)}}"
                f"{_ratio(c, f'par_tp:{tag}', f'par_n:{tag}'):>8.3f}{c[f'par_n:{tag}']:>8}"
            )
        print(
            f"  {'passage precision':<56}{figs[f'reuse.real.{half}.passages.precision']:>8.3f}"
            f"{c['pass_n']:>8}"
        )
        for kind in ("swap", "multi-swap", "clause", "cut"):
            print(
                f"  {'edit recall, ' + kind:<56}"
                f"{_ratio(c, f'edit_tp:{kind}', f'edit_n:{kind}'):>8.3f}{c[f'edit_n:{kind}']:>8}"
            )
        print(
            f"  {'edit precision (false edits, typography included)':<56}"
            f"{figs[f'reuse.real.{half}.edits.precision']:>8.3f}{c['edit_reported']:>8}"
        )
        print(
            f"  {'copy outside the body found (titles, captions, boxes)':<56}"
            f"{figs[f'reuse.real.{half}.outside.recall']:>8.3f}{c['out_n']:>8}"
        )
        print(
            f"  {'copy outside the body, precision':<56}"
            f"{figs[f'reuse.real.{half}.outside.precision']:>8.3f}{c['out_reported']:>8}"
        )
        print(
            f"  {'false words on same-topic negative pairs':<56}{c['neg_words']:>8}"
            f"{c['neg_pairs']:>8}"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    evaluate(args.errors)


if __name__ == "__main__":
    main()
