"""``parallax serve``: a local web app and JSON API over compare and the corpus.

See :func:`parallax.web.app.create_app`; the settings are in :mod:`parallax.web.config`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parallax.web.config import ConfigError, Limits, WebConfig

if TYPE_CHECKING:
    from parallax.web.app import create_app

__all__ = ["ConfigError", "Limits", "WebConfig", "create_app"]


def __getattr__(name: str) -> Any:
    """``create_app`` on first use: FastAPI takes about a second to import, and the CLI
    imports this package (for ``parallax serve``'s options) on every command."""
    if name == "create_app":
        from parallax.web.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
