"""The graph laid out once for every writer: sorted nodes and edges, attributes as columns.

Every export lists nodes by id and edges by (source, target, kind), declares each attribute
once with its type, and turns values into text the same way. :class:`GraphColumns` does the
walking, sorting and typing once per graph (``KnowledgeGraph.write`` shares one between all
the files it writes), and :meth:`GraphColumns.text` turns a slice of a column into text with
one fast pass per column of a single type, instead of a Python call per value: the writers
then stream chunks of a few thousand elements, so no file's text is ever held whole.

Multi-valued attributes may hold thousands of paper ids on one edge: exports list at most
``max_papers`` of them (the lowest ids; ``count`` stays exact), 0 listing them all. A columnar
graph's lists (its edges' papers, what two papers share) are a :class:`ListColumn`: made a chunk at
a time as the writers go, never all at once.
"""

from __future__ import annotations

import contextlib
import itertools
import operator
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import networkx as nx
import numpy as np
from tqdm import tqdm

from papergraph.errors import OptionError
from papergraph.gc_pause import cyclic_gc_paused
from papergraph.readwrite._atomic import atomic_open
from papergraph.readwrite._values import clean_texts, column_types, join_values, xml_float, xml_value
from papergraph.schema import COUNT, EDGE_PAPERS_SHOWN, KIND, LIST_SEPARATOR, PAPER, PAPERS, WEIGHT

if TYPE_CHECKING:
    from papergraph.graph import GraphData

__all__ = ["MISSING", "EDGE_PAPERS_SHOWN", "FileStream", "GraphColumns", "ListColumn", "any_present", "columns_of",
           "double_texts", "reporting", "scatter", "write_streams"]


