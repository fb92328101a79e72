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
    "COMMUNITY", "COMMUNITY_LABEL",
    "MULTI_VALUED", "LIST_SEPARATOR", "ROUND", "split_values",
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
# Concept node attributes (TYPE is an artifact's type too).
TYPE = "type"
TYPES = "types"
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
# Node attributes that analyse_graph adds: the community's number (0 = largest) and its label.
COMMUNITY = "community"
COMMUNITY_LABEL = "community_label"

#: The attributes holding several values: tuples in the graph, joined with LIST_SEPARATOR in files.
MULTI_VALUED = frozenset({TYPES, "aliases", "pages", "dates", "sources", PAPERS, "concepts", "artifacts"})
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


#: The exports ``papergraph build`` writes (``--formats``), in the order written.
EXPORT_FORMATS: tuple[str, ...] = ("graphml", "gexf", "vosviewer", "html", "csv")

#: How many ids of the papers behind an edge the exports list by default (``--max-papers``);
#: the edge's ``count`` stays exact.
EDGE_PAPERS_SHOWN = 10

#: The orders ``papergraph trends`` lists concepts in (``--sort``): strongest evidence of a
#: rise or fall first, most papers first, strongest burst first.
TREND_SORTS: tuple[str, ...] = ("change", "papers", "burst")
