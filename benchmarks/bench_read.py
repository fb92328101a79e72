"""Benchmark: read both shared corpora and resolve their papers.

Usage: ``.venv/bin/python benchmarks/bench_read.py`` (or ``make bench``). Prints listings,
papers, problems, seconds for reading and for resolving, and the peak resident memory. It
measures and prints; it never passes or fails.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from papergraph.listings import read_listings
from papergraph.resolve import resolve_papers

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
INPUTS = (CORPORA / "hf-daily-papers", CORPORA / "arxiv-daily-cs")


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def main() -> int:
    missing = [str(path) for path in INPUTS if not path.is_dir()]
    if missing:
        print(f"corpora not found: {', '.join(missing)}", file=sys.stderr)
        return 1
    start = time.perf_counter()
    result = read_listings(INPUTS)
    read_seconds = time.perf_counter() - start
    papers = resolve_papers(result.listings)
    total_seconds = time.perf_counter() - start
    print(f"inputs:    {', '.join(str(path) for path in INPUTS)}")
    print(f"listings:  {len(result.listings):,}")
    print(f"papers:    {len(papers):,}")
    print(f"problems:  {len(result.problems):,}")
    print(f"read:      {read_seconds:.1f} s")
    print(f"resolve:   {total_seconds - read_seconds:.1f} s")
    print(f"total:     {total_seconds:.1f} s")
    print(f"peak RSS:  {_peak_rss_mb():,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
