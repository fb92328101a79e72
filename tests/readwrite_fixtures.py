"""Small hand-built graphs following the GRAPH SCHEMA of papergraph.graph, for exporter tests.

The text of the papers is hostile on purpose: every C0 control character, CR/LF, a lone
surrogate, markup that would run as script in a careless HTML page, XML specials and emoji.
"""

from __future__ import annotations

import networkx as nx

#: Every C0 control character, in order.
CONTROLS = "".join(chr(code) for code in range(0x20))

#: Text that breaks naive XML, HTML, CSV and JSON writers.
HOSTILE = (
    "Scaling \"LoRA\" & 'QLoRA' ]]> <img src=x onerror=alert(1)></script><script>alert(2)</script>"
    f" ctl[{CONTROLS}] lone[\ud800] pair[\ud83d\ude00] emoji[\N{ROCKET}\N{FACE WITH TEARS OF JOY}] crlf[a\r\nb\rc]"
    " =cmd|' /C calc'!A0 \x7f\x85\ufffe\uffff end"
)

PAPER_A = "arxiv:2401.00001"
PAPER_B = "title:0123456789ab"
LORA, LLAMA, H100, IMAGENET = "concept:lora", "concept:llama", "concept:h100", "concept:imagenet"


def schema_graph(*, reverse: bool = False) -> nx.MultiGraph:
    """Two papers and four concepts (one per type), every edge kind, analysed.

    ``reverse=True`` inserts nodes, edges and attributes in the opposite order, for
    tests that the output does not depend on insertion order.
    """
    nodes = [
        (PAPER_A, {
            "kind": "paper", "label": "Hostile " + HOSTILE, "title": "Hostile " + HOSTILE,
            "abstract": HOSTILE + "\nSecond line.", "arxiv_id": "2401.00001", "n_listings": 2,
            "pages": ("hf-2024-01-02", "hf-2024-01-03 <b>"), "dates": ("2024-01-02", "2024-01-03"),
            "sources": ("days/2024-01-02.json",),
            "community": 0, "community_label": "LoRA & fine-tuning <i>", "degree": 5,
            "weighted_degree": 7.5, "pagerank": 0.25, "x": 0.125, "y": -0.5,
        }),
        (PAPER_B, {
            "kind": "paper", "label": "A plain paper", "title": "A plain paper",
            "abstract": "", "arxiv_id": "", "n_listings": 1,
            "pages": ("hf-2024-01-02",), "dates": (), "sources": ("days/2024-01-02.json",),
            "community": 1, "community_label": "vision", "degree": 3,
            "weighted_degree": 2.0, "pagerank": 0.125, "x": -0.75, "y": 0.25,
        }),
        (LORA, {
            "kind": "concept", "label": "LoRA", "type": "method", "types": ("method",),
            "aliases": ("low-rank adaptation", "LoRA <img src=x onerror=alert(1)>"), "n_papers": 2,
            "community": 0, "community_label": "LoRA & fine-tuning <i>", "degree": 4,
            "weighted_degree": 6.0, "pagerank": 0.2, "x": 0.25, "y": -0.25,
        }),
        (LLAMA, {
            "kind": "concept", "label": "Llama \N{LLAMA}", "type": "model", "types": ("model", "method"),
            "aliases": ("LLaMA",), "n_papers": 1,
            "community": 0, "community_label": "LoRA & fine-tuning <i>", "degree": 2,
            "weighted_degree": 3.0, "pagerank": 0.15, "x": 0.5, "y": 0.0,
        }),
        (H100, {
            "kind": "concept", "label": "H100", "type": "hardware", "types": ("hardware",),
            "aliases": (), "n_papers": 1,
            "community": 1, "community_label": "vision", "degree": 2,
            "weighted_degree": 1.0, "pagerank": 0.1, "x": -0.5, "y": 0.75,
        }),
        (IMAGENET, {
            "kind": "concept", "label": "ImageNet", "type": "dataset", "types": ("dataset",),
            "aliases": ("ILSVRC",), "n_papers": 1,
            "community": 1, "community_label": "vision", "degree": 2,
            "weighted_degree": 0.0, "pagerank": 0.05, "x": -1.0, "y": 1.0,
        }),
    ]
    edges = [
        (PAPER_A, LORA, "mentions", {"weight": 3.0, "count": 3.0, "papers": (PAPER_A,)}),
        (PAPER_A, LLAMA, "mentions", {"weight": 1.0, "count": 1.0, "papers": (PAPER_A,)}),
        (IMAGENET, PAPER_B, "mentions", {"weight": 2.0, "count": 2.0, "papers": (PAPER_B,)}),
        (PAPER_B, H100, "mentions", {"weight": 1.0, "count": 1.0, "papers": (PAPER_B,)}),
        (LORA, LLAMA, "co_occurs", {"weight": 0.75, "count": 1.0, "papers": (PAPER_A,)}),
        (IMAGENET, H100, "co_occurs", {"weight": 1.0 / 3.0, "count": 1.0, "papers": (PAPER_B,)}),
        (LORA, H100, "co_occurs", {"weight": 0.1, "count": 1.0, "papers": (PAPER_A, PAPER_B)}),
        (PAPER_B, PAPER_A, "co_listed", {"weight": 0.5, "count": 1.0, "papers": (PAPER_A, PAPER_B),
                                          "pages": ("hf-2024-01-02",)}),
        (PAPER_A, PAPER_B, "shares_concepts", {"weight": 0.2, "count": 1.0, "papers": (PAPER_A, PAPER_B),
                                               "concepts": (LORA,)}),
    ]
    graph_attrs = {"name": "papergraph", "dropped_co_listed": 0, "dropped_shares_concepts": 1, "dropped_concepts": 2}
    G = nx.MultiGraph()
    order = reversed if reverse else iter
    G.graph.update(dict(order(list(graph_attrs.items()))))
    for node, data in order(nodes):
        G.add_node(node, **dict(order(list(data.items()))))
    for u, v, kind, data in order(edges):
        if reverse:
            u, v = v, u
        G.add_edge(u, v, key=kind, kind=kind, **dict(order(list(data.items()))))
    return G
