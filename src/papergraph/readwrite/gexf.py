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

import os
from collections.abc import Iterator
from typing import IO, Any, cast

import networkx as nx
import numpy as np

from papergraph.dates import day_of, is_iso_date
from papergraph.errors import OptionError
from papergraph.readwrite._columns import (
    EDGE_PAPERS_SHOWN,
    MISSING,
    FileStream,
    GraphColumns,
    any_present,
    columns_of,
    double_texts,
    scatter,
)
from papergraph.readwrite._values import (
    ARTIFACT_COLOUR,
    PAPER_COLOUR,
    TYPE_COLOURS,
    clean_text,
    cluster_colour,
    each_distinct,
    escape_attribute,
    escape_attributes,
    finite_number,
    interleave,
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

__all__ = ["generate_gexf", "stream_gexf", "write_gexf"]

_NAMESPACE = "http://gexf.net/1.3"
_GEXF_TYPES = {"boolean": "boolean", "int": "integer", "double": "double", "string": "string"}
_COLOUR_BY = ("type", "cluster")

#: How many nodes or edges go into one chunk of :func:`generate_gexf`.
_CHUNK = 1000


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
    return iter(stream_gexf(columns_of(G, max_papers=max_papers), colour_by, min_size, max_size))


def stream_gexf(table: GraphColumns, colour_by: str = "type", min_size: float = 4.0,
                max_size: float = 40.0) -> FileStream:
    """The GEXF document of ``table`` as a stream (see :func:`write_streams`); the
    options as :func:`generate_gexf` takes them, checked."""
    if colour_by not in _COLOUR_BY:
        raise OptionError(f"colour_by must be one of {', '.join(_COLOUR_BY)}, not {colour_by!r}")
    if not 0 <= min_size <= max_size:
        raise OptionError(f"node sizes must satisfy 0 <= min_size <= max_size, not {min_size!r} and {max_size!r}")
    node_types = {name: type_ for name, type_ in table.node_types.items() if name != LABEL}
    edge_types = {name: type_ for name, type_ in table.edge_types.items() if name != WEIGHT}
    n_nodes, n_edges = len(table.nodes), table.n_edges
    missing = [MISSING] * n_nodes
    starts = each_distinct(_start, table.node_columns.get(FIRST_SEEN, missing))
    dynamic = any(starts)
    ids = escape_attributes([clean_text(str(node)) for node in table.nodes])

    directed = "directed" if table.directed else "undirected"
    mode = 'mode="dynamic" timeformat="date"' if dynamic else 'mode="static"'
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<gexf xmlns="{_NAMESPACE}" xmlns:viz="{_NAMESPACE}/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        f' xsi:schemaLocation="{_NAMESPACE} {_NAMESPACE}/gexf.xsd" version="1.3">\n'
        "  <meta>\n"
        "    <creator>papergraph</creator>\n"
        "    <description>Knowledge graph of papers and concepts</description>\n"
        "  </meta>\n",
        f'  <graph defaultedgetype="{directed}" {mode}>\n',
    ]
    _declare(head, "node", node_types)
    _declare(head, "edge", edge_types)
    head.append("    <nodes>\n" if n_nodes else "    <nodes />\n")

    labels = _labels(table)
    begins = [f' start="{day}"' if day else "" for day in starts]
    colours = _colours(table, colour_by)
    positions = _positions(table)
    sizes = _sizes(table, min_size, max_size)

    def nodes(start: int, stop: int) -> str:
        values, has_values = _attvalues(table, "node", node_types, start, stop)
        opening, closing = _wrapping("", has_values, stop - start)
        return interleave(stop - start, [
            '      <node id="', ids[start:stop], '" label="', labels[start:stop], '"', begins[start:stop], ">\n",
            opening, *values, closing, colours[start:stop], positions[start:stop],
            '        <viz:size value="', sizes[start:stop], '" />\n      </node>\n'])

    middle = ("    </nodes>\n" if n_nodes else "") + ("    <edges>\n" if n_edges else "    <edges />\n")
    id_array = np.array(ids, dtype=object)
    edge_kinds = each_distinct(_kind_text, table.edge_kinds())
    edge_days: np.ndarray | None = None
    if dynamic:  # an edge is there once both its ends are: the later of their days ("" before every day)
        days = sorted(set(starts) - {None})
        rank = {day: i for i, day in enumerate(days, start=1)}
        day_ranks = np.array([rank.get(day, 0) for day in starts], dtype=np.int64)
        day_texts = np.array([""] + [f' start="{day}"' for day in days], dtype=object)
        edge_days = day_texts[np.maximum(day_ranks[table.source_positions], day_ranks[table.target_positions])]

    def edges(start: int, stop: int) -> str:
        values, has_values = _attvalues(table, "edge", edge_types, start, stop)
        opening, closing = _wrapping(">\n", has_values, stop - start)
        return interleave(stop - start, [
            '      <edge id="e', list(map(str, range(start, stop))),
            '" source="', id_array[table.source_positions[start:stop]].tolist(),
            '" target="', id_array[table.target_positions[start:stop]].tolist(),
            '" kind="', edge_kinds[start:stop], '" weight="', _weights(table, start, stop), '"',
            "" if edge_days is None else edge_days[start:stop].tolist(), opening, *values, closing])

    after = ("    </edges>\n" if n_edges else "") + "  </graph>\n</gexf>\n"
    return FileStream(table, "".join(head), nodes, middle, edges, after, _CHUNK)


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


