"""How much memory the concept reader's word caches hold when full: the part of a worker's memory
that grows with the corpus until the caches reach their caps.

The reader memoises pure functions of a word or a name (``functools.lru_cache``: name keys,
spellings, the type a name's head or tail gives, ...). A process that reads more papers meets more
distinct names, so its memory grows with the corpus until every cache holds its ``maxsize`` entries
and then stays. This fills each cache to its cap with distinct names of 25-30 characters and prints
the memory held (``tracemalloc``), cache by cache and in all: the most the caches add to a Dask
worker (or to the local engine's extraction processes), whatever the corpus size.

Run: ``.venv/bin/python benchmarks/bench_caches.py``
"""

from __future__ import annotations

import gc
import tracemalloc
from types import ModuleType


def _caches(modules: list[ModuleType]) -> dict[str, object]:
    """Each lru_cache'd function defined in these modules (not those they import), by name."""
    return {
        f"{module.__name__}.{name}": function
        for module in modules
        for name, function in vars(module).items()
        if hasattr(function, "cache_info") and getattr(function, "__module__", "") == module.__name__
    }


def main() -> None:
    tracemalloc.start()
    from papergraph.extract import candidates, canonical, evidence, tokens

    caches = _caches([tokens, evidence, candidates, canonical])
    gc.collect()
    base = tracemalloc.get_traced_memory()[0]
    entries = 0
    for name, function in caches.items():
        cap = function.cache_info().maxsize  # type: ignore[attr-defined]
        before = tracemalloc.get_traced_memory()[0]
        i = 0
        while function.cache_info().currsize < cap:  # type: ignore[attr-defined]
            # two shapes of name, so that functions which answer early for one still store the other
            function(f"Name{i}-Mixed Model v{i % 7}" if i % 2 else f"multi-scale{i} attention layers")  # type: ignore[operator]
            i += 1
        gc.collect()
        entries += cap
        print(f"  {name:<40} {cap:>9,} entries  {(tracemalloc.get_traced_memory()[0] - before) / 2**20:6.0f} MB")
    print(f"all {len(caches)} caches full: {entries:,} entries, "
          f"{(tracemalloc.get_traced_memory()[0] - base) / 2**20:.0f} MB")


if __name__ == "__main__":
    main()
