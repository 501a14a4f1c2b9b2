"""A pipeline of named stages over an :class:`~parallax.model.Analysis`.

A stage declares the sections it ``requires`` (it cannot run without them), the ones
it ``reads`` when present, and the ones it ``assigns``.  It is a function
``(analysis, context) -> StageOutput``: the :class:`Context` brings the run's options
and its :class:`Resources` (parses and embeddings, cached for this run only), so a
stage holds no state of its own.  Built-in stages register with :func:`stage`
exactly as a plugin would.

:class:`Pipeline` refuses two stages with one name and an order that cannot work,
runs only the stages whose sections are missing or stale (made with other options or
another version) and those downstream of them, shows each stage only the sections it
declares, and isolates failures: a stage that raises loses only its own sections.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from parallax.errors import PipelineError
from parallax.model import Analysis, Article, Notice, Provenance, StageRecord
from parallax.options import Options

log = logging.getLogger("parallax.pipeline")


class Resources(Protocol):
    """What stages may ask of the run: parses and embeddings (``parallax.runtime``)."""

    def parse(self, articles: Sequence[Article]) -> dict[str, Any]: ...

    def prefetch(self, articles: Sequence[Article]) -> None: ...

    def embed(self, texts: Sequence[str]) -> dict[str, Any]: ...

    def prefetch_embed(self, texts: Sequence[str]) -> None: ...

    def token_states(self, texts: Sequence[str], layer: int = 3) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class Context:
    """One run's settings and resources, handed to every stage."""

    resources: Resources
    options: Options = field(default_factory=Options)


@dataclass(frozen=True, slots=True)
class StageOutput:
    """What a stage adds: new sections and warnings."""

    sections: Mapping[str, Any] = field(default_factory=dict)
    warnings: tuple[Notice, ...] = ()


StageFunc = Callable[[Analysis, Context], StageOutput]


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    func: StageFunc
    requires: tuple[str, ...] = ("articles",)
    assigns: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()  # sections used when present, not required

    @property
    def declared(self) -> frozenset[str]:
        return frozenset((*self.requires, *self.reads, *self.assigns))


_REGISTRY: dict[str, Stage] = {}
DEFAULT_ORDER: list[str] = []


def stage(
    name: str,
    *,
    requires: Iterable[str] = ("articles",),
    assigns: Iterable[str] = (),
    reads: Iterable[str] = (),
    default: bool = True,
) -> Callable[[StageFunc], StageFunc]:
    """Register ``func`` as stage ``name`` (and, by default, in the default pipeline)."""

    def register(func: StageFunc) -> StageFunc:
        _REGISTRY[name] = Stage(name, func, tuple(requires), tuple(assigns), tuple(reads))
        if default and name not in DEFAULT_ORDER:
            DEFAULT_ORDER.append(name)
        return func

    return register


def get_stage(name: str) -> Stage:
    load_builtins()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise PipelineError(f"unknown stage {name!r}; known stages: {known}") from None


def default_stages() -> list[Stage]:
    """Built-in stages in pipeline order, then plugins in the order they registered."""
    load_builtins()
    rank = {name: i for i, name in enumerate(BUILTIN_STAGES)}
    names = sorted(DEFAULT_ORDER, key=lambda n: rank.get(n, len(rank) + DEFAULT_ORDER.index(n)))
    return [_REGISTRY[name] for name in names]


def check_chain(stages: Sequence[Stage], available: Iterable[str] = ()) -> None:
    """Raise :class:`PipelineError` if two stages share a name, or a stage needs a section
    that neither ``available`` nor an earlier stage provides."""
    seen: set[str] = set()
    have = {"articles", *available}
    for st in stages:
        if st.name in seen:
            raise PipelineError(f"two stages are named {st.name!r}; stage names must be unique")
        seen.add(st.name)
        missing = [r for r in st.requires if r not in have]
        if missing:
            raise PipelineError(
                f"stage {st.name!r} needs {', '.join(missing)}, which no earlier stage assigns"
            )
        have.update(st.assigns)


def debug_requested() -> bool:
    """``PARALLAX_DEBUG=1`` (or ``--debug``) makes a failing stage raise, for developers."""
    return os.environ.get("PARALLAX_DEBUG", "") not in ("", "0")


