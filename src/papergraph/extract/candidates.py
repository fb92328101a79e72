"""Candidate names in a paper: vocabulary matches, introduced names and name shapes.

- :func:`known_spans` reads the vocabulary matches (one automaton pass), extended over model
  sizes ("LLaMA-2-13B" is Llama 2) or to a new version ("Llama 5" is a new model), a
  modifier ("agentic language model" is a class of its own), or to data ("the GQA
  benchmark");
- :func:`introduced_starts` finds where a paper introduces a name ("we propose X");
- :func:`hardware_models` finds hardware model numbers ("RTX 4090");
- :func:`shape_candidates` finds the other names by their shape: acronyms, CamelCase,
  hyphenated compounds, names with digits, Title Case phrases, names listed with a dataset.

Whether a candidate is kept, and with what type, is decided by :mod:`.decision`.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress

import ahocorasick

from papergraph.schema import DATASET, HARDWARE, METHOD, MODEL

from .canonical import MODEL_SIZE, RELEASE_WORDS, model_family, name_key, word_list
from .evidence import NOT_A_CONCEPT, Evidence, head_type, tail_type
from .records import Candidate, Ref, Span, TitleHead, Weight
from .tokens import NOT_CONCEPTS, Tokens, hyphen, is_name_like
from .vocabulary import Vocabulary, named

__all__ = [
    "CATEGORY_NOUNS",
    "QUALIFIERS",
    "in_compound",
    "VERSION",
    "hardware_models",
    "introduced_starts",
    "is_capitalised",
    "release",
    "known_spans",
    "occurrences",
    "shape_candidates",
]

VERSION = re.compile(r"^(?:v?\d+(?:\.\d+)*[a-z]?|[A-Z]\d{1,2}(?:\.\d+)?)$")


_THOUSANDS = re.compile(r"^\d+(?:\.\d+)?[Kk]$")  # the size of a dataset: "RMR-75K"


_NOT_AFTER_VERSION = frozenset(
    word_list("times layers layer billion million percent epochs hours steps bits gpus x fold")
)


_DEVICE_WORDS = frozenset(word_list("gpu gpus npu npus chip chips"))


# "the GQA benchmark" names the GQA dataset; "LLM benchmarks" are benchmarks for LLMs.
_DATA_WORDS = frozenset(word_list("benchmark dataset corpus"))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


# Verbs that introduce a name after "we / this paper / work / study", and words that name
# one by themselves. Found with str.find, which is many times faster than one regex.
_INTRODUCING_VERBS = word_list(
    "propose present introduce develop design build release construct curate create contribute devise open-source"
)


_NAMING_WORDS = word_list(
    "Introducing introducing Proposing proposing Presenting presenting called named dubbed termed coined"
)


_VERB_SUFFIX = re.compile(r"(?:s|d|ed)?\b")


_SUBJECT = re.compile(r"\b(?:we|We|paper|work|study)\s+(?:\w+\s+){0,2}$")
# A second verb of the sentence's "we": "We call this X and introduce Y".
_AND_SUBJECT = re.compile(r"\b[Ww]e\s[^.!?;]*\sand\s+$")
# What may come between such a verb and its name: "and introduce the Y framework".
_RIGHT_AFTER = re.compile(r"\s*(?:(?:the|a|an)\s+)?")


_CANDIDATE = re.compile(r"[A-Z][\w.+-]*[\w+]|[a-z]+[A-Z][\w.+-]*")


def introduced_starts(text: str) -> set[int]:
    """Offsets where a name the paper introduces starts.

    The name is the first capitalised or CamelCase word within 60 characters after "we
    propose / present / introduce ..." or right after "called / named / dubbed ...",
    in the same sentence.

    Examples
    --------
    >>> text = "In this paper, we propose EfficientTAM, a light model. A method dubbed FooNet works."
    >>> sorted(text[i : i + 12] for i in introduced_starts(text))
    ['EfficientTAM', 'FooNet works']

    A verb after "and" has the sentence's "we" for subject:

    >>> text = "We call this failure the blind spot and introduce ZorbMind. They and introduce Quux."
    >>> sorted(text[i : i + 8] for i in introduced_starts(text))
    ['ZorbMind']
    >>> text = "We list tasks and propose an evaluation that assesses Quux Reasoning."
    >>> sorted(text[i : i + 8] for i in introduced_starts(text))
    []
    """
    starts = set()
    for end, anywhere in _trigger_ends(text):
        after = text[end : end + 60]
        after = _SENTENCE_END.split(after, maxsplit=1)[0]
        name = _CANDIDATE.search(after)
        if name and (anywhere or _RIGHT_AFTER.fullmatch(after, 0, name.start())):
            starts.add(end + name.start())
    return starts


def _trigger_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for verb in _INTRODUCING_VERBS:
        automaton.add_word(verb, (len(verb), True))
    for word in _NAMING_WORDS:
        automaton.add_word(word, (len(word), False))
    automaton.make_automaton()
    return automaton


# Every introducing verb and naming word, found in one pass over a text.
_TRIGGERS = _trigger_automaton()


def _trigger_ends(text: str) -> Iterator[tuple[int, bool]]:
    """The offsets right after each introducing verb (with its subject) or naming word, and
    whether the name may come anywhere in the words after it (not only right after a verb
    whose subject is far: "We call this X and introduce Y")."""
    for last, (size, verb) in _TRIGGERS.iter(text):
        found, stop = last + 1 - size, last + 1
        if found > 0 and text[found - 1].isalnum():
            continue
        if verb:
            suffix = _VERB_SUFFIX.match(text, stop)
            if suffix and _SUBJECT.search(text, max(0, found - 40), found):
                yield suffix.end(), True
            elif suffix and _AND_SUBJECT.search(text, max(0, found - 150), found):
                yield suffix.end(), False
        elif not text[stop : stop + 1].isalnum():
            yield stop, True


_HARDWARE = re.compile(
    r"\b(?:(?:NVIDIA|Nvidia)\s+)?(?:GeForce\s+)?((?:RTX|GTX|Quadro)[\s-]?A?\d{3,4}(?:\s?(?:Ti|SUPER|Super))?)"
    r"|\b(Ascend[\s-]?\d{3}[A-Z]?|TPU[\s-]?v\d[a-z]?|Snapdragon[\s-]?\d+(?:\s?Gen\s?\d)?|"
    r"iPhone[\s-]?\d+(?:\s?Pro(?:\s?Max)?)?|Raspberry Pi[\s-]?\d|Apple M\d(?:\s?(?:Pro|Max|Ultra))?|"
    r"(?:MI|Gaudi)[\s-]?\d{1,3}[A-Z]?)\b"
    r"|\b([ABHLV]\d{2,3}[A-Z]?)(?=[\s-]+GPUs?\b)"
)


# Words without which no hardware model number is near: one search rules most texts out.
_HARDWARE_TRIGGER = re.compile(r"RTX|GTX|Quadro|Ascend|TPU|Snapdragon|iPhone|Raspberry|Apple|MI[\s-]?\d|Gaudi|GPU")


def hardware_models(text: str) -> list[tuple[int, int, str]]:
    """Hardware model numbers: ``(start, end, canonical name)`` triples.

    Examples
    --------
    >>> [name for _, _, name in hardware_models("on an RTX 4090, two Ascend 910B NPUs and TPU-v5p pods, 8 B300 GPUs")]
    ['RTX 4090', 'Ascend 910B', 'TPU v5p', 'B300']
    """
    found: list[tuple[int, int, str]] = []
    if not _HARDWARE_TRIGGER.search(text):
        return found
    for match in _HARDWARE.finditer(text):
        group = next(index for index in (1, 2, 3) if match.group(index))
        surface = match.group(group)
        name = surface
        if group == 1 or (group == 2 and not surface.startswith(("MI", "Apple"))):
            name = re.sub(r"(?<=[A-Za-z])[\s-]?(?=v?\d)", " ", surface, count=1)
        found.append((match.start(group), match.end(group), " ".join(name.split())))
    return found


# Capitalised words that start a sentence rather than a Title Case name ("While Convolutional ...").
_FUNCTION_WORDS = frozenset(
    word_list("""the a an while although though when where whereas however unlike in on for with by to from
    our this these those its their as at if since because both each we it after before during
    through towards via using then thus hence moreover furthermore finally first second third here
    there such all many most some any no not""")
)


# Heads that make a Title Case phrase a description rather than a name ("a Collaboration Framework").
CATEGORY_NOUNS = frozenset(
    word_list("framework frameworks method methods approach approaches model models system systems algorithm "
    "pipeline technique strategy scheme paradigm module mechanism architecture learning")
)


# Tier words ("Gemini 2.5 Pro", "GPT-4 Turbo") continue a model name only when capitalised:
# in lower case they are prose ("GPT-4 plus retrieval").
_CAPITALISED_RELEASES = frozenset(word_list("pro flash ultra turbo nano lite plus max sonnet opus haiku"))


# Tiers with names of their own, which a version may follow ("Claude Opus 4.7").
_NAMED_TIERS = frozenset(("Sonnet", "Opus", "Haiku"))


# Tiers of a model's version, capitalised ("Gemini 3 Pro", "Gemini 3.5 Flash"): models of their own.
_TIERS = frozenset(("Pro", "Flash", "Ultra", "Nano", "Lite", "Max", "Plus", "Turbo"))


def release(word: str) -> bool:
    """Whether a word after a model name is a release or size word of it.

    >>> [release(word) for word in ("Instruct", "chat", "Pro", "plus", "Plus", "model")]
    [True, True, True, False, True, False]
    """
    lower = word.lower()
    return lower in RELEASE_WORDS and not (lower in _CAPITALISED_RELEASES and word.islower())


@lru_cache(maxsize=200_000)
def is_capitalised(word: str) -> bool:
    """Whether a word of three letters or more is capitalised ("Flow", not "FLOW", "FooBar", "flow")."""
    return len(word) > 2 and word[0].isupper() and word.istitle()


# Capitalised words that make Title Case adjectives after a hyphen ("LLM-Aware") rather
# than the second part of a name ("HO-Flow", "Nemotron-Terminal").
_NOT_NAME_PARTS = frozenset(
    word_list("aware free level scale grade like style wise only specific agnostic centric efficient friendly native "
    "time source step shot order end world art way based driven guided enhanced augmented")
)


def _prefix_part(word: str) -> bool:
    """Whether a word before a hyphen starts a compound name with what follows.

    A name, a capitalised word or a lone capital ("K-LoRA", "HO-Flow", "Time-MoE").

    >>> [_prefix_part(word) for word in ("K", "HO", "Time", "a", "non")]
    [True, True, True, False, False]
    """
    return is_name_like(word) or is_capitalised(word) or (len(word) == 1 and word.isupper())


# Nouns of those that make adjectives only after a plain word ("Open-World", "State-of-the-Art",
# "Multi-Step"): after a name they name a thing of its own ("LingBot-World", "ACE-Step").
_NAMING_NOUN_PARTS = frozenset(word_list("world art step"))


def _name_part(word: str) -> bool:
    """Whether a word after a hyphen continues a name: a name or a capitalised noun.

    >>> [_name_part(word) for word in ("Flow", "ASK", "EM", "Aware", "Guided", "bench", "World")]
    [True, True, True, False, False, False, True]
    """
    if is_name_like(word) or (len(word) > 1 and word.isupper()):  # "APEX-EM", though EM alone is a metric
        return True
    lower = word.lower()
    return (
        is_capitalised(word)
        and not word.endswith(("ed", "ing"))
        and (lower not in _NOT_NAME_PARTS or lower in _NAMING_NOUN_PARTS)
    )


# "'s" and a capitalised word: the rest of a name a word before it begins ("Humanity's Last Exam").
_POSSESSIVE_NAME = re.compile(r"['\u2019]s [A-Z][a-z]")
_NAME_BEFORE_S = re.compile(r"(?<![\w-])[A-Z][a-z]+['\u2019]s $")


def _compound_head(word: str) -> bool:
    """Whether a word before a hyphen and a name makes one name with it, beside the words of
    :func:`_prefix_part`: an acronym, even one that names nothing alone ("UI-TARS", "GUI-Owl"),
    or a Greek letter ("φ-PD").

    >>> [_compound_head(word) for word in ("UI", "GUI", "φ", "A", "pre", "Astra")]
    [True, True, True, False, False, False]
    """
    return (len(word) > 1 and word.isupper() and word.isalpha()) or _greek(word)


def _greek(word: str) -> bool:
    """Whether a word is one Greek letter, as names write them ("VA-π", "φ-PD")."""
    return len(word) == 1 and "\u0370" <= word <= "\u03ff"


def _lower_hyphen_part(tokens: Tokens, at: int) -> bool:
    """Whether the token at ``at`` is a lower-case word hyphened onto a capitalised one, and a
    capitalised word follows: a word of a Title Case phrase ("Block-wise", "Multi-view").

    >>> from papergraph.extract.tokens import tokenize
    >>> tokens = tokenize("Asynchronous Block-wise Noise Scheduling and Block-wise scheduling")
    >>> [_lower_hyphen_part(tokens, at) for at in (2, 7)]
    [True, False]
    """
    following = at + 1
    return (
        following < len(tokens)
        and hyphen(tokens, at)
        and tokens.words[at].isalpha()
        and tokens.words[at].islower()
        and is_capitalised(tokens.words[at - 1])
        and tokens.linked[following]
        and is_capitalised(tokens.words[following])
    )


def _lower_part(word: str) -> bool:
    """Whether a short lower-case word after a hyphen ends a name ("FooSet-core", "BarLM-beta").

    >>> [_lower_part(word) for word in ("core", "lab", "beta", "based", "style", "tuned", "training")]
    [True, True, True, False, False, False, False]
    """
    return (
        word.isalpha()
        and word.islower()
        and 3 <= len(word) <= 5
        and word not in _NOT_NAME_PARTS
        and not word.endswith(("ed", "ing"))
    )


# Generic classes that a modifier makes a more specific class of their own: "agentic language
# model", "tabular foundation model", "prefix KV cache" (a careful reader annotates the whole).
_CLASSES = frozenset(
    ["language model", "foundation model", "neural network", "autoencoder", "KV cache", "reasoning model",
     "diffusion language model"]
)


# Words that begin a description of what others do, no name ("Mainstream Test-Time Adaptation").
_DESCRIBING = frozenset(
    word_list("existing current modern recent popular prevailing mainstream conventional traditional typical prior "
    "previous standard classical classic")
)


# Words before such a class that only qualify it ("existing language models", "a deep neural
# network"), verbs that take it as object ("enhance language models"), or no modifier at all.
QUALIFIERS = frozenset(
    word_list("""the this that these those our their its his her your any all each every both some most
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
    are was were be been being have has had""")
)


# Words after which the word before a class is a verb ("to adapt language models").
_BEFORE_VERBS = frozenset(word_list("to we can could may might will would should must they also"))


def _modifiers(tokens: Tokens, first: int, floor: int) -> int:
    """The first token of the modifier of a generic class name starting at ``first``.

    The modifier is the one word before the name ("agentic", "prefix"), with the word
    hyphenated to it ("pre-trained") or an adverb before it ("fully connected"). Verb
    forms and plurals (words ending in -s, -ing, or a lone -ed), words after "to" or
    "we", and the qualifiers of :data:`QUALIFIERS` are none; capitals only count in
    a Title Case phrase or at the start of a sentence. Returns ``first`` when there is
    no modifier; never reaches before ``floor``.

    >>> from papergraph.extract.tokens import tokenize
    >>> text = "Agentic language models beat fully connected neural networks, pre-trained models and existing models."
    >>> tokens = tokenize(text)
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
        or word.lower() in QUALIFIERS
        or not (word.islower() or (capital_ok and is_capitalised(word)))
        or word.endswith(("s", "ing"))
    ):
        return first
    start = before
    joined = before > floor and linked[before] and words[before - 1].isalpha()
    if joined and hyphen(tokens, before):
        start = before - 1
        if (
            words[start].lower() in QUALIFIERS
            or tokens.lower[before] in _NOT_NAME_PARTS  # "industrial-grade", "large-scale", "text-based"
            or (start > floor and linked[start] and hyphen(tokens, start))
        ):
            return first
    elif word.endswith("ed"):
        if not (joined and words[before - 1].endswith("ly")):
            return first
        start = before - 1
    if start > floor and linked[start] and (
        tokens.lower[start - 1] in _BEFORE_VERBS or (start == before and _verb_after(tokens.lower[start - 1], word))
    ):
        return first
    return start


