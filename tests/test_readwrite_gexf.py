"""graph.gexf: GEXF 1.3 with viz, read back by a strict independent parser."""

from __future__ import annotations

import io
import math

import networkx as nx
import pytest
from lxml import etree
from readwrite_fixtures import H100, HOSTILE, IMAGENET, LLAMA, LORA, PAPER_A, PAPER_B, schema_graph

from papergraph.errors import OptionError
from papergraph.readwrite._values import CLUSTER_COLOURS, PAPER_COLOUR, TYPE_COLOURS, clean_text, join_values
from papergraph.readwrite.gexf import generate_gexf, write_gexf

GEXF = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
NS = {"x": GEXF, "viz": VIZ}
STRICT = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)


def _parse(chunks):
    return etree.fromstring("".join(chunks).encode("utf-8"), STRICT)


def _nodes(root):
    """Node id -> (label, attvalues by title, colour, position, size)."""
    titles = {a.get("id"): a.get("title") for a in root.iterfind("x:graph/x:attributes[@class='node']/x:attribute", NS)}
    nodes = {}
    for node in root.iterfind("x:graph/x:nodes/x:node", NS):
        values = {titles[v.get("for")]: v.get("value") for v in node.iterfind("x:attvalues/x:attvalue", NS)}
        colour = node.find("viz:color", NS)
        position = node.find("viz:position", NS)
        nodes[node.get("id")] = (
            node.get("label"),
            values,
            tuple(int(colour.get(c)) for c in "rgb"),
            None if position is None else (float(position.get("x")), float(position.get("y")), float(position.get("z"))),
            float(node.find("viz:size", NS).get("value")),
        )
    return nodes


def test_is_gexf_1_3_with_viz_namespace_and_no_date():
    root = _parse(generate_gexf(schema_graph()))
    assert root.tag == f"{{{GEXF}}}gexf" and root.get("version") == "1.3"
    assert root.nsmap["viz"] == VIZ
    meta = root.find("x:meta", NS)
    assert meta.get("lastmodifieddate") is None and meta.find("x:creator", NS).text == "papergraph"
    graph = root.find("x:graph", NS)
    assert (graph.get("defaultedgetype"), graph.get("mode")) == ("undirected", "static")
    assert [child.tag.split("}")[1] for child in graph] == ["attributes", "attributes", "nodes", "edges"]


def test_attributes_are_declared_typed_and_referenced_only_when_declared():
    root = _parse(generate_gexf(schema_graph()))
    for class_ in ("node", "edge"):
        declared = {a.get("id"): a.get("type") for a in root.iterfind(f"x:graph/x:attributes[@class='{class_}']/x:attribute", NS)}
        assert set(declared.values()) <= {"string", "integer", "double", "boolean"}
        used = {v.get("for") for v in root.iterfind(f"x:graph/x:{class_}s/x:{class_}/x:attvalues/x:attvalue", NS)}
        assert used == set(declared)
    node_types = {a.get("title"): a.get("type") for a in root.iterfind("x:graph/x:attributes[@class='node']/x:attribute", NS)}
    assert node_types["n_papers"] == "integer" and node_types["pagerank"] == "double"
    assert node_types["aliases"] == "string" and "label" not in node_types


def test_nodes_read_back_with_labels_values_and_positions():
    G = schema_graph()
    nodes = _nodes(_parse(generate_gexf(G)))
    assert set(nodes) == set(G.nodes)
    for node, attrs in G.nodes(data=True):
        label, values, _, position, _ = nodes[node]
        assert label == clean_text(attrs["label"])
        assert position == (attrs["x"], attrs["y"], 0.0)
        assert int(values["degree"]) == attrs["degree"] and float(values["pagerank"]) == attrs["pagerank"]
    assert nodes[LORA][1]["aliases"] == join_values(G.nodes[LORA]["aliases"])
    assert nodes[PAPER_A][1]["abstract"] == clean_text(HOSTILE + "\nSecond line.")
    assert "<img src=x onerror=alert(1)>" in nodes[PAPER_A][0]


def test_colour_by_type_greys_papers_and_types_concepts():
    nodes = _nodes(_parse(generate_gexf(schema_graph())))
    assert nodes[PAPER_A][2] == nodes[PAPER_B][2] == PAPER_COLOUR
    assert nodes[LORA][2] == TYPE_COLOURS["method"] and nodes[LLAMA][2] == TYPE_COLOURS["model"]
    assert nodes[H100][2] == TYPE_COLOURS["hardware"] and nodes[IMAGENET][2] == TYPE_COLOURS["dataset"]


def test_colour_by_cluster_follows_communities():
    nodes = _nodes(_parse(generate_gexf(schema_graph(), colour_by="cluster")))
    assert nodes[PAPER_A][2] == nodes[LORA][2] == CLUSTER_COLOURS[0]
    assert nodes[PAPER_B][2] == nodes[H100][2] == CLUSTER_COLOURS[1]


