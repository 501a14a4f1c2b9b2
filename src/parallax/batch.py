"""Many stories at once: each subfolder of a folder is one story, one JSON per story.

One-off costs (models, lexicons) are paid once for the whole batch because stages
cache them per process.  A batch never stops for one story: a story that cannot be
compared at all is logged and skipped, a story whose analysis lost a stage is written
without that stage's sections, and both are listed in ``failures.json`` beside the
outputs.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parallax.errors import InputError, ParallaxError
from parallax.model import Analysis

log = logging.getLogger("parallax.batch")

FAILURES_FILE = "failures.json"


@dataclass(frozen=True, slots=True)
class StoryProblem:
    """A story that failed (``written`` is false) or was written without some stages."""

    story: str
    reason: str
    kind: str  # "input" (the user's data), "internal" (a bug), or "stage" (a stage failed)
    written: bool
    stages: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": self.story,
            "kind": self.kind,
            "written": self.written,
            "stages": list(self.stages),
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class BatchResult:
    written: tuple[Path, ...]
    problems: tuple[StoryProblem, ...]

    @property
    def failed(self) -> tuple[StoryProblem, ...]:
        """Stories with no output at all."""
        return tuple(p for p in self.problems if not p.written)

    @property
    def partial(self) -> tuple[StoryProblem, ...]:
        """Stories written with at least one stage missing."""
        return tuple(p for p in self.problems if p.written)


def story_folders(root: Path) -> list[Path]:
    if not root.is_dir():
        raise InputError(str(root), "not a folder; --batch takes a folder of story folders")
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        raise InputError(
            str(root), "has no subfolders; put each story's articles in its own subfolder"
        )
    return folders


def story_inputs(folder: Path) -> list[str]:
    return [
        str(p)
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.startswith(".") and p.name.lower() != "readme.md"
    ]


def run_batch(
    root: Path,
    outdir: Path,
    compare: Callable[[list[str]], Analysis],
    on_story: Callable[[str, StoryProblem | None], None] | None = None,
    *,
    debug: bool = False,
) -> BatchResult:
    """Compare each story folder under ``root`` with ``compare`` (a service's); write
    ``outdir/<story>.json``.

    Never raises for one story (unless ``debug``); writes ``outdir/failures.json``
    listing every story that was skipped or lost a stage (an empty list when none did).
    """
    folders = story_folders(root)
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    problems: list[StoryProblem] = []
    for folder in folders:
        problem: StoryProblem | None = None
        try:
            analysis = compare(story_inputs(folder))
            target = outdir / f"{folder.name}.json"
            data = analysis.to_dict()
            target.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
        except ParallaxError as exc:
            problem = StoryProblem(folder.name, str(exc), "input", written=False)
        except Exception as exc:  # a bug in one story never stops the batch
            if debug:
                raise
            log.warning("story %s failed", folder.name, exc_info=True)
            reason = f"internal error: {exc.__class__.__name__}: {exc}"
            problem = StoryProblem(folder.name, reason, "internal", written=False)
        else:
            written.append(target)
            if analysis.failed_stages:
                problem = StoryProblem(
                    folder.name,
                    "; ".join(
                        w.message for w in analysis.warnings if w.stage in analysis.failed_stages
                    ),
                    "stage",
                    written=True,
                    stages=analysis.failed_stages,
                )
        if problem is not None:
            log.warning("story %s: %s", folder.name, problem.reason)
            problems.append(problem)
        if on_story:
            on_story(folder.name, problem)
    report = [p.to_dict() for p in problems]
    (outdir / FAILURES_FILE).write_text(json.dumps(report, ensure_ascii=False, indent=2), "utf-8")
    return BatchResult(tuple(written), tuple(problems))
