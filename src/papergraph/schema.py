"""The graph schema in one place: node kinds, edge kinds, concept types, attribute names, export formats.

Every stage and exporter names these through the constants here, never as string literals,
so a name changes in one line. The full description of the graph (which attribute each node
and edge carries, and what it means) is in :mod:`papergraph.graph`.
"""

from __future__ import annotations

__all__ = [
    "PAPER", "CONCEPT", "ARTIFACT", "NODE_KINDS",
    "MENTIONS", "CO_OCCURS", "CO_LISTED", "SHARES_CONCEPTS", "RELEASES", "SHARES_ARTIFACTS", "EDGE_KINDS",
    "METHOD", "MODEL", "HARDWARE", "DATASET", "CONCEPT_TYPES", "ARTIFACT_TYPES",
    "KIND", "LABEL", "TYPE", "TYPES", "URL", "FIRST_SEEN", "MEAN_DATE", "PUBLISHED", "WEIGHT", "COUNT", "PAPERS",
    "TITLE", "ABSTRACT", "ARXIV_ID", "N_LISTINGS", "PAGES", "DATES", "SOURCES", "ALIASES", "N_PAPERS",
    "CONCEPTS", "ARTIFACTS",
    "COMMUNITY", "COMMUNITY_LABEL", "DEGREE", "WEIGHTED_DEGREE", "PAGERANK", "LAYOUT_X", "LAYOUT_Y", "ON_MAP",
    "MAP_DESCRIPTION",
    "DROPPED", "MULTI_VALUED", "LIST_SEPARATOR", "ROUND", "split_values", "shorten",
    "EXPORT_FORMATS", "EDGE_PAPERS_SHOWN", "TREND_SORTS",
]

# Node kinds: the value of every node's KIND attribute.
PAPER = "paper"
CONCEPT = "concept"
ARTIFACT = "artifact"
#: The kinds of node.
NODE_KINDS: tuple[str, ...] = (PAPER, CONCEPT, ARTIFACT)

# Edge kinds: the value of every edge's KIND attribute, and its key among parallel edges.
MENTIONS = "mentions"
CO_OCCURS = "co_occurs"
CO_LISTED = "co_listed"
SHARES_CONCEPTS = "shares_concepts"
RELEASES = "releases"
SHARES_ARTIFACTS = "shares_artifacts"
#: The edge kinds of the knowledge graph, in the order they are built and written.
EDGE_KINDS: tuple[str, ...] = (MENTIONS, CO_OCCURS, CO_LISTED, SHARES_CONCEPTS, RELEASES, SHARES_ARTIFACTS)

# Concept types.
METHOD = "method"
MODEL = "model"
HARDWARE = "hardware"
DATASET = "dataset"
#: The four concept types, in the order used for display and colour legends.
CONCEPT_TYPES: tuple[str, ...] = (METHOD, MODEL, HARDWARE, DATASET)
#: The artifact types (:mod:`papergraph.artifacts`), in display order.
ARTIFACT_TYPES: tuple[str, ...] = ("code", "model", "dataset", "page")

# Attribute names shared by nodes and edges of every kind.
KIND = "kind"
LABEL = "label"
# Paper node attributes; PAGES, DATES and SOURCES are tuples.
TITLE = "title"
ABSTRACT = "abstract"
ARXIV_ID = "arxiv_id"
N_LISTINGS = "n_listings"
PAGES = "pages"
DATES = "dates"
SOURCES = "sources"
# Concept node attributes (TYPE is an artifact's type too, N_PAPERS an artifact's count too).
TYPE = "type"
TYPES = "types"
ALIASES = "aliases"
N_PAPERS = "n_papers"
# Artifact node attributes.
URL = "url"
# Dates (ISO strings, papergraph.dates): a paper's first_seen and published; a concept's or
# artifact's first_seen (its earliest paper's) and mean_date (the mean of its papers').
FIRST_SEEN = "first_seen"
MEAN_DATE = "mean_date"
PUBLISHED = "published"
# Edge attributes.
WEIGHT = "weight"
COUNT = "count"
PAPERS = "papers"
# Edge attributes of paper-paper ties: what two papers share (co_listed: PAGES).
CONCEPTS = "concepts"
ARTIFACTS = "artifacts"
# Node attributes that analyse_graph adds: the community's number (0 = largest) and its label.
COMMUNITY = "community"
COMMUNITY_LABEL = "community_label"
# ... and each node's centrality: its degree, its degree weighted by WEIGHT, its PageRank.
DEGREE = "degree"
WEIGHTED_DEGREE = "weighted_degree"
PAGERANK = "pagerank"
# ... and its place in the layout.
LAYOUT_X = "x"
LAYOUT_Y = "y"
#: Node attribute set by :func:`papergraph.analyse.analyse_graph`: True for the concepts the map draws.
ON_MAP = "on_map"
#: Graph attribute set by :func:`papergraph.analyse.analyse_graph`: what the map draws and leaves out
#: (:meth:`papergraph.concept_map.MapSelection.description`).
MAP_DESCRIPTION = "map"

#: The prefix of the graph's own attributes that count what the thresholds left out, per kind of
#: edge or node ("dropped_co_occurs", "dropped_concepts", ...).
DROPPED = "dropped_"

#: The attributes holding several values: tuples in the graph, joined with LIST_SEPARATOR in files.
MULTI_VALUED = frozenset({TYPES, ALIASES, PAGES, DATES, SOURCES, PAPERS, CONCEPTS, ARTIFACTS})
#: How files (and ``KnowledgeGraph.graph``) join the values of a multi-valued attribute.
LIST_SEPARATOR = "; "
#: Decimals every weight is rounded to.
ROUND = 6


def split_values(text: str) -> tuple[str, ...]:
    """The values of a multi-valued attribute from their joined text (the inverse of joining them).

    >>> split_values("bert; BERT-base"), split_values("")
    (('bert', 'BERT-base'), ())
    """
    return tuple(text.split(LIST_SEPARATOR)) if text else ()


def shorten(text: str, width: int) -> str:
    """A value cut to ``width`` characters for display (terminal tables, plot titles), "…" marking the cut.

    >>> shorten("Low-Rank Adaptation", 8), shorten("LoRA", 8)
    ('Low-Ran…', 'LoRA')
    """
    return text if len(text) <= width else text[: width - 1] + "…"


#: The exports ``papergraph build`` writes (``--formats``), in the order written.
EXPORT_FORMATS: tuple[str, ...] = ("graphml", "gexf", "vosviewer", "html", "csv")

#: How many ids of the papers behind an edge the exports list by default (``--max-papers``);
#: the edge's ``count`` stays exact.
EDGE_PAPERS_SHOWN = 10

#: The orders ``papergraph trends`` lists concepts in (``--sort``): strongest evidence of a
#: rise or fall first, most papers first, strongest burst first.
TREND_SORTS: tuple[str, ...] = ("change", "papers", "burst")
