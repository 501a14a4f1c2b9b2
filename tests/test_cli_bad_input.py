"""Every kind of bad input gets one clear line and exit status 2, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from parallax.cli import main

DATA = ROOT / "tests" / "data"
A = str(DATA / "article_a.txt")
B = str(DATA / "article_b.txt")


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["compare", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def assert_clean_error(code: int, err: str, *fragments: str) -> None:
    assert code == 2
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("parallax: error:")]
    assert len(lines) == 1, err
    for fragment in fragments:
        assert fragment in lines[0]


def test_two_good_articles_compare(tmp_path: Path) -> None:
    code, out, _ = run(A, B, "--format", "json")
    assert code == 0
    assert len(json.loads(out)["articles"]) == 2


def test_missing_file_is_skipped_and_the_rest_compared() -> None:
    code, out, err = run(A, B, "nope.txt", "--format", "json")
    assert code == 0
    assert "nope.txt: no such file" in err
    data = json.loads(out)
    assert len(data["articles"]) == 2
    assert data["warnings"][0]["code"] == "skipped-input"


def test_fewer_than_two_articles(tmp_path: Path) -> None:
    code, _, err = run(A, "nope.txt")
    assert_clean_error(code, err, "one article", "nope.txt: no such file", "at least two")


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n")
    code, _, err = run(str(empty), A)
    assert_clean_error(code, err, "empty.txt: the input is empty")


def test_binary_file(tmp_path: Path) -> None:
    image = tmp_path / "photo.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    code, _, err = run(str(image), A)
    assert_clean_error(code, err, "photo.txt: this is a PNG image")


def test_broken_encoding(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(bytes(range(128, 256)) * 40)
    code, _, err = run(str(broken), A)
    assert_clean_error(code, err, "broken.txt", "encoding")


def test_legacy_encoding_is_detected(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    text = Path(B).read_text("utf-8").replace("Riverton", "Rivertón")
    latin.write_bytes(text.encode("cp1252"))
    code, out, _ = run(str(latin), A, "--format", "json")
    assert code == 0
    assert any("Rivertón" in a["text"] for a in json.loads(out)["articles"])


def test_html_without_article(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/x'>News</a></nav></body></html>"
    )
    code, _, err = run(str(page), A)
    assert_clean_error(code, err, "index.html: no article found")


def test_unreachable_url() -> None:
    code, _, err = run("http://127.0.0.1:9/story", A, "--timeout", "2")
    assert_clean_error(code, err, "http://127.0.0.1:9/story", "could not be reached")


def test_file_over_the_size_cap(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 2000)
    code, _, err = run(str(big), A, "--max-bytes", "1000")
    assert_clean_error(code, err, "big.txt", "over the 1000 bytes cap")


def test_same_article_twice_is_deduplicated_with_a_warning(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text(Path(A).read_text("utf-8").replace("“", '"').replace("”", '"'))
    code, out, err = run(A, B, str(copy), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert len(data["articles"]) == 2
    assert [w["code"] for w in data["warnings"]] == ["duplicate-article"]
    assert "copy.txt" in err


def test_non_english_article_is_compared_with_a_warning(tmp_path: Path) -> None:
    french = tmp_path / "fr.txt"
    french.write_text(
        "Les eaux de la crue ont commencé à baisser dimanche à Riverton, et les équipes ont "
        "commencé à réparer le pont principal, selon les autorités. Au moins 12 personnes ont "
        "été blessées et environ 600 habitants ont quitté leur maison pour la nuit."
    )
    code, out, _ = run(A, B, str(french), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert len(data["articles"]) == 3
    codes = [w["code"] for w in data["warnings"]]
    assert "not-english" in codes


def test_article_on_another_event_is_flagged(tmp_path: Path) -> None:
    other = tmp_path / "football.txt"
    other.write_text(
        "Northport United beat Calder Town 3-1 on Saturday, with striker Leo Mance scoring twice "
        "in the second half. The win lifts United to second in the league table. Coach Sara Ilic "
        "praised her midfield and said the squad was ready for the cup semifinal next week."
    )
    code, out, _ = run(A, B, str(other), "--format", "json")
    assert code == 0
    flagged = [w for w in json.loads(out)["warnings"] if w["code"] == "different-events"]
    assert [w["source"] for w in flagged] == [str(other)]


def test_stdin_is_read_once_with_dash() -> None:
    code, out, _ = run("-", B, "--format", "json", stdin=Path(A).read_bytes())
    assert code == 0
    assert json.loads(out)["articles"][0]["source"] == "<stdin>"


def test_explicit_outlet_wins(tmp_path: Path) -> None:
    code, out, _ = run(f"Valley Courier={B}", A, "--format", "json")
    assert code == 0
    assert json.loads(out)["articles"][0]["outlet"] == "Valley Courier"
    assert json.loads(out)["articles"][0]["outlet_evidence"]["method"] == "explicit"


def test_no_input_at_all() -> None:
    code, _, err = run()
    assert_clean_error(code, err, "no input given")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_every_format_renders(fmt: str) -> None:
    code, out, _ = run(A, B, "--format", fmt)
    assert (code == 0 and "Riverton" in out) or "Norland" in out


def test_real_process_error_has_no_traceback_and_exit_2() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "parallax.cli", "compare", "missing-1.txt", "missing-2.txt"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("parallax: error:")
    assert "Traceback" not in proc.stderr
