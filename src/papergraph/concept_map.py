"""The concept map: which concepts a map shows, their clusters, and a layout that separates them.

This is what a bibliometric mapping tool such as VOSviewer draws from a corpus: a map of its
terms (here, the concepts) in which related concepts sit close together and clusters are
visible at a glance. Papers are not drawn; each concept leads to its papers.

1. **Selection** (:func:`select_concepts`). A concept is drawn when at least ``min_papers``
   papers mention it (VOSviewer's occurrence threshold) and it co-occurs with another drawn
   concept. With no threshold given, it is the smallest of at least 2 that leaves at most
   ``max_concepts`` concepts, so the map of any corpus size stays readable: on a small corpus
   every concept seen twice is drawn, on a large one the most widespread. A concept of one
   paper has no co-occurrence to speak of and is never drawn.
2. **Co-occurrence** among the drawn concepts, counted over all papers (not only the ties the
   graph kept), normalised by association strength (co-occurrences over the product of the two
   occurrence counts, as VOSviewer normalises), so that frequent concepts do not pull
   everything together.
3. **Clusters**: seeded Leiden (modularity) on the association strengths; clusters smaller than
   ``min_cluster_size`` join the cluster they are tied to most, as VOSviewer merges small clusters.
4. **Layout**: VOS mapping, the layout of VOSviewer: minimise the sum over tied pairs of
   ``s_ij d_ij² / 2`` minus the sum over all pairs of ``d_ij`` (attraction 2, repulsion 1), by
   gradient steps with an adaptive step size from a seeded start. Ties inside a cluster count
   ``CLUSTER_BOOST`` times, which separates the clusters without collapsing any to a point.
   Far outliers are then pulled in, concepts pushed apart by the room their drawn size needs,
   and the layout standardised as VOSviewer does: centred, its principal axis horizontal.
   Chosen on measurement against plain VOS mapping and LinLog (README, *The map*).

:func:`separation_ratio` measures how well a drawn map separates its clusters: the mean distance
between two drawn concepts of the same cluster over the mean distance between any two (1 = no
separation).
"""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType

import networkx as nx
import numpy as np
from scipy import sparse

from papergraph.errors import OptionError
from papergraph.schema import COMMUNITY, CONCEPT, KIND, LAYOUT_X, LAYOUT_Y, MENTIONS, N_PAPERS, ON_MAP, PAPER, WEIGHT


def load_igraph() -> ModuleType:
    """igraph, loaded to run in one OpenMP thread and without matplotlib.

    igraph's PageRank (PRPACK) runs in OpenMP threads. On a few cores shared with other work they
    cost more time than they save (3x the CPU for PageRank on hf-daily-papers on the 2-core
    machine), and a sum split over as many threads as a machine has cores ends in different last
    bits from machine to machine: one thread gives the same figures everywhere. OpenMP reads the
    thread count once, as igraph loads it, so ``OMP_NUM_THREADS`` is set to 1 for that import only
    (unless the user set it). igraph also imports matplotlib's pyplot for plotting, which papergraph
    never does with igraph (a third of a second): that import is skipped, and matplotlib stays
    importable for whoever needs it (``trends --plot``); igraph's own matplotlib plotting then
    reports that matplotlib is missing.
    """
    if "igraph" in sys.modules:
        return sys.modules["igraph"]
    set_threads = "OMP_NUM_THREADS" not in os.environ
    block_matplotlib = "matplotlib" not in sys.modules
    if set_threads:
        os.environ["OMP_NUM_THREADS"] = "1"
    if block_matplotlib:
        sys.modules["matplotlib"] = None  # type: ignore[assignment]  # import matplotlib raises ImportError
    try:
        import igraph
    finally:
        if set_threads:
            del os.environ["OMP_NUM_THREADS"]
        if block_matplotlib:
            del sys.modules["matplotlib"]
    return igraph


igraph = load_igraph()

