"""Read one paper: find the concepts its title and abstract mention, with type evidence.

A paper is read in three passes: the vocabulary gazetteer finds known names (model
names keep their size suffixes as aliases, "LLaMA-2-13B" is Llama 2; a known family
with a new version, "Llama 5", is a new model; a generic class with a modifier,
"agentic language model", is a class of its own); the prose rules of :mod:`.patterns`
find and type unknown names (abbreviation definitions, introduced names, title heads,
"X dataset", evaluation lists, Title Case component names, name shapes such as
"XBench" or "Foo-7B", hardware model numbers); then every name found is counted
wherever it occurs in the paper. :mod:`.extractor` assembles the papers of a corpus.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections import Counter
from functools import lru_cache
from itertools import compress

from rapidfuzz import fuzz

from papergraph.types import CONCEPT_TYPES

from . import patterns
from .canonical import MODEL_SIZE, RELEASE_WORDS, model_family, name_key
from .records import Identity, PaperConcept, Weight
from .tokens import NOT_CONCEPTS, Tokens, is_name_like, tokenize, words_of
from .vocabulary import Vocabulary, VocabularyEntry

__all__ = ["PaperReader", "winner"]

_VERSION = re.compile(r"^(?:v?\d+(?:\.\d+)*[a-z]?|[A-Z]\d{1,2})$")
_THOUSANDS = re.compile(r"^\d+(?:\.\d+)?[Kk]$")  # the size of a dataset: "RMR-75K"
_FAMILY_VERSION = re.compile(r"^([A-Za-z][A-Za-z-]*?)-?(v?\d+(?:\.\d+)*)$")
_NOT_AFTER_VERSION = frozenset("times layers layer billion million percent epochs hours steps bits gpus x fold".split())
_DEVICE_WORDS = frozenset("gpu gpus npu npus chip chips".split())
# "the GQA benchmark" names the GQA dataset; "LLM benchmarks" are benchmarks for LLMs.
_DATA_WORDS = frozenset("benchmark dataset corpus".split())

# A reference to a concept: ("v", vocabulary index) or ("d", key of a discovered name).
Ref = tuple[str, object]


class _Discovery:
    """Evidence for a name no vocabulary knows, in one paper."""

    __slots__ = ("name", "surfaces", "forms", "votes", "definition")

    def __init__(self, name: str, definition: str = ""):
        self.name = name
        #: the key of the long form the paper defined the name as, if it did
        self.definition = definition
        self.surfaces: set[str] = set()
        self.forms: set[tuple[str, ...]] = set()
        self.votes: Counter = Counter()

    def see(self, tokens: Tokens, first: int, stop: int) -> None:
        self.surfaces.add(tokens.span(first, stop))
        self.forms.add(tokens.words[first:stop])

    def vote(self, concept_type: str | None, weight: int) -> None:
        if concept_type and weight:
            self.votes[concept_type] += weight

    def type(self) -> str | None:
        return winner(self.votes)


def winner(votes: Counter | dict) -> str | None:
    """The type with most votes, if it has more than the vetoes ("-").

    Ties go to the type listed first in :data:`papergraph.types.CONCEPT_TYPES`.

    Examples
    --------
    >>> winner({"model": 3, "method": 3}), winner({"dataset": 2, "-": 2}), winner({})
    ('method', None, None)
    """
    best, most = None, votes.get("-", 0)
    for concept_type in CONCEPT_TYPES:  # in order, so the first of equals wins
        if votes.get(concept_type, 0) > most:
            best, most = concept_type, votes[concept_type]
    return best


def _named(entry: VocabularyEntry) -> bool:
    return entry.name != entry.name.lower()


def _same_thing(long_form: str, entry: VocabularyEntry) -> bool:
    key = name_key(long_form)
    return any(
        fuzz.ratio(key, name_key(alias)) >= 80 or (len(key) > 6 and key in name_key(alias))
        for alias in (entry.name, *entry.aliases)
    )


def _token_range(tokens: Tokens, start: int, end: int) -> tuple[int, int]:
    """The tokens ``(first, stop)`` covering the characters ``start`` to ``end``."""
    first = bisect.bisect_left(tokens.starts, start)
    return first, max(first + 1, bisect.bisect_left(tokens.starts, end))


@lru_cache(maxsize=100_000)
def _singular(name: str) -> str:
    """A name without the plural ``s`` of an acronym or a "-Net" ("GNNs", "EEEA-Nets").

    >>> _singular("HGNNs"), _singular("EEEA-Nets"), _singular("Adams")
    ('HGNN', 'EEEA-Net', 'Adams')
    """
    return re.sub(r"(?:(?<=[A-Z])|(?<=Net))s$", "", name)


# Capitalised words that start a sentence rather than a Title Case name ("While Convolutional ...").
_FUNCTION_WORDS = frozenset(
    """the a an while although though when where whereas however unlike in on for with by to from
    our this these those its their as at if since because both each we it after before during
    through towards via using then thus hence moreover furthermore finally first second third here
    there such all many most some any no not""".split()
)
# Heads that make a Title Case phrase a description rather than a name ("a Collaboration Framework").
_CATEGORY_NOUNS = frozenset(
    "framework frameworks method methods approach approaches model models system systems algorithm "
    "pipeline technique strategy scheme paradigm module mechanism architecture learning".split()
)
# Tier words ("Gemini 2.5 Pro", "GPT-4 Turbo") continue a model name only when capitalised:
# in lower case they are prose ("GPT-4 plus retrieval").
_CAPITALISED_RELEASES = frozenset("pro flash ultra turbo nano lite plus max sonnet opus haiku".split())


def _release(word: str) -> bool:
    """Whether a word after a model name is a release or size word of it.

    >>> [_release(word) for word in ("Instruct", "chat", "Pro", "plus", "Plus", "model")]
    [True, True, True, False, True, False]
    """
    lower = word.lower()
    return lower in RELEASE_WORDS and not (lower in _CAPITALISED_RELEASES and word.islower())


def _is_capitalised(word: str) -> bool:
    """Whether a word of three letters or more is capitalised ("Flow", not "FLOW", "FooBar", "flow")."""
    return len(word) > 2 and word[0].isupper() and word.istitle()


# Capitalised words that make Title Case adjectives after a hyphen ("LLM-Aware") rather
# than the second part of a name ("HO-Flow", "Nemotron-Terminal").
_NOT_NAME_PARTS = frozenset(
    "aware free level scale grade like style wise only specific agnostic centric efficient friendly native "
    "time source step shot order end world art way based driven guided enhanced augmented".split()
)


def _prefix_part(word: str) -> bool:
    """Whether a word before a hyphen starts a compound name with what follows.

    A name, a capitalised word or a lone capital ("K-LoRA", "HO-Flow", "Time-MoE").

    >>> [_prefix_part(word) for word in ("K", "HO", "Time", "a", "non")]
    [True, True, True, False, False]
    """
    return is_name_like(word) or _is_capitalised(word) or (len(word) == 1 and word.isupper())


def _name_part(word: str) -> bool:
    """Whether a word after a hyphen continues a name: a name or a capitalised noun.

    >>> [_name_part(word) for word in ("Flow", "ASK", "EM", "Aware", "Guided", "bench")]
    [True, True, True, False, False, False]
    """
    if is_name_like(word) or (len(word) > 1 and word.isupper()):  # "APEX-EM", though EM alone is a metric
        return True
    return _is_capitalised(word) and not word.endswith(("ed", "ing")) and word.lower() not in _NOT_NAME_PARTS


def _title_case(phrase: str) -> bool:
    """Whether every word of three letters or more starts with a capital.

    >>> _title_case("Sequential Grounding Refinement"), _title_case("Geometry-Aware Prototype of Shapes")
    (True, True)
    >>> _title_case("spectral Refinement")
    False
    """
    return all(word[0].isupper() for word in re.split(r"[\s-]+", phrase) if len(word) > 2)


# Generic classes that a modifier makes a more specific class of their own: "agentic language
# model", "tabular foundation model", "prefix KV cache" (a careful reader annotates the whole).
_CLASSES = frozenset("language model|foundation model|neural network|autoencoder|KV cache".split("|"))
# Words before such a class that only qualify it ("existing language models", "a deep neural
# network"), verbs that take it as object ("enhance language models"), or no modifier at all.
_NOT_MODIFIERS = frozenset(
    """the this that these those our their its his her your any all each every both some most
    more less few one two how what which why when where whereas while and nor but yet
    for from with into onto than then also only even just very via without within
    existing current modern recent popular powerful strong advanced standard conventional
    traditional typical prior previous various different many several multiple other such same
    single proposed new novel open closed frontier leading latest original underlying target
    teacher student general generic large larger largest small smaller big deep shallow simple
    complex efficient lightweight compact final given specific corresponding whole entire full
    sota downstream best better good capable additional first extra another future further
    following above key core main primary external individual separate dedicated unified
    introduce enhance enable improve train evaluate use make allow help guide prompt steer
    align adapt teach apply leverage compare assess test probe study equip empower extend
    scale build deploy design propose present develop distill query attack
    alongside across among amongst between against beyond toward towards like unlike upon
    versus despite can cannot could do does did should would will may might must shall is
    are was were be been being have has had""".split()
)
# Words after which the word before a class is a verb ("to adapt language models").
_BEFORE_VERBS = frozenset("to we can could may might will would should must they also".split())


def _modifiers(tokens: Tokens, first: int, floor: int) -> int:
    """The first token of the modifier of a generic class name starting at ``first``.

    The modifier is the one word before the name ("agentic", "prefix"), with the word
    hyphenated to it ("pre-trained") or an adverb before it ("fully connected"). Verb
    forms and plurals (words ending in -s, -ing, or a lone -ed), words after "to" or
    "we", and the qualifiers of :data:`_NOT_MODIFIERS` are none; capitals only count in
    a Title Case phrase or at the start of a sentence. Returns ``first`` when there is
    no modifier; never reaches before ``floor``.

    >>> tokens = tokenize("Agentic language models beat fully connected neural networks, pre-trained models and existing models.")
    >>> [tokens.words[_modifiers(tokens, first, 0)] for first in (1, 6, 10, 13)]
    ['Agentic', 'fully', 'pre', 'models']
    >>> tokens = tokenize("to adapt language models with off-the-shelf language models")
    >>> [tokens.words[_modifiers(tokens, first, 0)] for first in (2, 9)]
    ['language', 'language']
    """
    words, linked = tokens.words, tokens.linked
    before = first - 1
    if before < floor or not linked[first]:
        return first
    word = words[before]
    capital_ok = words[first][0].isupper() or tokens.text[: tokens.starts[before]].rstrip(" ")[-1:] in ("", ".", "\n")
    if (
        not word.isalpha()
        or len(word) < 3
        or word.lower() in _NOT_MODIFIERS
        or not (word.islower() or (capital_ok and _is_capitalised(word)))
        or word.endswith(("s", "ing"))
    ):
        return first
    start = before
    joined = before > floor and linked[before] and words[before - 1].isalpha()
    if joined and _hyphen(tokens, before):
        start = before - 1
        if (
            words[start].lower() in _NOT_MODIFIERS
            or tokens.lower[before] in _NOT_NAME_PARTS  # "industrial-grade", "large-scale", "text-based"
            or (start > floor and linked[start] and _hyphen(tokens, start))
        ):
            return first
    elif word.endswith("ed"):
        if not (joined and words[before - 1].endswith("ly")):
            return first
        start = before - 1
    if start > floor and linked[start] and tokens.lower[start - 1] in _BEFORE_VERBS:
        return first
    return start


def _hyphen(tokens: Tokens, position: int) -> bool:
    """Whether a hyphen joins token ``position`` to the one before."""
    return tokens.text[tokens.ends[position - 1] : tokens.starts[position]] == "-"


def _occurrences(tokens: Tokens, form: tuple[str, ...], memo: dict) -> list[int]:
    """The first tokens of every occurrence of a sequence of words (linked, same case).

    ``memo`` keeps the answers for one text, which is asked about most forms twice.
    """
    if form in memo:
        return memo[form]
    words, linked, size = tokens.words, tokens.linked, len(form)
    found = []
    first = -1
    while True:
        try:
            first = words.index(form[0], first + 1)
        except ValueError:
            memo[form] = found
            return found
        if words[first : first + size] == form and all(linked[first + 1 : first + size]):
            found.append(first)


class PaperReader:
    """Finds the concepts of one paper; holds the vocabulary and the text rules.

    Parameters
    ----------
    vocabulary : Vocabulary
        The names known in advance.

    Examples
    --------
    >>> from papergraph.extract import load_vocabulary
    >>> reader = PaperReader(load_vocabulary())
    >>> found = reader.read("TeamLLM", "We propose TeamLLM, a collaboration framework for agentic language models.")
    >>> sorted((concept.name, concept.identity.known, winner(dict(concept.votes))) for concept in found)
    [('TeamLLM', False, 'method'), ('agentic language model', False, 'model')]
    """

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self._model_families = {
            name_key(alias)
            for entry in vocabulary.entries
            if entry.types[0] == "model" and _named(entry)
            for alias in (entry.name, *entry.aliases)
            if " " not in alias
        }

    def read(self, title: str, abstract: str) -> list[PaperConcept]:
        """The concepts of one paper, in the order first found."""
        title = " ".join(title.split())
        text = f"{title}\n{' '.join(abstract.split())}"
        tokens = tokenize(text)
        discoveries: dict[str, _Discovery] = {}
        introduced = patterns.introduced_starts(text)
        compounds: set[int] = set()
        spans = self._known(tokens, introduced, discoveries, compounds)
        for start, end, name in patterns.hardware_models(text):
            found = discoveries.setdefault(name_key(name), _Discovery(name))
            found.see(tokens, *_token_range(tokens, start, end))
            found.vote("hardware", Weight.CERTAIN)
        overrides, aliases = self._abbreviations(tokens, discoveries, introduced)
        covered = {position for first, stop, _ in spans for position in range(first, stop)}
        memo: dict[tuple[str, ...], list[int]] = {}
        for form in [*overrides, *(form for found in discoveries.values() for form in found.forms)]:
            for first in _occurrences(tokens, form, memo):
                covered.update(range(first, first + len(form)))
        entries = self.vocabulary.entries
        data = {tokens.starts[first] for first, _, ref in spans if ref[0] == "v" and entries[ref[1]].types[0] == "dataset"}
        listed = patterns.listed_with(text, data, len(title))
        self._shapes(tokens, title, (introduced, compounds, listed), covered, discoveries, aliases)
        return self._count(tokens, spans, overrides, discoveries, memo)

    def _known(self, tokens: Tokens, introduced: set[int], discoveries: dict[str, _Discovery], compounds: set[int]):
        """Vocabulary matches, extended over sizes (same concept) or versions (new concept).

        A known name inside a new compound name ("Time-MoE", "LLaVA-UHD", "called
        Low-Rank Transformer", "Nemotron-Terminal") is left for :meth:`_shapes` to read as
        the new name; ``compounds`` receives the first tokens of such names.
        """
        spans: list[tuple[int, int, Ref]] = []
        words, lower, linked, count = tokens.words, tokens.lower, tokens.linked, len(tokens)
        for first, stop, index in self.vocabulary.find(tokens):
            entry = self.vocabulary.entries[index]
            ref: Ref = ("v", index)
            if entry.name in _CLASSES and first > 0 and lower[first] == entry.name.split()[0].lower():
                start = _modifiers(tokens, first, spans[-1][1] if spans else 0)
                if start < first:
                    name = tokens.text[tokens.starts[start] : tokens.starts[first]].lower() + entry.name
                    found = discoveries.setdefault(name_key(name), _Discovery(name))
                    found.vote(entry.types[0], Weight.CERTAIN)
                    found.see(tokens, start, stop)
                    spans.append((start, stop, ("d", name_key(name))))
                    continue
            if _named(entry) and self._in_compound(tokens, introduced, first, stop):
                compounds.add(first)
                continue
            if (
                stop < count
                and linked[stop]
                and entry.types[0] != "dataset"
                and (_named(entry) or entry.types[0] != "model")  # a class ("LLM") never names a dataset
                and self._names_data(tokens, first, stop)
            ):
                # "the GQA benchmark" is no grouped-query attention; "DAPO-17k" is data.
                if stop < count and _THOUSANDS.match(words[stop]):
                    stop += 1
                name = tokens.span(first, stop)
                found = discoveries.setdefault(name_key(name), _Discovery(name))
                found.vote("dataset", Weight.CERTAIN)
                found.see(tokens, first, stop)
                spans.append((first, stop, ("d", name_key(name))))
                continue
            if entry.types[0] == "model" and _named(entry):
                if (
                    stop < count
                    and linked[stop]
                    and _VERSION.match(words[stop])
                    and not words[stop - 1][-1].isdigit()
                    and (stop + 1 >= count or lower[stop + 1] not in _NOT_AFTER_VERSION)
                ):
                    name = model_family(tokens.span(first, stop + 1))
                    discoveries.setdefault(name_key(name), _Discovery(name)).vote("model", Weight.CERTAIN)
                    ref, stop = ("d", name_key(name)), stop + 1
                while stop < count and linked[stop] and (MODEL_SIZE.match(words[stop]) or _release(words[stop])):
                    stop += 1
                if ref[0] == "d":
                    discoveries[ref[1]].see(tokens, first, stop)
            elif entry.types[0] == "hardware" and any(char.isdigit() for char in entry.name):
                if stop < count and linked[stop] and lower[stop] in _DEVICE_WORDS:
                    stop += 1
            spans.append((first, stop, ref))
        return spans

    @staticmethod
    def _names_data(tokens: Tokens, first: int, stop: int) -> bool:
        """Whether a known acronym names data here: "GQA benchmark", "DAPO-17k".

        >>> tokens = tokenize("the GQA benchmark, GQA attention, DAPO-17k and DAPO-style, GQA benchmarks")
        >>> [PaperReader._names_data(tokens, first, first + 1) for first in (1, 3, 5, 8, 11)]
        [True, False, True, False, False]
        """
        if stop >= len(tokens) or not tokens.linked[stop] or not tokens.words[stop - 1].isupper():
            return False
        following = tokens.words[stop]
        return following in _DATA_WORDS or bool(_hyphen(tokens, stop) and _THOUSANDS.match(following))

    @staticmethod
    def _in_compound(tokens: Tokens, introduced: set[int], first: int, stop: int) -> bool:
        words = tokens.words
        if first > 0 and tokens.linked[first]:
            before = words[first - 1]
            if _hyphen(tokens, first) and _prefix_part(before):
                return True
            if _is_capitalised(before) and (tokens.starts[first - 1] in introduced):
                return True
        return (
            stop < len(tokens)
            and _hyphen(tokens, stop)
            and _name_part(words[stop])
            and not (_VERSION.match(words[stop]) or MODEL_SIZE.match(words[stop]))
        )

    def _abbreviations(self, tokens: Tokens, discoveries: dict[str, _Discovery], introduced: set[int]):
        """Short forms defined in the text: what each stands for, and the keys of its names."""
        overrides: dict[tuple[str, ...], Ref] = {}
        aliases: dict[str, str] = {}
        for long_form, short, start in patterns.abbreviations(tokens.text):
            short_words = words_of(short)
            index = self.vocabulary.index(long_form)
            short_index = self.vocabulary.index(short)
            if index is None and short_index is not None:
                index = short_index if _same_thing(long_form, self.vocabulary.entries[short_index]) else None
            # A plural short form defines the singular too: "World models (WMs)", "WM benchmarks".
            plural = short.endswith("s") and len(short) > 2 and short[:-1].isupper()
            forms = (short_words, words_of(short[:-1])) if plural else (short_words,)
            if index is not None:
                overrides.update(dict.fromkeys(forms, ("v", index)))
                continue
            singular = short[:-1] if short.endswith("s") and short[:-1].isupper() else short
            name = _singular(short) if len(singular) >= 4 or not singular.isupper() else long_form
            # A short form means what this paper defines it as: "PRISM" defined two ways
            # in two papers is two concepts.
            key = f"{name_key(name)}={name_key(long_form)}"
            found = discoveries.setdefault(key, _Discovery(name, name_key(long_form)))
            found.see(tokens, *_token_range(tokens, start, start + len(long_form)))
            found.surfaces.add(short)
            found.forms.add(short_words)
            head = patterns.head_type(long_form)
            found.vote(head, Weight.STRONG)
            found.vote(patterns.tail_type(short) or patterns.tail_type(long_form), Weight.STRONG)
            # What follows the definition ("NEST (Narrative ...), a dataset of ...") or
            # precedes it ("a framework named YARN (Yielding ...)").
            close = tokens.text.find(")", start)
            context = patterns.context_type(tokens.text, start, close) if close >= 0 else (None, 0)
            first = min(start, tokens.text.rfind(short, 0, max(close, 0)))
            if context[0] is None and first >= 0:
                context = patterns.called_type(tokens.text, first)
            found.vote(*context)
            # A long form without a typing head is most often a method the paper names,
            # when it is Title Case or the paper introduces it.
            untyped = head is None and context[0] is None
            found.vote("method", Weight.HINT if untyped and (_title_case(long_form) or first in introduced) else 0)
            aliases[name_key(short)] = aliases[name_key(long_form)] = key
            overrides.update(dict.fromkeys(forms, ("d", key)))
        return overrides, aliases

    def _shapes(self, tokens, title, starts, covered, discoveries, aliases) -> None:
        """Unknown names found by their shape and typed by the words around them.

        A name joined by hyphens to another ("HO-Flow", "BOP-ASK" where "BOP" is defined
        apart) is read whole, even over a name found before.
        """
        words, linked, count = tokens.words, tokens.linked, len(tokens)
        introduced, compounds, listed = starts
        head = patterns.title_head(title)
        head = head and (*head, title)
        stop = 0
        for position in compress(range(count), map(operator.not_, map(str.islower, words))):
            if position in covered or position < stop:
                continue
            word = words[position]
            plain = not is_name_like(word) and position not in compounds
            if not plain:
                while (
                    position > stop
                    and _hyphen(tokens, position)
                    and (
                        is_name_like(words[position - 1])
                        or (
                            position in compounds
                            and _prefix_part(words[position - 1])
                            and tokens.lower[position - 1] not in NOT_CONCEPTS
                        )
                    )
                ):
                    position -= 1
            phrase = sized_next = False
            if plain:
                # Most capitalised words start a sentence: the cheap tests go first.
                if not _is_capitalised(word):
                    continue
                nearby = position + 1 < count and linked[position + 1]
                sized_next = nearby and MODEL_SIZE.match(words[position + 1]) and _hyphen(tokens, position + 1)
                # A Title Case phrase in the abstract ("an Audio Sink Token mechanism") may
                # name a component; it counts when its head noun types it.
                phrase = (
                    nearby
                    and _is_capitalised(words[position + 1])
                    and tokens.starts[position] > len(title)
                    and tokens.lower[position] not in _FUNCTION_WORDS
                    and not (
                        linked[position]
                        and words[position - 1][0].isupper()
                        and tokens.lower[position - 1] not in _FUNCTION_WORDS
                    )
                )
                if not (
                    phrase
                    or sized_next
                    or tokens.starts[position] in introduced
                    or tokens.starts[position] in listed
                    or (head is not None and head[0].startswith(word))
                ):
                    continue
            stop = position + 1
            while stop < count and linked[stop] and (stop not in covered or phrase and _is_capitalised(words[stop])):
                following = words[stop]
                if not (
                    is_name_like(following)
                    or _VERSION.match(following)
                    or MODEL_SIZE.match(following)
                    or _release(following)
                    or (plain and _is_capitalised(following))
                    or (_hyphen(tokens, stop) and patterns.tail_type("X" + following.capitalize()))
                    or (_is_capitalised(following) and patterns.tail_type("X" + following) == "dataset")
                    or (not plain and _hyphen(tokens, stop) and _name_part(following))
                    or (_hyphen(tokens, stop) and _THOUSANDS.match(following))
                ):
                    break
                stop += 1
            phrase_type = None
            if phrase and stop - position >= 2 and tokens.lower[stop - 1] not in _CATEGORY_NOUNS:
                phrase_type = patterns.head_type(tokens.span(position, stop))
                phrase_type = None if phrase_type == "-" else phrase_type
            if phrase and phrase_type is None and not (tokens.starts[position] in introduced or sized_next):
                continue
            if phrase_type is None and tokens.starts[position] in listed and tokens.lower[position] not in _FUNCTION_WORDS:
                phrase_type = "dataset"  # listed with a known dataset
            self._judge(tokens, position, stop, plain, (introduced, head, phrase_type), discoveries, aliases)

    def _judge(self, tokens, first, stop, plain, cues, discoveries, aliases) -> None:
        """Keep a candidate name if some evidence types it, and record the evidence."""
        introduced, head, phrase_type = cues
        surface = tokens.span(first, stop)
        if surface.lower() in NOT_CONCEPTS:
            return
        start, end = tokens.starts[first], tokens.ends[stop - 1]
        sized = any(MODEL_SIZE.match(word) for word in tokens.words[first:stop])
        family = model_family(surface)
        versioned = _FAMILY_VERSION.match(family)
        family_known = bool(versioned) and name_key(versioned.group(1).rstrip("vV")) in self._model_families
        name = _singular(family if sized or family_known or patterns.tail_type(family) == "model" else surface)
        if sum(char.isalpha() for char in name) < 2:  # a size without a name: "30B-A3B" is no model "A"
            return
        key = aliases.get(name_key(name), name_key(name))
        context, weight = patterns.context_type(tokens.text, start, end)
        in_title = head is not None and head[0] == surface and end <= len(head[2])
        apposed = tokens.text[end : end + 1] in (",", "(", ":")
        if plain and not (sized or in_title or context or apposed or phrase_type):
            return
        listed = patterns.list_type(tokens.text, start)
        if key not in discoveries and not (
            context
            or sized
            or family_known
            or start in introduced
            or listed
            or in_title
            or phrase_type
            or patterns.tail_type(name)
        ):
            return
        if key not in discoveries:
            # What the name itself says counts once; what the words around it say, each time.
            discoveries[key] = _Discovery(name)
            discoveries[key].vote("model", Weight.CERTAIN if sized or family_known else 0)
            # A known model's name with a new part ("Kling-Omni", "Llama-Guard") is most often a model.
            discoveries[key].vote("model", Weight.NEAR if name_key(surface.split("-", 1)[0]) in self._model_families else 0)
            discoveries[key].vote(patterns.tail_type(name), Weight.STRONG)
        found = discoveries[key]
        found.see(tokens, first, stop)
        found.vote(context, weight)
        found.vote(phrase_type, Weight.STRONG)
        if start in introduced:
            introducer = patterns.introducer_type(tokens.text, start)
            # An introduced name is most often a method, unless the words around it say otherwise.
            found.vote(introducer, Weight.STRONG)
            found.vote("method", 0 if context or introducer else Weight.HINT)
        found.vote(listed, Weight.HINT)
        if in_title:
            found.vote(head[1], Weight.NEAR)

    def _known_as(self, found: _Discovery) -> int | None:
        """The vocabulary entry a discovered name is, if one of that type has the name."""
        if found.definition:  # the paper said what it means, and it is not the entry
            return None
        index = self.vocabulary.index(found.name)
        return index if index is not None and found.type() in self.vocabulary.entries[index].types else None

    def _count(self, tokens, spans, overrides, discoveries, memo) -> list[PaperConcept]:
        """Count every occurrence of every concept found, longest spans first."""
        typed = {key: found for key, found in discoveries.items() if found.type()}
        candidates = [(first, stop, 0, ref) for first, stop, ref in spans]
        local = [(form, 2, ref) for form, ref in overrides.items()]
        local += [(form, 1, ("d", key)) for key, found in typed.items() for form in found.forms]
        for form, priority, ref in local:
            candidates += [(first, first + len(form), priority, ref) for first in _occurrences(tokens, form, memo)]
        candidates.sort(key=lambda item: (item[0], item[0] - item[1], -item[2]))
        # A discovered name the vocabulary knows after all ("Llama 5" found as a new
        # version, then listed by a user thesaurus) is that vocabulary concept, unless
        # the text gives it another type ("the GQA benchmark" is no attention).
        known = {key: self._known_as(found) for key, found in typed.items()}
        counts: dict[Ref, tuple[int, set[str]]] = {}
        taken = 0
        for first, stop, _, ref in candidates:
            if first < taken or (ref[0] == "d" and ref[1] not in typed):
                continue
            taken = stop
            if ref[0] == "d" and known[ref[1]] is not None:
                ref = ("v", known[ref[1]])
            number, surfaces = counts.get(ref) or (0, set())
            surfaces.add(tokens.span(first, stop))
            counts[ref] = (number + 1, surfaces)
        concepts = []
        for (kind, key), (number, surfaces) in counts.items():
            if kind == "v":
                entry = self.vocabulary.entries[key]
                concepts.append(PaperConcept(Identity(key, name_key(entry.name)), entry.name, number, frozenset(surfaces)))
            else:
                found = typed[key]
                identity = Identity(-1, name_key(found.name), found.definition)
                concepts.append(PaperConcept(identity, found.name, number, frozenset(surfaces), tuple(found.votes.items())))
        return concepts
