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

import csv
import io
import math
import os
from collections import defaultdict
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

import networkx as nx
import numpy as np

if TYPE_CHECKING:
    import pandas as pd

from papergraph.readwrite._columns import (
    EDGE_PAPERS_SHOWN,
    MISSING,
    FileStream,
    GraphColumns,
    columns_of,
    scatter,
)
from papergraph.readwrite._values import clean_text, column_types, interleave, scalar, write_chunks
from papergraph.schema import (
    ABSTRACT,
    ALIASES,
    ARXIV_ID,
    COMMUNITY,
    COMMUNITY_LABEL,
    CONCEPTS,
    COUNT,
    DATES,
    DEGREE,
    KIND,
    LABEL,
    LAYOUT_X,
    LAYOUT_Y,
    N_LISTINGS,
    N_PAPERS,
    PAGERANK,
    PAGES,
    PAPERS,
    SOURCES,
    TITLE,
    TYPE,
    TYPES,
    WEIGHT,
    WEIGHTED_DEGREE,
)

__all__ = [
    "NODE_COLUMNS", "EDGE_COLUMNS", "ARXIV_PREFIX",
    "nodes_frame", "edges_frame", "write_nodes_csv", "write_edges_csv", "stream_nodes_csv", "stream_edges_csv",
    "read_nodes", "read_edges",
]

#: The leading columns of ``nodes.csv``, in order.
NODE_COLUMNS: tuple[str, ...] = (
    "id", KIND, LABEL,
    TYPE, TYPES, ALIASES, N_PAPERS,
    TITLE, ABSTRACT, ARXIV_ID, N_LISTINGS, PAGES, DATES, SOURCES,
    COMMUNITY, COMMUNITY_LABEL, DEGREE, WEIGHTED_DEGREE, PAGERANK, LAYOUT_X, LAYOUT_Y,
)  # fmt: skip

#: The leading columns of ``edges.csv``, in order.
EDGE_COLUMNS: tuple[str, ...] = ("source", "target", KIND, WEIGHT, COUNT, PAPERS, PAGES, CONCEPTS)

#: What the ``arxiv_id`` column of ``nodes.csv`` puts before an arXiv id, so that it stays text.
ARXIV_PREFIX = "arXiv:"

# A float's XML text -> its CSV text, where they differ.
_CSV_NON_FINITE = {"NaN": "", "INF": "inf", "-INF": "-inf"}

#: How many rows go into one chunk of the CSV text.
_CHUNK = 2000

_DTYPES = {"int": "Int64", "double": "Float64", "boolean": "boolean", "string": "str"}

# The schema's columns that are not text, with their dtypes, for the readers.
_NODE_DTYPES = {
    **dict.fromkeys((N_PAPERS, N_LISTINGS, COMMUNITY, DEGREE), "Int64"),
    **dict.fromkeys((WEIGHTED_DEGREE, PAGERANK, LAYOUT_X, LAYOUT_Y), "Float64"),
}
_EDGE_DTYPES = {WEIGHT: "Float64", COUNT: "Float64"}


def nodes_frame(G: nx.Graph | GraphColumns) -> pd.DataFrame:
    """One row per node of ``G``, sorted by id.

    Parameters
    ----------
    G : networkx.MultiGraph or GraphColumns
        A papergraph graph (see :mod:`papergraph.graph`), or one laid out for the writers.

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
    >>> frame[["id", "aliases", "n_papers", "n_listings"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'id': 'arxiv:1810.04805', 'aliases': nan, 'n_papers': None, 'n_listings': 1},
     {'id': 'concept:bert', 'aliases': 'bert; BERT-base', 'n_papers': 3, 'n_listings': None}]
    """
    table = columns_of(G, max_papers=0)
    return _frame(table, _node_values(table), NODE_COLUMNS, _NODE_DTYPES)