__all__ = [
    "CLUSTER_BOOST",
    "ConceptMap",
    "MapSelection",
    "concept_map",
    "graph_separation_ratio",
    "map_of",
    "Mentions",
    "select_concepts",
    "selection_of",
    "separation_ratio",
    "standardize",
    "vos_layout",
]

#: How many times a tie inside a cluster counts in the layout: 1 is plain VOS mapping.
CLUSTER_BOOST = 5.0
#: Most Leiden iterations when the partition does not settle.
_LEIDEN_ROUNDS = 100
#: Default largest number of concepts a map draws.
MAX_CONCEPTS = 500
#: Layout: most gradient steps, and the step size (in units of the mean distance) that ends it.
_LAYOUT_STEPS = 400
_LAYOUT_TOLERANCE = 1e-4
#: A faint tie between every two concepts, as a share of the mean tie: keeps a map whose
#: concepts fall apart into separate groups together (VOS repulsion alone would push them apart).
_BACKGROUND_TIE = 0.01
#: No two concepts closer than this share of the mean distance between two concepts, after
#: this many rounds of pushing apart: keeps each cluster from collapsing onto a spot.
_MIN_GAP = 0.04
_SPREAD_ROUNDS = 30
#: How far past the 90th percentile of distance from the centre an outlier may stay, as a share of it.
_OUTLIER_ROOM = 0.3
#: The room a concept needs on the map, in units of the mean distance between two concepts: the
#: least, and what the concept of most papers adds. The page draws a concept's radius growing
#: with the square root of its papers, from a sixth of the largest radius: these keep the
#: drawn circles apart on a map of a few hundred concepts.
_ROOM, _ROOM_MOST = 0.02, 0.03


@dataclass(frozen=True)
class MapSelection:
    """Which concepts a map draws, and what it leaves out.

    Attributes
    ----------
    concepts : the drawn concept ids, most papers first (ties by id).
    min_papers : the occurrence threshold applied.
    max_concepts : the cap the threshold was chosen under.
    total_concepts : concepts in the graph.
    below_threshold : concepts mentioned by fewer than ``min_papers`` papers.
    unconnected : concepts above the threshold that co-occur with no other drawn concept.
    papers_reached : papers mentioning at least one drawn concept (reachable from the map).
    total_papers : papers in the graph.
    """

    concepts: tuple[str, ...]
    min_papers: int
    max_concepts: int
    total_concepts: int
    below_threshold: int
    unconnected: int
    papers_reached: int
    total_papers: int

    def description(self) -> str:
        """One sentence saying what the map shows and what it leaves out.

        Examples
        --------
        >>> print(MapSelection(("concept:a",), 2, 500, 3, 2, 0, 4, 5).description())  # doctest: +NORMALIZE_WHITESPACE
        The map draws 1 of 3 concepts: those in at least 2 papers (2 in fewer are left out); 4 of 5 papers
        mention a drawn concept and are listed under it (1 mention none).
        """
        left = [f"{self.below_threshold:,} in fewer are left out"]
        if self.unconnected:
            verb = "co-occurs" if self.unconnected == 1 else "co-occur"
            left.append(f"{self.unconnected:,} that {verb} with no drawn concept")
        unreached = self.total_papers - self.papers_reached
        return (
            f"The map draws {len(self.concepts):,} of {self.total_concepts:,} concepts: those in at least "
            f"{self.min_papers} papers ({'; '.join(left)}); {self.papers_reached:,} of {self.total_papers:,} papers "
            f"mention a drawn concept and are listed under it ({unreached:,} mention none)."
        )


