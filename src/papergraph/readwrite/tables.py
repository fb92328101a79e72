"""The knowledge graph as two flat tables, ``nodes.csv`` and ``edges.csv``.

One row per node (by id) and one row per edge (by source, target, kind), for pandas and
spreadsheets. Columns follow the graph schema of :mod:`papergraph.graph` in a fixed order,
whether or not any row has a value, then any other attributes alphabetically; tuples are
joined with ``"; "`` and text is cleaned of control characters and lone surrogates. Counts
are nullable integers, so a paper's empty ``n_papers`` stays empty instead of turning the
column into floats. Files are UTF-8 with ``\\n`` line endings, quoted where needed.

The files round-trip through ``pandas.read_csv`` with no options: every id is text no reader
takes for a number (``arxiv:2405.17430``, ``concept:lora``), and the ``arxiv_id`` column holds
arXiv's own citation form, ``arXiv:2405.17430`` (a bare ``2405.17430`` would be read as the
float 2405.1743, another paper). :func:`read_nodes` and :func:`read_edges` read them back as
:func:`nodes_frame` and :func:`edges_frame` hold them: schema dtypes, bare arXiv ids.
"""

from __future__ import annotations

import os
from collections import defaultdict
from typing import IO, Any

import networkx as nx
import pandas as pd

from papergraph.readwrite._values import attribute_types, scalar, sorted_edges, sorted_nodes, write_text

__all__ = [
    "NODE_COLUMNS", "EDGE_COLUMNS", "ARXIV_PREFIX",
    "nodes_frame", "edges_frame", "write_nodes_csv", "write_edges_csv", "read_nodes", "read_edges",
]

#: The leading columns of ``nodes.csv``, in order.
NODE_COLUMNS: tuple[str, ...] = (
    "id", "kind", "label",
    "type", "types", "aliases", "n_papers",
    "title", "abstract", "arxiv_id", "n_listings", "pages", "dates", "sources",
    "community", "community_label", "degree", "weighted_degree", "pagerank", "x", "y",
)  # fmt: skip

#: The leading columns of ``edges.csv``, in order.
EDGE_COLUMNS: tuple[str, ...] = ("source", "target", "kind", "weight", "count", "papers", "pages", "concepts")

#: What the ``arxiv_id`` column of ``nodes.csv`` puts before an arXiv id, so that it stays text.
ARXIV_PREFIX = "arXiv:"

_DTYPES = {"int": "Int64", "double": "Float64", "boolean": "boolean", "string": "str"}

# The schema's columns that are not text, with their dtypes, for the readers.
_NODE_DTYPES = {
    **dict.fromkeys(("n_papers", "n_listings", "community", "degree"), "Int64"),
    **dict.fromkeys(("weighted_degree", "pagerank", "x", "y"), "Float64"),
}
_EDGE_DTYPES = {"weight": "Float64", "count": "Float64"}


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
    return _frame(rows, NODE_COLUMNS, _NODE_DTYPES)


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
    return _frame(rows, EDGE_COLUMNS, _EDGE_DTYPES)


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
    frame = nodes_frame(G)
    arxiv_id = frame["arxiv_id"]
    frame["arxiv_id"] = arxiv_id.where(arxiv_id.isna() | (arxiv_id == ""), ARXIV_PREFIX + arxiv_id)
    write_text(path, _csv(frame))


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


def read_nodes(path: str | os.PathLike | IO) -> pd.DataFrame:
    """Read a ``nodes.csv`` back as :func:`nodes_frame` holds it.

    Counts are nullable integers, measures nullable floats, every other column text (an empty
    cell is missing, ``NaN``), and ``arxiv_id`` the bare id.

    Examples
    --------
    >>> import io
    >>> G = nx.MultiGraph()
    >>> G.add_node("arxiv:2405.17430", kind="paper", label="A paper", arxiv_id="2405.17430", n_listings=2)
    >>> buffer = io.StringIO()
    >>> write_nodes_csv(G, buffer)
    >>> pd.read_csv(io.StringIO(buffer.getvalue()))["arxiv_id"].tolist()
    ['arXiv:2405.17430']
    >>> read_nodes(io.StringIO(buffer.getvalue()))[["arxiv_id", "n_listings"]].to_dict("records")
    [{'arxiv_id': '2405.17430', 'n_listings': 2}]
    """
    frame = _read(path, _NODE_DTYPES)
    frame["arxiv_id"] = frame["arxiv_id"].str.removeprefix(ARXIV_PREFIX)
    return frame


def read_edges(path: str | os.PathLike | IO) -> pd.DataFrame:
    """Read an ``edges.csv`` back as :func:`edges_frame` holds it (see :func:`read_nodes`).

    Examples
    --------
    >>> import io
    >>> buffer = io.StringIO("source,target,kind,weight,count,papers,pages,concepts\\na,b,co_listed,0.5,1.0,a; b,p1,\\n")
    >>> edges = read_edges(buffer)
    >>> edges.loc[0, "source"], float(edges.loc[0, "weight"]), bool(edges["concepts"].isna().all())
    ('a', 0.5, True)
    """
    return _read(path, _EDGE_DTYPES)


def _read(path: str | os.PathLike | IO, dtypes: dict[str, str]) -> pd.DataFrame:
    dtype = defaultdict(lambda: "str", dtypes)
    return pd.read_csv(path, dtype=dtype, keep_default_na=False, na_values=[""])  # type: ignore[arg-type]


def _frame(rows: list[dict[str, Any]], leading: tuple[str, ...], schema: dict[str, str]) -> pd.DataFrame:
    rows = [{str(name): scalar(value) for name, value in row.items()} for row in rows]
    types = attribute_types(rows)
    columns = list(leading) + sorted(set(types) - set(leading))
    frame = pd.DataFrame(rows, columns=columns)
    for column in columns:
        # A schema column no row fills keeps the schema's dtype, so that the same table
        # has the same dtypes every time, and as read_nodes/read_edges give it back.
        dtype = _DTYPES[types[column]] if column in types else schema.get(column, "str")
        frame[column] = frame[column].astype(dtype)
    return frame


def _csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")
