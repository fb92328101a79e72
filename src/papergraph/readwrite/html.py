"""Write the knowledge graph as one interactive, self-contained HTML page.

The page draws the graph with vis-network, the JavaScript library that pyvis wraps. pyvis
provides that library: the copy bundled in the installed pyvis package is read at write time
and inlined into the page. pyvis's own page template is not used, because even its
``cdn_resources="in_line"`` mode links Bootstrap from a CDN, and because the page needs what
that template lacks: a search box, type and weight filters, a legend, a details panel, and
graph data that can never break out of its ``<script>`` element. The page's own template,
script and style live beside this module (``html_page.html``, ``html_page.js``,
``html_page.css``).

What keeps the page safe and offline:

- every script and style is inlined, and a Content-Security-Policy forbids fetching anything;
- the graph travels as JSON in ``<script type="application/json">`` with ``<``, ``>``, ``&``,
  U+2028 and U+2029 escaped, and the page builds all text with ``textContent``;
- the few strings put into the HTML itself (title, subtitle, notice) are HTML-escaped.

What keeps it fast: nodes sit where the analysis laid them out (``x``, ``y``) with physics off
(a toggle turns it on), and a graph larger than ``max_nodes`` nodes or ``max_edges`` edges is cut
to its strongest part, which the page says.

What keeps it readable at a glance: a concept's size and label grow with its prominence (the
papers mentioning it, ``n_papers``; weighted degree would favour rare concepts, whose
association-strength ``co_occurs`` weights are the largest), and label sizes are chosen so that
at the opening zoom only the labels of the leading concepts are large enough to be drawn; the
rest appear as one zooms in. Papers are small grey squares whose titles show on hover, on
selection and when zoomed in. Edges are faint, ``co_occurs`` (the concept structure) less so.
A page with a ``focus`` labels the focus and every concept in it clearly.
"""

from __future__ import annotations

import html
import json
import math
import numbers
import os
import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources, util
from pathlib import Path
from typing import IO, Any

import networkx as nx
import numpy as np

from papergraph.concept_map import vos_layout
from papergraph.dates import is_iso_date
from papergraph.errors import OptionError
from papergraph.gc_pause import cyclic_gc_paused
from papergraph.graph import GraphData, tuple_graph
from papergraph.ids import is_arxiv_id
from papergraph.readwrite._values import (
    ARTIFACT_COLOUR,
    PAPER_COLOUR,
    TYPE_COLOURS,
    clean_text,
    cluster_colour,
    finite_number,
    sorted_edges,
    write_text,
)
from papergraph.schema import (
    ABSTRACT,
    ALIASES,
    ARTIFACT,
    ARXIV_ID,
    CO_OCCURS,
    COMMUNITY,
    COMMUNITY_LABEL,
    CONCEPT,
    COUNT,
    DATASET,
    DATES,
    DEGREE,
    FIRST_SEEN,
    HARDWARE,
    KIND,
    LABEL,
    LAYOUT_X,
    LAYOUT_Y,
    MAP_DESCRIPTION,
    MEAN_DATE,
    MENTIONS,
    METHOD,
    MODEL,
    MULTI_VALUED,
    N_LISTINGS,
    N_PAPERS,
    ON_MAP,
    PAGERANK,
    PAGES,
    PAPER,
    PAPERS,
    SOURCES,
    TITLE,
    TYPE,
    TYPES,
    URL,
    WEIGHT,
    WEIGHTED_DEGREE,
)
from papergraph.types import CONCEPT_TYPES, EDGE_KINDS

__all__ = ["generate_html", "write_html"]



