"""Benchmark of concept extraction throughput on the arxiv-daily-cs corpus, against a matching floor.

Usage: ``.venv/bin/python benchmarks/bench_extract.py [CORPUS_DIR] [--limit N]`` (also run by
``make bench``). Reads the gzip JSON Lines days itself (title and summary of each record,
unique by arXiv id), then, in the same run:

* the floor: one plain Aho–Corasick pass (pyahocorasick, longest matches) over each lower-cased
  title and abstract with every name and alias of the project's vocabulary, in this process;
* :func:`papergraph.extract.extract_concepts` alone.

It prints CPU seconds (this process plus the worker processes: steadier than wall time when
other jobs share the cores), abstracts per CPU-second, the rate two fully used cores give
(papers / (CPU seconds / 2)), the wall rate, and the ratio of extraction to floor CPU seconds.
Above ``PARALLEL_THRESHOLD`` papers the extractor reads in two worker processes; ``--serial``
raises the threshold to time one process. Measures, never fails.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import time
from pathlib import Path

import ahocorasick

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
    vocabulary = load_vocabulary()
    vocabulary_seconds = time.perf_counter() - started

    floor_cpu = aho_corasick_floor(papers, vocabulary)

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started, cpu_started = time.perf_counter(), time.process_time()
    extraction = extract_concepts(papers)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    total_cpu = cpu + workers_cpu

    print(f"corpus          {options.corpus}")
    print(f"papers          {len(papers):,} ({megabytes:.1f} MB of titles and abstracts, read in {read_seconds:.1f} s)")
    print(f"vocabulary      {len(vocabulary):,} entries, compiled in {vocabulary_seconds * 1000:.0f} ms")
    print(f"floor           Aho-Corasick pass with the vocabulary: {floor_cpu:.1f} cpu-s, "
          f"{len(papers) / floor_cpu:,.0f} abstracts per cpu-s")
    parallel = len(papers) > extractor.PARALLEL_THRESHOLD
    print(f"extraction      {total_cpu:.1f} cpu-s ({cpu:.1f} in this process, {workers_cpu:.1f} in workers; "
          f"{'worker processes' if parallel else 'one process'}), {seconds:.1f} s wall")
    print(f"throughput      {len(papers) / total_cpu:,.0f} abstracts per cpu-s; on 2 cores "
          f"{2 * len(papers) / total_cpu:,.0f} abstracts/s; wall {len(papers) / seconds:,.0f} abstracts/s, "
          f"{megabytes / seconds:.2f} MB/s")
    print(f"ratio           extraction / floor: {total_cpu / floor_cpu:.1f}x the cpu-s")
    print(f"found           {len(extraction.concepts):,} concepts, {len(extraction.mentions):,} mentions")


def aho_corasick_floor(papers: list[Paper], vocabulary) -> float:
    """CPU seconds of one plain automaton pass per title + abstract with the vocabulary's names."""
    automaton = ahocorasick.Automaton()
    for entry in vocabulary.entries:
        for alias in (entry.name, *entry.aliases):
            automaton.add_word(alias.lower(), len(alias))
    automaton.make_automaton()
    started = time.process_time()
    matches = 0
    for paper in papers:
        for _ in automaton.iter_long(f"{paper.title}\n{paper.abstract}".lower()):
            matches += 1
    return time.process_time() - started


if __name__ == "__main__":
    main()
