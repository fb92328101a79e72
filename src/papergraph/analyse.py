"""Stage 5: analyse the graph: communities with labels, centrality, a seeded layout.

CONTRACT (to be implemented):
    analyse_graph(G: networkx.MultiGraph, *, seed: int = 42, progress: bool = False) -> None
        adds node attributes community, community_label, degree, weighted_degree, pagerank, x, y
"""
