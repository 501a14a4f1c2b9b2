"""Outlet profiles and blindspots on a generated corpus with planted habits.

32 stories × 4 invented outlets (``eval/profiles_gen.py``), ingested, grouped into
stories and analysed by the real pipeline: one outlet always swaps a label in wire
copy, one never quotes the non-official side, one skips court stories.  The profiles
and blindspots must recover each habit, and nothing unplanted may rank above it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from parallax.cli import main
from parallax.profiles import Profiles, blindspots, profiles
from parallax.profiles.blindspots import GroupsError, groups_from
from parallax.profiles.digest import StoryDigest
from parallax.profiles.source import story_rows
from parallax.service import Service
from parallax.store import open_store

sys.path.insert(0, str(ROOT / "eval"))
import profiles_gen as gen

N = 32
COURT = [s for s in gen.stories(N) if s["kind"] == gen.SKIPPED_KIND]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Service, Profiles]:
    folder = tmp_path_factory.mktemp("profiles")
    data = gen.write_jsonl(folder / "corpus.jsonl", N)
    db = str(folder / "corpus.db")
    service = Service(store=open_store(db))
    service.ingest([str(data)])
    return db, service, service.outlet_profiles()


def _kinds(service: Service) -> dict[str, str]:
    """story id -> the kind the generator wrote (read back from the titles)."""
    kinds = {}
    for row in story_rows(service.corpus()):
        title = row.title or ""
        kinds[row.story] = next(
            k for k, v in gen.KINDS.items() if v["title"].split("{")[0] in title
        )
    return kinds


def test_stories_as_generated(corpus: tuple[str, Service, Profiles]) -> None:
    _, _, found = corpus
    assert len(found.stories) == N
    assert {p.outlet for p in found.outlets} == set(gen.OUTLETS)


def test_planted_label_swap_is_the_top_substitution(
    corpus: tuple[str, Service, Profiles],
) -> None:
    _, _, found = corpus
    rows = [(p.outlet, r) for p in found.outlets for r in p.wire.substitutions]
    rows.sort(key=lambda x: -len(x[1].stories))
    outlet, top = rows[0]
    assert (outlet, top.copy, top.own) == (gen.SWAPPER, gen.LABEL, gen.SWAPPED)
    swapper = found.profile(gen.SWAPPER)
    assert swapper is not None
    assert len(top.stories) == len(swapper.volume.stories) == N  # always
    assert top.copy_stories == top.stories  # in every story where the copy says it
    assert top.sources == (gen.WIRE,)
    assert all(len(r.stories) < len(top.stories) for _, r in rows[1:])
    assert top.places and top.places[0].end > top.places[0].start


def test_planted_silent_side_is_the_top_voice_gap(corpus: tuple[str, Service, Profiles]) -> None:
    _, _, found = corpus
    gaps = [(p.outlet, g) for p in found.outlets for g in p.voices.gaps]
    gaps.sort(key=lambda x: -x[1].count)
    outlet, top = gaps[0]
    assert (outlet, top.name) == (gen.ONE_SIDED, "unions and campaigners")
    radio = found.profile(gen.ONE_SIDED)
    assert radio is not None
    assert top.count == len(radio.volume.stories)  # never
    mix = {k.name: k for k in radio.voices.by_kind}
    assert mix["unions and campaigners"].count == 0
    assert (mix["unions and campaigners"].other or 0) > 0.2
    assert mix["officials"].count > 0  # it does quote: one side only
    assert all(g.count < top.count / 2 for _, g in gaps[1:])


def test_planted_skipped_kind_is_the_only_blindspot(corpus: tuple[str, Service, Profiles]) -> None:
    _, service, _ = corpus
    kinds = _kinds(service)
    found = service.blindspots()
    assert found.outlets[0].outlet == gen.SKIPPER
    missed = {s.story for s in found.outlets[0].missed}
    assert missed == {s for s, k in kinds.items() if k == gen.SKIPPED_KIND}
    assert all(not o.missed for o in found.outlets[1:])


def test_groups_rank_the_skipped_stories_most_lopsided(
    corpus: tuple[str, Service, Profiles], tmp_path: Path
) -> None:
    _, service, _ = corpus
    kinds = _kinds(service)
    groups = tmp_path / "groups.toml"
    groups.write_text(
        f'[groups]\nPrint = ["{gen.SWAPPER}", "{gen.SKIPPER}"]\n'
        f'Other = ["{gen.WIRE}", "{gen.ONE_SIDED}"]\n',
        "utf-8",
    )
    found = service.blindspots(groups=groups)
    court = {s for s, k in kinds.items() if k == gen.SKIPPED_KIND}
    top = found.lopsided[: len(court)]
    assert {x.story.story for x in top} == court
    assert all(x.mostly_one_group and x.group == "Other" for x in top)
    assert all(not x.mostly_one_group for x in found.lopsided[len(court) :])


def test_every_figure_lists_its_stories(corpus: tuple[str, Service, Profiles]) -> None:
    _, _, found = corpus
    data = found.to_dict()
    json.dumps(data)  # serialisable
    known = set(found.stories)

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if "stories" in value:
                assert set(value["stories"]) <= known
                if value.get("count"):
                    assert value["stories"], value
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data)
    for prof in data["outlets"]:
        assert set(prof) == {
            "outlet",
            "volume",
            "wire",
            "word_choice",
            "facts",
            "voices",
            "figures",
        }
        for section in ("wire", "word_choice", "facts", "voices", "figures"):
            assert prof[section]["basis"]["stories"], (prof["outlet"], section)


def test_few_stories_are_not_ranked(corpus: tuple[str, Service, Profiles]) -> None:
    _, service, _ = corpus
    digests = service.story_digests(analyse=False).digests[:2]
    few = profiles(digests, min_stories=3)
    for prof in few.outlets:
        assert not prof.wire.basis.enough
        assert "not ranked" in (prof.voices.basis.note or "")


def test_digests_round_trip_and_are_incremental(
    corpus: tuple[str, Service, Profiles], tmp_path: Path
) -> None:
    _, service, _ = corpus
    again = service.story_digests(analyse=False)
    assert again.made == 0 and len(again.digests) == N  # all from the cache
    for d in again.digests[:5]:
        assert StoryDigest.from_dict(json.loads(json.dumps(d.to_dict()))) == d
    extra = [r for r in gen.rows(N + 1) if r["story"] == f"s{N:03d}"]
    path = tmp_path / "one.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in extra), "utf-8")
    service.ingest([str(path)])
    grown = service.story_digests()
    assert grown.made == 1 and len(grown.digests) == N + 1  # one new story, one digest


def test_cli_outlets_compare_and_blindspots(
    corpus: tuple[str, Service, Profiles], tmp_path: Path
) -> None:
    db, _, _ = corpus
    runner = CliRunner()
    out = runner.invoke(main, ["outlets", "--db", db, "--format", "json", "--cached-only"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert {p["outlet"] for p in data["outlets"]} == set(gen.OUTLETS)
    text = runner.invoke(main, ["outlets", "--db", db, "--cached-only"])
    assert f'"{gen.SWAPPED}" for "{gen.LABEL}"' in text.stdout
    pair = runner.invoke(
        main, ["outlets", "compare", gen.SWAPPER.lower(), gen.SKIPPER, "--db", db, "--cached-only"]
    )
    assert pair.exit_code == 0, pair.output
    assert f"{gen.SWAPPER} and {gen.SKIPPER} over the {N - len(COURT)} stories" in pair.stdout
    assert f'"{gen.SWAPPED}" for "{gen.LABEL}"' in pair.stdout
    page = tmp_path / "outlets.html"
    made = runner.invoke(main, ["outlets", "--db", db, "--cached-only", "-o", str(page)])
    assert made.exit_code == 0 and '<svg id="loaded-over-time"' in page.read_text("utf-8")
    spots = runner.invoke(main, ["blindspots", "--db", db, "--format", "markdown"])
    assert spots.exit_code == 0 and f"{gen.SKIPPER}: missed" in spots.stdout
    groups = ROOT / "examples" / "groups.toml"
    ranked = runner.invoke(main, ["blindspots", "--db", db, "--groups", str(groups)])
    assert ranked.exit_code == 0, ranked.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["outlets", "compare", "Nobody Times", "Coast Radio", "--cached-only"], "no outlet"),
        (["blindspots", "--groups", "missing.toml"], "no such groups file"),
        (["outlets", "--since", "yesterday"], "--since takes a date"),
    ],
)
def test_cli_bad_input_is_one_line(
    corpus: tuple[str, Service, Profiles], args: list[str], says: str
) -> None:
    db, _, _ = corpus
    out = CliRunner().invoke(main, [*args, "--db", db])
    assert out.exit_code == 2
    assert says in out.stderr and "Traceback" not in out.output


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"groups": {"One": ["A"]}},
        {"groups": {"One": "A", "Two": ["B"]}},
        {"groups": {"One": ["A"], "Two": ["a"]}},
    ],
)
def test_bad_groups_are_explained(data: dict[str, object]) -> None:
    with pytest.raises(GroupsError):
        groups_from(data, "groups.toml")


def test_blindspots_of_rows_built_by_hand() -> None:
    from parallax.profiles.source import Member, StoryRow

    def row(story: str, *outlets: str) -> StoryRow:
        members = tuple(
            Member(i, f"{story}{i}", o, "2025-01-01", story) for i, o in enumerate(outlets)
        )
        return StoryRow(story, "2025-01-01", "2025-01-01", members)

    rows = [row("a", "X", "Y", "Z"), row("b", "X", "Y"), row("c", "Z")]
    found = blindspots(rows)
    by = {o.outlet: o for o in found.outlets}
    assert [s.story for s in by["Z"].missed] == ["b"]  # 2 of 3 outlets: widely covered
    assert not by["X"].missed and not by["Y"].missed  # "c" has one outlet only


def test_unknown_outlets_get_no_profile(corpus: tuple[str, Service, Profiles]) -> None:
    from dataclasses import replace

    _, service, _ = corpus
    unnamed = f"(outlet unknown) — {gen.WIRE} copy"
    digests = [
        replace(
            d,
            outlets=tuple(
                replace(o, outlet=unnamed) if o.outlet == gen.WIRE else o for o in d.outlets
            ),
        )
        for d in service.story_digests(analyse=False).digests
    ]
    found = profiles(digests)
    assert {p.outlet for p in found.outlets} == set(gen.OUTLETS) - {gen.WIRE}
    swapper = found.profile(gen.SWAPPER)
    assert swapper is not None and swapper.volume.stories  # its stories still count


def test_voices_are_also_counted_by_side(corpus: tuple[str, Service, Profiles]) -> None:
    _, _, found = corpus
    quoted = [p for p in found.outlets if p.voices.quotes]
    assert quoted
    for prof in quoted:
        sides = prof.voices.by_side
        assert sum(s.count for s in sides) == prof.voices.quotes
        assert all(s.stories and s.share is not None for s in sides if s.count)
        assert abs(sum(s.share or 0.0 for s in sides) - 1.0) < 0.01
