"""How well each candidate layout separates the clusters of the concept map, and at what cost.

For the bundled sample and hf-daily-papers (``../shared/corpora/hf-daily-papers``, skipped when
absent), the concept map is selected and clustered as ``papergraph.analyse`` does it, then laid out
by each candidate:

- Fruchterman-Reingold (igraph) on the association strengths;
- LinLog, the energy model of ForceAtlas2's LinLog mode (attraction d, repulsion log d);
- VOS mapping, VOSviewer's layout (attraction d^2 / 2, repulsion d);
- LinLog and VOS mapping with the ties inside a cluster counted 3 and 5 times (cluster-aware);

and prints the separation ratio (mean distance between two concepts of the same cluster over the
mean distance between any two; 1 = no separation, 0 = every cluster on one spot), the median
distance from a concept to its nearest neighbour over the mean distance (small = labels pile up),
and CPU seconds of the layout alone. papergraph uses the row marked ``*``.

Run: ``.venv/bin/python benchmarks/bench_layout.py``
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import igraph
import numpy as np
from scipy import sparse

import papergraph
from papergraph.concept_map import CLUSTER_BOOST, Mentions, _clusters, select_concepts, separation_ratio, vos_layout

ROOT = Path(__file__).resolve().parent.parent
HF = ROOT / ".." / "shared" / "corpora" / "hf-daily-papers"


def fruchterman_reingold(n, rows, cols, weights, seed):
    H = igraph.Graph(n=n, edges=np.column_stack([rows, cols]))
    H.es["weight"] = weights
    igraph.set_random_number_generator(random.Random(seed))
    try:
        return np.array(H.layout_fruchterman_reingold(weights="weight", niter=500).coords)
    finally:
        igraph.set_random_number_generator(random)


def nearest_share(xy: np.ndarray) -> float:
    distance = np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(-1))
    mean = distance[np.triu_indices(len(xy), 1)].mean()
    np.fill_diagonal(distance, np.inf)
    return float(np.median(distance.min(axis=1)) / mean)


def compare(name: str, G, seed: int = 42) -> None:
    selection, X = select_concepts(G, mentions=Mentions.of(G))
    n = len(selection.concepts)
    occurrences = np.asarray(X.sum(axis=0)).ravel()
    counts = sparse.triu(X.T @ X, k=1).tocoo()
    strength = counts.data / (occurrences[counts.row] * occurrences[counts.col])
    cluster = _clusters(n, counts.row, counts.col, strength, seed)
    same = cluster[counts.row] == cluster[counts.col]
    print(f"{name}: {n} concepts in {cluster.max() + 1} clusters")
    print(f"  {'layout':<34}{'separation':>11}{'nearest':>9}{'cpu s':>8}")
    candidates = [
        ("Fruchterman-Reingold", lambda: fruchterman_reingold(n, counts.row, counts.col, strength, seed)),
        ("LinLog", lambda: vos_layout(n, counts.row, counts.col, strength, seed=seed, attraction=1, repulsion=0)),
        ("VOS mapping", lambda: vos_layout(n, counts.row, counts.col, strength, seed=seed)),
    ]
    for boost in (3.0, 5.0):
        boosted = strength * np.where(same, boost, 1.0)
        candidates += [
            (f"LinLog, cluster ties x{boost:g}",
             lambda w=boosted: vos_layout(n, counts.row, counts.col, w, seed=seed, attraction=1, repulsion=0)),
            (f"VOS mapping, cluster ties x{boost:g}" + (" *" if boost == CLUSTER_BOOST else ""),
             lambda w=boosted: vos_layout(n, counts.row, counts.col, w, seed=seed)),
        ]
    for label, layout in candidates:
        start = time.process_time()
        xy = layout()
        cpu = time.process_time() - start
        print(f"  {label:<34}{separation_ratio(xy, cluster):>11.3f}{nearest_share(xy):>9.3f}{cpu:>8.2f}")


def main() -> None:
    compare("sample", papergraph.build().tuple_graph)
    if HF.is_dir():
        compare("hf-daily-papers", papergraph.build([str(HF)]).tuple_graph)


if __name__ == "__main__":
    main()
