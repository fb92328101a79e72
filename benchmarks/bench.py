"""Run every benchmark, each in a fresh process so peak-memory figures are its own.

Usage: ``make bench`` (or ``.venv/bin/python benchmarks/bench.py [NAME ...]``), where NAME is
one of read, extract, build, html, layout, dask, caches. Benchmarks measure and print; they never pass or fail.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ("read", "extract", "build", "html", "layout", "dask", "caches")


def main(names: list[str]) -> int:
    failed = []
    for name in names or BENCHMARKS:
        print(f"== {name} ==", flush=True)
        if subprocess.call([sys.executable, str(HERE / f"bench_{name}.py")]) != 0:
            failed.append(name)
        print(flush=True)
    if failed:
        print(f"benchmarks that did not finish: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
