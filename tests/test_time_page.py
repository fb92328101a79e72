"""The page's colour-by-time mode, in headless Chromium: a viridis ramp from the earliest to the latest date."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from papergraph.analyse import analyse_graph
from papergraph.graph import FIRST_SEEN, build_graph
from papergraph.readwrite.html import write_html
from papergraph.types import Concept, Extraction, Listing, Mention, Paper

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "html"))
from html_fixtures import CHROMIUM  # noqa: E402

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (Debian package chromium)", allow_module_level=True)


DRAWN = "Object.fromEntries(papergraph.data.nodes.map(n => [n.id, papergraph.network.body.nodes[n.id].options.color.background]))"


def _graph(dated: bool):
    def paper(pid, date):
        return Paper(pid, pid, "A.", (Listing("a.json", "a", 1, "t", "a", date=date if dated else None),))
    papers = [paper("early", "2024-01-01"), paper("middle", "2024-07-01"), paper("late", "2025-01-01")]
    concepts = [Concept(f"concept:{name}", name, ("method",)) for name in ("old", "new")]
    mentions = (Mention("early", "concept:old", 1), Mention("middle", "concept:old", 1), Mention("late", "concept:new", 1))
    G = build_graph(papers, Extraction(tuple(concepts), mentions))
    if dated:
        G.nodes["concept:new"][FIRST_SEEN] = "javascript:alert(1)"  # a hostile value never reaches the page's ramp
    analyse_graph(G, seed=1)
    return G


def _open(browser, path: Path, G, errors: list[str]):
    write_html(G, path)
    page = browser.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("body[data-ready]", state="attached", timeout=20000)
    return page


def test_colour_by_time_runs_from_the_earliest_to_the_latest_date(browser, tmp_path):
    errors: list[str] = []
    page = _open(browser, tmp_path / "dated.html", _graph(dated=True), errors)
    assert page.is_hidden("#time-legend")
    page.check("input[name=color-by][value=time]")
    assert page.get_attribute("body", "data-color-by") == "time"
    assert page.is_visible("#time-legend")
    assert (page.inner_text("#time-first"), page.inner_text("#time-last")) == ("2024-01-01", "2025-01-01")
    colours = page.evaluate(DRAWN)
    assert colours["early"] == "#440154" and colours["late"] == "#fde725"  # the ends of the ramp
    assert colours["middle"] not in ("#440154", "#fde725", "#c8c8c8")
    # "old" (papers of January and July) has its mean in April: between the two.
    assert colours["concept:old"] not in (colours["early"], colours["middle"], colours["late"])
    assert colours["concept:new"] == colours["late"]  # its mean_date; the hostile first_seen was dropped
    # The time filter: at its start, only what was there on the first day (and undated nodes) is drawn.
    page.locator("#time-cut").fill("0")
    assert page.inner_text("#time-cut-value") == "2024-01-01"
    drawn = "papergraph.network.body.data.nodes.get().map(n => n.id).sort()"
    assert page.evaluate(drawn) == ["concept:new", "concept:old", "early"]  # "new" has no valid date
    page.check("input[name=color-by][value=type]")
    assert page.is_hidden("#time-legend") and errors == []
    assert len(page.evaluate(drawn)) == 5  # leaving the time mode lifts the filter


def test_without_dates_there_is_no_time_mode(browser, tmp_path):
    errors: list[str] = []
    page = _open(browser, tmp_path / "undated.html", _graph(dated=False), errors)
    assert page.is_disabled("input[name=color-by][value=time]")
    assert errors == []
