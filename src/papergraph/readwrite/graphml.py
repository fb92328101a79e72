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
from typing import IO

import networkx as nx
import numpy as np

from papergraph.readwrite._columns import (
    EDGE_PAPERS_SHOWN,
    FileStream,
    GraphColumns,
    any_present,
    columns_of,
    scatter,
)
from papergraph.readwrite._values import (
    attribute_types,
    clean_text,
    escape_attribute,
    escape_attributes,
    escape_text,
    escape_texts,
    interleave,
    write_chunks,
    xml_value,
)

__all__ = ["generate_graphml", "stream_graphml", "write_graphml"]

_NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
_SCHEMA = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"

#: How many nodes or edges go into one chunk of :func:`generate_graphml`.
_CHUNK = 1000


def generate_graphml(G: nx.Graph | GraphColumns, *, max_papers: int = EDGE_PAPERS_SHOWN) -> Iterator[str]:
    """The GraphML document of ``G``, in chunks of text.

    Parameters
    ----------
    G : networkx.MultiGraph or GraphColumns
        A papergraph graph (see :mod:`papergraph.graph`; any networkx graph works), or one
        already laid out for the writers.
    max_papers : int
        List at most this many paper ids on an edge (the exact number is its ``count``);
        0 lists them all. Ignored when ``G`` is already laid out.

    Returns
    -------
    iterator of str
        The document in chunks (the header, then a chunk per few thousand nodes or edges), with
        an XML declaration; joined, byte-identical for the same graph.

    Raises
    ------
    papergraph.errors.OptionError
        For a negative ``max_papers``, at the call.

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
    return iter(stream_graphml(columns_of(G, max_papers=max_papers)))


def stream_graphml(table: GraphColumns) -> FileStream:
    """The GraphML document of ``table`` as a stream (see :func:`write_streams`)."""
    header = [
        "<?xml version='1.0' encoding='utf-8'?>\n",
        f'<graphml xmlns="{_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        f' xsi:schemaLocation="{_SCHEMA}">\n',
    ]
    graph_types = attribute_types([table.graph_data])
    key_ids: dict[str, dict[str, str]] = {}
    for scope, types in (("graph", graph_types), ("node", table.node_types), ("edge", table.edge_types)):
        key_ids[scope] = {}
        for name, type_ in types.items():
            key_id = key_ids[scope][name] = f"d{len(header) - 2}"
            header.append(f'  <key id="{key_id}" for="{scope}" attr.name="{escape_attribute(clean_text(name))}"'
                          f' attr.type="{type_}" />\n')
    graph = f'  <graph edgedefault="{"directed" if table.directed else "undirected"}"'
    ids = escape_attributes([clean_text(str(node)) for node in table.nodes])
    id_array = np.array(ids, dtype=object)
    empty = not (table.graph_data or table.nodes or table.n_edges)
    if empty:
        header.append(graph + " />\n</graphml>\n")
    else:
        header.append(graph + ">\n")
        for name, type_ in graph_types.items():
            value = next(v for k, v in table.graph_data.items() if str(k) == name)
            header.append(_data_line("    ", key_ids["graph"][name], xml_value(value, type_)))

    def nodes(start: int, stop: int) -> str:
        head: list[str | list[str]] = ['    <node id="', ids[start:stop], '"']
        return _elements(stop - start, head, *_bodies(table, "node", table.node_types, key_ids["node"], start, stop),
                         "    </node>\n")

    def edges(start: int, stop: int) -> str:
        head: list[str | list[str]] = [
            '    <edge id="e', list(map(str, range(start, stop))),
            '" source="', id_array[table.source_positions[start:stop]].tolist(),
            '" target="', id_array[table.target_positions[start:stop]].tolist(), '"']
        return _elements(stop - start, head, *_bodies(table, "edge", table.edge_types, key_ids["edge"], start, stop),
                         "    </edge>\n")

    return FileStream(table, "".join(header), nodes, "", edges, "" if empty else "  </graph>\n</graphml>\n", _CHUNK)


def write_graphml(G: nx.Graph | GraphColumns, path: str | os.PathLike | IO, *,
                  max_papers: int = EDGE_PAPERS_SHOWN) -> None:
    """Write ``G`` as GraphML to ``path``; see :func:`generate_graphml`.

    Parameters
    ----------
    G : networkx.MultiGraph or GraphColumns
        A papergraph graph.
    path : str, os.PathLike or file
        A file name (written atomically: never left half-written) or an open file.
    max_papers : int
        List at most this many paper ids on an edge; 0 lists them all.

    Raises
    ------
    papergraph.errors.OptionError
        For a negative ``max_papers``, before anything is written.
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
    write_chunks(path, generate_graphml(G, max_papers=max_papers))


def _data_line(indent: str, key_id: str, text: str) -> str:
    if text:
        return f'{indent}<data key="{key_id}">{escape_text(text)}</data>\n'
    return f'{indent}<data key="{key_id}" />\n'


def _bodies(table: GraphColumns, scope: str, types: dict[str, str], key_ids: dict[str, str], start: int,
            stop: int) -> tuple[list[str | list[str]], list[bool] | None]:
    """The ``<data>`` lines of the nodes or edges (``scope``) ``start:stop`` as parts for :func:`interleave`,
    and whether each element has any (None when all of them have)."""
    parts: list[str | list[str]] = []
    sparse = []  # the positions of the elements that have a column some lack
    for name, type_ in types.items():
        opening = f'      <data key="{key_ids[name]}"'
        positions, texts = table.present_text(scope, name, start, stop)
        # The text of a number or a truth value holds nothing to escape.
        escaped = escape_texts(texts) if type_ == "string" else texts
        if positions is None and "" not in texts:  # the common case: one text in every element
            parts += [opening + ">", escaped, "</data>\n"]
            continue
        empty = opening + " />\n"
        lines = [f"{opening}>{escaped_text}</data>\n" if text else empty
                 for text, escaped_text in zip(texts, escaped, strict=True)]
        if positions is None:
            parts.append(lines)
        else:
            parts.append(scatter(stop - start, positions, lines, ""))
            sparse.append(positions)
    return parts, any_present(sparse, len(types), stop - start)


def _elements(n: int, head: list[str | list[str]], parts: list[str | list[str]], has_data: list[bool] | None,
              end: str) -> str:
    """``n`` elements: each its ``head``, then its data lines and ``end``, or `` />`` when it has no data."""
    if has_data is None:
        return interleave(n, [*head, ">\n", *parts, end])
    return interleave(n, [*head, [">\n" if data else " />\n" for data in has_data], *parts,
                          [end if data else "" for data in has_data]])
