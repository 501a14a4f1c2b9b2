from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from conftest import EXAMPLE, ROOT
from parallax.cli import main


def test_batch_writes_one_json_per_story_and_skips_a_bad_story(tmp_path: Path) -> None:
    stories = tmp_path / "stories"
    shutil.copytree(EXAMPLE, stories / "harbor")
    flood = stories / "flood"
    flood.mkdir()
    for name in ("article_a.txt", "article_b.txt"):
        shutil.copy(ROOT / "tests" / "data" / name, flood / name)
    lonely = stories / "lonely"
    lonely.mkdir()
    shutil.copy(ROOT / "tests" / "data" / "article_a.txt", lonely / "only.txt")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["compare", "--batch", str(stories), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["failures.json", "flood.json", "harbor.json"]
    assert len(json.loads((out / "harbor.json").read_text())["articles"]) == 3
    assert "lonely" in result.stderr and "2 stories written" in result.stderr


def test_batch_needs_an_output_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["compare", "--batch", str(tmp_path)])
    assert result.exit_code == 2
    assert "needs -o OUTDIR" in result.stderr
