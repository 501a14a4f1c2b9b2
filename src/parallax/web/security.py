"""The app's guard: one ASGI middleware in front of every request.

- a request body over the limit is refused with 413 before the app reads it;
- a form or API call sent from another site (an ``Origin`` that is not this app) is
  refused with 403, and every form carries a CSRF token (:func:`csrf_token`) bound to a
  SameSite=Strict cookie;
- with a token configured, pages need a session (``/login`` gives one: an HttpOnly,
  SameSite=Strict cookie, Secure over HTTPS) and the API needs ``Authorization: Bearer``
  (or that session);
- every answer gets a strict Content-Security-Policy with a fresh nonce for the app's
  own scripts, and the other security headers.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import quote

from parallax.web.config import WebConfig

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SESSION_COOKIE = "parallax_session"
CSRF_COOKIE = "parallax_csrf"
SESSION_SECONDS = 12 * 3600
OPEN_PATHS = ("/login", "/static/")
_UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


def csp(nonce: str) -> str:
    return (
        "default-src 'none'; "
        f"script-src 'nonce-{nonce}'; "
        f"style-src 'self' 'nonce-{nonce}'; "
        "img-src 'self' data:; "
        "connect-src 'self'; "
        "form-action 'self'; "
        "frame-ancestors 'none'; "
        "base-uri 'none'"
    )


class Secrets:
    """The process's secret (for CSRF tokens), its sessions and failed logins."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.key = secrets.token_bytes(32)
        self._sessions: dict[str, float] = {}
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def csrf_for(self, cookie: str) -> str:
        return hmac.new(self.key, b"csrf:" + cookie.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, cookie: str | None, token: str | None) -> bool:
        if not cookie or not token:
            return False
        return hmac.compare_digest(self.csrf_for(cookie), token)

    def token_ok(self, given: str | None) -> bool:
        expected = self.config.token
        if not expected or given is None:
            return False
        return hmac.compare_digest(expected.encode(), given.encode())

    def new_session(self) -> str:
        sid = secrets.token_urlsafe(32)
        with self._lock:
            now = time.time()
            self._sessions = {k: v for k, v in self._sessions.items() if v > now}
            self._sessions[sid] = now + SESSION_SECONDS
        return sid

    def session_ok(self, sid: str | None) -> bool:
        if not sid:
            return False
        with self._lock:
            expiry = self._sessions.get(sid)
        return expiry is not None and expiry > time.time()

    def end_session(self, sid: str | None) -> None:
        with self._lock:
            self._sessions.pop(sid or "", None)

    def login_blocked(self, client: str) -> bool:
        """True when ``client`` failed too many logins in the last minute."""
        with self._lock:
            recent = self._failures[client]
            while recent and recent[0] < time.time() - 60:
                recent.popleft()
            return len(recent) >= self.config.limits.login_failures

    def login_failed(self, client: str) -> None:
        with self._lock:
            self._failures[client].append(time.time())


