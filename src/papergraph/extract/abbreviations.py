"""Short forms a paper defines, and what each one means in that paper.

:func:`abbreviations` finds Schwartz–Hearst definitions ("Low-Rank Adaptation (LoRA)", "SGR
(Sequential Grounding Refinement)", "TAPE, a training-free Temporal Aware Pruning ...");
:func:`define_short_forms` turns them into concepts: a vocabulary entry when the long form
is that entry, else a new name whose identity carries its long form, so that two papers
defining "PRISM" differently hold two concepts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from papergraph.schema import METHOD

from .canonical import name_key, singular
from .evidence import NOT_A_CONCEPT, Evidence, called_type, context_type, head_type, own_method, tail_type
from .records import Definitions, Ref, Weight
from .tokens import NOT_CONCEPTS, WORD, Tokens, token_range, words_of
from .vocabulary import Vocabulary, VocabularyEntry

__all__ = ["abbreviations", "define_short_forms", "long_forms", "spelt_out"]

# The short form may open a longer parenthesis: "world models (WMs, i.e., learned simulators)".
_SHORT_FORM = re.compile(r"\(([^()\s][^(),;]{0,14}?)(?:\)|[,;] [^()]*\))")


# "SGR (Sequential Grounding Refinement)": a short form, then its long form in parentheses.
# Searched from the parenthesis, then backwards, which is much faster than one pattern.
_LONG_FORM = re.compile(r"\(([A-Za-z][A-Za-z -]{6,80}?)\)")


_SHORT_BEFORE = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9]*s?)\s+$")


# The title ends at its line: no long form runs on into the abstract, nor over a dash ("strategy--continued").
_CLAUSE_BREAK = re.compile(r"[.;:!?()\[\]\n\u2014]|, |--")


# "TAPE, a training-free Temporal Aware Pruning for ...": a short form, then its long form in apposition.
# Found from each ", a": a search over the whole text would cost more than all else here.
_SF_BEFORE = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)$")


_ARTICLE = re.compile(r" an? ")


# "Diffusion Policy Policy Optimization, DPPO, an algorithm ...": a long form, then its short
# form set off by commas.
_SF_AFTER_COMMA = re.compile(r", ([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)(?=, | \(|\.)")


_WORD_BREAKS = re.compile(r"[\s-]+")


_SHORT_SHAPE = re.compile(r"^[A-Za-z0-9][\w.+/-]*(?: [\w.+/-]+)?$")


def abbreviations(text: str) -> list[tuple[str, str, int]]:
    """Schwartz–Hearst abbreviation definitions "Long Form (SF)" in a text.

    Returns ``(long form, short form, start of long form)`` triples. The short form has
    one or two words, a capital letter and no more than 14 characters; the long form is
    the shortest run of preceding words whose letters spell it. The other orders, "SF
    (Long Form)", "SF, a ... Long Form" and "Long Form, SF,", count when the words of the
    long form start with the capitals of the short form.

    Examples
    --------
    >>> abbreviations("We use Low-Rank Adaptation (LoRA) and large language models (LLMs).")
    [('Low-Rank Adaptation', 'LoRA', 7), ('large language models', 'LLMs', 38)]
    >>> abbreviations("accuracy (see Table 2) and GPUs (e.g. A100)")
    []
    >>> abbreviations("the use of world models (WMs, i.e., learned simulators) grows")
    [('world models', 'WMs', 11)]
    >>> abbreviations("a system built upon a frontier video foundation model (Veo)")
    []
    >>> abbreviations("We run GAPE (Geometry-Aware Prototype Enrichment) on TSP (the scan pipeline).")
    [('Geometry-Aware Prototype Enrichment', 'GAPE', 13)]
    >>> abbreviations("We propose TAPE, a training-free Temporal Aware Pruning for Efficient generation.")
    [('Temporal Aware Pruning for Efficient', 'TAPE', 33)]
    >>> abbreviations("We introduce Diffusion Policy Policy Optimization, DPPO, an algorithm.")
    [('Diffusion Policy Policy Optimization', 'DPPO', 13)]
    """
    found: list[tuple[str, str, int]] = []
    for match in _SF_AFTER_COMMA.finditer(text):
        offset = max(0, match.start() - 100)
        preceding = list(WORD.finditer(text[offset : match.start()]))
        for first in range(len(preceding) - 1, max(-1, len(preceding) - 9), -1):
            long_form = text[offset + preceding[first].start() : match.start()]
            if preceding[first].group()[0].isupper() and _initials_match(match.group(1), long_form):
                found.append((long_form, match.group(1), offset + preceding[first].start()))
                break
    comma = text.find(", a")
    while comma >= 0:
        article = _ARTICLE.match(text, comma + 1)  # cheaper first: most ", a" start another word
        before = _SF_BEFORE.search(text, max(0, comma - 20), comma) if article else None
        if before and article:
            after = article.end()
            matches = list(WORD.finditer(text[after : after + 100]))
            for first, word in enumerate(matches[:4]):
                if not word.group()[0].isupper():
                    continue
                for last in range(first, min(first + 8, len(matches))):
                    long_form = text[after + word.start() : after + matches[last].end()]
                    if _initials_match(before.group(1), long_form):
                        found.append((long_form, before.group(1), after + word.start()))
                        break
                break
        comma = text.find(", a", comma + 3)
    for match in _LONG_FORM.finditer(text):
        before = _SHORT_BEFORE.search(text, max(0, match.start() - 16), match.start())
        if before and _initials_match(before.group(1), match.group(1)):
            found.append((match.group(1), before.group(1), match.start(1)))
    for match in _SHORT_FORM.finditer(text):
        short = match.group(1).strip()
        if (
            not _SHORT_SHAPE.match(short)
            or not any(char.isupper() for char in short)
            or not short[0].isalnum()
            or short.lower() in NOT_CONCEPTS
            or sum(char.isalpha() for char in short) < 2
        ):
            continue
        window = text[max(0, match.start() - 160) : match.start()].rstrip()
        window = _CLAUSE_BREAK.split(window)[-1]
        words = window.split()
        letters = len(short.rstrip("s")) if short.endswith("s") and short[:-1].isupper() else len(short)
        words = words[-min(letters + 5, letters * 2) :]
        spelt = _best_long_form(short.rstrip("s") if letters < len(short) else short, " ".join(words))
        # A name of one capital after a lower-case phrase is named, not spelt out: "a video model (Veo)".
        named = sum(map(str.isupper, short)) < 2 and spelt is not None and spelt.islower()
        if spelt and not named and len(spelt) > len(short) and spelt.lower() != short.lower():
            found.append((spelt, short, text.rfind(spelt, 0, match.start())))
    return found


def _initials_match(short: str, long_form: str) -> bool:
    """Whether the capitals of a short form are the initials of the long form's words."""
    capitals = "".join(char for char in short if char.isupper())
    initials = "".join(word[0] for word in _WORD_BREAKS.split(long_form) if word[:1].isupper())
    return len(capitals) >= 2 and capitals == initials.upper() and short.lower() not in NOT_CONCEPTS