class _Missing:
    """The value of an attribute an element does not have."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


#: Stands in a column for an attribute the element does not have.
MISSING: Any = _Missing()

_FLOAT_REPR = float.__repr__

_BOOLEAN_TEXT = {True: "true", False: "false"}

# Values a ListColumn makes at once when iterated.
_LIST_SLICE = 10_000


class ListColumn:
    """A column of tuples made only when asked for, a slice at a time, from the edge blocks'
    :class:`papergraph.graph.EdgeLists` (:data:`MISSING` for a block without: another kind's ``pages``).

    ``parts`` are (number of edges, lists or None) per block, in the order the edges were given;
    ``order`` the edges in column order (positions among them); each tuple is cut to ``limit``
    names (0: none cut). Slicing, :meth:`take` and iterating give lists of tuples.
    """

    def __init__(self, parts: list[tuple[int, Any]], order: np.ndarray | None = None, limit: int = 0):
        self.parts = parts
        self.offsets = np.cumsum([0, *(n for n, _ in parts)])
        self.order = np.arange(self.offsets[-1]) if order is None else order
        self.limit = limit

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, key: slice) -> list[Any]:
        chosen = range(len(self))[key]
        return self.take(np.arange(chosen.start, chosen.stop, chosen.step, dtype=np.int64))

    def __iter__(self) -> Iterator[Any]:
        for start in range(0, len(self), _LIST_SLICE):
            yield from self.take(np.arange(start, min(start + _LIST_SLICE, len(self))))

    def kinds(self) -> set[type]:
        """The Python types of the values, as ``set(map(type, column))`` would find them."""
        return {tuple if lists is not None else _Missing for n, lists in self.parts if n}

    def take(self, positions: np.ndarray) -> list[Any]:
        """The values at ``positions``."""
        index = self.order[positions]
        block = np.searchsorted(self.offsets, index, side="right") - 1
        out = np.full(len(index), MISSING, dtype=object)
        for b in np.unique(block).tolist():
            lists = self.parts[b][1]
            if lists is not None:
                chosen = block == b
                out[chosen] = _objects(lists.take(index[chosen] - self.offsets[b], self.limit))
        return out.tolist()

    def present(self) -> np.ndarray | None:
        """The positions of the values that are not :data:`MISSING` (None when none is)."""
        if _Missing not in self.kinds():
            return None
        listed = np.array([lists is not None for _, lists in self.parts] + [False])
        return np.flatnonzero(listed[np.searchsorted(self.offsets, self.order, side="right") - 1])

    def ordered(self, order: np.ndarray) -> ListColumn:
        """The column with its values in ``order`` (positions in this one)."""
        return ListColumn(self.parts, self.order[order], self.limit)

    def capped(self, limit: int) -> ListColumn:
        """The column with each tuple cut to ``limit`` names."""
        return ListColumn(self.parts, self.order, limit)


class GraphColumns:
    """A graph's nodes sorted by id and its edges in writing order, attributes as columns.

    Parameters
    ----------
    G : networkx.Graph
        A papergraph graph (see :mod:`papergraph.graph`); any networkx graph works.
    max_papers : int
        List at most this many ids of an edge's ``papers`` (0: all of them).

    Attributes
    ----------
    nodes : list
        Node ids, sorted by their text.
    node_columns, edge_columns : dict
        Attribute name -> one value per node (edge), :data:`MISSING` where absent.
    node_types, edge_types : dict
        Attribute name -> ``boolean``, ``int``, ``double`` or ``string``, by name
        (see :func:`papergraph.readwrite._values.attribute_types`).
    sources, targets, keys : list
        Edge ends and keys in writing order: by source, target and key, where the source is
        the paper of a paper-concept edge and the smaller id otherwise (made when asked for).
    source_positions, target_positions : numpy.ndarray
        The positions in ``nodes`` of the edge ends, in writing order: a writer indexes an
        array of its node texts with them instead of looking each end up.
    n_edges : int
        The number of edges.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_node("concept:bert", kind="concept", label="BERT")
    >>> G.add_node("title:ab12", kind="paper", label="A")
    >>> G.add_edge("concept:bert", "title:ab12", key="mentions", kind="mentions", weight=0.5)
    'mentions'
    >>> table = GraphColumns(G)
    >>> table.sources, table.targets, table.edge_types
    (['title:ab12'], ['concept:bert'], {'kind': 'string', 'weight': 'double'})
    >>> table.text(table.edge_columns["weight"], "double")
    ['0.5']
    """

    def __init__(self, G: nx.Graph, *, max_papers: int = 0, progress: bool = False):
        names = {node: str(node) for node in G}
        nodes = sorted(G, key=names.__getitem__)
        rank = {node: i for i, node in enumerate(nodes)}

        def edges() -> _Edges:
            ends, keys, data = _edges(G, rank)
            key_rank = {name: i for i, name in enumerate(sorted({str(key) for key in keys}))}
            k = np.fromiter((key_rank[str(key)] for key in keys), dtype=np.int64, count=len(keys))
            return ends, _objects(keys), k, {name: _objects(values) for name, values in _columns(data).items()}

        self._lay_out(dict(G.graph), G.is_directed(), G.is_multigraph(), nodes, [G.nodes[node] for node in nodes],
                      edges, max_papers, progress)

    @classmethod
    def of_data(cls, data: GraphData, *, max_papers: int = 0, progress: bool = False) -> GraphColumns:
        """The columns of a columnar graph (:func:`papergraph.graph.build_data`): the same as those of
        ``data.to_networkx()``, made from its arrays without a Python object per edge.

        Examples
        --------
        >>> from papergraph.graph import build_data
        >>> from papergraph.types import Concept, Extraction, Listing, Mention, Paper
        >>> papers = [Paper("title:1", "T1", "", (Listing("a.txt", "a.txt", 1, "T1", ""),))]
        >>> data = build_data(papers, Extraction((Concept("concept:x", "X", ("method",)),),
        ...                                      (Mention("title:1", "concept:x", 1),)))
        >>> table = GraphColumns.of_data(data)
        >>> table.sources, table.targets, table.edge_columns["papers"][:]
        (['title:1'], ['concept:x'], [('title:1',)])
        """
        table = cls.__new__(cls)

        def edges() -> _Edges:
            blocks = [b for b in data.edges if len(b)]  # an attribute no edge has is no column
            lengths = [len(b) for b in blocks]
            ends = np.column_stack([np.concatenate([b.u for b in blocks] or [np.zeros(0, dtype=np.int64)]),
                                    np.concatenate([b.v for b in blocks] or [np.zeros(0, dtype=np.int64)])])
            kinds = [b.kind for b in blocks]
            key_rank = {kind: i for i, kind in enumerate(sorted(kinds))}
            k = np.repeat(np.array([key_rank[kind] for kind in kinds], dtype=np.int64), lengths)
            keys = np.repeat(_objects(kinds), lengths)
            if not blocks:
                return ends.astype(np.int64), keys, k, {}
            columns: dict[str, np.ndarray | ListColumn] = {
                KIND: keys, WEIGHT: np.concatenate([b.weight for b in blocks]),
                COUNT: np.concatenate([b.count for b in blocks]),
                PAPERS: ListColumn([(len(b), b.papers) for b in blocks])}
            for name in sorted({b.shared for b in blocks if b.shared is not None}):
                columns[name] = ListColumn([(len(b), b.members if b.shared == name else None) for b in blocks])
            return ends.astype(np.int64), keys, k, columns

        with cyclic_gc_paused():  # millions of values in lists, and no reference cycles
            table._lay_out(dict(data.attributes), False, True, data.nodes, data.node_data, edges, max_papers,
                           progress)
        return table

    def _lay_out(self, graph_data: dict, directed: bool, multigraph: bool, nodes: list, node_data: list[dict],
                 edges: Callable[[], _Edges], max_papers: int, progress: bool) -> None:
        """Sort and type the columns. ``nodes`` are sorted by their text; ``edges()`` gives every edge once: the
        positions of its ends (an n x 2 array), its key, the key's rank among the keys' texts, and the attribute
        columns (one value per edge, :data:`MISSING` where absent)."""
        if max_papers < 0:
            raise OptionError(f"max_papers must be >= 0, not {max_papers!r}")
        self.max_papers = max_papers
        self._bar: tqdm | None = None
        self._doubles: dict[tuple[str, str], tuple[np.ndarray, np.ndarray] | None] = {}
        self._papers: list[Any] | None = None
        self._present: dict[tuple[str, str], np.ndarray | None] = {}
        self._slices: dict[tuple[str, str], tuple[tuple[int, int | None], tuple[np.ndarray | None, list[str]]]] = {}
        steps = tqdm(total=3, desc="lay out for export", unit="step", disable=not progress)
        self.graph_data = graph_data
        self.directed = directed
        self.multigraph = multigraph
        self.nodes = nodes
        self.node_columns = _columns(node_data)
        self.node_types = _types(self.node_columns)
        steps.update()

        is_paper = np.fromiter((d.get(KIND) == PAPER for d in node_data), dtype=bool, count=len(node_data))
        ends, keys, k, data = edges()
        u, v = ends[:, 0], ends[:, 1]
        if not self.directed:
            swap = (is_paper[v] & ~is_paper[u]) | ((is_paper[u] == is_paper[v]) & (v < u))
            u, v = np.where(swap, v, u), np.where(swap, u, v)
        order = np.lexsort((k, v, u))
        steps.update()
        # Fancy indexing of arrays (of objects where need be) orders a million values in C.
        self.source_positions, self.target_positions = u[order], v[order]
        self.n_edges = len(order)
        self._keys = keys, order  # put in order when asked for: the writers need none of a million keys
        self.edge_columns = {name: _ordered(data[name], order) for name in sorted(data)}
        self.edge_types = _types(self.edge_columns)
        steps.update()
        steps.close()

    @property
    def sources(self) -> list[Any]:
        return _objects(self.nodes)[self.source_positions].tolist()

    @property
    def targets(self) -> list[Any]:
        return _objects(self.nodes)[self.target_positions].tolist()

    @property
    def keys(self) -> list[Any]:
        keys, order = self._keys
        return keys[order].tolist()

    def chunks(self, total: int, size: int) -> Iterator[tuple[int, int]]:
        """``(start, stop)`` of consecutive slices of ``range(total)``, ``size`` long but the last.

        Writers go through their rows with it, so that :func:`reporting` can show how far they are.
        """
        for start in range(0, total, size):
            stop = min(start + size, total)
            yield start, stop
            if self._bar is not None:
                self._bar.update(stop - start)

    def text(self, values: Sequence[Any], type_: str, *, papers: bool = False) -> list[str | None]:
        """The values as the text a file holds (``None`` where :data:`MISSING`), unescaped.

        ``type_`` is the declared type of the attribute; ``papers`` caps the ids listed at
        ``max_papers``. The same as :func:`papergraph.readwrite._values.xml_value` of each
        value, in one pass per column whose values share one Python type.
        """
        if isinstance(values, ListColumn):  # a whole column (a DataFrame's): made now
            values = values[:]
        kinds = set(map(type, values))
        missing = _Missing in kinds
        kinds.discard(_Missing)
        if not kinds:
            return [None] * len(values)
        convert = _converter(kinds.pop(), type_, self.max_papers if papers else 0) if len(kinds) == 1 else None
        if convert is None:
            limit = self.max_papers if papers else 0
            return [None if value is MISSING else xml_value(_capped(value, limit), type_) for value in values]
        if not missing:
            return convert(values)
        positions = _present(values)
        return scatter(len(values), positions, convert([values[i] for i in positions.tolist()]), None)

    def node_text(self, name: str, start: int = 0, stop: int | None = None) -> list[str | None]:
        """:meth:`text` of node attribute ``name`` for nodes ``start:stop``."""
        return self._scattered(*self.present_text("node", name, start, stop), start, stop, len(self.nodes))

    def edge_text(self, name: str, start: int = 0, stop: int | None = None) -> list[str | None]:
        """:meth:`text` of edge attribute ``name`` for edges ``start:stop`` (``papers`` capped)."""
        return self._scattered(*self.present_text("edge", name, start, stop), start, stop, self.n_edges)

    def present_text(self, scope: str, name: str, start: int = 0,
                     stop: int | None = None) -> tuple[np.ndarray | None, list[str]]:
        """The texts of the elements ``start:stop`` (``scope`` "node" or "edge") that have attribute
        ``name``, and their positions in the slice (None when all of them have it).

        A writer makes the lines of those elements only: most edges lack most attributes but one
        kind's (``pages``, ``concepts``, ``artifacts``).
        """
        texts = self.double_text(scope, name, start, stop)
        if texts is not None:
            return None, texts
        key = (scope, name)
        # Made once for all the files written together (each asks for the same slice in turn, see
        # write_streams): an edge list's above all. Only the last slice's texts are kept.
        made = self._slices.get(key)
        if made is None or made[0] != (start, stop):
            columns = self.node_columns if scope == "node" else self.edge_columns
            column = self._capped_papers() if scope == "edge" and name == PAPERS else columns[name]
            made = self._slices[key] = (start, stop), self._present_text(key, column, start, stop)
        return made[1]

    def _present_text(self, key: tuple[str, str], column: Any, start: int,
                      stop: int | None) -> tuple[np.ndarray | None, list[str]]:
        """:meth:`present_text` of ``column``, attribute ``key`` (scope, name)."""
        scope, name = key
        types = self.node_types if scope == "node" else self.edge_types
        if key not in self._present:  # where the column has a value, found once for every writer
            if isinstance(column, ListColumn):
                self._present[key] = column.present()
            else:
                self._present[key] = _present(column) if _Missing in set(map(type, column)) else None
        everywhere = self._present[key]
        if everywhere is None:
            return None, cast(list[str], self.text(column[start:stop], types[name]))
        rows = range(len(column))[start:stop]
        low, high = np.searchsorted(everywhere, [rows.start, rows.stop])
        positions = everywhere[low:high]
        values = column.take(positions) if isinstance(column, ListColumn) else [column[i] for i in positions.tolist()]
        return positions - rows.start, cast(list[str], self.text(values, types[name]))

    def _capped_papers(self) -> list[Any]:
        """The ``papers`` column, each tuple cut to ``max_papers`` ids, once for every writer."""
        if not self.max_papers:
            return self.edge_columns[PAPERS]
        if isinstance(self.edge_columns[PAPERS], ListColumn):  # cut as each slice is made
            return cast(list[Any], cast(ListColumn, self.edge_columns[PAPERS]).capped(self.max_papers))
        if self._papers is None:
            limit, papers = self.max_papers, self.edge_columns[PAPERS]
            # A slice of a tuple no longer than the limit is that tuple: no copy.
            self._papers = ([value[:limit] for value in papers] if set(map(type, papers)) == {tuple}
                            else [_capped(value, limit) for value in papers])
        return self._papers

    @staticmethod
    def _scattered(positions: np.ndarray | None, texts: list[str], start: int, stop: int | None,
                   total: int) -> list[str | None]:
        if positions is None:
            return cast(list[str | None], texts)
        return scatter(len(range(total)[start:stop]), positions, texts, None)

    def edge_kinds(self) -> list[Any]:
        """Each edge's kind: its ``kind`` attribute, or its key where it has none."""
        kinds = self.edge_columns.get(KIND)
        if kinds is not None and MISSING not in kinds:
            return kinds
        return [key if kind is MISSING else kind
                for key, kind in zip(self.keys, kinds or [MISSING] * self.n_edges, strict=True)]

    def doubles(self, scope: str, name: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The texts of a column of floats (``scope`` "node" or "edge"), when every element has a float:
        its distinct values' :func:`xml_float` texts (an array) and, per element, the position of its
        text among them; None for any other column, or none of that name.

        A float's shortest digits take a while to find, and the weights and counts of a million edges
        take a few thousand values: each is spelt once, for every writer.
        """
        key = (scope, name)
        if key not in self._doubles:
            columns, types = (self.node_columns, self.node_types) if scope == "node" else (self.edge_columns,
                                                                                          self.edge_types)
            values = columns.get(name, [])
            floats = types.get(name) == "double" and set(map(type, values)) == {float}
            self._doubles[key] = _distinct_doubles(values) if floats else None
        return self._doubles[key]

    def double_text(self, scope: str, name: str, start: int = 0, stop: int | None = None) -> list[str] | None:
        """The texts of elements ``start:stop`` of a column of floats (see :meth:`doubles`); None for another."""
        spelt = self.doubles(scope, name)
        return None if spelt is None else spelt[0][spelt[1][start:stop]].tolist()


_Slices = Callable[[int, int], str]


@dataclass
class FileStream:
    """A file streamed from a :class:`GraphColumns`: its ``head``, the text of each slice of its nodes
    (``nodes(start, stop)``: consecutive slices, any length; None for a file that lists no nodes), a
    ``middle``, the text of each slice of its edges (``edges``, likewise), its ``tail``. The writer's own
    pace is ``chunk`` elements a slice.

    Files are written together by :func:`write_streams`, a slice of each in turn, so that what their
    slices share is made once for all of them: an edge's lists above all (its papers, what two papers
    share), and any column's texts (:meth:`GraphColumns.present_text` keeps the last slice's).
    """

    table: GraphColumns
    head: str
    nodes: _Slices | None
    middle: str
    edges: _Slices | None
    tail: str
    chunk: int

    def __iter__(self) -> Iterator[str]:
        """The whole text, in chunks: the file written alone."""
        yield self.head
        if self.nodes is not None:
            for start, stop in self.table.chunks(len(self.table.nodes), self.chunk):
                yield self.nodes(start, stop)
        if self.middle:
            yield self.middle
        if self.edges is not None:
            for start, stop in self.table.chunks(self.table.n_edges, self.chunk):
                yield self.edges(start, stop)
        if self.tail:
            yield self.tail


def write_streams(files: Sequence[tuple[str | os.PathLike, FileStream]]) -> None:
    """Write the files of ``files`` (path, stream; streams of one table) together, each atomically: their
    heads, then each slice of nodes in every file that lists nodes in turn (the slices of the one with
    the smallest ``chunk``), their middles, the slices of edges likewise, their tails. The bytes are
    those each stream writes alone.

    An ``OSError`` names the path of the file it came from (its ``filename``).
    """
    if not files:
        return
    table = files[0][1].table
    with cyclic_gc_paused(), contextlib.ExitStack() as stack:  # no reference cycles, millions of values
        handles = []
        for path, _ in files:
            with _naming(path):
                handles.append((path, stack.enter_context(atomic_open(path, "w"))))
        pairs = [(path, handle, stream) for (path, handle), (_, stream) in zip(handles, files, strict=True)]

        def write(path: str | os.PathLike, handle: Any, text: str) -> None:
            with _naming(path):
                handle.write(text)

        def lockstep(total: int, part: Callable[[FileStream], _Slices | None]) -> None:
            chosen = [(path, handle, part(stream)) for path, handle, stream in pairs if part(stream) is not None]
            if chosen:
                for start, stop in table.chunks(total, min(stream.chunk for *_, stream in pairs)):
                    for path, handle, slices in chosen:
                        write(path, handle, cast(_Slices, slices)(start, stop))

        for path, handle, stream in pairs:
            write(path, handle, stream.head)
        lockstep(len(table.nodes), operator.attrgetter("nodes"))
        for path, handle, stream in pairs:
            write(path, handle, stream.middle)
        lockstep(table.n_edges, operator.attrgetter("edges"))
        for path, handle, stream in pairs:
            write(path, handle, stream.tail)


@contextlib.contextmanager
def _naming(path: str | os.PathLike) -> Iterator[None]:
    """Give an ``OSError`` raised in the block ``path`` as its ``filename``."""
    try:
        yield
    except OSError as error:
        error.filename = os.fspath(path)
        raise


def _ordered(column: Any, order: np.ndarray) -> list[Any]:
    """An edge column in ``order``: a list, or a :class:`ListColumn`, which stands in for one (sliced,
    its values are made)."""
    return cast(list[Any], column.ordered(order)) if isinstance(column, ListColumn) else column[order].tolist()


def _present(values: Sequence[Any]) -> np.ndarray:
    """The positions of the values that are not :data:`MISSING`."""
    return np.flatnonzero(np.fromiter(map(operator.is_not, values, itertools.repeat(MISSING)), dtype=bool,
                                      count=len(values)))


def scatter(n: int, positions: np.ndarray, texts: list[str], fill: Any) -> list[Any]:
    """``n`` texts: ``texts`` at ``positions``, ``fill`` elsewhere.

    >>> scatter(4, np.array([1, 3]), ["a", "b"], "")
    ['', 'a', '', 'b']
    """
    out = np.full(n, fill, dtype=object)
    out[positions] = _objects(texts)
    return out.tolist()


def any_present(sparse: list[np.ndarray], n_columns: int, n: int) -> list[bool] | None:
    """Whether each of ``n`` elements has a value in any of ``n_columns`` columns, of which ``sparse``
    are the positions of the elements that have a value in those that some elements lack; None when
    all of them have one.

    >>> any_present([np.array([0]), np.array([2])], 2, 3), any_present([], 1, 3)
    ([True, False, True], None)
    """
    if len(sparse) < n_columns:  # a column every element has
        return None
    present = np.zeros(n, dtype=bool)
    for positions in sparse:
        present[positions] = True
    return present.tolist()


def double_texts(numbers: np.ndarray) -> list[str]:
    """:func:`xml_float` of each number of an array of floats, each distinct value spelt once.

    >>> double_texts(np.array([0.5, 2.0, 0.5, float("inf")]))
    ['0.5', '2.0', '0.5', 'INF']
    """
    texts, which = _distinct_doubles(numbers)
    return texts[which].tolist()


def _distinct_doubles(values: Sequence[float] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """See :meth:`GraphColumns.doubles`."""
    # By their bits, so that -0.0 and 0.0 (equal numbers, two texts) stay apart.
    distinct, which = np.unique(np.asarray(values, dtype=np.float64).view(np.int64), return_inverse=True)
    return _objects(_xml_floats(distinct.view(np.float64).tolist())), which.reshape(-1)


def _converter(kind: type, type_: str, limit: int):
    """A quick ``values -> texts`` for values all of Python type ``kind``, declared ``type_``; or None."""
    if kind is float and type_ == "double":
        return _xml_floats
    if kind is str and type_ == "string":
        return clean_texts
    if kind is tuple and type_ == "string":
        return lambda values: _joined([value[:limit] for value in values] if limit else values)
    if kind is int and type_ == "int":
        return lambda values: list(map(int.__repr__, values))
    if kind is bool and type_ == "boolean":
        return lambda values: list(map(_BOOLEAN_TEXT.__getitem__, values))
    return None


def _xml_floats(values: Sequence[float]) -> list[str]:
    """:func:`xml_float` of each float: ``repr`` of each, then the few that are not finite (the only
    reprs with an ``n``: ``nan``, ``inf``) spelt as XML wants."""
    texts = list(map(_FLOAT_REPR, values))
    if "n" in "".join(texts):
        return [text if "n" not in text else xml_float(value) for text, value in zip(texts, values, strict=True)]
    return texts


def _joined(values: Sequence[tuple]) -> list[str]:
    """:func:`join_values` of each tuple, with one C call per tuple of text (every paper id list)."""
    try:
        texts = list(map(LIST_SEPARATOR.join, values))
    except TypeError:  # an item that is no text
        return list(map(join_values, values))
    return clean_texts(texts)


def _capped(value: Any, limit: int) -> Any:
    return value[:limit] if limit and isinstance(value, tuple) else value


def columns_of(G: nx.Graph | GraphColumns, *, max_papers: int = EDGE_PAPERS_SHOWN) -> GraphColumns:
    """``G`` laid out for the writers, or ``G`` itself when it already is.

    A prepared :class:`GraphColumns` keeps the ``max_papers`` it was made with.
    """
    if isinstance(G, GraphColumns):
        return G
    return GraphColumns(G, max_papers=max_papers)


@contextlib.contextmanager
def reporting(table: GraphColumns | None, description: str, progress: bool) -> Iterator[None]:
    """Show a progress bar of the rows written from ``table`` while the block runs (if ``progress``)."""
    if table is None or not progress:
        yield
        return
    with tqdm(desc=description, unit=" rows", unit_scale=True) as bar:
        table._bar = bar
        try:
            yield
        finally:
            table._bar = None


def _edges(G: nx.Graph, rank: dict[Any, int]) -> tuple[np.ndarray, list[Any], list[dict]]:
    """Every edge of ``G`` once: the ranks of its ends (an n x 2 array), its key (None for a
    graph that is not a multigraph) and its data, read from the adjacency directly, which is
    several times quicker than networkx's edge views for a million edges."""
    ends: list[int] = []
    keys: list[Any] = []
    data: list[dict] = []
    done: set[Any] = set()
    directed, multigraph = G.is_directed(), G.is_multigraph()
    for u, neighbours in G.adjacency():
        i = rank[u]
        for v, entry in neighbours.items():
            if v in done and not directed:
                continue  # an undirected edge is listed at both ends: keep it at the first
            j = rank[v]
            if multigraph:
                for key, attributes in entry.items():
                    ends += (i, j)
                    keys.append(key)
                    data.append(attributes)
            else:
                ends += (i, j)
                keys.append(None)
                data.append(entry)
        done.add(u)
    return np.array(ends, dtype=np.int64).reshape(-1, 2), keys, data


