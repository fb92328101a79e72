"""The knowledge graph as two flat tables, ``nodes.csv`` and ``edges.csv``.

One row per node (by id) and one row per edge (by source, target, kind), for pandas and
spreadsheets. Columns follow the graph schema of :mod:`papergraph.graph` in a fixed order,
whether or not any row has a value, then any other attributes alphabetically; tuples are
joined with ``"; "`` and text is cleaned of control characters and lone surrogates. Counts
are nullable integers, so a paper's empty ``n_papers`` stays empty instead of turning the
column into floats. Files are UTF-8 with ``\\n`` line endings, quoted where needed.
"""

from __future__ import annotations

import os
from typing import IO, Any

import networkx as nx
import pandas as pd

from papergraph.readwrite._values import attribute_types, scalar, sorted_edges, sorted_nodes, write_text

__all__ = ["NODE_COLUMNS", "EDGE_COLUMNS", "nodes_frame", "edges_frame", "write_nodes_csv", "write_edges_csv"]

#: The leading columns of ``nodes.csv``, in order.
NODE_COLUMNS: tuple[str, ...] = (
    "id", "kind", "label",
    "type", "types", "aliases", "n_papers",
    "title", "abstract", "arxiv_id", "n_listings", "pages", "dates", "sources",
    "community", "community_label", "degree", "weighted_degree", "pagerank", "x", "y",
)  # fmt: skip

#: The leading columns of ``edges.csv``, in order.
EDGE_COLUMNS: tuple[str, ...] = ("source", "target", "kind", "weight", "count", "papers", "pages", "concepts")

_DTYPES = {"int": "Int64", "double": "Float64", "boolean": "boolean", "string": "str"}


def nodes_frame(G: nx.Graph) -> pd.DataFrame:
    """One row per node of ``G``, sorted by id.

    Parameters
    ----------
    G : networkx.MultiGraph
        A papergraph graph (see :mod:`papergraph.graph`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`NODE_COLUMNS`, then other node attributes alphabetically.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_node("concept:bert", kind="concept", label="BERT", aliases=("bert", "BERT-base"), n_papers=3)
    >>> G.add_node("arxiv:1810.04805", kind="paper", label="BERT: Pre-training", n_listings=1)
    >>> frame = nodes_frame(G)
    >>> frame[["id", "aliases", "n_papers", "n_listings"]].to_string()
    '                 id          aliases  n_papers  n_listings\\n0  arxiv:1810.04805              NaN      <NA>           1\\n1      concept:bert  bert; BERT-base         3        <NA>'
    """
    rows = [{"id": str(node), **data} for node, data in sorted_nodes(G)]
    return _frame(rows, NODE_COLUMNS)


def edges_frame(G: nx.Graph) -> pd.DataFrame:
    """One row per edge of ``G``, sorted by source, target and kind.

    The source of a paper-concept edge is the paper; otherwise it is the smaller id.

    Parameters
    ----------
    G : networkx.MultiGraph
        A papergraph graph (see :mod:`papergraph.graph`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`EDGE_COLUMNS`, then other edge attributes alphabetically.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_edge("title:b", "title:a", key="co_listed", kind="co_listed", weight=1.0, pages=("p1", "p2"))
    'co_listed'
    >>> edges_frame(G)[["source", "target", "kind", "weight", "pages"]].to_dict("records")
    [{'source': 'title:a', 'target': 'title:b', 'kind': 'co_listed', 'weight': 1.0, 'pages': 'p1; p2'}]
    """
    rows = [{"source": str(u), "target": str(v), "kind": key, **data} for u, v, key, data in sorted_edges(G)]
    return _frame(rows, EDGE_COLUMNS)


def write_nodes_csv(G: nx.Graph, path: str | os.PathLike | IO) -> None:
    """Write :func:`nodes_frame` of ``G`` as CSV to ``path`` (atomically for a file name).

    Examples
    --------
    >>> import io
    >>> buffer = io.StringIO()
    >>> write_nodes_csv(nx.MultiGraph([("b", "a")]), buffer)
    >>> buffer.getvalue().splitlines()[1:]
    ['a,,,,,,,,,,,,,,,,,,,,', 'b,,,,,,,,,,,,,,,,,,,,']
    """
    write_text(path, _csv(nodes_frame(G)))


def write_edges_csv(G: nx.Graph, path: str | os.PathLike | IO) -> None:
    """Write :func:`edges_frame` of ``G`` as CSV to ``path`` (atomically for a file name).

    Examples
    --------
    >>> import io
    >>> buffer = io.StringIO()
    >>> write_edges_csv(nx.MultiGraph([("b", "a", {"kind": "co_listed", "weight": 0.5})]), buffer)
    >>> print(buffer.getvalue(), end="")
    source,target,kind,weight,count,papers,pages,concepts
    a,b,co_listed,0.5,,,,
    """
    write_text(path, _csv(edges_frame(G)))


def _frame(rows: list[dict[str, Any]], leading: tuple[str, ...]) -> pd.DataFrame:
    rows = [{str(name): scalar(value) for name, value in row.items()} for row in rows]
    types = attribute_types(rows)
    columns = list(leading) + sorted(set(types) - set(leading))
    frame = pd.DataFrame(rows, columns=columns)
    for column in columns:
        # A column no row fills stays text, so an empty table has the same dtypes every time.
        frame[column] = frame[column].astype(_DTYPES[types.get(column, "string")])
    return frame


def _csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")
