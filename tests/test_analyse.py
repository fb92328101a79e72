"""Tests of papergraph.analyse: seeded communities, labels, centrality, layout."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import numpy as np
import pytest

from graph_fixtures import make_corpus, random_corpus
from papergraph.analyse import analyse_graph, cluster_labels, communities_frame
from papergraph.concept_map import graph_separation_ratio, select_concepts, separation_ratio, vos_layout
from papergraph.graph import BuildOptions, build_graph
from papergraph.schema import ON_MAP

ATTRIBUTES = ("community", "community_label", "degree", "weighted_degree", "pagerank", "x", "y", ON_MAP)


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
        G = build_graph(*random_corpus(5, n=200), BuildOptions(paper_top_k=3))
        analyse_graph(G, seed=7)
        runs.append(json.dumps(sorted(G.nodes(data=True)), default=list))
    assert runs[0] == runs[1]
    assert len({data["community"] for _, data in json.loads(runs[0])}) > 1


def test_empty_graph_is_fine():
    G = build_graph([], make_corpus({}, {})[1])
    analyse_graph(G)
    assert G.number_of_nodes() == 0 and communities_frame(G).empty


def topics(n_topics=4, per_topic=8, papers=60, cross=0.15, seed=3, ring=True):
    """Papers each about one topic's concepts, sometimes borrowing one from the next topic:
    the last topic borrows from the first with ``ring``, from none without (a chain of topics)."""
    rng = random.Random(seed)
    names = [[f"T{t}C{c}" for c in range(per_topic)] for t in range(n_topics)]
    mentions = {}
    for i in range(papers * n_topics):
        topic = i % n_topics
        found = {c: 1 for c in rng.sample(names[topic], 3)}
        borrows = ring or topic + 1 < n_topics
        if borrows and rng.random() < cross:
            found[rng.choice(names[(topic + 1) % n_topics])] = 1
        mentions[f"p{i:04d}"] = found
    return build_graph(*make_corpus({"d": sorted(mentions)}, mentions))


def test_the_map_separates_its_clusters_without_collapsing_them():
    G = topics()
    analyse_graph(G)
    drawn = [n for n, d in G.nodes(data=True) if d[ON_MAP]]
    assert len(drawn) == 32
    # Each topic is one cluster ...
    for t in range(4):
        assert len({G.nodes[f"concept:t{t}c{c}"]["community"] for c in range(8)}) == 1
    assert len({G.nodes[n]["community"] for n in drawn}) == 4
    # ... drawn apart from the others ...
    assert graph_separation_ratio(G) < 0.4
    # ... and spread out: no two concepts of a cluster on one spot.
    xy = np.array([[G.nodes[n]["x"], G.nodes[n]["y"]] for n in drawn])
    gaps = np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(-1)) + np.eye(len(xy)) * 1e9
    assert gaps.min() > 0.02 * np.abs(xy).max()


def chain_of_topics():
    """Topics in a row, each borrowing from the next one only: a map longer than it is wide."""
    return topics(n_topics=5, papers=40, cross=0.3, seed=4, ring=False)


def drawn_xy(G) -> np.ndarray:
    return np.array([[d["x"], d["y"]] for _, d in sorted(G.nodes(data=True)) if d[ON_MAP]])


def test_the_map_is_standardised_long_axis_horizontal_and_one_way_round():
    G = chain_of_topics()
    analyse_graph(G)
    xy = drawn_xy(G)
    centred = xy - xy.mean(axis=0)
    (var_x, cov), (_, var_y) = centred.T @ centred / len(xy)
    # The principal axis is the horizontal one (a landscape screen holds the map at a larger zoom) ...
    assert var_x > 2 * var_y and abs(cov) < 1e-3 * var_x
    assert np.ptp(xy[:, 0]) > 1.5 * np.ptp(xy[:, 1])
    # ... the map is centred, and reflected so that the median is not positive on either axis.
    assert np.abs(xy.mean(axis=0)).max() < 0.01 * np.abs(xy).max()
    assert (np.median(xy, axis=0) <= 0).all()


def test_a_weakly_tied_outlier_is_pulled_in_and_big_concepts_get_room():
    # Thirty concepts all tied together, and one tied faintly to one of them: it would float
    # twenty times farther out than the rest and shrink them to a dot on the page.
    rows, cols = np.triu_indices(30, 1)
    rows, cols = np.r_[rows, 29], np.r_[cols, 30]
    xy = vos_layout(31, rows, cols, np.r_[np.ones(len(rows) - 1), 0.002])
    assert np.linalg.norm(xy[30] - np.median(xy, axis=0)) < 2 * np.abs(xy[:30] - np.median(xy, axis=0)).max()
    # Room: two concepts given more room end farther apart than the least any two may be.
    room = np.full(31, 0.02)
    room[:2] = 0.3
    roomy = vos_layout(31, rows, cols, np.r_[np.ones(len(rows) - 1), 0.002], room=room)
    mean = np.mean([np.linalg.norm(a - b) for i, a in enumerate(roomy) for b in roomy[i + 1:]])
    assert np.linalg.norm(roomy[0] - roomy[1]) >= 0.59 * mean


@pytest.mark.timeout(60)
def test_a_star_of_equal_spokes_is_clustered():
    # Leiden iterated "until stable" never settled on this graph (the build hung).
    mentions = {f"p{i:03d}": {"Hub": 1, f"Spoke{i % 6}": 1, **({f"Spoke{(i + 1) % 6}": 1} if i % 5 == 0 else {})}
                for i in range(60)}
    G = build_graph(*make_corpus({"d": sorted(mentions)}, mentions))
    analyse_graph(G)
    assert sum(d[ON_MAP] for _, d in G.nodes(data=True)) == 7


def test_papers_follow_the_map():
    G = topics()
    analyse_graph(G)
    for paper in ("p0000", "p0001"):
        concepts = [c for c in G[paper] if G.nodes[c]["kind"] == "concept"]
        majority = max({G.nodes[c]["community"] for c in concepts},
                       key=lambda k: sum(G.nodes[c]["community"] == k for c in concepts))
        assert G.nodes[paper]["community"] == majority and not G.nodes[paper][ON_MAP]
        centre = np.mean([[G.nodes[c]["x"], G.nodes[c]["y"]] for c in concepts], axis=0)
        assert np.hypot(G.nodes[paper]["x"] - centre[0], G.nodes[paper]["y"] - centre[1]) < 150


def test_selection_keeps_the_most_widespread_concepts_and_says_what_it_left_out():
    G = topics()
    selection, X = select_concepts(G, max_concepts=10)
    papers = {c: G.nodes[c]["n_papers"] for c in selection.concepts}
    assert 0 < len(selection.concepts) <= 10 and X.shape == (selection.total_papers, len(selection.concepts))
    assert min(papers.values()) >= selection.min_papers >= 2
    others = [d["n_papers"] for n, d in G.nodes(data=True) if d["kind"] == "concept" and n not in papers]
    assert max(others) < selection.min_papers
    assert selection.below_threshold == len(others)
    text = selection.description()
    assert f"draws {len(papers)} of 32 concepts" in text and f"at least {selection.min_papers} papers" in text
    with pytest.raises(ValueError, match="at least 1"):
        select_concepts(G, max_concepts=0)


def test_separation_ratio_is_one_without_clusters_and_small_with_tight_ones():
    rng = np.random.default_rng(0)
    xy = rng.uniform(size=(400, 2))
    assert separation_ratio(xy, rng.integers(0, 4, 400)) == pytest.approx(1, abs=0.05)
    centres = np.repeat(np.array([[0, 0], [10, 0], [0, 10], [10, 10]]), 100, axis=0)
    assert separation_ratio(centres + xy, np.repeat(np.arange(4), 100)) < 0.1


def test_igraph_loads_without_matplotlib_and_leaves_the_environment_as_it_was():
    """Building imports no matplotlib (igraph would import pyplot); OMP_NUM_THREADS is set for igraph's load only."""
    code = ("import os, sys; import papergraph.analyse, papergraph.concept_map; "
            "print('matplotlib' in sys.modules, 'OMP_NUM_THREADS' in os.environ); "
            "import matplotlib; print(bool(matplotlib.__version__))")
    env = {key: value for key, value in os.environ.items() if key != "OMP_NUM_THREADS"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.split() == ["False", "False", "True"]
