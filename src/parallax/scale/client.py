"""``--cluster``: which Dask cluster to run on, and whether the database suits it."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from parallax.errors import ParallaxError

if TYPE_CHECKING:
    from distributed import Client

log = logging.getLogger("parallax.scale")

_LOCAL = re.compile(r"^local(?::(\d+))?$")
_REMOTE = re.compile(r"^(tcp|tls)://[^\s/]+:\d+$")
MAX_LOCAL = 64


class ClusterError(ParallaxError):
    """A ``--cluster`` value that cannot be used (bad form, no scheduler, wrong database)."""


@dataclass(frozen=True, slots=True)
class ClusterSpec:
    """``local`` with a number of worker processes, or the address of a scheduler."""

    kind: str  # "local" | "remote"
    workers: int = 0
    address: str = ""

    def describe(self) -> str:
        if self.kind == "local":
            return f"a local cluster of {self.workers} worker processes"
        return f"the Dask scheduler at {self.address}"


def parse_cluster(value: str) -> ClusterSpec:
    """``local:N``, ``local`` (one worker per core) or ``tcp://HOST:PORT``."""
    text = value.strip()
    local = _LOCAL.match(text)
    if local:
        import os

        workers = int(local.group(1)) if local.group(1) else (os.cpu_count() or 1)
        if not 1 <= workers <= MAX_LOCAL:
            raise ClusterError(f"--cluster {value}: give between 1 and {MAX_LOCAL} workers")
        return ClusterSpec("local", workers=workers)
    if _REMOTE.match(text):
        return ClusterSpec("remote", address=text)
    raise ClusterError(
        f"--cluster {value!r}: expected local:N (N worker processes on this machine) "
        "or tcp://HOST:PORT (a running `dask scheduler`)"
    )


def check_database(spec: ClusterSpec, db_url: str) -> None:
    """Workers on other machines write to the database themselves: it must be a server
    they can all reach, not a SQLite file on this machine."""
    if spec.kind == "remote" and not db_url.startswith(("postgresql", "postgres")):
        raise ClusterError(
            "--cluster tcp://… needs a PostgreSQL database (--db postgresql://…): workers on "
            "other machines cannot share a SQLite file"
        )


@contextmanager
def cluster_client(spec: ClusterSpec, *, quiet: bool = True) -> Iterator[Client]:
    """A ``distributed.Client`` on the cluster, closed (and a local cluster stopped) after.

    Workers are single-threaded processes: the parse and the embeddings hold the GIL,
    and each process loads its own models once."""
    from distributed import Client, LocalCluster

    if quiet:
        for name in ("distributed", "distributed.worker", "distributed.scheduler"):
            logging.getLogger(name).setLevel(logging.ERROR)
    if spec.kind == "local":
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=spec.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
        )
        try:
            with Client(cluster) as client:  # type: ignore[no-untyped-call]
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(spec.address, timeout=10)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {spec.address}: {exc}") from exc
    try:
        yield client
    finally:
        client.close()  # type: ignore[no-untyped-call]


def dashboard(client: Client) -> str | None:
    """The dashboard's address, when the scheduler serves one."""
    try:
        link = client.dashboard_link
    except Exception:  # no bokeh, or no dashboard: not an error
        return None
    return str(link) if link else None
