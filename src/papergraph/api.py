"""The Python API: from listing files to an analysed, explorable, exportable graph.

Each stage can be called on its own (``papergraph.listings``, ``papergraph.resolve``,
``papergraph.extract``, ``papergraph.graph``, ``papergraph.analyse``, ``papergraph.readwrite``);
this module chains them the way the command line does.

Examples
--------
>>> import papergraph
>>> kg = papergraph.build()              # the bundled sample corpus
>>> kg.summary().papers
659
>>> kg.neighbors("LLM").concept.label
'large language model'
"""

from __future__ import annotations

import html
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:
    import pandas as pd

from papergraph.analyse import analyse_data
from papergraph.engine import ENGINES, Workers, open_dask_workers
from papergraph.errors import EngineError, ExportError, OptionError, PapergraphError
from papergraph.explore import ConceptIndex, GraphTables, Neighbourhood, neighbors
from papergraph.extract import Thesaurus, concepts_frame, extract_concepts
from papergraph.graph import (
    BuildOptions,
    GraphData,
    build_data,
    flat_graph,
    frame_records,
    graph_from_tables,
    tuple_graph,
)
from papergraph.listings import read_listings
from papergraph.readwrite import (
    COLUMNAR,
    EDGE_PAPERS_SHOWN,
    STREAMS,
    WRITERS,
    GraphColumns,
    reporting,
    write_html,
    write_streams,
)
from papergraph.readwrite._atomic import FolderBusyError, writing_into
from papergraph.resolve import papers_frame, resolve_papers
from papergraph.schema import (
    ARTIFACT,
    ARTIFACT_TYPES,
    COMMUNITY,
    CONCEPT,
    DROPPED,
    KIND,
    MAP_DESCRIPTION,
    N_LISTINGS,
    PAPER,
    TYPE,
)
from papergraph.types import EDGE_KINDS, Extraction, InputProblem, Paper

__all__ = [
    "Corpus",
    "KnowledgeGraph",
    "Summary",
    "read_corpus",
    "extract_corpus",
    "build",
    "load",
    "FORMATS",
    "EDGE_PAPERS_SHOWN",
]

Inputs = Iterable[str | os.PathLike] | None

#: Every format ``build`` can write, in the order written.
FORMATS: tuple[str, ...] = tuple(WRITERS)


@dataclass(frozen=True)
class Corpus:
    """The distinct papers read from some inputs, and what was wrong with the inputs."""

    papers: tuple[Paper, ...]
    problems: tuple[InputProblem, ...] = ()

    @property
    def n_listings(self) -> int:
        """How many listings the papers have in all."""
        return sum(len(paper.listings) for paper in self.papers)

    def frame(self) -> pd.DataFrame:
        """One row per paper (see :func:`papergraph.resolve.papers_frame`)."""
        return papers_frame(self.papers)


def read_corpus(inputs: Inputs = None, *, progress: bool = False, workers: Workers | None = None) -> Corpus:
    """Read listing files and resolve them into distinct papers.

    Parameters
    ----------
    inputs : paths, directories or globs; None or empty reads the bundled sample corpus.
    progress : show progress bars on standard error.
    workers : where to read the files (:class:`papergraph.engine.Workers`); None: here.

    Raises
    ------
    papergraph.errors.NoListingsError
        When not a single listing could be read.

    Examples
    --------
    >>> corpus = read_corpus()
    >>> len(corpus.papers), corpus.n_listings
    (659, 725)
    """
    result = read_listings(inputs, progress=progress, workers=workers)
    return Corpus(resolve_papers(result.listings, progress=progress), result.problems)


def extract_corpus(
    inputs: Inputs = None,
    *,
    thesaurus: Thesaurus | str | os.PathLike | None = None,
    progress: bool = False,
    workers: Workers | None = None,
) -> tuple[Corpus, Extraction]:
    """Read the inputs and extract the concepts of every paper.

    Examples
    --------
    >>> corpus, extraction = extract_corpus()
    >>> any(c.name == "LoRA" for c in extraction.concepts)
    True
    """
    corpus = read_corpus(inputs, progress=progress, workers=workers)
    return corpus, extract_concepts(corpus.papers, thesaurus=thesaurus, progress=progress, workers=workers)


