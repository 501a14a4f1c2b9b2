"""What kind of voice a speaker is: the rules live with the voices
(:mod:`parallax.voices.kinds`), so a story's voices and the profiles count alike."""

from __future__ import annotations

from parallax.voices.kinds import KINDS, UNIDENTIFIED, all_kinds, speaker_kind

__all__ = ["KINDS", "UNIDENTIFIED", "all_kinds", "speaker_kind"]