def _between_letters(word: str, index: int) -> bool:
    """Whether ``word[index]`` has a letter on both sides ("V2V", not "L3")."""
    return 0 < index < len(word) - 1 and word[index - 1].isalpha() and word[index + 1].isalpha()


def _lower_letter(char: str) -> str:
    lower = char.lower()
    return lower if len(lower) == 1 else "\0"


# The "trans" opening a word, for the letter X; one letter, so that positions stay.
_TRANS = re.compile(r"(?<![A-Za-z])[Tt](?=rans)")


# A digit after a letter, before another: "L3M", "V2V".
_COUNTED_LETTER = re.compile(r"([A-Za-z])([2-9])(?=[A-Za-z])")


def _best_long_form(short: str, candidate: str) -> str | None:
    """The long form of ``short`` at the end of ``candidate``, after Schwartz and Hearst.

    A digit between letters counts the letter before it when capitalised words begin with
    it that often ("L3M" is "Legal Large Language Model", no "Large Language Model"); else
    it stands for a word ("V2V" is "Vehicle-to-Vehicle") and need not be spelt.

    >>> _best_long_form("V2V-LLM", "our baseline Vehicle-to-Vehicle Large Language Model")
    'Vehicle-to-Vehicle Large Language Model'
    >>> _best_long_form("Z2RA", "the Zonal Zebra Routing Attention")
    'Zonal Zebra Routing Attention'
    >>> _best_long_form("QoX", "we train a Quorvan Transformer")
    'Quorvan Transformer'
    """
    if _COUNTED_LETTER.search(short):
        counted = _COUNTED_LETTER.sub(lambda found: found.group(1) * int(found.group(2)), short)
        spelt = _spelt_letters(counted, candidate)
        if spelt is not None and _initials_match(counted, spelt):
            return spelt
    spelt = _spelt_letters(short, candidate)
    if spelt is None and "x" in short.lower():
        # An X the words do not spell may be their "trans", as "Xformer" is transformer.
        as_x = _TRANS.sub(lambda found: "X" if found.group().isupper() else "x", candidate)
        spelt = _spelt_letters(short, as_x)
        if spelt is not None:
            start = as_x.rfind(spelt)
            return candidate[start : start + len(spelt)]
    return spelt


