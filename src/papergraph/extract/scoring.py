"""The learned decision for candidate names no rule types: keep or drop, by a logistic regression.

The prose rules (:mod:`.evidence`) type most names; the candidates they leave undecided,
names with a name's shape but no typing cue ("FreeInit", "TrOPD"), go to a small scorer
instead. Its features already exist in the extractor (shape, repetition, title, apposition,
known name parts, cue words).

The weights are fitted by ``tests/eval/train.py`` on the hand-labelled development set only
(``tests/eval/dev/``) and ship as ``papergraph/data/scorer.json``; nothing is downloaded.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from papergraph.schema import METHOD

from .evidence import head_type, tail_type
from .tokens import Tokens, hyphen, is_name_like
from .vocabulary import Vocabulary

__all__ = ["FEATURES", "BUNDLED_SCORER", "Decider", "Scorer", "load_scorer", "name_features"]

#: The scorer shipped with papergraph.
BUNDLED_SCORER = Path(__file__).resolve().parent.parent / "data" / "scorer.json"

#: What the scorer sees of a candidate, in this order (each 0/1 unless said otherwise).
FEATURES: tuple[str, ...] = (
    "bias",
    "acronym",  # all capitals: "TUM"
    "camel",  # a capital inside a word: "FreeInit"
    "digits",
    "hyphenated",
    "words",  # number of words, up to 4
    "repeated",  # log of the occurrences in the paper
    "in_title",
    "apposed",  # followed by a comma, colon or parenthesis
    "known_part",  # a part is a known name ("Race-DiT")
    "cue_before",  # "our", "novel", "proposed" just before
)
_CUE_BEFORE = re.compile(r"\b(?:our|novel|proposed|new|termed|called|named|dubbed)\W+(?:\w+\W+)?$", re.IGNORECASE)


class Decider(Protocol):
    """Decides whether a candidate name is kept."""

    def keep(self, name: str, features: tuple[float, ...]) -> bool: ...


@dataclass(frozen=True)
class Scorer:
    """A logistic regression over :data:`FEATURES`: keep a name when its probability reaches the threshold."""

    weights: tuple[float, ...]
    threshold: float = 0.5

    def probability(self, features: tuple[float, ...]) -> float:
        """The probability that the candidate is a concept.

        >>> Scorer((0.0,) * len(FEATURES)).probability((1.0,) * len(FEATURES))
        0.5
        """
        score = sum(weight * value for weight, value in zip(self.weights, features, strict=True))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))

    def keep(self, name: str, features: tuple[float, ...]) -> bool:
        return self.probability(features) >= self.threshold


@lru_cache(maxsize=4)
def load_scorer(path: Path = BUNDLED_SCORER) -> Scorer:
    """The scorer of a weights file (``{"features": [...], "weights": [...], "threshold": t}``).

    Raises
    ------
    ValueError
        The file's features are not :data:`FEATURES`.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path}: features {data['features']} are not {list(FEATURES)}")
    return Scorer(tuple(float(weight) for weight in data["weights"]), float(data["threshold"]))


def name_features(vocabulary: Vocabulary, tokens: Tokens, first: int, stop: int, title_end: int) -> tuple[float, ...]:
    """The :data:`FEATURES` of the candidate at tokens ``first`` up to ``stop``."""
    words = tokens.words[first:stop]
    surface = tokens.span(first, stop)
    text = tokens.text
    start, end = tokens.starts[first], tokens.ends[stop - 1]
    parts = [part for word in words for part in word.split("-")]
    return (
        1.0,
        float(any(len(word) > 1 and word.isupper() for word in words)),
        float(any(any(char.isupper() for char in word[1:]) and not word.isupper() for word in words)),
        float(any(char.isdigit() for char in surface)),
        float(any(hyphen(tokens, index) for index in range(first + 1, stop))),
        float(min(4, stop - first)),
        math.log(max(1, text.count(surface))),
        float(surface in text[:title_end]),
        float(text[end : end + 1] in (",", ":", "(")),
        float(any(is_name_like(part) and vocabulary.index(part) is not None for part in parts) and len(words) > 1),
        float(_CUE_BEFORE.search(text, max(0, start - 30), start) is not None),
    )


def phrase_type(surface: str) -> str:
    """The type a kept candidate gets when no cue types it: its tail or head, else method.

    >>> phrase_type("FooBench"), phrase_type("Sparse Routing Loss"), phrase_type("FreeInit")
    ('dataset', 'method', 'method')
    """
    found = tail_type(surface) or head_type(surface)
    return found if found and found != "-" else METHOD

