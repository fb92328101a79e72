"""Write the knowledge graph as GraphML, for Gephi, Cytoscape, yEd and networkx.

Every attribute is a scalar with a declared type (``string``, ``int``, ``double`` or
``boolean``): tuples are joined with ``"; "``, and text is cleaned so that the file is valid
XML whatever the titles and abstracts contain. Gephi takes the node ``label`` attribute as the
label, ``x``/``y`` as the position and the edge ``weight`` as the weight.

Edges keep their kind in the ``kind`` attribute; their ids (``e0``, ``e1``, ...) number the
edges in sorted order, because Gephi drops an edge whose id repeats and two papers can be tied
by both a ``co_listed`` and a ``shares_concepts`` edge.

The file reads back with :func:`networkx.read_graphml` (with ``force_multigraph=True``).
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from typing import IO, Any

import networkx as nx

from papergraph.readwrite._values import (
    attribute_types,
    clean_text,
    scalar,
    sorted_edges,
    sorted_nodes,
    write_text,
    xml_text,
)

__all__ = ["generate_graphml", "write_graphml"]

_NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
_SCHEMA = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
_SCOPES = ("graph", "node", "edge")


def generate_graphml(G: nx.Graph) -> str:
    """The GraphML document of ``G``, as a string.

    Parameters
    ----------
    G : networkx.MultiGraph
        A papergraph graph (see :mod:`papergraph.graph`); any networkx graph works.

    Returns
    -------
    str
        The document, with an XML declaration; byte-identical for the same graph.

    Examples
    --------
    >>> G = nx.MultiGraph(name="papergraph")
    >>> G.add_node("concept:bert", kind="concept", label="BERT", aliases=("bert", "BERT-base"))
    >>> G.add_node("concept:glue", kind="concept", label="GLUE <bench>", aliases=())
    >>> G.add_edge("concept:bert", "concept:glue", key="co_occurs", kind="co_occurs", weight=0.5)
    'co_occurs'
    >>> text = generate_graphml(G)
    >>> '<data key="d1">bert; BERT-base</data>' in text, "GLUE &lt;bench&gt;" in text
    (True, True)
    >>> H = nx.parse_graphml(text, force_multigraph=True)
    >>> H.nodes["concept:glue"]["label"], H.edges["concept:bert", "concept:glue", "e0"]["weight"]
    ('GLUE <bench>', 0.5)
    """
    nodes = sorted_nodes(G)
    edges = sorted_edges(G)
    records = {
        "graph": [dict(G.graph)],
        "node": [data for _, data in nodes],
        "edge": [data for *_, data in edges],
    }
    root = ET.Element("graphml", {"xmlns": _NAMESPACE, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
                                  "xsi:schemaLocation": _SCHEMA})
    key_ids: dict[str, dict[str, tuple[str, str]]] = {scope: {} for scope in _SCOPES}
    for scope in _SCOPES:
        for name, type_ in attribute_types(records[scope]).items():
            key_id = f"d{len(root)}"
            key_ids[scope][name] = (key_id, type_)
            ET.SubElement(root, "key", {"id": key_id, "for": scope, "attr.name": clean_text(name),
                                        "attr.type": type_})
    graph = ET.SubElement(root, "graph", {"edgedefault": "directed" if G.is_directed() else "undirected"})
    _add_data(graph, G.graph, key_ids["graph"])
    for node, data in nodes:
        _add_data(ET.SubElement(graph, "node", {"id": clean_text(str(node))}), data, key_ids["node"])
    for index, (u, v, _, data) in enumerate(edges):
        edge = ET.SubElement(graph, "edge", {"id": f"e{index}", "source": clean_text(str(u)),
                                             "target": clean_text(str(v))})
        _add_data(edge, data, key_ids["edge"])
    ET.indent(root)
    return "<?xml version='1.0' encoding='utf-8'?>\n" + ET.tostring(root, encoding="unicode") + "\n"


def write_graphml(G: nx.Graph, path: str | os.PathLike | IO) -> None:
    """Write ``G`` as GraphML to ``path``; see :func:`generate_graphml`.

    Parameters
    ----------
    G : networkx.MultiGraph
        A papergraph graph.
    path : str, os.PathLike or file
        A file name (written atomically: never left half-written) or an open file.

    Raises
    ------
    OSError
        When the file cannot be written.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "graph.graphml"
    >>> write_graphml(nx.MultiGraph([("a", "b")]), path)
    >>> len(nx.read_graphml(path).edges)
    1
    """
    write_text(path, generate_graphml(G))


def _add_data(element: ET.Element, data: dict[str, Any], keys: dict[str, tuple[str, str]]) -> None:
    for name in sorted(data, key=str):
        key_id, type_ = keys[str(name)]
        ET.SubElement(element, "data", {"key": key_id}).text = xml_text(scalar(data[name]), type_)