@dataclass(frozen=True)
class Summary:
    """The counts ``papergraph build`` prints."""

    papers: int
    listings: int
    concepts_by_type: dict[str, int]
    edges_by_kind: dict[str, int]
    clusters: int
    dropped: dict[str, int]
    #: Artifacts (repositories, models, datasets, pages papers link) by type.
    artifacts_by_type: dict[str, int] = field(default_factory=dict)
    #: What the concept map draws and leaves out (:meth:`papergraph.concept_map.MapSelection.description`).
    map: str = ""

    def lines(self) -> list[str]:
        """The summary as short human-readable lines."""
        types = ", ".join(f"{n} {t}" for t, n in self.concepts_by_type.items())
        kinds = ", ".join(f"{n} {k}" for k, n in self.edges_by_kind.items())
        lines = [
            f"papers:   {self.papers} ({self.listings} listings)",
            f"concepts: {sum(self.concepts_by_type.values())} ({types})",
        ]
        if self.artifacts_by_type:
            found = ", ".join(f"{n} {t}" for t, n in self.artifacts_by_type.items())
            lines.append(f"artifacts: {sum(self.artifacts_by_type.values())} ({found})")
        lines += [
            f"edges:    {sum(self.edges_by_kind.values())} ({kinds})",
            f"clusters: {self.clusters}",
        ]
        dropped = ", ".join(f"{n} {what}" for what, n in self.dropped.items() if n)
        if dropped:
            lines.append(f"dropped by thresholds: {dropped}")
        if self.map:
            lines.append(f"map:      {self.map}")
        return lines