def _title_case_before(tokens: Tokens, first: int, stop: int, floor: int) -> int:
    """The first token of the Title Case words right before a known method's name at tokens
    ``first`` up to ``stop`` in the abstract, which name a variant of it ("we introduce Multi-Shot
    Narrative RoPE", "a Hierarchical Multi-Index RAG"); ``first`` when there are none.

    Words of prose ("Unlike RoPE", "Standard LoRA", "Applying RL"), organisations and release
    words ("Hugging Face PEFT", "Pangu Pro MoE"), a sentence's first word and the title, where
    every word is capitalised, begin no variant, nor does a mapping between media ("Text-to-Image
    RFTs"); nor is a part of a longer name one ("Temporal RoPE Interpolation", "... Splatting SLAM")
    or of a benchmark's ("a Comprehensive RAG benchmark"). Never reaches before ``floor``.

    >>> from papergraph.extract.tokens import tokenize
    >>> tokens = tokenize("Title\\nWe add a Multi-scale Narrative RoPE and an Identity RoPE. "
    ...                   "Standard RoPE fails, unlike Vanilla RoPE.")
    >>> [tokens.span(_title_case_before(tokens, at, at + 1, 0), at + 1) for at in (7, 11, 13, 17)]
    ['Multi-scale Narrative RoPE', 'Identity RoPE', 'RoPE', 'RoPE']
    """
    words, linked, text = tokens.words, tokens.linked, tokens.text
    if stop < len(tokens) and linked[stop] and (words[stop][0].isupper() or tokens.lower[stop] in _DATA_WORDS):
        return first
    start = first
    while start - 1 >= floor and linked[start] and not hyphen(tokens, start):
        word_start = start - 1
        while word_start > floor and hyphen(tokens, word_start):
            word_start -= 1
        parts = words[word_start:start]
        if (
            not is_capitalised(parts[0])
            or not all(part.isalpha() and part != "to" for part in parts)  # a mapping: "Text-to-Image"
            or (len(parts) == 1 and parts[0].endswith("ing"))  # a verb: "Applying RL"
            or tokens.lower[word_start] in _NOT_TITLE_WORDS
            or tokens.lower[word_start] in NOT_CONCEPTS
            or any(map(release, parts))
        ):
            break
        start = word_start
    before = text[max(0, tokens.starts[start] - 2) : tokens.starts[start]].rstrip(" ")[-1:]
    if start < first and (before in (".", "!", "?", "\n", ":", "") or text.find("\n", tokens.starts[start]) >= 0):
        return first  # a sentence's first word, or the title
    return start


