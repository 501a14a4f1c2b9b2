"""One options object: defaults, settings from Python, the CLI and files, and a record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import example_inputs
from parallax.cli import main
from parallax.options import Options, OptionsError, load_options


def test_settings_are_typed_and_checked() -> None:
    opts = Options().with_settings(["facts.join=0.5", "reuse.n=4", "facts.embed=false"])
    assert (opts.facts.join, opts.reuse.n, opts.facts.embed) == (0.5, 4, False)
    assert Options().facts.join == 0.35
    with pytest.raises(OptionsError, match="facts options are"):
        Options().with_settings(["facts.jion=0.5"])
    with pytest.raises(OptionsError, match="takes a int"):
        Options().with_settings(["reuse.n=four"])
    with pytest.raises(OptionsError, match="needs a value"):
        Options().with_settings(["reuse.n"])


def test_options_round_trip_and_digest_by_part() -> None:
    opts = Options().with_settings({"brief.max_sentences": 5})
    assert Options.from_dict(opts.to_dict()) == opts
    assert opts.digest("brief") != Options().digest("brief")
    assert opts.digest("facts") == Options().digest("facts")


def test_a_config_file_and_set_on_the_command_line(tmp_path: Path) -> None:
    config = tmp_path / "parallax.toml"
    config.write_text("[brief]\nmax_sentences = 2\n\n[facts]\njoin = 0.5\n", "utf-8")
    assert load_options(config).brief.max_sentences == 2
    result = CliRunner().invoke(
        main,
        [
            "compare",
            *example_inputs(),
            "--config",
            str(config),
            "--set",
            "facts.join=0.4",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    recorded = json.loads(result.stdout)["provenance"]["options"]
    assert recorded["brief"]["max_sentences"] == 2 and recorded["facts"]["join"] == 0.4


def test_a_bad_option_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["compare", *example_inputs(), "--set", "speed=11"])
    assert result.exit_code == 2
    assert result.stderr.startswith("parallax: error: unknown option 'speed'")
    bad = tmp_path / "bad.toml"
    bad.write_text("[facts\n", "utf-8")
    result = CliRunner().invoke(main, ["compare", *example_inputs(), "--config", str(bad)])
    assert result.exit_code == 2 and "not valid TOML" in result.stderr
