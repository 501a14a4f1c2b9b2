"""Every tuning knob of the analysis in one frozen object, with defaults and a record.

Each stage reads its own part (``options.facts``, ``options.reuse``, ...).  Options
are set from Python (``Options().with_settings({"facts.join": 0.7})``), from the
command line (``--set facts.join=0.7``) or from a TOML/JSON file (``--config``), and
are written into every analysis with the version, so a stored analysis says how it
was made.  :meth:`Options.digest` of one part tells whether a stored section is stale.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from parallax.errors import ParallaxError


class OptionsError(ParallaxError):
    """An option name or value that does not exist or does not parse."""


@dataclass(frozen=True, slots=True)
class RelatedOptions:
    min_similarity: float = 0.10  # below this cosine to every other article: another event
    signature: int = 40  # heaviest terms of each article put in the index
    max_postings: int = 200  # terms in more articles than this propose no candidates
    candidates: int = 20  # articles compared exactly per article


@dataclass(frozen=True, slots=True)
class ReuseOptions:
    n: int = 5  # words per seed n-gram
    max_df: int = 100  # n-grams in more articles than this are boilerplate, not copy
    min_shared_words: int = 10  # a passage must share at least this many words
    min_shared_ratio: float = 0.5  # ... and at least this share of its longer side
    min_shared_per_rewritten: float = 1.5  # shared words per word rewritten (3+ both sides)
    max_widen: int = 25  # words a passage may grow to reach a sentence boundary
    max_replace_words: int = 6  # a replacement longer than this on both sides is new text
    max_edit_words: int = 40  # an insertion or deletion longer than this ends the passage


@dataclass(frozen=True, slots=True)
class FactsOptions:
    join: float = 0.35  # a new member must match each member of a fact this well
    consensus: float = 0.9  # every pair of a fact all articles report must match this well
    packed: float = 0.0  # a one-sided best match this likely still counts (facts/cluster.py)
    lex_min: float = 0.02  # below this, with no shared figure, a pair is no candidate
    lex_sure: float = 0.75  # at or above this the wording itself shows the same statement
    max_postings: int = 60  # words in more statements than this propose no candidates
    embed: bool = True  # use sentence embeddings for the pairs they could decide
    claims: bool = True  # compare claims from the parse (the shipped model weighs them)


@dataclass(frozen=True, slots=True)
class VoicesOptions:
    tolerance: float = 0.02  # figures this close (relative) agree
    max_ratio: float = 3.0  # figures further apart than this measure different things


@dataclass(frozen=True, slots=True)
class FramingOptions:
    coref_window: int = 700  # characters back in which a description's actor must be named


@dataclass(frozen=True, slots=True)
class BriefOptions:
    max_sentences: int = 15  # consensus facts first, then the most supported partial ones
    max_single: int = 10  # one-outlet facts listed apart


_PARTS: dict[str, type] = {
    "related": RelatedOptions,
    "reuse": ReuseOptions,
    "facts": FactsOptions,
    "voices": VoicesOptions,
    "framing": FramingOptions,
    "brief": BriefOptions,
}


@dataclass(frozen=True, slots=True)
class Options:
    """All analysis settings; the defaults are what the evaluations were measured with."""

    related: RelatedOptions = field(default_factory=RelatedOptions)
    reuse: ReuseOptions = field(default_factory=ReuseOptions)
    facts: FactsOptions = field(default_factory=FactsOptions)
    voices: VoicesOptions = field(default_factory=VoicesOptions)
    framing: FramingOptions = field(default_factory=FramingOptions)
    brief: BriefOptions = field(default_factory=BriefOptions)

    def to_dict(self) -> dict[str, dict[str, Any]]:
        return {name: asdict(getattr(self, name)) for name in _PARTS}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Options:
        return cls().with_settings(_flatten(data))

    def digest(self, part: str | None = None) -> str:
        """A short hash of one part (or of all): equal digests, equal settings."""
        data: Any = self.to_dict() if part is None else self.to_dict().get(part, {})
        raw = json.dumps(data, sort_keys=True).encode("utf-8")
        return hashlib.sha1(raw).hexdigest()[:12]

    def with_settings(self, settings: Mapping[str, Any] | Iterable[str]) -> Options:
        """A copy with ``{"facts.join": 0.7}`` or ``["facts.join=0.7"]`` applied."""
        pairs = settings.items() if isinstance(settings, Mapping) else map(_split, settings)
        out = self
        for key, value in pairs:
            part_name, _, name = key.partition(".")
            part = getattr(out, part_name, None) if part_name in _PARTS else None
            if part is None or not name:
                known = ", ".join(_PARTS)
                raise OptionsError(f"unknown option {key!r}: it starts with one of {known}")
            kinds = {f.name: f.type for f in fields(part)}
            if name not in kinds:
                names = ", ".join(f"{part_name}.{n}" for n in kinds)
                raise OptionsError(f"unknown option {key!r}; {part_name} options are: {names}")
            typed = _coerce(key, value, str(kinds[name]))
            out = replace(out, **{part_name: replace(part, **{name: typed})})
        return out


def load_options(path: Path) -> Options:
    """Options from a TOML (``[facts]`` / ``join = 0.7``) or JSON file."""
    try:
        raw = path.read_text("utf-8")
    except OSError as exc:
        raise OptionsError(f"{path}: cannot read the options file ({exc.strerror})") from exc
    try:
        data = json.loads(raw) if path.suffix == ".json" else tomllib.loads(raw)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        kind = "JSON" if path.suffix == ".json" else "TOML"
        raise OptionsError(f"{path}: not valid {kind}: {exc}") from exc
    if not isinstance(data, dict):
        raise OptionsError(f"{path}: the options file must hold a table of sections")
    return Options.from_dict(data)


def _split(setting: str) -> tuple[str, str]:
    key, sep, value = setting.partition("=")
    if not sep:
        raise OptionsError(f"option {setting!r} needs a value: NAME=VALUE, e.g. facts.join=0.7")
    return key.strip(), value.strip()


def _flatten(data: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for part, values in data.items():
        if not isinstance(values, Mapping):
            raise OptionsError(f"option section {part!r} must be a table of NAME = VALUE")
        for name, value in values.items():
            out[f"{part}.{name}"] = value
    return out


def _coerce(key: str, value: Any, kind: str) -> Any:
    try:
        if kind == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).lower()
            if text not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError(value)
            return text in ("true", "1", "yes")
        if kind == "int":
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError(value)
            return int(value)
        if isinstance(value, bool):
            raise ValueError(value)
        return float(value)
    except (TypeError, ValueError):
        raise OptionsError(f"option {key} takes a {kind}, not {value!r}") from None
