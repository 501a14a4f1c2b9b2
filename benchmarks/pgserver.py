"""A throwaway PostgreSQL server on a loopback port (for the tests and the benchmarks).

``initdb`` and ``postgres`` refuse to run as root, so as root the server runs as the
unprivileged user ``pgtest`` (created once).  Debian's ``postgresql`` package gives the
binaries (``make postgres`` installs it when they are missing).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager


def pg_bin(name: str) -> str | None:
    return shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))), None
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a server; yield its URL without a database name (``.../postgres`` exists)."""
    initdb, pg_ctl = pg_bin("initdb"), pg_bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise RuntimeError("PostgreSQL's initdb is missing: `make postgres` installs it")
    prefix: list[str] = []
    if os.geteuid() == 0:
        if subprocess.run(["id", "pgtest"], capture_output=True).returncode != 0:
            subprocess.run(["useradd", "-r", "-m", "pgtest"], check=True, capture_output=True)
        prefix = ["runuser", "-u", "pgtest", "--"]
    data = tempfile.mkdtemp(prefix="parallax-pg-")
    if prefix:
        shutil.chown(data, "pgtest")
    port = free_port()
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


def create_database(server: str, name: str) -> str:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"
