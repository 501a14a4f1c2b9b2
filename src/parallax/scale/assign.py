"""Story assignment on the cluster: the block steps of :mod:`parallax.store.story_blocks`
run on the workers, the driver resolves the stories.

Each step is submitted as a task that opens the worker's store (once per process) and
runs the same function :class:`~parallax.store.story_blocks.Here` runs in one process,
so the stories equal the single-process ones.  A block's term counts and signatures stay
on the worker that made them and travel only to the tasks that need them (the block's
own matching, the next blocks' windows, its write); the driver receives document
frequencies, the matches and the write's answer.  A task lost with its worker is re-run
from what it was made of (the articles in the database, the values passed to it), and
a block's write is one transaction that is skipped when it already happened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from parallax.scale.run import RETRIES, _slots
from parallax.scale.tasks import worker_store
from parallax.store.stories import StoryIndex
from parallax.store.story_blocks import BLOCK
from parallax.stories.assign import Assignment

if TYPE_CHECKING:
    from distributed import Client

    from parallax.store import Store


def on_worker(fn: Callable[..., Any], db_url: str, *args: Any) -> Any:
    """``fn(store, *args)`` with this worker's store for ``db_url``."""
    return fn(worker_store(db_url), *args)


class OnCluster:
    """A :class:`~parallax.store.story_blocks.Runner` on a Dask cluster."""

    def __init__(self, client: Client, db_url: str) -> None:
        self.client = client
        self.db_url = db_url

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.client.submit(on_worker, fn, self.db_url, *args, pure=False, retries=RETRIES)

    def result(self, handle: Any) -> Any:
        return handle.result()


def assign_distributed(
    client: Client | None,
    store: Store,
    db_url: str,
    *,
    block: int | None = None,
    on_item: Callable[[Assignment], None] | None = None,
) -> list[Assignment]:
    """Assign every pending article of ``store`` (opened by the workers at ``db_url``),
    its blocks on the cluster; without a client, here."""
    index = StoryIndex(store)
    if client is None:
        return index.assign_pending(on_item, None, block or BLOCK)
    runner = OnCluster(client, db_url)
    return index.assign_pending(on_item, runner, block or BLOCK, ahead=_slots(client))
