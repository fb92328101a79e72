"""Stage 5: analyse the graph: a concept map with clusters and their labels, centrality, a layout.

:func:`analyse_graph` adds to every node ``community`` (int, 0 = largest),
``community_label`` (str), ``degree`` (int), ``weighted_degree`` (float), ``pagerank``
(float), ``x`` and ``y`` (float), and ``on_map`` (bool: drawn on the concept map), so
exporters and the HTML page need no physics.

Clusters and layout come from the concept map (:mod:`papergraph.concept_map`): the few hundred
most widespread concepts, clustered and laid out by VOS mapping, as VOSviewer maps the terms of
a corpus. Every other node follows the map, which keeps the analysis fast on any corpus size: a
paper joins the cluster most of its drawn concepts are in and sits at their mean position
(slightly spread); a concept that is not drawn, the cluster and the mean position of its papers;
a node reached by neither, those of its neighbours. Whatever is left (papers that mention no
concept and are tied to nothing placed) forms one last cluster, on a ring around the map.

PageRank is computed on one igraph copy of the whole graph, in which the parallel edges of a
pair are merged, each weighted relative to the mean weight of its kind, so that association
strengths, counts and cosines of different scales add up fairly. ``weighted_degree`` is the
sum of the raw ``count`` of a node's edges (VOSviewer's "total link strength").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
from scipy import sparse
from tqdm import tqdm

if TYPE_CHECKING:
    import pandas as pd

from papergraph.concept_map import MAX_CONCEPTS, ConceptMap, Mentions, load_igraph, map_of, selection_of
from papergraph.gc_pause import cyclic_gc_paused
from papergraph.graph import GraphData
from papergraph.schema import (
    COMMUNITY,
    COMMUNITY_LABEL,
    CONCEPT,
    COUNT,
    DEGREE,
    KIND,
    LABEL,
    LAYOUT_X,
    LAYOUT_Y,
    MAP_DESCRIPTION,
    MENTIONS,
    N_PAPERS,
    ON_MAP,
    PAGERANK,
    PAPER,
    ROUND,
    WEIGHT,
    WEIGHTED_DEGREE,
)

igraph = load_igraph()

__all__ = ["analyse_graph", "analyse_data", "cluster_labels", "communities_frame"]

# Half the width of the square the map is scaled into.
_LAYOUT_EXTENT = 1000.0
# How far papers and undrawn concepts spread around the mean position of what places them,
# as a share of the map's extent: near enough to read as theirs, apart enough to click.
_SPREAD = 0.02


def analyse_graph(
    G: nx.MultiGraph,
    *,
    seed: int = 42,
    max_concepts: int = MAX_CONCEPTS,
    min_papers: int | None = None,
    progress: bool = False,
) -> None:
    """Add the concept map, communities, their labels, centralities and a layout to ``G``, in place.

    Parameters
    ----------
    G : a graph made by :func:`papergraph.graph.build_graph`.
    seed : seed of the clustering and the layout: the same graph and seed give the same
        attributes, run after run.
    max_concepts, min_papers : which concepts the map draws
        (:func:`papergraph.concept_map.select_concepts`); the selection is described in
        ``G.graph["map"]`` (:data:`~papergraph.schema.MAP_DESCRIPTION`).
    progress : show a progress bar on standard error.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiGraph()
    >>> for c in ("GPU", "CUDA"):
    ...     G.add_node("concept:" + c.lower(), kind="concept", label=c, n_papers=2)
    >>> for p in ("arxiv:1", "arxiv:2"):
    ...     G.add_node(p, kind="paper", label=p)
    ...     for c in ("concept:gpu", "concept:cuda"):
    ...         _ = G.add_edge(p, c, "mentions", kind="mentions", weight=1.0, count=1.0)
    >>> analyse_graph(G)
    >>> G.nodes["concept:gpu"]["community"], G.nodes["concept:gpu"]["on_map"], G.nodes["arxiv:1"]["on_map"]
    (0, True, False)
    >>> G.nodes["concept:gpu"]["degree"]
    2
    """
    nodes = sorted(G)
    edges = _EdgeArrays.of(G, {node: i for i, node in enumerate(nodes)})
    _analyse(G.graph, nodes, [G.nodes[node] for node in nodes], edges, seed=seed, max_concepts=max_concepts,
             min_papers=min_papers, progress=progress)


def analyse_data(
    data: GraphData,
    *,
    seed: int = 42,
    max_concepts: int = MAX_CONCEPTS,
    min_papers: int | None = None,
    progress: bool = False,
) -> None:
    """:func:`analyse_graph` of the columnar graph (:func:`papergraph.graph.build_data`), in place.

    The attributes are those ``analyse_graph`` gives ``data.to_networkx()``, value for value.
    """
    with cyclic_gc_paused():  # a million edges as lists for igraph, and no reference cycles
        _analyse(data.attributes, data.nodes, data.node_data, _EdgeArrays.of_data(data),
                 seed=seed, max_concepts=max_concepts, min_papers=min_papers, progress=progress)


def _analyse(attributes: dict, nodes: list[str], node_data: list[dict], edges: _EdgeArrays, *, seed: int,
             max_concepts: int, min_papers: int | None, progress: bool) -> None:
    """Analyse the graph of ``nodes`` (sorted), their attributes ``node_data`` and ``edges`` (:func:`analyse_graph`)."""
    steps = tqdm(total=3, desc="analyse graph", unit="step", disable=not progress)
    data_of = dict(zip(nodes, node_data, strict=True))
    mentions = _mentions(node_data, nodes, edges)
    selection, X = selection_of(data_of, mentions, max_concepts=max_concepts, min_papers=min_papers)
    cmap = map_of(selection, X, seed=seed)
    attributes[MAP_DESCRIPTION] = cmap.selection.description()
    _place(data_of, nodes, edges, cmap, X, mentions, seed)
    labels = _labels({node: data[COMMUNITY] for node, data in data_of.items()}, data_of, mentions, top=3)
    for data in node_data:
        data[COMMUNITY_LABEL] = ", ".join(labels[data[COMMUNITY]])
    steps.update()

    n = len(nodes)
    degree = np.bincount(edges.u, minlength=n) + np.bincount(edges.v, minlength=n)
    # Raw counts, as VOSviewer's total link strength: normalised weights such as
    # association strength are largest for the rarest concepts and would rank them first.
    strength = np.bincount(edges.u, edges.count, minlength=n) + np.bincount(edges.v, edges.count, minlength=n)
    pagerank = _pagerank(n, edges)
    # As Python numbers: indexing an array for each of 180k nodes costs more than the rounding.
    for data, d, s, p in zip(node_data, degree.tolist(), strength.tolist(), pagerank, strict=True):
        data[DEGREE] = d
        data[WEIGHTED_DEGREE] = round(s, ROUND)
        data[PAGERANK] = float(f"{p:.6g}")
    steps.update(2)
    steps.close()


@dataclass(frozen=True)
class _EdgeArrays:
    """Every edge of a graph once, as arrays: its ends (node positions), kind, weight and count."""

    u: np.ndarray
    v: np.ndarray
    kind: np.ndarray  # positions in ``kinds``
    kinds: tuple[str, ...]
    weight: np.ndarray
    count: np.ndarray  # the raw ``count``, 1 where an edge has none (as networkx's degree counts it)

    @classmethod
    def of(cls, G: nx.MultiGraph, index: dict[str, int]) -> _EdgeArrays:
        kinds: dict[str, int] = {}
        ends, codes, weights, counts = [], [], [], []
        for u, v, key, data in G.edges(keys=True, data=True):
            ends.append((index[u], index[v]))
            codes.append(kinds.setdefault(data.get(KIND, key), len(kinds)))
            weights.append(data.get(WEIGHT, 1.0))
            counts.append(data.get(COUNT, 1.0))
        pairs = np.array(ends, dtype=np.int64).reshape(-1, 2)
        return cls(pairs[:, 0], pairs[:, 1], np.array(codes, dtype=np.int64), tuple(kinds),
                   np.array(weights, dtype=np.float64), np.array(counts, dtype=np.float64))

    @classmethod
    def of_data(cls, data: GraphData) -> _EdgeArrays:
        """The edges in the order :meth:`of` lists those of ``data.to_networkx()``, whose float sums
        (PageRank's mean weight per kind, its merged pairs) then add up the same, bit for bit.

        networkx lists an edge under its end inserted first (the smaller position), by when the
        pair was first tied, then by when the edge was added.
        """
        blocks = data.edges
        u = np.concatenate([b.u for b in blocks]) if blocks else np.zeros(0, dtype=np.int64)
        v = np.concatenate([b.v for b in blocks]) if blocks else np.zeros(0, dtype=np.int64)
        low, high = np.minimum(u, v), np.maximum(u, v)
        added = np.arange(len(u))
        _, first, inverse = np.unique(low * max(len(data.nodes), 1) + high, return_index=True, return_inverse=True)
        order = np.lexsort((added, first[inverse], low))
        kind = np.repeat(np.arange(len(blocks), dtype=np.int64), [len(b) for b in blocks])
        weight = np.concatenate([b.weight for b in blocks]) if blocks else np.zeros(0)
        count = np.concatenate([b.count for b in blocks]) if blocks else np.zeros(0)
        return cls(low[order], high[order], kind[order], tuple(b.kind for b in blocks), weight[order], count[order])


def _mentions(node_data: list[dict], nodes: list[str], edges: _EdgeArrays) -> Mentions:
    """The graph's mentions, from its edge arrays (no second walk over the graph)."""
    kind = np.array([data.get(KIND) for data in node_data], dtype=object)
    is_paper, is_concept = kind == PAPER, kind == CONCEPT
    # A node's position among the papers (or the concepts): both are in sorted id order.
    paper_rank, concept_rank = np.cumsum(is_paper) - 1, np.cumsum(is_concept) - 1
    code = edges.kinds.index(MENTIONS) if MENTIONS in edges.kinds else -1
    chosen = edges.kind == code
    u, v = edges.u[chosen], edges.v[chosen]
    paper = np.where(is_paper[u], u, v)
    concept = np.where(is_paper[u], v, u)
    keep = is_paper[paper] & is_concept[concept]
    return Mentions.from_pairs(
        tuple(n for n, p in zip(nodes, is_paper, strict=True) if p),
        tuple(n for n, c in zip(nodes, is_concept, strict=True) if c),
        paper_rank[paper[keep]],
        concept_rank[concept[keep]],
    )


def _pagerank(n: int, edges: _EdgeArrays) -> list[float]:
    """PageRank on one undirected edge per adjacent pair, each weighted relative to its kind's mean.

    Association strengths, counts and cosines of different scales then add up fairly.
    """
    if n == 0:
        return []
    per_kind = np.bincount(edges.kind, minlength=len(edges.kinds))
    means = np.bincount(edges.kind, edges.weight, minlength=len(edges.kinds)) / np.maximum(per_kind, 1)
    relative = edges.weight / np.where(means > 0, means, 1.0)[edges.kind]
    low, high = np.minimum(edges.u, edges.v), np.maximum(edges.u, edges.v)
    merged = sparse.coo_matrix((relative, (low, high)), shape=(n, n)).tocsr()
    merged.sum_duplicates()
    merged.eliminate_zeros()
    pairs = merged.tocoo()
    H = igraph.Graph(n=n, edges=np.column_stack([pairs.row, pairs.col]).tolist())  # igraph reads lists quickest
    H.es[WEIGHT] = pairs.data
    return H.pagerank(weights=WEIGHT, directed=False)


def _place(data_of: Mapping[str, dict], nodes: list[str], edges: _EdgeArrays, cmap: ConceptMap,
           X: sparse.csr_matrix, mentions: Mentions, seed: int) -> None:
    """Give every node ``on_map``, ``community``, ``x`` and ``y``, following the concept map."""
    papers = mentions.papers
    drawn = cmap.selection.concepts
    drawn_set = set(drawn)
    others = [c for c in mentions.concepts if c not in drawn_set]
    n_clusters = int(cmap.cluster.max()) + 1 if len(drawn) else 0
    extent = np.abs(cmap.xy).max() if len(drawn) else 0.0
    scale = _LAYOUT_EXTENT / extent if extent > 0 else 1.0
    xy = cmap.xy * scale
    rng = np.random.default_rng(seed)
    community: dict[str, int] = {}
    position: dict[str, np.ndarray] = {}
    for node, c, p in zip(drawn, cmap.cluster.tolist(), xy, strict=True):
        community[node], position[node] = c, p

    def follow(members: Sequence[str], M: sparse.csr_matrix, cluster_of: np.ndarray, at: np.ndarray) -> None:
        """Rows of ``M`` tie ``members`` to placed columns: majority cluster, mean position."""
        M = M.tocsr()
        onehot = sparse.csr_matrix(
            (np.ones(len(cluster_of)), (np.arange(len(cluster_of)), cluster_of)), shape=(len(cluster_of), n_clusters)
        )
        votes = (M @ onehot).toarray()
        ties = np.asarray(M.sum(axis=1)).ravel()
        mean = (M @ at) / np.maximum(ties, 1)[:, None]
        jitter = rng.normal(0.0, _SPREAD * _LAYOUT_EXTENT, size=(len(members), 2))
        for i in np.flatnonzero(ties > 0).tolist():
            community[members[i]] = int(np.argmax(votes[i]))
            position[members[i]] = mean[i] + jitter[i]

    if n_clusters:
        follow(papers, X, cmap.cluster, xy)
        placed = [i for i, p in enumerate(papers) if p in community]
        if placed and others:
            Y = mentions.columns(others)[placed].T
            follow(others, Y, np.array([community[papers[i]] for i in placed]),
                   np.array([position[papers[i]] for i in placed]))
    # Nodes the mentions did not reach follow their placed neighbours, in one pass.
    rest = [n for n in nodes if n not in community]
    if rest and n_clusters:
        _follow_neighbours(nodes, edges, rest, community, position, rng)
    # Whatever is still unplaced is one last cluster, on a ring around the map.
    alone = [n for n in rest if n not in community]
    radius = 1.15 * _LAYOUT_EXTENT if n_clusters else _LAYOUT_EXTENT / 2
    for k, node in enumerate(alone):
        angle = 2 * np.pi * k / len(alone)
        community[node] = n_clusters
        position[node] = np.array([radius * np.cos(angle), radius * np.sin(angle)])
    for node, data in data_of.items():
        data[ON_MAP] = node in drawn_set
        data[COMMUNITY] = community[node]
        x, y = position[node].tolist()
        data[LAYOUT_X], data[LAYOUT_Y] = round(x, 3), round(y, 3)


def _follow_neighbours(nodes: list[str], edges: _EdgeArrays, rest: list[str], community: dict[str, int],
                       position: dict[str, np.ndarray], rng: np.random.Generator) -> None:
    """Place each of ``rest``, in turn, in the commonest cluster of its placed neighbours (those
    placed before it included), at their mean position, slightly spread."""
    at = {node: i for i, node in enumerate(nodes)}
    cluster = np.full(len(nodes), -1, dtype=np.int64)
    xy = np.zeros((len(nodes), 2))
    for node, c in community.items():
        cluster[at[node]], xy[at[node]] = c, position[node]
    chosen = np.zeros(len(nodes), dtype=bool)
    chosen[[at[node] for node in rest]] = True
    touching = chosen[edges.u] | chosen[edges.v]
    u, v = edges.u[touching], edges.v[touching]
    ends = sparse.coo_matrix((np.ones(2 * len(u)), (np.r_[u, v], np.r_[v, u])), shape=(len(nodes),) * 2).tocsr()
    ends.sum_duplicates()  # each node's distinct neighbours, sorted
    n_clusters = int(cluster.max()) + 1
    for node in rest:
        i = at[node]
        near = ends.indices[ends.indptr[i]:ends.indptr[i + 1]]
        near = near[cluster[near] >= 0]
        if len(near):
            cluster[i] = int(np.argmax(np.bincount(cluster[near], minlength=n_clusters)))
            xy[i] = np.mean(xy[near], axis=0) + rng.normal(0, _SPREAD * _LAYOUT_EXTENT, 2)
            community[node], position[node] = int(cluster[i]), xy[i]


def cluster_labels(
    G: nx.MultiGraph, *, top: int = 3, mentions: Mentions | None = None
) -> dict[int, tuple[str, ...]]:
    """Name each community by its most characteristic concepts.

    A concept characterises a community when its papers mention it more often than the
    rest of the graph does, scored by Dunning's log-likelihood ratio (G²) over the 2×2
    table of papers in / out of the community that do / do not mention the concept, as
    CiteSpace labels its clusters. A community without papers is named by its own
    concepts, most frequent first; one where nothing stands out, by the concepts its papers
    mention most.

    Parameters
    ----------
    G : a graph whose nodes have ``community`` (set by :func:`analyse_graph`).
    top : how many concept names per community.
    mentions : ``Mentions.of(G)``, when already made.

    Returns
    -------
    dict
        community -> concept labels, best first.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiGraph()
    >>> for c, community in (("concept:lora", 0), ("concept:gpu", 1)):
    ...     G.add_node(c, kind="concept", label=c[8:].upper(), n_papers=1, community=community)
    >>> for p, c, community in (("arxiv:1", "concept:lora", 0), ("arxiv:2", "concept:gpu", 1)):
    ...     G.add_node(p, kind="paper", label=p, community=community)
    ...     _ = G.add_edge(p, c, "mentions", kind="mentions", weight=1.0)
    >>> cluster_labels(G)
    {0: ('LORA',), 1: ('GPU',)}
    """
    return _labels(nx.get_node_attributes(G, COMMUNITY), G.nodes, mentions or Mentions.of(G), top=top)


def _labels(community_of: Mapping[str, int], data_of: Mapping[str, dict], mentions: Mentions, *,
            top: int) -> dict[int, tuple[str, ...]]:
    """:func:`cluster_labels` from each node's community and attributes."""
    concepts, papers, X = mentions.concepts, mentions.papers, mentions.matrix
    n_communities = max(community_of.values(), default=-1) + 1
    membership = np.array([community_of[p] for p in papers], dtype=np.int64)
    M = sparse.csr_matrix(
        (np.ones(len(papers)), (membership, np.arange(len(papers)))), shape=(n_communities, len(papers))
    )
    inside = (M @ X).tocoo()
    size = np.asarray(M.sum(axis=1)).ravel()
    df = np.asarray(X.sum(axis=0)).ravel()
    scores = _log_likelihood(inside.data, size[inside.row], df[inside.col], float(len(papers)))

    best: dict[int, list[tuple[int, float, str]]] = {c: [] for c in range(n_communities)}
    columns = (inside.row.tolist(), inside.col.tolist(), inside.data.tolist(), scores.tolist())
    for community, j, a, score in zip(*columns, strict=True):
        label = data_of[concepts[j]][LABEL]
        best[community].append((0, -round(score, ROUND), label) if score > 0 else (1, -a, label))
    for concept in concepts:
        community = community_of[concept]
        if size[community] == 0:
            best[community].append((2, -data_of[concept].get(N_PAPERS, 0), data_of[concept][LABEL]))
    labels = {}
    for community, ranked in best.items():
        ranked.sort()
        tier = ranked[0][0] if ranked else 0
        labels[community] = tuple(label for t, _, label in ranked if t == tier)[:top]
    return labels


def _log_likelihood(a: np.ndarray, size: np.ndarray, df: np.ndarray, n: float) -> np.ndarray:
    """Dunning's G² of a concept in a community, signed: negative when under-represented.

    ``a`` papers of the community (of ``size``) mention the concept, ``df`` of all ``n`` do.
    """
    observed = np.stack([a, size - a, df - a, n - size - df + a])
    expected = np.stack([size * df, size * (n - df), (n - size) * df, (n - size) * (n - df)]) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    g2 = 2 * terms.sum(axis=0)
    return np.where(a / np.maximum(size, 1) > df / n, g2, -g2)


def communities_frame(G: nx.MultiGraph) -> pd.DataFrame:
    """One row per community: number, label, size, papers, concepts; largest first.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiGraph()
    >>> G.add_node("concept:gpu", kind="concept", label="GPU", community=0, community_label="GPU")
    >>> G.add_node("arxiv:1", kind="paper", label="A", community=0, community_label="GPU")
    >>> communities_frame(G).to_dict("records")
    [{'community': 0, 'label': 'GPU', 'size': 2, 'papers': 1, 'concepts': 1}]
    """
    rows: dict[int, dict] = {}
    for _, data in sorted(G.nodes(data=True), key=lambda item: item[0]):
        row = rows.setdefault(data[COMMUNITY], {COMMUNITY: data[COMMUNITY], LABEL: data[COMMUNITY_LABEL],
                                                  "size": 0, "papers": 0, "concepts": 0})
        row["size"] += 1
        row["papers" if data[KIND] == PAPER else "concepts"] += 1
    import pandas as pd  # here: the build itself makes no table

    frame = pd.DataFrame([rows[c] for c in sorted(rows)], columns=[COMMUNITY, LABEL, "size", "papers", "concepts"])
    return frame