class KnowledgeGraph:
    """The built and analysed graph, with the records it was built from.

    Parameters
    ----------
    tuple_graph : networkx.MultiGraph or GraphData
        The graph as :func:`papergraph.graph.build_graph` makes it (schema in
        :mod:`papergraph.graph`): multi-valued attributes are tuples; or the same graph as
        columns (:func:`papergraph.graph.build_data`, what :func:`build` gives), from which the
        exports, ``summary`` and ``neighbors`` are made without a networkx graph.
    corpus, extraction : the papers and concepts it was built from (``None`` for a graph read
        back with :func:`load`).
    options : the thresholds and counting choices it was built with.

    ``graph`` is the same graph with multi-valued attributes joined with ``"; "``, as the
    exported files hold them, so that networkx's own writers (``nx.write_graphml``,
    ``nx.write_gexf``) take it. ``nodes`` and ``edges`` are DataFrame views of it, as written
    to ``nodes.csv`` and ``edges.csv`` (every paper id behind an edge listed). Each is made on
    first use and kept: change the graph through ``tuple_graph`` before you first use them.
    Once ``tuple_graph`` is made, exports are written from it.
    """

    def __init__(self, tuple_graph: nx.MultiGraph | GraphData | None, corpus: Corpus | None = None,
                 extraction: Extraction | None = None, options: BuildOptions | None = None, *,
                 tables: Path | None = None):
        self._data = tuple_graph if isinstance(tuple_graph, GraphData) else None
        self._tuple_graph = None if isinstance(tuple_graph, GraphData) else tuple_graph
        self.corpus = corpus
        self.extraction = extraction
        self.options = options or BuildOptions()
        self._tables = tables
        self._cache: dict[str, Any] = {}

    def _read_from(self) -> Path | None:
        """The directory of the tables this graph is read from, until the graph itself is made."""
        return self._tables if self._tuple_graph is None and self._data is None else None

    def _columnar(self) -> GraphData | None:
        """The columns the graph was built as, while no networkx graph has been made of them."""
        return self._data if self._tuple_graph is None else None

    def _columns(self, max_papers: int, progress: bool = False) -> GraphColumns:
        """The graph laid out for the writers, from the columns while there is no networkx graph."""
        data = self._columnar()
        if data is not None:
            return GraphColumns.of_data(data, max_papers=max_papers, progress=progress)
        return GraphColumns(self.tuple_graph, max_papers=max_papers, progress=progress)

    def _cached(self, name: str, make: Callable[[], Any]) -> Any:
        if name not in self._cache:
            self._cache[name] = make()
        return self._cache[name]

    @property
    def tuple_graph(self) -> nx.MultiGraph:
        """The graph as :func:`papergraph.graph.build_graph` makes it: multi-valued attributes are tuples."""
        if self._tuple_graph is None:
            self._tuple_graph = self._data.to_networkx() if self._data is not None else tuple_graph(self.graph)
        return self._tuple_graph

    @property
    def graph(self) -> nx.MultiGraph:
        """The graph with multi-valued attributes joined with ``"; "``: networkx's writers take it."""
        def make() -> nx.MultiGraph:
            if self._read_from() is not None:
                return graph_from_tables(self.nodes, self.edges)
            return flat_graph(self.tuple_graph)

        return self._cached("graph", make)

    @property
    def nodes(self) -> pd.DataFrame:
        """One row per node, as in ``nodes.csv``."""
        from papergraph.readwrite.tables import nodes_frame, read_nodes

        directory = self._read_from()
        if directory is not None:
            return self._cached("nodes", lambda: read_nodes(directory / "nodes.csv"))
        return self._cached("nodes", lambda: nodes_frame(self._columns(0)))

    @property
    def edges(self) -> pd.DataFrame:
        """One row per edge, as in ``edges.csv``, with every paper id behind it."""
        from papergraph.readwrite.tables import edges_frame, read_edges

        directory = self._read_from()
        if directory is not None:
            return self._cached("edges", lambda: read_edges(directory / "edges.csv"))
        return self._cached("edges", lambda: edges_frame(self._columns(0)))

    def concepts(self) -> pd.DataFrame:
        """The concepts across the corpus, most frequent first."""
        return concepts_frame(self._built("concepts()").extraction)

    def _built(self, what: str) -> _Built:
        if self.corpus is None or self.extraction is None:
            raise PapergraphError(f"{what} needs the papers and concepts a graph was built from; "
                                  "a graph read back with papergraph.load() has only the graph")
        return _Built(self.corpus, self.extraction)

    def neighbors(
        self, concept: str, *, depth: int = 1, top: int = 10, types: Sequence[str] | None = None
    ) -> Neighbourhood:
        """The neighbourhood of a concept, matched forgivingly by name, alias or abbreviation.

        ``types`` keeps related concepts of these concept types. Raises
        :class:`papergraph.errors.UnknownConceptError` (with suggestions) when nothing matches.
        """
        directory = self._read_from()
        data = self._columnar()
        # Indexed once, asked many times; a networkx graph, once made, may have been changed.
        if directory is not None:
            index = self._cached("explore", lambda: ConceptIndex.of(GraphTables.read(directory)))
        elif data is not None:
            index = self._cached("explore", lambda: ConceptIndex.of(data))
        else:
            index = self._cached("explore graph", lambda: ConceptIndex.of(self.tuple_graph))
        return neighbors(index, concept, depth=depth, top=top, types=types)

    def trends(self, *, period: str | None = None, types: Sequence[str] | None = None, top: int | None = None,
               sort: str = "change") -> pd.DataFrame:
        """Each concept's papers per period, growth and bursts: one row per concept, one count
        column per period (see :func:`papergraph.trends.concept_trends`)."""
        from papergraph.trends import concept_trends

        built = self._built("trends()")
        return concept_trends(built.corpus.papers, built.extraction, period=period, types=types, top=top,
                              sort=sort).frame()

    def summary(self) -> Summary:
        """Counts of papers, concepts by type, edges by kind and clusters."""
        return self._cached("summary", self._summary)

    def _summary(self) -> Summary:
        columnar = self._columnar()
        nodes: Iterable[dict]
        if columnar is not None:
            nodes = columnar.node_data
            edge_kinds = Counter({block.kind: len(block) for block in columnar.edges if len(block)})
            graph_data = columnar.attributes
        elif self._tuple_graph is not None:
            G = self._tuple_graph
            nodes = (node_data for _, node_data in G.nodes(data=True))
            edge_kinds = Counter(key for _, _, key in G.edges(keys=True))
            graph_data = G.graph
        else:
            nodes = frame_records(self.nodes)
            edge_kinds = Counter(self.edges[KIND].tolist())
            graph_data = {}
        concept_types: Counter[str] = Counter()
        artifact_types: Counter[str] = Counter()
        papers = listings = 0
        communities = set()
        for data in nodes:
            if data.get(KIND) == CONCEPT:
                concept_types[data.get(TYPE) or ""] += 1
            elif data.get(KIND) == ARTIFACT:
                artifact_types[data.get(TYPE) or ""] += 1
            elif data.get(KIND) == PAPER:
                papers += 1
                listings += int(data.get(N_LISTINGS) or 0)
            if data.get(COMMUNITY) is not None:
                communities.add(data[COMMUNITY])
        return Summary(
            papers=papers,
            listings=listings,
            concepts_by_type={t: concept_types[t] for t in sorted(concept_types)},
            edges_by_kind={k: edge_kinds[k] for k in EDGE_KINDS if k in edge_kinds},
            clusters=len(communities),
            artifacts_by_type={t: artifact_types[t] for t in ARTIFACT_TYPES if artifact_types[t]},
            map=str(graph_data.get(MAP_DESCRIPTION, "")),
            dropped={
                key.removeprefix(DROPPED): int(value)
                for key, value in sorted(graph_data.items())
                if key.startswith(DROPPED)
            },
        )

    def __repr__(self) -> str:
        summary = self.summary()
        directory = self._read_from()
        where = f", read from {str(directory)!r}" if directory is not None else ""
        return (f"<KnowledgeGraph: {summary.papers:,} papers, {sum(summary.concepts_by_type.values()):,} concepts, "
                f"{sum(summary.edges_by_kind.values()):,} edges, {summary.clusters:,} clusters{where}>")

    def _repr_html_(self) -> str:
        cells = (line.split(":", 1) for line in self.summary().lines())
        rows = "".join(f"<tr><td>{html.escape(name)}</td><td>{html.escape(value.strip())}</td></tr>"
                       for name, value in cells)
        return f"<table><caption>KnowledgeGraph</caption>{rows}</table>"

    def write(self, out: str | os.PathLike = "graphs", *, formats: Sequence[str] | None = None,
              max_papers: int = EDGE_PAPERS_SHOWN, progress: bool = False) -> list[Path]:
        """Write the exports into directory ``out`` (created if missing); return the paths written.

        An edge lists at most ``max_papers`` paper ids in the files (its ``count`` is exact);
        0 lists them all. The graph is laid out for the writers once, and each file streamed
        from it; ``progress`` shows a bar per file on standard error.

        Raises :class:`papergraph.errors.OptionError` for an unknown format or a negative
        ``max_papers`` (before writing anything), :class:`papergraph.errors.ExportError` for an
        unusable directory.
        """
        formats = FORMATS if formats is None else tuple(formats)
        unknown = sorted(set(formats) - set(WRITERS))
        if unknown:
            raise OptionError(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
        if max_papers < 0:
            raise OptionError(f"max_papers must be >= 0, not {max_papers!r}")
        out = Path(out)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ExportError(f"cannot create output directory {str(out)!r}: {error.strerror}") from None
        data = self._columnar()
        # The page of columns draws only their map part; a networkx graph is drawn whole.
        G = data if data is not None else self.tuple_graph
        table = self._columns(max_papers, progress) if set(formats) & COLUMNAR else None
        chosen = [(name, filename, writer) for name in FORMATS if name in formats for filename, writer in WRITERS[name]]
        # The files streamed from the table are written together, so that the texts they share (the edges'
        # lists above all) are made once for all.
        together = [filename for _, filename, _ in chosen if filename in STREAMS]
        filenames = [filename for files in WRITERS.values() for filename, _ in files]
        try:
            with writing_into(out, filenames):
                for name, filename, writer in chosen:
                    path = out / filename
                    try:
                        if filename not in together:
                            with reporting(table, f"write {filename}", progress):
                                writer(table if name in COLUMNAR else G, path)
                        elif filename == together[0] and table is not None:
                            with reporting(table, f"write {', '.join(together)}", progress):
                                write_streams([(out / each, STREAMS[each](table)) for each in together])
                    except OSError as error:  # write_streams names the file it came from
                        failed = error.filename if filename in together and error.filename else path
                        raise ExportError(f"cannot write {str(failed)!r}: {error.strerror}") from None
        except FolderBusyError as error:
            raise ExportError(f"{error}; wait for it to finish or choose another output folder") from None
        except OSError as error:
            raise ExportError(f"cannot write into {str(out)!r}: {error.strerror}") from None
        return [out / filename for _, filename, _ in chosen]

    def write_neighbors_html(self, hood: Neighbourhood, path: str | os.PathLike) -> Path:
        """Write the interactive page of one neighbourhood to ``path``."""
        path = Path(path)
        data = self._columnar()
        subgraph = (data.subgraph(hood.node_ids()) if data is not None
                    else self.tuple_graph.subgraph(hood.node_ids()).copy())
        try:
            write_html(subgraph, path, title=f"papergraph: {hood.concept.label}", focus=hood.concept.id)
        except OSError as error:
            raise ExportError(f"cannot write {str(path)!r}: {error.strerror}") from None
        return path


@dataclass(frozen=True)
class _Built:
    corpus: Corpus
    extraction: Extraction


def load(directory: str | os.PathLike = "graphs") -> KnowledgeGraph:
    """The graph ``papergraph build`` wrote into ``directory``, from its ``nodes.csv`` and ``edges.csv``.

    Nothing is rebuilt: ``neighbors`` reads only what it needs and answers in a fraction of a
    second on a corpus of thousands of papers; ``graph``, ``nodes`` and ``edges`` are read on
    first use. The tables list at most the first ``max_papers`` paper ids of an edge (10 unless
    the graph was written with more); the papers behind a concept's ties are exact all the same.

    Raises
    ------
    papergraph.errors.PapergraphError
        When ``directory`` holds no ``nodes.csv`` and ``edges.csv``.

    Examples
    --------
    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> _ = build().write(out, formats=["csv"])
    >>> kg = load(out)
    >>> kg.neighbors("LLM").concept.label
    'large language model'
    """
    directory = Path(directory)
    missing = [name for name in ("nodes.csv", "edges.csv") if not (directory / name).is_file()]
    if missing:
        raise PapergraphError(f"{str(directory)!r} holds no {' or '.join(missing)}: "
                              f"write it with `papergraph build --out {directory}` (with csv among --formats)")
    return KnowledgeGraph(None, tables=directory)


def build(
    inputs: Inputs = None,
    *,
    thesaurus: Thesaurus | str | os.PathLike | None = None,
    options: BuildOptions | None = None,
    seed: int = 42,
    progress: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    partitions: int | None = None,
) -> KnowledgeGraph:
    """Read, resolve, extract, build and analyse: the whole pipeline but the export.

    Parameters
    ----------
    inputs : paths, directories or globs; None or empty reads the bundled sample corpus.
    thesaurus : a :class:`~papergraph.extract.Thesaurus` or the path of a thesaurus file.
    options : thresholds and counting choices (:class:`~papergraph.graph.BuildOptions`).
    seed : seed of the community detection and the layout.
    progress : show progress bars on standard error.
    engine : ``"local"`` (this process) or ``"dask"``: reading, extraction and the blocks of
        the pairwise products run on a Dask cluster (:mod:`papergraph.engine.dask`). Both give
        the same graph.
    scheduler : with ``engine="dask"``, the address of a running Dask scheduler
        (``"tcp://host:8786"``); None starts a local cluster sized to the machine.
    partitions : with ``engine="dask"``, how many partitions the papers are extracted in;
        None: four per worker thread, and at most 5,000 papers each.

    Examples
    --------
    >>> kg = build()
    >>> kg.summary().listings
    725
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**32:
        # Checked before any work: igraph refuses other seeds only after the whole pipeline ran.
        raise OptionError(f"seed must be an integer from 0 to 2**32 - 1, not {seed!r}")
    options = options or BuildOptions()
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    if engine == "local" and (scheduler is not None or partitions is not None):
        raise EngineError("a scheduler and partitions need the dask engine (engine=\"dask\")")
    engine_workers = nullcontext(None) if engine == "local" else open_dask_workers(scheduler, partitions)
    with engine_workers as workers:
        corpus, extraction = extract_corpus(inputs, thesaurus=thesaurus, progress=progress, workers=workers)
        graph = build_data(corpus.papers, extraction, options, progress=progress, workers=workers)
    analyse_data(graph, seed=seed, progress=progress)
    return KnowledgeGraph(graph, corpus, extraction, options)
