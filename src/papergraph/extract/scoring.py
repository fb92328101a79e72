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

from papergraph.schema import DATASET, METHOD, MODEL

from .candidates import CATEGORY_NOUNS, QUALIFIERS, VERSION, release
from .canonical import MODEL_SIZE, name_key
from .evidence import NOT_A_CONCEPT, head_type, tail_type
from .tokens import Tokens, hyphen, is_name_like
from .vocabulary import Vocabulary, named

__all__ = ["FEATURES", "BUNDLED_SCORER", "Decider", "Scorer", "guessed_type", "load_scorer", "name_features"]

#: The scorer shipped with papergraph.
BUNDLED_SCORER = Path(__file__).resolve().parent.parent / "data" / "scorer.json"

#: What the scorer sees of a candidate, in this order (each 0/1 unless said otherwise).
FEATURES: tuple[str, ...] = (
    "bias",
    "acronym",  # all capitals, perhaps plural: "TUM", "GUIs"
    "camel",  # a capital inside a word: "FreeInit"
    "digits",
    "hyphenated",
    "words",  # number of words, up to 4
    "repeated",  # log of the occurrences in the paper
    "in_title",
    "apposed",  # followed by a comma, colon or parenthesis
    "known_part",  # a part is a known name ("Race-DiT")
    "cue_before",  # "our", "novel", "proposed" just before
    "abbreviated",  # a short form follows in parentheses: "Fast Patch Mixer (FPM)"
    "lower_start",  # starts in lower case: "sRGB", "rEasoning"
    "handle",  # part of a path or handle: "github.com/Name1996"
    "sentence_start",  # the first word of a sentence
    "phrase",  # a Title Case phrase of two words or more
    "category_head",  # ends in a category noun: "Framework", "Learning", "Model"
    "qualifier",  # starts with a qualifier: "Existing", "Modern", "Novel"
    "listed",  # an item of a list: "(FooA, BarB and BazC)"
    "typed_near",  # a typing noun near it or a known model family in it (see guessed_type)
    "abstract_head",  # ends in an abstract noun: "Visual Consistency", "Harm Prevention", "Social Sciences"
    "clean_camel",  # one CamelCase word of five letters or more, not part of a handle: "RefineBot"
    "short",  # two letters or fewer: "SF", "OP"
)
_ABBREVIATED = re.compile(r"\s*\(\s*[A-Z][\w-]*[A-Z][\w-]*\s*[),;]")
_LIST_BEFORE = re.compile(r"(?:,|\(|\band)\s*$")
_LIST_AFTER = re.compile(r"\s*(?:,|\)|and\b|or\b)")
# Endings of abstract nouns (qualities, fields, activities), which head descriptions more than names.
_ABSTRACT = re.compile(r"(?:ion|ity|ness|ance|ence|ncy|ing|ics|ment|sis|ship)s?$")
_PART_BREAKS = re.compile(r"[-\s]+")
_YEAR = re.compile(r"(?:19|20)\d\d$")
_CLEAN_CAMEL = re.compile(r"[A-Z][a-z]+(?:[A-Z0-9][a-z0-9]*)+$")
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


def name_features(vocabulary: Vocabulary, tokens: Tokens, first: int, stop: int, title_end: int,
                  guess: str | None = None) -> tuple[float, ...]:
    """The :data:`FEATURES` of the candidate at tokens ``first`` up to ``stop``; ``guess`` is its
    :func:`guessed_type` where the caller has it already."""
    words = tokens.words[first:stop]
    surface = tokens.span(first, stop)
    text = tokens.text
    start, end = tokens.starts[first], tokens.ends[stop - 1]
    parts = [part for word in words for part in word.split("-")]
    return (
        1.0,
        float(any(len(word) > 1 and _acronym(word) for word in words)),
        float(any(any(char.isupper() for char in word[1:]) and not _acronym(word) for word in words)),
        float(any(char.isdigit() for char in surface)),
        float(any(hyphen(tokens, index) for index in range(first + 1, stop))),
        float(min(4, stop - first)),
        math.log(max(1, text.count(surface))),
        float(surface in text[:title_end]),
        float(text[end : end + 1] in (",", ":", "(")),
        float(any(is_name_like(part) and vocabulary.index(part) is not None for part in parts) and len(words) > 1),
        float(_CUE_BEFORE.search(text, max(0, start - 30), start) is not None),
        float(_ABBREVIATED.match(text, end) is not None),
        float(surface[0].islower()),
        float(text[start - 1 : start] in ("/", "@") or text[end : end + 1] == "/"),
        # white space is collapsed: the character before the one space is enough
        float(text[max(0, start - 2) : start].rstrip(" ")[-1:] in ("", ".", "\n", "!", "?")),
        float(len(words) > 1 and all(word[0].isupper() for word in words) and not any(map(is_name_like, words))),
        float(len(words) > 1 and words[-1].lower() in CATEGORY_NOUNS),
        float(words[0].lower() in QUALIFIERS),
        float(bool(_LIST_BEFORE.search(text, max(0, start - 6), start) or _LIST_AFTER.match(text, end))),
        float((guess or guessed_type(vocabulary, tokens, first, stop)) != METHOD),
        float(_ABSTRACT.search(words[-1]) is not None and words[-1].isalpha()),
        float(
            len(words) == 1
            and len(surface) > 4  # "DoF", "FoV": short forms of phrases, more than names
            and _CLEAN_CAMEL.match(surface) is not None
            and text[start - 1 : start] not in ("/", "@")
            and text[end : end + 1] != "/"
        ),
        float(sum(char.isalpha() for char in surface) <= 2),
    )