# Capitalised words of prose before a name: sentence openers, qualifiers, describing and size words.
_NOT_TITLE_WORDS = _FUNCTION_WORDS | QUALIFIERS | _DESCRIBING | frozenset(word_list("vanilla naive plain long short"))


# Endings of adjectives ("multimodal", "agentic", "scalable", "open"), which an adverb may qualify.
_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ble", "ful", "less", "ent", "ant", "ar", "ary", "ory", "ian", "ish",
                      "ile", "en", "ion")


def _verb_after(previous: str, word: str) -> bool:
    """Whether a word is a verb, by the word before it: a plural subject or an adverb before a
    word no adjective's ending marks ("models support KV caching", "natively support KV cache"; not
    "natively multimodal").

    >>> _verb_after("models", "support"), _verb_after("natively", "support"), _verb_after("natively", "multimodal")
    (True, True, False)
    >>> _verb_after("thus", "support"), _verb_after("the", "support")
    (False, False)
    """
    if word.endswith(_ADJECTIVE_ENDINGS) or not previous.isalpha():
        return False
    adverb = previous.endswith("ly") and len(previous) > 5
    subject = len(previous) > 3 and previous.endswith("s") and not previous.endswith(("ss", "us", "is"))
    return adverb or subject


def occurrences(tokens: Tokens, form: tuple[str, ...], memo: dict) -> list[int]:
    """The first tokens of every occurrence of a sequence of words (linked, same case).

    ``memo`` keeps the answers for one text, which is asked about most forms twice.
    """
    if form in memo:
        return memo[form]
    words, linked, size = tokens.words, tokens.linked, len(form)
    found: list[int] = []
    first = -1
    while True:
        try:
            first = words.index(form[0], first + 1)
        except ValueError:
            memo[form] = found
            return found
        if words[first : first + size] == form and all(linked[first + 1 : first + size]):
            found.append(first)


