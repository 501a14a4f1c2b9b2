"""Many stories at once: each subfolder of a folder is one story, one JSON per story.

One-off costs (models, lexicons) are paid once for the whole batch because stages
cache them per process.  A story that fails is logged and skipped; the rest go on.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from parallax.api import compare
from parallax.errors import InputError, ParallaxError
from parallax.ingest import ReadOptions

log = logging.getLogger("parallax.batch")


@dataclass(frozen=True, slots=True)
class BatchResult:
    written: tuple[Path, ...]
    failed: tuple[tuple[str, str], ...]  # (story, reason)


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
    options: ReadOptions | None = None,
    on_story: Callable[[str, str | None], None] | None = None,
) -> BatchResult:
    """Compare each story folder under ``root``; write ``outdir/<story>.json``."""
    folders = story_folders(root)
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    failed: list[tuple[str, str]] = []
    for folder in folders:
        try:
            analysis = compare(story_inputs(folder), options=options)
        except ParallaxError as exc:
            log.warning("story %s skipped: %s", folder.name, exc)
            failed.append((folder.name, str(exc)))
            if on_story:
                on_story(folder.name, str(exc))
            continue
        target = outdir / f"{folder.name}.json"
        target.write_text(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2), "utf-8")
        written.append(target)
        if on_story:
            on_story(folder.name, None)
    return BatchResult(tuple(written), tuple(failed))
