"""Write the knowledge graph as GEXF 1.3 with the ``viz`` extension, for Gephi.

networkx writes GEXF 1.1 and 1.2draft only, and stamps each file with the day's date; this
module writes GEXF 1.3 with no date, so that the same graph gives the same bytes. Every node
carries ``viz:color`` (by concept type, papers grey, or by community), ``viz:size`` (from the
weighted degree) and ``viz:position`` (from the layout of :mod:`papergraph.analyse`), so Gephi
opens the map as papergraph drew it. Attributes are declared once per class, typed, with tuples
joined by ``"; "``. Each edge has its kind both as the GEXF ``kind`` (Gephi's edge type, which
keeps a ``co_listed`` and a ``shares_concepts`` edge between two papers apart) and as an
attribute.
"""

from __future__ import annotations

import math
import os
import xml.etree.ElementTree as ET
from typing import IO, Any

import networkx as nx

from papergraph.readwrite._values import (
    CLUSTER_COLOURS,
    PAPER_COLOUR,
    TYPE_COLOURS,
    attribute_types,
    clean_text,
    finite_number,
    scalar,
    sorted_edges,
    sorted_nodes,
    write_text,
    xml_float,
    xml_text,
)

__all__ = ["generate_gexf", "write_gexf"]

_NAMESPACE = "http://gexf.net/1.3"
_GEXF_TYPES = {"boolean": "boolean", "int": "integer", "double": "double", "string": "string"}
_COLOUR_BY = ("type", "cluster")


