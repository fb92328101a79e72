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
from collections.abc import Iterator
from typing import IO, Any

import networkx as nx

from papergraph.readwrite._values import (
    attribute_types,
    clean_text,
    escape_attribute,
    escape_text,
    sorted_edges,
    sorted_nodes,
    write_chunks,
    xml_value,
)

__all__ = ["generate_graphml", "write_graphml"]

_NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
_SCHEMA = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
_SCOPES = ("graph", "node", "edge")

#: How many nodes or edges go into one chunk of :func:`generate_graphml`.
_CHUNK = 2000


def generate_graphml(G: nx.Graph) -> Iterator[str]:
    """The GraphML document of ``G``, in chunks of text.

    Parameters
    ----------
    G : networkx.MultiGraph
        A papergraph graph (see :mod:`papergraph.graph`); any networkx graph works.

    Returns
    -------
    iterator of str
        The document in chunks (the header, then a chunk per few thousand nodes or edges), with
        an XML declaration; joined, byte-identical for the same graph.

    Examples
    --------
    >>> G = nx.MultiGraph(name="papergraph")
    >>> G.add_node("concept:bert", kind="concept", label="BERT", aliases=("bert", "BERT-base"))
    >>> G.add_node("concept:glue", kind="concept", label="GLUE <bench>", aliases=())
    >>> G.add_edge("concept:bert", "concept:glue", key="co_occurs", kind="co_occurs", weight=0.5)
    'co_occurs'
    >>> text = "".join(generate_graphml(G))
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
    out = [
        "<?xml version='1.0' encoding='utf-8'?>\n",
        f'<graphml xmlns="{_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        f' xsi:schemaLocation="{_SCHEMA}">\n',
    ]
    keys: dict[str, dict[str, tuple[str, str]]] = {scope: {} for scope in _SCOPES}
    for scope in _SCOPES:
        for name, type_ in attribute_types(records[scope]).items():
            key_id = f"d{len(out) - 2}"
            keys[scope][name] = (key_id, type_)
            out.append(f'  <key id="{key_id}" for="{scope}" attr.name="{escape_attribute(clean_text(name))}"'
                       f' attr.type="{type_}" />\n')
    graph = f'  <graph edgedefault="{"directed" if G.is_directed() else "undirected"}"'
    if not (G.graph or nodes or edges):
        out.append(graph + " />\n</graphml>\n")
        yield "".join(out)
        return
    out.append(graph + ">\n")
    _add_data(out, "", "", G.graph, keys["graph"], {})
    yield "".join(out)
    out.clear()
    ids = {node: escape_attribute(clean_text(str(node))) for node, _ in nodes}
    orders: dict[tuple, list[tuple[Any, str, str]]] = {}
    for index, (node, data) in enumerate(nodes, 1):
        _add_data(out, f'    <node id="{ids[node]}"', "    </node>\n", data, keys["node"], orders)
        if index % _CHUNK == 0:
            yield "".join(out)
            out.clear()
    orders = {}
    for index, (u, v, _, data) in enumerate(edges):
        start = f'    <edge id="e{index}" source="{ids[u]}" target="{ids[v]}"'
        _add_data(out, start, "    </edge>\n", data, keys["edge"], orders)
        if index % _CHUNK == _CHUNK - 1:
            yield "".join(out)
            out.clear()
    out.append("  </graph>\n</graphml>\n")
    yield "".join(out)


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
    write_chunks(path, generate_graphml(G))


def _add_data(out: list[str], start: str, end: str, data: dict[str, Any], keys: dict[str, tuple[str, str]],
              orders: dict[tuple, list[tuple[Any, str, str]]]) -> None:
    """Append the element opened by ``start`` and closed by ``end`` (none for the graph), with its data, to ``out``.

    ``orders`` caches, by the names of ``data`` in insertion order, each name with its ``<data``
    opening and type, in output order; it only holds names that are all ``str``.
    """
    names = tuple(data)
    order = orders.get(names)
    if order is None:
        order = []
        for name in sorted(data, key=str):
            key_id, type_ = keys[str(name)]
            order.append((name, f'{"      " if start else "    "}<data key="{key_id}"', type_))
        if all(type(name) is str for name in names):
            orders[names] = order
    if start:
        if not order:
            out.append(start + " />\n")
            return
        out.append(start + ">\n")
    for name, opening, type_ in order:
        text = xml_value(data[name], type_)
        if text:
            out.append(f"{opening}>{escape_text(text)}</data>\n")
        else:
            out.append(opening + " />\n")
    if end:
        out.append(end)