def _css(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


# The colours every exporter uses, as CSS wants them.
_NODE_COLORS: dict[str, str] = {
    group: _css(rgb)
    for group, rgb in (
        (PAPER, PAPER_COLOUR), *((t, TYPE_COLOURS[t]) for t in CONCEPT_TYPES), (ARTIFACT, ARTIFACT_COLOUR)
    )
}
#: The shape of each node type: type stays visible when nodes are coloured by cluster.
_SHAPES: dict[str, str] = {PAPER: "square", METHOD: "dot", MODEL: "diamond", HARDWARE: "hexagon",
                           DATASET: "triangle", ARTIFACT: "star"}

_VIS_NETWORK = "lib/vis-9.1.2/vis-network.min.js"
#: Papers named behind one tie in the page; more are counted, not listed.
_MAX_TIE_PAPERS = 50
#: Node radii in canvas pixels: concepts by prominence, papers (smaller) by weighted degree.
_MIN_SIZE, _MAX_SIZE = 6.0, 36.0
_MIN_PAPER_SIZE, _MAX_PAPER_SIZE = 2.5, 7.0
#: Label sizes, in screen pixels at the opening zoom: the most prominent concept's, the
#: exponent by which they fall with prominence, the smallest in canvas pixels (read at zoom 1),
#: and what a focus page gives its focus and its other concepts.
_TOP_LABEL, _LABEL_POWER, _MIN_LABEL = 20.0, 1.5, 12.0
_FOCUS_LABEL, _FOCUS_CONCEPT_LABEL = 26.0, 15.0
_FOCUS_SIZE = 22.0
#: Paper labels (canvas pixels), drawn only when zoomed in, hovered or selected.
_PAPER_LABEL = 10.0
#: The width in pixels a page is about to be fitted into, to turn screen sizes into canvas ones.
_FIT_PIXELS = 800.0
#: A focus page's own layout (``_focus_layout``): most units it places (about a second of CPU),
#: the room of a concept and the largest gap between two papers of a disc, in mean distances.
_FOCUS_LAYOUT_MOST = 400
_FOCUS_ROOM, _FOCUS_PAPER_GAP = 0.04, 0.05
_GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))
_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                 ("\u2029", "\\u2029"))
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def generate_html(
    G: nx.MultiGraph | GraphData,
    *,
    title: str = "papergraph",
    subtitle: str | None = None,
    focus: Hashable | None = None,
    max_nodes: int = 2000,
    max_edges: int = 10000,
) -> str:
    """Return the interactive page of ``G`` as a string.

    Parameters
    ----------
    G : networkx.MultiGraph or GraphData
        A knowledge graph following the schema in :mod:`papergraph.graph`, or any subgraph of
        one. Nodes without ``x`` and ``y`` (an unanalysed graph) are laid out here. Of an
        analysed :class:`~papergraph.graph.GraphData`, only the part the map page draws is
        made into a networkx graph.
    title : str
        The page's title and heading.
    subtitle : str, optional
        A line under the heading.
    focus : node id, optional
        A node selected when the page opens: it is centred, its neighbourhood highlighted and
        its details shown. It is always kept when the graph is cut.
    max_nodes : int
        Most nodes drawn. A larger graph keeps its strongest nodes by weighted degree,
        concepts first, and the page says how many were left out.
    max_edges : int
        Most edges drawn; the strongest for their kind are kept (by weight, but ``co_occurs``
        ties by count: their association-strength weight favours the rarest concepts).

    Returns
    -------
    str
        The whole HTML page; the same graph and options give the same string.

    Raises
    ------
    papergraph.errors.OptionError
        If ``focus`` is not a node of ``G`` or a limit is below 1.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiGraph()
    >>> G.add_node("concept:lora", kind="concept", label="LoRA", type="method",
    ...            types=("method",), aliases=("low-rank adaptation",), n_papers=1)
    >>> G.add_node("arxiv:2401.1", kind="paper", label="<b>Tiny</b> LoRA", title="<b>Tiny</b> LoRA",
    ...            abstract="", n_listings=1, pages=("p",), dates=(), sources=("s.txt",))
    >>> _ = G.add_edge("arxiv:2401.1", "concept:lora", key="mentions", kind="mentions",
    ...                weight=2.0, count=2.0, papers=("arxiv:2401.1",))
    >>> page = generate_html(G, title="Tiny graph")
    >>> page.startswith("<!DOCTYPE html>"), "<title>Tiny graph</title>" in page
    (True, True)
    >>> "<b>Tiny</b>" in page, "\\\\u003cb\\\\u003eTiny" in page
    (False, True)
    """
    if max_nodes < 1 or max_edges < 1:
        raise OptionError(f"max_nodes and max_edges must be at least 1, not {max_nodes} and {max_edges}")
    whole = None
    if isinstance(G, GraphData):
        part = _map_part(G) if focus is None else None
        G, whole = part if part is not None else (G.to_networkx(), None)
    if focus is not None and focus not in G:
        raise OptionError(f"focus node {focus!r} is not in the graph")
    title, subtitle = clean_text(title), clean_text(subtitle or "")
    if _is_flat(G):
        G = tuple_graph(G)
    data = _page_data(G, whole or _Whole.of(G), title=title, subtitle=subtitle, focus=focus, max_nodes=max_nodes,
                      max_edges=max_edges)
    values = {
        "title": html.escape(title),
        "subtitle": html.escape(subtitle),
        "notice": html.escape(data["notice"]),
        "style": _asset("html_page.css"),
        "vis_network": _vis_network_js(),
        "script": _asset("html_page.js"),
        "data": _escaped_json(json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)),
    }
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], _asset("html_page.html"))