def _attvalues(table: GraphColumns, scope: str, types: dict[str, str], start: int,
               stop: int) -> tuple[list[str | list[str]], list[bool] | None]:
    """The ``<attvalue>`` lines of the nodes or edges (``scope``) ``start:stop`` as parts for
    :func:`interleave`, and whether each element has any (None when all of them have)."""
    parts: list[str | list[str]] = []
    sparse = []  # the positions of the elements that have a column some lack
    for name, type_ in types.items():
        opening = f'          <attvalue for="{escape_attribute(clean_text(name))}" value="'
        positions, texts = table.present_text(scope, name, start, stop)
        # The text of a number or a truth value holds nothing to escape.
        escaped = escape_attributes(texts) if type_ == "string" else texts
        if positions is None:
            parts += [opening, escaped, '" />\n']
            continue
        parts.append(scatter(stop - start, positions, [f'{opening}{text}" />\n' for text in escaped], ""))
        sparse.append(positions)
    return parts, any_present(sparse, len(types), stop - start)


def _wrapping(head_end: str, has_values: list[bool] | None, n: int) -> tuple[str | list[str], str | list[str]]:
    """What goes before and after the ``<attvalues>`` lines of ``n`` nodes (``head_end`` "") or edges
    (``head_end`` ">\\n": an edge with no values closes itself)."""
    opening = head_end + "        <attvalues>\n"
    closing = "        </attvalues>\n" + ("      </edge>\n" if head_end else "")
    if has_values is None:
        return opening, closing
    bare = " />\n" if head_end else ""
    return ([opening if has else bare for has in has_values], [closing if has else "" for has in has_values])


def _labels(table: GraphColumns) -> list[str]:
    """Each node's ``label`` as attribute text: its label, or its id where it has none."""
    labels = table.node_columns.get(LABEL)
    if labels is not None and set(map(type, labels)) == {str}:
        return escape_attributes(cast(list[str], table.text(labels, "string")))
    labels = labels or [MISSING] * len(table.nodes)
    return [escape_attribute(str(scalar(node if label is MISSING else label)))
            for node, label in zip(table.nodes, labels, strict=True)]


def _colours(table: GraphColumns, colour_by: str) -> list[str]:
    """Each node's ``<viz:color>`` line."""
    missing = [MISSING] * len(table.nodes)
    kinds, types, communities = (table.node_columns.get(name, missing) for name in (KIND, TYPE, COMMUNITY))
    lines: dict[tuple[int, int, int], str] = {}
    out = []
    for kind, type_, community in zip(kinds, types, communities, strict=True):
        colour = _colour(kind, type_, community, colour_by)
        line = lines.get(colour)
        if line is None:
            r, g, b = colour
            line = lines[colour] = f'        <viz:color r="{r}" g="{g}" b="{b}" />\n'
        out.append(line)
    return out


def _positions(table: GraphColumns) -> list[str]:
    """Each node's ``<viz:position>`` line; "" for a node without a finite ``x`` and ``y``."""
    xs, ys = table.double_text("node", LAYOUT_X), table.double_text("node", LAYOUT_Y)
    if xs is not None and ys is not None:
        if "N" not in "".join(xs) + "".join(ys):  # every one finite (NaN and INF spell an N)
            return [f'        <viz:position x="{x}" y="{y}" z="0.0" />\n' for x, y in zip(xs, ys, strict=True)]
    missing = [MISSING] * len(table.nodes)
    lines = []
    for x, y in zip(table.node_columns.get(LAYOUT_X, missing), table.node_columns.get(LAYOUT_Y, missing), strict=True):
        x, y = finite_number(x), finite_number(y)
        lines.append("" if x is None or y is None
                     else f'        <viz:position x="{xml_float(x)}" y="{xml_float(y)}" z="0.0" />\n')
    return lines


def _sizes(table: GraphColumns, min_size: float, max_size: float) -> list[str]:
    """Each node's ``viz:size``: from ``min_size`` to ``max_size`` with the square root of its weighted degree."""
    values = table.node_columns.get(WEIGHTED_DEGREE, [MISSING] * len(table.nodes))
    if table.doubles("node", WEIGHTED_DEGREE) is not None:
        numbers = np.array(values, dtype=np.float64)
        strengths = np.where(np.isfinite(numbers) & (numbers > 0), numbers, 0.0)
    else:
        strengths = np.array([_weighted_degree(value) for value in values], dtype=np.float64)
    largest = float(strengths.max()) if len(strengths) else 0.0
    shares = np.sqrt(strengths / largest) if largest > 0 else np.zeros(len(strengths))
    return double_texts(min_size + (max_size - min_size) * shares)


def _weights(table: GraphColumns, start: int, stop: int) -> list[str]:
    """The GEXF ``weight`` of edges ``start:stop``: the double each has, 1.0 where it has none."""
    if table.edge_types.get(WEIGHT) == "double":
        texts = table.edge_text(WEIGHT, start, stop)
    else:
        texts = table.text(table.edge_columns.get(WEIGHT, [MISSING] * table.n_edges)[start:stop], "double")
    return cast(list[str], texts) if None not in texts else ["1.0" if text is None else text for text in texts]


def _kind_text(kind: Any) -> str:
    """An edge's ``kind`` as attribute text."""
    if type(kind) is not str:
        return escape_attribute(str(scalar(kind)))
    return escape_attribute(clean_text(kind))


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
