"""Exploring: a concept's neighbourhood, with the papers behind each tie.

:func:`find_concept` matches a name forgivingly (id, case, alias, abbreviation, near
spelling) and :func:`neighbors` returns a :class:`Neighbourhood`: the concept, the concepts
it co-occurs with, strongest first, each with the papers behind the tie, and the papers
that mention it. ``Neighbourhood.records()`` and ``.lines()`` render it as JSON records or
table lines; ``.node_ids()`` and ``.subgraph(G)`` give the nodes for a page of its own.

Both work on a networkx graph or on the tables ``build`` wrote (:class:`GraphTables`, read
from ``nodes.csv`` and ``edges.csv`` in a fraction of a second, with no graph to build). The
papers behind a tie are those mentioning both concepts, so they are exact even where an
export listed only the first few on the edge.
"""

from __future__ import annotations

import csv
import math
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from papergraph.errors import PapergraphError, UnknownConceptError
from papergraph.schema import (
    ALIASES,
    CO_OCCURS,
    CONCEPT,
    COUNT,
    KIND,
    LABEL,
    MENTIONS,
    N_PAPERS,
    PAPER,
    PAPERS,
    ROUND,
    TITLE,
    TYPE,
    TYPES,
    WEIGHT,
    split_values,
)

if TYPE_CHECKING:  # networkx is imported by whoever made the graph; reading tables needs none
    import networkx as nx

    from papergraph.graph import GraphData