def cookies_of(scope: Scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is ignored, not an error
                continue
    return {k: m.value for k, m in jar.items()}


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def is_https(scope: Scope) -> bool:
    return scope.get("scheme") == "https"


def cookie_header(name: str, value: str, scope: Scope, max_age: int | None = None) -> bytes:
    parts = [f"{name}={value}", "Path=/", "HttpOnly", "SameSite=Strict"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    if is_https(scope):
        parts.append("Secure")
    return "; ".join(parts).encode("latin-1")


class Guard:
    """The middleware; ``secrets`` is shared with the routes (logins, CSRF checks)."""

    def __init__(self, app: ASGIApp, config: WebConfig, keys: Secrets) -> None:
        self.app = app
        self.config = config
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        cookies = cookies_of(scope)
        csrf_cookie = cookies.get(CSRF_COOKIE)
        new_csrf = None
        if not csrf_cookie or len(csrf_cookie) < 20:
            csrf_cookie = new_csrf = secrets.token_urlsafe(24)
        state = scope.setdefault("state", {})
        state["nonce"] = nonce
        state["csrf"] = self.keys.csrf_for(csrf_cookie)
        state["csrf_cookie"] = csrf_cookie if not new_csrf else None  # None: nothing sent yet
        state["authenticated"] = False

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = [
                    (b"content-security-policy", csp(nonce).encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                    (b"cross-origin-resource-policy", b"same-origin"),
                    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
                ]
                headers += [(k, v) for k, v in extra if k not in names]
                if b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                if new_csrf:
                    headers.append((b"set-cookie", cookie_header(CSRF_COOKIE, new_csrf, scope)))
                message["headers"] = headers
            await send(message)

        refusal = self._refusal(scope, cookies, state)
        if refusal is not None:
            await refusal(send_with_headers)
            return
        body_limit = self._body_limit(scope)
        if body_limit is not None:
            await body_limit(send_with_headers)
            return
        await self.app(scope, self._limited(receive), send_with_headers)

    # -- checks ---------------------------------------------------------------------

    def _refusal(
        self, scope: Scope, cookies: dict[str, str], state: dict[str, Any]
    ) -> Callable[[Send], Awaitable[None]] | None:
        path: str = scope.get("path", "/")
        method: str = scope.get("method", "GET")
        api = path.startswith("/api/") or path == "/openapi.json"
        if not self.config.token and not _loopback_host(header(scope, b"host"), self.config):
            # without a token the app trusts loopback only: a page of another site whose
            # name was made to resolve to 127.0.0.1 (DNS rebinding) is not let in
            return _answer(
                400, "this server answers only to 127.0.0.1 or localhost; use that address", api
            )
        if method in _UNSAFE:
            origin = header(scope, b"origin")
            host = header(scope, b"host")
            if origin and origin != "null" and host and origin.split("://", 1)[-1] != host:
                return _answer(403, "a request from another site was refused", api)
            if origin == "null":
                return _answer(403, "a request from an opaque origin was refused", api)
        if not self.config.token or path.startswith(OPEN_PATHS):
            state["authenticated"] = not self.config.token
            return None
        auth = header(scope, b"authorization") or ""
        bearer = auth[7:].strip() if auth.lower().startswith("bearer ") else None
        if (bearer is not None and self.keys.token_ok(bearer)) or self.keys.session_ok(
            cookies.get(SESSION_COOKIE)
        ):
            state["authenticated"] = True
            return None
        if api:
            return _answer(
                401,
                "this server needs a token: send Authorization: Bearer TOKEN",
                True,
                [(b"www-authenticate", b'Bearer realm="parallax"')],
            )
        target = path + ("?" + scope["query_string"].decode() if scope.get("query_string") else "")
        location = "/login?next=" + quote(target, safe="")
        return _redirect(location)

    def _body_limit(self, scope: Scope) -> Callable[[Send], Awaitable[None]] | None:
        length = header(scope, b"content-length")
        limit = self.config.limits.max_body
        if length is not None and (not length.isdigit() or int(length) > limit):
            api = scope.get("path", "").startswith("/api/")
            return _answer(413, f"the request is over the {limit // (1024 * 1024)} MiB cap", api)
        return None

    def _limited(self, receive: Receive) -> Receive:
        """A body sent without Content-Length is cut off at the cap (the app sees 413)."""
        seen = 0
        limit = self.config.limits.max_body

        async def guarded() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        return guarded


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"the request is over the {limit // (1024 * 1024)} MiB cap")


def _loopback_host(host: str | None, config: WebConfig) -> bool:
    """Is the Host header this machine's loopback (or the address the app is bound to)?"""
    if not host:
        return False
    if host.startswith("["):
        name = host[1 : host.find("]")].lower()
    else:
        name = host.rsplit(":", 1)[0].lower()
    return name in ("localhost", "127.0.0.1", "::1", config.host.strip("[]").lower())


def error_body(status: int, message: str) -> bytes:
    return json.dumps({"status": status, "error": message}).encode()


def _answer(
    status: int, message: str, api: bool, headers: list[tuple[bytes, bytes]] | None = None
) -> Callable[[Send], Awaitable[None]]:
    if api:
        body, ctype = error_body(status, message), b"application/json"
    else:
        from html import escape

        body = (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{status}</title>'
            f'</head><body><h1>{status}</h1><p class="error">{escape(message)}</p>'
            '<p><a href="/">Back to Parallax</a></p></body></html>'
        ).encode()
        ctype = b"text/html; charset=utf-8"

    async def respond(send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", ctype),
                    (b"content-length", str(len(body)).encode()),
                    *(headers or []),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    return respond


def _redirect(location: str) -> Callable[[Send], Awaitable[None]]:
    async def respond(send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [(b"location", location.encode("latin-1")), (b"content-length", b"0")],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    return respond
