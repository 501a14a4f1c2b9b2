"""A pipeline of named stages over an :class:`~parallax.model.Analysis`.

A stage declares what it ``requires`` (section names, or ``articles``) and what it
``assigns``; :func:`check_chain` refuses a pipeline whose order cannot work before
anything runs.  Built-in stages register with :func:`stage` exactly as a plugin would.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from parallax.errors import PipelineError
from parallax.model import Analysis, Notice


@dataclass(frozen=True, slots=True)
class StageOutput:
    """What a stage adds: new sections and warnings."""

    sections: Mapping[str, Any] = field(default_factory=dict)
    warnings: tuple[Notice, ...] = ()


StageFunc = Callable[[Analysis], StageOutput]


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    func: StageFunc
    requires: tuple[str, ...] = ("articles",)
    assigns: tuple[str, ...] = ()


_REGISTRY: dict[str, Stage] = {}
DEFAULT_ORDER: list[str] = []


def stage(
    name: str,
    *,
    requires: Iterable[str] = ("articles",),
    assigns: Iterable[str] = (),
    default: bool = True,
) -> Callable[[StageFunc], StageFunc]:
    """Register ``func`` as stage ``name`` (and, by default, in the default pipeline)."""

    def register(func: StageFunc) -> StageFunc:
        _REGISTRY[name] = Stage(name, func, tuple(requires), tuple(assigns))
        if default and name not in DEFAULT_ORDER:
            DEFAULT_ORDER.append(name)
        return func

    return register


def get_stage(name: str) -> Stage:
    _load_builtins()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise PipelineError(f"unknown stage {name!r}; known stages: {known}") from None


def default_stages() -> list[Stage]:
    """Built-in stages in pipeline order, then plugins in the order they registered."""
    _load_builtins()
    rank = {name: i for i, name in enumerate(BUILTIN_STAGES)}
    names = sorted(DEFAULT_ORDER, key=lambda n: rank.get(n, len(rank) + DEFAULT_ORDER.index(n)))
    return [_REGISTRY[name] for name in names]


def check_chain(stages: list[Stage]) -> None:
    """Raise :class:`PipelineError` if a stage needs something no earlier stage assigns."""
    available = {"articles"}
    for st in stages:
        missing = [r for r in st.requires if r not in available]
        if missing:
            raise PipelineError(
                f"stage {st.name!r} needs {', '.join(missing)}, which no earlier stage assigns"
            )
        available.update(st.assigns)


def run_pipeline(analysis: Analysis, stages: list[Stage] | None = None) -> Analysis:
    """Run ``stages`` (default: all registered) in order, timing each one."""
    chain = default_stages() if stages is None else stages
    check_chain(chain)
    sections = dict(analysis.sections)
    warnings = list(analysis.warnings)
    timings = dict(analysis.timings)
    for st in chain:
        started = time.perf_counter()
        current = replace(analysis, sections=sections, warnings=tuple(warnings))
        out = st.func(current)
        sections.update(out.sections)
        warnings.extend(out.warnings)
        timings[st.name] = time.perf_counter() - started
    return replace(analysis, sections=sections, warnings=tuple(warnings), timings=timings)


_LOADED = False
BUILTIN_STAGES = ("related", "reuse", "facts", "voices", "framing", "brief")


def _load_builtins() -> None:
    """Import the modules that register the built-in stages (once)."""
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    import importlib

    for name in BUILTIN_STAGES:  # in pipeline order
        importlib.import_module(f"parallax.{name}")
