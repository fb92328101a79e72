"""Tests of the columnar core: build_data, analyse_data and GraphColumns.of_data give what the
networkx path gives, and a KnowledgeGraph makes its networkx graph only when asked."""

from __future__ import annotations

import numpy as np
import pytest
from graph_fixtures import random_corpus
from scipy import sparse

import papergraph
from papergraph.analyse import analyse_data, analyse_graph
from papergraph.errors import ExportError
from papergraph.explore import ConceptIndex, neighbors
from papergraph.graph import BuildOptions, EdgeLists, build_data, build_graph
from papergraph.readwrite import GraphColumns, gexf, graphml, tables
from papergraph.readwrite._columns import ListColumn


def _edges(G):
    return [(u, v, key, data) for u, v, key, data in G.edges(keys=True, data=True)]


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("counting", ["full", "binary"])
def test_build_data_is_build_graph_as_columns(seed, counting):
    papers, extraction = random_corpus(seed)
    options = BuildOptions(concept_counting=counting, paper_top_k=3)
    G = build_graph(papers, extraction, options)
    H = build_data(papers, extraction, options).to_networkx()
    assert G.graph == H.graph
    assert list(G.nodes(data=True)) == list(H.nodes(data=True))
    assert _edges(G) == _edges(H)


@pytest.mark.parametrize("seed", [3, 4])
def test_analyse_data_gives_the_attributes_analyse_graph_gives(seed):
    papers, extraction = random_corpus(seed)
    G = build_graph(papers, extraction)
    data = build_data(papers, extraction)
    analyse_graph(G, seed=7)
    analyse_data(data, seed=7)
    H = data.to_networkx()
    assert G.graph == H.graph
    assert list(G.nodes(data=True)) == list(H.nodes(data=True))


def test_columns_of_data_are_those_of_its_networkx_graph():
    papers, extraction = random_corpus(5)
    data = build_data(papers, extraction)
    analyse_data(data)
    made = GraphColumns.of_data(data, max_papers=2)
    walked = GraphColumns(data.to_networkx(), max_papers=2)
    for name in ("nodes", "node_columns", "node_types", "sources", "targets", "keys", "edge_types", "graph_data",
                 "max_papers"):
        assert getattr(made, name) == getattr(walked, name), name
    # The lists (papers, what two papers share) are made as they are read, a slice or the whole column alike.
    assert {name: list(column) for name, column in made.edge_columns.items()} == walked.edge_columns
    assert {name: column[5:40] for name, column in made.edge_columns.items()} == {
        name: column[5:40] for name, column in walked.edge_columns.items()}
    for name in ("papers", "pages", "concepts", "artifacts"):
        assert isinstance(made.edge_columns[name], ListColumn), name


def test_exports_make_the_edge_lists_a_chunk_at_a_time_once_for_all_files(tmp_path, monkeypatch):
    """No writer makes every edge's list of papers at once: they are made a chunk of edges at a time, and
    each chunk's lists once for GraphML, GEXF and edges.csv together."""
    papers, extraction = random_corpus(9, n=300)
    data = build_data(papers, extraction)
    analyse_data(data)
    formats = ["csv", "graphml", "gexf"]
    expected = papergraph.KnowledgeGraph(data.to_networkx()).write(tmp_path / "networkx", formats=formats,
                                                                   max_papers=0)
    for writer in (tables, graphml, gexf):  # chunks of 100 elements, fewer than any kind's edges
        monkeypatch.setattr(writer, "_CHUNK", 100)
    asked: list[int] = []
    take = EdgeLists.take
    monkeypatch.setattr(EdgeLists, "take", lambda self, positions, limit=0: asked.append(len(positions))
                        or take(self, positions, limit))
    kg = papergraph.KnowledgeGraph(data)
    table = kg._columns(0)
    assert not asked  # laying the graph out for the writers makes no list
    written = kg.write(tmp_path / "columns", formats=formats, max_papers=0)
    assert asked and max(asked) <= 100 < min(len(block) for block in data.edges)
    # Every edge's papers and, on the edges of two papers, what they share: each list made once.
    assert sum(asked) == sum(len(block) * (1 + (block.members is not None)) for block in data.edges)
    for path, other in zip(written, expected, strict=True):
        assert path.read_bytes() == other.read_bytes(), path.name
    assert isinstance(table.edge_columns["papers"], ListColumn)


@pytest.mark.parametrize("density", [0.05, 0.3, 0.9])
def test_an_edge_cut_to_a_limit_lists_the_first_names_it_shares(density):
    """Cut to a limit, an edge lists the first names of its whole list, however far along its rows they are."""
    rng = np.random.default_rng(11)
    M = sparse.random(30, 2000, density=density, format="csr", random_state=12)
    M.sort_indices()
    names = np.array([f"p{i:04d}" for i in range(2000)], dtype=object)
    first, second = rng.integers(0, 30, 300), rng.integers(0, 30, 300)
    lists = EdgeLists(names, first, second, M)
    whole = lists.take(np.arange(300))
    assert np.diff(M.indptr).min() > 4 * 10  # rows longer than the first step of the walk for limit 10
    for limit in (1, 3, 10, 60):
        assert lists.take(np.arange(300), limit) == [names[:limit] for names in whole], limit


def test_files_written_together_are_written_all_or_none(tmp_path):
    """GraphML, GEXF and edges.csv are written together: when one of them cannot be, none is left."""
    papers, extraction = random_corpus(10)
    data = build_data(papers, extraction)
    analyse_data(data)
    (tmp_path / "edges.csv").mkdir()  # no file can take its place
    with pytest.raises(ExportError, match="edges.csv"):
        papergraph.KnowledgeGraph(data).write(tmp_path, formats=["graphml", "gexf", "csv"])
    assert sorted(path.name for path in tmp_path.iterdir()) == ["edges.csv"]


def test_an_index_answers_as_the_graph_does():
    papers, extraction = random_corpus(6)
    data = build_data(papers, extraction)
    index = ConceptIndex.of(data)
    G = data.to_networkx()
    for name in ("C1", "C7"):
        assert neighbors(index, name, depth=2, top=3) == neighbors(G, name, depth=2, top=3)


def test_a_built_graph_writes_summarises_and_explores_without_a_networkx_graph(tmp_path):
    papers, extraction = random_corpus(8)
    data = build_data(papers, extraction)
    analyse_data(data)
    kg = papergraph.KnowledgeGraph(data)
    written = kg.write(tmp_path / "columns")
    summary = kg.summary()
    hood = kg.neighbors("C3")
    assert kg._tuple_graph is None  # nothing above made the networkx graph
    # The same graph handed over as networkx writes the same files, byte for byte.
    walked = papergraph.KnowledgeGraph(data.to_networkx())
    for path, other in zip(written, walked.write(tmp_path / "networkx"), strict=True):
        assert path.read_bytes() == other.read_bytes(), path.name
    assert walked.summary() == summary and walked.neighbors("C3") == hood
    assert list(kg.tuple_graph.nodes(data=True)) == list(walked.tuple_graph.nodes(data=True))
