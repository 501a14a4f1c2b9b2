"""``parallax serve``: a local web app and JSON API over compare and the corpus.

See :func:`parallax.web.app.create_app`; the settings are in :mod:`parallax.web.config`.
"""

from __future__ import annotations

from parallax.web.app import create_app
from parallax.web.config import ConfigError, Limits, WebConfig

__all__ = ["ConfigError", "Limits", "WebConfig", "create_app"]
