from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT
from parallax.ingest import read_inputs

A = (ROOT / "tests" / "data" / "article_a.txt").read_text("utf-8")
B = (ROOT / "tests" / "data" / "article_b.txt").read_text("utf-8")


def test_jsonl_rows_become_articles_and_a_bad_row_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "story.jsonl"
    rows = [
        {"outlet": "Norland Wire", "title": "Flood", "date": "2024-06-02T08:00:00Z", "text": A},
        {"outlet": "Valley Courier", "title": "Cleanup", "url": "https://vc.example/a", "text": B},
        {"outlet": "Empty", "text": ""},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{not json\n")
    got = read_inputs([str(path)])
    assert [a.outlet for a in got.articles] == ["Norland Wire", "Valley Courier"]
    assert got.articles[0].published == "2024-06-02"
    assert got.articles[1].url == "https://vc.example/a"
    sources = [w.source for w in got.warnings]
    assert sources == [f"{path} line 3", f"{path} line 4"]


def test_csv_with_header(tmp_path: Path) -> None:
    import csv

    path = tmp_path / "story.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["outlet", "title", "date", "url", "text"])
        writer.writerow(["Norland Wire", "Flood", "2024-06-02", "", A])
        writer.writerow(["Valley Courier", "Cleanup", "2024-06-03", "", B])
    got = read_inputs([str(path)])
    assert [a.published for a in got.articles] == ["2024-06-02", "2024-06-03"]
    assert got.articles[0].outlet_evidence is not None
    assert got.articles[0].outlet_evidence.method == "explicit"


def test_csv_without_text_column_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n1,2\n")
    got = read_inputs([str(path)])
    assert got.articles == ()
    assert "'text' column" in got.warnings[0].message