def _discovered(
    discoveries: dict[str, Evidence], tokens: Tokens, name: str, start: int, stop: int, kind: str, weight: int
) -> Span:
    """Record a new name read over ``tokens[start:stop]`` with a vote for its type; its span."""
    key = name_key(name)
    found = discoveries.setdefault(key, Evidence(name))
    found.vote(kind, weight)
    found.see(tokens, start, stop)
    return Span(start, stop, key)


def known_spans(
    vocabulary: Vocabulary, tokens: Tokens, introduced: set[int], discoveries: dict[str, Evidence], compounds: set[int]
) -> list[Span]:
    """Vocabulary matches, extended over sizes (same concept) or versions (new concept).

    A known name inside a new compound name ("Time-MoE", "LLaVA-UHD", "called
    Low-Rank Transformer", "Nemotron-Terminal") is left for :func:`shape_candidates` to read as
    the new name; ``compounds`` receives the first tokens of such names.
    """
    spans: list[Span] = []
    words, lower, linked, count = tokens.words, tokens.lower, tokens.linked, len(tokens)
    for first, stop, index in vocabulary.find(tokens):
        entry = vocabulary.entries[index]
        ref: Ref = index
        if entry.name in _CLASSES and first > 0 and lower[first] == entry.name.split()[0].lower():
            start = _modifiers(tokens, first, spans[-1].stop if spans else 0)
            if start < first:
                name = tokens.text[tokens.starts[start] : tokens.starts[first]].lower() + entry.name
                spans.append(_discovered(discoveries, tokens, name, start, stop, entry.types[0], Weight.CERTAIN))
                continue
        if (named(entry) or is_name_like(words[first])) and in_compound(tokens, introduced, first, stop):
            compounds.add(first)
            continue
        if (
            first > 0
            and words[first - 1][0].isupper()  # most spans have none before them: the cheap test first
            and entry.types[0] == METHOD
            and (named(entry) or is_name_like(words[first]))
        ):
            start = _title_case_before(tokens, first, stop, spans[-1].stop if spans else 0)
            if start < first:
                # a variant of a known method named in Title Case ("an Identity RoPE constraint")
                name = tokens.span(start, stop)
                spans.append(_discovered(discoveries, tokens, name, start, stop, METHOD, Weight.STRONG))
                continue
        if (
            stop < count
            and linked[stop]
            and entry.types[0] != DATASET
            and (named(entry) or entry.types[0] != MODEL)  # a class ("LLM") never names a dataset
            and _names_data(tokens, first, stop)
        ):
            # "the GQA benchmark" is no grouped-query attention; "DAPO-17k" is data.
            if stop < count and _THOUSANDS.match(words[stop]):
                stop += 1
            name = tokens.span(first, stop)
            spans.append(_discovered(discoveries, tokens, name, first, stop, DATASET, Weight.CERTAIN))
            continue
        if entry.types[0] == MODEL and named(entry):
            # a tier and its version ("Claude Sonnet 4.5", "Foo Nano 2", a generation) is a model of its own
            tier = int(
                stop + 1 < count and linked[stop] and linked[stop + 1] and words[stop] in _NAMED_TIERS | _TIERS
                and VERSION.match(words[stop + 1]) is not None
            )
            if (
                stop + tier < count
                and linked[stop + tier]
                and VERSION.match(words[stop + tier])
                and not words[stop + tier - 1][-1].isdigit()
                and (stop + tier + 1 >= count or lower[stop + tier + 1] not in _NOT_AFTER_VERSION)
            ):
                stop += tier + 1
                while stop < count and hyphen(tokens, stop) and _name_part(words[stop]) and not release(words[stop]):
                    stop += 1  # a named variant of the version is a name of its own ("Foo-V3.2-Speciale")
                name = model_family(tokens.span(first, stop))
                if stop < count and linked[stop] and words[stop] in _TIERS:
                    name, stop = f"{name} {words[stop]}", stop + 1  # "Gemini 3 Pro": a tier of its own
                discoveries.setdefault(name_key(name), Evidence(name)).vote(MODEL, Weight.CERTAIN)
                ref = name_key(name)
            while stop < count and linked[stop] and (MODEL_SIZE.match(words[stop]) or release(words[stop])):
                stop += 1
            if isinstance(ref, str):
                discoveries[ref].see(tokens, first, stop)
        elif (
            entry.types[0] == HARDWARE
            and any(char.isdigit() for char in entry.name)
            and stop < count
            and linked[stop]
            and lower[stop] in _DEVICE_WORDS
        ):
            stop += 1  # "A100 GPUs" is the A100
        spans.append(Span(first, stop, ref))
    return spans