@dataclass(frozen=True)
class Mentions:
    """Who mentions what: the binary papers × concepts matrix of a graph's ``mentions`` edges.

    ``papers`` and ``concepts`` are the graph's paper and concept ids, sorted: the rows and the
    columns of ``matrix``.
    """

    papers: tuple[str, ...]
    concepts: tuple[str, ...]
    matrix: sparse.csr_matrix

    @classmethod
    def of(cls, G: nx.MultiGraph) -> Mentions:
        """The mentions of ``G``, read from its ``mentions`` edges."""
        kind = nx.get_node_attributes(G, KIND)
        papers = tuple(sorted(n for n, k in kind.items() if k == PAPER))
        concepts = tuple(sorted(n for n, k in kind.items() if k == CONCEPT))
        paper_index = {p: i for i, p in enumerate(papers)}
        concept_index = {c: j for j, c in enumerate(concepts)}
        pairs = [(u, v) if u in paper_index else (v, u) for u, v, key in G.edges(keys=True) if key == MENTIONS]
        rows = np.fromiter((paper_index[p] for p, _ in pairs), dtype=np.int64, count=len(pairs))
        cols = np.fromiter((concept_index[c] for _, c in pairs), dtype=np.int64, count=len(pairs))
        return cls.from_pairs(papers, concepts, rows, cols)

    @classmethod
    def from_pairs(
        cls, papers: tuple[str, ...], concepts: tuple[str, ...], rows: np.ndarray, cols: np.ndarray
    ) -> Mentions:
        """From the paper (row) and concept (column) positions of each ``mentions`` edge."""
        matrix = sparse.csr_matrix(
            (np.ones(len(rows)), (rows, cols)), shape=(len(papers), len(concepts)), dtype=np.float64
        )
        matrix.data[:] = 1.0  # a paper mentions a concept or not, however many edges say so
        return cls(papers, concepts, matrix)

    def columns(self, concepts: Sequence[str]) -> sparse.csr_matrix:
        """The papers × ``concepts`` part of the matrix, columns in the order given."""
        index = {c: j for j, c in enumerate(self.concepts)}
        return self.matrix[:, [index[c] for c in concepts]].tocsr()


@dataclass(frozen=True)
class ConceptMap:
    """A laid-out, clustered concept map: row ``i`` of every array is ``selection.concepts[i]``."""

    selection: MapSelection
    cluster: np.ndarray  # int, 0 = largest
    xy: np.ndarray  # shape (n, 2), mean distance between two concepts about 1


def select_concepts(
    G: nx.MultiGraph,
    *,
    max_concepts: int = MAX_CONCEPTS,
    min_papers: int | None = None,
    mentions: Mentions | None = None,
) -> tuple[MapSelection, sparse.csr_matrix]:
    """Choose the concepts a map draws (see the module docstring).

    ``mentions``, when given, are ``Mentions.of(G)`` already made.

    Returns
    -------
    (MapSelection, scipy.sparse.csr_matrix)
        The selection, and the binary papers × drawn-concepts matrix of who mentions what,
        over the graph's papers in sorted id order.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiGraph()
    >>> for c, n in (("concept:a", 3), ("concept:b", 2), ("concept:c", 1)):
    ...     G.add_node(c, kind="concept", n_papers=n)
    >>> for p, cs in (("p1", "ab"), ("p2", "ab"), ("p3", "ac")):
    ...     G.add_node(p, kind="paper")
    ...     for c in cs:
    ...         _ = G.add_edge(p, "concept:" + c, "mentions", kind="mentions")
    >>> selection, _ = select_concepts(G)
    >>> selection.concepts, selection.min_papers, selection.below_threshold
    (('concept:a', 'concept:b'), 2, 1)
    """
    return selection_of(G.nodes, mentions or Mentions.of(G), max_concepts=max_concepts, min_papers=min_papers)


