"""Fetching URLs: timeouts, a size cap, redirects, content-type checks, clear errors."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from parallax.errors import FetchError
from parallax.ingest.guard import open_public

USER_AGENT = "parallax-news/0.1 (+https://pypi.org/project/parallax-news/)"
DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_ACCEPTED = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
)


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str
    charset: str | None
    status: int = 200
    etag: str | None = None  # validators for the next conditional request
    last_modified: str | None = None
    not_modified: bool = False  # a 304: nothing changed since the validators given


def _content_type(headers: Message) -> tuple[str, str | None]:
    ctype = headers.get_content_type() or "application/octet-stream"
    return ctype.lower(), headers.get_content_charset()


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    etag: str | None = None,
    last_modified: str | None = None,
    public_only: bool = False,
) -> Fetched:
    """GET ``url`` (redirects followed) or raise :class:`FetchError` saying why not.

    With ``etag`` or ``last_modified`` the request is conditional, and an unchanged
    resource comes back as an empty :class:`Fetched` with ``not_modified`` set.  With
    ``public_only`` only public addresses are reached, redirects included (see
    :mod:`parallax.ingest.guard`)."""
    headers = {"User-Agent": USER_AGENT, "Accept": "*/*"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    try:
        opened = (
            open_public(request, timeout)
            if public_only
            else urllib.request.urlopen(request, timeout=timeout)
        )
        with opened as response:
            ctype, charset = _content_type(response.headers)
            if not ctype.startswith(_ACCEPTED):
                raise FetchError(
                    url, f"the server sent {ctype}, not a web page or feed; give an article URL"
                )
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(url, _too_big(max_bytes))
            data = response.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise FetchError(url, _too_big(max_bytes))
            return Fetched(
                response.geturl(),
                data,
                ctype,
                charset,
                status=response.status,
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            )
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        if exc.code == 304 and (etag or last_modified):
            return Fetched(
                url,
                b"",
                "",
                None,
                status=304,
                etag=etag,
                not_modified=True,
                last_modified=last_modified,
            )
        raise FetchError(
            url, f"the server answered {exc.code} {exc.reason}; check the address"
        ) from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, socket.timeout | TimeoutError):
            raise FetchError(url, f"no answer within {timeout:g} s; the site may be down") from exc
        raise FetchError(url, f"the site could not be reached ({reason}); is it down?") from exc
    except TimeoutError as exc:
        raise FetchError(url, f"no answer within {timeout:g} s; the site may be down") from exc
    except (ConnectionError, OSError, ValueError) as exc:
        raise FetchError(url, f"the download failed ({exc}); try again later") from exc


def human_size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:g} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n = n / 1024  # type: ignore[assignment]
    return f"{n} bytes"


def _too_big(max_bytes: int) -> str:
    return f"larger than the {human_size(max_bytes)} cap; raise --max-bytes to read it"