def _names_data(tokens: Tokens, first: int, stop: int) -> bool:
    """Whether a known acronym names data here: "GQA benchmark", "DAPO-17k".

    >>> from papergraph.extract.tokens import tokenize
    >>> tokens = tokenize("the GQA benchmark, GQA attention, DAPO-17k and DAPO-style, GQA benchmarks")
    >>> [_names_data(tokens, first, first + 1) for first in (1, 3, 5, 8, 11)]
    [True, False, True, False, False]
    """
    if stop >= len(tokens) or not tokens.linked[stop] or not tokens.words[stop - 1].isupper():
        return False
    following = tokens.words[stop]
    return following in _DATA_WORDS or bool(hyphen(tokens, stop) and _THOUSANDS.match(following))


def in_compound(tokens: Tokens, introduced: set[int], first: int, stop: int) -> bool:
    """Whether a known name at tokens ``first``..``stop`` is part of a new compound name
    ("SWE-RL", "MLE-Smith", "called Low-Rank Transformer")."""
    words = tokens.words
    if first > 0 and tokens.linked[first]:
        before = words[first - 1]
        if hyphen(tokens, first) and _prefix_part(before):
            return True
        if is_capitalised(before) and (
            tokens.starts[first - 1] in introduced or _begins_introduced(tokens, introduced, first)
        ):
            return True
    return _continues_name(tokens, stop)


