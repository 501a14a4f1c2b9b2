"""Scale out on Dask (``dask.distributed``): ingest and analyse a corpus on many workers.

- :mod:`parallax.scale.client` opens a cluster from ``--cluster`` (``local:N`` starts a
  ``LocalCluster`` of N worker processes; ``tcp://HOST:PORT`` joins a running
  scheduler) and refuses a database that workers on other machines cannot share.
- :mod:`parallax.scale.tasks` holds what runs on a worker: clean, segment and store one
  partition of articles; analyse one story and cache its analysis in the store.  Each
  worker opens the database and loads the models once, not once per task.
- :mod:`parallax.scale.run` is the driver: it cuts the input into partitions, keeps a
  bounded number in flight, reports progress, and gathers failures (a bad item or a
  crashing story is recorded with its id and error; the run goes on).

Writes are idempotent (an article is stored once per content; an analysis once per
key), so a task that Dask re-runs after its worker died duplicates nothing.
"""

from __future__ import annotations

from parallax.scale.client import ClusterSpec, cluster_client, parse_cluster
from parallax.scale.run import AnalyseSummary, analyse_stories, ingest_distributed

__all__ = [
    "AnalyseSummary",
    "ClusterSpec",
    "analyse_stories",
    "cluster_client",
    "ingest_distributed",
    "parse_cluster",
]
