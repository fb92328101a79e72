"""Stage 4: build the weighted knowledge graph from papers and their concepts.

GRAPH SCHEMA (shared by builder, analysis, explorer and every exporter)
-----------------------------------------------------------------------
networkx.MultiGraph, undirected; parallel edges keyed by their kind (key == kind).
Node ids: papers "arxiv:<id>" or "title:<hash>"; concepts "concept:<slug>".
Graph attributes: name="papergraph", plus int counts of what thresholds dropped:
    dropped_co_listed, dropped_shares_concepts, dropped_concepts (below min frequency),
    dropped_co_occurs (below min_co_occurrences or outside the concept_top_k),
    dropped_common_concepts (concepts so common that shares_concepts leaves them out:
    on large corpora the commonest are skipped until the candidate pairs fit a budget).
Every node:   kind ("paper" | "concept" | "artifact"), label (str)
Paper nodes:  title, abstract, arxiv_id (str, "" if none), n_listings (int),
              pages (tuple[str]), dates (tuple[str]), sources (tuple[str])
Concept nodes: type (primary type str), types (tuple[str]), aliases (tuple[str]),
              n_papers (int)
Artifact nodes (see papergraph.artifacts): label (canonical form, "github.com/owner/repo"),
              type ("code" | "model" | "dataset" | "page"), url (http(s) str), n_papers (int)
After analyse_graph: community (int, 0 = largest), community_label (str),
              degree (int), weighted_degree (float), pagerank (float), x (float), y (float)
Every edge:   kind (one of EDGE_KINDS), weight (float in [0, 1], see WEIGHTS below), count
              (float: the raw figure behind the weight), papers (tuple[str]: ids of the
              papers behind the tie)
  mentions (paper -> concept; u is the paper): count = occurrences in title+abstract
  co_occurs (concept - concept): count = papers mentioning both (full counting: summed
              products of their occurrences)
  co_listed (paper - paper): pages (tuple[str]) shared; count = number of shared pages
  shares_concepts (paper - paper): concepts (tuple[str] concept ids shared); count = their number
  releases (paper -> artifact; u is the paper): count = links to the artifact in title+abstract
  shares_artifacts (paper - paper): artifacts (tuple[str] artifact ids shared); count = their number

WEIGHTS: every kind's weight is a cosine similarity, 0 to 1, of the two ends' profiles
(Salton's cosine, the usual normalisation of co-occurrence, co-citation and coupling counts),
so that one threshold, one layout or one slider acts on every kind alike:
  mentions: the concept's share of the paper's concept vector, occurrences / L2 norm of the
      paper's occurrences (1 = the paper's only concept);
  co_occurs: co-occurrences / sqrt(product of each concept's own total), 1 = always together;
  co_listed: shared pages / sqrt(product of each paper's pages) (fractional counting weighs a
      page of n papers 1/(n-1) on both sides), 1 = listed on exactly the same pages;
  shares_concepts: cosine of the idf-weighted concept vectors, 1 = the same concepts;
  releases: as mentions, over the paper's artifact links;
  shares_artifacts: shared artifacts / sqrt(product of each paper's artifacts), 1 = the same.
Association strength (VOSviewer's) is count * papers / (n_papers_u * n_papers_v), from the
raw attributes; exporters of raw strengths (VOSviewer) use ``count``.
In memory, multi-valued attributes are tuples; exporters join them into strings.

Nodes are inserted sorted by id; edges kind by kind (in ``EDGE_KINDS`` order), each kind
sorted by its (u, v) ids, so the same input gives the same graph, byte for byte once written.
Weights are rounded to 6 decimals.

Pairwise edges are computed with sparse matrix products, a tile (a band of rows by a run of
columns) at a time, and only the strongest ``paper_top_k`` ties of each paper survive, so nothing
quadratic is ever held.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
from scipy import sparse
from tqdm import tqdm

if TYPE_CHECKING:
    import pandas as pd

from papergraph.artifacts import Artifacts, extract_artifacts
from papergraph.dates import day_of, mean_of_ordinals
from papergraph.engine import Workers
from papergraph.gc_pause import cyclic_gc_paused
from papergraph.options import BuildOptions
from papergraph.schema import (  # defined once there, re-exported here where the schema is described
    ABSTRACT,
    ALIASES,
    ARTIFACT,
    ARTIFACTS,
    ARXIV_ID,
    CO_LISTED,
    CO_OCCURS,
    CONCEPT,
    CONCEPTS,
    COUNT,
    DATES,
    DROPPED,
    FIRST_SEEN,
    KIND,
    LABEL,
    LIST_SEPARATOR,
    MEAN_DATE,
    MENTIONS,
    MULTI_VALUED,
    N_LISTINGS,
    N_PAPERS,
    PAGES,
    PAPER,
    PAPERS,
    PUBLISHED,
    RELEASES,
    ROUND,
    SHARES_ARTIFACTS,
    SHARES_CONCEPTS,
    SOURCES,
    TITLE,
    TYPE,
    TYPES,
    URL,
    WEIGHT,
    split_values,
)
from papergraph.types import EDGE_KINDS, Extraction, Paper

__all__ = [
    "BuildOptions", "build_graph", "build_data", "GraphData", "EdgeBlock", "EdgeLists", "ROUND",
    "MENTIONS", "CO_OCCURS", "CO_LISTED", "SHARES_CONCEPTS", "RELEASES", "SHARES_ARTIFACTS",
    "PAPER", "CONCEPT", "ARTIFACT",
    "KIND", "LABEL", "WEIGHT", "COUNT", "PAPERS", "MULTI_VALUED",
    "flat_graph", "tuple_graph", "graph_from_tables", "frame_records",
]


# Entries of a tile of a pairwise product, and stored entries of each slice it multiplies: bounds
# the memory of pairwise edges, on a worker or here (about 120 bytes per product entry at the peak).
_TILE_ENTRIES = 1_000_000
# Candidate paper pairs (both directions) shares_concepts may consider: bounds its time.
_PAIR_BUDGET = 25_000_000
# Tiles of a product made at once on this machine (see _in_threads).
_THREADS = 2
# Edges whose lists EdgeLists makes at once when iterated: bounds what is held.
_LISTS_AT_ONCE = 10_000


class EdgeLists:
    """Each edge's tuple of names (the papers behind it, or what its two papers share), made only
    when asked for, a few thousand edges at a time: no process ever holds every edge's list (a
    ``co_occurs`` edge may list thousands of papers), and the exports stream them.

    Edge k lists ``names[first[k]]``, then ``names[second[k]]`` if given: the paper of a ``mentions``
    or ``releases`` edge, the two papers of a paper-paper edge. With a ``matrix`` (CSR, indices
    sorted) it lists the names of the columns both its rows ``first[k]`` and ``second[k]`` hold, in
    column order: the papers behind a ``co_occurs`` edge (rows are concepts), or the pages, concepts
    or artifacts two papers share. ``names`` is an array of objects (strings).

    Examples
    --------
    >>> from scipy import sparse
    >>> M = sparse.csr_matrix(np.array([[1, 1, 0], [0, 1, 1], [1, 1, 1]]))
    >>> names = np.array(["p", "q", "r"], dtype=object)
    >>> shared = EdgeLists(names, np.array([0, 0]), np.array([1, 2]), M)
    >>> list(shared), shared.take(np.array([1]), limit=1), shared.counts().tolist()
    ([('q',), ('p', 'q')], [('p',)], [1.0, 2.0])
    >>> EdgeLists(names, np.array([2, 0]), np.array([1, 1])).take(np.array([0, 1]))
    [('r', 'q'), ('p', 'q')]
    """

    def __init__(self, names: np.ndarray, first: np.ndarray, second: np.ndarray | None = None,
                 matrix: sparse.csr_matrix | None = None):
        self.names = names
        self.first = first
        self.second = second
        self.matrix = matrix
        self._keys: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.first)

    def __iter__(self):
        for positions in self._slices():
            yield from self.take(positions)

    def _slices(self) -> Iterator[np.ndarray]:
        """The edges' positions, :data:`_LISTS_AT_ONCE` at a time."""
        for start in range(0, len(self), _LISTS_AT_ONCE):
            yield np.arange(start, min(start + _LISTS_AT_ONCE, len(self)))

    def take(self, positions: np.ndarray, limit: int = 0) -> list[tuple[str, ...]]:
        """The lists of the edges at ``positions``, each cut to its first ``limit`` names (0: all)."""
        first = self.first[positions]
        if self.matrix is None:
            ends = [first] if self.second is None else [first, self.second[positions]]
            return list(zip(*(self.names[end].tolist() for end in ends[:limit or None]), strict=True))
        pair, columns = self._common(first, positions, limit)
        counts = np.bincount(pair, minlength=len(first))
        if limit:
            starts = np.cumsum(counts) - counts
            kept = np.arange(len(pair)) - starts[pair] < limit
            pair, columns = pair[kept], columns[kept]
            counts = np.minimum(counts, limit)
        labels = self.names[columns].tolist()
        stops = np.cumsum(counts).tolist()
        return [tuple(labels[start:stop]) for start, stop in zip([0, *stops][:len(stops)], stops, strict=True)]

    def counts(self) -> np.ndarray:
        """How many names each edge lists (floats), without making the lists."""
        if self.matrix is None:
            return np.full(len(self), 1.0 if self.second is None else 2.0)
        found = [np.bincount(self._common(self.first[positions], positions)[0], minlength=len(positions))
                 for positions in self._slices()]
        return np.concatenate([np.zeros(0, dtype=np.int64), *found]).astype(np.float64)

    def _common(self, first: np.ndarray, positions: np.ndarray, limit: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """The columns both rows of each pair hold, as (pair, column) sorted by pair then column: the
        shorter row of a pair is walked, and each of its columns looked up in the other row by one
        search of the matrix's sorted (row, column) keys, so a long row is never walked.

        With a ``limit``, a pair may stop once it has found that many (it may find more): the shorter
        row is walked in its column order, a few times ``limit`` columns at first, then further only for
        the pairs still short of ``limit``, so two frequent concepts' thousands of papers are not all
        looked up to list the first ten."""
        M = self.matrix
        assert M is not None and self.second is not None
        width = max(M.shape[1], 1)
        if self._keys is None:  # made on first use, kept for the next slices
            self._keys = np.repeat(np.arange(M.shape[0], dtype=np.int64), np.diff(M.indptr)) * width + M.indices
        second = self.second[positions]
        lengths = np.diff(M.indptr)
        swap = lengths[first] > lengths[second]
        short, other = np.where(swap, second, first), np.where(swap, first, second)
        if not limit:
            return self._held(np.arange(len(first)), M.indptr[short], lengths[short], other, width)
        pairs, columns = [], []
        active = np.arange(len(first))
        done, wanted = np.zeros(len(first), dtype=np.int64), np.full(len(first), limit, dtype=np.int64)
        window = 4 * limit
        while len(active):
            walked = np.minimum(lengths[short[active]] - done[active], window)
            pair, column = self._held(active, M.indptr[short[active]] + done[active], walked, other[active], width)
            pairs.append(pair)
            columns.append(column)
            done[active] += walked
            wanted[active] -= np.bincount(pair, minlength=len(first))[active]
            active = active[(wanted[active] > 0) & (done[active] < lengths[short[active]])]
            window *= 4
        pair, column = np.concatenate(pairs), np.concatenate(columns)
        order = np.argsort(pair, kind="stable")  # each pair's columns were found in column order
        return pair[order], column[order]

    def _held(self, pair: np.ndarray, start: np.ndarray, walked: np.ndarray, other: np.ndarray,
              width: int) -> tuple[np.ndarray, np.ndarray]:
        """(pair, column) of the columns at ``start`` (``walked`` of them) of the matrix's indices that row
        ``other`` holds too, one entry per pair given."""
        M = self.matrix
        assert M is not None and self._keys is not None
        ends = np.cumsum(walked)
        at = np.repeat(start - ends + walked, walked) + np.arange(int(ends[-1]) if len(ends) else 0)
        pairs = np.repeat(pair, walked)
        columns = M.indices[at].astype(np.int64)
        wanted = np.repeat(other, walked) * width + columns
        found = np.minimum(np.searchsorted(self._keys, wanted), max(len(self._keys) - 1, 0))
        held = self._keys[found] == wanted if len(self._keys) else np.zeros(len(wanted), dtype=bool)
        return pairs[held], columns[held]


@dataclass(eq=False)
class EdgeBlock:
    """The edges of one kind, as columns, sorted by their ends (u, v).

    ``u`` and ``v`` are positions in :attr:`GraphData.nodes`, ``u`` the paper of a paper-concept
    or paper-artifact edge and the smaller position otherwise. ``shared`` names the attribute
    listing what two papers share (``pages``, ``concepts``, ``artifacts``), held in ``members``.
    ``papers`` and ``members`` are :class:`EdgeLists`: made only when asked for.
    """

    kind: str
    u: np.ndarray
    v: np.ndarray
    weight: np.ndarray
    count: np.ndarray
    papers: EdgeLists
    shared: str | None = None
    members: EdgeLists | None = None

    def __len__(self) -> int:
        return len(self.u)

    def records(self, chosen: np.ndarray | None = None) -> list[dict]:
        """The attributes of each edge (of the ``chosen`` positions, if given), as the networkx graph holds them."""
        columns: list[tuple[str, np.ndarray | EdgeLists]] = [(WEIGHT, self.weight), (COUNT, self.count),
                                                             (PAPERS, self.papers)]
        if self.shared is not None and self.members is not None:
            columns.append((self.shared, self.members))
        if chosen is None:
            chosen = np.arange(len(self))
        names = [KIND] + [name for name, _ in columns]
        values = [[self.kind] * len(chosen)] + [
            values[chosen].tolist() if isinstance(values, np.ndarray) else values.take(chosen)
            for _, values in columns
        ]
        return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


@dataclass(eq=False)
class GraphData:
    """The knowledge graph as columns: what :func:`build_graph` makes, without a Python object per edge.

    ``nodes`` are the node ids, sorted; ``node_data`` their attributes (one dict each, in that
    order; analysis adds to them); ``edges`` one :class:`EdgeBlock` per kind, in ``EDGE_KINDS``
    order; ``attributes`` the graph's own (``name`` and the ``dropped_*`` counts). Writers stream
    from it (:class:`papergraph.readwrite.GraphColumns`) and analysis works on its arrays;
    :meth:`to_networkx` makes the networkx graph for whoever asks for one.
    """

    attributes: dict
    nodes: list[str]
    node_data: list[dict]
    edges: list[EdgeBlock]

    def number_of_edges(self) -> int:
        return sum(map(len, self.edges))

    def to_networkx(self) -> nx.MultiGraph:
        """The graph as :func:`build_graph` returns it (schema in the module docstring)."""
        return self.subgraph(None)

    def subgraph(self, nodes: Collection[str] | None) -> nx.MultiGraph:
        """The networkx graph of ``nodes`` (all if None) and the edges between them."""
        chosen = np.ones(len(self.nodes), dtype=bool)
        if nodes is not None:
            chosen = np.isin(np.array(self.nodes, dtype=object), np.array(list(nodes), dtype=object))
        return self.masked(chosen)

    def masked(self, chosen: np.ndarray) -> nx.MultiGraph:
        """The networkx graph of the nodes ``chosen`` (a mask over :attr:`nodes`) and the edges between them."""
        G = nx.MultiGraph()
        G.graph.update(self.attributes)
        G.add_nodes_from((self.nodes[i], self.node_data[i]) for i in np.flatnonzero(chosen).tolist())
        ids = self.nodes
        for block in self.edges:
            between = np.flatnonzero(chosen[block.u] & chosen[block.v])
            G.add_edges_from((ids[u], ids[v], block.kind, data) for u, v, data in
                             zip(block.u[between].tolist(), block.v[between].tolist(), block.records(between),
                                 strict=True))
        return G


def build_graph(
    papers: Sequence[Paper],
    extraction: Extraction,
    options: BuildOptions = BuildOptions(),
    *,
    progress: bool = False,
    workers: Workers | None = None,
) -> nx.MultiGraph:
    """Build the knowledge graph of papers and concepts (schema in the module docstring).

    Parameters
    ----------
    papers : the distinct papers, as :func:`papergraph.resolve.resolve_papers` gives them.
    extraction : the concepts and mentions found in them; mentions of papers not in
        ``papers`` are ignored.
    options : thresholds and counting choices.
    progress : show a progress bar on standard error.
    workers : where to compute the tiles of the pairwise products, each sent only the slices
        it multiplies and keeping its rows' strongest ties (:class:`papergraph.engine.Workers`);
        None computes them here. The tiles are merged here, so the graph is the same.

    Returns
    -------
    networkx.MultiGraph
        With ``G.graph["dropped_*"]`` counting what the thresholds left out. It is
        ``build_data(...).to_networkx()``: :func:`build_data` gives the same graph as columns.

    Examples
    --------
    >>> from papergraph.types import Concept, Extraction, Listing, Mention, Paper
    >>> page = [Listing("a.txt", "a.txt", i, f"T{i}", "") for i in (1, 2)]
    >>> papers = [Paper("title:1", "T1", "", (page[0],)), Paper("title:2", "T2", "", (page[1],))]
    >>> lora = Concept("concept:lora", "LoRA", ("method",))
    >>> ex = Extraction((lora,), (Mention("title:1", "concept:lora", 2),))
    >>> G = build_graph(papers, ex)
    >>> [kind for _, _, kind in G.edges(keys=True)]
    ['mentions', 'co_listed']
    >>> tie = G.edges["title:1", "concept:lora", "mentions"]
    >>> tie["weight"], tie["count"]
    (1.0, 2.0)
    """
    return build_data(papers, extraction, options, progress=progress, workers=workers).to_networkx()


def build_data(
    papers: Sequence[Paper],
    extraction: Extraction,
    options: BuildOptions = BuildOptions(),
    *,
    progress: bool = False,
    workers: Workers | None = None,
) -> GraphData:
    """The graph :func:`build_graph` makes, as columns (:class:`GraphData`); same parameters."""
    with cyclic_gc_paused():
        return _build(papers, extraction, options, progress, workers)


def _build(papers, extraction, options, progress, workers) -> GraphData:
    papers = sorted({p.id: p for p in papers}.values(), key=lambda p: p.id)
    paper_ids = [p.id for p in papers]
    paper_names = _names(paper_ids)
    paper_index = {pid: i for i, pid in enumerate(paper_ids)}
    mentions = [m for m in extraction.mentions if m.paper_id in paper_index and m.count > 0]

    papers_of: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        papers_of[m.concept_id].add(m.paper_id)
    concepts = sorted(
        (c for c in extraction.concepts if len(papers_of.get(c.id, ())) >= max(options.min_concept_papers, 1)),
        key=lambda c: c.id,
    )
    concept_ids = [c.id for c in concepts]
    concept_index = {cid: j for j, cid in enumerate(concept_ids)}
    mentions = [m for m in mentions if m.concept_id in concept_index]
    counts = sparse.csr_matrix(
        (
            np.array([m.count for m in mentions], dtype=np.float64),
            (
                np.array([paper_index[m.paper_id] for m in mentions], dtype=np.int64),
                np.array([concept_index[m.concept_id] for m in mentions], dtype=np.int64),
            ),
        ),
        shape=(len(papers), len(concepts)),
    )
    counts.sum_duplicates()
    mentioned = counts.tocoo()  # each (paper, concept) once

    counted = (CONCEPTS, MENTIONS, CO_OCCURS, CO_LISTED, SHARES_CONCEPTS, "common_concepts", RELEASES, SHARES_ARTIFACTS)
    attributes: dict = {"name": "papergraph", **dict.fromkeys((DROPPED + name for name in counted), 0)}
    attributes[DROPPED + CONCEPTS] = len(extraction.concepts) - len(concepts)
    first_seen = [p.first_seen for p in papers]
    nodes = [(p.id, _paper_attributes(p, seen)) for p, seen in zip(papers, first_seen, strict=True)]
    pages = [data[PAGES] for _, data in nodes]  # in paper order, before the nodes are sorted
    dates = _PaperDates(first_seen)
    nodes += [
        (c.id, {KIND: CONCEPT, LABEL: c.name, TYPE: c.type, TYPES: tuple(c.types),
                ALIASES: tuple(c.aliases), N_PAPERS: len(papers_of[c.id]), **seen})
        for c, seen in zip(concepts, dates.of(mentioned.row, mentioned.col, len(concepts)), strict=True)
    ]
    linked = RELEASES in options.kinds or SHARES_ARTIFACTS in options.kinds
    found = extract_artifacts(papers) if linked else Artifacts((), ())
    if RELEASES in options.kinds:
        artifact_index = {a.id: k for k, a in enumerate(found.artifacts)}
        released = np.array([artifact_index[r.artifact_id] for r in found.releases], dtype=np.int64)
        releasers = np.bincount(released, minlength=len(found.artifacts)).tolist()
        seen_of = dates.of(np.array([paper_index[r.paper_id] for r in found.releases], dtype=np.int64),
                           released, len(found.artifacts))
        nodes += [(a.id, {KIND: ARTIFACT, LABEL: a.label, TYPE: a.type, URL: a.url, N_PAPERS: n, **seen})
                  for a, n, seen in zip(found.artifacts, releasers, seen_of, strict=True)]
    nodes.sort(key=lambda node: node[0])
    node_ids = [node for node, _ in nodes]
    position = {node: i for i, node in enumerate(node_ids)}
    # Where each paper and concept sits among all the nodes (both lists are sorted, as the nodes are).
    at = _Positions(np.array([position[pid] for pid in paper_ids], dtype=np.int64),
                    np.array([position[cid] for cid in concept_ids], dtype=np.int64), position)

    X = counts.copy()
    if options.concept_counting == "binary":
        X.data[:] = 1.0

    dropped: dict[str, int] = {}
    builders: dict[str, Callable[[], EdgeBlock]] = {
        MENTIONS: lambda: _mention_edges(dropped, mentioned, paper_names, at, options),
        CO_OCCURS: lambda: _co_occurs_edges(dropped, X, paper_names, at, options, workers),
        CO_LISTED: lambda: _shared_member_edges(dropped, paper_names, at, pages, CO_LISTED, PAGES,
                                                options, workers,
                                                fractional=options.listing_counting == "fractional"),
        SHARES_CONCEPTS: lambda: _shares_concepts_edges(dropped, X, paper_names, concept_ids, at, options, workers),
        RELEASES: lambda: _release_edges(dropped, found, paper_names, at, options),
        SHARES_ARTIFACTS: lambda: _shared_member_edges(dropped, paper_names, at, _artifacts_of(paper_ids, found),
                                                       SHARES_ARTIFACTS, ARTIFACTS, options, workers),
    }
    kinds = [kind for kind in EDGE_KINDS if kind in options.kinds]
    blocks = [builders[kind]() for kind in tqdm(kinds, desc="build graph", unit="kind", disable=not progress)]
    attributes.update((DROPPED + name, n) for name, n in dropped.items())
    return GraphData(attributes, node_ids, [data for _, data in nodes], blocks)


@dataclass(frozen=True)
class _Positions:
    """Positions among the sorted nodes: of each paper (in paper order), each concept, any node by id."""

    papers: np.ndarray
    concepts: np.ndarray
    of: dict[str, int]


def _paper_attributes(paper: Paper, first_seen: str | None) -> dict:
    attributes = {
        KIND: PAPER,
        LABEL: paper.title,
        TITLE: paper.title,
        ABSTRACT: paper.abstract,
        ARXIV_ID: paper.arxiv_id or "",
        N_LISTINGS: len(paper.listings),
        PAGES: paper.pages,
        DATES: paper.dates,
        SOURCES: tuple(sorted({listing.source for listing in paper.listings})),
    }
    # Dates only where known: an undated paper has none rather than an empty one.
    if first_seen:
        attributes[FIRST_SEEN] = first_seen
    published = paper.published  # a property that reads every listing
    if published:
        attributes[PUBLISHED] = published
    return attributes


def _names(ids: Sequence[str]) -> np.ndarray:
    """The ids as an array of objects, which :class:`EdgeLists` index."""
    names = np.empty(len(ids), dtype=object)
    names[:] = ids
    return names


class _PaperDates:
    """The papers' ``first_seen`` dates, for the ``first_seen`` and ``mean_date`` of whatever they tie to.

    A concept's or artifact's ``first_seen`` is the least of its papers' (as text), its
    ``mean_date`` the mean of them (:func:`papergraph.dates.mean_of_ordinals`); neither when no paper is dated.
    """

    def __init__(self, first_seen: Sequence[str | None]):
        self.texts = sorted({date for date in first_seen if date})
        rank = {date: k for k, date in enumerate(self.texts)}
        self.dated = np.array([bool(date) for date in first_seen], dtype=np.float64)
        self.ordinal = np.array([day_of(date).toordinal() if date else 0 for date in first_seen], dtype=np.float64)
        self.rank = np.array([rank[date] if date else len(self.texts) for date in first_seen], dtype=np.int64)

    def of(self, papers: np.ndarray, columns: np.ndarray, n_columns: int) -> list[dict[str, str]]:
        """The dates of each of ``n_columns`` things, paper ``papers[k]`` tying to thing ``columns[k]``
        (each pair once)."""
        dated = self.dated[papers]
        n = np.bincount(columns, dated, minlength=n_columns).tolist()
        # Ordinals are whole numbers far below 2**53: their sums are exact in any order.
        total = np.bincount(columns, self.ordinal[papers] * dated, minlength=n_columns).tolist()
        least = np.full(n_columns, len(self.texts), dtype=np.int64)
        np.minimum.at(least, columns, self.rank[papers])
        return [{FIRST_SEEN: self.texts[r], MEAN_DATE: mean_of_ordinals(t, k)} if k
                else {} for k, t, r in zip(n, total, least.tolist(), strict=True)]


def _l2_weights(paper_of: np.ndarray, counts: np.ndarray, n_papers: int) -> np.ndarray:
    """Each count over the L2 norm of its paper's counts, rounded, at most 1 (``mentions``, ``releases``)."""
    norms = np.sqrt(np.bincount(paper_of, counts * counts, minlength=n_papers))
    return np.minimum(np.round(counts / norms[paper_of], ROUND), 1.0)


def _mention_edges(dropped: dict[str, int], coo: sparse.coo_matrix, paper_names: np.ndarray, at: _Positions,
                   options: BuildOptions) -> EdgeBlock:
    """paper -> concept edges; ``coo`` holds the counts row-major, so already sorted by (paper, concept)."""
    weights = _l2_weights(coo.row, coo.data, coo.shape[0])
    kept = weights >= options.min_weight
    dropped[MENTIONS] = int(np.count_nonzero(~kept))
    rows = coo.row[kept]
    return EdgeBlock(MENTIONS, at.papers[rows], at.concepts[coo.col[kept]], weights[kept], coo.data[kept],
                     EdgeLists(paper_names, rows))


def _gram_diagonal(A: sparse.csr_matrix, BT: sparse.csr_matrix) -> np.ndarray:
    """The diagonal of ``A @ BT.T`` without the product."""
    return np.asarray(A.multiply(BT).sum(axis=1)).ravel()


def _co_occurs_edges(dropped: dict[str, int], X, paper_names, at: _Positions, options: BuildOptions,
                     workers) -> EdgeBlock:
    XT = X.T.tocsr()
    XT.sort_indices()
    rows, cols, raw, weights, total = _strongest_pairs(
        XT, XT, cost=_row_costs(XT), top_k=options.concept_top_k, min_weight=options.min_weight,
        min_raw=options.min_co_occurrences, diagonal=_gram_diagonal(XT, XT), rank_by_raw=True,
        workers=workers,
    )
    dropped[CO_OCCURS] = total - len(rows)
    # The papers behind a tie are the columns of XT both its concepts hold (made when written).
    return EdgeBlock(CO_OCCURS, at.concepts[rows], at.concepts[cols], weights,
                     np.array([round(c, ROUND) for c in raw.tolist()], dtype=np.float64),
                     EdgeLists(paper_names, rows, cols, XT))


def _shared_member_edges(dropped: dict[str, int], paper_names: np.ndarray, at: _Positions,
                         members_of: list[tuple[str, ...]], kind: str, attribute: str, options: BuildOptions, workers,
                         *, fractional: bool = False) -> EdgeBlock:
    """Paper-paper ties through shared members: pages (``co_listed``) or artifacts (``shares_artifacts``).

    The weight is the cosine of the two papers' member sets; ``fractional`` weighs a member
    of n papers 1/(n-1) on both sides first. ``attribute`` names the shared members on the edge.
    """
    member_ids = sorted({member for members in members_of for member in members})
    member_index = {member: k for k, member in enumerate(member_ids)}
    rows = np.repeat(np.arange(len(paper_names)), [len(members) for members in members_of])
    cols = np.array([member_index[member] for members in members_of for member in members], dtype=np.int64)
    P = sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(paper_names), len(member_ids)))
    weighed = P
    if fractional:
        sizes = np.asarray(P.sum(axis=0)).ravel()
        weighed = (P @ sparse.diags(1.0 / np.maximum(sizes - 1, 1))).tocsr()
    rows, cols, raw, weights, total = _strongest_pairs(
        P, weighed, cost=_row_costs(P), top_k=options.paper_top_k, min_weight=options.min_weight,
        diagonal=_gram_diagonal(P, weighed), workers=workers,
    )
    dropped[kind] = total - len(rows)
    P.sort_indices()
    shared = EdgeLists(_names(member_ids), rows, cols, P)
    return EdgeBlock(kind, at.papers[rows], at.papers[cols], weights, shared.counts(),
                     EdgeLists(paper_names, rows, cols), attribute, shared)


