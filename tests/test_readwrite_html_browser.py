"""The HTML page in headless Chromium: offline, quiet, drawn in full, searchable, and inert.

With ``PAPERGRAPH_SCREENSHOTS=DIR`` set, ``test_screenshots`` also renders the bundled sample
graph's page and one neighbourhood page, and saves ``screenshot-graph.png`` and
``screenshot-neighbors.png`` into DIR (``make graphs`` points it at ``graphs/``); when the shared
hf-daily-papers corpus is beside the repository, it builds that corpus in a temporary directory
and saves its page as a user first sees it, ``screenshot-hf.png``.
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

import pytest

from graph_fixtures import make_corpus
from papergraph.analyse import analyse_graph
from papergraph.graph import build_graph
from papergraph.readwrite.html import write_html

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "html"))
from html_fixtures import (  # noqa: E402
    CHROMIUM,
    HOSTILE_ABSTRACT,
    HOSTILE_ALIAS,
    HOSTILE_TITLE,
    hostile_graph,
    random_graph,
)

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (Debian package chromium)", allow_module_level=True)


class Opened:
    """A page opened in the browser, with every request and error it caused."""

    def __init__(self, browser, path: Path, viewport=(1280, 800)):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-ready]", state="attached", timeout=20000)

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def offsite(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file:", "data:", "about:"))]


@pytest.fixture(scope="module")
def hostile_page(browser, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "hostile.html"
    write_html(hostile_graph(), path, title=HOSTILE_TITLE, subtitle=HOSTILE_ABSTRACT)
    opened = Opened(browser, path)
    yield opened
    opened.page.close()


@pytest.fixture(scope="module")
def map_page(browser, tmp_path_factory):
    """The page of an analysed graph: its concept map, coloured by cluster."""
    G = random_graph(600, seed=3, analysed=False)
    for i, node in enumerate(sorted(G)):
        if G.nodes[node]["kind"] == "paper":
            G.nodes[node]["n_listings"] = 1 + i % 3
    analyse_graph(G)
    path = tmp_path_factory.mktemp("html") / "map.html"
    write_html(G, path)
    opened = Opened(browser, path)
    opened.graph = G
    yield opened
    opened.page.close()


@pytest.fixture(scope="module")
def random_page(browser, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "random.html"
    write_html(random_graph(400, seed=5), path, max_nodes=300)
    opened = Opened(browser, path)
    yield opened
    opened.page.close()


def test_loads_offline_without_errors(hostile_page, random_page):
    for opened in (hostile_page, random_page):
        assert opened.requests and opened.offsite() == []
        assert opened.errors == []


def test_draws_every_node_and_edge_it_was_given(hostile_page, random_page):
    G = hostile_graph()
    assert hostile_page.js("papergraph.network.body.data.nodes.length") == G.number_of_nodes()
    assert hostile_page.js("papergraph.network.body.data.edges.length") == G.number_of_edges()
    assert random_page.js("papergraph.network.body.data.nodes.length") == 300
    assert random_page.js("Object.keys(papergraph.network.body.nodes).length") >= 300
    notice = random_page.page.inner_text("#notice")
    assert notice.startswith("Showing the strongest 300 of 400 nodes")
    assert random_page.page.inner_text("#stats").startswith("Drawn: 300 nodes")


def test_physics_is_off_until_toggled(browser, tmp_path):
    # A page of its own: physics moves the nodes, which the other tests expect where they were laid out.
    path = tmp_path / "physics.html"
    write_html(random_graph(400, seed=5), path, max_nodes=300)
    opened = Opened(browser, path)
    try:
        assert opened.js("papergraph.network.physics.options.enabled") is False
        position = opened.js("papergraph.network.getPosition(papergraph.data.nodes[0].id)")
        first = opened.js("papergraph.data.nodes[0]")
        assert abs(position["x"] - first["x"]) < 1 and abs(position["y"] - first["y"]) < 1
        opened.page.check("#physics")
        assert opened.js("papergraph.network.physics.options.enabled") is True
        opened.page.uncheck("#physics")
        assert opened.js("papergraph.network.physics.options.enabled") is False
    finally:
        opened.page.close()


def test_papers_are_unlabelled_until_zoomed_in_or_hovered(random_page):
    page = random_page.page
    random_page.js("papergraph.clearSelection(); papergraph.network.fit()")
    page.wait_for_timeout(100)
    labels = "Object.fromEntries(papergraph.data.nodes.map(n => [n.id, papergraph.network.body.nodes[n.id].options]))"
    options = random_page.js(labels)
    papers = [n for n in random_page.js("papergraph.data.nodes") if n["kind"] == "paper"]
    concepts = [n for n in random_page.js("papergraph.data.nodes") if n["kind"] == "concept"]
    assert not any(options[p["id"]]["label"] for p in papers)
    assert all(options[c["id"]]["label"] == c["label"][:48] or options[c["id"]]["label"].endswith("\u2026")
               for c in concepts)
    # On screen, the strongest concept's label is larger than a paper's would be.
    assert options[concepts[0]["id"]]["font"]["size"] > options[papers[0]["id"]]["font"]["size"]
    # Zoomed in, paper titles appear at a fixed screen size; zoomed out again, they go.
    random_page.js(f"papergraph.network.moveTo({{scale: 3, position: papergraph.network.getPosition('{papers[0]['id']}')}})")
    page.wait_for_timeout(100)
    zoomed = random_page.js(labels)
    assert all(zoomed[p["id"]]["label"] for p in papers)
    assert abs(zoomed[papers[0]["id"]]["font"]["size"] * 3 - 12) < 0.5
    random_page.js("papergraph.network.fit()")
    page.wait_for_timeout(100)
    assert not random_page.js(labels)[papers[0]["id"]]["label"]
    # Hovering a paper shows its title as a label (and in the tooltip).
    random_page.js(f"papergraph.network.moveTo({{scale: 1.5, position: papergraph.network.getPosition('{papers[0]['id']}')}})")
    page.wait_for_timeout(100)
    box = page.locator("#network").bounding_box()
    spot = random_page.js(f"papergraph.network.canvasToDOM(papergraph.network.getPosition('{papers[0]['id']}'))")
    page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible")
    assert random_page.js(labels)[papers[0]["id"]]["label"] == papers[0]["label"]
    page.mouse.move(box["x"] + 2, box["y"] + 2)
    random_page.js("papergraph.network.fit()")
    assert random_page.errors == []


def test_hostile_text_shows_as_characters_and_runs_nothing(hostile_page):
    page = hostile_page.page
    assert page.title() == HOSTILE_TITLE
    assert page.inner_text("#page-subtitle") == HOSTILE_ABSTRACT
    page.fill("#search", "img src")
    page.press("#search", "Enter")
    assert page.get_attribute("body", "data-selected") == "arxiv:2401.00001"
    assert page.inner_text("#details h2") == HOSTILE_TITLE
    assert page.inner_text("#details .abstract") == HOSTILE_ABSTRACT
    hostile_page.js("papergraph.select('concept:lora')")
    assert HOSTILE_ALIAS in page.inner_text("#details")
    # The tooltip is built from the same text: hover the hostile paper to show it.
    hostile_page.js("papergraph.network.moveTo({position: papergraph.network.getPosition('arxiv:2401.00001')})")
    box = page.locator("#network").bounding_box()
    spot = hostile_page.js("papergraph.network.canvasToDOM(papergraph.network.getPosition('arxiv:2401.00001'))")
    page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible")
    assert page.inner_text("div.vis-tooltip").startswith(HOSTILE_TITLE + "\npaper")
    assert hostile_page.js("window.__pwned") is None
    assert hostile_page.js("document.querySelectorAll('img, svg, iframe, object, embed').length") == 0
    assert hostile_page.js("document.scripts.length") == 3
    assert hostile_page.errors == [] and hostile_page.offsite() == []


def test_search_by_alias_focuses_the_node(hostile_page):
    page = hostile_page.page
    page.fill("#search", "  NVIDIA a100 ")
    page.press("#search", "Enter")
    assert page.get_attribute("body", "data-selected") == "concept:a100"
    assert hostile_page.js("papergraph.network.getSelectedNodes()") == ["concept:a100"]
    assert page.inner_text("#details h2") == "A100"
    centre = hostile_page.js("papergraph.network.getViewPosition()")
    spot = hostile_page.js("papergraph.network.getPosition('concept:a100')")
    assert abs(centre["x"] - spot["x"]) < 1 and abs(centre["y"] - spot["y"]) < 1
    page.fill("#search", "no such thing")
    page.press("#search", "Enter")
    assert page.inner_text("#search-status") == "Nothing matches \u201cno such thing\u201d."


def test_clicking_a_node_highlights_its_neighbourhood(hostile_page):
    page = hostile_page.page
    hostile_page.js("papergraph.clearSelection(); papergraph.network.fit()")
    box = page.locator("#network").bounding_box()
    spot = hostile_page.js("papergraph.network.canvasToDOM(papergraph.network.getPosition('concept:imagenet'))")
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    assert page.get_attribute("body", "data-selected") == "concept:imagenet"
    # ImageNet's neighbours are LoRA and one paper: the other four nodes are dimmed.
    assert page.get_attribute("body", "data-dimmed") == "4"
    assert "Co-occurring concepts (1)" in page.inner_text("#details")
    page.click("#details button.link >> text=LoRA")
    assert page.get_attribute("body", "data-selected") == "concept:lora"
    page.click("#clear")
    assert page.get_attribute("body", "data-selected") is None
    assert page.get_attribute("body", "data-dimmed") == "0"


def test_filters_by_type_and_weight(random_page):
    page = random_page.page
    concepts = random_page.js("papergraph.data.nodes.filter(n => n.kind === 'concept').length")
    page.uncheck("#legend input[value=paper]")
    assert random_page.js("papergraph.network.body.data.nodes.length") == concepts
    assert random_page.js(
        "papergraph.network.body.data.edges.get()"
        ".every(e => !e.from.startsWith('arxiv:') && !e.to.startsWith('arxiv:'))"
    )
    page.check("#legend input[value=paper]")
    every = random_page.js("papergraph.network.body.data.edges.length")
    page.locator("#min-weight").fill("90")
    shown = random_page.js("papergraph.network.body.data.edges.get().map(e => papergraph.data.edges[e.id].weight)")
    threshold = float(page.inner_text("#min-weight-value"))
    assert 0 < len(shown) < every and min(shown) >= threshold > 0
    page.locator("#min-weight").fill("0")
    assert random_page.js("papergraph.network.body.data.edges.length") == every
    page.uncheck("#edge-kinds input[value=mentions]")
    kinds = random_page.js(
        "[...new Set(papergraph.network.body.data.edges.get().map(e => papergraph.data.edges[e.id].kind))]"
    )
    assert "mentions" not in kinds and kinds
    page.check("#edge-kinds input[value=mentions]")


def test_focus_opens_selected(browser, tmp_path):
    G = hostile_graph()
    hood = G.subgraph(["concept:gpt-4", *G["concept:gpt-4"]])
    path = tmp_path / "hood.html"
    write_html(hood, path, title="GPT-4", focus="concept:gpt-4")
    opened = Opened(browser, path)
    try:
        assert opened.page.get_attribute("body", "data-selected") == "concept:gpt-4"
        assert opened.page.inner_text("#details h2") == "GPT-4"
        assert opened.js("papergraph.network.body.data.nodes.length") == hood.number_of_nodes()
        assert opened.errors == [] and opened.offsite() == []
    finally:
        opened.page.close()


def test_a_neighbourhood_page_is_fitted_to_its_nodes(browser, tmp_path):
    # A concept and six related ones, every paper mentioning it: laid out on its own, fitted to the view.
    mentions = {f"p{i:03d}": {"Hub": 1, f"Spoke{i % 6}": 1, **({f"Spoke{(i + 1) % 6}": 1} if i % 4 == 0 else {})}
                for i in range(48)}
    G = build_graph(*make_corpus({"d": sorted(mentions)}, mentions))
    analyse_graph(G)
    path = tmp_path / "hood.html"
    write_html(G.subgraph(["concept:hub", *G["concept:hub"]]), path, focus="concept:hub")
    opened = Opened(browser, path, viewport=(1400, 860))
    try:
        view = opened.js("[document.getElementById('network').clientWidth, document.getElementById('network').clientHeight]")
        spots = opened.js("papergraph.data.nodes.map(n => papergraph.network.canvasToDOM(papergraph.network.getPosition(n.id)))")
        xs, ys = [p["x"] for p in spots], [p["y"] for p in spots]
        # Every node in view, and the nodes spread over most of it, none crowded on another ...
        assert 0 <= min(xs) and max(xs) <= view[0] and 0 <= min(ys) and max(ys) <= view[1]
        assert max((max(xs) - min(xs)) / view[0], (max(ys) - min(ys)) / view[1]) > 0.6
        nearest = sorted(min(math.dist((p["x"], p["y"]), (q["x"], q["y"])) for q in spots if q is not p) for p in spots)
        # The map's positions pile papers on their concepts' middle (3 px to the nearest node, at the median).
        assert nearest[len(nearest) // 10] >= 10
        # ... with the focus in the middle.
        hub = opened.js("papergraph.network.canvasToDOM(papergraph.network.getPosition('concept:hub'))")
        assert abs(hub["x"] - view[0] / 2) < 0.2 * view[0] and abs(hub["y"] - view[1] / 2) < 0.2 * view[1]
        assert opened.errors == [] and opened.offsite() == []
    finally:
        opened.page.close()


@pytest.mark.skipif(
    not os.environ.get("PAPERGRAPH_SCREENSHOTS"), reason="set PAPERGRAPH_SCREENSHOTS=DIR to save screenshots"
)
def test_screenshots(browser, tmp_path):
    import papergraph

    out = Path(os.environ["PAPERGRAPH_SCREENSHOTS"])
    out.mkdir(parents=True, exist_ok=True)
    kg = papergraph.build()
    kg.write(tmp_path, formats=["html"])
    pages = {
        "screenshot-graph.png": tmp_path / "graph.html",
        # A neighbourhood of a few dozen papers and ten concepts of every type but datasets.
        "screenshot-neighbors.png": kg.write_neighbors_html(kg.neighbors("quantization"), tmp_path / "neighbors.html"),
    }
    hf = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "hf-daily-papers"
    if hf.is_dir():
        # Built with no options, as a user's first `papergraph build` of the corpus would be.
        papergraph.build([str(hf)]).write(tmp_path / "hf", formats=["html"])
        pages["screenshot-hf.png"] = tmp_path / "hf" / "graph.html"
    for name, html_path in pages.items():
        opened = Opened(browser, Path(html_path), viewport=(1400, 860))
        try:
            assert opened.errors == [] and opened.offsite() == []
            opened.page.screenshot(path=str(out / name))
        finally:
            opened.page.close()


def drawn_colours(opened) -> dict:
    return opened.js(
        "Object.fromEntries(papergraph.network.body.data.nodes.getIds().map(id => "
        "[id, [papergraph.network.body.nodes[id].options.color.background, papergraph.network.body.nodes[id].options.shape]]))"
    )


def test_map_is_coloured_by_cluster_with_type_as_shape_and_a_toggle(map_page):
    G, page = map_page.graph, map_page.page
    on_map = {n for n, d in G.nodes(data=True) if d["on_map"]}
    clusters = {c["id"]: c for c in map_page.js("papergraph.data.clusters")}
    assert len(clusters) > 1
    drawn = drawn_colours(map_page)
    assert set(drawn) == on_map
    shapes = {"method": "dot", "model": "diamond", "hardware": "hexagon", "dataset": "triangle"}
    for node, (colour, shape) in drawn.items():
        assert colour == clusters[G.nodes[node]["community"]]["color"]
        assert shape == shapes[G.nodes[node]["type"]]
    # The legend names each cluster by its label, in its colour, largest first.
    rows = page.locator("#clusters .cluster")
    assert rows.count() == len(clusters)
    first = map_page.js("papergraph.data.clusters[0]")
    assert rows.nth(0).inner_text().startswith(first["label"])
    swatch = rows.nth(0).locator(".swatch").evaluate("e => getComputedStyle(e).backgroundColor")
    assert swatch == "rgb({}, {}, {})".format(*(int(first["color"][i:i + 2], 16) for i in (1, 3, 5)))
    # Colour by type, and back: shapes stay.
    page.check("input[name=color-by][value=type]")
    colours = map_page.js("papergraph.data.colors")
    for node, (colour, shape) in drawn_colours(map_page).items():
        assert colour == colours[G.nodes[node]["type"]] and shape == shapes[G.nodes[node]["type"]]
    page.check("input[name=color-by][value=cluster]")
    assert drawn_colours(map_page) == drawn
    assert map_page.errors == [] and map_page.offsite() == []


def test_panel_ranks_related_concepts_by_shared_papers_and_lists_every_paper(map_page):
    G, page = map_page.graph, map_page.page
    hub = max((n for n, d in G.nodes(data=True) if d["on_map"]), key=lambda n: (G.nodes[n]["n_papers"], n))
    map_page.js(f"papergraph.select({hub!r})")
    related = page.locator("#details li.tie")
    shared = [int(text.split(" shared paper")[0]) for text in related.locator("> span.weight").all_inner_texts()]
    assert len(shared) > 2 and shared == sorted(shared, reverse=True)
    # Every paper of the concept is listed, most listed first, each linking to its arXiv page.
    papers = [p for p in G[hub] if G.nodes[p]["kind"] == "paper"]
    assert f"Papers ({len(papers)})" in page.inner_text("#details")
    page.click("#details button:text-matches('Show all')")
    links = page.locator("#details ul.papers > li > a")
    assert links.count() == len(papers)
    hrefs = links.evaluate_all("links => links.map(a => [a.href, a.rel, a.target, a.textContent])")
    listed = [p.removeprefix("arxiv:") for p in papers]
    assert sorted(h[0] for h in hrefs) == sorted(f"https://arxiv.org/abs/{i}" for i in listed)
    assert all(h[1] == "noopener noreferrer" and h[2] == "_blank" for h in hrefs)
    by_id = {f"https://arxiv.org/abs/{p.removeprefix('arxiv:')}": G.nodes[p] for p in papers}
    listings = [by_id[h[0]]["n_listings"] for h in hrefs]
    assert listings == sorted(listings, reverse=True)
    assert all(h[3] == by_id[h[0]]["title"] for h in hrefs)


def test_map_page_says_what_the_selection_left_out(map_page):
    notice = map_page.page.inner_text("#notice")
    assert notice == map_page.graph.graph["map"] and "left out" in notice


def test_hostile_titles_stay_text_in_paper_lists(hostile_page):
    page = hostile_page.page
    hostile_page.js("papergraph.select('concept:lora')")
    link = page.locator("#details ul.papers a", has_text="img src")
    assert link.inner_text() == HOSTILE_TITLE
    assert link.get_attribute("href") == "https://arxiv.org/abs/2401.00001"
    assert hostile_page.js("document.querySelectorAll('#details img, #details svg, #details script').length") == 0
    assert hostile_page.js("window.__pwned") is None
