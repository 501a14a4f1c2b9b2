"""Stories of real news articles from ``../shared/realdata/``, as Parallax inputs.

The folder sits beside the repository (``$PARALLAX_REALDATA`` overrides it) and holds
public research data sets of real articles; see its README.  Their text is the
outlets' copyright: it is read from there at run time and never copied into the
repository, not even as an excerpt.  Only ids (``basil:<file stem>``) are stored.

- **BASIL**: 50 events, each covered by Fox News, The New York Times and HuffPost:
  one story per ``triplet-uuid``, three articles.
- **PolNeAR** and **PTC**: single articles not grouped by event, paired two by two in
  sorted file order (an odd one out joins the first article), so each pair is an
  "unrelated" story, which the pipeline must survive as well.

:func:`stories` lists every story, :func:`sample` takes a deterministic, evenly spread
subset of each corpus, and :func:`build_story` cleans the articles the way real
ingestion does.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parallax.build import RawArticle, build_article
from parallax.model import Article

CORPORA = ("basil", "polnear", "ptc")
BASIL_OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}
POLNEAR_OUTLETS = {
    "breitbart": "Breitbart",
    "huff-post": "HuffPost",
    "nyt": "The New York Times",
    "politico": "Politico",
    "usa-today": "USA Today",
    "wash-post": "The Washington Post",
    "west-journal": "Western Journal",
}


@dataclass(frozen=True, slots=True)
class Story:
    """One story: a stable id (``basil:<triplet-uuid>``, ``ptc:3``) and its articles."""

    id: str
    corpus: str
    articles: tuple[RawArticle, ...]


def root() -> Path:
    """The realdata folder: ``$PARALLAX_REALDATA``, else ``../shared/realdata``."""
    env = os.environ.get("PARALLAX_REALDATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared" / "realdata"


def available(where: Path | None = None) -> bool:
    base = where or root()
    return any((base / name).is_dir() for name in ("basil-dev", "polnear-train", "ptc-dev"))


def _basil(base: Path) -> Iterator[Story]:
    folder = base / "basil-dev" / "articles"
    if not folder.is_dir():
        return
    events: dict[str, list[tuple[str, RawArticle]]] = {}
    for path in sorted(folder.glob("*/*.json")):
        data: dict[str, Any] = json.loads(path.read_text("utf-8"))
        paragraphs = [" ".join(s.strip() for s in par) for par in data.get("body-paragraphs", [])]
        code = str(data.get("source", ""))
        raw = RawArticle(
            source=f"basil:{path.stem}",
            body="\n".join(p for p in paragraphs if p.strip()),
            title=data.get("title") or None,
            published=data.get("date") or None,
            url=data.get("url") or None,
            outlet=BASIL_OUTLETS.get(code, code or None),
        )
        events.setdefault(str(data.get("triplet-uuid", path.stem)), []).append((code, raw))
    order = {code: i for i, code in enumerate(BASIL_OUTLETS)}
    for event in sorted(events):
        arts = sorted(events[event], key=lambda item: (order.get(item[0], 9), item[1].source))
        yield Story(f"basil:{event}", "basil", tuple(raw for _, raw in arts))


def _title_and_body(text: str) -> tuple[str | None, str]:
    """PolNeAR and PTC files: the title on the first line, then the body."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first, _, rest = text.partition("\n")
    title = first.strip().rstrip(".") or None
    return title, rest


def _pairs(corpus: str, raws: Sequence[RawArticle]) -> Iterator[Story]:
    for i in range(0, len(raws), 2):
        pair = list(raws[i : i + 2])
        if len(pair) == 1:
            if len(raws) < 2:
                return
            pair.append(raws[0])
        yield Story(f"{corpus}:{i // 2}", corpus, tuple(pair))


def _polnear(base: Path) -> Iterator[Story]:
    folder = base / "polnear-train"
    if not (folder / "text").is_dir():
        return
    meta: dict[str, dict[str, str]] = {}
    metadata = folder / "metadata.tsv"
    if metadata.is_file():
        with metadata.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                meta[row.get("filename", "")] = row
    raws = []
    for path in sorted((folder / "text").glob("*.txt")):
        row = meta.get(path.stem, {})
        title, body = _title_and_body(path.read_text("utf-8"))
        publisher = row.get("publisher") or path.stem.split("_", 1)[0]
        raws.append(
            RawArticle(
                source=f"polnear:{path.stem}",
                body=body,
                title=row.get("title") or title,
                published=row.get("publication_date") or None,
                outlet=POLNEAR_OUTLETS.get(publisher, publisher),
            )
        )
    yield from _pairs("polnear", raws)


def _ptc(base: Path) -> Iterator[Story]:
    folder = base / "ptc-dev" / "articles"
    if not folder.is_dir():
        return
    raws = []
    for path in sorted(folder.glob("*.txt")):
        title, body = _title_and_body(path.read_text("utf-8"))
        # The corpus does not name the outlet: let Parallax infer it, as it would.
        raws.append(RawArticle(source=f"ptc:{path.stem}", body=body, title=title))
    yield from _pairs("ptc", raws)


def stories(where: Path | None = None, corpora: Sequence[str] = CORPORA) -> list[Story]:
    """Every story of the chosen corpora, in a stable order (empty if the folder is absent)."""
    base = where or root()
    readers = {"basil": _basil, "polnear": _polnear, "ptc": _ptc}
    out: list[Story] = []
    for name in corpora:
        out.extend(readers[name](base))
    return out


def spread(items: Sequence[Story], count: int) -> list[Story]:
    """``count`` items evenly spread over ``items`` (every k-th), always the same ones."""
    if count <= 0 or not items:
        return []
    if count >= len(items):
        return list(items)
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def sample(per_corpus: dict[str, int], where: Path | None = None) -> list[Story]:
    """A deterministic sample: ``per_corpus[name]`` stories evenly spread over each corpus."""
    out: list[Story] = []
    for name, count in per_corpus.items():
        out.extend(spread(stories(where, corpora=(name,)), count))
    return out


def build_story(story: Story) -> list[Article]:
    """The story's articles cleaned and segmented as real ingestion does."""
    return [build_article(raw).article for raw in story.articles]
