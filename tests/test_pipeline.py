from __future__ import annotations

import pytest

from conftest import example_inputs
from parallax import compare
from parallax.errors import PipelineError
from parallax.model import Analysis
from parallax.pipeline import Stage, StageOutput, check_chain, default_stages, run_pipeline


def _noop(analysis: Analysis) -> StageOutput:
    return StageOutput(sections={"extra": [len(analysis.articles)]})


def test_a_stage_that_needs_a_missing_section_is_refused_before_running() -> None:
    needs_facts = Stage("summary", _noop, requires=("articles", "facts"))
    with pytest.raises(PipelineError, match="needs facts"):
        check_chain([needs_facts])


def test_stage_output_becomes_a_section_and_is_timed() -> None:
    base = compare(example_inputs(), stages=[])
    done = run_pipeline(base, [*default_stages(), Stage("extra", _noop, assigns=("extra",))])
    assert done.sections["extra"] == [3]
    assert done.to_dict()["extra"] == [3]
    assert {"related", "extra"} <= set(done.timings)