def write_html(
    G: nx.MultiGraph | GraphData,
    path: str | os.PathLike | IO,
    *,
    title: str = "papergraph",
    subtitle: str | None = None,
    focus: Hashable | None = None,
    max_nodes: int = 2000,
    max_edges: int = 10000,
) -> None:
    """Write the interactive page of ``G`` to ``path``, atomically.

    Parameters are those of :func:`generate_html`; ``path`` is a file name, a path or a text
    file open for writing (text or binary). The page is one file that needs no network: open it in a browser.

    Raises
    ------
    papergraph.errors.OptionError
        If ``focus`` is not a node of ``G`` or a limit is below 1; nothing is written then.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import networkx as nx
    >>> G = nx.MultiGraph()
    >>> G.add_node("concept:gpu", kind="concept", label="GPU", type="hardware",
    ...            types=("hardware",), aliases=(), n_papers=0)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "graph.html"
    >>> write_html(G, path, title="One node", focus="concept:gpu")
    >>> "graph-data" in path.read_text(encoding="utf-8")
    True
    """
    with cyclic_gc_paused():  # the page's records make no reference cycles (see write_chunks)
        page = generate_html(G, title=title, subtitle=subtitle, focus=focus, max_nodes=max_nodes,
                             max_edges=max_edges)
    write_text(path, page)


def _is_flat(G: nx.MultiGraph) -> bool:
    """Whether ``G`` holds its multi-valued attributes joined into strings (``kg.graph``, a :func:`flat_graph`).

    The first multi-valued attribute found tells; the edges are looked at only when no node has one.
    """
    for _, d in G.nodes(data=True):
        for name, value in d.items():
            if name in MULTI_VALUED:
                return isinstance(value, str)
    return any(isinstance(d.get(PAPERS), str) for *_, d in G.edges(data=True))


def _escaped_json(text: str) -> str:
    """JSON text with what could end a script element or a line of JavaScript escaped.

    One ``replace`` per character (none of them makes another): several times quicker than a
    ``translate``, which looks every character of the megabytes of data up in its table.

    >>> print(_escaped_json('{"a":"</script>&"}'))
    {"a":"\\u003c/script\\u003e\\u0026"}
    """
    for character, escape in _JSON_ESCAPES:
        text = text.replace(character, escape)
    return text


@cache
def _asset(name: str) -> str:
    return resources.files("papergraph.readwrite").joinpath(name).read_text(encoding="utf-8")


@cache
def _vis_network_js() -> str:
    # pyvis is found, not imported: importing it imports IPython, a fifth of a second for nothing.
    spec = util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis, which provides vis-network for the page, is not installed", name="pyvis")
    source = Path(spec.submodule_search_locations[0], _VIS_NETWORK).read_text(encoding="utf-8")
    # The source-map comment would make developer tools fetch a file that is not there.
    return re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", source)


@dataclass(frozen=True)
class _Whole:
    """What a page needs of the whole graph when ``G`` holds only the part it draws (:func:`_map_part`)."""

    n_nodes: int
    n_edges: int
    degree: Callable[[Any], int]
    mentioning: Callable[[Any], list]  # the nodes tied to a concept by ``mentions``
    data: Mapping[Any, dict]  # every node's attributes

    @classmethod
    def of(cls, G: nx.MultiGraph) -> _Whole:
        return cls(G.number_of_nodes(), G.number_of_edges(), G.degree,
                   lambda concept: [p for p, keyed in G.adj[concept].items() if MENTIONS in keyed], G.nodes)


