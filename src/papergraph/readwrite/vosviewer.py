"""Write the concept map as a VOSviewer JSON file, for VOSviewer and VOSviewer Online.

VOSviewer shows term maps: its items are the concepts and its links their ``co_occurs``
edges, which is what its users expect. Papers, and the edges that touch them, stay out of
this file (they are in ``graph.graphml``, ``graph.gexf`` and the CSV tables).

Each item has an integer ``id`` (1, 2, ... in the order of the papergraph ids), ``label``,
``x``/``y`` from the layout, ``cluster`` (community + 1, since VOSviewer numbers clusters
1 to 1000), ``weights`` (``Links``, ``Total link strength``, ``Occurrences``: the papers
mentioning the concept), ``scores`` (``PageRank``; and, for dated corpora, ``Mean date`` and
``First seen`` as years with a fraction, e.g. 2025.42, for the overlay view) and an HTML
``description`` with the
papergraph id, type and aliases, every piece of text escaped. Each link has ``source_id``,
``target_id`` and ``strength``: the raw co-occurrence ``count`` (the weight when there is no
count), as VOSviewer expects; it normalises strengths itself when it lays out or clusters.
The ``clusters`` list names each cluster after its community label, and ``config.terminology`` speaks of concepts and
co-occurrence links. See https://app.vosviewer.com/docs/file-types/json-file-type/.

VOSviewer Online opens a file with three items or more; a smaller map is still written.
Communities past the 999th share cluster 1000, the largest number VOSviewer accepts.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

import networkx as nx
import numpy as np

from papergraph.dates import decimal_year, is_iso_date
from papergraph.readwrite._columns import MISSING, GraphColumns, columns_of, double_texts
from papergraph.readwrite._values import each_distinct, finite_number, interleave, join_values, scalar, write_chunks
from papergraph.schema import (
    ALIASES,
    CO_OCCURS,
    COMMUNITY,
    COMMUNITY_LABEL,
    CONCEPT,
    COUNT,
    FIRST_SEEN,
    KIND,
    LABEL,
    LAYOUT_X,
    LAYOUT_Y,
    MEAN_DATE,
    N_PAPERS,
    PAGERANK,
    TYPE,
    TYPES,
    WEIGHT,
)

__all__ = ["vosviewer_data", "generate_vosviewer", "write_vosviewer"]

_MAX_CLUSTER = 1000

# Records per piece of the file's text.
_CHUNK = 5000
_TERMINOLOGY = {
    "item": "Concept",
    "items": "Concepts",
    "link": "Co-occurrence link",
    "links": "Co-occurrence links",
    "link_strength": "Co-occurrence strength",
    "total_link_strength": "Total co-occurrence strength",
    "cluster": "Community",
    "clusters": "Communities",
}


def vosviewer_data(G: nx.Graph | GraphColumns) -> dict[str, Any]:
    """The VOSviewer JSON network of the concepts of ``G``, as a dict.

    Parameters
    ----------
    G : networkx.MultiGraph or GraphColumns
        A papergraph graph (see :mod:`papergraph.graph`), or one laid out for the writers.
        Items get ``x``/``y``, ``cluster`` and ``scores`` only when the graph has been analysed.

    Returns
    -------
    dict
        ``{"config": {...}, "network": {"items": [...], "links": [...], "clusters": [...]}}``,
        ready for :func:`json.dumps`; no value is NaN or infinite.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_node("concept:bert", kind="concept", label="BERT", type="model", types=("model",),
    ...            aliases=("bert",), n_papers=4, community=0, community_label="language", x=0.1, y=0.2)
    >>> G.add_node("concept:glue", kind="concept", label="GLUE", type="dataset", types=("dataset",),
    ...            aliases=(), n_papers=2, community=1, community_label="benchmarks", x=-0.3, y=0.0)
    >>> G.add_node("arxiv:1810.04805", kind="paper", label="BERT paper")
    >>> G.add_edge("concept:bert", "concept:glue", key="co_occurs", kind="co_occurs", weight=1.5)
    'co_occurs'
    >>> G.add_edge("arxiv:1810.04805", "concept:bert", key="mentions", kind="mentions", weight=3.0)
    'mentions'
    >>> network = vosviewer_data(G)["network"]
    >>> [(item["id"], item["label"], item["cluster"], item["weights"]) for item in network["items"]]
    ... # doctest: +NORMALIZE_WHITESPACE
    [(1, 'BERT', 1, {'Links': 1, 'Total link strength': 1.5, 'Occurrences': 4}),
     (2, 'GLUE', 2, {'Links': 1, 'Total link strength': 1.5, 'Occurrences': 2})]
    >>> network["links"]
    [{'source_id': 1, 'target_id': 2, 'strength': 1.5}]
    >>> network["clusters"]
    [{'cluster': 1, 'label': 'language'}, {'cluster': 2, 'label': 'benchmarks'}]
    """
    items, links, clusters = _network(columns_of(G, max_papers=0))
    strengths = links.strengths.tolist() if isinstance(links.strengths, np.ndarray) else links.strengths
    return _document(items, [{"source_id": u, "target_id": v, "strength": strength} for u, v, strength in zip(
        links.sources.tolist(), links.targets.tolist(), strengths, strict=True)], clusters)


def _document(items: list, links: list, clusters: list) -> dict[str, Any]:
    return {
        "config": {
            "terminology": dict(_TERMINOLOGY),
            "parameters": {"item_size": "Occurrences", "largest_component": False},
        },
        "network": {"items": items, "links": links, "clusters": clusters},
    }


@dataclass(frozen=True)
class _Links:
    """The links: the item numbers of their ends, and their strengths (ints or finite floats)."""

    sources: np.ndarray
    targets: np.ndarray
    strengths: list[int | float] | np.ndarray


def _network(table: GraphColumns) -> tuple[list[dict[str, Any]], _Links, list[dict[str, Any]]]:
    """The items, links and clusters of :func:`vosviewer_data`, the links as arrays (there may be a million)."""
    n_nodes = len(table.nodes)
    kinds = table.node_columns.get(KIND, [MISSING] * n_nodes)
    rows = [i for i, kind in enumerate(kinds) if kind == CONCEPT]
    # Item numbers 1, 2, ... of the concepts in node order; 0 for every other node.
    numbers = np.zeros(n_nodes, dtype=np.int64)
    numbers[rows] = np.arange(1, len(rows) + 1)
    links = _links(table, numbers)
    ends = np.column_stack([links.sources, links.targets]).reshape(-1)
    n_links = np.bincount(ends, minlength=len(rows) + 1).tolist()
    if isinstance(links.strengths, np.ndarray):
        # Summed end by end in the links' order, as a loop over them would.
        totals: list[int | float] = np.bincount(ends, weights=np.repeat(links.strengths, 2),
                                                minlength=len(rows) + 1).tolist()
    else:
        sums: dict[int, int | float] = {}
        for u, v, strength in zip(links.sources.tolist(), links.targets.tolist(), links.strengths, strict=True):
            sums[u] = sums.get(u, 0) + strength
            sums[v] = sums.get(v, 0) + strength
        totals = [sums.get(number, 0) for number in range(len(rows) + 1)]

    def column(name: str) -> list[Any]:
        values = table.node_columns.get(name)
        return [values[i] for i in rows] if values is not None else [MISSING] * len(rows)

    items = []
    cluster_labels: dict[int, str] = {}
    mean_dates, first_seen = (each_distinct(_decimal_year, column(name)) for name in (MEAN_DATE, FIRST_SEEN))
    for number, (node, label, type_, types, aliases, community, community_label, x, y, n_papers, pagerank, mean,
                 first) in enumerate(zip(
            [table.nodes[i] for i in rows], *map(column, (LABEL, TYPE, TYPES, ALIASES, COMMUNITY, COMMUNITY_LABEL,
                                                         LAYOUT_X, LAYOUT_Y, N_PAPERS, PAGERANK)),
            mean_dates, first_seen, strict=True), start=1):
        item: dict[str, Any] = {"id": number, "label": str(scalar(node if label is MISSING else label))}
        item["description"] = _description(node, type_, types, aliases, community_label)
        if x is not MISSING and y is not MISSING:
            item["x"] = _number(x)
            item["y"] = _number(y)
        cluster = _cluster(community)
        if cluster is not None:
            item["cluster"] = cluster
            cluster_labels.setdefault(cluster, str(scalar("" if community_label is MISSING else community_label)))
        item["weights"] = {
            "Links": n_links[number],
            # An item with no links sums nothing: 0.
            "Total link strength": _number(totals[number] if n_links[number] else 0, minimum=0.0),
            "Occurrences": _number(0 if n_papers is MISSING else n_papers, minimum=0.0),
        }
        scores = {"PageRank": _number(pagerank)} if pagerank is not MISSING else {}
        # Dates as years with a fraction, the scale of VOSviewer's overlay ("Avg. pub. year").
        for name, year in (("Mean date", mean), ("First seen", first)):
            if year is not None:
                scores[name] = year
        if scores:
            item["scores"] = scores
        items.append(item)
    clusters = [{"cluster": number, "label": label} for number, label in sorted(cluster_labels.items())]
    return items, links, clusters


def _links(table: GraphColumns, numbers: np.ndarray) -> _Links:
    """The ``co_occurs`` edges between two concepts; a strength is the ``count`` (the weight when there is
    none, 1.0 when neither), at least 0."""
    n_edges = table.n_edges
    co_occurs = np.array(each_distinct(lambda kind: kind == CO_OCCURS, table.edge_kinds()), dtype=bool)
    u, v = numbers[table.source_positions], numbers[table.target_positions]
    chosen = np.flatnonzero(co_occurs & (u > 0) & (v > 0))
    counts = table.edge_columns.get(COUNT)
    if counts is not None and table.doubles("edge", COUNT) is not None:  # a float count on every edge
        strengths = np.array(counts, dtype=np.float64)[chosen]
        if np.isfinite(strengths).all():
            return _Links(u[chosen], v[chosen], np.where(strengths < 0, 0.0, strengths))
    counts = counts or [MISSING] * n_edges
    weights = table.edge_columns.get(WEIGHT, [MISSING] * n_edges)
    strength_list = [_number(counts[i] if counts[i] is not MISSING else 1.0 if weights[i] is MISSING else weights[i],
                             minimum=0.0) for i in chosen.tolist()]
    return _Links(u[chosen], v[chosen], strength_list)


def generate_vosviewer(G: nx.Graph | GraphColumns) -> str:
    """The VOSviewer JSON file of ``G`` (see :func:`vosviewer_data`), as a string.

    UTF-8 text, one item, link or cluster per line, ending in a newline; byte-identical for
    the same graph. (Python's JSON encoder is many times slower when it indents.)

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_node("concept:x", kind="concept", label="<b>X</b>", type="method")
    >>> text = generate_vosviewer(G)
    >>> json.loads(text)["network"]["items"][0]["description"]
    '<div>concept:x</div><div>Type: method</div>'
    >>> text.endswith("}\\n")
    True
    """
    return "".join(_chunks(G))


def _chunks(G: nx.Graph | GraphColumns) -> Iterator[str]:
    """The text of :func:`generate_vosviewer` in pieces of a few thousand records, so that a
    writer never holds the whole file's text."""
    items, links, clusters = _network(columns_of(G, max_papers=0))
    data = _document(items, [], clusters)
    yield "\n".join(["{", f'"config": {_json(data["config"])},', '"network": {']) + "\n"
    yield from _records("items", items, _json_items)
    n_links = len(links.sources)
    strengths = (double_texts(links.strengths) if isinstance(links.strengths, np.ndarray)
                 else [_json(strength) for strength in links.strengths])
    yield '"links": [\n' if n_links else '"links": [],\n'
    for start in range(0, n_links, _CHUNK):
        stop = min(start + _CHUNK, n_links)
        yield ("" if start == 0 else ",\n") + interleave(stop - start, [
            '{"source_id": ', list(map(str, links.sources[start:stop].tolist())),
            ', "target_id": ', list(map(str, links.targets[start:stop].tolist())),
            ', "strength": ', strengths[start:stop], "},\n"])[:-2]
    if n_links:
        yield "\n],\n"
    yield from _records("clusters", clusters, lambda records: ",\n".join(map(_json, records)), last=True)
    yield "}\n}\n"


def _records(name: str, records: list[dict[str, Any]], text_of: Callable[[list[dict[str, Any]]], str],
             last: bool = False) -> Iterator[str]:
    """The ``name`` list of records, one a line, in pieces of a few thousand."""
    if not records:
        yield f'"{name}": []{"" if last else ","}\n'
        return
    yield f'"{name}": [\n'
    for start in range(0, len(records), _CHUNK):
        yield ("" if start == 0 else ",\n") + text_of(records[start:start + _CHUNK])
    yield "\n]\n" if last else "\n],\n"


def _json_items(items: list[dict[str, Any]]) -> str:
    """The items as JSON, one a line: encoded as one list, then split where one item ends and the next
    begins. ``}, {"id": `` is found nowhere else: a quote inside a JSON string is escaped, and an
    item's inner objects are values of named keys."""
    return _json(items)[1:-1].replace('}, {"id": ', '},\n{"id": ')


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def write_vosviewer(G: nx.Graph | GraphColumns, path: str | os.PathLike | IO) -> None:
    """Write the VOSviewer JSON file of ``G`` to ``path`` (atomically for a file name).

    Open it at https://app.vosviewer.com (Open, then the file) or in VOSviewer
    (File, Open, VOSviewer JSON file).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "vosviewer.json"
    >>> write_vosviewer(nx.MultiGraph(), path)
    >>> json.loads(path.read_text())["network"]
    {'items': [], 'links': [], 'clusters': []}
    """
    write_chunks(path, _chunks(G))


def _description(node: Any, type_: Any, types: Any, aliases: Any, community_label: Any) -> str:
    # VOSviewer Online renders descriptions as HTML: every piece of text is escaped.
    lines = [html.escape(str(scalar(node)))]
    text = join_values(() if types is MISSING else types) or str(scalar("" if type_ is MISSING else type_))
    if text:
        lines.append("Type: " + html.escape(text))
    also = join_values(() if aliases is MISSING else aliases)
    if also:
        lines.append("Also: " + html.escape(also))
    if community_label is not MISSING and community_label:
        lines.append("Community: " + html.escape(str(scalar(community_label))))
    return "".join(f"<div>{line}</div>" for line in lines)


def _cluster(community: Any) -> int | None:
    number = scalar(None if community is MISSING else community)
    if isinstance(number, bool) or not isinstance(number, int):
        return None
    return min(max(number, 0) + 1, _MAX_CLUSTER)


def _decimal_year(date: Any) -> float | None:
    return decimal_year(date) if isinstance(date, str) and is_iso_date(date) else None


def _number(value: Any, *, minimum: float | None = None) -> int | float:
    number = finite_number(value)
    if number is None:
        number = 0
    if minimum is not None and number < minimum:
        number = minimum
    return number
