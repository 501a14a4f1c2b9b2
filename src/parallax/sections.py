"""One type per section: how each section's JSON form is loaded back into objects.

A stage assigns a section as objects (frozen dataclasses with ``to_dict``, tuples and
mappings of them); :meth:`Analysis.to_dict` writes their JSON form and
:meth:`Analysis.from_dict` calls :func:`load_section`, which gives back exactly what
the stage made, so ``Analysis.from_dict(a.to_dict()) == a`` and every stage runs on a
reloaded analysis.  A stage module registers the loader of each section it assigns
with :func:`section`; a section nobody registered stays JSON data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Loader = Callable[[Any], Any]

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
