"""graph.graphml: strict XML, declared scalar attributes, the whole graph read back."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from lxml import etree
from readwrite_fixtures import HOSTILE, LORA, PAPER_A, PAPER_B, schema_graph

from papergraph.readwrite._values import clean_text, join_values
from papergraph.readwrite.graphml import generate_graphml, write_graphml

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}
STRICT = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)


@pytest.fixture
def written(tmp_path):
    path = tmp_path / "graph.graphml"
    write_graphml(schema_graph(), path)
    return path


def _read(path):
    """The graph as an independent strict parser sees it: keys, nodes and edges as plain dicts."""
    root = etree.fromstring(path.read_bytes(), STRICT)
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root.iterfind("g:key", NS)}

    def data(element):
        return {keys[d.get("key")][1]: d.text or "" for d in element.iterfind("g:data", NS)}

    graph = root.find("g:graph", NS)
    nodes = {n.get("id"): data(n) for n in graph.iterfind("g:node", NS)}
    edges = [(e.get("id"), e.get("source"), e.get("target"), data(e)) for e in graph.iterfind("g:edge", NS)]
    return root, keys, nodes, edges


def test_parses_with_strict_lxml_and_stdlib(written):
    etree.fromstring(written.read_bytes(), STRICT)
    ET.fromstring(written.read_bytes())


def test_every_key_is_declared_once_with_a_graphml_type(written):
    _, keys, _, _ = _read(written)
    assert len(set(keys.values())) == len(keys)
    assert {t for _, _, t in keys.values()} <= {"string", "int", "double", "boolean"}
    types = {(scope, name): type_ for scope, name, type_ in keys.values()}
    assert types[("node", "label")] == "string"
    assert types[("node", "x")] == types[("node", "weighted_degree")] == "double"
    assert types[("node", "n_papers")] == types[("node", "community")] == "int"
    assert types[("edge", "weight")] == "double"
    assert types[("node", "aliases")] == types[("edge", "papers")] == "string"
    assert types[("graph", "dropped_concepts")] == "int"


def test_nodes_and_their_attributes_read_back(written):
    G = schema_graph()
    _, _, nodes, _ = _read(written)
    assert set(nodes) == set(G.nodes)
    for node, attrs in G.nodes(data=True):
        assert nodes[node]["label"] == clean_text(attrs["label"])
        assert float(nodes[node]["x"]) == attrs["x"] and float(nodes[node]["pagerank"]) == attrs["pagerank"]
        assert int(nodes[node]["community"]) == attrs["community"]
    assert nodes[LORA]["aliases"] == "low-rank adaptation; LoRA <img src=x onerror=alert(1)>"
    assert nodes[PAPER_A]["pages"] == join_values(G.nodes[PAPER_A]["pages"])
    assert nodes[PAPER_B]["dates"] == ""


def test_hostile_text_survives_as_text(written):
    _, _, nodes, _ = _read(written)
    abstract = nodes[PAPER_A]["abstract"]
    assert abstract == clean_text(HOSTILE + "\nSecond line.")
    assert "<img src=x onerror=alert(1)></script>" in abstract and "]]>" in abstract
    assert "\ufffd" in abstract and "\N{ROCKET}" in abstract and "\N{GRINNING FACE}" in abstract
    assert "crlf[a\nb\nc]" in abstract


def test_edges_read_back_with_unique_ids_and_parallel_kinds(written):
    G = schema_graph()
    _, _, _, edges = _read(written)
    assert len(edges) == G.number_of_edges()
    assert len({edge_id for edge_id, *_ in edges}) == len(edges)
    by_key = {(frozenset((u, v)), attrs["kind"]): attrs for _, u, v, attrs in edges}
    for u, v, kind, attrs in G.edges(keys=True, data=True):
        read = by_key[(frozenset((u, v)), kind)]
        assert float(read["weight"]) == attrs["weight"]
        assert read["papers"] == join_values(attrs["papers"])
    assert by_key[(frozenset((PAPER_A, PAPER_B)), "shares_concepts")]["concepts"] == LORA


def test_networkx_reads_it_back_as_a_multigraph(written):
    G = schema_graph()
    H = nx.read_graphml(written, force_multigraph=True)
    assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
    assert H.nodes[LORA]["n_papers"] == 2 and H.nodes[LORA]["x"] == 0.25
    assert H.graph["name"] == "papergraph"


def test_byte_identical_whatever_the_insertion_order(tmp_path):
    write_graphml(schema_graph(), tmp_path / "a.graphml")
    write_graphml(schema_graph(reverse=True), tmp_path / "b.graphml")
    assert (tmp_path / "a.graphml").read_bytes() == (tmp_path / "b.graphml").read_bytes()


def test_open_binary_file_gets_the_same_bytes_as_a_path(written):
    buffer = io.BytesIO()
    write_graphml(schema_graph(), buffer)
    assert buffer.getvalue() == written.read_bytes() == "".join(generate_graphml(schema_graph())).encode("utf-8")


def test_booleans_are_xml_schema_booleans():
    G = nx.MultiGraph()
    G.add_node("a", flag=True)
    G.add_node("b", flag=False)
    root = etree.fromstring("".join(generate_graphml(G)).encode(), STRICT)
    assert [d.text for d in root.iterfind(".//g:node/g:data", NS)] == ["true", "false"]
    assert nx.parse_graphml("".join(generate_graphml(G))).nodes["b"]["flag"] is False


def test_empty_graph_is_a_valid_document():
    root = etree.fromstring("".join(generate_graphml(nx.MultiGraph())).encode(), STRICT)
    assert root.find("g:graph", NS).get("edgedefault") == "undirected"


def test_generate_graphml_yields_the_document_in_chunks(tmp_path):
    G = nx.MultiGraph()
    G.add_nodes_from((f"n{i:05d}", {"label": f"N{i}"}) for i in range(4500))
    G.add_edges_from((f"n{i:05d}", f"n{i + 1:05d}", {"weight": 1.0}) for i in range(4499))
    chunks = generate_graphml(G)
    assert iter(chunks) is chunks  # a generator, not a string
    chunks = list(chunks)
    assert len(chunks) > 4 and all(isinstance(chunk, str) and chunk for chunk in chunks)
    write_graphml(G, tmp_path / "big.graphml")
    assert (tmp_path / "big.graphml").read_bytes() == "".join(chunks).encode("utf-8")
    H = nx.read_graphml(tmp_path / "big.graphml", force_multigraph=True)
    assert H.number_of_nodes() == 4500 and H.number_of_edges() == 4499


def test_open_text_file_gets_the_same_text(written):
    buffer = io.StringIO()
    write_graphml(schema_graph(), buffer)
    assert buffer.getvalue().encode("utf-8") == written.read_bytes()


@pytest.mark.parametrize("writer_name", ["write_graphml", "write_gexf", "write_edges_csv"])
def test_bad_parameters_raise_option_error_and_leave_the_old_file(writer_name, tmp_path):
    import papergraph.readwrite as readwrite
    from papergraph.errors import OptionError

    path = tmp_path / "out"
    path.write_text("old")
    with pytest.raises(OptionError, match="max_papers"):
        getattr(readwrite, writer_name)(schema_graph(), path, max_papers=-1)
    assert path.read_text() == "old"
