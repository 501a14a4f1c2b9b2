"""The web app's settings: where it listens, who may use it, and its limits."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

from parallax.errors import ParallaxError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TOKEN_ENV = "PARALLAX_TOKEN"


class ConfigError(ParallaxError):
    """Settings the web app cannot start with."""


@dataclass(frozen=True, slots=True)
class Limits:
    """Every limit answers with a clear 413 or 429 when it is reached."""

    max_body: int = 8 * 1024 * 1024  # bytes of one request body (413)
    max_articles: int = 12  # articles in one comparison (413)
    max_text: int = 1024 * 1024  # characters of one pasted article (413)
    max_queued: int = 16  # jobs waiting or running at once; more answer 429
    workers: int = 1  # jobs running at once (the analysis is CPU-bound)
    keep_jobs: int = 500  # finished jobs remembered for their status page
    login_failures: int = 10  # failed logins per client per minute before 429


@dataclass(frozen=True, slots=True)
class WebConfig:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    token: str | None = None  # required when the host is not loopback
    allow_private_urls: bool = False  # lift the SSRF guard (trusted local deployment)
    limits: Limits = Limits()
    fetch_timeout: float = 15.0
    warm: bool = True  # load the models at start-up

    def check(self) -> WebConfig:
        """This config, or :class:`ConfigError` if it would expose the app without a token."""
        if not is_loopback(self.host) and not self.token:
            raise ConfigError(
                f"binding to {self.host} exposes the app beyond this machine: give a token "
                f"with --token or {TOKEN_ENV} (the browser logs in with it once)"
            )
        if self.token is not None and len(self.token) < 16:
            raise ConfigError("the token is too short: use at least 16 random characters")
        return self


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def token_from_env() -> str | None:
    return os.environ.get(TOKEN_ENV) or None