def selection_of(
    data_of: Mapping[str, Mapping], mentions: Mentions, *, max_concepts: int = MAX_CONCEPTS,
    min_papers: int | None = None,
) -> tuple[MapSelection, sparse.csr_matrix]:
    """:func:`select_concepts` from each node's attributes (``data_of[node]``) and the mentions."""
    if max_concepts < 1:
        raise OptionError(f"max_concepts must be at least 1, not {max_concepts}")
    occurrences = {n: int(data_of[n].get(N_PAPERS, 0)) for n in mentions.concepts}
    if min_papers is None:
        counts = sorted(occurrences.values(), reverse=True)
        # The smallest threshold (at least 2) that admits no more than max_concepts concepts.
        min_papers = 2 if len(counts) <= max_concepts else max(2, counts[max_concepts] + 1)
    candidates = sorted((c for c, n in occurrences.items() if n >= min_papers), key=lambda c: (-occurrences[c], c))
    X = mentions.columns(candidates)
    # A concept without a co-occurrence among the candidates would float free on the map: it is
    # tied when one of its papers mentions another candidate (no concept x concept product needed).
    shared = (np.diff(X.indptr) >= 2).astype(np.float64)
    tied = np.flatnonzero(X.T @ shared > 0)
    concepts = tuple(candidates[i] for i in tied)
    X = X[:, tied].tocsr()
    selection = MapSelection(
        concepts=concepts,
        min_papers=min_papers,
        max_concepts=max_concepts,
        total_concepts=len(occurrences),
        below_threshold=len(occurrences) - len(candidates),
        unconnected=len(candidates) - len(concepts),
        papers_reached=int(np.count_nonzero(np.diff(X.indptr))),
        total_papers=len(mentions.papers),
    )
    return selection, X


def concept_map(
    G: nx.MultiGraph,
    *,
    max_concepts: int = MAX_CONCEPTS,
    min_papers: int | None = None,
    seed: int = 42,
    cluster_boost: float = CLUSTER_BOOST,
    mentions: Mentions | None = None,
) -> tuple[ConceptMap, sparse.csr_matrix]:
    """Select, cluster and lay out the concept map of ``G``.

    Returns the map and the papers × drawn-concepts matrix of :func:`select_concepts`.
    The same graph and seed give the same map.
    """
    selection, X = select_concepts(G, max_concepts=max_concepts, min_papers=min_papers, mentions=mentions)
    return map_of(selection, X, seed=seed, cluster_boost=cluster_boost), X


def map_of(selection: MapSelection, X: sparse.csr_matrix, *, seed: int = 42,
           cluster_boost: float = CLUSTER_BOOST) -> ConceptMap:
    """Cluster and lay out the concepts ``selection`` draws; ``X`` is its papers × drawn-concepts matrix."""
    n = len(selection.concepts)
    if n == 0:
        return ConceptMap(selection, np.zeros(0, dtype=np.int64), np.zeros((0, 2)))
    occurrences = np.asarray(X.sum(axis=0)).ravel()
    counts = sparse.triu(X.T @ X, k=1).tocoo()
    strength = counts.data / (occurrences[counts.row] * occurrences[counts.col])
    cluster = _clusters(n, counts.row, counts.col, strength, seed)
    weights = strength * np.where(cluster[counts.row] == cluster[counts.col], cluster_boost, 1.0)
    room = _ROOM + _ROOM_MOST * np.sqrt(occurrences / occurrences.max())
    xy = vos_layout(n, counts.row, counts.col, weights, seed=seed, room=room)
    return ConceptMap(selection, cluster, xy)


def _clusters(n: int, rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, seed: int) -> np.ndarray:
    """Seeded Leiden clusters, small ones merged into their best-tied neighbour, 0 = largest."""
    H = igraph.Graph(n=n, edges=np.column_stack([rows, cols]).tolist())
    H.es[WEIGHT] = weights.tolist()
    generator = random.Random(seed)
    igraph.set_random_number_generator(generator)
    try:
        # Iterated until stable, as n_iterations=-1 does, but at most _LEIDEN_ROUNDS times: on some
        # graphs (a star of equal spokes) the partition never settles and -1 loops for ever.
        found: list[int] | None = None
        for _ in range(_LEIDEN_ROUNDS):
            step = H.community_leiden(objective_function="modularity", weights=WEIGHT, n_iterations=1,
                                      initial_membership=found).membership
            if step == found:
                break
            found = step
        membership = np.array(found)
    finally:
        igraph.set_random_number_generator(random)
    # Clusters under 2 % of the map, and single concepts, are too small to name or colour.
    smallest = max(2, int(np.ceil(0.02 * n)))
    W = sparse.coo_matrix((np.r_[weights, weights], (np.r_[rows, cols], np.r_[cols, rows])), shape=(n, n)).tocsr()
    while True:
        sizes = np.bincount(membership)
        small = [c for c in np.argsort(sizes, kind="stable") if 0 < sizes[c] < smallest]
        if not small or np.count_nonzero(sizes) <= 1:
            break
        # The smallest cluster joins the cluster it is tied to most (by total strength).
        members = np.flatnonzero(membership == small[0])
        onehot = sparse.csr_matrix((np.ones(n), (np.arange(n), membership)), shape=(n, sizes.size))
        ties = np.asarray((W[members] @ onehot).sum(axis=0)).ravel()
        ties[small[0]] = -1.0
        target = int(np.argmax(ties)) if ties.max() > 0 else int(np.argmax(np.where(sizes > sizes[small[0]], sizes, 0)))
        membership[members] = target
    return _by_size(membership)


