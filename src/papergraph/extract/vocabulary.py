"""The curated vocabulary of concepts and the gazetteer that finds its names in text.

The vocabulary ships as ``papergraph/data/vocabulary.tsv``: one concept a line, three
tab-separated columns ``name``, ``types`` and ``aliases`` (types and aliases separated by
``|``, primary type first); ``#`` starts a comment line.

Case rule for matching: a name written in lower case matches in any case
("knowledge distillation", "Knowledge Distillation"); names of three characters or
fewer, all-capitals acronyms and capitalised words match only as written ("o1", "SAM",
"MATH", "Whisper"); CamelCase names and
names with digits of five or more characters match in any case ("ImageNet", "CIFAR-10").
Every name also matches with hyphens for spaces, with hyphens dropped ("pretraining"),
letters joined to their version ("GPT4", "Llama2"; joined spellings of names that are not
lower case must keep their case), in the plural and in British spelling.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from pathlib import Path

from papergraph.types import CONCEPT_TYPES
from .canonical import name_key
from .tokens import Tokens, tokenize, words_of

__all__ = ["BUNDLED_VOCABULARY", "VocabularyEntry", "Vocabulary", "load_vocabulary"]

#: The vocabulary shipped with papergraph.
BUNDLED_VOCABULARY = Path(__file__).resolve().parent.parent / "data" / "vocabulary.tsv"

_LETTER_THEN_VERSION = re.compile(r"^([A-Za-z]{2,}[A-Za-z-]*?)(\d+(?:\.\d+)*[A-Za-z]?)$")
_VERSION = re.compile(r"^(?:v?\d+(?:\.\d+)*[a-z]?)$", re.IGNORECASE)


@dataclass(frozen=True)
class VocabularyEntry:
    """One concept of the vocabulary: canonical name, types (primary first), aliases."""

    name: str
    types: tuple[str, ...]
    aliases: tuple[str, ...] = ()


class Vocabulary:
    """A set of :class:`VocabularyEntry` compiled into a token trie.

    Parameters
    ----------
    entries : iterable of VocabularyEntry
        Later entries never override earlier ones: an alias already taken is skipped.

    Examples
    --------
    >>> vocabulary = Vocabulary([VocabularyEntry("LoRA", ("method",), ("low-rank adaptation",))])
    >>> tokens = tokenize("Low-Rank Adaptation (LoRA)")
    >>> [(vocabulary.entries[i].name, tokens.span(a, b)) for a, b, i in vocabulary.find(tokens)]
    [('LoRA', 'Low-Rank Adaptation'), ('LoRA', 'LoRA')]
    >>> vocabulary.lookup("LoRAs").name
    'LoRA'
    """

    def __init__(self, entries):
        self.entries: tuple[VocabularyEntry, ...] = tuple(entries)
        self._forms: dict[tuple[str, ...], list[tuple[tuple[str, ...] | None, int]]] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        self._by_key: dict[str, int] = {}
        self._longest = 1
        self._first_words: set[str] = set()
        for index, entry in enumerate(self.entries):
            for alias in (entry.name, *entry.aliases):
                self._by_key.setdefault(name_key(alias), index)
                any_case, written = _any_case(alias), len(words_of(alias))
                for exact in _variants(alias):
                    lower = tuple(word.lower() for word in exact)
                    forms = self._forms.setdefault(lower, [])
                    # Joined spellings of capitalised names must keep their case: "MultiPL-E"
                    # joined is "MultiPLE", which in any case would be the word "multiple".
                    required = None if any_case and (alias == alias.lower() or len(exact) >= written) else exact
                    if all(taken != required for taken, _ in forms):
                        forms.append((required, index))
                    self._longest = max(self._longest, len(lower))
                    self._prefixes.update(lower[:stop] for stop in range(1, len(lower) + 1))
                    self._first_words.add(lower[0])

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, name: str) -> VocabularyEntry | None:
        """The entry one of whose names has the same :func:`name_key` as ``name``, or None."""
        index = self._by_key.get(name_key(name))
        return None if index is None else self.entries[index]

    def index(self, name: str) -> int | None:
        """The position of :meth:`lookup`'s entry in :attr:`entries`, or None."""
        return self._by_key.get(name_key(name))

    def find(self, tokens: Tokens) -> list[tuple[int, int, int]]:
        """The longest vocabulary names in the tokens, left to right, without overlap.

        Returns ``(first token, stop token, entry index)`` triples.
        """
        found: list[tuple[int, int, int]] = []
        words, lower, linked = tokens.words, tokens.lower, tokens.linked
        prefixes, forms, count = self._prefixes, self._forms, len(words)
        taken = 0
        first_words = self._first_words
        for position in compress(range(count), map(first_words.__contains__, lower)):
            if position < taken:
                continue
            best = None
            key: tuple[str, ...] = ()
            for stop in range(position, min(count, position + self._longest)):
                if stop > position and not linked[stop]:
                    break
                key = (*key, lower[stop])
                if key not in prefixes:
                    break
                for required, index in forms.get(key, ()):
                    if required is None or required == words[position : stop + 1]:
                        best = (position, stop + 1, index)
                        break
            if best is not None:
                found.append(best)
                taken = best[1]
        return found


