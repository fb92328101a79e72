"""How long the HTML page takes to show a graph in headless Chromium.

For the bundled sample graph (built through ``papergraph.build()``) and a synthetic graph of
2,000 nodes, prints the time to write the page, its size, and the time from navigation start
until the browser has drawn the network for the first time (``afterDrawing``), measured in the
page with ``performance.now()``: on the first load, and the median of a few more.

Run: ``.venv/bin/python benchmarks/bench_html.py``
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from papergraph.readwrite.html import write_html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "html"))
from html_fixtures import CHROMIUM, CHROMIUM_ARGS, random_graph  # noqa: E402

#: Page loads per graph: the first compiles vis-network afresh (cold), the rest are warm.
LOADS = 4


def sample_graph():
    """The bundled sample corpus built and analysed by the pipeline."""
    import papergraph

    return papergraph.build().graph


def measure(browser, G, directory: Path, name: str) -> dict:
    path = directory / f"{name}.html"
    start = time.perf_counter()
    write_html(G, path)
    write_seconds = time.perf_counter() - start
    draws, drawn = [], None
    for _ in range(LOADS):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready]", state="attached", timeout=60000)
        draws.append(page.evaluate("papergraph.timing.firstDraw"))
        drawn = page.evaluate("[papergraph.network.body.data.nodes.length, papergraph.network.body.data.edges.length]")
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
    }


def main() -> None:
    graphs = [("sample", sample_graph()), ("synthetic-2000", random_graph(2000, seed=0))]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        rows = [measure(browser, G, Path(tmp), name) for name, G in graphs]
        browser.close()
    print("HTML page in headless Chromium: seconds from navigation start to the first drawing of the")
    print(f"network, on the first load (cold) and the median of {LOADS - 1} more (warm)")
    print(f"{'graph':<16}{'nodes':>7}{'edges':>8}{'drawn n/e':>14}{'write':>9}{'size':>9}{'cold':>8}{'warm':>8}")
    for r in rows:
        drawn = f"{r['drawn'][0]}/{r['drawn'][1]}"
        print(
            f"{r['graph']:<16}{r['nodes']:>7}{r['edges']:>8}{drawn:>14}"
            f"{r['write_s']:>8.2f}s{r['size_mb']:>7.1f}MB{r['cold_ms'] / 1000:>7.2f}s{r['warm_ms'] / 1000:>7.2f}s"
        )


if __name__ == "__main__":
    main()
