from __future__ import annotations

import contextlib
import http.server
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))  # corpus_gen and pgserver, shared with benchmarks
EXAMPLE = ROOT / "examples" / "harbor-strike"
SEEDS = ROOT.parent / "shared" / "seeds"


def example_inputs() -> list[str]:
    return sorted(str(p) for p in EXAMPLE.iterdir() if p.is_file())


class Routes(http.server.BaseHTTPRequestHandler):
    """A tiny local web server: routes map a path to (status, content type, body)."""

    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}

    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(2)
        if self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def web() -> Iterator[tuple[str, dict[str, tuple[int, str, bytes]]]]:
    """(base URL, routes) of a server on 127.0.0.1; tests fill the routes."""
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}
    handler = type("Handler", (Routes,), {"routes": routes})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", routes
    finally:
        server.shutdown()
        server.server_close()


# -- databases: a throwaway PostgreSQL server of the test run's own, and SQLite files --


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server started for this test run on a loopback port, stopped after
    (``benchmarks/pgserver.py``).  Never skipped: missing binaries fail the run."""
    from pgserver import pg_bin, postgres_server

    if pg_bin("initdb") is None:
        pytest.fail("PostgreSQL's initdb is missing: `make postgres` installs Debian's postgresql")
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        return str(tmp_path / "corpus.db")
    import uuid

    from pgserver import create_database

    server: str = request.getfixturevalue("postgres_server")
    return create_database(server, f"t_{uuid.uuid4().hex[:12]}")
