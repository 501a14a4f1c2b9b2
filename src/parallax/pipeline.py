"""A pipeline of named stages over an :class:`~parallax.model.Analysis`.

A stage declares what it ``requires`` (section names, or ``articles``) and what it
``assigns``; :func:`check_chain` refuses a pipeline whose order cannot work before
anything runs.  Built-in stages register with :func:`stage` exactly as a plugin would.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from parallax.errors import PipelineError
from parallax.model import Analysis, Notice

log = logging.getLogger("parallax.pipeline")


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


def debug_requested() -> bool:
    """``PARALLAX_DEBUG=1`` (or ``--debug``) makes a failing stage raise, for developers."""
    return os.environ.get("PARALLAX_DEBUG", "") not in ("", "0")


def run_pipeline(
    analysis: Analysis, stages: list[Stage] | None = None, *, debug: bool | None = None
) -> Analysis:
    """Run ``stages`` (default: all registered) in order, timing each one.

    A stage that raises loses only its own sections: they are left out, a
    ``stage-failed`` warning names the stage and the error, and every later stage that
    requires one of those sections is skipped with a ``stage-skipped`` warning.  With
    ``debug`` (default: ``PARALLAX_DEBUG`` is set) the exception propagates instead.
    """
    chain = default_stages() if stages is None else stages
    check_chain(chain)
    debug = debug_requested() if debug is None else debug
    sections = dict(analysis.sections)
    warnings = list(analysis.warnings)
    timings = dict(analysis.timings)
    lost: dict[str, str] = {}  # section -> the stage whose failure lost it
    for st in chain:
        blocked = [r for r in st.requires if r in lost]
        if blocked:
            warnings.append(_skipped(st, blocked, lost))
            lost.update(dict.fromkeys(st.assigns, st.name))
            continue
        started = time.perf_counter()
        current = replace(analysis, sections=sections, warnings=tuple(warnings))
        try:
            out = st.func(current)
        except Exception as exc:
            if debug:
                raise
            log.warning("stage %s failed", st.name, exc_info=True)
            warnings.append(_failed(st, exc))
            lost.update(dict.fromkeys(st.assigns, st.name))
            timings[st.name] = time.perf_counter() - started
            continue
        sections.update(out.sections)
        warnings.extend(out.warnings)
        timings[st.name] = time.perf_counter() - started
    return replace(analysis, sections=sections, warnings=tuple(warnings), timings=timings)


def _missing(st: Stage) -> str:
    if not st.assigns:
        return "no section is missing"
    return "missing from this report: " + ", ".join(st.assigns)


def _failed(st: Stage, exc: Exception) -> Notice:
    reason = f"{exc.__class__.__name__}: {exc}" if str(exc) else exc.__class__.__name__
    reason = reason if len(reason) <= 300 else reason[:297] + "..."
    return Notice(
        "stage-failed",
        f"the {st.name} stage failed ({reason}); {_missing(st)}. "
        "Please report it; PARALLAX_DEBUG=1 shows the traceback",
        stage=st.name,
    )


def _skipped(st: Stage, blocked: list[str], lost: dict[str, str]) -> Notice:
    causes = sorted({lost[r] for r in blocked})
    return Notice(
        "stage-skipped",
        f"the {st.name} stage was skipped because it needs {', '.join(blocked)} "
        f"from the failed {', '.join(causes)} stage; {_missing(st)}",
        stage=st.name,
    )


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
