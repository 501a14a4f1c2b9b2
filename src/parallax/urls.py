"""Canonical URLs: one address per article, whatever tracking tags a link carries."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = ("utm_", "mc_", "pk_", "at_", "ga_")
_TRACKING_KEYS = frozenset(
    "fbclid gclid dclid msclkid yclid igshid cmpid ref ref_src smid partner ocid ito "
    "taid cid icid mbid s_cid".split()
)


def canonical_url(url: str | None) -> str | None:
    """``url`` with the scheme and host lower-cased, ``www.``, default ports, fragments,
    tracking parameters and a trailing slash removed, and the other parameters sorted.

    >>> canonical_url("HTTPS://www.Example.com:443/a/b/?utm_source=x&b=2&a=1#top")
    'https://example.com/a/b?a=1&b=2'
    """
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return url.strip()
    host = parts.hostname.lower().removeprefix("www.")
    port = parts.port
    if port and (parts.scheme.lower(), port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING) and k.lower() not in _TRACKING_KEYS
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), host, path, urlencode(query), ""))