def _artifacts_of(paper_ids: list[str], found: Artifacts) -> list[tuple[str, ...]]:
    """The ids of the artifacts each paper links, in ``paper_ids`` order."""
    linked: dict[str, list[str]] = defaultdict(list)
    for release in found.releases:
        linked[release.paper_id].append(release.artifact_id)
    return [tuple(linked.get(pid, ())) for pid in paper_ids]


def _release_edges(dropped: dict[str, int], found: Artifacts, paper_names: np.ndarray, at: _Positions,
                   options: BuildOptions) -> EdgeBlock:
    """paper -> artifact edges, weighted like ``mentions``: links over the L2 norm of the paper's links."""
    releases = found.releases  # sorted by (paper, artifact)
    paper_ids = sorted({release.paper_id for release in releases})
    paper_of = np.searchsorted(paper_ids, [release.paper_id for release in releases]).astype(np.int64)
    counts = np.array([release.count for release in releases], dtype=np.float64)
    weights = _l2_weights(paper_of, counts, len(paper_ids))
    kept = weights >= options.min_weight
    dropped[RELEASES] = int(np.count_nonzero(~kept))
    chosen = [release for release, keep in zip(releases, kept.tolist(), strict=True) if keep]
    releasers = np.searchsorted(paper_names, _names([r.paper_id for r in chosen])).astype(np.int64)
    return EdgeBlock(RELEASES, np.array([at.of[r.paper_id] for r in chosen], dtype=np.int64),
                     np.array([at.of[r.artifact_id] for r in chosen], dtype=np.int64), weights[kept], counts[kept],
                     EdgeLists(paper_names, releasers))


