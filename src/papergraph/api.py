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

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd

from papergraph.analyse import analyse_graph
from papergraph.graph import BuildOptions, build_graph
from papergraph.engine import ENGINES, Workers, open_dask_workers
from papergraph.errors import EngineError, ExportError, OptionError
from papergraph.explore import Neighbourhood, neighbors
from papergraph.extract import Thesaurus, concepts_frame, extract_concepts
from papergraph.listings import read_listings
from papergraph.readwrite import WRITERS, write_html
from papergraph.readwrite._atomic import FolderBusyError, writing_into
from papergraph.resolve import papers_frame, resolve_papers
from papergraph.types import EDGE_KINDS, Extraction, InputProblem, Paper

__all__ = [
    "Corpus",
    "KnowledgeGraph",
    "Summary",
    "read_corpus",
    "extract_corpus",
    "build",
    "FORMATS",
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

    def lines(self) -> list[str]:
        """The summary as short human-readable lines."""
        types = ", ".join(f"{n} {t}" for t, n in self.concepts_by_type.items())
        kinds = ", ".join(f"{n} {k}" for k, n in self.edges_by_kind.items())
        lines = [
            f"papers:   {self.papers} ({self.listings} listings)",
            f"concepts: {sum(self.concepts_by_type.values())} ({types})",
            f"edges:    {sum(self.edges_by_kind.values())} ({kinds})",
            f"clusters: {self.clusters}",
        ]
        dropped = ", ".join(f"{n} {what}" for what, n in self.dropped.items() if n)
        if dropped:
            lines.append(f"dropped by thresholds: {dropped}")
        return lines


@dataclass
class KnowledgeGraph:
    """The built and analysed graph, with the records it was built from.

    ``graph`` is a plain :class:`networkx.MultiGraph` (schema in :mod:`papergraph.graph`);
    ``nodes`` and ``edges`` are DataFrame views of it, as written to ``nodes.csv`` and ``edges.csv``.
    """

    graph: nx.MultiGraph
    corpus: Corpus
    extraction: Extraction
    options: BuildOptions = field(default_factory=BuildOptions)

    @property
    def nodes(self) -> pd.DataFrame:
        """One row per node."""
        from papergraph.readwrite.tables import nodes_frame

        return nodes_frame(self.graph)

    @property
    def edges(self) -> pd.DataFrame:
        """One row per edge."""
        from papergraph.readwrite.tables import edges_frame

        return edges_frame(self.graph)

    def concepts(self) -> pd.DataFrame:
        """The concepts across the corpus, most frequent first."""
        return concepts_frame(self.extraction)

    def neighbors(
        self, concept: str, *, depth: int = 1, top: int = 10, kinds: Sequence[str] | None = None
    ) -> Neighbourhood:
        """The neighbourhood of a concept, matched forgivingly by name, alias or abbreviation.

        Raises :class:`papergraph.errors.UnknownConceptError` (with suggestions) when nothing matches.
        """
        return neighbors(self.graph, concept, depth=depth, top=top, kinds=kinds)

    def trends(self, *, period: str | None = None, types: Sequence[str] | None = None, top: int | None = None,
               sort: str = "change") -> pd.DataFrame:
        """Each concept's papers per period, growth and bursts: one row per concept, one count
        column per period (see :func:`papergraph.trends.concept_trends`)."""
        from papergraph.trends import concept_trends

        return concept_trends(self.corpus.papers, self.extraction, period=period, types=types, top=top,
                              sort=sort).frame()

    def summary(self) -> Summary:
        """Counts of papers, concepts by type, edges by kind and clusters."""
        G = self.graph
        concept_types = Counter(d["type"] for _, d in G.nodes(data=True) if d["kind"] == "concept")
        edge_kinds = Counter(kind for _, _, kind in G.edges(keys=True))
        communities = {d["community"] for _, d in G.nodes(data=True) if "community" in d}
        return Summary(
            papers=len(self.corpus.papers),
            listings=self.corpus.n_listings,
            concepts_by_type={t: concept_types[t] for t in sorted(concept_types)},
            edges_by_kind={k: edge_kinds[k] for k in EDGE_KINDS if k in edge_kinds},
            clusters=len(communities),
            dropped={
                key.removeprefix("dropped_"): int(value)
                for key, value in sorted(G.graph.items())
                if key.startswith("dropped_")
            },
        )

    def write(self, out: str | os.PathLike = "graphs", *, formats: Sequence[str] | None = None) -> list[Path]:
        """Write the exports into directory ``out`` (created if missing); return the paths written.

        Raises :class:`papergraph.errors.ExportError` for an unknown format or an unusable directory.
        """
        formats = FORMATS if formats is None else tuple(formats)
        unknown = sorted(set(formats) - set(WRITERS))
        if unknown:
            raise ExportError(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
        out = Path(out)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ExportError(f"cannot create output directory {str(out)!r}: {error.strerror}") from None
        written = []
        filenames = [filename for files in WRITERS.values() for filename, _ in files]
        try:
            with writing_into(out, filenames):
                for name in FORMATS:
                    if name not in formats:
                        continue
                    for filename, writer in WRITERS[name]:
                        path = out / filename
                        try:
                            writer(self.graph, path)
                        except OSError as error:
                            raise ExportError(f"cannot write {str(path)!r}: {error.strerror}") from None
                        written.append(path)
        except FolderBusyError as error:
            raise ExportError(f"{error}; wait for it to finish or choose another output folder") from None
        except OSError as error:
            raise ExportError(f"cannot write into {str(out)!r}: {error.strerror}") from None
        return written

    def write_neighbors_html(self, hood: Neighbourhood, path: str | os.PathLike) -> Path:
        """Write the interactive page of one neighbourhood to ``path``."""
        path = Path(path)
        subgraph = self.graph.subgraph(hood.node_ids()).copy()
        try:
            write_html(subgraph, path, title=f"papergraph: {hood.concept.label}", focus=hood.concept.id)
        except OSError as error:
            raise ExportError(f"cannot write {str(path)!r}: {error.strerror}") from None
        return path


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
    engine : ``"local"`` (this process) or ``"dask"``: reading and extraction run on a Dask
        cluster (:mod:`papergraph.engine.dask`). Both give the same graph.
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
    if engine == "local":
        if scheduler is not None or partitions is not None:
            raise EngineError("a scheduler and partitions need the dask engine (engine=\"dask\")")
        corpus, extraction = extract_corpus(inputs, thesaurus=thesaurus, progress=progress)
    else:
        with open_dask_workers(scheduler, partitions) as workers:
            corpus, extraction = extract_corpus(inputs, thesaurus=thesaurus, progress=progress, workers=workers)
    graph = build_graph(corpus.papers, extraction, options, progress=progress)
    analyse_graph(graph, seed=seed, progress=progress)
    return KnowledgeGraph(graph, corpus, extraction, options)
