"""The curated vocabulary of concepts and the gazetteer that finds its names in text.

The vocabulary ships as ``papergraph/data/vocabulary.tsv``: one concept a line, three
tab-separated columns ``name``, ``types`` and ``aliases`` (types and aliases separated by
``|``, primary type first); ``#`` starts a comment line.

Case rule for matching: a name written in lower case matches in any case
("knowledge distillation", "Knowledge Distillation"); names of three characters or
fewer, all-capitals acronyms and capitalised words match only as written ("o1", "SAM",
"MATH", "Whisper"); CamelCase names and
names with digits of five or more characters match in any case ("ImageNet", "CIFAR-10"), but
a mixed-case name of one word without digits not in lower case throughout ("GloVe" is no
"gloves").
Every name also matches with hyphens for spaces, with hyphens dropped ("pretraining"),
letters joined to their version ("GPT4", "Llama2"; joined spellings of names that are not
lower case must keep their case), in the plural and in British spelling.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from papergraph.schema import MODEL
from papergraph.types import CONCEPT_TYPES

from .canonical import name_key
from .tokens import Tokens, tokenize, words_of

__all__ = ["BUNDLED_VOCABULARY", "Vocabulary", "VocabularyEntry", "load_vocabulary", "named"]

#: The vocabulary shipped with papergraph.
BUNDLED_VOCABULARY = Path(__file__).resolve().parent.parent / "data" / "vocabulary.tsv"

# Word codes: two characters, none "\0": the second of 160 ("low"), the first ("high") from
# the characters after those, so that no name's code matches from inside a word's code. Up
# to 10,000 words, every code character fits in one byte, which the automaton reads fastest.
_FIRST_CODE, _ALPHABET = 0x21, 160
_LETTER_THEN_VERSION = re.compile(r"^([A-Za-z]{2,}[A-Za-z-]*?)(\d+(?:\.\d+)*[A-Za-z]?)$")
_VERSION = re.compile(r"^(?:v?\d+(?:\.\d+)*[a-z]?)$", re.IGNORECASE)
# Words as written whose codes are kept between texts; past this many the memo starts afresh.
_MEMO_WORDS = 200_000
# The case requirement of a name that matches in any case but all lower case (compared by
# value: the automaton sent to a worker process holds a copy).
_CAPITALISED: tuple[str, ...] = ("",)


class _CodeMemo(dict):
    """Each word as written -> its two-character code ("\0\0" for a word of no name), found
    on first sight: one lookup per token, at C speed, and no lower-casing of every word."""

    def __init__(self, codes: dict[str, str]):
        super().__init__()
        self.codes = codes

    def __missing__(self, word: str) -> str:
        if len(self) >= _MEMO_WORDS:
            self.clear()
        code = self[word] = self.codes.get(word.lower(), "\0\0")
        return code

    def __reduce__(self) -> tuple:
        return _CodeMemo, (self.codes,)  # sent to other processes empty


@dataclass(frozen=True)
class VocabularyEntry:
    """One concept of the vocabulary: canonical name, types (primary first), aliases."""

    name: str
    types: tuple[str, ...]
    aliases: tuple[str, ...] = ()


class Vocabulary:
    """A set of :class:`VocabularyEntry` compiled into an Aho–Corasick automaton over words.

    Every word of a name gets one character of its own, so a text is matched in one pass
    over a string of one character per token: no match can start or end inside a word.

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

    def __init__(self, entries: Iterable[VocabularyEntry]):
        self.entries: tuple[VocabularyEntry, ...] = tuple(entries)
        self._by_key: dict[str, int] = {}
        forms: dict[tuple[str, ...], list[tuple[tuple[str, ...] | None, int]]] = {}
        for index, entry in enumerate(self.entries):
            for alias in (entry.name, *entry.aliases):
                self._by_key.setdefault(name_key(alias), index)
                any_case, written = _any_case(alias), len(words_of(alias))
                for exact in _variants(alias):
                    lower = tuple(word.lower() for word in exact)
                    options = forms.setdefault(lower, [])
                    # Joined spellings of capitalised names must keep their case: "MultiPL-E"
                    # joined is "MultiPLE", which in any case would be the word "multiple".
                    required = None if any_case and (alias == alias.lower() or len(exact) >= written) else exact
                    if required is None and _word_when_lower(alias):
                        required = _CAPITALISED  # "GloVe" in any case but "gloves"
                    if all(taken != required for taken, _ in options):
                        options.append((required, index))
        #: two characters per word of the vocabulary (a small alphabet keeps the automaton's
        #: steps fast); other words are "\0\0"
        self._codes: dict[str, str] = {}
        for form in forms:
            for word in form:
                if word not in self._codes:
                    high, low = divmod(len(self._codes), _ALPHABET)
                    self._codes[word] = chr(_FIRST_CODE + _ALPHABET + high) + chr(_FIRST_CODE + low)
        self._memo = _CodeMemo(self._codes)
        self._automaton = ahocorasick.Automaton()
        for form, options in forms.items():
            self._automaton.add_word("".join(map(self._codes.__getitem__, form)), (len(form), tuple(options)))
        self._automaton.make_automaton()
        #: keys of the one-word names of named model families ("llama", "qwen")
        self.model_families: frozenset[str] = frozenset(
            name_key(alias)
            for entry in self.entries
            if entry.types[0] == MODEL and named(entry)
            for alias in (entry.name, *entry.aliases)
            if " " not in alias
        )

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

        Returns ``(first token, stop token, entry index)`` triples. A name spans linked
        tokens only, and matches in the case its entry requires.
        """
        coded = "".join(map(self._memo.__getitem__, tokens.words))
        words, linked = tokens.words, tokens.linked
        longest: dict[int, tuple[int, int]] = {}  # first token -> (stop, entry index)
        for end, (size, options) in self._automaton.iter(coded):
            last = end // 2
            first = last + 1 - size
            if size > 1 and not all(linked[first + 1 : last + 1]):
                continue
            if first in longest and longest[first][0] >= last + 1:
                continue
            for required, index in options:
                if (
                    required is None
                    or required == words[first : last + 1]
                    or (required == _CAPITALISED and not "".join(words[first : last + 1]).islower())
                ):
                    longest[first] = (last + 1, index)
                    break
        found: list[tuple[int, int, int]] = []
        taken = 0
        for first in sorted(longest):
            if first >= taken:
                stop, index = longest[first]
                found.append((first, stop, index))
                taken = stop
        return found


def named(entry: VocabularyEntry) -> bool:
    """Whether an entry is a name ("LoRA", "Llama 2") rather than a generic term ("large language model")."""
    return entry.name != entry.name.lower()


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


def _word_when_lower(alias: str) -> bool:
    """Whether an any-case name is one mixed-case word without digits ("GloVe", "MuSiQue"),
    which written all in lower case is more often a common word ("gloves") than the name."""
    return alias != alias.lower() and alias.isalpha()


def _variants(alias: str) -> set[tuple[str, ...]]:
    """The token sequences under which an alias is matched (case as written)."""
    tokens = tokenize(alias)
    words = list(tokens.words)
    if not words:
        return set()
    hyphens = [tokens.text[tokens.ends[i - 1] : tokens.starts[i]] == "-" for i in range(1, len(words))]
    shapes = {tuple(words)}
    joined = [words[0]]
    for word, hyphen in zip(words[1:], hyphens, strict=True):
        if hyphen or (_VERSION.match(word) and joined[-1][-1].isalpha()):
            joined[-1] += word
        else:
            joined.append(word)
    shapes.add(tuple(joined))
    versions = {(*shape[:-1], *split.groups()) for shape in shapes if (split := _LETTER_THEN_VERSION.match(shape[-1]))}
    shapes |= versions
    spellings: set[tuple[str, ...]] = set()
    for shape in shapes:
        last = shape[-1]
        if last[-1].isalpha() and not last.endswith("s"):
            plural = last[:-1] + "ies" if last.endswith("y") and len(last) > 3 else last + "s"
            spellings.add((*shape[:-1], plural))
        if alias == alias.lower() and any("iz" in word for word in shape):
            spellings.add(tuple(re.sub(r"iz(?=e|ation|ing)", "is", word) for word in shape))
    return shapes | spellings


def _parse(lines, source: str):
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith(("#", "name\ttypes")):
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
