"""Fetching only from the public internet: the guard against server-side request forgery.

A web app that fetches URLs for its users must not become their way into the machine
it runs on or the network behind it.  With the guard on, a URL is fetched only when:

- its scheme is http or https;
- every address its host resolves to is public: loopback, private, link-local (the
  cloud metadata address 169.254.169.254 among them), shared, multicast, reserved and
  unspecified addresses are refused, in IPv4 and IPv6, including IPv4 addresses
  wrapped in IPv6 (``::ffff:127.0.0.1``, 6to4, Teredo, NAT64);
- the connection goes to the very address that was checked (no second DNS look-up a
  rebinding name could answer differently);
- every redirect is checked again the same way, and at most :data:`MAX_REDIRECTS`
  are followed.

No proxy from the environment is used, and only the http and https handlers exist in
the opener, so ``file:``, ``ftp:`` and ``data:`` URLs cannot be reached by a redirect.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from parallax.errors import FetchError

MAX_REDIRECTS = 5
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def refused_reason(address: IPAddress) -> str | None:
    """Why ``address`` is not public (``"loopback"``, ``"private"``…), or None if it is."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour
        if inner is None and address.teredo is not None:
            inner = address.teredo[1]
        if inner is None and address in _NAT64:
            inner = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if inner is not None:
            return refused_reason(inner)
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
    )
    for name, hit in checks:
        if hit:
            return name
    if not address.is_global:
        return "not public"
    return None


def check_url(url: str) -> None:
    """Raise :class:`FetchError` unless ``url`` is http(s) with a host name."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(url, "only http and https addresses can be fetched")
    if not parts.hostname:
        raise FetchError(url, "the address has no host name")


def public_addresses(url: str, host: str, port: int) -> list[tuple[Any, ...]]:
    """Every address ``host`` resolves to, or :class:`FetchError` if any is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(url, f"the host {host!r} could not be found; check the address") from exc
    if not infos:
        raise FetchError(url, f"the host {host!r} has no address")
    for info in infos:
        raw = str(info[4][0]).split("%", 1)[0]  # an IPv6 scope id is not part of the address
        reason = refused_reason(ipaddress.ip_address(raw))
        if reason is not None:
            raise FetchError(
                url,
                f"refused: {host} resolves to {raw}, a {reason} address; only public "
                "addresses are fetched (a trusted local deployment can lift this with "
                "--allow-private-urls)",
            )
    return infos


def _guarded_connection(url: str) -> Any:
    """A ``create_connection`` that connects only to the checked public addresses."""

    def create_connection(
        address: tuple[str, int], timeout: Any = None, source_address: Any = None
    ) -> socket.socket:
        host, port = address
        last: OSError | None = None
        for family, kind, proto, _name, sockaddr in public_addresses(url, host, port):
            sock = socket.socket(family, kind, proto)
            try:
                if timeout is not None:
                    sock.settimeout(timeout)
                if source_address:
                    sock.bind(source_address)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                last = exc
        raise last or OSError(f"cannot connect to {host}")

    return create_connection


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _guarded_connection(f"http://{self.host}")


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _guarded_connection(f"https://{self.host}")


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPSConnection, req)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 2

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)

    def http_error_302(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any
    ) -> Any:
        visited = getattr(req, "redirect_dict", {})
        if sum(visited.values()) >= self.max_redirections:
            raise FetchError(
                req.full_url, f"more than {self.max_redirections} redirects; give the final URL"
            )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def guarded_opener() -> urllib.request.OpenerDirector:
    """An opener with only http(s), no proxy, every connection and redirect checked."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler({}),
        urllib.request.UnknownHandler(),
        _HTTPHandler(),
        _HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _RedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def open_public(request: urllib.request.Request, timeout: float) -> Any:
    """``urlopen`` through :func:`guarded_opener`, after checking the first URL."""
    check_url(request.full_url)
    try:
        return guarded_opener().open(request, timeout=timeout)
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, FetchError):
            raise exc.reason from exc
        raise


__all__ = ["MAX_REDIRECTS", "check_url", "guarded_opener", "open_public", "refused_reason"]
