"""A failing stage loses only its own sections; a batch never stops for one story."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE, ROOT, example_inputs
from parallax import compare
from parallax.cli import EXIT_STAGE_FAILED, main
from parallax.model import Analysis
from parallax.pipeline import (
    _REGISTRY,
    Context,
    Stage,
    StageOutput,
    default_stages,
    run_pipeline,
)
from parallax.runtime import RunCache


def _boom(analysis: Analysis, ctx: Context) -> StageOutput:
    raise IndexError("[E035] Error creating span with start 9 and end 7")


def _with(name: str, func: object) -> list[Stage]:
    return [
        Stage(st.name, func, st.requires, st.assigns) if st.name == name else st  # type: ignore[arg-type]
        for st in default_stages()
    ]


def test_a_failing_stage_keeps_the_other_sections_and_names_itself() -> None:
    done = compare(example_inputs(), stages=_with("voices", _boom))
    assert "quotes" not in done.sections and "numbers" not in done.sections
    assert {"facts", "reuse", "loaded", "brief"} <= set(done.sections)
    failed = [w for w in done.warnings if w.code == "stage-failed"]
    assert [w.stage for w in failed] == ["voices"]
    assert "IndexError" in failed[0].message and "quotes" in failed[0].message
    assert done.failed_stages == ("voices",)
    data = done.to_dict()
    assert any(w["code"] == "stage-failed" and w["stage"] == "voices" for w in data["warnings"])


def test_stages_that_need_a_failed_section_are_skipped_with_a_warning() -> None:
    done = compare(example_inputs(), stages=_with("facts", _boom))
    assert "facts" not in done.sections and "brief" not in done.sections
    assert "quotes" in done.sections
    skipped = [w for w in done.warnings if w.code == "stage-skipped"]
    assert [w.stage for w in skipped] == ["brief"]
    assert "facts" in skipped[0].message
    assert set(done.failed_stages) == {"facts", "brief"}


def test_debug_lets_the_failure_raise() -> None:
    base = compare(example_inputs(), stages=[])
    with pytest.raises(IndexError):
        run_pipeline(base, _with("reuse", _boom), context=Context(RunCache()), debug=True)


def test_the_reports_say_which_section_is_missing() -> None:
    from parallax.report import RenderOptions, render

    done = compare(example_inputs(), stages=_with("voices", _boom))
    for fmt in ("text", "markdown", "html"):
        out = render(done, fmt, RenderOptions())
        assert "voices stage failed" in out, fmt


def test_cli_writes_the_report_and_exits_3_when_a_stage_failed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    default_stages()
    voices = _REGISTRY["voices"]
    monkeypatch.setitem(
        _REGISTRY, "voices", Stage("voices", _boom, voices.requires, voices.assigns)
    )
    result = CliRunner().invoke(main, ["compare", *example_inputs(), "--format", "json"])
    assert result.exit_code == EXIT_STAGE_FAILED == 3, result.output
    data = json.loads(result.stdout)
    assert "facts" in data and "quotes" not in data
    assert "voices stage failed" in result.stderr


def _stories(tmp_path: Path) -> Path:
    stories = tmp_path / "stories"
    shutil.copytree(EXAMPLE, stories / "harbor")
    flood = stories / "flood"
    flood.mkdir()
    for name in ("article_a.txt", "article_b.txt"):
        shutil.copy(ROOT / "tests" / "data" / name, flood / name)
    lonely = stories / "lonely"
    lonely.mkdir()
    shutil.copy(ROOT / "tests" / "data" / "article_a.txt", lonely / "only.txt")
    return stories


def test_batch_goes_on_past_a_crashing_story_and_lists_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The harbor story crashes the voices stage; the flood story is fine; lonely has one
    article.  All three are accounted for, and the harbor report keeps its other sections."""
    default_stages()
    voices = _REGISTRY["voices"]

    def crash_on_harbor(analysis: Analysis, ctx: Context) -> StageOutput:
        if any("Westmark" in a.text for a in analysis.articles):
            raise IndexError("[E035] Error creating span with start 9 and end 7")
        return voices.func(analysis, ctx)

    monkeypatch.setitem(
        _REGISTRY, "voices", Stage("voices", crash_on_harbor, voices.requires, voices.assigns)
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["compare", "--batch", str(_stories(tmp_path)), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["failures.json", "flood.json", "harbor.json"]
    harbor = json.loads((out / "harbor.json").read_text())
    assert "facts" in harbor and "reuse" in harbor and "quotes" not in harbor
    flood = json.loads((out / "flood.json").read_text())
    assert "quotes" in flood
    failures = {f["story"]: f for f in json.loads((out / "failures.json").read_text())}
    assert set(failures) == {"harbor", "lonely"}
    assert failures["harbor"]["written"] and failures["harbor"]["stages"] == ["voices"]
    assert failures["lonely"]["kind"] == "input" and not failures["lonely"]["written"]
    assert "harbor" in result.stderr and "lonely" in result.stderr


def test_batch_survives_an_internal_error_outside_the_stages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parallax.service import Service

    real = Service.compare

    def broken(self: Service, inputs: list[str], **kw: object) -> Analysis:
        if any("flood" in i for i in inputs):
            raise RuntimeError("renderer exploded")
        return real(self, inputs, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Service, "compare", broken)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["compare", "--batch", str(_stories(tmp_path)), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (out / "harbor.json").exists()
    failures = {f["story"]: f for f in json.loads((out / "failures.json").read_text())}
    assert failures["flood"]["kind"] == "internal" and "RuntimeError" in failures["flood"]["reason"]


def test_batch_exits_non_zero_only_when_every_story_failed(tmp_path: Path) -> None:
    stories = tmp_path / "stories"
    for name in ("one", "two"):
        (stories / name).mkdir(parents=True)
        shutil.copy(ROOT / "tests" / "data" / "article_a.txt", stories / name / "only.txt")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["compare", "--batch", str(stories), "-o", str(out)])
    assert result.exit_code != 0
    assert len(json.loads((out / "failures.json").read_text())) == 2
