"""The HTML page as text: self-contained, safe, deterministic, cut to size. The browser tests
are in test_readwrite_html_browser.py."""

from __future__ import annotations

import io
import json
import math
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from graph_fixtures import make_corpus
from papergraph.analyse import analyse_graph
from papergraph.errors import OptionError
from papergraph.graph import build_graph
from papergraph.readwrite import html as html_module
from papergraph.readwrite.html import generate_html, write_html

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "html"))
from html_fixtures import HOSTILE_ABSTRACT, HOSTILE_ALIAS, HOSTILE_TITLE, hostile_graph, random_graph  # noqa: E402


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each script element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def page_data(page: str) -> dict:
    scripts = [text for attrs, text in parse(page).scripts if attrs.get("id") == "graph-data"]
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_page_is_self_contained():
    page = generate_html(hostile_graph())
    tags = parse(page).tags
    for tag, attrs in tags:
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            assert name not in attrs or attrs[name].startswith("data:"), (tag, attrs)
    csp = [a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0] and "connect-src 'none'" in csp[0]
    # pyvis's bundled vis-network is inlined, without the source-map pointer.
    assert "vis-network" in page and "sourceMappingURL" not in page
    scripts = parse(page).scripts
    assert [a.get("type") for a, _ in scripts] == ["application/json", None, None]


def test_hostile_text_is_only_ever_data():
    page = generate_html(hostile_graph(), title="<script>alert(1)</script>", subtitle='"><img src=x>')
    for raw in (HOSTILE_TITLE, HOSTILE_ALIAS, "</script><script>window.__pwned", "<script>alert", "<img src=x>"):
        assert raw not in page
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    assert '&quot;&gt;&lt;img src=x&gt;' in page
    # Only the three script elements of the template end, nothing opens a comment (which would
    # change how "<script" inside a script is parsed), and the data still reads back intact.
    assert page.lower().count("</script") == 3 and "<!--" not in page
    data = page_data(page)
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["arxiv:2401.00001"]["title"] == HOSTILE_TITLE
    assert by_id["arxiv:2401.00001"]["abstract"] == HOSTILE_ABSTRACT
    assert HOSTILE_ALIAS in by_id["concept:lora"]["aliases"]
    assert data["title"] == "<script>alert(1)</script>"


def test_unpaired_surrogates_and_separators_do_not_break_the_page():
    G = hostile_graph()
    G.nodes["arxiv:2401.00002"]["title"] = "broken \ud800 text \u2028 line"
    page = generate_html(G)
    page.encode("utf-8")
    assert "\u2028" not in page
    title = {n["id"]: n for n in page_data(page)["nodes"]}["arxiv:2401.00002"]["title"]
    assert title == "broken \ufffd text \u2028 line"


def test_data_follows_the_graph():
    G = hostile_graph()
    data = page_data(generate_html(G))
    assert len(data["nodes"]) == G.number_of_nodes() and len(data["edges"]) == G.number_of_edges()
    assert data["notice"] == "" and data["omitted"] == {"nodes": 0, "edges": 0}
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["concept:imagenet"]["group"] == "dataset"
    assert by_id["concept:imagenet"]["types"] == ["dataset", "model"]
    assert by_id["arxiv:2401.00001"]["group"] == "paper"
    assert by_id["arxiv:2401.00001"]["pages"] == ["p1", "p2"]
    assert set(data["colors"]) == {"paper", "method", "model", "hardware", "dataset", "artifact"}
    assert len(set(data["colors"].values())) == 6
    mention = next(e for e in data["edges"] if e["kind"] == "mentions" and e["to"] == "concept:a100")
    assert mention["from"] == "arxiv:2401.00002" and mention["weight"] == 1.0
    tie = next(e for e in data["edges"] if {e["from"], e["to"]} == {"concept:lora", "concept:gpt-4"})
    assert tie["papers"] == ["arxiv:2401.00001", "arxiv:2401.00002"] and tie["n_papers"] == 2
    assert data["edge_kinds"] == ["mentions", "co_occurs", "shares_concepts"]


