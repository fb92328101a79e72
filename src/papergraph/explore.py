"""Exploring: a concept's neighbourhood, with the papers behind each tie.

:func:`find_concept` matches a name forgivingly (id, case, alias, abbreviation, near
spelling) and :func:`neighbors` returns a :class:`Neighbourhood`: the concept, the concepts
it co-occurs with, strongest first, each with the papers behind the tie, and the papers
that mention it. ``Neighbourhood.records()`` and ``.lines()`` render it as JSON records or
table lines; ``.node_ids()`` and ``.subgraph(G)`` give the nodes for a page of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import networkx as nx
from rapidfuzz import fuzz, process

from papergraph.errors import UnknownConceptError

__all__ = ["ConceptRef", "PaperRef", "Tie", "Neighbourhood", "find_concept", "neighbors"]

# A near spelling scoring at least this (rapidfuzz ratio, 0-100) is taken as the concept.
_FUZZY_MATCH = 85
# Names scoring at least this (rapidfuzz WRatio, which also weighs partial matches) are
# offered as "did you mean" suggestions.
_FUZZY_SUGGEST = 60


@dataclass(frozen=True)
class ConceptRef:
    """A concept node, as a neighbourhood shows it."""

    id: str
    label: str
    type: str
    n_papers: int


@dataclass(frozen=True)
class PaperRef:
    """A paper node, as a neighbourhood shows it."""

    id: str
    title: str


@dataclass(frozen=True)
class Tie:
    """A related concept, ``depth`` steps from the focus, tied to concept ``via``."""

    concept: ConceptRef
    weight: float
    count: float
    papers: tuple[PaperRef, ...]
    depth: int
    via: str


@dataclass(frozen=True)
class Neighbourhood:
    """A concept, the concepts related to it, strongest first, and the papers that mention it."""

    concept: ConceptRef
    related: tuple[Tie, ...]
    papers: tuple[PaperRef, ...]

    def node_ids(self) -> tuple[str, ...]:
        """The focus, the related concepts and the papers mentioning the focus, sorted."""
        ids = {self.concept.id}
        ids.update(tie.concept.id for tie in self.related)
        ids.update(paper.id for paper in self.papers)
        return tuple(sorted(ids))

    def subgraph(self, G: nx.MultiGraph) -> nx.MultiGraph:
        """A copy of the part of ``G`` spanned by :meth:`node_ids`."""
        return G.subgraph(self.node_ids()).copy()

    def records(self) -> list[dict]:
        """JSON-ready records: the concept, then one per related concept, then one per paper."""
        records = [dict(record="concept", **_concept_dict(self.concept))]
        for tie in self.related:
            records.append(dict(record="related", **_concept_dict(tie.concept), weight=tie.weight, count=tie.count,
                                depth=tie.depth, via=tie.via,
                                papers=[dict(id=p.id, title=p.title) for p in tie.papers]))
        records += [dict(record="paper", id=p.id, title=p.title) for p in self.papers]
        return records

    def lines(self, *, papers: int = 10) -> list[str]:
        """A plain-text table of the neighbourhood, showing at most ``papers`` papers per list."""
        c = self.concept
        lines = [f"{c.label} ({c.type}, {c.n_papers} papers, {c.id})", "", "related concepts:"]
        rows = [(str(t.depth), f"{t.weight:g}", f"{t.count:g}", t.concept.type, t.concept.label) for t in self.related]
        header = ("depth", "weight", "papers", "type", "concept")
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            lines.append("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        for tie in self.related:
            lines.append(f"  papers behind {c.label} - {tie.concept.label}:" if tie.depth == 1
                         else f"  papers behind {tie.via} - {tie.concept.label}:")
            lines += _paper_lines(tie.papers, papers)
        lines += ["", f"papers mentioning {c.label}:"] + _paper_lines(self.papers, papers)
        return lines


def _concept_dict(concept: ConceptRef) -> dict:
    return dict(id=concept.id, label=concept.label, type=concept.type, n_papers=concept.n_papers)


def _paper_lines(papers: tuple[PaperRef, ...], limit: int) -> list[str]:
    lines = [f"    {p.id}  {p.title}" for p in papers[:limit]]
    if len(papers) > limit:
        lines.append(f"    ... and {len(papers) - limit} more")
    return lines


def _normal(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", name.casefold())


def _initials(name: str) -> str:
    return "".join(word[0] for word in re.split(r"[\s\-/]+", name.casefold()) if word)


def find_concept(G: nx.MultiGraph, name: str) -> str:
    """The id of the concept node best matching ``name``.

    Tried in turn: the node id; the label or an alias, ignoring case, spaces and
    punctuation; the initials of a label ("KD" for knowledge distillation); a near spelling.
    Among equal matches the concept of most papers wins.

    Raises
    ------
    UnknownConceptError
        When nothing matches, with the closest names as ``suggestions``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiGraph()
    >>> G.add_node("concept:kd", kind="concept", label="knowledge distillation", aliases=("KD",), n_papers=3)
    >>> find_concept(G, "Knowledge-Distillation"), find_concept(G, "kd"), find_concept(G, "knowledge distilation")
    ('concept:kd', 'concept:kd', 'concept:kd')
    >>> find_concept(G, "distillery")
    Traceback (most recent call last):
    ...
    papergraph.errors.UnknownConceptError: no concept matches 'distillery'; did you mean: knowledge distillation?
    """
    concepts = sorted(
        (n for n, d in G.nodes(data=True) if d.get("kind") == "concept"),
        key=lambda n: (-G.nodes[n].get("n_papers", 0), n),
    )
    if name in G and G.nodes[name].get("kind") == "concept":
        return name
    wanted = _normal(name)
    names = {c: [G.nodes[c]["label"], *G.nodes[c].get("aliases", ())] for c in concepts}
    for match in (
        lambda c: any(_normal(n) == wanted for n in names[c]),
        lambda c: len(wanted) > 1 and _initials(G.nodes[c]["label"]) == wanted,
    ):
        for concept in concepts:
            if match(concept):
                return concept
    rank = {c: r for r, c in enumerate(concepts)}
    close = process.extract(wanted, {(c, k): _normal(n) for c in concepts for k, n in enumerate(names[c])},
                            scorer=fuzz.ratio, score_cutoff=_FUZZY_MATCH, limit=None)
    # A near spelling with other numbers is another version: GPT-5 is not GPT-3.5.
    close = [hit for hit in close if re.findall(r"\d+", hit[0]) == re.findall(r"\d+", wanted)]
    if close:
        return min(close, key=lambda hit: (-hit[1], rank[hit[2][0]]))[2][0]
    found = process.extract(name.casefold(), {(c, k): n.casefold() for c in concepts for k, n in enumerate(names[c])},
                            scorer=fuzz.WRatio, score_cutoff=_FUZZY_SUGGEST, limit=None)
    found.sort(key=lambda hit: (-hit[1], rank[hit[2][0]]))
    suggestions = []
    for _, _, (concept, _) in found:
        label = G.nodes[concept]["label"]
        if label not in suggestions:
            suggestions.append(label)
    raise UnknownConceptError(name, tuple(suggestions[:5]))


def neighbors(G: nx.MultiGraph, concept: str, *, depth: int = 1, top: int = 10,
              kinds: tuple[str, ...] | list[str] | None = None) -> Neighbourhood:
    """The neighbourhood of a concept: related concepts by weight, with the papers behind each tie.

    Parameters
    ----------
    G : a graph made by :func:`papergraph.graph.build_graph`.
    concept : a concept name, alias, abbreviation or id (see :func:`find_concept`).
    depth : how many concept-to-concept steps to take; each step lists the ``top``
        strongest ties of every concept reached at the step before.
    top : how many related concepts per concept and step.
    kinds : only related concepts of these types (``"method"``, ``"model"``, ...).

    Ties are the ``co_occurs`` edges (``weight`` as built); when the graph has none, they are
    counted from the ``mentions`` edges (weight = papers mentioning both). They are ranked by
    ``count`` (papers behind the tie), then ``weight``: association strength alone would put
    concepts seen once first.

    Examples
    --------
    >>> from papergraph.graph import build_graph
    >>> from papergraph.types import Concept, Extraction, Listing, Mention, Paper
    >>> papers = [Paper(f"arxiv:{i}", f"Paper {i}", "", (Listing("a", "a", i, "", ""),)) for i in (1, 2)]
    >>> concepts = (Concept("concept:gpu", "GPU", ("hardware",)), Concept("concept:lora", "LoRA", ("method",)))
    >>> mentions = tuple(Mention(p.id, c.id, 1) for p in papers for c in concepts)
    >>> hood = neighbors(build_graph(papers, Extraction(concepts, mentions)), "lora")
    >>> [(t.concept.label, t.count, [p.id for p in t.papers]) for t in hood.related]
    [('GPU', 2.0, ['arxiv:1', 'arxiv:2'])]
    """
    focus = find_concept(G, concept)
    wanted_types = set(kinds) if kinds else None
    has_co_occurs = any(k == "co_occurs" for _, _, k in G.edges(keys=True))
    seen = {focus}
    related: list[Tie] = []
    frontier = [focus]
    for step in range(1, depth + 1):
        reached = []
        for source in frontier:
            ties = _ties(G, source, has_co_occurs)
            ties = [t for t in ties if t[0] not in seen
                    and (wanted_types is None or wanted_types & set(G.nodes[t[0]].get("types", ())))]
            for other, weight, count, papers in ties[:top]:
                seen.add(other)
                reached.append(other)
                related.append(Tie(_concept_ref(G, other), weight, count,
                                   tuple(_paper_ref(G, p) for p in papers), step, source))
        frontier = reached
    mentioning = sorted(
        ((-d.get("weight", 1.0), p) for p, keyed in G.adj[focus].items() for k, d in keyed.items() if k == "mentions"),
    )
    return Neighbourhood(_concept_ref(G, focus), tuple(related), tuple(_paper_ref(G, p) for _, p in mentioning))


def _ties(G: nx.MultiGraph, concept: str, has_co_occurs: bool) -> list[tuple[str, float, float, tuple[str, ...]]]:
    """(other concept, weight, count, papers) of each tie of ``concept``, by count, then weight."""
    ties = []
    if has_co_occurs:
        for other, keyed in G.adj[concept].items():
            if "co_occurs" in keyed:
                d = keyed["co_occurs"]
                ties.append((other, d["weight"], d["count"], tuple(d["papers"])))
    else:
        behind: dict[str, list[str]] = {}
        for paper, keyed in G.adj[concept].items():
            if "mentions" in keyed:
                for other, other_keyed in G.adj[paper].items():
                    if other != concept and "mentions" in other_keyed:
                        behind.setdefault(other, []).append(paper)
        ties = [(other, float(len(p)), float(len(p)), tuple(sorted(p))) for other, p in behind.items()]
    ties.sort(key=lambda t: (-t[2], -t[1], G.nodes[t[0]]["label"], t[0]))
    return ties


def _concept_ref(G: nx.MultiGraph, node: str) -> ConceptRef:
    d = G.nodes[node]
    return ConceptRef(node, d["label"], d.get("type", ""), d.get("n_papers", 0))


def _paper_ref(G: nx.MultiGraph, node: str) -> PaperRef:
    return PaperRef(node, G.nodes[node].get("title", G.nodes[node]["label"]))
