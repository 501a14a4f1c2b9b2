"""The SSRF guard of the fetcher: which addresses are public, and a fetch that is refused
on loopback (the test's own local server) while the same fetch without the guard works."""

from __future__ import annotations

import ipaddress

import pytest

from parallax.errors import FetchError
from parallax.ingest import InputSpec, ReadOptions, read_inputs
from parallax.ingest.fetch import fetch
from parallax.ingest.guard import check_url, refused_reason


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "not public"),  # shared (carrier-grade NAT)
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "private"),  # reserved; Python files it under private too
        ("0.0.0.0", "unspecified"),
        ("255.255.255.255", "private"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "link-local"),
        ("2002:7f00:1::", "loopback"),  # 6to4 wrapping 127.0.0.1
        ("64:ff9b::a00:1", "private"),  # NAT64 wrapping 10.0.0.1
    ],
)
def test_non_public_addresses_are_refused(address: str, reason: str) -> None:
    assert refused_reason(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize("address", ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert refused_reason(ipaddress.ip_address(address)) is None


def test_only_http_and_https() -> None:
    for url in ("file:///etc/passwd", "ftp://example.org/", "gopher://x/", "http:///nohost"):
        with pytest.raises(FetchError):
            check_url(url)
    check_url("https://example.org/a")


def test_a_loopback_fetch_is_refused_with_the_guard(web: tuple[str, dict]) -> None:
    base, routes = web
    routes["/article"] = (200, "text/plain", b"Some text.")
    assert fetch(base + "/article").data == b"Some text."  # no guard: the CLI's default
    with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.1 .*loopback.*--allow-private-urls"):
        fetch(base + "/article", public_only=True)
    with pytest.raises(FetchError, match="loopback"):
        fetch(base.replace("127.0.0.1", "localhost") + "/redirect", public_only=True)


def test_read_options_carry_the_guard(web: tuple[str, dict]) -> None:
    base, routes = web
    routes["/article"] = (200, "text/plain", b"Some text about a harbour strike.")
    got = read_inputs([InputSpec(base + "/article")], ReadOptions(public_only=True))
    assert got.articles == ()
    assert "refused" in got.warnings[0].message


def test_a_redirect_is_checked_again() -> None:
    import urllib.request

    from parallax.ingest.guard import _RedirectHandler

    request = urllib.request.Request("https://example.org/a")
    for target in ("file:///etc/passwd", "ftp://example.org/x"):
        with pytest.raises(FetchError, match="only http and https"):
            _RedirectHandler().redirect_request(request, None, 302, "Found", {}, target)


def test_redirects_are_capped() -> None:
    import urllib.request

    from parallax.ingest.guard import MAX_REDIRECTS, _RedirectHandler

    request = urllib.request.Request("https://example.org/a")
    request.redirect_dict = {f"https://example.org/{i}": 1 for i in range(MAX_REDIRECTS)}  # type: ignore[attr-defined]
    with pytest.raises(FetchError, match=f"more than {MAX_REDIRECTS} redirects"):
        _RedirectHandler().http_error_302(request, None, 302, "Found", {})
