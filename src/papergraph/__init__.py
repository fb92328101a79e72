"""papergraph: turn listings of research papers into a typed, weighted knowledge graph.

The pipeline, one module per stage::

    listings  ->  resolve  ->  extract  ->  graph  ->  analyse  ->  readwrite
    (read)        (papers)     (concepts)   (edges)    (clusters,   (GraphML, GEXF, VOSviewer,
                                                        layout)       HTML, CSV)

:mod:`papergraph.api` chains them; :func:`build` is the one call most users need.

The names below are imported on first use, so that ``import papergraph`` (and
``papergraph --help``) does not load networkx, pandas and scipy before they are needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from papergraph.errors import PapergraphError
from papergraph.schema import CONCEPT_TYPES, EDGE_KINDS
from papergraph.types import Concept, Extraction, Listing, Mention, Paper

if TYPE_CHECKING:
    from papergraph.api import Corpus, KnowledgeGraph, Summary, build, extract_corpus, load, read_corpus
    from papergraph.readwrite.tables import read_edges, read_nodes

__all__ = [
    "build",
    "load",
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

_LAZY = {
    **dict.fromkeys(("build", "load", "read_corpus", "extract_corpus", "KnowledgeGraph", "Corpus", "Summary"),
                    "papergraph.api"),
    **dict.fromkeys(("read_nodes", "read_edges"), "papergraph.readwrite.tables"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'papergraph' has no attribute {name!r}")