__all__ = ["ConceptRef", "PaperRef", "Tie", "Neighbourhood", "GraphTables", "ConceptIndex", "find_concept",
           "neighbors"]

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
        records = [dict(record=CONCEPT, **_concept_dict(self.concept))]
        for tie in self.related:
            records.append(dict(record="related", **_concept_dict(tie.concept), weight=tie.weight, count=tie.count,
                                depth=tie.depth, via=tie.via,
                                papers=[dict(id=p.id, title=p.title) for p in tie.papers]))
        records += [dict(record=PAPER, id=p.id, title=p.title) for p in self.papers]
        return records

    def lines(self, *, papers: int = 10) -> list[str]:
        """A plain-text table of the neighbourhood, showing at most ``papers`` papers per list."""
        c = self.concept
        lines = [f"{c.label} ({c.type}, {c.n_papers} papers, {c.id})", "", "related concepts:"]
        rows = [(str(t.depth), f"{t.weight:g}", f"{t.count:g}", t.concept.type, t.concept.label) for t in self.related]
        header = ("depth", "weight", "papers", "type", "concept")
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            lines.append("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
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


class GraphTables:
    """The parts of a written graph that exploring needs, read from ``nodes.csv`` and ``edges.csv``.

    Only the concepts, the paper titles, and the ``mentions`` and ``co_occurs`` edges are kept,
    read with the standard library's csv reader (no pandas, numpy or networkx to import), so
    that a neighbourhood of a large graph comes in well under a second.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import networkx as nx
    >>> from papergraph.readwrite import write_edges_csv, write_nodes_csv
    >>> G = nx.MultiGraph()
    >>> G.add_node("concept:gpu", kind="concept", label="GPU", type="hardware", n_papers=1)
    >>> G.add_node("arxiv:1", kind="paper", label="A", title="A")
    >>> _ = G.add_edge("arxiv:1", "concept:gpu", "mentions", kind="mentions", weight=1.0, count=1.0)
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> write_nodes_csv(G, out / "nodes.csv"); write_edges_csv(G, out / "edges.csv")
    >>> [p.id for p in neighbors(GraphTables.read(out), "gpu").papers]
    ['arxiv:1']
    """

    def __init__(self, concepts: dict[str, dict[str, Any]], titles: dict[str, str],
                 edges: list[tuple[str, str, str, float, float, str]]):
        self.concepts = concepts
        self.titles = titles
        self.edges = edges

    @classmethod
    def read(cls, directory: str | os.PathLike) -> GraphTables:
        """Read the tables ``build`` wrote into ``directory``.

        Raises :class:`papergraph.errors.PapergraphError` when they are missing or unreadable.
        """
        directory = Path(directory)
        concepts: dict[str, dict[str, Any]] = {}
        titles: dict[str, str] = {}
        for row in _rows(directory, "nodes.csv", ("id", KIND, LABEL), (TYPE, TYPES, ALIASES, N_PAPERS, TITLE)):
            node, kind, label, type_, types, aliases, n_papers, title = row
            if kind == CONCEPT:
                concepts[node] = {LABEL: label, TYPE: type_, TYPES: split_values(types),
                                  ALIASES: split_values(aliases), N_PAPERS: int(n_papers or 0)}
            else:
                titles[node] = title or label
        edges = [(source, target, kind, _number(weight), _number(count), papers)
                 for source, target, kind, weight, count, papers
                 in _rows(directory, "edges.csv", ("source", "target", KIND), (WEIGHT, COUNT, PAPERS))
                 if kind in (MENTIONS, CO_OCCURS)]
        return cls(concepts, titles, edges)


def _rows(directory: Path, name: str, required: tuple[str, ...], optional: tuple[str, ...]) -> Iterator[list[str]]:
    """The ``required`` and ``optional`` columns of each row of a table ("" for a column it lacks)."""
    path = directory / name
    limit = csv.field_size_limit()
    try:
        csv.field_size_limit(sys.maxsize)  # an abstract may be longer than the csv module's default limit
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            missing = [column for column in required if column not in header]
            if missing:
                raise PapergraphError(f"{str(path)!r} has no column {', '.join(missing)}")
            at = [header.index(column) if column in header else None for column in required + optional]
            for line, row in enumerate(reader, start=2):
                if len(row) != len(header):
                    raise PapergraphError(f"{path}:{line}: {len(row)} cells where the header has {len(header)}")
                yield [row[i] if i is not None else "" for i in at]
    except FileNotFoundError:
        raise PapergraphError(f"{str(directory)!r} holds no {name}: write it with "
                              f"`papergraph build --out {directory}` (with csv among --formats)") from None
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise PapergraphError(f"cannot read {str(path)!r}: {error}") from None
    finally:
        csv.field_size_limit(limit)


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 1.0


class ConceptIndex:
    """What a neighbourhood needs of a graph, by concept: its attributes, papers and ties.

    Made once (:meth:`of`) and asked many times: :func:`neighbors` and :func:`find_concept`
    take one in place of a graph.
    """

    def __init__(self, attributes: dict[str, dict[str, Any]], titles: dict[str, str],
                 mentions: Iterable[tuple[str, str, float]], ties: Iterable[tuple[str, str, float, float, Any]]):
        self.attributes = attributes
        self.titles = titles
        self.mentioning: dict[str, list[tuple[str, float]]] = {}
        for paper, concept, weight in mentions:
            self.mentioning.setdefault(concept, []).append((paper, weight))
        self.ties: dict[str, list[tuple[str, float, float, Any]]] = {}
        for a, b, weight, count, papers in ties:
            self.ties.setdefault(a, []).append((b, weight, count, papers))
            self.ties.setdefault(b, []).append((a, weight, count, papers))
        self._papers_of: dict[str, set[str]] = {}

    def papers_of(self, concept: str) -> set[str]:
        """The papers mentioning ``concept`` (made once per concept asked about)."""
        if concept not in self._papers_of:
            self._papers_of[concept] = {paper for paper, _ in self.mentioning.get(concept, ())}
        return self._papers_of[concept]

    @classmethod
    def of(cls, graph: Graph) -> ConceptIndex:
        """The index of a networkx graph, of the tables ``build`` wrote, or of a columnar graph."""
        if isinstance(graph, ConceptIndex):
            return graph
        if isinstance(graph, GraphTables):
            return cls._of_tables(graph)
        if hasattr(graph, "edges") and hasattr(graph, "node_data"):  # GraphData, not imported when reading tables
            return cls._of_data(graph)
        return cls._of_graph(graph)

    @classmethod
    def _of_data(cls, data: GraphData) -> ConceptIndex:
        attributes = {n: d for n, d in zip(data.nodes, data.node_data, strict=True) if d.get(KIND) == CONCEPT}
        titles = {n: d.get(TITLE, d.get(LABEL, n)) for n, d in zip(data.nodes, data.node_data, strict=True)
                  if d.get(KIND) != CONCEPT}
        nodes = data.nodes
        mentions: list[tuple[str, str, float]] = []
        ties: list[tuple[str, str, float, float, Any]] = []
        for block in data.edges:
            ends = zip(block.u.tolist(), block.v.tolist(), block.weight.tolist(), strict=True)
            if block.kind == MENTIONS:
                mentions += ((nodes[u], nodes[v], w) for u, v, w in ends)
            elif block.kind == CO_OCCURS:
                ties += ((nodes[u], nodes[v], w, c, papers)
                         for (u, v, w), c, papers in zip(ends, block.count.tolist(), block.papers, strict=True))
        return cls(attributes, titles, mentions, ties)

    @classmethod
    def _of_graph(cls, G: nx.MultiGraph) -> ConceptIndex:
        attributes = {n: d for n, d in G.nodes(data=True) if d.get(KIND) == CONCEPT}
        titles = {n: d.get(TITLE, d.get(LABEL, n)) for n, d in G.nodes(data=True) if d.get(KIND) != CONCEPT}
        mentions, ties = [], []
        for concept in attributes:
            for other, keyed in G.adj[concept].items():
                if MENTIONS in keyed:
                    mentions.append((other, concept, keyed[MENTIONS].get(WEIGHT, 1.0)))
                if CO_OCCURS in keyed and concept < other:
                    d = keyed[CO_OCCURS]
                    ties.append((concept, other, d.get(WEIGHT, 1.0), d.get(COUNT, 1.0), d.get(PAPERS, ())))
        return cls(attributes, titles, mentions, ties)

    @classmethod
    def _of_tables(cls, tables: GraphTables) -> ConceptIndex:
        mentions = ((source, target, weight) for source, target, kind, weight, _, _ in tables.edges if kind == MENTIONS)
        ties = ((source, target, weight, count, papers)
                for source, target, kind, weight, count, papers in tables.edges if kind == CO_OCCURS)
        return cls(tables.concepts, tables.titles, mentions, ties)

    def concept_ref(self, node: str) -> ConceptRef:
        d = self.attributes[node]
        return ConceptRef(node, d[LABEL], d.get(TYPE, "") or "", int(d.get(N_PAPERS, 0) or 0))

    def paper_ref(self, node: str) -> PaperRef:
        return PaperRef(node, str(self.titles.get(node, node)))

    def ranked_ties(self, concept: str) -> list[tuple[str, float, float, tuple[str, ...]]]:
        """(other concept, weight, count, papers behind) of each tie of ``concept``, by count, then weight.

        Ties are the ``co_occurs`` edges; without any, they are counted from the mentions
        (weight: the cosine of the two concepts' papers, as ``co_occurs`` has it). The papers
        behind a tie are the papers mentioning both, when mentions are known.
        """
        mine = self.papers_of(concept)
        if self.ties:
            ties = [(other, float(weight), float(count),
                     tuple(sorted(mine & self.papers_of(other))) if self.mentioning else _split(papers))
                    for other, weight, count, papers in self.ties.get(concept, ())]
        else:
            ties = []
            for other in self.mentioning:
                theirs = self.papers_of(other)
                both = mine & theirs
                if other != concept and both:
                    weight = round(len(both) / math.sqrt(len(mine) * len(theirs)), ROUND)
                    ties.append((other, weight, float(len(both)), tuple(sorted(both))))
        ties.sort(key=lambda t: (-t[2], -t[1], self.attributes[t[0]][LABEL], t[0]))
        return ties


if TYPE_CHECKING:
    from typing import TypeAlias

    #: Whatever a neighbourhood can be found in.
    Graph: TypeAlias = "nx.MultiGraph | GraphTables | GraphData | ConceptIndex"


def _split(value: Any) -> tuple[str, ...]:
    """A multi-valued attribute as a tuple, whether a tuple or its ``"; "``-joined text."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, str):
        return split_values(value)
    return ()


def find_concept(G: Graph, name: str) -> str:
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
    return _find(ConceptIndex.of(G), name)


def _find(source: ConceptIndex, name: str) -> str:
    attributes = source.attributes
    concepts = sorted(attributes, key=lambda n: (-int(attributes[n].get(N_PAPERS, 0) or 0), n))
    if name in attributes:
        return name
    wanted = _normal(name)
    names = {c: [attributes[c][LABEL], *_split(attributes[c].get(ALIASES, ()))] for c in concepts}
    for match in (
        lambda c: any(_normal(n) == wanted for n in names[c]),
        lambda c: len(wanted) > 1 and _initials(attributes[c][LABEL]) == wanted,
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
    suggestions: list[str] = []
    for _, _, (concept, _) in found:
        label = attributes[concept][LABEL]
        if label not in suggestions:
            suggestions.append(label)
    raise UnknownConceptError(name, tuple(suggestions[:5]))


def neighbors(G: Graph, concept: str, *, depth: int = 1, top: int = 10,
              types: Iterable[str] | None = None) -> Neighbourhood:
    """The neighbourhood of a concept: related concepts by evidence, with the papers behind each tie.

    Parameters
    ----------
    G : a graph made by :func:`papergraph.graph.build_graph` (or ``build_data``), the tables
        ``build`` wrote (:meth:`GraphTables.read`), or a :class:`ConceptIndex` of either, made once
        for many questions.
    concept : a concept name, alias, abbreviation or id (see :func:`find_concept`).
    depth : how many concept-to-concept steps to take; each step lists the ``top``
        strongest ties of every concept reached at the step before.
    top : how many related concepts per concept and step.
    types : only related concepts of these concept types (``"method"``, ``"model"``, ...).

    Ties are the ``co_occurs`` edges; when the graph has none, they are counted from the
    ``mentions`` edges. They are ranked by ``count`` (papers behind the tie), then ``weight``:
    a normalised weight alone would put concepts seen once first.

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
    source = ConceptIndex.of(G)
    focus = _find(source, concept)
    wanted_types = set(types) if types else None
    seen = {focus}
    related: list[Tie] = []
    frontier = [focus]
    for step in range(1, depth + 1):
        reached = []
        for start in frontier:
            ties = [t for t in source.ranked_ties(start) if t[0] not in seen
                    and (wanted_types is None or wanted_types & set(_split(source.attributes[t[0]].get(TYPES, ()))))]
            for other, weight, count, papers in ties[:top]:
                seen.add(other)
                reached.append(other)
                related.append(Tie(source.concept_ref(other), weight, count,
                                   tuple(source.paper_ref(p) for p in papers), step, start))
        frontier = reached
    mentioning = sorted((-weight, paper) for paper, weight in source.mentioning.get(focus, ()))
    return Neighbourhood(source.concept_ref(focus), tuple(related), tuple(source.paper_ref(p) for _, p in mentioning))
