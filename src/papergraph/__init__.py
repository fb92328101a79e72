"""papergraph: turn listings of research papers into a typed, weighted knowledge graph.

The pipeline, one module per stage::

    listings  ->  resolve  ->  extract  ->  graph  ->  analyse  ->  readwrite
    (read)        (papers)     (concepts)   (edges)    (clusters,   (GraphML, GEXF, VOSviewer,
                                                        layout)       HTML, CSV)

:mod:`papergraph.api` chains them; :func:`build` is the one call most users need.
"""

from papergraph.api import Corpus, KnowledgeGraph, Summary, build, extract_corpus, read_corpus
from papergraph.errors import PapergraphError
from papergraph.readwrite.tables import read_edges, read_nodes
from papergraph.types import CONCEPT_TYPES, EDGE_KINDS, Concept, Extraction, Listing, Mention, Paper

__all__ = [
    "build",
    "read_corpus",
    "extract_corpus",
    "read_nodes",
    "read_edges",
    "KnowledgeGraph",
    "Corpus",
    "Summary",
    "PapergraphError",
    "Listing",
    "Paper",
    "Concept",
    "Mention",
    "Extraction",
    "CONCEPT_TYPES",
    "EDGE_KINDS",
]
