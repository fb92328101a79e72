"""Where the naturally parallel pieces of the pipeline run: in this process, or on a Dask cluster.

The stages take ``workers`` (a :class:`Workers`, or None to run as they always do): reading
maps one function over the input files, extraction folds each partition of papers into a
summary of its concepts (grouped by name), the graph maps over the tiles of its pairwise
products (each keeping its rows' strongest ties). Everything corpus-wide — paper identity,
merging concept names across papers, typing by majority, the graph, its analysis and layout —
is reduced in the calling process, from those summaries, by the same code whichever engine ran
the pieces, so both engines give the same exports, byte for byte.

``papergraph.build(..., engine="dask")`` opens the Dask engine (:mod:`papergraph.engine.dask`,
which imports Dask only then).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from papergraph.errors import EngineError

__all__ = ["ENGINES", "Workers", "partition_bounds", "open_dask_workers"]

#: The engines ``build`` can run on: ``local`` (this process, and a fork pool for large
#: extractions) and ``dask`` (a Dask cluster, started locally or reached by its address).
ENGINES: tuple[str, ...] = ("local", "dask")


class Workers(Protocol):
    """Runs independent pieces of work elsewhere and hands their results back in order."""

    def map(self, function: Callable[..., Any], items: Iterable[Any], *, common: tuple = (),
            large_items: bool = False) -> Iterator[Any]:
        """``function(item, *common)`` for every item, results in the order of ``items`` (which may be
        a generator: items are made only as the work goes, a bounded number ahead).

        ``common`` holds large objects every call needs (sent to each worker once); with
        ``large_items`` each item (a tile of a product) is sent straight to the worker that runs it.
        """
        ...

    def map_partitions(self, function: Callable[..., Any], items: Sequence[Any], *,
                       common: tuple = ()) -> Iterator[Any]:
        """``function(partition, *common)`` over consecutive partitions of ``items`` (lists):
        one result per partition, a summary the caller reduces, in the order of ``items``."""
        ...


def partition_bounds(n: int, partitions: int) -> list[tuple[int, int]]:
    """Split ``range(n)`` into at most ``partitions`` consecutive runs of near-equal length.

    Examples
    --------
    >>> partition_bounds(10, 3)
    [(0, 4), (4, 7), (7, 10)]
    >>> partition_bounds(2, 5), partition_bounds(0, 5)
    ([(0, 1), (1, 2)], [])
    """
    partitions = max(1, min(partitions, n))
    size, extra = divmod(n, partitions)
    bounds, start = [], 0
    for index in range(partitions if n else 0):
        stop = start + size + (index < extra)
        bounds.append((start, stop))
        start = stop
    return bounds


def open_dask_workers(scheduler: str | None = None, partitions: int | None = None) -> AbstractContextManager[Workers]:
    """The Dask engine's workers (see :func:`papergraph.engine.dask.dask_workers`), importing Dask
    only now; :class:`~papergraph.errors.EngineError` if it is not installed."""
    try:
        from papergraph.engine.dask import dask_workers
    except ModuleNotFoundError as error:
        if error.name not in ("dask", "distributed") and not str(error.name).startswith("dask."):
            raise
        raise EngineError("the dask engine needs Dask: pip install 'papergraph[dask]' "
                          "(or 'dask[distributed]')") from None
    return dask_workers(scheduler, partitions)
