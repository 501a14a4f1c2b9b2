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
from dataclasses import dataclass
from typing import Any

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


def parse_jsonl(text: str, source: str) -> RowsResult:
    articles: list[RawArticle] = []
    failures: list[InputError] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label = f"{source} line {number}"
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise InputError(label, "each line must be a JSON object")
            articles.append(_row_article(row, label))
        except json.JSONDecodeError as exc:
            failures.append(InputError(label, f"not valid JSON ({exc.msg})"))
        except InputError as exc:
            failures.append(exc)
    return RowsResult(tuple(articles), tuple(failures))


def parse_csv(text: str, source: str) -> RowsResult:
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames or not set(_TEXT_KEYS) & {
        f.strip().lower() for f in reader.fieldnames
    }:
        raise InputError(source, "the CSV needs a header row with a 'text' column")
    articles: list[RawArticle] = []
    failures: list[InputError] = []
    try:
        for number, row in enumerate(reader, start=2):
            label = f"{source} row {number}"
            try:
                articles.append(_row_article(row, label))
            except InputError as exc:
                failures.append(exc)
    except csv.Error as exc:
        raise InputError(source, f"the CSV is malformed ({exc})") from exc
    return RowsResult(tuple(articles), tuple(failures))