#: An edge table: ends (positions, n x 2), keys, the keys' ranks, attribute columns.
_Edges = tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]


def _objects(values: Sequence[Any]) -> np.ndarray:
    """The values as a one-dimensional array of objects (tuples stay whole)."""
    return np.fromiter(values, dtype=object, count=len(values))


def _columns(records: list[dict]) -> dict[str, list[Any]]:
    """Attribute name -> its value in each record (:data:`MISSING` where absent), names sorted."""
    # Records come in a few shapes (a paper's attributes, a concept's): the values of all the records
    # of one shape are read with one C call each and turned into columns by one transpose.
    shapes: dict[tuple, list[int]] = {}
    for i, record in enumerate(records):
        shapes.setdefault(tuple(record), []).append(i)
    names = sorted({str(name) for shape in shapes for name in shape})
    columns = {name: np.full(len(records), MISSING, dtype=object) for name in names}
    for shape, rows in shapes.items():
        if not shape:
            continue
        get = operator.itemgetter(*shape)
        values = [get(records[i]) for i in rows] if len(shape) > 1 else [(records[i][shape[0]],) for i in rows]
        for name, column in zip(shape, zip(*values, strict=True), strict=True):
            columns[str(name)][rows] = _objects(column)
    return {name: column.tolist() for name, column in columns.items()}


def _types(columns: dict[str, list[Any]]) -> dict[str, str]:
    """:func:`papergraph.readwrite._values.attribute_types` of the columns."""
    kinds = {}
    for name, values in columns.items():
        kinds[name] = (values.kinds() if isinstance(values, ListColumn) else set(map(type, values))) - {_Missing}
    return column_types(kinds)
