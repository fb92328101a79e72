"""Tests of papergraph.graph: schema, counting choices, thresholds, determinism."""

from __future__ import annotations

import json
import math
import random

import networkx as nx
import numpy as np
import pytest

from graph_fixtures import make_corpus, random_corpus, tied_corpus
from papergraph import graph
from papergraph.graph import BuildOptions, build_graph
from papergraph.types import EDGE_KINDS, Extraction, Mention


def edge(G, u, v, kind):
    return G.edges[u, v, kind]


PAGES = {"d1": ["p1", "p2", "p3"], "d2": ["p1", "p2"], "d3": ["p3", "p4"]}
MENTIONS = {"p1": {"LoRA": 2, "GPU": 1}, "p2": {"LoRA": 1, "GPU": 3}, "p3": {"GPU": 1, "BERT": 1}, "p4": {"BERT": 2}}


def test_schema_of_every_node_and_edge():
    G = build_graph(*make_corpus(PAGES, MENTIONS))
    assert G.graph["name"] == "papergraph"
    for node, data in G.nodes(data=True):
        assert data["kind"] in ("paper", "concept") and isinstance(data["label"], str)
    assert G.nodes["p1"]["pages"] == ("d1", "d2") and G.nodes["p1"]["n_listings"] == 2
    assert G.nodes["p1"]["sources"] == ("d1.txt", "d2.txt") and G.nodes["p1"]["arxiv_id"] == ""
    assert G.nodes["concept:gpu"]["n_papers"] == 3 and G.nodes["concept:gpu"]["aliases"] == ("gpus",)
    for u, v, key, data in G.edges(keys=True, data=True):
        assert key == data["kind"] in EDGE_KINDS
        assert isinstance(data["weight"], float) and isinstance(data["count"], float)
        assert isinstance(data["papers"], tuple) and data["papers"]


def test_co_listed_weight_is_the_cosine_of_shared_pages():
    G = build_graph(*make_corpus(PAGES, MENTIONS))
    assert edge(G, "p1", "p2", "co_listed")["weight"] == 1.0  # the same two pages
    assert edge(G, "p1", "p2", "co_listed")["count"] == 2.0
    assert edge(G, "p1", "p2", "co_listed")["pages"] == ("d1", "d2")
    assert edge(G, "p1", "p3", "co_listed")["weight"] == 0.5  # 1 / sqrt(2 * 2)
    assert edge(G, "p3", "p4", "co_listed")["weight"] == round(1 / math.sqrt(2), 6)
    assert not G.has_edge("p1", "p4")


def test_co_listed_fractional_counting():
    G = build_graph(*make_corpus(PAGES, MENTIONS), BuildOptions(listing_counting="fractional"))
    # d1 has 3 papers (1/2 per pair), d2 and d3 have 2 (1 per pair): p1 and p3 share only d1
    assert edge(G, "p1", "p2", "co_listed")["weight"] == 1.0
    assert edge(G, "p1", "p2", "co_listed")["count"] == 2.0
    assert edge(G, "p1", "p3", "co_listed")["weight"] == round(0.5 / 1.5, 6)


def test_co_occurs_weight_is_the_cosine_and_count_the_papers():
    G = build_graph(*make_corpus(PAGES, MENTIONS))
    tie = edge(G, "concept:gpu", "concept:lora", "co_occurs")
    assert tie["count"] == 2.0 and tie["papers"] == ("p1", "p2")
    assert tie["weight"] == round(2 / math.sqrt(3 * 2), 6)  # co-occurrences / sqrt(product of totals)


def test_full_concept_counting_counts_every_occurrence():
    G = build_graph(*make_corpus(PAGES, MENTIONS), BuildOptions(concept_counting="full"))
    tie = edge(G, "concept:gpu", "concept:lora", "co_occurs")
    assert tie["count"] == 2 * 1 + 1 * 3
    assert tie["weight"] == round(5 / math.sqrt((1 + 9 + 1) * (4 + 1)), 6)


def test_mentions_weight_is_the_concepts_share_of_the_paper():
    G = build_graph(*make_corpus(PAGES, MENTIONS))
    assert edge(G, "p1", "concept:lora", "mentions")["count"] == 2.0
    assert edge(G, "p1", "concept:lora", "mentions")["weight"] == round(2 / math.sqrt(5), 6)
    assert edge(G, "p4", "concept:bert", "mentions")["weight"] == 1.0  # its only concept