def test_node_size_grows_with_papers_for_concepts_and_weighted_degree_for_papers():
    G = random_graph(200)
    nodes = page_data(generate_html(G))["nodes"]
    concepts = sorted((n for n in nodes if n["kind"] == "concept"), key=lambda n: G.nodes[n["id"]]["n_papers"])
    papers = sorted((n for n in nodes if n["kind"] == "paper"), key=lambda n: n["weighted_degree"])
    for ordered in (concepts, papers):
        sizes = [n["size"] for n in ordered]
        assert sizes == sorted(sizes) and sizes[0] < sizes[-1]
    assert concepts[-1]["size"] == 36.0
    # Papers are small squares, smaller than any but the least prominent concepts.
    assert max(n["size"] for n in papers) < sorted(n["size"] for n in concepts)[len(concepts) // 2]


def test_leading_concepts_have_the_largest_labels_and_papers_small_ones():
    G = random_graph(1500, seed=6)
    nodes = page_data(generate_html(G))["nodes"]
    concepts = sorted((n for n in nodes if n["kind"] == "concept"), key=lambda n: -G.nodes[n["id"]]["n_papers"])
    papers = [n for n in nodes if n["kind"] == "paper"]
    fonts = [n["font"] for n in concepts]
    assert fonts == sorted(fonts, reverse=True)
    assert {n["font"] for n in papers} == {10.0} and fonts[-1] == 12.0
    # Sized for the opening zoom of a page this large (about 800 / 2,524 screen pixels per canvas
    # pixel): the leading concepts' labels are drawn at 9 px and up, most concepts' are not.
    fit = 800 / (60 * math.sqrt(len(nodes)) + 200)
    readable = [n for n in concepts if n["font"] * fit >= 9]
    assert concepts[0]["font"] * fit > 18 and 5 <= len(readable) <= 0.1 * len(concepts)


def test_a_focus_page_labels_its_focus_and_concepts_clearly():
    G = random_graph(300, seed=8)
    focus = "concept:c00007"
    hood = G.subgraph([focus, *G[focus]])
    nodes = {n["id"]: n for n in page_data(generate_html(hood, focus=focus))["nodes"]}
    others = [n for i, n in nodes.items() if i != focus and n["kind"] == "concept"]
    papers = [n for n in nodes.values() if n["kind"] == "paper"]
    assert others and papers
    assert all(15.0 <= n["font"] < nodes[focus]["font"] for n in others)
    assert all(n["size"] < nodes[focus]["size"] for n in others + papers)
    assert all(n["font"] == 10.0 for n in papers)


def spokes():
    """A concept, Hub, and six related concepts: each paper mentions Hub and one or two of the six."""
    mentions = {}
    for i in range(60):
        found = {"Hub": 1, f"Spoke{i % 6}": 1}
        if i % 5 == 0:
            found[f"Spoke{(i + 1) % 6}"] = 1
        mentions[f"p{i:03d}"] = found
    G = build_graph(*make_corpus({"d": sorted(mentions)}, mentions))
    analyse_graph(G)
    return G


def test_a_focus_page_has_its_own_layout_around_its_focus():
    G = spokes()
    hood = G.subgraph(["concept:hub", *G["concept:hub"]])
    page = generate_html(hood, focus="concept:hub")
    assert page == generate_html(hood, focus="concept:hub")
    nodes = {n["id"]: n for n in page_data(page)["nodes"]}
    xy = {i: (n["x"], n["y"]) for i, n in nodes.items()}
    points = list(xy.values())
    span = max(max(p[k] for p in points) - min(p[k] for p in points) for k in (0, 1))
    # The focus sits in the middle, its related concepts around it ...
    assert all(abs(c) < 0.15 * span for c in xy["concept:hub"])
    spokes_ = [i for i in xy if i.startswith("concept:spoke")]
    assert len(spokes_) == 6 and all(math.dist(xy[s], xy["concept:hub"]) > 0.15 * span for s in spokes_)
    # ... each paper nearest the related concept it mentions (on the map, papers sit on their
    # concepts' mean, which piles a neighbourhood's papers up) ...
    for paper in (n for n in hood if hood.nodes[n]["kind"] == "paper"):
        mentioned = {c for c in hood[paper] if c in spokes_}
        if len(mentioned) == 1:
            assert min(spokes_, key=lambda s: math.dist(xy[s], xy[paper])) in mentioned
    # ... and nothing on top of anything else.
    assert min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1:]) > 0.015 * span


def test_a_focus_page_too_large_for_its_own_layout_keeps_the_maps(monkeypatch):
    G = spokes()
    hood = G.subgraph(["concept:hub", *G["concept:hub"]])
    monkeypatch.setattr(html_module, "_FOCUS_LAYOUT_MOST", 3)
    nodes = {n["id"]: n for n in page_data(generate_html(hood, focus="concept:hub"))["nodes"]}
    left = min(hood, key=lambda n: (hood.nodes[n]["x"], n))
    assert nodes[left]["x"] == min(n["x"] for n in nodes.values())