def _map_part(data: GraphData) -> tuple[nx.MultiGraph, _Whole] | None:
    """The part of an analysed graph its map page draws: the concepts on the map and the edges
    between them; what the page needs of the rest comes from the columns. None if nothing is on the map."""
    drawn = np.array([bool(d.get(ON_MAP)) for d in data.node_data], dtype=bool)
    if not drawn.any():
        return None
    nodes = data.nodes
    part = data.masked(drawn)
    mentioning: dict[str, list[str]] = {}
    for block in data.edges:
        if block.kind == MENTIONS:
            to_map = np.flatnonzero(drawn[block.v])
            for paper, concept in zip(block.u[to_map].tolist(), block.v[to_map].tolist(), strict=True):
                mentioning.setdefault(nodes[concept], []).append(nodes[paper])
    data_of = dict(zip(nodes, data.node_data, strict=True))
    whole = _Whole(len(nodes), data.number_of_edges(), lambda node: int(data_of[node][DEGREE]),
                   lambda concept: mentioning.get(concept, []), data_of)
    return part, whole


def _page_data(G, whole: _Whole, *, title, subtitle, focus, max_nodes, max_edges) -> dict:
    strength = {
        node: float(d[WEIGHTED_DEGREE]) if WEIGHTED_DEGREE in d else float(G.degree(node, weight=WEIGHT))
        for node, d in G.nodes(data=True)
    }
    on_map = [n for n, d in G.nodes(data=True) if d.get(ON_MAP)]
    # An analysed graph's page draws its concept map; a focus page or an unanalysed graph, every node.
    map_page = focus is None and bool(on_map)
    if map_page:
        prominence = {n: _prominence(G.nodes[n], strength[n]) for n in on_map}
        ranked = sorted(on_map, key=lambda n: (-prominence[n], -strength[n], str(n)))
    else:
        ranked = sorted(G, key=lambda n: (G.nodes[n].get(KIND) != CONCEPT, -strength[n], -G.degree(n), str(n)))
    if focus is not None:
        ranked.remove(focus)
        ranked.insert(0, focus)
    kept = ranked[:max_nodes]
    n_candidates = len(ranked)

    # The subgraph walks only the kept nodes' edges: a map page of a large graph keeps a few hundred.
    candidates = sorted_edges(G.subgraph(kept))
    # An edge's strength is its weight, but a co_occurs tie's is its count (papers behind it):
    # its association-strength weight is largest for the rarest concepts. Widths follow it too.
    most: dict[str, float] = {}
    for _, _, key, d in candidates:
        kind = d.get(KIND, key)
        most[kind] = max(most.get(kind, 0.0), _strength(d, kind))
    n_candidate_edges = len(candidates)
    if len(candidates) > max_edges:
        order = {id(edge): i for i, edge in enumerate(candidates)}
        strongest_first = sorted(candidates, key=lambda e: (-_relative(e[3], e[2], most), order[id(e)]))
        kept_edges = {id(edge) for edge in strongest_first[:max_edges]}
        candidates = [edge for edge in candidates if id(edge) in kept_edges]

    positions, span = _positions(G, kept, focus)
    looks = _looks(G, kept, strength, focus, span)
    nodes = [_node_record(n, G.nodes[n], positions[n], strength[n], whole.degree(n), *looks[n]) for n in kept]
    edges = [_edge_record(u, v, key, d, most) for u, v, key, d in candidates]

    # Every drawn concept lists its papers, most listed first: the map leads to every paper it covers.
    listed: set[str] = set()
    for record in nodes:
        if record[KIND] == CONCEPT:
            record[PAPERS] = _papers_of(whole, record["id"])
            listed.update(record[PAPERS])
    for edge in edges:
        listed.update(p for p in edge[PAPERS] if p in whole.data)
    papers = {pid: _paper_entry(whole.data[pid]) for pid in sorted(listed) if whole.data[pid].get(KIND) == PAPER}

    n_nodes, n_edges = whole.n_nodes, whole.n_edges
    left_nodes, left_edges = n_nodes - len(nodes), n_edges - len(edges)
    if map_page:
        notice = clean_text(str(G.graph.get(MAP_DESCRIPTION, "")))
        if len(kept) < n_candidates or len(edges) < n_candidate_edges:
            notice += (
                f" This page draws the strongest {len(nodes):,} of its {n_candidates:,} concepts and "
                f"{len(edges):,} of the {n_candidate_edges:,} ties between them."
            )
    elif left_nodes:
        notice = (
            f"Showing the strongest {len(nodes):,} of {n_nodes:,} nodes (by weighted degree, concepts first) "
            f"and {len(edges):,} of {n_edges:,} edges: {left_nodes:,} nodes and {left_edges:,} edges are left out."
        )
    elif left_edges:
        notice = (
            f"Showing the strongest {len(edges):,} of {n_edges:,} edges (by weight within each kind, "
            f"co-occurrences by count): {left_edges:,} edges are left out."
        )
    else:
        notice = ""
    kinds_present = {e[KIND] for e in edges}
    return {
        "title": title,
        "subtitle": subtitle,
        "focus": None if focus is None else clean_text(str(focus)),
        "notice": notice.strip(),
        "total": {"nodes": n_nodes, "edges": n_edges},
        "omitted": {"nodes": left_nodes, "edges": left_edges},
        "colors": _NODE_COLORS,
        "shapes": _SHAPES,
        "groups": [PAPER, *CONCEPT_TYPES] + ([ARTIFACT] if any(n[KIND] == ARTIFACT for n in nodes) else []),
        "clusters": _clusters(G, kept),
        "edge_kinds": [k for k in EDGE_KINDS if k in kinds_present] + sorted(kinds_present - set(EDGE_KINDS)),
        "nodes": nodes,
        "edges": edges,
        PAPERS: papers,
    }


