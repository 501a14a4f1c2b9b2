"""Reading articles from files, URLs, feeds, data files and stdin.

One loader per kind, chosen by extension and content.  :func:`read_inputs` reads many
inputs, turning each failure into a warning so one bad input never loses the others.

An input may name its outlet explicitly: ``"Channel 9=page.html"`` (the text before
the first ``=`` is the outlet, unless the whole string is an existing path or a URL).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from parallax.build import RawArticle, build_article
from parallax.decode import decode_bytes
from parallax.errors import InputError
from parallax.ingest.feeds import looks_like_feed, parse_feed
from parallax.ingest.fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, fetch, human_size
from parallax.ingest.html import looks_like_html, parse_html
from parallax.ingest.tabular import parse_csv, parse_jsonl
from parallax.ingest.text import parse_plain
from parallax.model import Article, Notice

__all__ = ["Ingested", "InputSpec", "ReadOptions", "parse_spec", "read_inputs"]


@dataclass(frozen=True, slots=True)
class InputSpec:
    """One input as the user gave it: a path, a URL or ``-``, and maybe an outlet name."""

    target: str
    outlet: str | None = None
    title: str | None = None  # named by the user; wins over the one read
    data: bytes | None = None  # the input's content already in hand (a web form, an upload)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    public_only: bool = False  # fetch only public addresses (the web app's SSRF guard)


@dataclass(frozen=True, slots=True)
class Ingested:
    articles: tuple[Article, ...]
    warnings: tuple[Notice, ...] = field(default_factory=tuple)


def is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def parse_spec(arg: str) -> InputSpec:
    """``OUTLET=INPUT`` names the outlet; a plain path, URL or ``-`` does not."""
    if arg == "-" or is_url(arg) or Path(arg).exists() or "=" not in arg:
        return InputSpec(arg)
    outlet, _, target = arg.partition("=")
    if not outlet.strip() or not target or ("/" in outlet and not is_url(target)):
        return InputSpec(arg)
    return InputSpec(target, outlet.strip())


def _raws_from_text(
    text: str, source: str, suffix: str, url: str | None, opts: ReadOptions, notes: list[Notice]
) -> list[RawArticle]:
    """Pick the loader by extension first, then by content."""

    def fetch_page(link: str) -> RawArticle:
        return _raws_from_url(link, opts, notes)[0]

    if suffix in (".jsonl", ".ndjson") or (suffix == ".json" and text.lstrip().startswith("{")):
        rows = parse_jsonl(text, source)
        _note_failures(rows.failures, notes)
        return list(rows.articles)
    if suffix in (".csv", ".tsv"):
        table = parse_csv(text, source)
        _note_failures(table.failures, notes)
        return list(table.articles)
    if suffix in (".rss", ".atom", ".xml") or looks_like_feed(text):
        feed = parse_feed(text, source, fetch_page)
        _note_failures(feed.failures, notes)
        return list(feed.articles)
    if suffix in (".html", ".htm", ".xhtml") or looks_like_html(text):
        return [parse_html(text, source, url)]
    return [parse_plain(text, source)]


def _note_failures(failures: Iterable[InputError], notes: list[Notice]) -> None:
    for exc in failures:
        notes.append(Notice("skipped-input", exc.message, source=exc.source))


def _raws_from_url(url: str, opts: ReadOptions, notes: list[Notice]) -> list[RawArticle]:
    got = fetch(url, timeout=opts.timeout, max_bytes=opts.max_bytes, public_only=opts.public_only)
    text = decode_bytes(got.data, url, declared=got.charset)
    suffix = ""
    if "rss" in got.content_type or "atom" in got.content_type:
        suffix = ".rss"
    elif "html" in got.content_type:
        suffix = ".html"
    return _raws_from_text(text, url, suffix, got.url, opts, notes)


def read_url(url: str, opts: ReadOptions, notes: list[Notice]) -> list[RawArticle]:
    """The raw articles at ``url``: one page, or every entry of a feed."""
    return _raws_from_url(url, opts, notes)


def _read_file(path: Path, opts: ReadOptions) -> bytes:
    source = str(path)
    if not path.exists():
        raise InputError(source, "no such file; check the path")
    if path.is_dir():
        raise InputError(
            source, "this is a folder; give its files, or use --batch for a folder of stories"
        )
    size = path.stat().st_size
    if size > opts.max_bytes:
        raise InputError(
            source,
            f"the file is {human_size(size)}, over the {human_size(opts.max_bytes)} cap; "
            "split it or raise --max-bytes",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot read the file ({exc.strerror})") from exc


def read_raw(
    spec: InputSpec,
    opts: ReadOptions,
    notes: list[Notice],
    stdin: Callable[[], bytes] | None = None,
) -> list[RawArticle]:
    """Every raw article of one input (a feed or data file gives several)."""
    target = spec.target
    if spec.data is not None:
        if len(spec.data) > opts.max_bytes:
            raise InputError(target, f"the input is over the {human_size(opts.max_bytes)} cap")
        text = decode_bytes(spec.data, target)
        suffix = Path(target).suffix.lower()
        raws = _raws_from_text(text, target, suffix, None, opts, notes)
    elif target == "-":
        data = (stdin or sys.stdin.buffer.read)()
        if len(data) > opts.max_bytes:
            raise InputError("<stdin>", f"the input is over the {human_size(opts.max_bytes)} cap")
        raws = _raws_from_text(decode_bytes(data, "<stdin>"), "<stdin>", "", None, opts, notes)
    elif is_url(target):
        raws = _raws_from_url(target, opts, notes)
    else:
        path = Path(target)
        data = _read_file(path, opts)
        text = decode_bytes(data, target)
        raws = _raws_from_text(text, target, path.suffix.lower(), None, opts, notes)
    if spec.outlet:
        raws = [replace(r, outlet=spec.outlet) for r in raws]
    if spec.title:
        raws = [replace(r, title=spec.title) for r in raws]
    return raws


def read_inputs(
    specs: Iterable[InputSpec | str],
    opts: ReadOptions | None = None,
    stdin: Callable[[], bytes] | None = None,
) -> Ingested:
    """Read and build every article; failures become warnings, duplicates are dropped.

    A duplicate is the same article reached twice: the same input (same outlet and URL
    or file), or the same text under the same outlet.  The same text under two outlets
    is kept twice, with an ``identical-copy`` notice: one outlet ran the other's copy
    (or both ran a wire's) word for word, which is a finding, not a duplicate.
    """
    opts = opts or ReadOptions()
    notes: list[Notice] = []
    articles: list[Article] = []
    seen: dict[str, str] = {}
    texts: dict[tuple[str, str], str] = {}  # (content hash, outlet) -> source
    first_with: dict[str, Article] = {}  # content hash -> first article with that text
    for item in specs:
        spec = parse_spec(item) if isinstance(item, str) else item
        try:
            raws = read_raw(spec, opts, notes, stdin)
        except InputError as exc:
            notes.append(Notice("skipped-input", exc.message, source=exc.source))
            continue
        for raw in raws:
            try:
                built = build_article(raw)
            except InputError as exc:
                notes.append(Notice("skipped-input", exc.message, source=exc.source))
                continue
            art = built.article
            earlier = seen.get(art.id) or texts.get((art.content_hash, art.outlet))
            if earlier is not None:
                notes.append(
                    Notice(
                        "duplicate-article",
                        f"the same article as {earlier}; compared once",
                        source=raw.source,
                        article=art.id,
                    )
                )
                continue
            seen[art.id] = texts[(art.content_hash, art.outlet)] = raw.source
            same = first_with.setdefault(art.content_hash, art)
            if same is not art:
                notes.append(
                    Notice(
                        "identical-copy",
                        f"{art.outlet} ran the same text as {same.outlet}, word for word "
                        f"({same.source}); both are compared",
                        source=raw.source,
                        article=art.id,
                    )
                )
            articles.append(art)
            notes.extend(built.notices)
    return Ingested(tuple(articles), tuple(notes))
