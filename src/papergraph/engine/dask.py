"""The Dask engine: the pipeline's independent pieces run on a Dask cluster.

Without a scheduler address a :class:`distributed.LocalCluster` sized to the machine is
started (one single-threaded worker process per core: the pieces are pure-Python work that
holds the GIL); with one, the cluster behind that address is used, as ``dask.distributed``'s
``Client(address)`` does. The input files must be readable by the workers at the paths the
client sees (a shared file system), as for any Dask reader of local paths, and the workers
need papergraph installed.

Only the pieces travel: file paths to read, partitions of (id, title, abstract) triples to
extract from, the paper reader, sent to each worker once, and the tiles of the pairwise products
(each with only the slices of the matrices it multiplies). What comes back is compact: a file's
listings, a partition's concepts folded by name, a tile's strongest ties. Results come back in
order, and the stages reduce them exactly as on the local engine.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from dask.distributed import Client, Future, LocalCluster

from papergraph.engine import partition_bounds
from papergraph.errors import EngineError

__all__ = ["DaskWorkers", "dask_workers", "PARTITION_ITEMS"]

#: Default partitions hold at most this many items (papers): bounds a worker's memory
#: whatever the corpus size.
PARTITION_ITEMS = 5_000
# Default partitions per worker thread, so a slow partition does not leave a worker idle.
_PARTITIONS_PER_THREAD = 4
# Pieces submitted ahead per worker thread: keeps every worker busy, bounds what waits.
_IN_FLIGHT_PER_THREAD = 2
_CONNECT_TIMEOUT = "10s"


class DaskWorkers:
    """:class:`papergraph.engine.Workers` on a Dask cluster, through a connected ``Client``.

    ``partitions`` fixes how many partitions ``map_partitions`` makes; by default four per
    worker thread, and more when partitions would exceed :data:`PARTITION_ITEMS` items.
    """

    def __init__(self, client: Client, partitions: int | None = None):
        self.client = client
        self.partitions = partitions

    def map(self, function: Callable[..., Any], items: Iterable[Any], *, common: tuple = (),
            large_items: bool = False) -> Iterator[Any]:
        shared = self._broadcast(common)
        if large_items:
            yield from self._in_order(lambda item: self._submit(function, item, shared), items)
        else:  # small items (file paths) travel inside their task: no round trip to scatter each
            yield from self._in_order(lambda item: self.client.submit(function, item, *shared, pure=False), items)

    def map_partitions(self, function: Callable[..., Any], items: Sequence[Any], *,
                       common: tuple = ()) -> Iterator[Any]:
        shared = self._broadcast(common)
        count = self.partitions or max(_PARTITIONS_PER_THREAD * self._threads(), -(-len(items) // PARTITION_ITEMS))
        yield from self._in_order(lambda bounds: self._submit(function, list(items[bounds[0]:bounds[1]]), shared),
                                  partition_bounds(len(items), count))

    def _submit(self, function: Callable[..., Any], item: Any, shared: list[Future]) -> Future:
        # Scattered, not embedded in the task: the item (a partition, a tile of a product) goes
        # straight to a worker, not through the scheduler.
        [scattered] = self.client.scatter([item], hash=False)
        return self.client.submit(function, scattered, *shared, pure=False)

    def _threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def _broadcast(self, common: tuple) -> list[Future]:
        return [self.client.scatter(value, broadcast=True, hash=False) for value in common]

    def _in_order(self, submit: Callable[[Any], Future], items: Iterable[Any]) -> Iterator[Any]:
        """The results of ``submit(item)`` in order, with a bounded number of pieces in flight.

        Only :data:`_IN_FLIGHT_PER_THREAD` pieces per worker thread are submitted ahead of the
        one handed on, so neither the workers nor the client hold more results than that,
        whatever the number of pieces: memory is bounded by the partition size.
        """
        window = _IN_FLIGHT_PER_THREAD * self._threads()
        pending: deque[Future] = deque()
        for item in items:
            pending.append(submit(item))
            if len(pending) >= window:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())


def _result(future: Future) -> Any:
    result = future.result()
    future.release()
    return result


@contextlib.contextmanager
def dask_workers(scheduler: str | None = None, partitions: int | None = None) -> Iterator[DaskWorkers]:
    """The workers of the cluster at ``scheduler`` (``tcp://host:8786``), or of a new local one.

    Raises
    ------
    papergraph.errors.EngineError
        The scheduler cannot be reached, or ``partitions`` is below 1.
    """
    if partitions is not None and partitions < 1:
        raise EngineError(f"partitions must be at least 1, not {partitions}")
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=_CONNECT_TIMEOUT, set_as_default=False)
        else:
            cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=logging.ERROR)
            client = Client(cluster, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        if cluster is not None:
            cluster.close()
        where = f"the Dask scheduler at {scheduler!r}" if scheduler else "a local Dask cluster"
        raise EngineError(f"cannot reach {where}: {error}") from None
    try:
        yield DaskWorkers(client, partitions)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
