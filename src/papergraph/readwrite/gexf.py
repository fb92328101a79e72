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

When nodes carry a ``first_seen`` date (:mod:`papergraph.dates`), the graph is written in GEXF's
dynamic mode (``timeformat="date"``): each dated node has a ``start`` (a month-only date starts
on the month's first day) and each edge starts when both its ends are there, so Gephi's
timeline plays the corpus as it grew. Undated nodes have no ``start`` and are there throughout;
a graph with no dates at all is written static, as before.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from typing import IO, Any

import networkx as nx

from papergraph.dates import day_of, is_iso_date
from papergraph.errors import OptionError
from papergraph.readwrite._columns import EDGE_PAPERS_SHOWN, MISSING, GraphColumns, columns_of
from papergraph.readwrite._values import (
    ARTIFACT_COLOUR,
    PAPER_COLOUR,
    TYPE_COLOURS,
    clean_text,
    cluster_colour,
    escape_attribute,
    escape_attributes,
    finite_number,
    scalar,
    write_chunks,
    xml_float,
)
from papergraph.schema import (
    ARTIFACT,
    COMMUNITY,
    CONCEPT,
    FIRST_SEEN,
    KIND,
    LABEL,
    LAYOUT_X,
    LAYOUT_Y,
    TYPE,
    WEIGHT,
    WEIGHTED_DEGREE,
)

__all__ = ["generate_gexf", "write_gexf"]

_NAMESPACE = "http://gexf.net/1.3"
_GEXF_TYPES = {"boolean": "boolean", "int": "integer", "double": "double", "string": "string"}
_COLOUR_BY = ("type", "cluster")

#: How many nodes or edges go into one chunk of :func:`generate_gexf`.
_CHUNK = 2000


def generate_gexf(
    G: nx.Graph | GraphColumns,
    *,
    colour_by: str = "type",
    min_size: float = 4.0,
    max_size: float = 40.0,
    max_papers: int = EDGE_PAPERS_SHOWN,
) -> Iterator[str]:
    """The GEXF 1.3 document of ``G``, in chunks of text.

    Parameters
    ----------
    G : networkx.MultiGraph or GraphColumns
        A papergraph graph (see :mod:`papergraph.graph`), or one already laid out for the
        writers; analysed or not: nodes without
        finite ``x`` and ``y`` get no position, nodes without ``weighted_degree`` the smallest size.
        Positions are written as they are: a layout of your own should span a few hundred
        units or more for nodes of the default sizes to stay apart.
    colour_by : {"type", "cluster"}
        Colour concepts by their primary type (papers grey), or every node by its community.
    min_size, max_size : float
        Node sizes run from ``min_size`` to ``max_size`` with the square root of the weighted
        degree, so that the area grows with it.
    max_papers : int
        List at most this many paper ids on an edge (the exact number is its ``count``);
        0 lists them all. Ignored when ``G`` is already laid out.

    Returns
    -------
    iterator of str
        The document in chunks (the header, then a chunk per few thousand nodes or edges), with
        an XML declaration; joined, byte-identical for the same graph and options.

    Raises
    ------
    papergraph.errors.OptionError
        If ``colour_by`` is neither ``"type"`` nor ``"cluster"``, the sizes are not
        ``0 <= min_size <= max_size`` or ``max_papers`` is negative: at the call, before any chunk.

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
        raise OptionError(f"colour_by must be one of {', '.join(_COLOUR_BY)}, not {colour_by!r}")
    if not 0 <= min_size <= max_size:
        raise OptionError(f"node sizes must satisfy 0 <= min_size <= max_size, not {min_size!r} and {max_size!r}")
    return _generate(columns_of(G, max_papers=max_papers), colour_by, min_size, max_size)


def _generate(table: GraphColumns, colour_by: str, min_size: float, max_size: float) -> Iterator[str]:
    """The chunks of :func:`generate_gexf`, its arguments checked."""
    node_types = {name: type_ for name, type_ in table.node_types.items() if name != LABEL}
    edge_types = {name: type_ for name, type_ in table.edge_types.items() if name != WEIGHT}
    n_nodes, n_edges = len(table.nodes), len(table.sources)
    missing = [MISSING] * n_nodes
    kinds, types, communities = (table.node_columns.get(name, missing) for name in (KIND, TYPE, COMMUNITY))
    labels, xs, ys = (table.node_columns.get(name, missing) for name in (LABEL, LAYOUT_X, LAYOUT_Y))
    starts = [_start(value) for value in table.node_columns.get(FIRST_SEEN, missing)]
    dynamic = any(starts)
    strengths = [_weighted_degree(value) for value in table.node_columns.get(WEIGHTED_DEGREE, missing)]
    largest = max(strengths, default=0.0)

    directed = "directed" if table.directed else "undirected"
    mode = 'mode="dynamic" timeformat="date"' if dynamic else 'mode="static"'
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<gexf xmlns="{_NAMESPACE}" xmlns:viz="{_NAMESPACE}/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        f' xsi:schemaLocation="{_NAMESPACE} {_NAMESPACE}/gexf.xsd" version="1.3">\n'
        "  <meta>\n"
        "    <creator>papergraph</creator>\n"
        "    <description>Knowledge graph of papers and concepts</description>\n"
        "  </meta>\n",
        f'  <graph defaultedgetype="{directed}" {mode}>\n',
    ]
    _declare(out, "node", node_types)
    _declare(out, "edge", edge_types)
    out.append("    <nodes>\n" if n_nodes else "    <nodes />\n")
    yield "".join(out)

    ids = escape_attributes([clean_text(str(node)) for node in table.nodes])
    for start, stop in table.chunks(n_nodes, _CHUNK):
        values = _attvalues(table.node_text, node_types, start, stop)
        out = []
        for i in range(start, stop):
            label = escape_attribute(str(scalar(table.nodes[i] if labels[i] is MISSING else labels[i])))
            begins = f' start="{starts[i]}"' if starts[i] else ""
            out.append(f'      <node id="{ids[i]}" label="{label}"{begins}>\n{values[i - start]}')
            r, g, b = _colour(kinds[i], types[i], communities[i], colour_by)
            out.append(f'        <viz:color r="{r}" g="{g}" b="{b}" />\n')
            x, y = finite_number(xs[i]), finite_number(ys[i])
            if x is not None and y is not None:
                out.append(f'        <viz:position x="{xml_float(x)}" y="{xml_float(y)}" z="0.0" />\n')
            share = math.sqrt(strengths[i] / largest) if largest > 0 else 0.0
            out.append(f'        <viz:size value="{xml_float(min_size + (max_size - min_size) * share)}" />\n'
                       "      </node>\n")
        yield "".join(out)
    out = ["    </nodes>\n"] if n_nodes else []

    out.append("    <edges>\n" if n_edges else "    <edges />\n")
    yield "".join(out)
    index = dict(zip(table.nodes, ids, strict=True))
    # An undated end counts as "", before every ISO day, so the later end's day is the max of the two.
    start_of = {node: day or "" for node, day in zip(table.nodes, starts, strict=True)}
    edge_kinds = table.edge_columns.get(KIND, [MISSING] * n_edges)
    weights = table.edge_columns.get(WEIGHT, [MISSING] * n_edges)
    kind_texts: dict[Any, str] = {}
    for start, stop in table.chunks(n_edges, _CHUNK):
        values = _attvalues(table.edge_text, edge_types, start, stop)
        sources, targets = table.sources[start:stop], table.targets[start:stop]
        kind_text = [_kind_text(key if kind is MISSING else kind, kind_texts)
                     for key, kind in zip(table.keys[start:stop], edge_kinds[start:stop], strict=True)]
        # A weight is written as the double it is, 1.0 where it has none.
        weight_text = ["1.0" if text is None else text for text in table.text(weights[start:stop], "double")]
        edge_starts = [""] * (stop - start)
        if dynamic:  # an edge is there once both its ends are
            edge_starts = [f' start="{day}"' if (day := max(start_of[u], start_of[v])) else ""
                           for u, v in zip(sources, targets, strict=True)]
        heads = [f'      <edge id="e{i}" source="{index[u]}" target="{index[v]}" kind="{kind}" weight="{weight}"{when}'
                 for i, u, v, kind, weight, when in zip(range(start, stop), sources, targets, kind_text, weight_text,
                                                        edge_starts, strict=True)]
        yield "".join([f"{head}>\n{body}      </edge>\n" if body else f"{head} />\n"
                       for head, body in zip(heads, values, strict=True)])
    out = ["    </edges>\n"] if n_edges else []
    out.append("  </graph>\n</gexf>\n")
    yield "".join(out)


def write_gexf(
    G: nx.Graph | GraphColumns,
    path: str | os.PathLike | IO,
    *,
    colour_by: str = "type",
    min_size: float = 4.0,
    max_size: float = 40.0,
    max_papers: int = EDGE_PAPERS_SHOWN,
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
    papergraph.errors.OptionError
        For a bad ``colour_by``, sizes or ``max_papers``, before anything is written.
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
    write_chunks(path, generate_gexf(G, colour_by=colour_by, min_size=min_size, max_size=max_size,
                                     max_papers=max_papers))


def _declare(out: list[str], class_: str, types: dict[str, str]) -> None:
    if not types:
        out.append(f'    <attributes class="{class_}" mode="static" />\n')
        return
    out.append(f'    <attributes class="{class_}" mode="static">\n')
    for name, type_ in types.items():
        name = escape_attribute(clean_text(name))
        out.append(f'      <attribute id="{name}" title="{name}" type="{_GEXF_TYPES[type_]}" />\n')
    out.append("    </attributes>\n")


def _attvalues(text_of, types: dict[str, str], start: int, stop: int) -> list[str]:
    """The ``<attvalues>`` block of elements ``start:stop`` ("" for none), one string per element."""
    columns = []
    for name, type_ in types.items():
        opening = f'          <attvalue for="{escape_attribute(clean_text(name))}" value="'
        texts = text_of(name, start, stop)
        # The text of a number or a truth value holds nothing to escape.
        escaped = escape_attributes(["" if text is None else text for text in texts]) if type_ == "string" else texts
        columns.append(["" if text is None else f'{opening}{escaped_text}" />\n'
                        for text, escaped_text in zip(texts, escaped, strict=True)])
    if not columns:
        return [""] * (stop - start)
    return [f"        <attvalues>\n{body}        </attvalues>\n" if body else ""
            for body in map("".join, zip(*columns, strict=True))]


def _kind_text(kind: Any, known: dict[Any, str]) -> str:
    """An edge's ``kind`` as attribute text, remembered in ``known`` (a graph has a handful of kinds)."""
    if type(kind) is not str:
        return escape_attribute(str(scalar(kind)))
    text = known.get(kind)
    if text is None:
        text = known[kind] = escape_attribute(clean_text(kind))
    return text


def _start(value: Any) -> str | None:
    """A node's ``start``: its ``first_seen`` as an ISO day, or None when it has no valid date."""
    return day_of(value).isoformat() if is_iso_date(value) else None


def _weighted_degree(value: Any) -> float:
    number = None if value is MISSING else finite_number(value)
    return float(number) if number is not None and number > 0 else 0.0


def _colour(kind: Any, type_: Any, community: Any, colour_by: str) -> tuple[int, int, int]:
    if colour_by == "cluster":
        number = None if community is MISSING else scalar(community)
        if isinstance(number, int) and not isinstance(number, bool):
            return cluster_colour(number)
        return PAPER_COLOUR
    if kind == CONCEPT and isinstance(type_, str):
        return TYPE_COLOURS.get(type_, PAPER_COLOUR)
    if kind == ARTIFACT:
        return ARTIFACT_COLOUR
    return PAPER_COLOUR
