"""Artifacts in the HTML page, in headless Chromium: a link only for http(s), opened apart, text as text."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from papergraph.analyse import analyse_graph
from papergraph.graph import ARTIFACT, KIND, LABEL, RELEASES, build_graph
from papergraph.readwrite.html import write_html
from papergraph.types import Extraction, Listing, Paper

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "html"))
from html_fixtures import CHROMIUM  # noqa: E402

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (Debian package chromium)", allow_module_level=True)


# URLs no extractor would make an artifact of, as a graph read back from an edited file may hold.
HOSTILE_URLS = {
    "artifact:evil/js": "javascript:window.__pwned=1",
    "artifact:evil/data": "data:text/html,<script>window.__pwned=2</script>",
    "artifact:evil/vb": " JaVaScRiPt:window.__pwned=3",
}
QUOTED = 'https://x.org/a"><img src=x onerror="window.__pwned=4">'


def _graph():
    listing = Listing("a.txt", "a.txt", 1, "T", "")
    papers = [Paper("p1", "A tool", "Code: https://github.com/Org/Tool and https://org.github.io/tool/.", (listing,)),
              Paper("p2", "Uses the tool", "We use github.com/org/tool.", (listing,))]
    G = build_graph(papers, Extraction((), ()))
    for node, url in [*HOSTILE_URLS.items(), ("artifact:x.org/quoted", QUOTED)]:
        G.add_node(node, **{KIND: ARTIFACT, LABEL: url, "type": "page", "url": url, "n_papers": 1})
        G.add_edge("p1", node, RELEASES, kind=RELEASES, weight=1.0, count=1.0, papers=("p1",))
    analyse_graph(G, seed=1)
    return G


@pytest.fixture(scope="module")
def page(browser, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "artifacts.html"
    write_html(_graph(), path)
    errors: list[str] = []
    opened = browser.new_page()
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.goto(path.resolve().as_uri())
    opened.wait_for_selector("body[data-ready]", state="attached", timeout=20000)
    yield opened, errors
    opened.close()


def _select(opened, node: str):
    opened.evaluate(f"papergraph.select({node!r})")
    return opened.locator("#details")


def test_an_https_artifact_is_a_link_opened_apart(page):
    opened, errors = page
    details = _select(opened, "artifact:github.com/org/tool")
    link = details.locator("a")
    assert link.count() == 1
    assert link.get_attribute("href") == "https://github.com/Org/Tool"  # tied spellings: the first in order
    assert link.get_attribute("rel") == "noopener noreferrer" and link.get_attribute("target") == "_blank"
    assert link.inner_text() == "https://github.com/Org/Tool"
    assert "artifact \u00b7 code" in details.inner_text()
    assert errors == []


@pytest.mark.parametrize("node", sorted(HOSTILE_URLS))
def test_a_hostile_url_is_text_and_never_a_link(page, node):
    opened, errors = page
    details = _select(opened, node)
    assert details.locator("a").count() == 0
    assert HOSTILE_URLS[node].strip() in details.inner_text()
    assert opened.evaluate("window.__pwned") is None and errors == []


def test_quotes_and_markup_in_a_url_stay_text(page):
    opened, errors = page
    details = _select(opened, "artifact:x.org/quoted")
    link = details.locator("a")
    assert link.count() == 1 and link.inner_text() == QUOTED
    assert link.get_attribute("href").startswith("https://x.org/a%22%3E%3Cimg")
    assert opened.evaluate("document.querySelectorAll('#details img, #details script').length") == 0
    assert opened.evaluate("window.__pwned") is None and errors == []