def edges_frame(G: nx.Graph | GraphColumns) -> pd.DataFrame:
    """One row per edge of ``G``, sorted by source, target and kind.

    The source of a paper-concept edge is the paper; otherwise it is the smaller id. Every
    paper id behind an edge is listed, unless ``G`` was laid out with a ``max_papers``.

    Parameters
    ----------
    G : networkx.MultiGraph or GraphColumns
        A papergraph graph (see :mod:`papergraph.graph`), or one laid out for the writers.

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
    table = columns_of(G, max_papers=0)
    return _frame(table, _edge_values(table), EDGE_COLUMNS, _EDGE_DTYPES)


def write_nodes_csv(G: nx.Graph | GraphColumns, path: str | os.PathLike | IO) -> None:
    """Write :func:`nodes_frame` of ``G`` as CSV to ``path`` (atomically for a file name).

    Examples
    --------
    >>> import io
    >>> buffer = io.StringIO()
    >>> write_nodes_csv(nx.MultiGraph([("b", "a")]), buffer)
    >>> buffer.getvalue().splitlines()[1:]
    ['a,,,,,,,,,,,,,,,,,,,,', 'b,,,,,,,,,,,,,,,,,,,,']
    """
    write_chunks(path, stream_nodes_csv(columns_of(G)))


def write_edges_csv(G: nx.Graph | GraphColumns, path: str | os.PathLike | IO, *,
                    max_papers: int = EDGE_PAPERS_SHOWN) -> None:
    """Write :func:`edges_frame` of ``G`` as CSV to ``path`` (atomically for a file name).

    An edge lists at most ``max_papers`` paper ids (the exact number is its ``count``); 0
    lists them all. ``max_papers`` is ignored when ``G`` is already laid out.

    Examples
    --------
    >>> import io
    >>> buffer = io.StringIO()
    >>> write_edges_csv(nx.MultiGraph([("b", "a", {"kind": "co_listed", "weight": 0.5})]), buffer)
    >>> print(buffer.getvalue(), end="")
    source,target,kind,weight,count,papers,pages,concepts
    a,b,co_listed,0.5,,,,
    """
    write_chunks(path, stream_edges_csv(columns_of(G, max_papers=max_papers)))


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
    >>> import pandas as pd
    >>> pd.read_csv(io.StringIO(buffer.getvalue()))["arxiv_id"].tolist()
    ['arXiv:2405.17430']
    >>> read_nodes(io.StringIO(buffer.getvalue()))[["arxiv_id", "n_listings"]].to_dict("records")
    [{'arxiv_id': '2405.17430', 'n_listings': 2}]
    """
    frame = _read(path, _NODE_DTYPES)
    frame[ARXIV_ID] = frame[ARXIV_ID].str.removeprefix(ARXIV_PREFIX)
    return frame


def read_edges(path: str | os.PathLike | IO) -> pd.DataFrame:
    """Read an ``edges.csv`` back as :func:`edges_frame` holds it (see :func:`read_nodes`).

    Examples
    --------
    >>> import io
    >>> header = "source,target,kind,weight,count,papers,pages,concepts\\n"
    >>> buffer = io.StringIO(header + "a,b,co_listed,0.5,1.0,a; b,p1,\\n")
    >>> edges = read_edges(buffer)
    >>> edges.loc[0, "source"], float(edges.loc[0, "weight"]), bool(edges["concepts"].isna().all())
    ('a', 0.5, True)
    """
    return _read(path, _EDGE_DTYPES)


def _read(path: str | os.PathLike | IO, dtypes: dict[str, str]) -> pd.DataFrame:
    import pandas as pd  # here: writing the tables needs no pandas

    dtype = defaultdict(lambda: "str", dtypes)
    return pd.read_csv(path, dtype=dtype, keep_default_na=False, na_values=[""])


#: A column of a table: its values (MISSING where absent) and declared type.
_Column = tuple[list[Any], str]


def _node_values(table: GraphColumns) -> dict[str, _Column]:
    values = {name: (column, table.node_types[name]) for name, column in table.node_columns.items()}
    values["id"] = (_ids(table), "string")
    return values


def _edge_values(table: GraphColumns) -> dict[str, _Column]:
    values = {name: (column, table.edge_types[name]) for name, column in table.edge_columns.items()}
    kinds = table.edge_kinds()
    values[KIND] = (kinds, column_types({KIND: set(map(type, kinds))}).get(KIND, "string"))
    ids = np.array(_ids(table), dtype=object)
    values["source"] = (ids[table.source_positions].tolist(), "string")
    values["target"] = (ids[table.target_positions].tolist(), "string")
    return values


def _ids(table: GraphColumns) -> list[str]:
    return [clean_text(str(node)) for node in table.nodes]