def _begins_introduced(tokens: Tokens, introduced: set[int], first: int) -> bool:
    """Whether the word before token ``first`` and that token begin a name the paper introduces
    elsewhere ("we present Foo Flamingo Next ... the Foo Flamingo series": no Flamingo there)."""
    words, linked = tokens.words, tokens.linked
    for start in introduced:
        at = bisect.bisect_left(tokens.starts, start)
        if at + 1 < len(words) and linked[at + 1] and words[at] == words[first - 1] and words[at + 1] == words[first]:
            return True
    return False


# Size letters of a family ("ViT-B", "ViT-L/14", "SAM-H"): no new name.
_SIZE_LETTERS = frozenset("BLHSGT")


def _letter_part(tokens: Tokens, at: int) -> bool:
    """Whether the letter at ``at``, hyphened to a name, makes a new name of it: after an
    acronym any letter ("LASER-D", "LASER-b": another benchmark than LASER), after another
    name's shape a capital but a size letter ("LLaDA-V", not "ViT-B").

    >>> from papergraph.extract.tokens import tokenize
    >>> tokens = tokenize("LASER-B, LLaDA-V, ViT-B, Foo-V, LASER-b, Foo-b")
    >>> [_letter_part(tokens, at) for at in (1, 3, 5, 7, 9, 11)]
    [True, True, False, False, True, False]
    """
    letter, before = tokens.words[at], tokens.words[at - 1]
    if len(letter) != 1 or not letter.isalpha() or letter == "a":  # "FOO-a new method": a dash and an article
        return False
    return before.isupper() or (letter.isupper() and is_name_like(before) and letter not in _SIZE_LETTERS)


