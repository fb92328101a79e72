"""The small typed records the extraction stages pass to each other.

A paper is read into :class:`PaperConcept` records (one per concept it mentions); the
corpus stage gathers them by :class:`Identity` and decides each concept's type and name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["Candidate", "Definitions", "Identity", "PaperConcept", "Ref", "Span", "TitleHead", "Weight"]

#: A concept within one paper: the index of a vocabulary entry, or the key of a discovered name.
Ref = int | str


class Weight:
    """How much one piece of type evidence counts (votes add up per name and paper)."""

    #: a hint: the name is introduced or listed without a typing word, or its shape alone
    HINT = 1
    #: a typing word near the name ("a benchmark called X", a title subtitle)
    NEAR = 2
    #: a typing word that heads or follows the name ("X dataset", "X, a new model")
    STRONG = 3
    #: what the name itself is beyond doubt (a model size, a hardware model number)
    CERTAIN = 5


class Span(NamedTuple):
    """Tokens ``first`` up to ``stop`` name the concept ``ref``.

    Named tuples, like the records below, where a paper makes many: they are several times
    cheaper to create than frozen dataclasses.
    """

    first: int
    stop: int
    ref: Ref


class Candidate(NamedTuple):
    """Tokens ``first`` up to ``stop`` may be a name, found by its shape.

    ``plain`` marks a capitalised word without a name's shape, which needs more evidence;
    ``phrase_type`` is the type the head noun of a Title Case phrase gives it; ``undecided``
    marks a Title Case phrase that no head noun types, left to the learned scorer alone.
    """

    first: int
    stop: int
    plain: bool
    phrase_type: str | None = None
    undecided: bool = False


@dataclass(frozen=True, slots=True)
class TitleHead:
    """The name heading a title ("MKOR: Momentum-Enabled ..."), the type its subtitle gives, the title.

    ``cued`` says whether a word of the subtitle gives the type; without one it is method, a guess.
    """

    name: str
    type: str | None
    title: str
    cued: bool = True


@dataclass(frozen=True)
class Definitions:
    """The short forms a paper defines: the concept each spelling refers to, the
    concept key of each defined short or long form's own key, and the spellings of short
    forms that the vocabulary reads otherwise ("Formal Language (FL)", not federated learning)."""

    overrides: dict[tuple[str, ...], Ref]
    aliases: dict[str, str]
    redefined: frozenset[tuple[str, ...]] = frozenset()


class Identity(NamedTuple):
    """What makes two mentions, in one paper or in two, the same concept.

    A named tuple rather than a frozen dataclass, as :class:`PaperConcept`: both cross
    from the worker processes by the hundred thousand and key the corpus's dictionaries,
    and tuples pickle and hash several times faster.

    ``entry`` is the index of the vocabulary entry (or -1 for a name the vocabulary does
    not know), ``key`` the :func:`~papergraph.extract.canonical.name_key` of the name, and
    ``definition`` the key of the long form a paper defined a short form as: two papers
    defining "PRISM" differently hold two concepts.
    """

    entry: int
    key: str
    definition: str = ""

    @property
    def known(self) -> bool:
        """Whether the vocabulary knows the concept."""
        return self.entry >= 0


class PaperConcept(NamedTuple):
    """One concept of one paper, as the reader found it.

    ``votes`` is the type evidence for a name the vocabulary does not know, as
    ``(type, weight)`` pairs; "-" votes against every type. ``introduced`` marks a name
    the paper introduces as its own ("we propose X", a title head "X: ..."): two papers
    introducing one name mean two things.
    """

    identity: Identity
    name: str
    occurrences: int
    surfaces: frozenset[str]
    votes: tuple[tuple[str, int], ...] = ()
    introduced: bool = False
