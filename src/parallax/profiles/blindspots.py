"""Blindspots: stories covered by some outlets and not by others.

- **Without groups**: for each outlet, the widely covered stories it missed.  A story
  is widely covered when at least ``max(2, half)`` of the outlets publishing at the
  time covered it; an outlet is publishing at the time when the story's date lies
  within its first and last article in the corpus (an undated story counts for all).
- **With groups** (a TOML file mapping names to lists of outlets; the user's choice of
  leanings, countries, owners...): per story, each group's share of its outlets that
  covered it.  A story's lopsidedness is the top group's share minus the next group's;
  stories are ranked by it, and those at ``MOSTLY`` or more are covered mostly by one
  group.  Parallax ships no ratings.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parallax.errors import ParallaxError
from parallax.profiles.aggregate import known
from parallax.profiles.model import Plain
from parallax.profiles.source import StoryRow

WIDE_SHARE = 0.5  # a widely covered story: at least this share of the active outlets
MOSTLY = 0.5  # lopsidedness from which a story is "covered mostly by one group"


class GroupsError(ParallaxError):
    """A groups file that cannot be used (the message says why and what to write)."""


@dataclass(frozen=True, slots=True)
class Groups(Plain):
    groups: tuple[tuple[str, tuple[str, ...]], ...]
    source: str | None = None


def read_groups(path: Path) -> Groups:
    """Read a groups file: ``[groups]`` then ``"Name" = ["Outlet", ...]``; a one-line
    :class:`GroupsError` when it cannot be used."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise GroupsError(f"{path}: cannot read the groups file ({exc.strerror})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise GroupsError(f"{path}: not a TOML file ({exc})") from exc
    return groups_from(data, str(path))


def groups_from(data: Mapping[str, Any], source: str | None = None) -> Groups:
    where = f"{source}: " if source else ""
    table = data.get("groups")
    if not isinstance(table, Mapping) or not table:
        raise GroupsError(
            f'{where}no [groups] table; write [groups] then "Name" = ["Outlet A", "Outlet B"]'
        )
    out = []
    seen: dict[str, str] = {}
    for name, members in table.items():
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            raise GroupsError(f"{where}group {name!r} must be a list of outlet names")
        for m in members:
            if m.lower() in seen:
                raise GroupsError(
                    f"{where}{m!r} is in two groups ({seen[m.lower()]!r} and {name!r})"
                )
            seen[m.lower()] = name
        out.append((str(name), tuple(members)))
    if len(out) < 2:
        raise GroupsError(f"{where}give at least two groups to compare coverage")
    return Groups(tuple(out), source)


@dataclass(frozen=True, slots=True)
class StoryRef(Plain):
    story: str
    title: str | None
    date: str | None
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OutletBlindspots(Plain):
    outlet: str
    widely_covered: int  # widely covered stories while it was publishing
    missed: tuple[StoryRef, ...]  # most widely covered first
    missed_share: float | None


@dataclass(frozen=True, slots=True)
class GroupShare(Plain):
    group: str
    outlets: int
    covered_by: tuple[str, ...]
    share: float


@dataclass(frozen=True, slots=True)
class Lopsided(Plain):
    story: StoryRef
    group: str  # the group that covered it most
    lopsidedness: float
    mostly_one_group: bool
    groups: tuple[GroupShare, ...]


@dataclass(frozen=True, slots=True)
class Blindspots(Plain):
    stories: int
    outlets: tuple[OutletBlindspots, ...]  # most missed first
    groups: Groups | None
    lopsided: tuple[Lopsided, ...]  # most lopsided first
    ungrouped: tuple[str, ...]  # outlets of the corpus in no group
    unknown: tuple[str, ...]  # outlets of the groups file not in the corpus
    coverage: tuple[tuple[str, tuple[str, ...]], ...]  # story -> outlets, for the matrix
    titles: tuple[tuple[str, str], ...]


def _ref(row: StoryRow) -> StoryRef:
    return StoryRef(row.story, row.title, row.first_seen, row.outlets)


def _windows(rows: Sequence[StoryRow]) -> dict[str, tuple[str | None, str | None]]:
    dates: dict[str, list[str]] = {}
    for row in rows:
        for m in row.members:
            if not known(m.outlet):
                continue  # an unnamed outlet cannot be said to have missed a story
            dates.setdefault(m.outlet, [])
            if m.published:
                dates[m.outlet].append(m.published)
    return {o: (min(d), max(d)) if d else (None, None) for o, d in dates.items()}


def _active(window: tuple[str | None, str | None], row: StoryRow) -> bool:
    first, last = window
    if not row.first_seen or not first or not last:
        return True
    return first <= (row.last_seen or row.first_seen) and row.first_seen <= last


def by_outlet(rows: Sequence[StoryRow]) -> tuple[OutletBlindspots, ...]:
    windows = _windows(rows)
    out = []
    for outlet, window in windows.items():
        wide: list[StoryRow] = []
        for row in rows:
            active = [o for o, w in windows.items() if _active(w, row)]
            need = max(2, math.ceil(WIDE_SHARE * len(active)))
            if _active(window, row) and len(row.outlets) >= need:
                wide.append(row)
        missed = sorted(
            (r for r in wide if outlet not in r.outlets),
            key=lambda r: (-len(r.outlets), r.first_seen or "", r.story),
        )
        out.append(
            OutletBlindspots(
                outlet,
                len(wide),
                tuple(_ref(r) for r in missed),
                round(len(missed) / len(wide), 4) if wide else None,
            )
        )
    out.sort(key=lambda b: (-len(b.missed), b.outlet))
    return tuple(out)


def lopsided(rows: Sequence[StoryRow], groups: Groups) -> tuple[Lopsided, ...]:
    member = {m.lower(): name for name, members in groups.groups for m in members}
    sizes = {name: len(members) for name, members in groups.groups}
    out = []
    for row in rows:
        covering: dict[str, list[str]] = {name: [] for name in sizes}
        for outlet in row.outlets:
            group = member.get(outlet.lower())
            if group is not None:
                covering[group].append(outlet)
        if sum(len(v) for v in covering.values()) < 2:
            continue
        shares = [
            GroupShare(g, sizes[g], tuple(covering[g]), round(len(covering[g]) / sizes[g], 4))
            for g in sizes
            if sizes[g]
        ]
        ranked = sorted(shares, key=lambda s: -s.share)
        gap = round(ranked[0].share - (ranked[1].share if len(ranked) > 1 else 0.0), 4)
        out.append(Lopsided(_ref(row), ranked[0].group, gap, gap >= MOSTLY, tuple(shares)))
    out.sort(key=lambda x: (-x.lopsidedness, -len(x.story.outlets), x.story.story))
    return tuple(out)


def blindspots(rows: Sequence[StoryRow], groups: Groups | None = None) -> Blindspots:
    outlets = {o for r in rows for o in r.outlets}
    grouped = {m.lower() for _, members in groups.groups for m in members} if groups else set()
    known = {o.lower() for o in outlets}
    return Blindspots(
        len(rows),
        by_outlet(rows),
        groups,
        lopsided(rows, groups) if groups else (),
        tuple(sorted(o for o in outlets if groups and o.lower() not in grouped)),
        tuple(
            sorted(m for _, ms in groups.groups for m in ms if m.lower() not in known)
            if groups
            else ()
        ),
        tuple((r.story, r.outlets) for r in rows),
        tuple((r.story, r.title or "") for r in rows),
    )
