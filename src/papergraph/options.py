"""The options of building the graph (:class:`BuildOptions`), light to import for the command line."""

from __future__ import annotations

from dataclasses import dataclass

from papergraph.errors import OptionError
from papergraph.schema import EDGE_KINDS

__all__ = ["BuildOptions", "CONCEPT_COUNTINGS", "LISTING_COUNTINGS"]

#: ``concept_counting`` (``--concept-counting``): a concept once per paper, or every occurrence.
CONCEPT_COUNTINGS: tuple[str, ...] = ("binary", "full")
#: ``listing_counting`` (``--listing-counting``): 1 per shared page, or 1/(n-1) for a page of n papers.
LISTING_COUNTINGS: tuple[str, ...] = ("full", "fractional")


@dataclass(frozen=True)
class BuildOptions:
    """Thresholds and counting choices of :func:`build_graph`.

    Parameters
    ----------
    min_concept_papers : keep concepts mentioned by at least this many papers.
    min_weight : drop edges of every kind whose weight (0 to 1, see the module docstring) is
        below this.
    paper_top_k : keep the ``k`` strongest paper-paper edges of each paper (an edge stays when it
        is among the strongest of either end); 0 keeps all.
    kinds : the edge kinds to build, of ``EDGE_KINDS``.
    concept_counting : count a concept once per paper (``"binary"``) or every occurrence
        (``"full"``) in co-occurrences and in the concept vectors of ``shares_concepts``.
    listing_counting : ``co_listed`` weight: every shared page counts 1 (``"full"``), or a
        page of n papers counts 1/(n-1) (``"fractional"``), before the cosine normalisation.
    min_co_occurrences : keep ``co_occurs`` edges whose count is at least this (papers
        mentioning both; under full counting, the summed products of their occurrences).
    concept_top_k : keep the ``co_occurs`` edges of each concept's ``k`` most frequent
        co-occurrences (by count: association strength would favour concepts seen once);
        0 keeps all.

    Examples
    --------
    >>> BuildOptions(paper_top_k=5).paper_top_k
    5
    >>> BuildOptions(kinds=("typo",))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    papergraph.errors.OptionError: unknown edge kind 'typo'; choose from mentions, co_occurs, ...
    >>> BuildOptions(min_weight=float("nan"))
    Traceback (most recent call last):
    ...
    papergraph.errors.OptionError: min_weight must be between 0 and 1, not nan
    """

    min_concept_papers: int = 1
    min_weight: float = 0.0
    paper_top_k: int = 5
    kinds: tuple[str, ...] = EDGE_KINDS
    concept_counting: str = "binary"
    listing_counting: str = "full"
    min_co_occurrences: int = 1
    concept_top_k: int = 10

    def __post_init__(self) -> None:
        object.__setattr__(self, "kinds", tuple(self.kinds))
        for kind in self.kinds:
            if kind not in EDGE_KINDS:
                raise OptionError(f"unknown edge kind {kind!r}; choose from {', '.join(EDGE_KINDS)}")
        choices = {
            "concept_counting": CONCEPT_COUNTINGS,
            "listing_counting": LISTING_COUNTINGS,
        }
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise OptionError(f"{name} must be one of {', '.join(allowed)}, not {getattr(self, name)!r}")
        for name in ("min_concept_papers", "paper_top_k", "min_co_occurrences", "concept_top_k"):
            if getattr(self, name) < 0:
                raise OptionError(f"{name} must be >= 0, not {getattr(self, name)!r}")
        if not 0 <= self.min_weight <= 1:  # NaN fails too: it would drop every edge
            raise OptionError(f"min_weight must be between 0 and 1, not {self.min_weight!r}")