def _spelt_letters(short: str, candidate: str) -> str | None:
    """The shortest run of words ending ``candidate`` whose letters spell ``short`` in order."""
    short_index, long_index = len(short) - 1, len(candidate) - 1
    # Each character lowered by itself (str.lower() of a text reads a final sigma in context), as
    # one character: a letter that lowers to two matches no character of a short form.
    lowered = candidate.lower() if candidate.isascii() else "".join(map(_lower_letter, candidate))
    while short_index >= 0:
        char = short[short_index].lower()
        if not char.isalnum() or (char.isdigit() and _between_letters(short, short_index)):
            short_index -= 1
            continue
        long_index = lowered.rfind(char, 0, long_index + 1)
        while short_index == 0 and long_index > 0 and candidate[long_index - 1].isalnum():
            long_index = lowered.rfind(char, 0, long_index)  # the first letter starts a word
        if long_index < 0:
            return None
        long_index -= 1
        short_index -= 1
    start = candidate.rfind(" ", 0, long_index + 1) + 1
    return candidate[start:].strip(" ,-")


def _same_thing(long_form: str, entry: VocabularyEntry) -> bool:
    key = name_key(long_form)
    return any(
        fuzz.ratio(key, name_key(alias)) >= 80 or (len(key) > 6 and key in name_key(alias))
        for alias in (entry.name, *entry.aliases)
    )


def spelt_out(short: str, entry: VocabularyEntry) -> bool:
    """Whether a vocabulary entry has a long form of the short form among its names.

    >>> spelt_out("FL", VocabularyEntry("federated learning", ("method",), ("FL",)))
    True
    >>> spelt_out("VQA", VocabularyEntry("VQA", ())), spelt_out("AIME", VocabularyEntry("AIME", (), ("AIME 2024",)))
    (False, False)
    """
    return bool(long_forms(short, (entry.name, *entry.aliases)))


def long_forms(short: str, names: Iterable[str]) -> list[str]:
    """The names of several words that spell the short form out, letter by letter.

    >>> long_forms("ZRA", ["ZRA", "Zebra Routing Attention", "zebra routing attention", "ZRA 2024", "Zeta Attention"])
    ['Zebra Routing Attention', 'zebra routing attention']
    """
    letters = short.rstrip("s") if short[:-1].isupper() else short
    return [
        name
        for name in names
        if " " in name.strip()
        and letters.lower() not in _WORD_BREAKS.split(name.lower())  # "AIME 2024" spells nothing out
        and _best_long_form(letters, name) == name
    ]


