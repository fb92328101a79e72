"""Canonical names: one node per thing, whatever the spelling.

Variants of one name share a :func:`name_key` (case, hyphens, spaces, plural ``s`` and
British ``-is-`` spellings ignored). Model names drop their size and release suffixes
(:func:`model_family`: "LLaMA-2-13B-Chat" is the Llama 2 family). Names discovered in
the text, which no vocabulary knows, are merged across the corpus by :func:`fuzzy_groups`
when only spelling separates them; names that differ in a number (GPT-3, GPT-4) or are
short (ResNet, ResNeXt) are never merged by similarity.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from papergraph.schema import DATASET, HARDWARE, MODEL
from papergraph.unionfind import UnionFind

__all__ = [
    "CITATION_KEY",
    "MODEL_SIZE",
    "RELEASE_WORDS",
    "concept_id",
    "fuzzy_groups",
    "last_part",
    "model_family",
    "name_key",
    "other_order",
    "same_long_form",
    "singular",
    "slugify",
    "spelling",
    "unique_ids",
    "unshouted",
    "unversioned",
    "Variant",
    "variant_of",
    "word_list",
    "worded_like",
]

def word_list(text: str) -> tuple[str, ...]:
    """The words of a list written as one text, separated by white space.

    >>> word_list("dataset benchmark corpus")
    ('dataset', 'benchmark', 'corpus')
    """
    return tuple(text.split())


#: A citation key left in an abstract: a word or name, an author's surname and a year, as one
#: word ("NavsimDauner2024", "vaswani2017attention" is no name).
CITATION_KEY = re.compile(r"^[A-Za-z][a-z]*(?:[A-Z][a-z]+)+(?:19|20)\d\d[a-z]*$|^[a-z]+(?:19|20)\d\d[a-z]+$")

_NON_ALNUM = re.compile(r"[\W_]+")  # Unicode-aware: Greek letters are letters ("π0")
_DIGITS = re.compile(r"\d+")

# Size and release suffixes of model names: 7B, 1.5B, 8x7B, 125M, A3B, Instruct, Chat, Pro, v0.1 ...
# Thousands ("75K", "8K") are data sizes and context lengths, not model sizes.
_SIZE = r"\d+(?:\.\d+)?[BMT]|\d+x\d+(?:\.\d+)?[BM]|A\d+(?:\.\d+)?B"

#: A word that is the size of a model: "7B", "1.5B", "8x7B", "125M", "A3B".
MODEL_SIZE = re.compile(rf"^(?:{_SIZE})$")

#: Words naming a release or size class of a model rather than another model (lower case).
#: Tiers with names of their own (Sonnet, Haiku, Opus) are models of their own, no releases;
#: so is a "-Distill" student, no release of its teacher ("Foo-R1-Distill" is not Foo-R1).
RELEASE_WORDS: frozenset[str] = frozenset(
    word_list("instruct chat base it hf sft rlhf dpo preview tiny mini small medium large xl xxl huge giant "
    "pro flash ultra turbo nano lite plus max")
)
_RELEASE = "|".join(sorted(RELEASE_WORDS))
# A "v0.1" after a size or release word is a release of it ("Mistral-7B-v0.1"); right after
# the name it is a version of its own ("Depth Anything V2"). A size may follow a letter or two
# of its shape ("-So400m").
_MODEL_SUFFIX = re.compile(
    rf"(?:[- _](?:[A-Za-z]{{0,2}}(?:{_SIZE})|{_RELEASE}))+(?:[- _]v\d+(?:\.\d+)*)?$", re.IGNORECASE
)
_ATTACHED_SIZE = re.compile(rf"(?<=[A-Za-z])(?:{_SIZE})$")
# A version 2 or later at the end, but for release words after it: "-v2" of "Nemotron-Nano-12B-v2-Base".
_GENERATION = re.compile(rf"[- _]([vV](?:[2-9]|[1-9]\d)(?:\.\d+)*)(?:[- _](?:{_RELEASE}))*$", re.IGNORECASE)


@lru_cache(maxsize=500_000)
def name_key(name: str) -> str:
    """The matching key of a name: variants of one name share it.

    Lower case, accents and every separator removed (other letters kept: "π0" is not
    "0"), British ``-isation`` spelled ``-ization``, and a plural ``s`` dropped from names
    longer than three characters whose key does not end in ``ss``/``us``/``is``. A capital
    ``S`` ending an acronym is a letter of it, no plural: "ATLAS" is not "ATLA".

    Examples
    --------
    >>> name_key("Mixture-of-Experts") == name_key("mixture of experts")
    True
    >>> name_key("LLMs"), name_key("Low-Rank Adaptations"), name_key("quantisation")
    ('llm', 'lowrankadaptation', 'quantization')
    >>> name_key("GPT-3") == name_key("GPT-4"), name_key("ATLAS") == name_key("ATLA"), name_key("π0")
    (False, False, 'π0')
    """
    key = _NON_ALNUM.sub("", _without_accents(name).lower())
    key = key.replace("isation", "ization").replace("iser", "izer")
    acronym = name[-1:] == "S" and name[-2:-1].isupper()
    return key if acronym else _singular_key(key)


def _singular_key(key: str) -> str:
    """A key without its plural ``s`` (not of ``ss``, ``us``, ``is``, nor of a key of three characters)."""
    plural = key.endswith("s") and not key.endswith(("ss", "us", "is"))
    return key[:-1] if len(key) > 3 and plural and not key[-2].isdigit() else key


@lru_cache(maxsize=200_000)
def spelling(name: str) -> str:
    """The key of a name that keeps the capitals of acronyms and mixed-case names.

    Two new names with one :func:`name_key` are written the same when their spellings
    agree: "MoBA" is not "MobA" and "COOPER" not "Cooper", while words that are lower
    case or capitalised, even joined ("Phantom", "Motion Alignment", "Mind-Bench",
    "MindBench"), compare in any case. Separators and the plural ``s`` of an acronym are
    ignored.

    >>> spelling("MobA") == spelling("MoBA"), spelling("COOPER") == spelling("Cooper")
    (False, False)
    >>> spelling("Motion Alignment") == spelling("motion alignment"), spelling("STaRs"), spelling("Mind-Bench")
    (True, 'STaR', 'mindbench')

    A version's "v" is no capital: "MMEB-V2" is "MMEB-v2".

    >>> spelling("MMQB-V2") == spelling("MMQB v2")
    True

    Nor is a plural's ``s`` of a name written in lower case or capitalised words:

    >>> spelling("Mixture-of-Zorbs") == spelling("Mixture-of-Zorb"), spelling("MoZs") == spelling("MoZ")
    (True, True)

    A capital alone after a lower-case letter is a letter of an acronym, no word's: "QaR"
    (Quizzes-as-Reward) keeps its capitals, and is neither "QAR" nor "Qar".

    >>> spelling("QaR"), spelling("QaR") == spelling("QAR"), spelling("ZorbNet")
    ('QaR', False, 'zorbnet')
    """
    plain = _without_accents(singular(name))
    parts = [part.lower() if _VERSION_PART.match(part) else part for part in _PARTS.split(plain)]
    key = "".join(parts)
    capitalised = all(part[1:] == part[1:].lower() for part in parts) and not _LONE_CAPITAL.search(plain)
    return _singular_key(key.lower()) if capitalised else key


@lru_cache(maxsize=200_000)
def unshouted(name: str) -> str:
    """The :func:`spelling` of a name, read as capitalised when it is written in capitals
    throughout: one paper's "OLMO3" is another's "Olmo3", while mixed-case names keep
    their capitals ("OLMo3", "MoBA").

    >>> unshouted("OLMO3") == unshouted("Olmo3"), unshouted("OLMo3") == unshouted("Olmo3"), unshouted("MoBA")
    (True, False, 'MoBA')
    """
    spelt = spelling(name)
    letters = [char for char in spelt if char.isalpha()]
    return spelt.lower() if len(letters) > 1 and all(char.isupper() for char in letters) else spelt


# A vendor's or maker's name before a model's ("GPT-o3", "OpenAI o3", "Qwen-QwQ", "HY-Foo"); an
# app's before a version of its model ("ChatGPT-4o" is GPT-4o); a language split after a
# benchmark's ("Bench-EN", "Bench-ZH").
# What follows the maker's name must be a model's name, with a digit or inner capitals ("o3",
# "QwQ"): "Qwen-Math", "Google Search" and "Meta-Agent" are names of their own.
_VENDOR = re.compile(
    r"^(?:GPT|OpenAI|Qwen|Meta|Google|Microsoft|NVIDIA|Nvidia|Anthropic|Alibaba|Tencent|Hunyuan|HY)[- ]"
    r"(?=.*[A-Za-z])(?=.*(?:\d|[a-z][A-Z]|[A-Z][a-z]*[A-Z][a-z]))(\S.*)$"
)
_APP = re.compile(r"^ChatGPT[- ]?(\d\S*)$")
_LANGUAGE_SPLIT = re.compile(r"^(\S.*?)[- _](?:EN|ZH|CN)$")
# A whole version number ending a model's name: "Gemini2" is Gemini 2.0 ("Qwen2.5" is no such).
_WHOLE_VERSION = re.compile(r"^(?=.*[A-Za-z]).*[^\d.]\d+$")
# A tier before the version it is a tier of: "Gemini-Pro-1.5" is Gemini 1.5 Pro, "Claude-Sonnet-4.5" Claude 4.5 Sonnet.
_TIER_FIRST = re.compile(rf"^([A-Z][A-Za-z]+)[- ]((?i:{_RELEASE})|Sonnet|Opus|Haiku)[- ](\d+(?:\.\d+)?)$")
# A video resolution after a model's name is a release like a size ("Foo-720p", "Foo-4K").
_RESOLUTION = re.compile(r"^(\S.*?)[- _](?:\d{3,4}[pP]|[248]K)$")
# A count of devices before hardware ("8xA800", "1xA100"; "8$\times$A800" read as "8timesA800").
_DEVICE_COUNT = re.compile(r"^\d+\s*(?:times|x|\u00d7)\s*([A-Za-z]\S*)$")
# The memory or form factor of one chip after its model number: "A100-40G", "A100-SXM4-80GB", "H100 PCIe".
_MEMORY = r"\d+\s?(?:GB|G|GiB)|SXM\d?|PCIe|NVL"
_HARDWARE_RELEASE = re.compile(rf"^(\S.*?\d\S*?)(?:[- _](?:{_MEMORY}))+(?:[- ]GPUs?)?$")


# "Benchmark" for the "Bench" of a name ("Foo-Benchmark", "FooBar Benchmark"): a name, not a
# plain word before it ("Video Benchmark" is a description).
_BENCHMARK = re.compile(r"^(\S*(?:[a-z][A-Z]|[A-Za-z]\d)\S*?)[- ]?[Bb]enchmark$")
# A hybrid of two names, one word each ("Zorb-Transformer").
_HYBRID = re.compile(r"^([A-Z][A-Za-z0-9]*)-([A-Z][A-Za-z0-9]*)$")


class Variant(NamedTuple):
    """The name another name is a written variant of, the type it must have, whether the
    written name alone shows that (a maker's or app's name before it, a count of devices),
    and whether it is another spelling of that name (a whole version, "Benchmark" for
    "Bench"), which names the node when more papers write it, unlike a size or release."""

    name: str
    type: str
    certain: bool = False
    respelt: bool = False


def variant_of(name: str) -> Variant | None:
    """The name a model, benchmark or hardware name is a written variant of, and the type
    that name must have: without a vendor's prefix, a size or release, or a resolution (a
    model), with a whole version as ".0" (a model), without a language split (a benchmark),
    a count of devices or the memory of a chip (hardware); None for no such variant.

    >>> variant_of("GPT-o3")[:3], variant_of("Edit-Bench-ZH")[:3]
    (('o3', 'model', True), ('Edit-Bench', 'dataset', False))
    >>> variant_of("GPT-4")[:2], variant_of("Zorb2")[:2], variant_of("Zorb2.5"), variant_of("Zorb")
    (('GPT-4.0', 'model'), ('Zorb2.0', 'model'), None, None)

    A size, a release, a resolution and an app's name are no part of a model's name; a
    count before hardware and a chip's memory no part of the hardware's:

    >>> variant_of("Qwen-QwQ")[:2], variant_of("Qwen-Math"), variant_of("Meta-Agent"), variant_of("Qwen-VL")
    (('QwQ', 'model'), None, None, None)
    >>> variant_of("Zorb-Pro-1.5")[:2], variant_of("Zorb-Sonnet-4.5")[:2]
    (('Zorb 1.5 Pro', 'model'), ('Zorb 4.5 Sonnet', 'model'))
    >>> names = ("Zorb-9B-720p", "Zorb-Large", "Zorb-So400m", "ChatGPT-4o")
    >>> [variant_of(name)[:2] for name in names]
    [('Zorb', 'model'), ('Zorb', 'model'), ('Zorb', 'model'), ('GPT-4o', 'model')]
    >>> [variant_of(name)[:2] for name in ("16timesQ900", "1xQ900", "Q900-SXM4-80GB", "Q900-40G")]
    [('Q900', 'hardware'), ('Q900', 'hardware'), ('Q900', 'hardware'), ('Q900', 'hardware')]

    "Benchmark" for the "Bench" of a name is another spelling of it, as is a whole version:

    >>> variant_of("ZorbAI-benchmark"), variant_of("Zorb2 Benchmark")[0], variant_of("Video Benchmark")
    (Variant(name='ZorbAI-Bench', type='dataset', certain=True, respelt=True), 'Zorb2-Bench', None)
    >>> variant_of("Zorb2").respelt, variant_of("Zorb-Large").respelt
    (True, False)
    """
    if found := _BENCHMARK.match(name):
        return Variant(f"{found.group(1)}-Bench", DATASET, certain=True, respelt=True)
    if found := _VENDOR.match(name):
        return Variant(found.group(1), MODEL, True)
    if found := _APP.match(name):
        return Variant(f"GPT-{found.group(1)}", MODEL, True)
    if found := _DEVICE_COUNT.match(name):
        return Variant(found.group(1), HARDWARE, True)
    if found := _LANGUAGE_SPLIT.match(name):
        return Variant(found.group(1), DATASET)
    if found := _HARDWARE_RELEASE.match(name):
        return Variant(found.group(1), HARDWARE)
    if found := _TIER_FIRST.match(name):
        return Variant(f"{found.group(1)} {found.group(3)} {found.group(2)}", MODEL)
    if resolution := _RESOLUTION.match(name):
        return Variant(model_family(resolution.group(1)), MODEL)
    if (family := model_family(name)) != name:
        return Variant(family, MODEL)
    return Variant(f"{name}.0", MODEL, respelt=True) if _WHOLE_VERSION.match(name) else None


# The "v" of a version after a separator: "Foo-v1.6", "Foo V6".
_VERSION_V = re.compile(r"(?<=[- _])[vV](?=\d)")


def unversioned(name: str) -> str | None:
    """The :func:`name_key` of a name with a number, without the "v" of its version: "Foo-v1.6"
    and "Foo-1.6", "Foo V6" and "Foo 6" are one name. None for a name without a digit.

    >>> unversioned("Zorb-v1.6") == unversioned("Zorb-1.6"), unversioned("Zorb V6"), unversioned("Zorb")
    (True, 'zorb6', None)
    """
    if not any(map(str.isdigit, name)):
        return None
    return name_key(_VERSION_V.sub("", name))


def other_order(name: str) -> tuple[str, str] | None:
    """The two names of a hybrid written in the other order of their keys, in that order:
    "Kestrel-Transformer" is written "Transformer-Kestrel" too. None for a name of no two
    such parts, or already in that order.

    >>> other_order("Transformer-Kestrel"), other_order("Kestrel-Transformer"), other_order("Kestrel-7B")
    (('Kestrel', 'Transformer'), None, None)
    """
    found = _HYBRID.match(name)
    if found is None or name_key(found.group(1)) <= name_key(found.group(2)):
        return None
    return found.group(2), found.group(1)


# A name's last part after a hyphen or space: a word ("OneVision", "Medium") or one to three capitals ("OV").
_LAST_PART = re.compile(r"^(\S.*?\w)[- ]([A-Z](?:[A-Z]{0,2}|[A-Za-z]*[a-z][A-Za-z]*))$")


def last_part(name: str) -> tuple[str, str, bool] | None:
    """The key of a name's first part, and the initials of its last: the capitals of a word
    ("OneVision", OV; "Medium", M) or the capitals written alone ("OV"), and whether they are.

    >>> last_part("Zorb-OneVision"), last_part("Zorb-OV"), last_part("Zorb 3.5 Medium"), last_part("Zorb")
    (('zorb', 'OV', False), ('zorb', 'OV', True), ('zorb35', 'M', False), None)
    """
    if " " not in name and "-" not in name:
        return None  # most names: no part after a hyphen or space, which the match would search for
    found = _LAST_PART.match(name)
    if found is None:
        return None
    part = found.group(2)
    written = part.isupper()
    return name_key(found.group(1)), part if written else "".join(filter(str.isupper, part)), written


# A part of a name that is a version: "V2", "v1.5".
_VERSION_PART = re.compile(r"^[vV]\d+(?:\.\d+)*$")
# The parts of a name: its words, and the capitalised parts of a CamelCase word.
_PARTS = re.compile(r"[\W_]+|(?<=[a-z0-9])(?=[A-Z])")
# A capital alone after a lower-case letter, an acronym's ("RaR", "MobA"), not a word's ("ZorbNet").
_LONE_CAPITAL = re.compile(r"[a-z][A-Z](?![a-z])")


def _without_accents(name: str) -> str:
    """The name without combining accents ("é" is "e"); other letters stay ("π", "ß")."""
    if name.isascii():
        return name
    return "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char))


def slugify(name: str) -> str:
    """A URL- and file-safe slug of a name: lower case, words joined by ``-``.

    Examples
    --------
    Letters beyond ASCII are kept ("π0" is ``π0``, not ``0``), accents dropped.

    >>> slugify("Llama 2"), slugify("Qwen2.5"), slugify("Low-Rank Adaptation (LoRA)"), slugify("π0")
    ('llama-2', 'qwen2-5', 'low-rank-adaptation-lora', 'π0')
    """
    return _NON_ALNUM.sub("-", _without_accents(name).lower()).strip("-") or "x"


def concept_id(name: str) -> str:
    """The id of the concept with this canonical name: ``concept:<slug>``.

    Examples
    --------
    >>> concept_id("Speculative decoding")
    'concept:speculative-decoding'
    """
    return f"concept:{slugify(name)}"


def unique_ids(names: Sequence[str]) -> list[str]:
    """A distinct concept id for each name: a slug, numbered when two names share one.

    Two different names never silently become one concept ("ATLAS" and "Atlas", "π0" and "0").

    >>> unique_ids(["ATLAS", "Atlas", "π0", "0"])
    ['concept:atlas', 'concept:atlas-2', 'concept:π0', 'concept:0']
    """
    ids: list[str] = []
    taken: set[str] = set()
    for name in names:
        base = identifier = concept_id(name)
        number = 1
        while identifier in taken:
            number += 1
            identifier = f"{base}-{number}"
        taken.add(identifier)
        ids.append(identifier)
    return ids


_PLURAL_S = re.compile(r"(?:(?<=[A-Z])|(?<=Net))s$")


@lru_cache(maxsize=100_000)
def singular(name: str) -> str:
    """A name without the plural ``s`` of an acronym or a "-Net" ("GNNs", "EEEA-Nets").

    >>> singular("HGNNs"), singular("EEEA-Nets"), singular("Adams")
    ('HGNN', 'EEEA-Net', 'Adams')
    """
    return _PLURAL_S.sub("", name)


@lru_cache(maxsize=200_000)
def model_family(name: str) -> str:
    """The family of a model name: the name without its size and release suffixes.

    Versions are kept (they name different models); sizes (7B, 125M, 8x7B), tuning
    releases (Instruct, Chat) and size words (mini, large) are dropped.

    Examples
    --------
    >>> model_family("Qwen2.5-7B-Instruct"), model_family("LLaMA-2-13B"), model_family("Llama 2 7B")
    ('Qwen2.5', 'LLaMA-2', 'Llama 2')
    >>> model_family("Mixtral-8x7B"), model_family("Pythia-160M"), model_family("GPT-4")
    ('Mixtral', 'Pythia', 'GPT-4')
    >>> model_family("Llama7B"), model_family("Mistral-7B-Instruct-v0.2"), model_family("Depth Anything V2")
    ('Llama', 'Mistral', 'Depth Anything V2')

    A version 2 or later after a size or release is a generation, no release of the family:

    >>> model_family("Zorb-Nano-12B-v2"), model_family("Zorb-Nano-9B-v2-Base"), model_family("Zorb-7B-v0.3")
    ('Zorb-v2', 'Zorb-v2', 'Zorb')
    """
    if (generation := _GENERATION.search(name)) is not None:
        head = name[: generation.start()]
        if (family := model_family(head)) != head:
            return f"{family}-{generation.group(1)}"
    family = _MODEL_SUFFIX.sub("", name)
    family = _ATTACHED_SIZE.sub("", family)
    return family or name


def same_long_form(first: str, second: str) -> bool:
    """Whether two long forms of one short form (as :func:`name_key` keys) spell one thing.

    >>> same_long_form("diffusionlargelanguagemodel", "diffusionbasedlargelanguagemodel")
    True
    >>> same_long_form("policyregularizediterativeselfplaymethod", "promptrefinementwithiterativesearchmethod")
    False
    """
    return fuzz.ratio(first, second) >= 85


# Endings that make another form of one word ("robot", "robotic"; "generation", "generative").
_ENDINGS = frozenset(word_list("s es ed ing al ic ical ive ion ation y er est ity ly ment ness ful"))


def _words_alike(first: str, second: str) -> bool:
    """Whether two names have the same words but for their endings ("Markov Decision
    Process", "Markov Decision Processes"; a version's "v": "1.5", "v1.5").

    >>> _words_alike("robot foundation model", "robotic foundation model")
    True
    >>> _words_alike("robot foundation model", "robust foundation model"), _words_alike("code model", "codec model")
    (False, False)
    """
    words = [_word_keys(first), _word_keys(second)]
    if len(words[0]) != len(words[1]):
        return name_key(first) == name_key(second)
    return all(_one_word(one, two) for one, two in zip(*words, strict=True))


def _word_keys(name: str) -> list[str]:
    return [re.sub(r"^v(?=\d)", "", name_key(word)) for word in re.split(r"[\s/-]+", name) if word]


def worded_like(names: Sequence[str], known: Sequence[str]) -> list[int | None]:
    """For each name of several words, the one name of ``known`` with the same words but for
    their endings ("video generative models", "video generation model"), if there is one; a
    name with the same key is none (it is that name already).

    >>> worded_like(["quorvan generative models", "quorvan generation", "codec language model"],
    ...             ["quorvan generation model", "code language model"])
    [0, None, None]
    """
    # Words alike begin with the same four letters (or are the same shorter word).
    blocks: dict[tuple[str, ...], list[int]] = {}
    for index, name in enumerate(known):
        if len(words := _word_keys(name)) > 1:
            blocks.setdefault(tuple(word[:4] for word in words), []).append(index)
    found: list[int | None] = []
    for name in names:
        key = name_key(name)
        words = _word_keys(name)
        matches = [
            index for index in blocks.get(tuple(word[:4] for word in words), ()) if len(words) > 1
            and name_key(known[index]) != key and _words_alike(name, known[index])
        ]
        found.append(matches[0] if len(matches) == 1 else None)
    return found


def _one_word(first: str, second: str) -> bool:
    if first == second:
        return True
    common = 0
    while common < min(len(first), len(second)) and first[common] == second[common]:
        common += 1
    # The longest common start that leaves only endings, of four letters at least.
    return any(
        first[size:] in _ENDINGS | {""} and second[size:] in _ENDINGS | {""} for size in range(common, 3, -1)
    )


def fuzzy_groups(names: Sequence[str], *, threshold: float = 92.0, min_length: int = 15) -> list[list[int]]:
    """Group multi-word names that differ only in spelling, by rapidfuzz similarity of their keys.

    Two names join when both have several words, their keys are at least ``min_length``
    long, carry the same numbers, have a :func:`rapidfuzz.fuzz.ratio` of ``threshold``
    or more and the same words but for their endings. Single-word names (EfficientViT,
    Efficient-vDiT; ResNet, ResNeXt) are never merged by similarity: one letter makes another
    model. Only names whose keys share their first three characters and their numbers are
    compared, which keeps the cost near-linear.

    Parameters
    ----------
    names : sequence of str
    threshold : float
        Least similarity, 0 to 100.
    min_length : int
        Shorter keys are never merged by similarity (ResNet and ResNeXt stay apart).

    Returns
    -------
    list of list of int
        Indices into ``names``; each group sorted, groups sorted by first index.

    Examples
    --------
    >>> fuzzy_groups(["Unsafe Weight Manipulation", "Unsafe Weights Manipulations", "EfficientViT", "Efficient-vDiT"])
    [[0, 1], [2], [3]]

    Words that differ in more than an ending are other words ("media", "medical"; "code", "codec"):

    >>> fuzzy_groups(["Quorvan media foundation model", "Quorvan medical foundation model"])
    [[0], [1]]
    >>> fuzzy_groups(["Quorvan Parallel Encoding", "Quorvan Parallel Decoding"])
    [[0], [1]]
    """
    sets = UnionFind(len(names))
    blocks: dict[tuple[str, ...], list[int]] = {}
    keys = [name_key(name) for name in names]
    for index, key in enumerate(keys):
        if len(key) >= min_length and len(names[index].split()) > 1:
            # Names with other numbers never join, so they are not even compared.
            blocks.setdefault((key[:3], *_DIGITS.findall(key)), []).append(index)
    for members in blocks.values():
        for position, first in enumerate(members):
            for second in members[position + 1 :]:
                # The ratio first: it is a C call (stopping early at the cutoff), and most pairs of a block fail it.
                if (
                    fuzz.ratio(keys[first], keys[second], score_cutoff=threshold) >= threshold
                    and sets.find(first) != sets.find(second)
                    and _words_alike(names[first], names[second])
                ):
                    sets.union(first, second)
    return sets.groups()