def _by_size(membership: np.ndarray) -> np.ndarray:
    """Renumber clusters by falling size (0 = largest), ties by their first member."""
    labels, first, sizes = np.unique(membership, return_index=True, return_counts=True)
    order = sorted(range(labels.size), key=lambda k: (-sizes[k], first[k]))
    rank = np.empty(labels.size, dtype=np.int64)
    rank[order] = np.arange(labels.size)
    return rank[np.searchsorted(labels, membership)]


def vos_layout(
    n: int,
    rows: np.ndarray,
    cols: np.ndarray,
    weights: np.ndarray,
    *,
    seed: int = 42,
    attraction: float = 2.0,
    repulsion: float = 1.0,
    room: np.ndarray | None = None,
) -> np.ndarray:
    """VOS mapping of ``n`` points tied by weighted pairs: an array of shape (n, 2).

    Minimises ``sum_ij w_ij d_ij² / 2 - sum_ij d_ij`` over all pairs, with the weights scaled
    to a mean of 1 over all pairs, so that the mean distance ends near 1. ``attraction`` and
    ``repulsion`` are the two exponents of this energy (Noack's (a, r)-energy models): 2 and 1
    are VOS mapping, 1 and 0 (``-log d``) the LinLog model of ForceAtlas2's LinLog mode. Each step moves every
    point a step length along its force; the step grows after five steps that lowered the
    energy and shrinks after one that did not (Hu's adaptive step), until it is below
    ``_LAYOUT_TOLERANCE``. Dense: meant for the few hundred concepts of a map. Then the far
    outliers are pulled in, points are pushed apart until each pair is at least the sum of their
    ``room`` (in units of the mean distance; ``_MIN_GAP / 2`` each when not given) apart, and
    the layout is standardised (:func:`standardize`).

    Examples
    --------
    >>> xy = vos_layout(3, np.array([0, 1]), np.array([1, 2]), np.array([1.0, 1.0]))
    >>> xy.shape, bool(np.linalg.norm(xy[0] - xy[2]) > np.linalg.norm(xy[0] - xy[1]))
    ((3, 2), True)
    """
    if n == 1:
        return np.zeros((1, 2))
    W = np.zeros((n, n))
    W[rows, cols] = weights
    W += W.T
    total = W.sum()
    W = W * (n * (n - 1) / total) if total > 0 else W
    W += _BACKGROUND_TIE
    np.fill_diagonal(W, 0.0)
    xy = np.random.default_rng(seed).uniform(-1.0, 1.0, size=(n, 2))
    step, energy, improved = 0.1, np.inf, 0
    # Every step works in these n x n arrays, in place: a fresh array per operation (fresh pages
    # from the system at this size) cost more than the arithmetic. Each in-place operation gives
    # the same numbers, bit for bit, as the expression it stands for (noted beside it).
    gram, distance, pull, scratch = (np.empty((n, n)) for _ in range(4))
    for _ in range(_LAYOUT_STEPS):
        square = (xy * xy).sum(axis=1)
        # distance = sqrt(max(s_i + s_j - (2 xy) xy^T, 1e-12)); (2 xy) xy^T, not 2 (xy xy^T): BLAS
        # takes xy xy^T for a symmetric product, whose last bits differ.
        np.matmul(2.0 * xy, xy.T, out=gram)
        # s_i + s_j as s_j + s_i (the same bits): rows copied, then a number added to each row, twice as
        # quick as numpy's outer add.
        np.copyto(distance, square[None, :])
        distance += square[:, None]
        distance -= gram
        np.maximum(distance, 1e-12, out=distance)
        np.sqrt(distance, out=distance)
        np.fill_diagonal(distance, 1.0)
        # Force on each point along each pair: repulsion d^(r-1) minus attraction w_ij d^(a-1), over d:
        # pull = d^(r-2) - w d^(a-2). VOS mapping's exponents need no power: d^-1 is 1 / d and
        # d^0 is 1, exactly.
        if repulsion == 1.0:
            np.divide(1.0, distance, out=pull)
        else:
            pull[...] = distance ** (repulsion - 2.0)
        if attraction == 2.0:
            pull -= W
        else:
            np.multiply(W, distance ** (attraction - 2.0), out=scratch)
            pull -= scratch
        np.fill_diagonal(pull, 0.0)
        force = pull.sum(axis=1)[:, None] * xy - pull @ xy
        # The energy: sum of w d^a / a (W's diagonal is 0) minus the repulsion term, over pairs
        # (each counted twice, hence the half). d^2 is d * d, exactly.
        if attraction == 2.0:
            np.multiply(distance, distance, out=scratch)
            scratch *= W
        else:
            np.multiply(W, distance**attraction, out=scratch)
        attracted = scratch.sum() / attraction
        if repulsion == 1.0:
            np.fill_diagonal(distance, 0.0)  # the distance is not needed again this step
            pushed = distance
        else:
            pushed = np.log(distance) if repulsion == 0 else distance**repulsion / repulsion
            np.fill_diagonal(pushed, 0.0)
        now = (attracted - pushed.sum()) / 2.0
        length = np.sqrt((force * force).sum(axis=1, keepdims=True))
        xy = xy + step * force / np.where(length > 0, length, 1.0)
        if now < energy:
            improved += 1
            if improved >= 5:
                step, improved = step * 1.1, 0
        else:
            step, improved = step * 0.8, 0
        energy = now
        if step < _LAYOUT_TOLERANCE:
            break
    # Standardised before the outliers are pulled in, so that they are pulled in towards the
    # map's own oval, and after the spreading, which moves the centre a little.
    return standardize(_spread(_pull_in(standardize(xy)), room))