def generate_gexf(
    G: nx.Graph,
    *,
    colour_by: str = "type",
    scale: float = 1000.0,
    min_size: float = 4.0,
    max_size: float = 40.0,
) -> str:
    """The GEXF 1.3 document of ``G``, as a string.

    Parameters
    ----------
    G : networkx.MultiGraph
        A papergraph graph (see :mod:`papergraph.graph`), analysed or not: nodes without
        finite ``x`` and ``y`` get no position, nodes without ``weighted_degree`` the smallest size.
    colour_by : {"type", "cluster"}
        Colour concepts by their primary type (papers grey), or every node by its community.
    scale : float
        Positions are ``x * scale`` and ``y * scale``: the layout spans about [-1, 1], which
        Gephi would draw smaller than one node.
    min_size, max_size : float
        Node sizes run from ``min_size`` to ``max_size`` with the square root of the weighted
        degree, so that the area grows with it.

    Returns
    -------
    str
        The document, with an XML declaration; byte-identical for the same graph and options.

    Raises
    ------
    ValueError
        If ``colour_by`` is neither ``"type"`` nor ``"cluster"``.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_node("concept:lora", kind="concept", label="LoRA", type="method", weighted_degree=2.0, x=0.5, y=-0.25)
    >>> G.add_node("concept:llama", kind="concept", label="Llama", type="model", weighted_degree=0.5, x=-1.0, y=0.0)
    >>> G.add_edge("concept:llama", "concept:lora", key="co_occurs", kind="co_occurs", weight=2.0)
    'co_occurs'
    >>> text = generate_gexf(G)
    >>> '<viz:position x="500.0" y="-250.0" z="0.0" />' in text
    True
    >>> '<viz:color r="0" g="114" b="178" />' in text  # methods are blue
    True
    >>> '<edge id="e0" source="concept:llama" target="concept:lora" label="co_occurs" kind="co_occurs" weight="2.0">' in text
    True
    """
    if colour_by not in _COLOUR_BY:
        raise ValueError(f"colour_by must be one of {', '.join(_COLOUR_BY)}, not {colour_by!r}")
    nodes = sorted_nodes(G)
    edges = sorted_edges(G)
    node_types = attribute_types({k: v for k, v in data.items() if k != "label"} for _, data in nodes)
    edge_types = attribute_types({k: v for k, v in data.items() if k != "weight"} for *_, data in edges)
    largest = max((_weighted_degree(data) for _, data in nodes), default=0.0)

    root = ET.Element("gexf", {
        "xmlns": _NAMESPACE,
        "xmlns:viz": f"{_NAMESPACE}/viz",
        "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "xsi:schemaLocation": f"{_NAMESPACE} {_NAMESPACE}/gexf.xsd",
        "version": "1.3",
    })
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "papergraph"
    ET.SubElement(meta, "description").text = "Knowledge graph of papers and concepts"
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed" if G.is_directed() else "undirected",
                                          "mode": "static"})
    _declare(graph, "node", node_types)
    _declare(graph, "edge", edge_types)

    node_list = ET.SubElement(graph, "nodes")
    for node, data in nodes:
        element = ET.SubElement(node_list, "node", {"id": clean_text(str(node)),
                                                   "label": str(scalar(data.get("label", node)))})
        _add_values(element, data, node_types)
        r, g, b = _colour(data, colour_by)
        ET.SubElement(element, "viz:color", {"r": str(r), "g": str(g), "b": str(b)})
        x, y = finite_number(data.get("x")), finite_number(data.get("y"))
        if x is not None and y is not None:
            ET.SubElement(element, "viz:position", {"x": xml_float(x * scale), "y": xml_float(y * scale), "z": "0.0"})
        share = math.sqrt(_weighted_degree(data) / largest) if largest > 0 else 0.0
        ET.SubElement(element, "viz:size", {"value": xml_float(min_size + (max_size - min_size) * share)})

    edge_list = ET.SubElement(graph, "edges")
    for index, (u, v, key, data) in enumerate(edges):
        kind = str(scalar(data.get("kind", key)))
        element = ET.SubElement(edge_list, "edge", {
            "id": f"e{index}",
            "source": clean_text(str(u)),
            "target": clean_text(str(v)),
            "label": kind,
            "kind": kind,
            "weight": xml_float(scalar(data.get("weight", 1.0))),
        })
        _add_values(element, data, edge_types)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_gexf(
    G: nx.Graph,
    path: str | os.PathLike | IO,
    *,
    colour_by: str = "type",
    scale: float = 1000.0,
    min_size: float = 4.0,
    max_size: float = 40.0,
) -> None:
    """Write ``G`` as GEXF 1.3 to ``path``; see :func:`generate_gexf` for the options.

    Parameters
    ----------
    G : networkx.MultiGraph
        A papergraph graph.
    path : str, os.PathLike or file
        A file name (written atomically: never left half-written) or an open file.

    Raises
    ------
    ValueError
        For a bad ``colour_by``, before anything is written.
    OSError
        When the file cannot be written.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "graph.gexf"
    >>> write_gexf(nx.MultiGraph([("a", "b")]), path, colour_by="cluster")
    >>> path.read_text().count("<node ")
    2
    """
    write_text(path, generate_gexf(G, colour_by=colour_by, scale=scale, min_size=min_size, max_size=max_size))


def _declare(graph: ET.Element, class_: str, types: dict[str, str]) -> None:
    attributes = ET.SubElement(graph, "attributes", {"class": class_, "mode": "static"})
    for name, type_ in types.items():
        name = clean_text(name)
        ET.SubElement(attributes, "attribute", {"id": name, "title": name, "type": _GEXF_TYPES[type_]})


def _add_values(element: ET.Element, data: dict[str, Any], types: dict[str, str]) -> None:
    present = [name for name in types if name in data]
    if not present:
        return
    values = ET.SubElement(element, "attvalues")
    for name in present:
        ET.SubElement(values, "attvalue", {"for": clean_text(name), "value": xml_text(scalar(data[name]), types[name])})


def _weighted_degree(data: dict[str, Any]) -> float:
    value = finite_number(data.get("weighted_degree"))
    return float(value) if value is not None and value > 0 else 0.0


def _colour(data: dict[str, Any], colour_by: str) -> tuple[int, int, int]:
    if colour_by == "cluster":
        community = scalar(data.get("community"))
        if isinstance(community, int) and not isinstance(community, bool):
            return CLUSTER_COLOURS[community % len(CLUSTER_COLOURS)]
        return PAPER_COLOUR
    if data.get("kind") == "concept":
        return TYPE_COLOURS.get(data.get("type"), PAPER_COLOUR)
    return PAPER_COLOUR