def _title_case(phrase: str) -> bool:
    """Whether every word of three letters or more starts with a capital.

    >>> _title_case("Sequential Grounding Refinement"), _title_case("Geometry-Aware Prototype of Shapes")
    (True, True)
    >>> _title_case("spectral Refinement")
    False
    """
    return all(word[0].isupper() for word in _WORD_BREAKS.split(phrase) if len(word) > 2)


def define_short_forms(
    vocabulary: Vocabulary, tokens: Tokens, discoveries: dict[str, Evidence], introduced: set[int]
) -> Definitions:
    """Short forms defined in the text: what each stands for, and the keys of its names.

    New names are added to ``discoveries`` with the evidence of their definition.
    """
    overrides: dict[tuple[str, ...], Ref] = {}
    aliases: dict[str, str] = {}
    redefined: set[tuple[str, ...]] = set()
    for long_form, short, start in abbreviations(tokens.text):
        short_words = words_of(short)
        index = vocabulary.index(long_form)
        short_index = vocabulary.index(short)
        # A plural short form defines the singular too: "World models (WMs)", "WM benchmarks".
        plural = short.endswith("s") and len(short) > 2 and short[:-1].isupper()
        forms = (short_words, words_of(short[:-1])) if plural else (short_words,)
        if index is None and short_index is not None:
            entry = vocabulary.entries[short_index]
            index = short_index if _same_thing(long_form, entry) else None
            if index is None and spelt_out(short, entry):
                # The vocabulary spells the short form out otherwise ("FL", federated learning):
                # here it means what the paper says, even when that is no concept.
                redefined.update(forms)
        if index is not None:
            overrides.update(dict.fromkeys(forms, index))
            continue
        letters = short[:-1] if short.endswith("s") and short[:-1].isupper() else short
        # An acronym of three letters or fewer is named by its long form ("sharpness-aware minimization").
        name = singular(short) if len(letters) >= 4 or not letters.isupper() else long_form
        # A short form means what this paper defines it as: "PRISM" defined two ways
        # in two papers is two concepts.
        key = f"{name_key(name)}={name_key(long_form)}"
        found = discoveries.setdefault(key, Evidence(name, name_key(long_form)))
        found.see(tokens, *token_range(tokens, start, start + len(long_form)))
        found.surfaces.add(short)
        found.forms.add(short_words)
        # What follows the definition ("NEST (Narrative ...), a dataset of ...") or
        # precedes it ("a framework named YARN (Yielding ...)").
        close = tokens.text.find(")", start)
        context = context_type(tokens.text, start, close) if close >= 0 else (None, 0)
        first = min(start, tokens.text.rfind(short, 0, max(close, 0)))
        head = head_type(long_form)
        if head == NOT_A_CONCEPT and (first in introduced or context[0] == METHOD) and own_method(long_form):
            # "we introduce Next Sequence Prediction (NSP)", "... Quality Assessment (QA), a framework":
            # its own method, named by its task
            head = METHOD
        found.vote(head, Weight.STRONG)
        found.vote(tail_type(short) or tail_type(long_form), Weight.STRONG)
        if context[0] is None and first >= 0:
            context = called_type(tokens.text, first)
        found.vote(*context)
        # A long form without a typing head is most often a method the paper names,
        # when it is Title Case or the paper introduces it.
        untyped = head is None and context[0] is None
        # "We propose X (long form)" introduces X; a definition alone does not (and a short form
        # named by its long form is no paper's own).
        found.introduced = found.introduced or (name != long_form and first in introduced)
        found.vote(METHOD, Weight.HINT if untyped and (_title_case(long_form) or first in introduced) else 0)
        aliases[name_key(short)] = aliases[name_key(long_form)] = key
        overrides.update(dict.fromkeys(forms, key))
    return Definitions(overrides, aliases, frozenset(redefined))
