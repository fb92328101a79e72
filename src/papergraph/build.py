"""Stage 4: build the weighted knowledge graph from papers and their concepts.

CONTRACT (to be implemented):
    BuildOptions (frozen dataclass of thresholds and counting choices)
    build_graph(papers, extraction, options: BuildOptions = BuildOptions(), *, progress=False) -> networkx.MultiGraph

GRAPH SCHEMA (shared by builder, analysis, explorer and every exporter)
-----------------------------------------------------------------------
networkx.MultiGraph, undirected; parallel edges keyed by their kind (key == kind).
Node ids: papers "arxiv:<id>" or "title:<hash>"; concepts "concept:<slug>".
Graph attributes: name="papergraph", plus int counts of what thresholds dropped:
    dropped_co_listed, dropped_shares_concepts, dropped_concepts (below min frequency).
Every node:   kind ("paper" | "concept"), label (str)
Paper nodes:  title, abstract, arxiv_id (str, "" if none), n_listings (int),
              pages (tuple[str]), dates (tuple[str]), sources (tuple[str])
Concept nodes: type (primary type str), types (tuple[str]), aliases (tuple[str]),
              n_papers (int)
After analyse_graph: community (int, 0 = largest), community_label (str),
              degree (int), weighted_degree (float), pagerank (float), x (float), y (float)
Every edge:   kind (one of EDGE_KINDS), weight (float), count (float: raw count before
              normalisation), papers (tuple[str]: ids of the papers behind the tie)
  mentions (paper -> concept; u is the paper): weight = occurrences in title+abstract
  co_occurs (concept - concept): count = papers mentioning both; weight = normalised
              (association strength) or the count, per options
  co_listed (paper - paper): pages (tuple[str]) shared; weight full or fractional count
  shares_concepts (paper - paper): concepts (tuple[str] concept ids shared); weight idf-cosine
In memory, multi-valued attributes are tuples; exporters join them into strings.
"""