def _papers_of(whole: _Whole, concept: str) -> list[str]:
    """The papers mentioning a concept, most listed first (then by title)."""
    data = whole.data
    papers = [p for p in whole.mentioning(concept) if data[p].get(KIND) == PAPER]
    return sorted(
        (clean_text(str(p)) for p in papers),
        key=lambda p: (-(_number(data[p].get(N_LISTINGS)) or 0), str(data[p].get(TITLE) or p), p),
    )


def _paper_entry(d: dict) -> dict:
    """What a concept's panel shows of one paper: its title, its arXiv id when it has a valid one, its listings."""
    arxiv_id = clean_text(str(d.get(ARXIV_ID) or ""))
    return {
        TITLE: clean_text(str(d.get(TITLE) or d.get(LABEL) or "")),
        ARXIV_ID: arxiv_id if is_arxiv_id(arxiv_id) else "",
        N_LISTINGS: _number(d.get(N_LISTINGS)) or 0,
    }


def _clusters(G, kept: list) -> list[dict]:
    """The communities of the drawn nodes, largest first on the page: number, label, colour, size."""
    sizes: dict[int, int] = {}
    labels: dict[int, str] = {}
    for n in kept:
        community = G.nodes[n].get(COMMUNITY)
        if isinstance(community, numbers.Integral) and not isinstance(community, bool):
            sizes[int(community)] = sizes.get(int(community), 0) + 1
            labels.setdefault(int(community), clean_text(str(G.nodes[n].get(COMMUNITY_LABEL, ""))))
    return [
        {"id": c, LABEL: labels[c], "color": _css(cluster_colour(c)), "size": sizes[c]}
        for c in sorted(sizes, key=lambda c: (-sizes[c], c))
    ]


def _weight(d: dict) -> float:
    weight = _number(d.get(WEIGHT, 1.0))
    return 0.0 if weight is None else float(weight)


def _looks(G, kept: list, strength: dict, focus, span: float) -> dict:
    """Each node's radius and label size, in canvas pixels.

    A concept's share is its prominence over the strongest concept's (over the focus's on a
    focus page, where the focus is drawn largest); its radius grows with the square root of the
    share, its label with a power of the share's logarithm, sized in screen pixels at the
    opening zoom so that only the leading concepts' labels clear the page's draw threshold.
    Papers are small, by weighted degree, and share one label size.
    """
    prominence = {n: _prominence(G.nodes[n], strength[n]) for n in kept}
    is_paper = {n: G.nodes[n].get(KIND, CONCEPT) == PAPER for n in kept}
    top_paper = max((prominence[n] for n in kept if is_paper[n]), default=0.0) or 1.0
    if focus is not None and not is_paper[focus]:
        top_concept = prominence[focus]
    else:
        top_concept = max((prominence[n] for n in kept if not is_paper[n]), default=0.0)
    top_concept = top_concept if top_concept > 0 else 1.0
    # Canvas pixels per screen pixel once the page is fitted (small pages are not zoomed in).
    unit = max(1.0, span / _FIT_PIXELS)
    looks = {}
    for n in kept:
        if is_paper[n]:
            share = max(prominence[n], 0.0) / top_paper
            size, font = _MIN_PAPER_SIZE + (_MAX_PAPER_SIZE - _MIN_PAPER_SIZE) * math.sqrt(share), _PAPER_LABEL
        else:
            share = min(1.0, max(prominence[n], 0.0) / top_concept)
            log_share = math.log1p(max(prominence[n], 0.0)) / math.log1p(top_concept)
            size = _MIN_SIZE + (_MAX_SIZE - _MIN_SIZE) * math.sqrt(share)
            font = unit * _TOP_LABEL * min(1.0, log_share) ** _LABEL_POWER
            if focus is not None:
                # Every concept of a focus page is one of its neighbours: all are labelled.
                font = _FOCUS_LABEL if n == focus else _FOCUS_CONCEPT_LABEL + 3.0 * share
                font *= unit
                size = _FOCUS_SIZE if n == focus else _MIN_SIZE + 0.5 * (size - _MIN_SIZE)
            font = max(_MIN_LABEL, font)
        looks[n] = (round(size, 1), round(font, 1))
    return looks


