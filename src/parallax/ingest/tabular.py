"""JSON Lines and CSV files of articles, for researchers with their own data sets.

Columns (any order; only ``text`` is required): ``outlet``, ``title``, ``date``
(or ``published``), ``url``, ``text`` (or ``body``/``content``), ``authors``.
A row that cannot be read is reported and skipped.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from parallax.build import RawArticle
from parallax.errors import InputError

_TEXT_KEYS = ("text", "body", "content", "article")
_DATE_KEYS = ("date", "published", "published_at", "publish_date")


@dataclass(frozen=True, slots=True)
class RowsResult:
    articles: tuple[RawArticle, ...]
    failures: tuple[InputError, ...]


def _first(row: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = row.get(key)
        if value not in (None, ""):
            return str(value)
    return None


def _row_article(row: dict[str, Any], label: str) -> RawArticle:
    row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    text = _first(row, _TEXT_KEYS)
    if not text or not text.strip():
        raise InputError(label, "the row has no 'text' column or it is empty")
    date = _first(row, _DATE_KEYS)
    match = re.match(r"\d{4}-\d{2}-\d{2}", date or "")
    authors = row.get("authors") or row.get("author") or ()
    if isinstance(authors, str):
        authors = tuple(a.strip() for a in re.split(r"[;|]", authors) if a.strip())
    return RawArticle(
        source=label,
        body=text.replace("\r\n", "\n").replace("\n\n", "\n"),
        title=_first(row, ("title", "headline")),
        published=match.group(0) if match else None,
        authors=tuple(authors),
        url=_first(row, ("url", "link")),
        outlet=_first(row, ("outlet", "source", "publisher", "site")),
    )


def iter_jsonl(lines: Iterable[str], source: str) -> Iterator[RawArticle | InputError]:
    """One article (or the reason a line is unusable) per line, read as it comes."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        label = f"{source} line {number}"
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise InputError(label, "each line must be a JSON object")
            yield _row_article(row, label)
        except json.JSONDecodeError as exc:
            yield InputError(label, f"not valid JSON ({exc.msg})")
        except InputError as exc:
            yield exc


def parse_jsonl(text: str, source: str) -> RowsResult:
    items = list(iter_jsonl(text.splitlines(), source))
    return RowsResult(
        tuple(i for i in items if isinstance(i, RawArticle)),
        tuple(i for i in items if isinstance(i, InputError)),
    )


def iter_csv(handle: TextIO, source: str) -> Iterator[RawArticle | InputError]:
    """One article (or the reason a row is unusable) per row, read as it comes; raises
    :class:`InputError` when the file has no usable header or breaks the CSV format."""
    sample = handle.read(4096)
    handle.seek(0)
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    csv.field_size_limit(64 * 1024 * 1024)
    reader = csv.DictReader(handle, delimiter=delimiter)
    if not reader.fieldnames or not set(_TEXT_KEYS) & {
        f.strip().lower() for f in reader.fieldnames
    }:
        raise InputError(source, "the CSV needs a header row with a 'text' column")
    try:
        for number, row in enumerate(reader, start=2):
            label = f"{source} row {number}"
            try:
                yield _row_article(row, label)
            except InputError as exc:
                yield exc
    except csv.Error as exc:
        raise InputError(source, f"the CSV is malformed ({exc})") from exc


def parse_csv(text: str, source: str) -> RowsResult:
    items = list(iter_csv(io.StringIO(text), source))
    return RowsResult(
        tuple(i for i in items if isinstance(i, RawArticle)),
        tuple(i for i in items if isinstance(i, InputError)),
    )