@pytest.mark.parametrize("seed", [4, 5])
@pytest.mark.parametrize("counting", [dict(), dict(listing_counting="fractional", concept_counting="full")])
def test_every_kind_weighs_from_0_to_1(seed, counting):
    G = build_graph(*random_corpus(seed), BuildOptions(paper_top_k=0, concept_top_k=0, **counting))
    by_kind: dict[str, list[float]] = {}
    for *_, kind, data in G.edges(keys=True, data=True):
        by_kind.setdefault(kind, []).append(data["weight"])
    assert set(by_kind) == set(EDGE_KINDS)
    for kind, weights in by_kind.items():
        assert 0 < min(weights) and max(weights) <= 1.0, kind


def test_a_perfect_tie_of_every_kind_weighs_1():
    # a and b: listed together only, the same two concepts; c elsewhere with a concept of its own
    mentions = {"a": {"X": 1, "Y": 1}, "b": {"X": 2, "Y": 2}, "c": {"Z": 3}}
    G = build_graph(*make_corpus({"d1": ["a", "b"], "d2": ["c"]}, mentions), BuildOptions(concept_counting="full"))
    assert edge(G, "a", "b", "co_listed")["weight"] == 1.0
    assert edge(G, "a", "b", "shares_concepts")["weight"] == 1.0
    assert edge(G, "concept:x", "concept:y", "co_occurs")["weight"] == 1.0
    assert edge(G, "c", "concept:z", "mentions")["weight"] == 1.0
    assert edge(G, "b", "concept:x", "mentions")["weight"] == round(1 / math.sqrt(2), 6)


def test_min_weight_acts_on_every_kind_alike():
    papers, extraction = random_corpus(6)
    everything = build_graph(papers, extraction, BuildOptions(paper_top_k=0, concept_top_k=0))
    G = build_graph(papers, extraction, BuildOptions(paper_top_k=0, concept_top_k=0, min_weight=0.4))
    for kind in EDGE_KINDS:
        kept = [d["weight"] for *_, k, d in G.edges(keys=True, data=True) if k == kind]
        expected = [d["weight"] for *_, k, d in everything.edges(keys=True, data=True) if k == kind and d["weight"] >= 0.4]
        assert sorted(kept) == sorted(expected) and kept, kind
        if kind != "mentions":
            assert G.graph[f"dropped_{kind}"] > everything.graph[f"dropped_{kind}"]
    assert G.graph["dropped_mentions"] > 0


def test_min_concept_papers_drops_rare_concepts_everywhere():
    G = build_graph(*make_corpus(PAGES, MENTIONS), BuildOptions(min_concept_papers=3))
    assert "concept:lora" not in G and "concept:bert" not in G and "concept:gpu" in G
    assert G.graph["dropped_concepts"] == 2
    assert all("concept:lora" not in d.get("concepts", ()) for *_, d in G.edges(keys=True, data=True))


def test_top_k_and_min_weight_bound_paper_edges_and_say_what_was_dropped():
    ids = [f"p{i}" for i in range(6)]
    # every pair shares d1, and each paper has a page of its own: co_listed weights are all 1/2
    pages = {"d1": ids, **{f"own-{pid}": [pid] for pid in ids}}
    papers, extraction = make_corpus(pages, {pid: {"GPU": 1} for pid in ids})
    G = build_graph(papers, extraction, BuildOptions(paper_top_k=1))
    co_listed = [(u, v) for u, v, k in G.edges(keys=True) if k == "co_listed"]
    assert 3 <= len(co_listed) <= 6
    assert all(any(p in pair for pair in co_listed) for p in ids)
    assert G.graph["dropped_co_listed"] == 15 - len(co_listed)
    G = build_graph(papers, extraction, BuildOptions(paper_top_k=0, min_weight=0.6))
    assert not any(k == "co_listed" for _, _, k in G.edges(keys=True))
    assert G.graph["dropped_co_listed"] == 15


def test_shares_concepts_weighs_rare_concepts_more():
    mentions = {"a": {"Rare": 1, "Common": 1}, "b": {"Rare": 1, "X": 1}, "c": {"Common": 1, "Y": 1},
                "d": {"Common": 1}, "e": {"Common": 1, "Z": 1}}
    G = build_graph(*make_corpus({f"d{p}": [p] for p in mentions}, mentions),
                    BuildOptions(kinds=("shares_concepts",), paper_top_k=0))
    assert edge(G, "a", "b", "shares_concepts")["weight"] > edge(G, "a", "c", "shares_concepts")["weight"] > 0
    assert edge(G, "a", "b", "shares_concepts")["concepts"] == ("concept:rare",)
    assert edge(G, "a", "b", "shares_concepts")["count"] == 1.0
    assert {k for *_, k in G.edges(keys=True)} == {"shares_concepts"}