def _frame(table: GraphColumns, values: dict[str, _Column], leading: tuple[str, ...],
           schema: dict[str, str]) -> pd.DataFrame:
    """The table of ``values``: the ``leading`` columns, then the others by name."""
    import pandas as pd

    columns = list(leading) + sorted(set(values) - set(leading))
    n_rows = len(next(iter(values.values()))[0]) if values else 0
    frame = {}
    for name in columns:
        if name not in values:
            # A schema column no row fills keeps the schema's dtype, so that the same table
            # has the same dtypes every time, and as read_nodes/read_edges give it back.
            frame[name] = pd.Series([None] * n_rows, dtype=object).astype(schema.get(name, "str"))
            continue
        column, type_ = values[name]
        cells: list[Any]
        if type_ == "string":
            cells = table.text(column, type_, papers=name == PAPERS)
        else:
            cells = [None if value is MISSING else scalar(value) for value in column]
        frame[name] = pd.Series(cells, dtype=object).astype(_DTYPES[type_])
    return pd.DataFrame(frame, columns=columns)


def stream_nodes_csv(table: GraphColumns) -> FileStream:
    """``nodes.csv`` of ``table`` as a stream (see :func:`write_streams`)."""
    header, rows = _csv_rows(table, _node_values(table), NODE_COLUMNS, "node")
    return FileStream(table, header, rows, "", None, "", _CHUNK)


def stream_edges_csv(table: GraphColumns) -> FileStream:
    """``edges.csv`` of ``table`` as a stream (see :func:`write_streams`)."""
    header, rows = _csv_rows(table, _edge_values(table), EDGE_COLUMNS, "edge")
    return FileStream(table, header, None, "", rows, "", _CHUNK)


def _csv_rows(table: GraphColumns, values: dict[str, _Column], leading: tuple[str, ...],
              scope: str) -> tuple[str, Callable[[int, int], str]]:
    """The header line of the CSV text of :func:`_frame` of the same values, as pandas writes it, and
    the text of rows ``start:stop``.

    The header is written with the standard library's csv writer, which is what
    ``DataFrame.to_csv`` uses; the rows are put together from text columns, each cell quoted
    as that writer quotes it.
    """
    columns = list(leading) + sorted(set(values) - set(leading))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(columns)

    def rows(start: int, stop: int) -> str:
        parts: list[str | list[str]] = []
        for name in columns:
            parts += [_quoted(_cells(table, scope, name, values.get(name), start, stop)), ","]
        parts[-1] = "\n"
        return interleave(stop - start, parts)

    return buffer.getvalue(), rows


def _quoted(cells: list[str]) -> list[str]:
    """The cells as the csv writer (``QUOTE_MINIMAL``) writes them: in quotes, quotes doubled, where
    they hold its delimiter, its quote or its line terminator. (No cell holds a CR: clean text has none.)"""
    joined = "".join(cells)
    # Substring tests are quick C scans; a character class in a regular expression is not.
    if "," not in joined and '"' not in joined and "\n" not in joined:
        return cells
    return ['"' + cell.replace('"', '""') + '"' if "," in cell or '"' in cell or "\n" in cell else cell
            for cell in cells]


def _cells(table: GraphColumns, scope: str, name: str, values: _Column | None, start: int, stop: int) -> list[str]:
    """The CSV cells of rows ``start:stop`` of one column ("" where missing)."""
    if values is None:
        return [""] * (stop - start)
    column, type_ = values
    if type_ == "double" and (cells := table.double_text(scope, name, start, stop)) is not None:
        # A float in every row, written as pandas writes a Float64: NaN blank, infinities as Python spells them.
        return cells if "N" not in "".join(cells) else [_CSV_NON_FINITE.get(cell, cell) for cell in cells]
    if type_ == "string":
        if column is (table.node_columns if scope == "node" else table.edge_columns).get(name):
            # The table's own column: its texts made once for all the files written together (see write_streams).
            positions, texts = table.present_text(scope, name, start, stop)
            cells = texts if positions is None else scatter(stop - start, positions, texts, "")
        else:
            cells = ["" if text is None else text for text in table.text(column[start:stop], type_)]
        return [ARXIV_PREFIX + cell if cell else "" for cell in cells] if name == ARXIV_ID else cells
    column = column[start:stop]
    if type_ == "double":
        return [_csv_float(value) for value in column]
    if type_ == "int":  # an int's text is the same in CSV as in XML
        return ["" if text is None else text for text in table.text(column, type_)]
    return ["" if value is MISSING else str(scalar(value)) for value in column]


def _csv_float(value: Any) -> str:
    """A float as pandas writes a ``Float64`` cell: shortest digits, blank for missing and NaN."""
    if value is MISSING:
        return ""
    number = float(scalar(value))
    return "" if math.isnan(number) else repr(number)


