"""Stage 5: analyse the graph: communities with labels, centrality, a seeded layout.

:func:`analyse_graph` adds to every node ``community`` (int, 0 = largest),
``community_label`` (str), ``degree`` (int), ``weighted_degree`` (float), ``pagerank``
(float), ``x`` and ``y`` (float), so exporters and the HTML page need no physics.

The networkx graph is what the user gets; communities, PageRank and the layout are computed
on one igraph copy of it (C code: Leiden and Fruchterman–Reingold take seconds on 100,000
nodes where networkx takes minutes). In that copy the parallel edges of a pair are merged,
each weighted relative to the mean weight of its kind, so that association strengths,
counts and cosines of different scales add up fairly. ``weighted_degree`` is the sum of the
raw ``count`` of a node's edges (VOSviewer's "total link strength").
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager

import igraph
import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse
from tqdm import tqdm

from papergraph.graph import ROUND

__all__ = ["analyse_graph", "cluster_labels", "communities_frame"]

# Fruchterman–Reingold rounds: past about 100 the layout of a large graph hardly moves.
_LAYOUT_ITERATIONS = 100
# Half the width of the square the layout is scaled into.
_LAYOUT_EXTENT = 1000.0


def analyse_graph(G: nx.MultiGraph, *, seed: int = 42, progress: bool = False) -> None:
    """Add communities, their labels, centralities and a layout to the nodes of ``G``, in place.

    Parameters
    ----------
    G : a graph made by :func:`papergraph.graph.build_graph`.
    seed : seed of the Leiden community detection and of the layout: the same graph and
        seed give the same attributes, run after run.
    progress : show a progress bar on standard error.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiGraph()
    >>> G.add_node("concept:gpu", kind="concept", label="GPU", n_papers=2)
    >>> for p in ("arxiv:1", "arxiv:2"):
    ...     G.add_node(p, kind="paper", label=p)
    ...     _ = G.add_edge(p, "concept:gpu", "mentions", kind="mentions", weight=1.0)
    >>> analyse_graph(G)
    >>> G.nodes["concept:gpu"]["community"], G.nodes["concept:gpu"]["community_label"]
    (0, 'GPU')
    >>> G.nodes["concept:gpu"]["degree"]
    2
    """
    nodes = sorted(G)
    steps = tqdm(total=4, desc="analyse graph", unit="step", disable=not progress)
    H = _to_igraph(G, nodes)
    steps.update()

    with _seeded_igraph(seed):
        membership = H.community_leiden(objective_function="modularity", weights="weight").membership
    communities = _renumber(membership)
    for node, community in zip(nodes, communities):
        G.nodes[node]["community"] = community
    labels = cluster_labels(G)
    for node in nodes:
        G.nodes[node]["community_label"] = ", ".join(labels[G.nodes[node]["community"]])
    steps.update()

    pagerank = H.pagerank(weights="weight", directed=False)
    for node, rank in zip(nodes, pagerank):
        data = G.nodes[node]
        data["degree"] = G.degree(node)
        # Raw counts, as VOSviewer's total link strength: normalised weights such as
        # association strength are largest for the rarest concepts and would rank them first.
        data["weighted_degree"] = round(float(G.degree(node, weight="count")), ROUND)
        data["pagerank"] = float(f"{rank:.6g}")
    steps.update()

    for node, (x, y) in zip(nodes, _layout(H, seed)):
        G.nodes[node]["x"] = x
        G.nodes[node]["y"] = y
    steps.update()
    steps.close()


def _to_igraph(G: nx.MultiGraph, nodes: list[str]) -> igraph.Graph:
    """One undirected igraph edge per adjacent pair, weights relative to their kind's mean."""
    index = {node: i for i, node in enumerate(nodes)}
    kinds: dict[str, int] = {}
    rows, cols, weights, kind_of = [], [], [], []
    for u, neighbours in G.adjacency():
        i = index[u]
        for v, keyed in neighbours.items():
            j = index[v]
            if i <= j:
                for kind, data in keyed.items():
                    rows.append(i)
                    cols.append(j)
                    weights.append(data.get("weight", 1.0))
                    kind_of.append(kinds.setdefault(kind, len(kinds)))
    rows, cols, kind_of = (np.asarray(a, dtype=np.int64) for a in (rows, cols, kind_of))
    weights = np.asarray(weights, dtype=np.float64)
    means = np.bincount(kind_of, weights, len(kinds)) / np.maximum(np.bincount(kind_of, minlength=len(kinds)), 1)
    weights = weights / np.where(means > 0, means, 1.0)[kind_of]
    merged = sparse.coo_matrix((weights, (rows, cols)), shape=(len(nodes), len(nodes))).tocsr()
    merged.sum_duplicates()
    merged.eliminate_zeros()
    pairs = merged.tocoo()
    H = igraph.Graph(n=len(nodes), edges=np.column_stack([pairs.row, pairs.col]).tolist())
    H.es["weight"] = pairs.data.tolist()
    return H


