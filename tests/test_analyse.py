"""Tests of papergraph.analyse: seeded communities, labels, centrality, layout."""

from __future__ import annotations

import json

import pytest
from graph_fixtures import make_corpus, random_corpus

from papergraph.analyse import analyse_graph, cluster_labels, communities_frame
from papergraph.graph import BuildOptions, build_graph

ATTRIBUTES = ("community", "community_label", "degree", "weighted_degree", "pagerank", "x", "y")


def two_topics():
    """Two groups of papers on separate pages, each about its own concepts."""
    vision = {f"v{i}": {"ViT": 1, "ImageNet": 1, "GPU": 1} for i in range(6)}
    language = {f"l{i}": {"BERT": 1, "GLUE": 1, "GPU": 1} for i in range(6)}
    pages = {"d1": sorted(vision), "d2": sorted(language)}
    return build_graph(*make_corpus(pages, {**vision, **language}))


def test_two_topics_make_two_labelled_communities():
    G = two_topics()
    analyse_graph(G)
    vision = {G.nodes[n]["community"] for n in ("v0", "v5", "concept:vit", "concept:imagenet")}
    language = {G.nodes[n]["community"] for n in ("l0", "l5", "concept:bert", "concept:glue")}
    assert len(vision) == len(language) == 1 and vision != language
    labels = cluster_labels(G)
    assert set(labels[vision.pop()]) == {"ImageNet", "ViT"}
    assert set(labels[language.pop()]) == {"BERT", "GLUE"}
    assert "GPU" not in G.nodes["v0"]["community_label"]


def test_every_node_gets_every_attribute():
    G = two_topics()
    analyse_graph(G)
    for node, data in G.nodes(data=True):
        assert all(name in data for name in ATTRIBUTES)
        assert data["degree"] == G.degree(node)
        assert data["weighted_degree"] == pytest.approx(G.degree(node, weight="count"))
        assert -1000 <= data["x"] <= 1000 and -1000 <= data["y"] <= 1000
    assert sum(d["pagerank"] for _, d in G.nodes(data=True)) == pytest.approx(1, abs=1e-4)
    sizes = communities_frame(G)["size"].tolist()
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) == G.number_of_nodes()


def test_same_graph_and_seed_give_the_same_attributes():
    runs = []
    for _ in range(2):
        G = build_graph(*random_corpus(5, n=200), BuildOptions(top_k=3))
        analyse_graph(G, seed=7)
        runs.append(json.dumps(sorted(G.nodes(data=True)), default=list))
    assert runs[0] == runs[1]
    assert len({data["community"] for _, data in json.loads(runs[0])}) > 1


def test_empty_graph_is_fine():
    G = build_graph([], make_corpus({}, {})[1])
    analyse_graph(G)
    assert G.number_of_nodes() == 0 and communities_frame(G).empty