def test_co_occurrence_ties_are_drawn_by_count_and_stand_out():
    G = hostile_graph()
    G.edges["concept:lora", "concept:gpt-4", "co_occurs"].update(weight=0.1, count=9.0)
    edges = page_data(generate_html(G))["edges"]
    co = {frozenset((e["from"], e["to"])): e["width"] for e in edges if e["kind"] == "co_occurs"}
    # Weakest by association strength, strongest by count: the widest.
    assert co[frozenset(("concept:lora", "concept:gpt-4"))] == max(co.values()) == 4.0
    assert max(e["width"] for e in edges if e["kind"] != "co_occurs") <= 2.0


def test_same_graph_same_bytes_whatever_the_insertion_order():
    G = random_graph(150, seed=3)
    H = nx.MultiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from(reversed(list(G.nodes(data=True))))
    H.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    assert generate_html(G, title="t") == generate_html(G, title="t") == generate_html(H, title="t")


def test_positions_come_from_the_layout():
    G = hostile_graph()
    nodes = {n["id"]: n for n in page_data(generate_html(G))["nodes"]}
    left = min(G, key=lambda n: G.nodes[n]["x"])
    top = max(G, key=lambda n: G.nodes[n]["y"])
    assert nodes[left]["x"] == min(n["x"] for n in nodes.values())
    # The canvas's y axis points down.
    assert nodes[top]["y"] == min(n["y"] for n in nodes.values())


def test_an_unanalysed_graph_is_laid_out_deterministically():
    G = hostile_graph(analysed=False)
    first = page_data(generate_html(G))["nodes"]
    assert first == page_data(generate_html(G))["nodes"]
    points = {(n["x"], n["y"]) for n in first}
    assert len(points) == len(first) and all(math.isfinite(c) for p in points for c in p)


def test_a_large_graph_keeps_its_strongest_nodes_concepts_first():
    G = random_graph(600, seed=1)
    data = page_data(generate_html(G, max_nodes=250))
    kept = [n["id"] for n in data["nodes"]]
    assert len(kept) == 250
    concepts = sorted(
        (n for n in G if G.nodes[n]["kind"] == "concept"),
        key=lambda n: (-G.nodes[n]["weighted_degree"], -G.degree(n), n),
    )
    papers = sorted((n for n in G if G.nodes[n]["kind"] == "paper"), key=lambda n: -G.nodes[n]["weighted_degree"])
    assert kept[: len(concepts)] == concepts
    weakest_kept = min(G.nodes[n]["weighted_degree"] for n in kept[len(concepts) :])
    assert all(G.nodes[p]["weighted_degree"] <= weakest_kept for p in papers if p not in set(kept))
    kept_set = set(kept)
    assert all(e["from"] in kept_set and e["to"] in kept_set for e in data["edges"])
    assert data["omitted"]["nodes"] == 350
    assert data["omitted"]["edges"] == G.number_of_edges() - len(data["edges"])
    assert "Showing the strongest 250 of 600 nodes" in data["notice"]
    assert data["notice"] in generate_html(G, max_nodes=250)


def test_edges_are_cut_to_the_strongest_within_each_kind():
    G = random_graph(300, seed=2)
    data = page_data(generate_html(G, max_edges=100))
    assert len(data["edges"]) == 100
    assert data["notice"].startswith("Showing the strongest 100 of")
    strongest = {}
    for _, _, d in G.edges(data=True):
        strongest[d["kind"]] = max(strongest.get(d["kind"], 0), d["weight"])
    weakest_kept = min(e["weight"] / strongest[e["kind"]] for e in data["edges"])
    kept = {(e["from"], e["to"], e["kind"]) for e in data["edges"]}
    dropped = [
        d["weight"] / strongest[d["kind"]]
        for u, v, d in G.edges(data=True)
        if (u, v, d["kind"]) not in kept and (v, u, d["kind"]) not in kept
    ]
    assert max(dropped) <= weakest_kept


def test_focus_is_kept_and_named():
    G = random_graph(300, seed=4)
    weakest = min(G, key=lambda n: (G.nodes[n]["weighted_degree"], n))
    data = page_data(generate_html(G, max_nodes=20, focus=weakest))
    assert data["focus"] == weakest and data["nodes"][0]["id"] == weakest and len(data["nodes"]) == 20