@contextmanager
def _seeded_igraph(seed: int) -> Iterator[None]:
    """igraph draws from one process-wide generator: lend it a seeded one, then restore it."""
    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def _renumber(membership: list[int]) -> list[int]:
    """Communities numbered by falling size (0 = largest), ties by their first node."""
    sizes: dict[int, int] = {}
    first: dict[int, int] = {}
    for i, community in enumerate(membership):
        sizes[community] = sizes.get(community, 0) + 1
        first.setdefault(community, i)
    order = sorted(sizes, key=lambda c: (-sizes[c], first[c]))
    rank = {community: r for r, community in enumerate(order)}
    return [rank[c] for c in membership]


def _layout(H: igraph.Graph, seed: int) -> list[tuple[float, float]]:
    """Fruchterman–Reingold from seeded random starts, scaled into a fixed square."""
    if H.vcount() == 0:
        return []
    # Spread the start as igraph does (a square of side sqrt(n)): its grid is sized for it.
    side = np.sqrt(H.vcount()) / 2
    start = np.random.default_rng(seed).uniform(-side, side, size=(H.vcount(), 2)).tolist()
    with _seeded_igraph(seed):
        coords = np.array(H.layout_fruchterman_reingold(
            weights="weight", seed=start, niter=_LAYOUT_ITERATIONS, grid="auto").coords)
    coords -= coords.mean(axis=0)
    extent = np.abs(coords).max()
    if extent > 0:
        coords *= _LAYOUT_EXTENT / extent
    return [(round(float(x), 3), round(float(y), 3)) for x, y in coords]


def cluster_labels(G: nx.MultiGraph, *, top: int = 3) -> dict[int, tuple[str, ...]]:
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
    kind = nx.get_node_attributes(G, "kind")
    community_of = nx.get_node_attributes(G, "community")
    concepts = sorted(n for n, k in kind.items() if k == "concept")
    papers = sorted(n for n, k in kind.items() if k == "paper")
    concept_index = {c: j for j, c in enumerate(concepts)}
    paper_index = {p: i for i, p in enumerate(papers)}
    n_communities = max(community_of.values(), default=-1) + 1

    rows, cols = [], []
    for u, v, edge_kind in G.edges(keys=True):
        if edge_kind == "mentions":
            paper, concept = (u, v) if u in paper_index else (v, u)
            rows.append(paper_index[paper])
            cols.append(concept_index[concept])
    X = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(papers), len(concepts)))
    X.data[:] = 1.0  # a paper mentions a concept or not, however many edges say so
    membership = np.array([community_of[p] for p in papers], dtype=np.int64)
    M = sparse.csr_matrix(
        (np.ones(len(papers)), (membership, np.arange(len(papers)))), shape=(n_communities, len(papers))
    )
    inside = (M @ X).tocoo()
    size = np.asarray(M.sum(axis=1)).ravel()
    df = np.asarray(X.sum(axis=0)).ravel()
    scores = _log_likelihood(inside.data, size[inside.row], df[inside.col], float(len(papers)))

    best: dict[int, list[tuple[int, float, str]]] = {c: [] for c in range(n_communities)}
    for community, j, a, score in zip(inside.row.tolist(), inside.col.tolist(), inside.data.tolist(), scores.tolist()):
        label = G.nodes[concepts[j]]["label"]
        best[community].append((0, -round(score, ROUND), label) if score > 0 else (1, -a, label))
    for concept in concepts:
        community = community_of[concept]
        if size[community] == 0:
            best[community].append((2, -G.nodes[concept].get("n_papers", 0), G.nodes[concept]["label"]))
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
        row = rows.setdefault(data["community"], dict(community=data["community"], label=data["community_label"],
                                                       size=0, papers=0, concepts=0))
        row["size"] += 1
        row["papers" if data["kind"] == "paper" else "concepts"] += 1
    frame = pd.DataFrame([rows[c] for c in sorted(rows)], columns=["community", "label", "size", "papers", "concepts"])
    return frame