def test_sizes_grow_with_weighted_degree_within_bounds():
    G = schema_graph()
    nodes = _nodes(_parse(generate_gexf(G, min_size=2.0, max_size=20.0)))
    by_degree = sorted(G.nodes, key=lambda n: G.nodes[n]["weighted_degree"])
    sizes = [nodes[n][4] for n in by_degree]
    assert sizes == sorted(sizes) and sizes[0] == 2.0 and sizes[-1] == 20.0
    assert math.isclose(nodes[LORA][4], 2.0 + 18.0 * math.sqrt(6.0 / 7.5))


def test_edges_read_back_with_weights_and_kinds():
    G = schema_graph()
    root = _parse(generate_gexf(G))
    edges = root.findall("x:graph/x:edges/x:edge", NS)
    assert len(edges) == G.number_of_edges()
    assert len({e.get("id") for e in edges}) == len(edges)
    read = {(frozenset((e.get("source"), e.get("target"))), e.get("kind")): float(e.get("weight")) for e in edges}
    expected = {(frozenset((u, v)), k): d["weight"] for u, v, k, d in G.edges(keys=True, data=True)}
    assert read == expected
    assert all(e.get("label") is None for e in edges)  # labels are for nodes only


def test_unanalysed_graph_has_no_positions_and_smallest_sizes():
    G = nx.MultiGraph()
    G.add_node("concept:a", kind="concept", label="A", type="method")
    nodes = _nodes(_parse(generate_gexf(G, min_size=3.0)))
    assert nodes["concept:a"][3] is None and nodes["concept:a"][4] == 3.0


def test_byte_identical_whatever_the_insertion_order(tmp_path):
    write_gexf(schema_graph(), tmp_path / "a.gexf")
    write_gexf(schema_graph(reverse=True), tmp_path / "b.gexf")
    assert (tmp_path / "a.gexf").read_bytes() == (tmp_path / "b.gexf").read_bytes()


def test_bad_colour_by_raises_and_leaves_the_old_file(tmp_path):
    path = tmp_path / "graph.gexf"
    path.write_text("old")
    with pytest.raises(OptionError, match="'rainbow'"):
        write_gexf(schema_graph(), path, colour_by="rainbow")
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["graph.gexf"]


def test_networkx_reads_the_nodes_and_edges():
    # networkx only knows GEXF up to 1.2; reading our 1.3 file with its 1.2 rules still works.
    text = "".join(generate_gexf(schema_graph())).replace("http://gexf.net/1.3", "http://www.gexf.net/1.2draft")
    H = nx.read_gexf(io.BytesIO(text.replace('version="1.3"', 'version="1.2"').encode()))
    assert H.number_of_nodes() == 6 and H.number_of_edges() == 9


def test_bad_colour_by_raises_at_the_call_of_generate_gexf():
    with pytest.raises(OptionError, match="'rainbow'"):
        generate_gexf(schema_graph(), colour_by="rainbow")


def test_generate_gexf_yields_the_document_in_chunks(tmp_path):
    G = nx.MultiGraph()
    G.add_nodes_from((f"n{i:05d}", {"label": f"N{i}", "weighted_degree": float(i)}) for i in range(4500))
    G.add_edges_from((f"n{i:05d}", f"n{i + 1:05d}", {"weight": 1.0}) for i in range(4499))
    chunks = generate_gexf(G)
    assert iter(chunks) is chunks  # a generator, not a string
    chunks = list(chunks)
    assert len(chunks) > 4 and all(isinstance(chunk, str) and chunk for chunk in chunks)
    write_gexf(G, tmp_path / "big.gexf")
    assert (tmp_path / "big.gexf").read_bytes() == "".join(chunks).encode("utf-8")
    buffer = io.BytesIO()
    write_gexf(G, buffer)
    assert buffer.getvalue() == (tmp_path / "big.gexf").read_bytes()
    root = _parse(chunks)
    assert len(root.findall("x:graph/x:nodes/x:node", NS)) == 4500
    assert len(root.findall("x:graph/x:edges/x:edge", NS)) == 4499


def test_bad_sizes_raise_export_error():
    with pytest.raises(OptionError, match="min_size"):
        generate_gexf(schema_graph(), min_size=10.0, max_size=5.0)


@pytest.fixture(scope="module")
def built_graph():
    from graph_fixtures import random_corpus

    from papergraph.analyse import analyse_graph
    from papergraph.graph import build_graph

    G = build_graph(*random_corpus(8))
    analyse_graph(G)
    return G


def test_positions_of_a_built_map_are_at_the_scale_of_its_node_sizes(built_graph):
    """Read by the standard library's parser: positions equal the layout's x/y (as GraphML and
    CSV hold them), and the map spans some dozens of the largest node, so Gephi shows it as drawn."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring("".join(generate_gexf(built_graph)))
    positions, sizes = {}, []
    for node in root.iter(f"{{{GEXF}}}node"):
        position = node.find(f"{{{VIZ}}}position")
        positions[node.get("id")] = (float(position.get("x")), float(position.get("y")))
        sizes.append(float(node.find(f"{{{VIZ}}}size").get("value")))
    assert positions == {n: (d["x"], d["y"]) for n, d in built_graph.nodes(data=True)}
    xs, ys = zip(*positions.values(), strict=True)
    span = max(max(xs) - min(xs), max(ys) - min(ys))
    assert 4.0 <= min(sizes) and max(sizes) <= 40.0
    assert 10 <= span / max(sizes) <= 500