def _continues_name(tokens: Tokens, stop: int) -> bool:
    """Whether the token at ``stop`` is hyphened to the name before it and makes a new name
    of it ("MLE-Smith", "LASER-D"), rather than a size or version of it ("LASER-7B").

    >>> from papergraph.extract.tokens import tokenize
    >>> tokens = tokenize("FOO-Smith, FOO-D, FOO-7B, FOO-v2, FOO-based and FOO Smith")
    >>> [_continues_name(tokens, stop) for stop in (1, 3, 5, 7, 9, 12)]
    [True, True, False, False, False, False]
    """
    if stop >= len(tokens) or not hyphen(tokens, stop):
        return False
    following = tokens.words[stop]
    if VERSION.match(following) or MODEL_SIZE.match(following):
        return False
    return _name_part(following) or _letter_part(tokens, stop)


def shape_candidates(
    tokens: Tokens,
    head: TitleHead | None,
    title_end: int,
    starts: tuple[set[int], set[int], dict[int, str]],
    covered: set[int],
) -> Iterator[Candidate]:
    """Unknown names found by their shape, left to right, outside the ``covered`` tokens.

    ``starts`` holds the offsets of introduced names, the first tokens of compounds of a
    known name, and the offsets of names listed with a known dataset or model (and that type). A name joined by
    hyphens to another ("HO-Flow", "BOP-ASK" where "BOP" is defined apart) is read whole,
    even over a name found before.
    """
    words, linked, hyphens, count = tokens.words, tokens.linked, tokens.hyphens, len(tokens)
    introduced, compounds, listed = starts
    stop = 0
    for position in compress(range(count), map(operator.not_, map(str.islower, words))):
        if position in covered or position < stop:
            continue
        word = words[position]
        plain = not is_name_like(word) and position not in compounds
        if (
            plain
            and tokens.starts[position] in introduced
            and position + 1 < count
            and hyphens[position + 1]
            and (len(word) < 3 or words[position + 1].isupper())
        ):
            plain = False  # "we propose Qi-SQL", "V-Scan": the introduced name is the whole compound
        if not plain:
            while (
                position > stop
                and hyphens[position]
                and (
                    is_name_like(words[position - 1])
                    or _compound_head(words[position - 1])
                    or (_prefix_part(words[position - 1]) and tokens.lower[position - 1] not in NOT_CONCEPTS)
                )
            ):
                position -= 1
        elif position > 0 and hyphens[position] and (
            _prefix_part(words[position - 1]) or _compound_head(words[position - 1])
        ):
            continue  # the rest of a compound cut at a hyphen ("Embedding-8B" of "Qwen3-Embedding-8B"): a fragment
        phrase = sized_next = in_title = False
        if plain:
            # Most capitalised words start a sentence: the cheap tests go first.
            if not is_capitalised(word):
                continue
            nearby = position + 1 < count and linked[position + 1]
            sized_next = nearby and hyphens[position + 1] and MODEL_SIZE.match(words[position + 1]) is not None
            # A Title Case phrase in the abstract ("an Audio Sink Token mechanism") may
            # name a component; it counts when its head noun types it.
            # In the title, where every word is capitalised, only "The X Corpus" is a name (see below).
            in_title = tokens.starts[position] < title_end
            # the next word capitalised, or a lower-case part hyphened on and then one ("Multi-view Alpha ...")
            lower_part = nearby and hyphens[position + 1] and _lower_hyphen_part(tokens, position + 1)
            second = position + 2 if lower_part else position + 1
            phrase = (
                nearby
                and second < count
                and linked[second]
                and is_capitalised(words[second])
                and (not in_title or (position > 0 and words[position - 1] == "The"))
                and tokens.lower[position] not in _FUNCTION_WORDS
                and tokens.lower[position] not in _DESCRIBING  # "Prevailing Dataset Distillation" describes
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
                or (head is not None and head.name.startswith(word))
                # apposed after its kind, "a small detector, Quillwort": decision reads the kind
                or tokens.text[tokens.starts[position] - 2 : tokens.starts[position]] == ", "
            ):
                continue
        stop = position + 1
        while stop < count and linked[stop] and (stop not in covered or phrase and is_capitalised(words[stop])):
            following = words[stop]
            if not (
                is_name_like(following)
                or VERSION.match(following)
                or MODEL_SIZE.match(following)
                or release(following)
                or (plain and is_capitalised(following))
                or (hyphens[stop] and tail_type("X" + following.capitalize()))
                or (is_capitalised(following) and tail_type("X" + following) == DATASET)
                or (not plain and hyphens[stop] and _name_part(following))
                or (hyphens[stop] and _letter_part(tokens, stop))
                or (not plain and hyphens[stop] and _lower_part(following))
                or (phrase and _lower_hyphen_part(tokens, stop))  # "Asynchronous Block-wise Noise Scheduling"
                or (hyphens[stop] and _THOUSANDS.match(following))
                or (hyphens[stop] and _greek(following))
            ):
                break
            stop += 1
        if phrase and stop < count and hyphens[stop]:
            continue  # cut inside a compound ("Japanese Multi-discipline ..."): a fragment
        start = tokens.starts[position]
        if _POSSESSIVE_NAME.match(tokens.text, tokens.ends[stop - 1]) or (
            tokens.text[start - 3 : start] in ("'s ", "\u2019s ") and _NAME_BEFORE_S.search(tokens.text, 0, start)
        ):
            continue  # one side of an "'s" inside a name ("Humanity's Last Exam"): a fragment
        if phrase and (
            (stop + 1 < count and linked[stop + 1] and tokens.lower[stop] == "of" and is_capitalised(words[stop + 1]))
            or (position > 1 and linked[position] and tokens.lower[position - 1] == "of"
                and linked[position - 1] and is_capitalised(words[position - 2]))
        ):
            continue  # one side of a Title Case "X of Y" ("Inaccurate Capture of Exception Types"): a fragment
        phrase_type = None
        if phrase and stop - position >= 2 and tokens.lower[stop - 1] not in CATEGORY_NOUNS:
            phrase_type = head_type(tokens.span(position, stop))
        vetoed = phrase_type == NOT_A_CONCEPT
        phrase_type = None if vetoed else phrase_type
        if phrase and in_title and phrase_type != DATASET:
            continue  # "The Unreasonable Effectiveness of ..." names nothing; "The Foo Corpus" does
        if phrase and phrase_type is None and not (tokens.starts[position] in introduced or sized_next):
            # No head noun types it ("Knowledge Selector", "Matryoshka Representation Learning"):
            # the learned scorer decides, unless it holds a known name ("Modern Vision-Language Models").
            # A phrase before a colon labels what follows ("Project Page: ..."), it names nothing.
            labels = tokens.text[tokens.ends[stop - 1] : tokens.ends[stop - 1] + 1] == ":"
            if stop - position >= 2 and not vetoed and not labels and covered.isdisjoint(range(position, stop)):
                yield Candidate(position, stop, False, None, True)
            continue
        if phrase_type is None and tokens.starts[position] in listed and tokens.lower[position] not in _FUNCTION_WORDS:
            phrase_type = listed[tokens.starts[position]]  # listed with known datasets or models
            if phrase_type == NOT_A_CONCEPT and (
                tail_type(tokens.span(position, stop)) or tokens.starts[position] in introduced
            ):
                phrase_type = None  # listed with a library, but its name says what it is ("Rust, and FooGym")
        yield Candidate(position, stop, plain, phrase_type)