def _shares_concepts_edges(dropped: dict[str, int], X, paper_names, concept_ids, at: _Positions,
                           options: BuildOptions, workers) -> EdgeBlock:
    n = X.shape[0]
    present = X.copy()
    present.data[:] = 1.0
    df = np.asarray(present.sum(axis=0)).ravel()
    common = _too_common(df)
    dropped["common_concepts"] = int(common.sum())
    idf = np.where(common, 0.0, np.log(n / np.maximum(df, 1)))
    T = (X @ sparse.diags(idf)).tocsr()
    T.eliminate_zeros()
    norms = np.sqrt(np.asarray(T.multiply(T).sum(axis=1)).ravel())
    T = (sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ T).tocsr()
    # Rows of T have unit length: the product is the cosine already (at most 1 but for rounding).
    rows, cols, raw, weights, total = _strongest_pairs(
        T, T, cost=_row_costs(T), top_k=options.paper_top_k, min_weight=options.min_weight, workers=workers,
    )
    dropped[SHARES_CONCEPTS] = total - len(rows)
    T.sort_indices()
    shared = EdgeLists(_names(concept_ids), rows, cols, T)
    return EdgeBlock(SHARES_CONCEPTS, at.papers[rows], at.papers[cols], weights, shared.counts(),
                     EdgeLists(paper_names, rows, cols), CONCEPTS, shared)


