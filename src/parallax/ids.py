"""Content-derived identifiers (re-ingesting the same article gives the same id)."""

from __future__ import annotations

import hashlib
import re

_SPACE = re.compile(r"\s+")


def make_id(*parts: str, length: int = 12) -> str:
    """A short sha1 of the natural key ``parts``; whitespace runs are collapsed."""
    digest = hashlib.sha1()
    for part in parts:
        digest.update(_SPACE.sub(" ", part).strip().encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()[:length]
