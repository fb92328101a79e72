"""Benchmark building and analysing the graph: wall time per stage and peak memory.

Usage::

    .venv/bin/python benchmarks/bench_build.py               # sample corpus, then the 75k corpus
    .venv/bin/python benchmarks/bench_build.py --synthetic   # synthetic papers of the large shape

Papers and concepts come from the real pipeline (``read_listings`` -> ``resolve_papers`` ->
``extract_concepts``), then the graph is built, analysed and every export written into a
temporary directory: the stages of ``papergraph build``. ``--synthetic`` measures the graph
stages alone on made-up papers of the large corpus's shape (pages, listings, papers, concepts,
Zipf-distributed mentions). Each corpus runs in a fresh process, so the peak resident memory
printed is that corpus's own (measured with ``resource.getrusage``).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
LARGE = ROOT.parent / "shared" / "corpora" / "arxiv-daily-cs"


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def real_corpus(inputs: list[str]):
    """Papers and extraction from the real pipeline, with the time each stage took."""
    from papergraph.extract import extract_concepts
    from papergraph.listings import read_listings
    from papergraph.resolve import resolve_papers

    times = {}
    t = time.perf_counter()
    listings = read_listings(inputs or None).listings
    times["read"] = time.perf_counter() - t
    t = time.perf_counter()
    papers = resolve_papers(listings)
    times["resolve"] = time.perf_counter() - t
    t = time.perf_counter()
    extraction = extract_concepts(papers)
    times["extract"] = time.perf_counter() - t
    return papers, extraction, times


def synthetic_corpus(n_pages=410, per_page=294, n_papers=75_000, n_concepts=30_000, mean_concepts=8, seed=0):
    """Papers and an extraction shaped like the arxiv-daily-cs corpus, made up with a seeded RNG."""
    from papergraph.types import Concept, Extraction, Listing, Mention, Paper

    rng = np.random.default_rng(seed)
    slots = rng.permutation(np.concatenate([np.arange(n_papers), rng.integers(0, n_papers, n_pages * per_page - n_papers)]))
    listings: dict[int, list] = {}
    for k, i in enumerate(slots.tolist()):
        page = f"2025-{k // per_page:04d}"
        listings.setdefault(i, []).append(Listing("bench.jsonl", page, k % per_page + 1, f"paper {i}", "", page))
    papers = [Paper(f"arxiv:{i:06d}", f"paper {i}", "", tuple(listings[i])) for i in sorted(listings)]
    concepts = tuple(Concept(f"concept:c{j:05d}", f"c{j}", ("method",)) for j in range(n_concepts))
    ranks = np.arange(1, n_concepts + 1)
    p = (1 / ranks) / (1 / ranks).sum()
    mentions = []
    for paper in papers:
        chosen = np.unique(rng.choice(n_concepts, size=max(1, rng.poisson(mean_concepts)), p=p))
        mentions += [Mention(paper.id, concepts[j].id, int(rng.integers(1, 4))) for j in chosen.tolist()]
    return papers, Extraction(concepts, tuple(mentions)), {}


def run(which: str) -> None:
    """Measure one corpus in this process and print its figures."""
    from papergraph.analyse import analyse_graph
    from papergraph.graph import build_graph
    from papergraph.readwrite import WRITERS

    if which == "synthetic":
        papers, extraction, times = synthetic_corpus()
    else:
        papers, extraction, times = real_corpus([] if which == "sample" else [str(LARGE)])
    before = peak_mb()
    t = time.perf_counter()
    G = build_graph(papers, extraction)
    times["build"] = time.perf_counter() - t
    after_build = peak_mb()
    t = time.perf_counter()
    analyse_graph(G, seed=42)
    times["analyse"] = time.perf_counter() - t
    if which != "synthetic":
        t = time.perf_counter()
        with tempfile.TemporaryDirectory() as out:
            for files in WRITERS.values():
                for filename, writer in files:
                    writer(G, Path(out) / filename)
        times["write"] = time.perf_counter() - t
    kinds: dict[str, int] = {}
    for _, _, kind in G.edges(keys=True):
        kinds[kind] = kinds.get(kind, 0) + 1
    n_listings = sum(len(p.listings) for p in papers)
    print(f"  corpus:  {which}: {len(papers)} papers, {n_listings} listings, "
          f"{len(extraction.concepts)} concepts, {len(extraction.mentions)} mentions")
    print(f"  graph:   {G.number_of_nodes()} nodes, {G.number_of_edges()} edges ({kinds})")
    print("  dropped: " + ", ".join(f"{k}={v}" for k, v in sorted(G.graph.items()) if k.startswith("dropped_")))
    print("  time:    " + ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in times.items())
          + f"; total {sum(times.values()):.2f} s")
    print(f"  memory:  peak RSS {peak_mb():.0f} MB (inputs loaded {before:.0f} MB, after build {after_build:.0f} MB)")


def main(argv: list[str]) -> int:
    """Run each corpus in a fresh process so its peak memory is its own."""
    if argv and argv[0] == "--run":
        run(argv[1])
        return 0
    which = ["synthetic"] if "--synthetic" in argv else ["sample", "large"]
    status = 0
    for name in which:
        print(f"build + analyse: {name}", flush=True)
        status |= subprocess.call([sys.executable, __file__, "--run", name])
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