class _Declared(Mapping[str, Any]):
    """The sections a stage declared; reading any other existing section is a bug."""

    def __init__(self, sections: Mapping[str, Any], st: Stage) -> None:
        self._sections = sections
        self._stage = st

    def __getitem__(self, key: str) -> Any:
        if key not in self._stage.declared and key in self._sections:
            raise PipelineError(
                f"stage {self._stage.name!r} reads section {key!r} without declaring it "
                "in requires= or reads="
            )
        return self._sections[key]

    def __contains__(self, key: object) -> bool:
        return key in self._stage.declared and key in self._sections

    def __iter__(self) -> Iterator[str]:
        return (k for k in self._sections if k in self._stage.declared)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class Pipeline:
    """Stages in order; :meth:`run` brings an analysis up to date with the options."""

    def __init__(self, stages: Sequence[Stage] | None = None) -> None:
        self.stages: tuple[Stage, ...] = tuple(default_stages() if stages is None else stages)
        names = [st.name for st in self.stages]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise PipelineError(f"two stages are named {twice[0]!r}; stage names must be unique")

    def plan(self, analysis: Analysis, options: Options) -> list[Stage]:
        """The stages to run: missing or stale sections, and everything downstream."""
        from parallax.version import __version__

        made = analysis.provenance.stages
        dirty: set[str] = set()
        out: list[Stage] = []
        for st in self.stages:
            record = made.get(st.name)
            current = StageRecord(options.digest(st.name), __version__)
            needs = (
                record != current
                or any(s not in analysis.sections for s in st.assigns)
                or any(r in dirty for r in (*st.requires, *st.reads))
            )
            if needs:
                out.append(st)
                dirty.update(st.assigns)
        return out

    def run(self, analysis: Analysis, context: Context, *, debug: bool | None = None) -> Analysis:
        """Run what :meth:`plan` says, timing each stage.

        A stage that raises loses only its own sections: they are left out, a
        ``stage-failed`` warning names the stage and the error, and every later stage
        that requires one of them is skipped with a ``stage-skipped`` warning.  With
        ``debug`` (default: ``PARALLAX_DEBUG`` is set) the exception propagates.
        """
        from parallax.version import __version__

        check_chain(self.stages, available=analysis.sections)
        debug = debug_requested() if debug is None else debug
        todo = self.plan(analysis, context.options)
        rerun = {st.name for st in todo}
        sections = {
            k: v for k, v in analysis.sections.items() if not any(k in st.assigns for st in todo)
        }
        warnings = [w for w in analysis.warnings if w.stage not in rerun]
        timings = dict(analysis.timings)
        made = {k: v for k, v in analysis.provenance.stages.items() if k not in rerun}
        lost: dict[str, str] = {}  # section -> the stage whose failure lost it
        for st in todo:
            blocked = [r for r in st.requires if r in lost]
            if blocked:
                warnings.append(_skipped(st, blocked, lost))
                lost.update(dict.fromkeys(st.assigns, st.name))
                continue
            started = time.perf_counter()
            view = replace(analysis, sections=_Declared(sections, st), warnings=tuple(warnings))
            try:
                out = st.func(view, context)
                undeclared = sorted(set(out.sections) - set(st.assigns))
                if undeclared:
                    raise PipelineError(
                        f"stage {st.name!r} assigned {', '.join(undeclared)} "
                        "without declaring it in assigns="
                    )
            except Exception as exc:
                if debug:
                    raise
                log.warning("stage %s failed", st.name, exc_info=True)
                warnings.append(_failed(st, exc))
                lost.update(dict.fromkeys(st.assigns, st.name))
                timings[st.name] = time.perf_counter() - started
                continue
            sections.update(out.sections)
            warnings.extend(w if w.stage else replace(w, stage=st.name) for w in out.warnings)
            timings[st.name] = time.perf_counter() - started
            made[st.name] = StageRecord(context.options.digest(st.name), __version__)
        provenance = Provenance(options=context.options.to_dict(), stages=made)
        return replace(
            analysis,
            sections=sections,
            warnings=tuple(warnings),
            timings=timings,
            provenance=provenance,
        )


def run_pipeline(
    analysis: Analysis,
    stages: Sequence[Stage] | None = None,
    *,
    context: Context,
    debug: bool | None = None,
) -> Analysis:
    """Run ``stages`` (default: all registered) over ``analysis``; see :class:`Pipeline`."""
    return Pipeline(stages).run(analysis, context, debug=debug)


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


def load_builtins() -> None:
    """Import the modules that register the built-in stages (once)."""
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    import importlib

    for name in BUILTIN_STAGES:  # in pipeline order
        importlib.import_module(f"parallax.{name}")