def _prominence(d: dict, strength: float) -> float:
    """How large a node is drawn: a concept's papers, else its weighted degree."""
    if d.get(KIND, CONCEPT) != PAPER:
        n_papers = _number(d.get(N_PAPERS))
        if n_papers is not None:
            return float(n_papers)
    return strength


def _relative(d: dict, key, most: dict) -> float:
    kind = d.get(KIND, key)
    return _strength(d, kind) / (most.get(kind) or 1.0)


def _positions(G, kept: list, focus) -> tuple[dict, float]:
    """Canvas positions in pixels, spread so that the page opens at a readable zoom, and their span.

    A focus page has a layout of its own (:func:`_focus_layout`): the map's positions, made for
    the whole corpus, would crowd a neighbourhood's few concepts and pile its papers on them.
    """
    own = _focus_layout(G, kept) if focus is not None else None
    if own is not None:
        raw = own
    elif all(_number(G.nodes[n].get(axis)) is not None for n in kept for axis in (LAYOUT_X, LAYOUT_Y)):
        raw = {n: (float(G.nodes[n][LAYOUT_X]), float(G.nodes[n][LAYOUT_Y])) for n in kept}
    elif len(kept) <= 500:
        raw = {n: tuple(p) for n, p in nx.spring_layout(G.subgraph(kept), seed=42).items()}
    else:
        # spring_layout needs scipy beyond 500 nodes; a circle keeps the page usable.
        raw = {n: tuple(p) for n, p in nx.circular_layout(kept).items()}
    xs = [p[0] for p in raw.values()] or [0.0]
    ys = [p[1] for p in raw.values()] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    target = 60.0 * math.sqrt(len(kept)) + 200.0
    scale = target / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    # The layout's y axis points up and the canvas's down.
    return {n: (round((x - cx) * scale, 1), round((cy - y) * scale, 1)) for n, (x, y) in raw.items()}, target


def _focus_layout(G, kept: list) -> dict | None:
    """A focus page's own layout, or None when it has more than ``_FOCUS_LAYOUT_MOST`` units to place.

    The units are the page's concepts (and artifacts) and its papers grouped by the concepts
    they are tied to: the papers of a group sit in a small sunflower disc (strongest at the
    middle) around the group's point. The units are placed by VOS mapping, as the map is
    (:func:`papergraph.concept_map.vos_layout`): a group is tied to each of its concepts by its
    number of papers, two concepts by their ``co_occurs`` count; each group needs room for its disc.
    """
    paper = {n: G.nodes[n].get(KIND, CONCEPT) == PAPER for n in kept}
    hubs = [n for n in kept if not paper[n]]
    at = {n: i for i, n in enumerate(hubs)}
    groups: dict[tuple[int, ...], list] = {}
    for n in kept:
        if paper[n]:
            groups.setdefault(tuple(sorted({at[m] for m in G.adj[n] if m in at})), []).append(n)
    n_units = len(hubs) + len(groups)
    if n_units > _FOCUS_LAYOUT_MOST:
        return None
    ties: dict[tuple[int, int], float] = {}
    for u, v, key, d in G.subgraph(hubs).edges(keys=True, data=True):
        if u != v:
            pair = (min(at[u], at[v]), max(at[u], at[v]))
            ties[pair] = ties.get(pair, 0.0) + _strength(d, d.get(KIND, key))
    for g, (linked, members) in enumerate(groups.items()):
        for hub in linked:
            ties[(hub, len(hubs) + g)] = ties.get((hub, len(hubs) + g), 0.0) + len(members)
    pairs = sorted(ties)
    rows = np.array([p[0] for p in pairs], dtype=np.int64)
    cols = np.array([p[1] for p in pairs], dtype=np.int64)
    counts = np.array([ties[p] for p in pairs], dtype=np.float64)
    # Association strength, as the map normalises: the focus's many ties do not pull all to one spot.
    total = np.bincount(np.r_[rows, cols], weights=np.r_[counts, counts], minlength=n_units)
    weights = counts / (total[rows] * total[cols])
    # Discs of papers spaced so that the largest is a quarter of the mean distance across (in mean distances).
    largest = max((len(members) for members in groups.values()), default=1)
    spacing = min(_FOCUS_PAPER_GAP, 0.125 / math.sqrt(largest))
    room = np.array([_FOCUS_ROOM] * len(hubs)
                    + [_FOCUS_ROOM + spacing * math.sqrt(len(members)) for members in groups.values()])
    xy = vos_layout(n_units, rows, cols, weights, room=room)
    upper = np.triu_indices(n_units, k=1)
    spacing *= float(np.sqrt(((xy[upper[0]] - xy[upper[1]]) ** 2).sum(axis=1)).mean()) if n_units > 1 else 1.0
    raw = {n: (float(xy[i, 0]), float(xy[i, 1])) for i, n in enumerate(hubs)}
    for g, members in enumerate(groups.values()):
        x, y = xy[len(hubs) + g]
        for k, n in enumerate(members):
            radius, angle = spacing * math.sqrt(k + 0.5), k * _GOLDEN_ANGLE
            raw[n] = (float(x + radius * math.cos(angle)), float(y + radius * math.sin(angle)))
    return raw


