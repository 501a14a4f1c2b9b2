"""One exception tree for everything Parallax reports to a user.

Every message says what went wrong *and* what to do; the CLI prints it on one line.
"""

from __future__ import annotations


class ParallaxError(Exception):
    """Base class for errors meant for the user, never a traceback."""


class InputError(ParallaxError):
    """An input could not be read or holds no usable article."""

    def __init__(self, source: str, message: str) -> None:
        self.source = source
        self.message = message
        super().__init__(f"{source}: {message}")


class FetchError(InputError):
    """A URL or feed could not be fetched."""


class NotEnoughArticles(ParallaxError):
    """Fewer than two usable articles remain to compare."""


class PipelineError(ParallaxError):
    """A pipeline was assembled with stages whose requirements are not met."""
