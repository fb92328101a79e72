"""Benchmark of concept extraction throughput on the arxiv-daily-cs corpus.

Usage: ``.venv/bin/python benchmarks/bench_extract.py [CORPUS_DIR] [--limit N]`` (also run by
``make bench``). Reads the gzip JSON Lines days itself (title and summary of each record,
unique by arXiv id), then times :func:`papergraph.extract.extract_concepts` alone and prints
abstracts per second and megabytes of title + abstract text per second, and the CPU seconds
spent in this process and in the workers (steadier than wall time when other jobs share the
cores). Above
``PARALLEL_THRESHOLD`` papers the extractor reads in two worker processes; ``--serial`` raises the
threshold to time one process. Measures, never fails.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import time
from pathlib import Path

from papergraph.extract import extract_concepts, extractor, load_vocabulary
from papergraph.types import Paper

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "arxiv-daily-cs"


def read_papers(corpus: Path, limit: int | None = None) -> list[Paper]:
    """The unique papers of a directory of ``*.jsonl.gz`` days, in file order."""
    papers: dict[str, Paper] = {}
    for path in sorted(corpus.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                papers.setdefault(record["id"], Paper(f"arxiv:{record['id']}", record["title"], record["summary"], ()))
        if limit is not None and len(papers) >= limit:
            break
    return list(papers.values())[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="extract only the first N papers")
    parser.add_argument("--serial", action="store_true", help="read every paper in this process")
    options = parser.parse_args()
    if options.serial:
        extractor.PARALLEL_THRESHOLD = 10**12

    started = time.perf_counter()
    papers = read_papers(options.corpus, options.limit)
    read_seconds = time.perf_counter() - started
    megabytes = sum(len(paper.title.encode()) + len(paper.abstract.encode()) for paper in papers) / 1e6

    started = time.perf_counter()
    load_vocabulary()
    vocabulary_seconds = time.perf_counter() - started

    started, cpu_started = time.perf_counter(), time.process_time()
    extraction = extract_concepts(papers)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers_cpu = children.ru_utime + children.ru_stime

    print(f"corpus          {options.corpus}")
    print(f"papers          {len(papers):,} ({megabytes:.1f} MB of titles and abstracts, read in {read_seconds:.1f} s)")
    print(f"vocabulary      {len(load_vocabulary()):,} entries, compiled in {vocabulary_seconds * 1000:.0f} ms")
    parallel = len(papers) > extractor.PARALLEL_THRESHOLD
    print(f"extraction      {seconds:.1f} s ({'worker processes' if parallel else 'one process'})")
    print(f"throughput      {len(papers) / seconds:,.0f} abstracts/s, {megabytes / seconds:.2f} MB/s")
    print(f"cpu             {cpu:.1f} s in this process, {workers_cpu:.1f} s in workers")
    print(f"found           {len(extraction.concepts):,} concepts, {len(extraction.mentions):,} mentions")


if __name__ == "__main__":
    main()
