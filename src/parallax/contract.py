"""The JSON contract: its schema, and checks that a document keeps it.

``python -m parallax.contract FILE.json`` validates a file and prints what is wrong.
Besides the schema, :func:`check_offsets` verifies that every span lies inside its
article's text, which a schema cannot express.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

from jsonschema import Draft202012Validator

SCHEMA_VERSION = 1


@cache
def schema() -> dict[str, Any]:
    name = f"schema/parallax-{SCHEMA_VERSION}.schema.json"
    loaded: dict[str, Any] = json.loads(
        resources.files("parallax").joinpath(name).read_text("utf-8")
    )
    return loaded


def check_offsets(data: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    for art in data.get("articles", []):
        n = len(art.get("text", ""))
        spans = list(art.get("sentences", [])) + list(art.get("paragraphs", []))
        if art.get("dateline"):
            spans.append(art["dateline"])
        for start, end in spans:
            if not 0 <= start < end <= n:
                problems.append(f"article {art.get('id')}: span [{start}, {end}] outside its text")
        sentences = art.get("sentences", [])
        for (_, end_a), (start_b, _) in pairwise(sentences):
            if start_b < end_a:
                problems.append(f"article {art.get('id')}: sentences overlap at {start_b}")
    problems += _check_reuse_offsets(data)
    spans = list(data.get("quotes", []) or []) + list(data.get("other_figures", []) or [])
    spans += list(data.get("loaded", []) or [])
    spans += [m for g in data.get("numbers", []) or [] for m in g.get("mentions", [])]
    for item in spans:
        if not _inside(data, item["article"], [item["start"], item["end"]]):
            problems.append(
                f"{item['article']}: span [{item['start']}, {item['end']}] outside its text"
            )
        elif _text_of(data, item["article"], item["start"], item["end"]) != item["text"]:
            problems.append(f"{item['article']}: text at [{item['start']}, {item['end']}] differs")
    return problems


def _text_of(data: dict[str, Any], article_id: str, start: int, end: int) -> str:
    for art in data.get("articles", []):
        if art.get("id") == article_id:
            return str(art.get("text", ""))[start:end]
    return ""


def _inside(data: dict[str, Any], article_id: str, span: list[int]) -> bool:
    for art in data.get("articles", []):
        if art.get("id") == article_id:
            return 0 <= span[0] <= span[1] <= len(art.get("text", ""))
    return False


def _check_reuse_offsets(data: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    for pair in data.get("reuse", []) or []:
        a_id, b_id = pair.get("articles", ["", ""])
        for passage in pair.get("passages", []):
            spans = [("a", passage["a"]), ("b", passage["b"])]
            for edit in passage.get("edits", []):
                spans += [("a", edit["a"]), ("b", edit["b"])]
            for side, span in spans:
                if not _inside(data, a_id if side == "a" else b_id, span):
                    problems.append(f"reuse {a_id}/{b_id}: span {span} outside article {side}")
        for item in pair.get("outside", []) or []:
            if item.get("other_place") != "body":
                continue
            start, end = item["other_span"]
            if _text_of(data, item["other"], start, end) != item["other_text"]:
                problems.append(
                    f"reuse {a_id}/{b_id}: outside copy's other_text is not the text at "
                    f"{item['other_span']} of {item['other']}"
                )
    return problems


def validate(data: dict[str, Any]) -> list[str]:
    """Every way ``data`` breaks the contract, as readable lines (empty when it keeps it)."""
    validator = Draft202012Validator(schema())
    problems = [
        f"{'/'.join(map(str, err.absolute_path)) or '(top)'}: {err.message}"
        for err in sorted(
            validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))
        )
    ]
    return problems + check_offsets(data)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m parallax.contract FILE.json", file=sys.stderr)
        return 2
    try:
        with open(args[0], encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, json.JSONDecodeError) as exc:
        print(f"{args[0]}: cannot read JSON ({exc})", file=sys.stderr)
        return 2
    problems = validate(data)
    for problem in problems:
        print(f"{args[0]}: {problem}", file=sys.stderr)
    if not problems:
        print(f"{args[0]}: keeps contract version {SCHEMA_VERSION}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
