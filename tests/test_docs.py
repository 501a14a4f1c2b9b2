"""The README documents every command and option the CLI has."""

from __future__ import annotations

import click

from conftest import ROOT
from parallax.cli import main

README = (ROOT / "README.md").read_text("utf-8")


def test_every_command_and_option_is_in_the_readme() -> None:
    assert isinstance(main, click.Group)
    for name, command in main.commands.items():
        assert f"parallax {name}" in README
        for param in command.params:
            if isinstance(param, click.Option):
                assert any(opt in README for opt in param.opts), f"{name} {param.opts} undocumented"


def test_readme_names_the_two_commands() -> None:
    assert "make demo" in README and "make test" in README