def test_works_on_a_subgraph_view_with_title_and_subtitle():
    G = hostile_graph()
    view = G.subgraph(["concept:lora", *G["concept:lora"]])
    page = generate_html(view, title="LoRA & friends", subtitle="depth 1", focus="concept:lora")
    data = page_data(page)
    assert len(data["nodes"]) == view.number_of_nodes() and data["focus"] == "concept:lora"
    assert "<h1 id=\"page-title\">LoRA &amp; friends</h1>" in page and "depth 1" in page


def test_titles_of_papers_behind_ties_outside_the_page_are_included():
    G = hostile_graph()
    view = G.subgraph([n for n in G if G.nodes[n]["kind"] == "concept"])
    data = page_data(generate_html(view))
    # Papers that are not in the graph at all can only be shown by id ...
    assert data["papers"] == {}
    # ... but papers cut from the page are still named behind the ties they support.
    data = page_data(generate_html(G, max_nodes=4))
    assert data["papers"]["arxiv:2401.00001"]["title"] == HOSTILE_TITLE


def test_many_papers_behind_a_tie_are_counted_not_all_listed():
    G = hostile_graph()
    G.edges["concept:lora", "concept:gpt-4", "co_occurs"]["papers"] = tuple(f"arxiv:{i}" for i in range(80))
    edges = page_data(generate_html(G))["edges"]
    tie = next(e for e in edges if (e["from"], e["to"]) == ("concept:gpt-4", "concept:lora"))
    assert len(tie["papers"]) == 50 and tie["n_papers"] == 80


@pytest.mark.parametrize("kwargs", [{"focus": "concept:nope"}, {"max_nodes": 0}, {"max_edges": 0}])
def test_bad_options_raise_and_write_nothing(tmp_path, kwargs):
    target = tmp_path / "graph.html"
    with pytest.raises(OptionError, match=re.escape(str(next(iter(kwargs.values()))))):
        write_html(hostile_graph(), target, **kwargs)
    assert list(tmp_path.iterdir()) == []


def test_write_html_to_paths_and_open_files(tmp_path):
    G = hostile_graph()
    expected = generate_html(G, title="x")
    write_html(G, tmp_path / "a.html", title="x")
    write_html(G, str(tmp_path / "b.html"), title="x")
    text, binary = io.StringIO(), io.BytesIO()
    write_html(G, text, title="x")
    write_html(G, binary, title="x")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes() == expected.encode("utf-8")
    assert text.getvalue() == expected and binary.getvalue() == expected.encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "b.html"]


def analysed_map():
    G = random_graph(300, seed=2, analysed=False)
    for i, node in enumerate(sorted(G)):
        if G.nodes[node]["kind"] == "paper":
            G.nodes[node]["n_listings"] = 1 + i % 4
    analyse_graph(G)
    return G


def test_an_analysed_graph_draws_its_concept_map_and_lists_each_concepts_papers():
    G = analysed_map()
    data = page_data(generate_html(G))
    on_map = {n for n, d in G.nodes(data=True) if d["on_map"]}
    assert {n["id"] for n in data["nodes"]} == on_map
    assert data["notice"] == G.graph["map"]
    assert {e["kind"] for e in data["edges"]} == {"co_occurs"}
    assert [c["size"] for c in data["clusters"]] == sorted((c["size"] for c in data["clusters"]), reverse=True)
    for node in data["nodes"]:
        papers = {p for p in G[node["id"]] if G.nodes[p]["kind"] == "paper"}
        assert set(node["papers"]) == papers and papers <= set(data["papers"])
        listings = [G.nodes[p]["n_listings"] for p in node["papers"]]
        assert listings == sorted(listings, reverse=True)
    # A focus page still draws the whole neighbourhood, papers included.
    hood = G.subgraph(["concept:c00000", *G["concept:c00000"]])
    assert len(page_data(generate_html(hood, focus="concept:c00000"))["nodes"]) == hood.number_of_nodes()


@pytest.mark.parametrize("arxiv_id, linked", [("2401.00001", True), ("hep-th/9901001v2", True),
                                               ("javascript:alert(1)", False), ("2401.1 x", False), ("", False)])
def test_only_well_formed_arxiv_ids_become_links(arxiv_id, linked):
    G = hostile_graph()
    G.nodes["arxiv:2401.00001"]["arxiv_id"] = arxiv_id
    entry = page_data(generate_html(G))["papers"]["arxiv:2401.00001"]
    assert entry["arxiv_id"] == (arxiv_id if linked else "")


def test_a_flat_graph_gives_the_same_page_as_its_tuple_graph():
    from papergraph.graph import flat_graph

    G = hostile_graph()
    assert generate_html(flat_graph(G)) == generate_html(G)