def standardize(xy: np.ndarray) -> np.ndarray:
    """The layout centred and turned so that its principal axis is horizontal, as VOSviewer standardises one.

    The layout is centred on its mean, rotated so that the horizontal axis carries the most
    variance (a map fills a landscape screen), and reflected so that on each axis the median
    coordinate is not positive: the same map always comes out the same way round. Distances do not change.

    Examples
    --------
    >>> xy = standardize(np.array([[0.0, 0.0], [0.1, 1.0], [0.0, 2.0], [0.2, 3.0]]))
    >>> bool(np.ptp(xy[:, 0]) > np.ptp(xy[:, 1])), [bool(m <= 0) for m in np.median(xy, axis=0)]
    (True, [True, True])
    """
    xy = xy - xy.mean(axis=0)
    if len(xy) < 2:
        return xy
    # eigh sorts the eigenvalues rising: the last eigenvector is the principal axis.
    axes = np.linalg.eigh(xy.T @ xy)[1][:, ::-1]
    xy = xy @ axes
    xy *= np.where(np.median(xy, axis=0) > 0, -1.0, 1.0)
    return xy


def _spread(xy: np.ndarray, room: np.ndarray | None = None) -> np.ndarray:
    """Push apart points closer than the sum of their ``room`` (in mean distances), so that none hides another.

    Pairs too close move apart along their line, each by half the shortfall, a few rounds over;
    points on one spot are parted in a fixed direction that depends on their order.
    """
    n = len(xy)
    if n < 2:
        return xy
    xy = xy.copy()
    first, second = np.triu_indices(n, k=1)
    room = np.full(n, _MIN_GAP / 2) if room is None else np.maximum(room, _MIN_GAP / 2)
    need = room[first] + room[second]
    for _ in range(_SPREAD_ROUNDS):
        # Each coordinate on its own: three times quicker than pairs of rows, and the same sums.
        x, y = xy[:, 0], xy[:, 1]
        dx, dy = x[second] - x[first], y[second] - y[first]
        distance = np.sqrt(dx * dx + dy * dy)
        gap = need * distance.mean()
        close = np.flatnonzero(distance < gap)
        if close.size == 0:
            break
        angle = (first[close] * 7 + second[close] * 13) % 360 * np.pi / 180
        direction = np.where(
            distance[close, None] > 1e-12,
            np.column_stack([dx[close], dy[close]]) / np.maximum(distance[close, None], 1e-12),
            np.column_stack([np.cos(angle), np.sin(angle)]),
        )
        push = 0.5 * (gap[close] - distance[close])[:, None] * direction
        moves = np.zeros_like(xy)
        np.add.at(moves, first[close], -push)
        np.add.at(moves, second[close], push)
        xy += moves
    return xy


