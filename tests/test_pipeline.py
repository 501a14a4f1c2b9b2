from __future__ import annotations

from typing import Any

import pytest

from conftest import example_inputs
from parallax import compare
from parallax.errors import PipelineError
from parallax.model import Analysis
from parallax.options import Options
from parallax.pipeline import (
    Context,
    Pipeline,
    Stage,
    StageOutput,
    check_chain,
    default_stages,
    get_stage,
    run_pipeline,
)
from parallax.runtime import RunCache
from parallax.service import Service


def _noop(analysis: Analysis, ctx: Context) -> StageOutput:
    return StageOutput(sections={"extra": [len(analysis.articles)]})


def _ctx(options: Options | None = None) -> Context:
    return Context(resources=RunCache(), options=options or Options())


@pytest.fixture(scope="module")
def analysed() -> Analysis:
    return compare(example_inputs())


def test_a_stage_that_needs_a_missing_section_is_refused_before_running() -> None:
    needs_facts = Stage("summary", _noop, requires=("articles", "facts"))
    with pytest.raises(PipelineError, match="needs facts"):
        check_chain([needs_facts])


def test_two_stages_with_one_name_are_refused() -> None:
    with pytest.raises(PipelineError, match="two stages are named 'extra'"):
        Pipeline([Stage("extra", _noop, assigns=("extra",)), Stage("extra", _noop)])


def test_stage_output_becomes_a_section_and_is_timed(analysed: Analysis) -> None:
    done = run_pipeline(
        analysed, [*default_stages(), Stage("extra", _noop, assigns=("extra",))], context=_ctx()
    )
    assert done.sections["extra"] == [3]
    assert done.to_dict()["extra"] == [3]
    assert set(done.timings) == {
        "ingest",
        "related",
        "reuse",
        "facts",
        "voices",
        "framing",
        "brief",
        "extra",
    }


def test_only_the_brief_runs_on_a_stored_analysis_that_lacks_it(analysed: Analysis) -> None:
    stored = Analysis.from_dict(analysed.to_dict())
    without = Analysis.from_dict({k: v for k, v in analysed.to_dict().items() if k != "brief"})
    assert Pipeline().plan(stored, Options()) == []
    assert [s.name for s in Pipeline().plan(without, Options())] == ["brief"]
    again = Pipeline([get_stage("brief")]).run(without, _ctx())
    assert again.sections["brief"] == analysed.sections["brief"]
    assert not again.failed_stages


def test_changed_options_rerun_the_stage_and_what_depends_on_it(analysed: Analysis) -> None:
    looser = Options().with_settings({"facts.join": 0.2})
    assert [s.name for s in Pipeline().plan(analysed, looser)] == ["facts", "brief"]
    assert [s.name for s in Pipeline().plan(analysed, Options())] == []


def test_a_stage_reading_a_section_it_did_not_declare_fails_loudly(analysed: Analysis) -> None:
    def sneaky(analysis: Analysis, ctx: Context) -> StageOutput:
        return StageOutput(sections={"count": len(analysis.sections["quotes"])})

    stage = Stage("sneaky", sneaky, assigns=("count",))
    with pytest.raises(PipelineError, match="reads section 'quotes' without declaring"):
        Pipeline([stage]).run(analysed, _ctx(), debug=True)
    declared = Stage("sneaky", sneaky, reads=("quotes",), assigns=("count",))
    done = Pipeline([declared]).run(analysed, _ctx())
    assert done.sections["count"] == len(analysed.sections["quotes"])


def test_a_stage_assigning_an_undeclared_section_fails(analysed: Analysis) -> None:
    stage = Stage("extra", _noop, assigns=())
    done = Pipeline([stage]).run(analysed, _ctx())
    assert done.failed_stages == ("extra",)
    assert "without declaring" in done.warnings[-1].message


def test_the_output_records_the_options_and_version(analysed: Analysis) -> None:
    from parallax import __version__

    service = Service(options=Options().with_settings(["brief.max_sentences=3"]))
    done = service.compare(example_inputs())
    data: dict[str, Any] = done.to_dict()
    assert data["provenance"]["options"]["brief"]["max_sentences"] == 3
    assert data["provenance"]["stages"]["brief"]["version"] == __version__
    assert len([b for b in done.sections["brief"] if b.kind != "single"]) <= 3
