"""What a user of the HTML page waits for, and how well the map separates its clusters.

For the bundled sample graph (built through ``papergraph.build()``), the hf-daily-papers graph
(``../shared/corpora/hf-daily-papers``, skipped when absent) and a synthetic graph of 2,000 drawn
nodes, prints:

- the separation ratio of the concept map (mean distance between two drawn concepts of the same
  cluster over the mean distance between any two; 1 = no separation), for the built graphs;
- the time to write the page, its size, and the time from navigation start until the browser
  has drawn the network for the first time (``afterDrawing``), on the first load (cold) and the
  median of a few more (warm);
- the time a click on a node takes: from the start of the page's click handler to the end of
  the drawing that shows the selection (highlighted neighbourhood, details panel), median and
  worst of several clicks on different nodes, measured in the page with ``performance.now()``.

Run: ``.venv/bin/python benchmarks/bench_html.py``
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from papergraph.concept_map import graph_separation_ratio
from papergraph.readwrite.html import write_html

ROOT = Path(__file__).resolve().parent.parent
HF = ROOT / ".." / "shared" / "corpora" / "hf-daily-papers"
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "html"))
from html_fixtures import CHROMIUM, CHROMIUM_ARGS, random_graph  # noqa: E402

#: Page loads per graph: the first compiles vis-network afresh (cold), the rest are warm.
LOADS = 4
#: Nodes clicked per graph, spread over the drawn nodes from strongest to weakest.
CLICKS = 12


def built_graph(inputs=None):
    """A corpus built and analysed by the pipeline."""
    import papergraph

    return papergraph.build(inputs).graph


def clicks(page) -> list[list[float]]:
    """Click nodes on the screen, one after another; for each, milliseconds from the handler's
    start to the end of the drawing that shows it, and of work (the handler plus that drawing)."""
    ids = page.evaluate(f"""(() => {{
        const nodes = papergraph.network.body.data.nodes.getIds();
        const step = Math.max(1, Math.floor(nodes.length / {CLICKS}));
        return nodes.filter((_, i) => i % step === 0).slice(0, {CLICKS});
    }})()""")
    box = page.locator("#network").bounding_box()
    times = []
    for node in ids:
        page.evaluate(f"papergraph.clearSelection(); papergraph.network.focus({node!r}, {{scale: 1.5}})")
        page.wait_for_timeout(50)
        spot = page.evaluate(f"papergraph.network.canvasToDOM(papergraph.network.getPosition({node!r}))")
        page.evaluate("papergraph.timing.click = null")
        page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
        # Polled from here: the page's Content-Security-Policy forbids wait_for_function's eval.
        for _ in range(1000):
            if page.evaluate("papergraph.timing.click !== null"):
                break
            page.wait_for_timeout(10)
        if page.get_attribute("body", "data-selected") == node:
            times.append(page.evaluate("[papergraph.timing.click, papergraph.timing.clickHandler + papergraph.timing.clickDraw]"))
    return times


def measure(browser, G, directory: Path, name: str) -> dict:
    path = directory / f"{name}.html"
    start = time.perf_counter()
    write_html(G, path)
    write_seconds = time.perf_counter() - start
    draws, drawn, click_ms = [], None, []
    for load in range(LOADS):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready]", state="attached", timeout=60000)
        draws.append(page.evaluate("papergraph.timing.firstDraw"))
        drawn = page.evaluate("[papergraph.network.body.data.nodes.length, papergraph.network.body.data.edges.length]")
        if load == LOADS - 1:
            click_ms = clicks(page)
        page.close()
    return {
        "graph": name,
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "drawn": drawn,
        "write_s": write_seconds,
        "size_mb": path.stat().st_size / 1e6,
        "cold_ms": draws[0],
        "warm_ms": statistics.median(draws[1:]),
        "click_ms": click_ms,
    }


def main() -> None:
    graphs = [("sample", built_graph())]
    if HF.is_dir():
        graphs.append(("hf-daily-papers", built_graph([str(HF)])))
    print("Concept map: separation ratio (same-cluster mean distance / all-pairs mean distance, drawn concepts)")
    for name, G in graphs:
        drawn = sum(1 for _, d in G.nodes(data=True) if d.get("on_map"))
        clusters = len({d["community"] for _, d in G.nodes(data=True) if d.get("on_map")})
        print(f"  {name:<16} {graph_separation_ratio(G):.3f}  ({drawn} concepts in {clusters} clusters)")
    graphs.append(("synthetic-2000", random_graph(2000, seed=0)))
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        rows = [measure(browser, G, Path(tmp), name) for name, G in graphs]
        browser.close()
    print()
    print("HTML page in headless Chromium: seconds from navigation start to the first drawing of the")
    print(f"network, on the first load (cold) and the median of {LOADS - 1} more (warm). A click on a node")
    print("(median / worst of the clicks): 'click' from the handler's start to the end of the drawing that")
    print("shows the selection, waiting for the browser's next frame included; 'work' the handler plus that drawing")
    print(f"{'graph':<17}{'nodes':>7}{'edges':>8}{'drawn n/e':>12}{'write':>8}{'size':>9}{'cold':>8}{'warm':>8}"
          f"{'click':>14}{'work':>14}")
    for r in rows:
        drawn = f"{r['drawn'][0]}/{r['drawn'][1]}"
        wall = [c[0] for c in r["click_ms"]] or [float("nan")]
        work = [c[1] for c in r["click_ms"]] or [float("nan")]
        print(
            f"{r['graph']:<17}{r['nodes']:>7}{r['edges']:>8}{drawn:>12}"
            f"{r['write_s']:>7.2f}s{r['size_mb']:>7.1f}MB{r['cold_ms'] / 1000:>7.2f}s{r['warm_ms'] / 1000:>7.2f}s"
            f"{statistics.median(wall):>7.0f}/{max(wall):>4.0f}ms{statistics.median(work):>7.0f}/{max(work):>4.0f}ms"
        )


if __name__ == "__main__":
    main()
