"""Outlet profiles and blindspots, measured from the text across many stories.

Each story's cached analysis is read once into a digest (:mod:`.digest`), cached in the
store; profiles (:mod:`.aggregate`) and blindspots (:mod:`.blindspots`) are sums over
digests and story memberships, and the renderers (:mod:`.render`, :mod:`.html`) turn
them into text, Markdown, JSON or one self-contained HTML page.
"""

from __future__ import annotations

from parallax.profiles.aggregate import compare, profile, profiles
from parallax.profiles.blindspots import Blindspots, Groups, blindspots, read_groups
from parallax.profiles.digest import StoryDigest, digest
from parallax.profiles.model import MIN_STORIES, Comparison, OutletProfile, Profiles

__all__ = [
    "MIN_STORIES",
    "Blindspots",
    "Comparison",
    "Groups",
    "OutletProfile",
    "Profiles",
    "StoryDigest",
    "blindspots",
    "compare",
    "digest",
    "profile",
    "profiles",
    "read_groups",
]
