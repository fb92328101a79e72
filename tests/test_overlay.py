"""Dates in the graph and its exports: first seen and mean date on nodes, GEXF's dynamic mode, VOSviewer scores."""

from __future__ import annotations

import io
import json

import networkx as nx
from lxml import etree

from papergraph.graph import FIRST_SEEN, MEAN_DATE, PUBLISHED, build_graph
from papergraph.readwrite.gexf import generate_gexf
from papergraph.readwrite.vosviewer import generate_vosviewer
from papergraph.types import Concept, Extraction, Listing, Mention, Paper

GEXF = "{http://gexf.net/1.3}"


def _corpus(dated: bool = True):
    """Three papers: p1 listed 2024-01-10, p2 2024-03-20, p3 known only by its arXiv month 2024-02."""
    def listing(page, date):
        return Listing(f"{page}.json", page, 1, "t", "a", date=date if dated else None)
    papers = [Paper("p1", "One", "A.", (listing("a", "2024-01-10"), listing("b", "2024-01-12"))),
              Paper("p2", "Two", "A.", (listing("b", "2024-03-20"),)),
              Paper("arxiv:2402.00001", "Three", "A.", (listing("c", None),), arxiv_id="2402.00001" if dated else None)]
    lora = Concept("concept:lora", "LoRA", ("method",))
    gpu = Concept("concept:gpu", "GPU", ("hardware",))
    mentions = (Mention("arxiv:2402.00001", lora.id, 1), Mention("p1", lora.id, 1), Mention("p2", lora.id, 2),
                Mention("p2", gpu.id, 1))
    return papers, Extraction((gpu, lora), mentions)


def test_nodes_carry_first_seen_and_mean_date():
    G = build_graph(*_corpus())
    assert G.nodes["p1"][FIRST_SEEN] == "2024-01-10" and PUBLISHED not in G.nodes["p1"]
    assert G.nodes["arxiv:2402.00001"][FIRST_SEEN] == G.nodes["arxiv:2402.00001"][PUBLISHED] == "2024-02"
    lora = G.nodes["concept:lora"]
    # Mean of 2024-01-10, 2024-02-01 (the month's first day) and 2024-03-20.
    assert (lora[FIRST_SEEN], lora[MEAN_DATE]) == ("2024-01-10", "2024-02-10")
    assert (G.nodes["concept:gpu"][FIRST_SEEN], G.nodes["concept:gpu"][MEAN_DATE]) == ("2024-03-20", "2024-03-20")


def test_undated_nodes_have_no_date_attributes():
    G = build_graph(*_corpus(dated=False))
    assert not any(FIRST_SEEN in d or MEAN_DATE in d for _, d in G.nodes(data=True))


def test_gexf_is_dynamic_with_a_start_on_every_dated_node_and_edge():
    G = build_graph(*_corpus())
    root = etree.fromstring("".join(generate_gexf(G)).encode())
    graph = root.find(f"{GEXF}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    starts = {node.get("id"): node.get("start") for node in root.iter(f"{GEXF}node")}
    assert starts == {"p1": "2024-01-10", "p2": "2024-03-20", "arxiv:2402.00001": "2024-02-01",
                      "concept:lora": "2024-01-10", "concept:gpu": "2024-03-20"}
    for edge in root.iter(f"{GEXF}edge"):
        assert edge.get("start") == max(starts[edge.get("source")], starts[edge.get("target")])
    # networkx reads the times back (it knows GEXF up to 1.2, whose dynamic mode is the same).
    text = etree.tostring(root).decode().replace("http://gexf.net/1.3", "http://www.gexf.net/1.2draft")
    H = nx.read_gexf(io.BytesIO(text.replace('version="1.3"', 'version="1.2"').encode()))
    assert {node: data["start"] for node, data in H.nodes(data=True)} == starts
    assert H.nodes["concept:lora"][MEAN_DATE] == "2024-02-10"


def test_gexf_of_an_undated_graph_stays_static():
    root = etree.fromstring("".join(generate_gexf(build_graph(*_corpus(dated=False)))).encode())
    assert root.find(f"{GEXF}graph").get("mode") == "static"
    assert not any(element.get("start") for element in root.iter())


def test_a_date_that_is_no_date_gives_no_start():
    G = build_graph(*_corpus())
    G.nodes["p1"][FIRST_SEEN] = '"><script>'
    root = etree.fromstring("".join(generate_gexf(G)).encode())
    assert {node.get("id"): node.get("start") for node in root.iter(f"{GEXF}node")}["p1"] is None


def test_vosviewer_items_score_their_dates_as_years_for_the_overlay():
    items = json.loads(generate_vosviewer(build_graph(*_corpus())))["network"]["items"]
    scores = {item["label"]: item["scores"] for item in items}
    assert scores["LoRA"] == {"Mean date": 2024.109, "First seen": 2024.025}
    assert scores["GPU"] == {"Mean date": 2024.216, "First seen": 2024.216}
