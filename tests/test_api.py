"""The Python API: one call from listings to an analysed graph, its tables and its exports."""

from __future__ import annotations

import pytest

import papergraph
from papergraph.errors import ExportError, NoListingsError, UnknownConceptError
from papergraph.types import CONCEPT_TYPES, EDGE_KINDS


@pytest.fixture(scope="module")
def kg() -> papergraph.KnowledgeGraph:
    return papergraph.build()


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
    assert set(kg.nodes["kind"]) == {"paper", "concept"}
    assert set(kg.edges["kind"]) == set(EDGE_KINDS)


def test_repeated_listings_become_co_listed_edges_weighted_by_shared_pages(kg):
    paper = next(n for n, d in kg.graph.nodes(data=True) if d.get("title", "").startswith("AutoNumerics-Zero"))
    assert kg.graph.nodes[paper]["n_listings"] == 4
    for u, v, data in kg.graph.edges(paper, data=True):
        if data["kind"] == "co_listed":
            shared = set(kg.graph.nodes[u]["pages"]) & set(kg.graph.nodes[v]["pages"])
            assert data["count"] == len(shared) == len(data["pages"])
            pages_u, pages_v = len(kg.graph.nodes[u]["pages"]), len(kg.graph.nodes[v]["pages"])
            assert data["weight"] == round(len(shared) / (pages_u * pages_v) ** 0.5, 6)


def test_neighbors_matches_forgivingly_and_suggests_when_nothing_matches(kg):
    assert kg.neighbors("lora").concept.label == "LoRA"
    with pytest.raises(UnknownConceptError) as caught:
        kg.neighbors("quantum annealing")
    assert "quantum computer" in caught.value.suggestions


def test_write_rejects_an_unknown_format_before_writing_anything(kg, tmp_path):
    with pytest.raises(ExportError, match="unknown format pdf"):
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