def _any_case(alias: str) -> bool:
    if len(alias) <= 3:
        return False
    if alias == alias.lower():
        return True
    if alias.replace("-", "").replace(" ", "").isupper() and not any(char.isdigit() for char in alias):
        return False
    letters = sum(char.isalnum() for char in alias)
    words = alias.replace("-", " ").split()
    inner_capital = any(any(char.isupper() for char in word[1:]) for word in words) or any(
        word[0].isupper() for word in words[1:]
    )
    return letters >= 5 and (inner_capital or any(char.isdigit() for char in alias))


def _variants(alias: str) -> set[tuple[str, ...]]:
    """The token sequences under which an alias is matched (case as written)."""
    tokens = tokenize(alias)
    words = list(tokens.words)
    if not words:
        return set()
    hyphens = [tokens.text[tokens.ends[i - 1] : tokens.starts[i]] == "-" for i in range(1, len(words))]
    shapes = {tuple(words)}
    joined = [words[0]]
    for word, hyphen in zip(words[1:], hyphens):
        if hyphen or (_VERSION.match(word) and joined[-1][-1].isalpha()):
            joined[-1] += word
        else:
            joined.append(word)
    shapes.add(tuple(joined))
    for shape in list(shapes):
        split = _LETTER_THEN_VERSION.match(shape[-1])
        if split:
            shapes.add((*shape[:-1], split.group(1), split.group(2)))
    for shape in list(shapes):
        last = shape[-1]
        if last[-1].isalpha() and not last.endswith("s"):
            plural = last[:-1] + "ies" if last.endswith("y") and len(last) > 3 else last + "s"
            shapes.add((*shape[:-1], plural))
        if alias == alias.lower() and any("iz" in word for word in shape):
            shapes.add(tuple(re.sub(r"iz(?=e|ation|ing)", "is", word) for word in shape))
    return shapes


def _parse(lines, source: str):
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#") or line.startswith("name\ttypes"):
            continue
        fields = line.rstrip("\n").split("\t")
        if len(fields) not in (2, 3) or not fields[0].strip():
            raise ValueError(f"{source}:{number}: expected name<TAB>types<TAB>aliases, got {line.strip()!r}")
        types = tuple(t.strip() for t in fields[1].split("|") if t.strip())
        if not types or any(t not in CONCEPT_TYPES for t in types):
            raise ValueError(f"{source}:{number}: types must be among {', '.join(CONCEPT_TYPES)}, got {fields[1]!r}")
        aliases = tuple(a.strip() for a in fields[2].split("|") if a.strip()) if len(fields) == 3 else ()
        yield VocabularyEntry(fields[0].strip(), types, aliases)


@lru_cache(maxsize=1)
def _bundled() -> Vocabulary:
    text = BUNDLED_VOCABULARY.read_text(encoding="utf-8")
    return Vocabulary(_parse(text.splitlines(), str(BUNDLED_VOCABULARY)))


def load_vocabulary(path: str | os.PathLike | None = None) -> Vocabulary:
    """Load a vocabulary file; without a path, the bundled vocabulary (loaded once).

    Raises
    ------
    ValueError
        A malformed line; the message names file and line.

    Examples
    --------
    >>> vocabulary = load_vocabulary()
    >>> len(vocabulary) > 300, vocabulary.lookup("Low-Rank Adaptation").name
    (True, 'LoRA')
    """
    if path is None:
        return _bundled()
    with open(Path(path), encoding="utf-8") as handle:
        return Vocabulary(_parse(handle, os.fspath(path)))
