"""Benchmark: reading both shared corpora against a plain-read floor, resolving, and ``--help``.

Usage: ``.venv/bin/python benchmarks/bench_read.py [--rounds N]`` (or ``make bench``). It measures
and prints; it never passes or fails. CPU seconds are the figures to compare (the machine is
shared, so wall seconds drift more); each figure is the least of ``--rounds`` runs, and the
floor is measured in the same run, interleaved with papergraph's reading, so that both see the
same machine:

- reading: ``papergraph.listings.read_listings`` of both corpora against the floor, plain Python
  reading the same files (gzip, json per line or per file, every record counted);
- resolving the listings into papers;
- ``papergraph --help`` and ``papergraph build --help`` as whole processes against ``python -c pass``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from papergraph.listings import read_listings
from papergraph.resolve import resolve_papers

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
INPUTS = (CORPORA / "hf-daily-papers", CORPORA / "arxiv-daily-cs")
PAPERGRAPH = Path(sys.executable).with_name("papergraph")


def plain_read(folders: tuple[Path, ...]) -> int:
    """The floor: read every file as plain Python would, and count its records."""
    records = 0
    for folder in folders:
        for path in sorted(folder.glob("*.json*.gz")):  # what papergraph reads there (not LICENSE)
            text = gzip.decompress(path.read_bytes()).decode("utf-8")
            if ".jsonl" in path.name:
                records += sum(1 for line in text.split("\n") if line.strip() and json.loads(line))
            else:
                records += len(json.loads(text))
    return records


def cpu_seconds(work: Callable[[], object]) -> tuple[float, object]:
    start = time.process_time()
    result = work()
    return time.process_time() - start, result


def process_cpu_seconds(command: list[str], rounds: int) -> float:
    """The least CPU time (user + system) of running ``command`` as a whole process."""
    best = float("inf")
    for _ in range(rounds):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="runs of each measurement; the least counts")
    rounds = parser.parse_args().rounds

    python = process_cpu_seconds([sys.executable, "-c", "pass"], rounds * 2)
    for args in (["--help"], ["build", "--help"], ["neighbors", "--help"]):
        help_seconds = process_cpu_seconds([str(PAPERGRAPH), *args], rounds * 2)
        print(f"papergraph {' '.join(args):<16} {help_seconds:.3f} cpu-s   (python -c pass: {python:.3f}; "
              f"ratio {help_seconds / python:.1f}x; aim <= 0.3 s)")

    missing = [str(path) for path in INPUTS if not path.is_dir()]
    if missing:
        print(f"corpora not found ({', '.join(missing)}): reading not measured", file=sys.stderr)
        return 0
    floor = read = float("inf")
    for _ in range(rounds):
        seconds, records = cpu_seconds(lambda: plain_read(INPUTS))
        floor = min(floor, seconds)
        seconds, result = cpu_seconds(lambda: read_listings(INPUTS))
        read = min(read, seconds)
    resolve_seconds, papers = cpu_seconds(lambda: resolve_papers(result.listings))
    print(f"inputs:    {', '.join(str(path.relative_to(ROOT.parent)) for path in INPUTS)}")
    print(f"records:   {records:,} (plain read); listings: {len(result.listings):,}; problems: "
          f"{len(result.problems):,}; papers: {len(papers):,}")
    print(f"reading:   {read:.2f} cpu-s   plain gzip+json floor: {floor:.2f} cpu-s   ratio {read / floor:.2f}x "
          "(aim <= 2x)")
    print(f"resolving: {resolve_seconds:.2f} cpu-s")
    print(f"peak RSS:  {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
