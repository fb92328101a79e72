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
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

import networkx as nx

from papergraph.dates import decimal_year, is_iso_date
from papergraph.readwrite._columns import MISSING, GraphColumns, columns_of
from papergraph.readwrite._values import finite_number, join_values, scalar, write_chunks
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
    table = columns_of(G, max_papers=0)
    kinds = table.node_columns.get(KIND, [MISSING] * len(table.nodes))
    concepts = [(node, _record(table.node_columns, i)) for i, node in enumerate(table.nodes) if kinds[i] == CONCEPT]
    ids = {node: number for number, (node, _) in enumerate(concepts, start=1)}
    n_edges = len(table.sources)
    edge_kinds = table.edge_columns.get(KIND, [MISSING] * n_edges)
    counts = table.edge_columns.get(COUNT, [MISSING] * n_edges)
    weights = table.edge_columns.get(WEIGHT, [MISSING] * n_edges)
    links: list[dict[str, Any]] = []
    # One zip over the columns, not an index per value: the graph may have millions of edges.
    for u, v, key, kind, count, weight in zip(table.sources, table.targets, table.keys, edge_kinds, counts, weights,
                                              strict=True):
        if (key if kind is MISSING else kind) == CO_OCCURS and u in ids and v in ids:
            strength = count if count is not MISSING else 1.0 if weight is MISSING else weight
            links.append({"source_id": ids[u], "target_id": ids[v], "strength": _number(strength, minimum=0.0)})
    n_links: Counter[int] = Counter()
    total_strength: Counter[int] = Counter()
    for link in links:
        for end in ("source_id", "target_id"):
            n_links[link[end]] += 1
            total_strength[link[end]] += link["strength"]

    items = []
    cluster_labels: dict[int, str] = {}
    for node, data in concepts:
        number = ids[node]
        item: dict[str, Any] = {"id": number, "label": str(scalar(data.get(LABEL, node)))}
        item["description"] = _description(node, data)
        if LAYOUT_X in data and LAYOUT_Y in data:
            item["x"] = _number(data[LAYOUT_X])
            item["y"] = _number(data[LAYOUT_Y])
        cluster = _cluster(data)
        if cluster is not None:
            item["cluster"] = cluster
            cluster_labels.setdefault(cluster, str(scalar(data.get(COMMUNITY_LABEL, ""))))
        item["weights"] = {
            "Links": n_links[number],
            "Total link strength": _number(total_strength[number], minimum=0.0),
            "Occurrences": _number(data.get(N_PAPERS, 0), minimum=0.0),
        }
        scores = {"PageRank": _number(data[PAGERANK])} if PAGERANK in data else {}
        # Dates as years with a fraction, the scale of VOSviewer's overlay ("Avg. pub. year").
        for name, attribute in (("Mean date", MEAN_DATE), ("First seen", FIRST_SEEN)):
            date = data.get(attribute)
            if isinstance(date, str) and is_iso_date(date):
                scores[name] = decimal_year(date)
        if scores:
            item["scores"] = scores
        items.append(item)

    clusters = [{"cluster": number, "label": label} for number, label in sorted(cluster_labels.items())]
    return {
        "config": {
            "terminology": dict(_TERMINOLOGY),
            "parameters": {"item_size": "Occurrences", "largest_component": False},
        },
        "network": {"items": items, "links": links, "clusters": clusters},
    }


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
    data = vosviewer_data(G)
    network = data["network"]
    yield "\n".join(["{", f'"config": {_json(data["config"])},', '"network": {']) + "\n"
    for name, last in (("items", False), ("links", False), ("clusters", True)):
        records = network[name]
        if not records:
            yield f'"{name}": []{"" if last else ","}\n'
            continue
        yield f'"{name}": [\n'
        for start in range(0, len(records), _CHUNK):
            yield ("" if start == 0 else ",\n") + ",\n".join(map(_json, records[start:start + _CHUNK]))
        yield "\n]\n" if last else "\n],\n"
    yield "}\n}\n"


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


def _record(columns: dict[str, list[Any]], i: int) -> dict[str, Any]:
    """The attributes of element ``i`` of the columns, as a dict."""
    return {name: values[i] for name, values in columns.items() if values[i] is not MISSING}


def _description(node: Any, data: dict[str, Any]) -> str:
    # VOSviewer Online renders descriptions as HTML: every piece of text is escaped.
    lines = [html.escape(str(scalar(node)))]
    types = join_values(data.get(TYPES, ())) or str(scalar(data.get(TYPE, "")))
    if types:
        lines.append("Type: " + html.escape(types))
    aliases = join_values(data.get(ALIASES, ()))
    if aliases:
        lines.append("Also: " + html.escape(aliases))
    if data.get(COMMUNITY_LABEL):
        lines.append("Community: " + html.escape(str(scalar(data[COMMUNITY_LABEL]))))
    return "".join(f"<div>{line}</div>" for line in lines)


def _cluster(data: dict[str, Any]) -> int | None:
    community = scalar(data.get(COMMUNITY))
    if isinstance(community, bool) or not isinstance(community, int):
        return None
    return min(max(community, 0) + 1, _MAX_CLUSTER)


def _number(value: Any, *, minimum: float | None = None) -> int | float:
    number = finite_number(value)
    if number is None:
        number = 0
    if minimum is not None and number < minimum:
        number = minimum
    return number