def _acronym(word: str) -> bool:
    """Whether a word is in capitals, perhaps in the plural ("GUI", "GUIs")."""
    return word.isupper() or (word.endswith("s") and word[:-1].isupper())


# Nouns near an untyped name that say what it is: "the FooSet benchmark", "BarLM models".
_NEAR_NOUNS = re.compile(
    r"\b(?:(benchmarks?|datasets?|corpus|corpora|suites?)|(models?|LLMs?|VLMs?|MLLMs?|backbones?|checkpoints?))\b"
)


def guessed_type(vocabulary: Vocabulary, tokens: Tokens, first: int, stop: int) -> str:
    """The type a kept candidate gets: its tail or head, a known model family or a release
    word in it, else the nearest typing noun in its sentence (within 40 characters), else method.

    >>> from papergraph.extract import load_vocabulary
    >>> from papergraph.extract.tokens import tokenize
    >>> text = "We build FooBar, a planner. BazQux-Pro answers well. Results on the QuuxSet benchmark. "
    >>> text += "The Sparse Routing Loss helps. The QuuxMO 2025 model fails."
    >>> spans = ((2, 3), (5, 7), (12, 13), (15, 18), (20, 22))
    >>> [guessed_type(load_vocabulary(), tokenize(text), *span) for span in spans]
    ['method', 'model', 'dataset', 'method', 'dataset']
    >>> tokens = tokenize("We use LLaMA3-Q and Live-GSM8K here.")
    >>> guessed_type(load_vocabulary(), tokens, 2, 4), guessed_type(load_vocabulary(), tokens, 5, 7)
    ('model', 'dataset')
    """
    surface = tokens.span(first, stop)
    found = tail_type(surface) or head_type(surface)
    if found and found != NOT_A_CONCEPT:
        return found
    parts = _PART_BREAKS.split(surface)
    if len(parts) > 1 and _YEAR.match(parts[-1]):
        return DATASET  # an edition of a contest or benchmark: "IMO 2025", "Foo-2024"
    base = vocabulary.index(parts[0]) if len(parts) > 1 and is_name_like(parts[0]) else None
    if base is not None and (release(parts[-1]) or VERSION.match(parts[-1])):
        return vocabulary.entries[base].types[0]  # an edition of a known name: "MMLU-Pro", "WebArena-Lite"
    if len(parts) > 1 and (
        name_key(parts[0]) in vocabulary.model_families
        or release(parts[-1])
        or MODEL_SIZE.match(parts[-1])
        or (base is not None and named(vocabulary.entries[base]) and vocabulary.entries[base].types[0] == MODEL)
    ):
        return MODEL  # a release, or a new name begun by a known model's ("LLaMA3-V")
    last = vocabulary.index(parts[-1]) if len(parts) > 1 and is_name_like(parts[-1]) else None
    if last is not None and named(vocabulary.entries[last]):
        return vocabulary.entries[last].types[0]  # a variant named after a known name: "Online-FooBench"
    text, start, end = tokens.text, tokens.starts[first], tokens.ends[stop - 1]
    low = max(text.rfind(". ", 0, start) + 2, start - 40)
    high = min(len(text), end + 40)
    stop_at = text.find(". ", end)
    high = high if stop_at < 0 else min(high, stop_at)
    best, distance = METHOD, 41
    for near in _NEAR_NOUNS.finditer(text, low, high):
        gap = near.start() - end if near.start() >= end else start - near.end()
        if 0 <= gap < distance:
            best, distance = (DATASET if near.group(1) else MODEL), gap
    return best
