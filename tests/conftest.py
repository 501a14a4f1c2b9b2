from __future__ import annotations

import contextlib
import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

ROOT = Path(__file__).resolve().parent.parent
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


def _pg_bin(name: str) -> str:
    import glob
    import shutil

    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))), None
    )
    if found is None:
        pytest.fail(f"PostgreSQL's {name} is missing: `make postgres` installs Debian's postgresql")
    return found


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server started for this test run on a loopback port, stopped after.

    initdb and postgres refuse to run as root, so as root the server runs as the
    unprivileged user ``pgtest`` (created once)."""
    import os
    import shutil
    import subprocess
    import tempfile

    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    prefix: list[str] = []
    if os.geteuid() == 0:
        if subprocess.run(["id", "pgtest"], capture_output=True).returncode != 0:
            subprocess.run(["useradd", "-r", "-m", "pgtest"], check=True, capture_output=True)
        prefix = ["runuser", "-u", "pgtest", "--"]
    data = tempfile.mkdtemp(prefix="parallax-pg-")
    if prefix:
        shutil.chown(data, "pgtest")
    port = _free_port()
    subprocess.run(
        [*prefix, initdb, "-D", data, "-U", "postgres", "-A", "trust"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        [*prefix, pg_ctl, "-D", data, "-o", options, "-l", f"{data}/log", "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*prefix, pg_ctl, "-D", data, "-m", "fast", "-w", "stop"], capture_output=True
        )
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        return str(tmp_path / "corpus.db")
    import uuid

    import psycopg

    server: str = request.getfixturevalue("postgres_server")
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"
