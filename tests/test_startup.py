"""Start-up stays light: heavy libraries are imported only by the work that needs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TEXTS = sorted(
    str(p) for p in (Path(__file__).parent.parent / "examples" / "harbor-strike").glob("*.txt")
)
HEAVY = (
    "torch",
    "sentence_transformers",
    "transformers",
    "spacy",
    "trafilatura",
    "fastapi",
    "feedparser",
)

PROBE = """
import sys
from click.testing import CliRunner
from parallax.cli import main
result = CliRunner().invoke(main, sys.argv[1:])
print("exit", result.exit_code)
print("mods:", " ".join(sorted({m.split(".")[0] for m in sys.modules} & set(%r))))
"""


def _loaded(*args: str) -> tuple[int, set[str]]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE % (HEAVY,), *args], capture_output=True, text=True, check=True
    )
    status, mods = out.stdout.splitlines()[-2:]
    return int(status.split()[1]), set(mods.split()[1:])


def test_help_and_bad_input_import_nothing_heavy(tmp_path: Path) -> None:
    assert _loaded("--help") == (0, set())
    assert _loaded("compare", "--help") == (0, set())
    missing = str(tmp_path / "missing.txt")
    status, mods = _loaded("compare", missing, missing)
    assert status == 2
    assert mods == set()


def test_compare_of_text_files_needs_no_torch_nor_html_tools() -> None:
    status, mods = _loaded("compare", *TEXTS, "--format", "json")
    assert status == 0
    assert mods == {"spacy"}


SPACY_CLI_PROBE = """
import sys
from parallax.runtime import load_nlp
nlp = load_nlp()
print("cli:", sorted(m.split(".")[0] for m in sys.modules if m.split(".")[0] in
      ("typer", "weasel", "httpx", "requests", "torch")))
import spacy
import spacy.cli
from spacy.cli.info import info
print("real:", hasattr(spacy.cli, "setup_cli"), info.__module__)
print("ents:", [e.text for e in nlp("The talks ended, Joe Biden said in Paris.").ents])
"""


def test_spacy_loads_without_its_command_line_which_still_imports() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SPACY_CLI_PROBE], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0] == "cli: []"  # neither torch nor spaCy's command line came with the model
    assert out[1] == "real: True spacy.cli.info"  # asked for, the real command line imports
    assert out[2] == "ents: ['Joe Biden', 'Paris']"
