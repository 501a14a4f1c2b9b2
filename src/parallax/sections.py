"""One type per section: how each section's JSON form is loaded back into objects.

A stage assigns a section as objects (frozen dataclasses with ``to_dict``, tuples and
mappings of them); :meth:`Analysis.to_dict` writes their JSON form and
:meth:`Analysis.from_dict` calls :func:`load_section`, which gives back exactly what
the stage made, so ``Analysis.from_dict(a.to_dict()) == a`` and every stage runs on a
reloaded analysis.  A stage module registers the loader of each section it assigns
with :func:`section`; a section nobody registered stays JSON data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

Loader = Callable[[Any], Any]
T = TypeVar("T")

_LOADERS: dict[str, Loader] = {}


def section(name: str, loader: Loader) -> None:
    """Register how section ``name`` is loaded from its JSON form."""
    _LOADERS[name] = loader


def load_section(name: str, data: Any) -> Any:
    from parallax.pipeline import load_builtins

    load_builtins()
    loader = _LOADERS.get(name)
    return loader(data) if loader is not None else data


def registered() -> tuple[str, ...]:
    return tuple(sorted(_LOADERS))


def loader(name: str) -> Loader | None:
    """The loader registered for section ``name``, if any."""
    from parallax.pipeline import load_builtins

    load_builtins()
    return _LOADERS.get(name)


def many(item: Callable[[Mapping[str, Any]], T]) -> Callable[[Iterable[Any]], tuple[T, ...]]:
    """A loader for a section that is a tuple of objects, each read with ``item``."""

    def load(data: Iterable[Any]) -> tuple[T, ...]:
        return tuple(item(d) for d in data or ())

    return load


def optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


def optional_str(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Mention:
    """A place in an article: ``(start, end)`` character offsets into its text."""

    article: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Mention:
        return cls(article=str(data["article"]), start=int(data["start"]), end=int(data["end"]))