def test_concept_in_every_paper_ties_no_papers():
    mentions = {p: {"GPU": 1} for p in ("a", "b")}
    G = build_graph(*make_corpus({"d": ["a"], "e": ["b"]}, mentions))
    assert not G.has_edge("a", "b")


def test_mentions_of_unknown_papers_are_ignored():
    papers, extraction = make_corpus(PAGES, MENTIONS)
    extra = Extraction(extraction.concepts, extraction.mentions + (Mention("ghost", "concept:gpu", 1),))
    G = build_graph(papers, extra)
    assert "ghost" not in G and G.nodes["concept:gpu"]["n_papers"] == 3


def _dump(G: nx.MultiGraph) -> str:
    return json.dumps([list(G.nodes(data=True)), list(G.edges(keys=True, data=True)), G.graph], default=list)


def test_same_input_in_any_order_gives_the_same_graph():
    papers, extraction = random_corpus(1)
    shuffled = list(papers)
    random.Random(7).shuffle(shuffled)
    first, second = build_graph(papers, extraction), build_graph(shuffled, extraction)
    assert _dump(first) == _dump(second)
    assert list(first) == sorted(first)


@pytest.mark.parametrize("corpus", [random_corpus(2), tied_corpus()], ids=["random", "tied"])
def test_any_tiling_of_the_products_gives_the_same_graph(corpus, monkeypatch):
    whole = _dump(build_graph(*corpus))
    for entries in (1, 2, 3, 7, 50):  # from one column per tile (ties cut at every column) up
        monkeypatch.setattr(graph, "_TILE_ENTRIES", entries)
        assert _dump(build_graph(*corpus)) == whole, entries


def test_equal_ties_are_kept_by_the_hash_of_the_pair_not_by_id():
    G = build_graph(*tied_corpus(), BuildOptions(paper_top_k=2))
    listed = [(u, v) for u, v, k in G.edges(keys=True) if k == "co_listed"]
    # Each paper's two ties of least hash (all weigh 1), made by brute force over its 39 ties.
    papers = sorted(n for n, kind in G.nodes(data="kind") if kind == "paper")
    expected = set()
    for i in range(len(papers)):
        keys = np.array([min(i, j) * len(papers) + max(i, j) for j in range(len(papers)) if j != i], dtype=np.int64)
        for key in keys[np.argsort(graph._mix(keys))[:2]].tolist():
            expected.add((papers[key // len(papers)], papers[key % len(papers)]))
    assert set(listed) == expected and len(expected) < 2 * len(papers)
    assert {u for u, _ in listed} != set(papers[:len(papers) // 2])  # not the lowest ids


def test_top_per_row_is_exact_when_tie_breaks_share_their_leading_bits():
    # 16 equal weights in one row whose tie-breaks differ only in their last bits: the packed
    # sort sees 16 equal keys, and the whole tie-break must decide, whatever the input order.
    tiebreak = np.uint64(0xABCD_EF01_2345_0000) + np.arange(16, dtype=np.uint64) * np.uint64(7)
    rng = np.random.default_rng(0)
    for _ in range(20):
        order = rng.permutation(16)
        chosen = graph._top_per_row(np.zeros(16, dtype=np.int64), np.full(16, 0.5), tiebreak[order], 5)
        assert sorted(order[chosen].tolist()) == [0, 1, 2, 3, 4]


def test_commonest_concepts_are_skipped_when_pairs_exceed_the_budget(monkeypatch):
    papers, extraction = random_corpus(3)
    monkeypatch.setattr(graph, "_PAIR_BUDGET", 2000)
    G = build_graph(papers, extraction)
    assert G.graph["dropped_common_concepts"] > 0
    common = max((d["n_papers"], n) for n, d in G.nodes(data=True) if d["kind"] == "concept")[1]
    assert all(common not in d["concepts"] for *_, k, d in G.edges(keys=True, data=True) if k == "shares_concepts")


def test_weights_are_rounded():
    G = build_graph(*random_corpus(4), BuildOptions(listing_counting="fractional"))
    for *_, weight in G.edges(data="weight"):
        assert weight == round(weight, 6) and math.isfinite(weight)


@pytest.mark.parametrize("options", [
    dict(kinds=("cites",)), dict(min_weight=1.5), dict(concept_counting="fractional"),
    dict(listing_counting="binary"), dict(paper_top_k=-1), dict(min_weight=-0.5),
])
def test_bad_options_are_refused(options):
    with pytest.raises(ValueError):
        BuildOptions(**options)
