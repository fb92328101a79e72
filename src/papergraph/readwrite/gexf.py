"""Write the knowledge graph as GEXF 1.3 with the ``viz`` extension, for Gephi.

networkx writes GEXF 1.1 and 1.2draft only, and stamps each file with the day's date; this
module writes GEXF 1.3 with no date, so that the same graph gives the same bytes. Every node
carries ``viz:color`` (by concept type, papers grey, or by community), ``viz:size`` (from the
weighted degree) and ``viz:position`` (the layout's ``x`` and ``y`` as they are, the same figures
as in GraphML and the CSV tables: :mod:`papergraph.analyse` lays the map out in a square of
±1000, where nodes of size 4 to 40 read as they do on the page), so Gephi opens the map as
papergraph drew it. Attributes are declared once per class, typed, with tuples joined by
``"; "``. Nodes have a ``label``; edges have none (their kind is no name). Each edge has its kind
both as the GEXF ``kind`` (Gephi's edge type, which keeps a ``co_listed`` and a
``shares_concepts`` edge between two papers apart) and as an attribute.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from typing import IO, Any

import networkx as nx

from papergraph.errors import ExportError
from papergraph.readwrite._values import (
    CLUSTER_COLOURS,
    PAPER_COLOUR,
    TYPE_COLOURS,
    attribute_types,
    clean_text,
    escape_attribute,
    finite_number,
    scalar,
    sorted_edges,
    sorted_nodes,
    write_chunks,
    xml_float,
    xml_value,
)

__all__ = ["generate_gexf", "write_gexf"]

_NAMESPACE = "http://gexf.net/1.3"
_GEXF_TYPES = {"boolean": "boolean", "int": "integer", "double": "double", "string": "string"}
_COLOUR_BY = ("type", "cluster")

#: How many nodes or edges go into one chunk of :func:`generate_gexf`.
_CHUNK = 2000


def generate_gexf(
    G: nx.Graph,
    *,
    colour_by: str = "type",
    min_size: float = 4.0,
    max_size: float = 40.0,
) -> Iterator[str]:
    """The GEXF 1.3 document of ``G``, in chunks of text.

    Parameters
    ----------
    G : networkx.MultiGraph
        A papergraph graph (see :mod:`papergraph.graph`), analysed or not: nodes without
        finite ``x`` and ``y`` get no position, nodes without ``weighted_degree`` the smallest size.
        Positions are written as they are: a layout of your own should span a few hundred
        units or more for nodes of the default sizes to stay apart.
    colour_by : {"type", "cluster"}
        Colour concepts by their primary type (papers grey), or every node by its community.
    min_size, max_size : float
        Node sizes run from ``min_size`` to ``max_size`` with the square root of the weighted
        degree, so that the area grows with it.

    Returns
    -------
    iterator of str
        The document in chunks (the header, then a chunk per few thousand nodes or edges), with
        an XML declaration; joined, byte-identical for the same graph and options.

    Raises
    ------
    papergraph.errors.ExportError
        If ``colour_by`` is neither ``"type"`` nor ``"cluster"``, or the sizes are not
        ``0 <= min_size <= max_size``: at the call, before any chunk.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_node("concept:lora", kind="concept", label="LoRA", type="method", weighted_degree=2.0, x=500.0, y=-250.0)
    >>> G.add_node("concept:llama", kind="concept", label="Llama", type="model", weighted_degree=0.5, x=-1000.0, y=0.0)
    >>> G.add_edge("concept:llama", "concept:lora", key="co_occurs", kind="co_occurs", weight=2.0)
    'co_occurs'
    >>> text = "".join(generate_gexf(G))
    >>> '<viz:position x="500.0" y="-250.0" z="0.0" />' in text
    True
    >>> '<viz:color r="0" g="114" b="178" />' in text  # methods are blue
    True
    >>> '<edge id="e0" source="concept:llama" target="concept:lora" kind="co_occurs" weight="2.0">' in text
    True
    """
    if colour_by not in _COLOUR_BY:
        raise ExportError(f"colour_by must be one of {', '.join(_COLOUR_BY)}, not {colour_by!r}")
    if not 0 <= min_size <= max_size:
        raise ExportError(f"node sizes must satisfy 0 <= min_size <= max_size, not {min_size!r} and {max_size!r}")
    return _generate(G, colour_by, min_size, max_size)


def _generate(G: nx.Graph, colour_by: str, min_size: float, max_size: float) -> Iterator[str]:
    """The chunks of :func:`generate_gexf`, its arguments checked."""
    nodes = sorted_nodes(G)
    edges = sorted_edges(G)
    node_types = attribute_types({k: v for k, v in data.items() if k != "label"} for _, data in nodes)
    edge_types = attribute_types({k: v for k, v in data.items() if k != "weight"} for *_, data in edges)
    largest = max((_weighted_degree(data) for _, data in nodes), default=0.0)

    directed = "directed" if G.is_directed() else "undirected"
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<gexf xmlns="{_NAMESPACE}" xmlns:viz="{_NAMESPACE}/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        f' xsi:schemaLocation="{_NAMESPACE} {_NAMESPACE}/gexf.xsd" version="1.3">\n'
        "  <meta>\n"
        "    <creator>papergraph</creator>\n"
        "    <description>Knowledge graph of papers and concepts</description>\n"
        "  </meta>\n"
        f'  <graph defaultedgetype="{directed}" mode="static">\n',
    ]
    _declare(out, "node", node_types)
    _declare(out, "edge", edge_types)

    ids = {node: escape_attribute(clean_text(str(node))) for node, _ in nodes}
    out.append("    <nodes>\n" if nodes else "    <nodes />\n")
    yield "".join(out)
    out.clear()
    orders: dict[tuple, list[tuple[str, str, str]]] = {}
    for index, (node, data) in enumerate(nodes, 1):
        label = escape_attribute(str(scalar(data.get("label", node))))
        out.append(f'      <node id="{ids[node]}" label="{label}">\n')
        _add_values(out, "        ", data, node_types, orders)
        r, g, b = _colour(data, colour_by)
        out.append(f'        <viz:color r="{r}" g="{g}" b="{b}" />\n')
        x, y = finite_number(data.get("x")), finite_number(data.get("y"))
        if x is not None and y is not None:
            out.append(f'        <viz:position x="{xml_float(x)}" y="{xml_float(y)}" z="0.0" />\n')
        share = math.sqrt(_weighted_degree(data) / largest) if largest > 0 else 0.0
        out.append(f'        <viz:size value="{xml_float(min_size + (max_size - min_size) * share)}" />\n'
                   "      </node>\n")
        if index % _CHUNK == 0:
            yield "".join(out)
            out.clear()
    if nodes:
        out.append("    </nodes>\n")

    out.append("    <edges>\n" if edges else "    <edges />\n")
    orders = {}
    kinds: dict[Any, str] = {}
    for index, (u, v, key, data) in enumerate(edges):
        kind = data.get("kind", key)
        text = kinds.get(kind) if type(kind) is str else None
        if text is None:
            text = escape_attribute(str(scalar(kind)))
            if type(kind) is str:
                kinds[kind] = text
        start = (f'      <edge id="e{index}" source="{ids[u]}" target="{ids[v]}" kind="{text}"'
                 f' weight="{xml_float(scalar(data.get("weight", 1.0)))}"')
        if _add_values(out, "        ", data, edge_types, orders, start):
            out.append("      </edge>\n")
        else:
            out.append(start + " />\n")
        if index % _CHUNK == _CHUNK - 1:
            yield "".join(out)
            out.clear()
    if edges:
        out.append("    </edges>\n")
    out.append("  </graph>\n</gexf>\n")
    yield "".join(out)


def write_gexf(
    G: nx.Graph,
    path: str | os.PathLike | IO,
    *,
    colour_by: str = "type",
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
    papergraph.errors.ExportError
        For a bad ``colour_by`` or sizes, before anything is written.
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
    write_chunks(path, generate_gexf(G, colour_by=colour_by, min_size=min_size, max_size=max_size))


def _declare(out: list[str], class_: str, types: dict[str, str]) -> None:
    if not types:
        out.append(f'    <attributes class="{class_}" mode="static" />\n')
        return
    out.append(f'    <attributes class="{class_}" mode="static">\n')
    for name, type_ in types.items():
        name = escape_attribute(clean_text(name))
        out.append(f'      <attribute id="{name}" title="{name}" type="{_GEXF_TYPES[type_]}" />\n')
    out.append("    </attributes>\n")


def _add_values(out: list[str], indent: str, data: dict[str, Any], types: dict[str, str],
                orders: dict[tuple, list[tuple[str, str, str]]], start: str = "") -> bool:
    """Append ``start`` (if any) and the ``attvalues`` of ``data`` to ``out``, if it has any; whether it had.

    ``orders`` caches, by the names of ``data`` in insertion order, the declared names it holds,
    with their ``<attvalue`` opening and type.
    """
    names = tuple(data)
    present = orders.get(names)
    if present is None:
        present = orders[names] = [
            (name, f'{indent}  <attvalue for="{escape_attribute(clean_text(name))}" value="', type_)
            for name, type_ in types.items() if name in data
        ]
    if not present:
        return False
    if start:
        out.append(start + ">\n")
    out.append(f"{indent}<attvalues>\n")
    for name, opening, type_ in present:
        out.append(f'{opening}{escape_attribute(xml_value(data[name], type_))}" />\n')
    out.append(f"{indent}</attvalues>\n")
    return True


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