def _node_record(node, d: dict, position, strength: float, degree: int, size: float, font: float) -> dict:
    kind = d.get(KIND, CONCEPT)
    group = kind if kind in (PAPER, ARTIFACT) else d.get(TYPE, CONCEPT_TYPES[0])
    record = {
        "id": clean_text(str(node)),
        LABEL: clean_text(str(d.get(LABEL, node))),
        KIND: kind,
        "group": group if group in _NODE_COLORS else PAPER,
        LAYOUT_X: position[0],
        LAYOUT_Y: position[1],
        "size": size,
        "font": font,
        WEIGHTED_DEGREE: _number(strength),
        DEGREE: int(d.get(DEGREE, degree)),
    }
    fields: tuple[str, ...] = (TITLE, ABSTRACT, ARXIV_ID, N_LISTINGS, PAGES, DATES, SOURCES)
    if kind == CONCEPT:
        fields = (TYPE, TYPES, ALIASES, N_PAPERS)
    elif kind == ARTIFACT:
        fields = (TYPE, URL, N_PAPERS)
    for name in (*fields, COMMUNITY, COMMUNITY_LABEL, PAGERANK):
        if name in d:
            record[name] = _jsonable(d[name])
    # Dates for the colour-by-time mode, only when they are ISO dates (nothing else reaches the page's ramp).
    for name in (FIRST_SEEN, MEAN_DATE):
        if is_iso_date(d.get(name)):
            record[name] = d[name]
    return record


def _edge_record(u, v, key, d: dict, most: dict) -> dict:
    papers = [clean_text(str(p)) for p in d.get(PAPERS, ())]
    kind = d.get(KIND, key)
    return {
        "from": clean_text(str(u)),
        "to": clean_text(str(v)),
        KIND: str(kind),
        WEIGHT: _number(_weight(d)),
        COUNT: _number(d.get(COUNT, _weight(d))),
        "width": _width(str(kind), _relative(d, key, most)),
        PAPERS: papers[:_MAX_TIE_PAPERS],
        N_PAPERS: len(papers),
    }


def _strength(d: dict, kind) -> float:
    if kind == CO_OCCURS:
        count = _number(d.get(COUNT))
        if count is not None:
            return max(float(count), 0.0)
    return max(_weight(d), 0.0)


def _width(kind: str, relative: float) -> float:
    """Edge width in canvas pixels: ``co_occurs`` ties draw the structure, the rest stay thin."""
    if kind == CO_OCCURS:
        return round(0.4 + 3.6 * math.sqrt(relative), 2)
    return round(0.5 + 1.5 * math.sqrt(relative), 2)


def _number(value):
    return finite_number(value, digits=6)


def _jsonable(value):
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return _number(value)
    return clean_text(str(value))