def _pull_in(xy: np.ndarray) -> np.ndarray:
    """Pull far outliers towards the map, so that a few weakly tied concepts do not shrink the rest.

    ``xy`` is standardised (:func:`standardize`). Distances are read from the median point, on
    the map's oval (each axis over its median absolute deviation, which the outliers do not
    inflate), so that an elongated map pulls in its outliers on the short axis too. Points
    beyond the 90th percentile of that distance, ``R``, move in along their ray to
    ``R (1 + h tanh((r - R) / (h R)))`` with ``h = _OUTLIER_ROOM``: order kept, nothing beyond ``(1 + h) R``.
    """
    if len(xy) < 10:
        return xy
    centre = np.median(xy, axis=0)
    scale = np.median(np.abs(xy - centre), axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    radius = np.sqrt((((xy - centre) / scale) ** 2).sum(axis=1))
    limit = float(np.quantile(radius, 0.9))
    far = radius > limit
    if limit <= 0 or not far.any():
        return xy
    pulled = limit * (1.0 + _OUTLIER_ROOM * np.tanh((radius[far] - limit) / (_OUTLIER_ROOM * limit)))
    xy = xy.copy()
    xy[far] = centre + (xy[far] - centre) * (pulled / radius[far])[:, None]
    return xy


def separation_ratio(xy: np.ndarray, cluster: Sequence[int] | np.ndarray) -> float:
    """Mean distance between two points of the same cluster over the mean distance between any two.

    0 means every cluster sits on one spot, 1 no separation at all; NaN with fewer than two
    points or no two in the same cluster.

    Examples
    --------
    >>> xy = np.array([[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]])
    >>> round(separation_ratio(xy, [0, 0, 1, 1]), 3)
    0.143
    """
    xy = np.asarray(xy, dtype=np.float64)
    cluster = np.asarray(cluster)
    if len(xy) < 2:
        return float("nan")
    upper = np.triu_indices(len(xy), k=1)
    distance = np.sqrt(((xy[upper[0]] - xy[upper[1]]) ** 2).sum(axis=1))
    same = cluster[upper[0]] == cluster[upper[1]]
    if not same.any() or distance.mean() == 0:
        return float("nan")
    return float(distance[same].mean() / distance.mean())


def graph_separation_ratio(G: nx.MultiGraph) -> float:
    """:func:`separation_ratio` of the concepts an analysed graph draws on its map."""
    drawn = sorted(n for n, d in G.nodes(data=True) if d.get(ON_MAP))
    xy = np.array([[G.nodes[n][LAYOUT_X], G.nodes[n][LAYOUT_Y]] for n in drawn]).reshape(-1, 2)
    return separation_ratio(xy, [G.nodes[n][COMMUNITY] for n in drawn])
