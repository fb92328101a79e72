"""The Python API: one call from listings to an analysed graph, its tables and its exports."""

from __future__ import annotations

import pytest

import papergraph
from papergraph.errors import ExportError, NoListingsError, OptionError, UnknownConceptError
from papergraph.types import CONCEPT_TYPES, EDGE_KINDS


@pytest.fixture
def kg(sample_kg) -> papergraph.KnowledgeGraph:
    """The session's build of the bundled sample (conftest.py)."""
    return sample_kg


def test_summary_counts_the_sample_corpus(kg):
    summary = kg.summary()
    assert (summary.papers, summary.listings) == (659, 725)
    assert set(summary.concepts_by_type) == set(CONCEPT_TYPES)
    assert list(summary.edges_by_kind) == list(EDGE_KINDS)
    assert summary.clusters == len({d["community"] for _, d in kg.graph.nodes(data=True)})
    assert summary.dropped["co_listed"] > 0  # the top-k threshold is at work, and says so


def test_node_and_edge_frames_match_the_graph(kg):
    assert len(kg.nodes) == kg.graph.number_of_nodes()
    assert len(kg.edges) == kg.graph.number_of_edges()
    assert set(kg.nodes["kind"]) == {"paper", "concept", "artifact"}
    assert set(kg.edges["kind"]) == set(EDGE_KINDS)


def test_repeated_listings_become_co_listed_edges_weighted_by_shared_pages(kg):
    G = kg.tuple_graph
    paper = next(n for n, d in G.nodes(data=True) if d.get("title", "").startswith("AutoNumerics-Zero"))
    assert G.nodes[paper]["n_listings"] == 4
    for u, v, data in G.edges(paper, data=True):
        if data["kind"] == "co_listed":
            shared = set(G.nodes[u]["pages"]) & set(G.nodes[v]["pages"])
            assert data["count"] == len(shared) == len(data["pages"])
            pages_u, pages_v = len(G.nodes[u]["pages"]), len(G.nodes[v]["pages"])
            assert data["weight"] == round(len(shared) / (pages_u * pages_v) ** 0.5, 6)


def test_neighbors_matches_forgivingly_and_suggests_when_nothing_matches(kg):
    assert kg.neighbors("lora").concept.label == "LoRA"
    with pytest.raises(UnknownConceptError) as caught:
        kg.neighbors("quantum annealing")
    assert "quantum computer" in caught.value.suggestions


def test_write_rejects_an_unknown_format_before_writing_anything(kg, tmp_path):
    with pytest.raises(OptionError, match="unknown format pdf"):
        kg.write(tmp_path / "out", formats=["graphml", "pdf"])
    assert not (tmp_path / "out").exists()


def test_write_into_a_path_that_is_a_file_is_an_export_error(kg, tmp_path):
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a directory")
    with pytest.raises(ExportError, match="cannot create output directory"):
        kg.write(blocker, formats=["csv"])


def test_reading_nothing_readable_raises_no_listings(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(NoListingsError, match="empty.txt"):
        papergraph.read_corpus([empty])


def test_a_short_repr_and_an_html_one_for_notebooks(kg):
    text = repr(kg)
    assert text.startswith("<KnowledgeGraph: 659 papers, ") and len(text) < 200
    page = kg._repr_html_()
    assert page.startswith("<table>") and "659" in page and len(page) < 2000


def test_networkx_writers_take_the_graph(kg, tmp_path):
    import networkx as nx

    nx.write_graphml(kg.graph, tmp_path / "nx.graphml")
    nx.write_gexf(kg.graph, tmp_path / "nx.gexf")
    back = nx.read_graphml(tmp_path / "nx.graphml", force_multigraph=True)
    assert back.number_of_nodes() == kg.graph.number_of_nodes()
    lora = kg.graph.nodes["concept:lora"]
    assert back.nodes["concept:lora"]["aliases"] == lora["aliases"] == "; ".join(kg.tuple_graph.nodes["concept:lora"]["aliases"])


def test_derived_frames_are_made_once(kg):
    assert kg.edges is kg.edges and kg.nodes is kg.nodes and kg.graph is kg.graph


def test_max_papers_caps_the_ids_listed_in_exports_not_the_count(kg, tmp_path):
    kg.write(tmp_path / "capped", formats=["csv"], max_papers=2)
    kg.write(tmp_path / "all", formats=["csv"], max_papers=0)
    capped, every = papergraph.read_edges(tmp_path / "capped" / "edges.csv"), papergraph.read_edges(tmp_path / "all" / "edges.csv")
    assert capped["count"].equals(every["count"])
    listed = every["papers"].str.count("; ") + 1
    assert listed.max() > 2 and (capped["papers"].str.count("; ") + 1).max() == 2
    assert every["papers"].equals(kg.edges["papers"])  # the API lists them all
    with pytest.raises(OptionError, match="max_papers"):
        kg.write(tmp_path / "bad", formats=["csv"], max_papers=-1)


def test_load_answers_from_the_written_tables_as_the_built_graph_does(kg, tmp_path):
    kg.write(tmp_path, formats=["csv"])
    loaded = papergraph.load(tmp_path)
    for name in ("LoRA", "quantisaton", "GPU"):
        assert loaded.neighbors(name, depth=2).records() == kg.neighbors(name, depth=2).records()
    assert loaded.summary().papers == kg.summary().papers
    assert loaded.summary().edges_by_kind == kg.summary().edges_by_kind
    assert repr(loaded).startswith("<KnowledgeGraph: 659 papers")
    assert loaded.graph.number_of_edges() == kg.graph.number_of_edges()
    assert loaded.tuple_graph.nodes["concept:lora"]["aliases"] == kg.tuple_graph.nodes["concept:lora"]["aliases"]
    with pytest.raises(papergraph.PapergraphError, match="papergraph.load"):
        loaded.trends()


def test_load_of_a_directory_without_tables_says_what_to_do(tmp_path):
    with pytest.raises(papergraph.PapergraphError, match="no nodes.csv or edges.csv"):
        papergraph.load(tmp_path)
