"""Story-level view of reuse: copy groups and the substitution table."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from parallax.model import Article, Offsets
from parallax.reuse.model import CopyGroup, PairReuse, ReuseSummary, Substitution
from parallax.textnorm import fold

MAX_TERM_WORDS = 4  # replacements up to this long on both sides count as word choices
MIN_COVER = 0.5  # a sentence is carried by another article if half of it is shared copy


def _key(text: str) -> str:
    return " ".join(fold(text).lower().split())


def substitutions(pairs: Sequence[PairReuse], articles: Sequence[Article]) -> list[Substitution]:
    """Aggregate short replacements: "article a writes X where article b writes Y", counted."""
    outlet = {a.id: a.outlet for a in articles}
    counts: Counter[tuple[str, str, str, str]] = Counter()
    shown: dict[tuple[str, str, str, str], tuple[str, str]] = {}
    for pair in pairs:
        for passage in pair.passages:
            for edit in passage.edits:
                if edit.op != "replace":
                    continue
                if max(len(edit.a_text.split()), len(edit.b_text.split())) > MAX_TERM_WORDS:
                    continue
                key = (*pair.articles, _key(edit.a_text), _key(edit.b_text))
                counts[key] += 1
                shown.setdefault(key, (edit.a_text, edit.b_text))
    out = [
        Substitution(
            articles=(key[0], key[1]),
            outlets=(outlet[key[0]], outlet[key[1]]),
            a_text=shown[key][0],
            b_text=shown[key][1],
            count=n,
        )
        for key, n in counts.items()
    ]
    return sorted(out, key=lambda s: (-s.count, s.articles, s.a_text.lower()))


def _covered(spans: list[Offsets], start: int, end: int) -> float:
    inside = sum(max(0, min(e, end) - max(s, start)) for s, e in spans)
    return inside / max(end - start, 1)


def copy_groups(pairs: Sequence[PairReuse], articles: Sequence[Article]) -> list[CopyGroup]:
    """Sets of three or more articles that carry the same sentences of copy."""
    by_id = {a.id: a for a in articles}
    shared_with: dict[str, dict[str, list[Offsets]]] = defaultdict(lambda: defaultdict(list))
    for pair in pairs:
        x, y = pair.articles
        for p in pair.passages:
            shared_with[x][y].append(p.a)
            shared_with[y][x].append(p.b)
    best: dict[frozenset[str], CopyGroup] = {}
    for pivot, others in shared_with.items():
        if len(others) < 2:
            continue
        art = by_id[pivot]
        found: dict[frozenset[str], tuple[int, list[Offsets]]] = {}
        for start, end in art.sentences:
            carriers = {
                o for o, spans in others.items() if _covered(spans, start, end) >= MIN_COVER
            }
            if len(carriers) < 2:
                continue
            members = frozenset({pivot, *carriers})
            words, spans = found.get(members, (0, []))
            found[members] = (words + len(art.text[start:end].split()), [*spans, (start, end)])
        for members, (words, spans) in found.items():
            if members not in best or best[members].words < words:
                wire = next((by_id[m].wire[0] for m in sorted(members) if by_id[m].wire), None)
                best[members] = CopyGroup(
                    articles=tuple(a.id for a in articles if a.id in members),
                    pivot=pivot,
                    words=words,
                    spans=tuple(spans),
                    source=wire,
                )
    return sorted(best.values(), key=lambda g: (-len(g.articles), -g.words))


def summarise(pairs: Sequence[PairReuse], articles: Sequence[Article]) -> ReuseSummary:
    return ReuseSummary(
        groups=tuple(copy_groups(pairs, articles)),
        substitutions=tuple(substitutions(pairs, articles)),
    )
