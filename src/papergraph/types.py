"""Records passed between the stages of the pipeline.

read listings -> resolve papers -> extract concepts -> build graph -> analyse -> export

Every record is a frozen dataclass: stages never mutate what an earlier stage produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from papergraph.dates import arxiv_month, is_iso_day

# The schema's names live in papergraph.schema; its two most used tuples are re-exported here.
from papergraph.schema import CONCEPT_TYPES, EDGE_KINDS

__all__ = [
    "CONCEPT_TYPES",
    "EDGE_KINDS",
    "InputProblem",
    "Listing",
    "ReadResult",
    "Paper",
    "Concept",
    "Mention",
    "Extraction",
]


@dataclass(frozen=True)
class InputProblem:
    """Something wrong with one input file, reported instead of raised.

    ``line`` is the 1-based line (or record number for JSON arrays) when one is known.
    """

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Listing:
    """One appearance of a paper on one listing page.

    ``source`` is the input file as the user named it (or the bundled sample's file name);
    ``page`` identifies the listing page: the file for one-page-per-file inputs, the file
    plus the record's date for multi-day record files. ``position`` is 1-based on its page.
    ``date`` is the listing date: an ISO day, or a page's date label such as ``Sep 16`` when
    the page gives no year; ``published`` is the paper's publication date (ISO) when the
    input states one (see :mod:`papergraph.dates`).
    """

    source: str
    page: str
    position: int
    title: str
    abstract: str
    date: str | None = None
    arxiv_id: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None


@dataclass(frozen=True)
class ReadResult:
    """Listings read from some inputs, plus the problems met on the way."""

    listings: tuple[Listing, ...]
    problems: tuple[InputProblem, ...] = ()


@dataclass(frozen=True)
class Paper:
    """A distinct paper with all of its listings.

    ``id`` is stable across runs and machines: ``arxiv:<id>`` when an arXiv id is known,
    otherwise ``title:<12 hex digits of a hash of the normalised title>``.
    """

    id: str
    title: str
    abstract: str
    listings: tuple[Listing, ...]
    arxiv_id: str | None = None
    authors: tuple[str, ...] = ()

    @property
    def pages(self) -> tuple[str, ...]:
        """The distinct pages the paper is listed on, sorted."""
        return tuple(sorted({listing.page for listing in self.listings}))

    @property
    def dates(self) -> tuple[str, ...]:
        """The distinct listing dates (or date labels) known for the paper, sorted."""
        return tuple(sorted({listing.date for listing in self.listings if listing.date}))

    @property
    def first_listed(self) -> str | None:
        """The earliest ISO listing date; labels without a year (``Sep 16``) are not dates."""
        return min((listing.date for listing in self.listings if listing.date and is_iso_day(listing.date)),
                   default=None)

    @property
    def published(self) -> str | None:
        """The publication date: the earliest one a listing states, else the arXiv id's month."""
        stated = min((listing.published for listing in self.listings if listing.published), default=None)
        return stated or arxiv_month(self.arxiv_id)

    @property
    def first_seen(self) -> str | None:
        """The paper's date in time series: :attr:`first_listed`, else :attr:`published`."""
        return self.first_listed or self.published


@dataclass(frozen=True)
class Concept:
    """A canonical concept: one node per thing, whatever the spelling in the text.

    ``types`` holds one type, or two when the conventions call the concept genuinely
    ambiguous; the first is the primary type. ``id`` is ``concept:<slug of name>``.
    """

    id: str
    name: str
    types: tuple[str, ...]
    aliases: tuple[str, ...] = ()

    @property
    def type(self) -> str:
        """The primary type."""
        return self.types[0]


@dataclass(frozen=True)
class Mention:
    """A paper mentions a concept ``count`` times, under the surface forms seen."""

    paper_id: str
    concept_id: str
    count: int
    surface_forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """What the extractor found in a set of papers.

    ``concepts`` is sorted by id; ``mentions`` by (paper_id, concept_id).
    """

    concepts: tuple[Concept, ...]
    mentions: tuple[Mention, ...]
    _by_id: dict[str, Concept] | None = field(default=None, init=False, repr=False, compare=False)

    def concept(self, concept_id: str) -> Concept:
        """The concept with this id (raises ``KeyError`` when unknown)."""
        by_id = self._by_id
        if by_id is None:
            by_id = {c.id: c for c in self.concepts}
            object.__setattr__(self, "_by_id", by_id)
        return by_id[concept_id]