def _too_common(df: np.ndarray) -> np.ndarray:
    """Mask of the most common concepts to leave out of ``shares_concepts``.

    Every pair of papers sharing a concept held by d papers is a candidate tie, d² of
    them: the commonest concepts are left out, most common first, until the candidates
    fit in ``_PAIR_BUDGET``. Their idf is the lowest, so they would weigh least anyway.
    """
    order = np.lexsort((np.arange(len(df)), -df))
    squares = df[order].astype(np.float64) ** 2
    remaining = squares.sum() - np.concatenate([[0.0], np.cumsum(squares)[:-1]])
    n_common = int(np.count_nonzero(remaining > _PAIR_BUDGET))
    mask = np.zeros(len(df), dtype=bool)
    mask[order[:n_common]] = True
    return mask


def _row_costs(incidence: sparse.csr_matrix) -> np.ndarray:
    """Upper bound of the entries in each row of ``incidence @ incidence.T``."""
    present = incidence.copy()
    present.data[:] = 1.0
    return np.asarray(present @ np.asarray(present.sum(axis=0)).ravel()).ravel()


def _mix(keys: np.ndarray) -> np.ndarray:
    """A fixed pseudo-random permutation of 64-bit keys (splitmix64's finaliser)."""
    z = keys.astype(np.uint64)
    with np.errstate(over="ignore"):
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def _top_per_row(rows: np.ndarray, weights: np.ndarray, tiebreak: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` entries of each row with the highest weight, ties by ``tiebreak``.

    ``tiebreak`` must be distinct within a row: the order (row, falling weight, tie-break) is then
    total, so which entries are kept never depends on the order they come in, nor on how a row was
    cut into tiles. One sort of packed 64-bit keys (row, falling weight, the tie-break's leading bits)
    is several times faster than a lexsort of the three; the few entries whose packed keys collide
    are then ordered by their whole tie-break, and the lexsort is the fallback when the fields do not fit.
    """
    quantised = np.rint(weights * 10**ROUND).astype(np.int64)
    row_bits = int(rows.max()).bit_length()
    weight_bits = int(quantised.max()).bit_length()
    tie_bits = 63 - row_bits - weight_bits
    if tie_bits >= 8:
        packed = (rows << (weight_bits + tie_bits)) | ((quantised.max() - quantised) << tie_bits)
        packed |= (tiebreak >> np.uint64(64 - tie_bits)).astype(np.int64)
        order = np.argsort(packed)
        ranked = packed[order]
        same = ranked[1:] == ranked[:-1]
        if same.any():
            tied = np.flatnonzero(np.r_[same, False] | np.r_[False, same])
            run = np.cumsum(np.r_[True, ~same])[tied]
            order[tied] = order[tied][np.lexsort((tiebreak[order[tied]], run))]
    else:
        order = np.lexsort((tiebreak, -quantised, rows))
    ranked = rows[order]
    starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
    first = np.repeat(starts, np.diff(np.r_[starts, len(ranked)]))
    return order[np.arange(len(order)) - first < k]


@dataclass(frozen=True)
class _Rule:
    """What :func:`_strongest_pairs` keeps of a product with ``n`` rows (see there)."""

    n: int
    top_k: int
    min_weight: float
    min_raw: float
    rank_by_raw: bool


@dataclass(eq=False)
class _Tile:
    """One tile of a pairwise product ``A @ BT.T``: rows of ``A`` from ``row_start`` times rows of
    ``BT`` (columns of the product) from ``column_start``, with the slices of the product's diagonal
    the weights need (None when the raw value is the weight). All a worker is sent for it."""

    row_start: int
    column_start: int
    rows: sparse.csr_matrix
    columns: sparse.csr_matrix
    diagonals: tuple[np.ndarray, np.ndarray] | None
    rule: _Rule


def _runs(budget: float, *sizes: np.ndarray) -> list[tuple[int, int]]:
    """Consecutive runs of positions whose ``sizes`` (each array alike) sum to at most ``budget``;
    a position over it is a run of its own.

    Examples
    --------
    >>> _runs(4, np.array([1, 2, 1, 5, 1]), np.ones(5))
    [(0, 3), (3, 4), (4, 5)]
    """
    totals = [np.cumsum(size, dtype=np.float64) for size in sizes]
    runs: list[tuple[int, int]] = []
    start, n = 0, len(sizes[0])
    while start < n:
        stop = min(int(np.searchsorted(total, (total[start - 1] if start else 0.0) + budget, side="right"))
                   for total in totals)
        runs.append((start, max(stop, start + 1)))
        start = runs[-1][1]
    return runs


def _tiling(A: sparse.csr_matrix, BT: sparse.csr_matrix, cost: np.ndarray) -> tuple[list[tuple[int, int]],
                                                                                   list[tuple[int, int]]]:
    """Bands of rows and runs of columns of ``A @ BT.T`` such that every tile holds at most
    ``_TILE_ENTRIES`` product entries, and each of the two slices it multiplies at most as many
    stored entries: a row's entries in a tile are at most its ``cost`` and the tile's width."""
    columns = _runs(_TILE_ENTRIES, np.diff(BT.indptr), np.ones(BT.shape[0]))
    widest = max((stop - start for start, stop in columns), default=0)
    return _runs(_TILE_ENTRIES, np.minimum(cost, widest), np.diff(A.indptr)), columns


def _strongest_pairs(A, BT, *, cost, top_k, min_weight, min_raw=0, diagonal=None, rank_by_raw=False, workers=None):
    """The strongest ties of each row of the symmetric product ``A @ BT.T``, off the diagonal.

    The weight of (i, j) is its cosine, raw_ij / sqrt(d_i * d_j) with d the product's ``diagonal``
    (the raw value itself when there is none: rows of unit length), at most 1. A pair (i < j) is
    kept when its rounded weight is at least ``min_weight``, its raw value at least ``min_raw``,
    and it is among the ``top_k`` strongest of row i or of row j (all when ``top_k`` is 0), by
    weight or, with ``rank_by_raw``, by raw value. Ties are broken by a fixed hash of the pair, not
    by id, so that low ids do not collect every tie of a page where all weights are equal; the hash
    is a bijection of the pair, so the order is total.

    The product is made a tile at a time (on ``workers`` if given), each tile a band of rows by a
    run of columns (:func:`_tiling`) sent only the rows of ``A`` and ``BT`` it multiplies, so what
    a tile needs is bounded whatever the corpus. Each tile keeps its rows' ``top_k`` ties; the tiles
    of a band are merged here by the same total order, so the tiling never changes what is kept.

    Returns ``rows, cols, raw, weights, total``: the kept pairs sorted by (row, col), their
    raw product values and weights, and the number of distinct pairs with a tie at all.
    """
    n = A.shape[0]
    bands, columns = _tiling(A, BT, cost)
    rule = _Rule(n, top_k, min_weight, min_raw, rank_by_raw)
    tiles = (_Tile(start, first, A[start:stop], BT[first:last],
                   None if diagonal is None else (diagonal[start:stop], diagonal[first:last]), rule)
             for start, stop in bands for first, last in columns)
    found = _in_threads(_tile_pairs, tiles) if workers is None else workers.map(_tile_pairs, tiles, large_items=True)
    kept_keys, kept_raw, kept_weight = [np.zeros(0, dtype=np.int64)], [np.zeros(0)], [np.zeros(0)]
    total = 0
    for start, _ in bands:
        parts = list(islice(found, len(columns)))
        total += sum(part[4] for part in parts)
        rows, keys, raw, weights = (np.concatenate(column) for column in zip(*(part[:4] for part in parts),
                                                                             strict=True))
        if top_k and len(parts) > 1 and len(keys):
            chosen = _top_per_row(rows - start, np.round(raw, ROUND) if rank_by_raw else weights, _mix(keys), top_k)
            keys, raw, weights = keys[chosen], raw[chosen], weights[chosen]
        kept_keys.append(keys)
        kept_raw.append(raw)
        kept_weight.append(weights)
    keys, first = np.unique(np.concatenate(kept_keys), return_index=True)
    return keys // n, keys % n, np.concatenate(kept_raw)[first], np.concatenate(kept_weight)[first], total


def _in_threads(function: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
    """``function`` of each item in :data:`_THREADS` threads, results in order, one item more than
    the threads in flight (so that the threads keep busy while a result is used).

    A tile's work is numpy's and scipy's sorts, products and indexing, which leave the
    interpreter lock while they run: two tiles take the machine's two cores.
    """
    with ThreadPoolExecutor(max_workers=_THREADS) as pool:
        pending: deque[Future] = deque()
        for item in items:
            pending.append(pool.submit(function, item))
            if len(pending) > _THREADS:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _tile_pairs(tile: _Tile) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """The kept ties of one tile (see :func:`_strongest_pairs`), each row's ``top_k`` at most: their
    rows, pair keys (lo * n + hi), raw values and weights; and how many pairs i < j of the tile have a tie at all."""
    rule = tile.rule
    product = (tile.rows @ tile.columns.T).tocoo()
    rows = product.row.astype(np.int64)  # within the tile until the weights are made
    cols = product.col.astype(np.int64)
    raw = product.data
    off_diagonal = (rows + tile.row_start != cols + tile.column_start) & (raw > 0)
    rows, cols, raw = rows[off_diagonal], cols[off_diagonal], raw[off_diagonal]
    if tile.diagonals is None:
        weights = np.round(np.minimum(raw, 1.0), ROUND)
    else:
        row_diagonal, column_diagonal = tile.diagonals
        weights = np.round(np.minimum(raw / np.sqrt(row_diagonal[rows] * column_diagonal[cols]), 1.0), ROUND)
    rows += tile.row_start
    cols += tile.column_start
    total = int(np.count_nonzero(cols > rows))
    mask = (weights >= rule.min_weight) & (weights > 0) & (raw >= rule.min_raw)
    rows, cols, raw, weights = rows[mask], cols[mask], raw[mask], weights[mask]
    keys = np.minimum(rows, cols) * rule.n + np.maximum(rows, cols)
    if rule.top_k and len(keys):
        chosen = _top_per_row(rows - tile.row_start, np.round(raw, ROUND) if rule.rank_by_raw else weights,
                              _mix(keys), rule.top_k)
        rows, keys, raw, weights = rows[chosen], keys[chosen], raw[chosen], weights[chosen]
    return rows, keys, raw, weights, total


def flat_graph(G: nx.MultiGraph) -> nx.MultiGraph:
    """A copy of ``G`` with every tuple attribute joined with ``"; "``, as the exported files hold it.

    networkx's own writers (``write_graphml``, ``write_gexf``) take scalar attributes only.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_node("concept:bert", kind="concept", aliases=("bert", "BERT-base"))
    >>> flat_graph(G).nodes["concept:bert"]["aliases"]
    'bert; BERT-base'
    """
    H = nx.MultiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from((node, _joined(data)) for node, data in G.nodes(data=True))
    H.add_edges_from((u, v, key, _joined(data)) for u, v, key, data in G.edges(keys=True, data=True))
    return H


def tuple_graph(G: nx.MultiGraph) -> nx.MultiGraph:
    """A copy of a :func:`flat_graph` with the schema's multi-valued attributes as tuples again.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_node("concept:bert", kind="concept", aliases="bert; BERT-base", label="BERT")
    >>> tuple_graph(G).nodes["concept:bert"]["aliases"]
    ('bert', 'BERT-base')
    """
    H = nx.MultiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from((node, _split(data)) for node, data in G.nodes(data=True))
    H.add_edges_from((u, v, key, _split(data)) for u, v, key, data in G.edges(keys=True, data=True))
    return H


def graph_from_tables(nodes: pd.DataFrame, edges: pd.DataFrame) -> nx.MultiGraph:
    """The :func:`flat_graph` that the tables ``nodes.csv`` and ``edges.csv`` hold.

    ``nodes`` and ``edges`` as :func:`papergraph.readwrite.read_nodes` and ``read_edges`` give
    them; an empty cell is no attribute. Edges are keyed by their kind.
    """
    G = nx.MultiGraph(name="papergraph")
    G.add_nodes_from((record.pop("id"), record) for record in frame_records(nodes))
    G.add_edges_from((record.pop("source"), record.pop("target"), record[KIND], record)
                     for record in frame_records(edges))
    return G


def frame_records(frame: pd.DataFrame) -> list[dict]:
    """The rows of ``frame`` as dicts of plain Python values, missing cells left out."""
    columns = {name: frame[name].astype(object).where(frame[name].notna(), None).tolist() for name in frame.columns}
    return [{name: values[i] for name, values in columns.items() if values[i] is not None}
            for i in range(len(frame))]


def _joined(data: dict) -> dict:
    return {name: LIST_SEPARATOR.join(map(str, value)) if isinstance(value, tuple) else value
            for name, value in data.items()}


def _split(data: dict) -> dict:
    return {name: split_values(value) if name in MULTI_VALUED and isinstance(value, str) else value
            for name, value in data.items()}
