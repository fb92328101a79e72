"""Tiny hand-built corpora for the graph, analysis and exploring tests."""

from __future__ import annotations

import random
from dataclasses import replace

from papergraph.types import Concept, Extraction, Listing, Mention, Paper


def make_corpus(pages: dict[str, list[str]], mentions: dict[str, dict[str, int]], types=None):
    """Papers listed on ``pages`` (page -> paper ids) and an extraction of ``mentions``."""
    listings: dict[str, list[Listing]] = {}
    for page, ids in pages.items():
        for position, pid in enumerate(ids, 1):
            listings.setdefault(pid, []).append(Listing(f"{page}.txt", page, position, pid, "", date=page))
    papers = [Paper(pid, f"Title {pid}", f"Abstract {pid}", tuple(ls)) for pid, ls in listings.items()]
    names = sorted({c for found in mentions.values() for c in found})
    concepts = tuple(Concept(f"concept:{n.lower()}", n, ((types or {}).get(n, "method"),), (n.lower() + "s",))
                     for n in names)
    records = tuple(Mention(pid, f"concept:{c.lower()}", k)
                    for pid in sorted(mentions) for c, k in sorted(mentions[pid].items()))
    return papers, Extraction(concepts, records)


def random_corpus(seed: int, n: int = 120):
    rng = random.Random(seed)
    pages = {f"day{d:02d}": rng.sample([f"arxiv:{i:03d}" for i in range(n)], 30) for d in range(12)}
    ids = sorted({p for ps in pages.values() for p in ps})
    names = [f"C{j}" for j in range(40)]
    mentions = {p: {c: rng.randint(1, 3) for c in rng.sample(names, rng.randint(1, 5))} for p in ids}
    papers, extraction = make_corpus(pages, mentions)
    # Every paper links one to three of a few repositories, some more than once, so that
    # artifacts tie papers too and release weights vary.
    repositories = [f"https://github.com/lab{k}/tool{k}" for k in range(15)]
    papers = [replace(p, abstract=f"{p.abstract}. Code: " + " and ".join(
        url for url in rng.sample(repositories, rng.randint(1, 3)) for _ in range(rng.randint(1, 3))) + ".")
        for p in papers]
    return papers, extraction


def tied_corpus():
    """Every pairwise kind tied everywhere: 40 papers on one page; 30 of them mention the same 14
    concepts once each (equal ``shares_concepts`` and ``co_occurs`` ties), the other 10 one more
    concept. Each row has more equal ties than any default top-k keeps."""
    ids = [f"arxiv:{i:03d}" for i in range(40)]
    shared = {name: 1 for name in ["X", "Y"] + [f"C{j:02d}" for j in range(12)]}
    mentions = {pid: dict(shared) if i < 30 else {"Z": 1} for i, pid in enumerate(ids)}
    return make_corpus({"all": ids}, mentions)
