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

import igraph
import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse
from tqdm import tqdm

from papergraph.concept_map import (
    MAP_DESCRIPTION,
    MAX_CONCEPTS,
    ON_MAP,
    ConceptMap,
    concept_map,
    mentions_matrix,
)
from papergraph.graph import ROUND

__all__ = ["analyse_graph", "cluster_labels", "communities_frame"]

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
        ``G.graph["map"]`` (:data:`~papergraph.concept_map.MAP_DESCRIPTION`).
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
    steps = tqdm(total=3, desc="analyse graph", unit="step", disable=not progress)
    cmap, X = concept_map(G, max_concepts=max_concepts, min_papers=min_papers, seed=seed)
    G.graph[MAP_DESCRIPTION] = cmap.selection.description()
    _place(G, cmap, X, seed)
    labels = cluster_labels(G)
    for node in nodes:
        G.nodes[node]["community_label"] = ", ".join(labels[G.nodes[node]["community"]])
    steps.update()

    H = _to_igraph(G, nodes)
    pagerank = H.pagerank(weights="weight", directed=False) if nodes else []
    for node, rank in zip(nodes, pagerank, strict=True):
        data = G.nodes[node]
        data["degree"] = G.degree(node)
        # Raw counts, as VOSviewer's total link strength: normalised weights such as
        # association strength are largest for the rarest concepts and would rank them first.
        data["weighted_degree"] = round(float(G.degree(node, weight="count")), ROUND)
        data["pagerank"] = float(f"{rank:.6g}")
    steps.update(2)
    steps.close()


def _place(G: nx.MultiGraph, cmap: ConceptMap, X: sparse.csr_matrix, seed: int) -> None:
    """Give every node ``on_map``, ``community``, ``x`` and ``y``, following the concept map."""
    kind = nx.get_node_attributes(G, "kind")
    papers = sorted(n for n, k in kind.items() if k == "paper")
    drawn = cmap.selection.concepts
    drawn_set = set(drawn)
    others = sorted(n for n, k in kind.items() if k != "paper" and n not in drawn_set)
    n_clusters = int(cmap.cluster.max()) + 1 if len(drawn) else 0
    extent = np.abs(cmap.xy).max() if len(drawn) else 0.0
    scale = _LAYOUT_EXTENT / extent if extent > 0 else 1.0
    xy = cmap.xy * scale
    rng = np.random.default_rng(seed)
    community: dict[str, int] = {}
    position: dict[str, np.ndarray] = {}
    for node, c, p in zip(drawn, cmap.cluster.tolist(), xy, strict=True):
        community[node], position[node] = c, p

    def follow(members: list[str], M: sparse.csr_matrix, cluster_of: np.ndarray, at: np.ndarray) -> None:
        """Rows of ``M`` tie ``members`` to placed columns: majority cluster, mean position."""
        M = M.tocsr()
        onehot = sparse.csr_matrix(
            (np.ones(len(cluster_of)), (np.arange(len(cluster_of)), cluster_of)), shape=(len(cluster_of), n_clusters)
        )
        votes = (M @ onehot).toarray()
        ties = np.asarray(M.sum(axis=1)).ravel()
        mean = (M @ at) / np.maximum(ties, 1)[:, None]
        jitter = rng.normal(0.0, _SPREAD * _LAYOUT_EXTENT, size=(len(members), 2))
        for i in np.flatnonzero(ties > 0):
            community[members[i]] = int(np.argmax(votes[i]))
            position[members[i]] = mean[i] + jitter[i]

    if n_clusters:
        follow(papers, X, cmap.cluster, xy)
        placed = [p for p in papers if p in community]
        if placed and others:
            Y = mentions_matrix(G, placed, others).T
            follow(others, Y, np.array([community[p] for p in placed]), np.array([position[p] for p in placed]))
    # Nodes the mentions did not reach follow their placed neighbours, in one pass.
    rest = [n for n in sorted(G) if n not in community]
    for node in rest:
        near = sorted(v for v in G.adj[node] if v in community)
        if near and n_clusters:
            counts = np.bincount([community[v] for v in near], minlength=n_clusters)
            community[node] = int(np.argmax(counts))
            position[node] = np.mean([position[v] for v in near], axis=0) + rng.normal(0, _SPREAD * _LAYOUT_EXTENT, 2)
    # Whatever is still unplaced is one last cluster, on a ring around the map.
    alone = [n for n in rest if n not in community]
    radius = 1.15 * _LAYOUT_EXTENT if n_clusters else _LAYOUT_EXTENT / 2
    for k, node in enumerate(alone):
        angle = 2 * np.pi * k / len(alone)
        community[node] = n_clusters
        position[node] = np.array([radius * np.cos(angle), radius * np.sin(angle)])
    for node, data in G.nodes(data=True):
        data[ON_MAP] = node in drawn_set
        data["community"] = community[node]
        data["x"], data["y"] = (round(float(v), 3) for v in position[node])


def _to_igraph(G: nx.MultiGraph, nodes: list[str]) -> igraph.Graph:
    """One undirected igraph edge per adjacent pair, weights relative to their kind's mean."""
    index = {node: i for i, node in enumerate(nodes)}
    kinds: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    weights: list[float] = []
    kind_of: list[int] = []
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
    kind_index = np.asarray(kind_of, dtype=np.int64)
    raw = np.asarray(weights, dtype=np.float64)
    means = np.bincount(kind_index, raw, len(kinds)) / np.maximum(np.bincount(kind_index, minlength=len(kinds)), 1)
    relative = raw / np.where(means > 0, means, 1.0)[kind_index]
    merged = sparse.coo_matrix((relative, (rows, cols)), shape=(len(nodes), len(nodes))).tocsr()
    merged.sum_duplicates()
    merged.eliminate_zeros()
    pairs = merged.tocoo()
    H = igraph.Graph(n=len(nodes), edges=np.column_stack([pairs.row, pairs.col]).tolist())
    H.es["weight"] = pairs.data.tolist()
    return H


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
    columns = (inside.row.tolist(), inside.col.tolist(), inside.data.tolist(), scores.tolist())
    for community, j, a, score in zip(*columns, strict=True):
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
        row = rows.setdefault(data["community"], {"community": data["community"], "label": data["community_label"],
                                                  "size": 0, "papers": 0, "concepts": 0})
        row["size"] += 1
        row["papers" if data["kind"] == "paper" else "concepts"] += 1
    frame = pd.DataFrame([rows[c] for c in sorted(rows)], columns=["community", "label", "size", "papers", "concepts"])
    return frame
