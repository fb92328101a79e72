"""Decisions: which candidates are concepts of a paper, and how often each is mentioned.

:func:`judge` keeps a name found by its shape when some evidence types it, and records
that evidence; :func:`count_concepts` then counts every occurrence of every concept
(longest spans first) and returns the paper's :class:`~.records.PaperConcept` records.
"""

from __future__ import annotations

import re

from papergraph.schema import DATASET, METHOD, MODEL

from .candidates import VERSION, occurrences, release
from .canonical import MODEL_SIZE, model_family, name_key, singular
from .evidence import HEAD_NOUNS, Evidence, context_type, introducer_type, list_type, tail_type
from .records import (
    Candidate,
    Definitions,
    Identity,
    PaperConcept,
    Ref,
    Span,
    TitleHead,
    Weight,
)
from .scoring import Decider, guessed_type, name_features
from .tokens import NOT_CONCEPTS, Tokens
from .vocabulary import Vocabulary

__all__ = ["count_concepts", "judge"]

# A word whose first capitals spell out an acronym ("Multimodal INTerleaved (MINT)"): a word, no name.
_EMPHASIS = re.compile(r"[A-Z]{2,}[a-z]{2,}(?:ed|ing|ly|ive|ous)$")


# Letters between dots are an abbreviation of words ("U.S", "e.g"), no name.
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]$")


# Two words glued at a full stop ("training.In"): a missing space, no name.
_GLUED = re.compile(r"[a-z]{2}\.[A-Z][a-z]")


_FAMILY_VERSION = re.compile(r"^([A-Za-z][A-Za-z-]*?)-?(v?\d+(?:\.\d+)*)$")


def judge(
    vocabulary: Vocabulary,
    tokens: Tokens,
    candidate: Candidate,
    cues: tuple[set[int], TitleHead | None],
    discoveries: dict[str, Evidence],
    aliases: dict[str, str],
    decider: Decider,
) -> None:
    """Keep a candidate name if some evidence types it, and record the evidence in ``discoveries``.

    ``cues`` are the offsets of names the paper introduces and the head of its title;
    ``aliases`` maps the keys of defined short and long forms to their concept's key. A
    candidate no rule types goes to the learned ``decider`` (:mod:`.scoring`).
    """
    first, stop, plain, phrase_type = candidate.first, candidate.stop, candidate.plain, candidate.phrase_type
    introduced, head = cues
    surface = tokens.span(first, stop)
    lowered = surface.lower()
    if lowered in NOT_CONCEPTS or _EMPHASIS.match(surface) or _DOTTED.match(surface) or _GLUED.search(surface):
        return
    if surface[1:].islower() and singular(lowered) in HEAD_NOUNS:
        # a bare typing word ("Bench" of "M^3-Bench", "Datasets", a name a lost macro left out) names
        # nothing; a name in capitals of its own may ("SCoRe", "RECALL")
        return
    title_end = len(head.title) if head is not None else tokens.text.find("\n")
    start, end = tokens.starts[first], tokens.ends[stop - 1]
    sized = any(map(MODEL_SIZE.match, tokens.words[first:stop]))
    family = model_family(surface)
    versioned = _FAMILY_VERSION.match(family)
    family_known = versioned is not None and name_key(versioned.group(1).rstrip("vV")) in vocabulary.model_families
    # A known model's name with a new part ("Kling-Omni", "Llama-Guard") is most often a model.
    known_family = name_key(surface.split("-", 1)[0]) in vocabulary.model_families
    # Billions after a benchmark's name make a model trained on it ("Foo-Gym-32B"), no size of the
    # benchmark (as a count of items is: "Foo-Data-15M"), unless a known model's name begins it.
    family_type = tail_type(family)
    trained = family_type == DATASET and not _begins_with_family(vocabulary, surface) and any(
        word[-1] == "B" and MODEL_SIZE.match(word) for word in tokens.words[first:stop]
    )
    name = singular(family if (sized and not trained) or family_known or family_type == MODEL else surface)
    # A size without a name: "30B-A3B" is no model "A" (most names start with two letters: no count).
    if not (len(name) > 1 and name[:2].isalpha()) and sum(char.isalpha() for char in name) < 2:
        return
    key = aliases.get(name_key(name), name_key(name))
    if candidate.undecided:
        if key not in discoveries:
            _decide(vocabulary, tokens, candidate, name, title_end, discoveries, decider)
        return
    context, weight = context_type(tokens.text, start, end)
    in_title = head is not None and head.name == surface and end <= len(head.title)
    apposed = tokens.text[end : end + 1] in (",", "(", ":")
    if plain and not (sized or in_title or context or apposed or phrase_type):
        return
    listed = list_type(tokens.text, start)
    if key not in discoveries and not (
        context
        or sized
        or family_known
        or start in introduced
        or listed
        or in_title
        or phrase_type
        or tail_type(name)
    ):
        if not plain:
            _decide(vocabulary, tokens, candidate, name, title_end, discoveries, decider)
        return
    if key not in discoveries:
        # What the name itself says counts once; what the words around it say, each time.
        discoveries[key] = Evidence(name)
        discoveries[key].vote(MODEL, Weight.CERTAIN if sized or family_known else 0)
        discoveries[key].vote(MODEL, Weight.NEAR if known_family else 0)
        discoveries[key].vote(tail_type(name), Weight.STRONG)
    found = discoveries[key]
    found.see(tokens, first, stop)
    found.vote(context, weight)
    found.vote(phrase_type, Weight.STRONG)
    found.introduced = found.introduced or in_title or (start in introduced and _owns(tokens.text, start, end, head))
    if start in introduced:
        introducer = introducer_type(tokens.text, start)
        # An introduced name is most often a method, unless some evidence says otherwise: a default,
        # it counts once, where nothing else has voted.
        found.vote(introducer, Weight.STRONG)
        found.vote(METHOD, 0 if context or introducer or found.votes else Weight.HINT)
    found.vote(listed, Weight.HINT)
    if in_title and head is not None:
        # a guessed type yields to what the name itself says ("FooBench: Rethinking ...")
        found.vote(head.type, Weight.NEAR if head.cued else Weight.HINT)


def _begins_with_family(vocabulary: Vocabulary, name: str) -> bool:
    """Whether a known model family, with or without its version, begins a hyphenated name ("Llama3-Foo")."""
    versioned = _FAMILY_VERSION.match(first := name.split("-", 1)[0])
    return name_key(versioned.group(1).rstrip("vV") if versioned else first) in vocabulary.model_families


# An introducing word right before a name: "we propose X", "a method dubbed X".
_OWNING = re.compile(r"\b(?:propos|introduc|present|develop|design|buil|releas|construct|curat|creat|devis|call|nam"
                     r"|dubb|term|coin)\w*\s+$")


def _owns(text: str, start: int, end: int, head: TitleHead | None) -> bool:
    """Whether a paper introduces the name at ``start``..``end`` as its own: right after the
    introducing word, and not as the base of a longer name ("we present X-RL", "we
    introduce X" in the paper "X-V2: ..."; but in "Keep It X: ..." X is a word of the title's phrase)."""
    surface = text[start:end]
    base = head is not None and head.name != surface and _base_of(surface, head.name)
    if text[end : end + 1] in ("-", "+") or base:
        return False
    return _OWNING.search(text, max(0, start - 16), start) is not None


def _decide(
    vocabulary: Vocabulary,
    tokens: Tokens,
    candidate: Candidate,
    name: str,
    title_end: int,
    discoveries: dict[str, Evidence],
    decider: Decider,
) -> None:
    """Ask the learned decider about a candidate no rule types; a kept one gets its shape's type.

    It is asked once per name and paper, about the first occurrence (as ``train.py`` fits it):
    a name it drops stays in ``discoveries`` without a vote, which no count keeps.
    """
    guess = guessed_type(vocabulary, tokens, candidate.first, candidate.stop)
    features = name_features(vocabulary, tokens, candidate.first, candidate.stop, title_end, guess)
    found = discoveries.setdefault(name_key(name), Evidence(name))
    if not decider.keep(name, features):
        return
    found.see(tokens, candidate.first, candidate.stop)
    found.vote(guess, Weight.HINT)


def _inherit_editions(discoveries: dict[str, Evidence]) -> None:
    """A name whose type is only guessed takes the type of its edition in the paper, a release
    or version of it that some evidence types ("JMMMU-Pro, a benchmark, ... extends JMMMU")."""
    typed = [(found.name, kind) for found in discoveries.values()
             if sum(found.votes.values()) > Weight.HINT and (kind := found.type())]
    for found in discoveries.values():
        if not found.votes or sum(found.votes.values()) > Weight.HINT:
            continue
        for name, kind in typed:
            rest = name[len(found.name) :]
            edition = rest[:1] in ("-", " ") and (release(rest[1:]) or VERSION.match(rest[1:]))
            if edition and name.startswith(found.name):
                found.vote(kind, Weight.NEAR)
                break


def _known_as(vocabulary: Vocabulary, found: Evidence) -> int | None:
    """The vocabulary entry a discovered name is, if one of that type has the name."""
    if found.definition:  # the paper said what it means, and it is not the entry
        return None
    index = vocabulary.index(found.name)
    return index if index is not None and found.type() in vocabulary.entries[index].types else None


def count_concepts(
    vocabulary: Vocabulary,
    tokens: Tokens,
    spans: list[Span],
    definitions: Definitions,
    discoveries: dict[str, Evidence],
    memo: dict[tuple[str, ...], list[int]],
) -> list[PaperConcept]:
    """Count every occurrence of every concept found, longest spans first.

    Names without a type are dropped; ``memo`` holds the occurrences already searched.
    """
    _inherit_editions(discoveries)
    typed = {key: found for key, found in discoveries.items() if found.type()}
    candidates: list[tuple[int, int, int, Ref]] = [(span.first, span.stop, 0, span.ref) for span in spans]
    redefined = definitions.redefined
    local: list[tuple[tuple[str, ...], int, Ref]] = [
        (form, 3 if form in redefined else 2, ref) for form, ref in definitions.overrides.items()
    ]
    local += [(form, 1, key) for key, found in typed.items() for form in found.forms]
    for form, priority, ref in local:
        candidates += [(first, first + len(form), priority, ref) for first in occurrences(tokens, form, memo)]
    candidates.sort(key=lambda item: (item[0], item[0] - item[1], -item[2]))
    # A discovered name the vocabulary knows after all ("Llama 5" found as a new
    # version, then listed by a user thesaurus) is that vocabulary concept, unless
    # the text gives it another type ("the GQA benchmark" is no attention).
    known = {key: _known_as(vocabulary, found) for key, found in typed.items()}
    counts: dict[Ref, tuple[int, set[str]]] = {}
    taken = 0
    for first, stop, priority, ref in candidates:
        if first < taken:
            continue
        if isinstance(ref, str) and ref not in typed:
            # A short form the paper defines as no concept ("Formal Language (FL)") is not
            # the vocabulary's reading of it (federated learning) either.
            taken = stop if priority == 3 else taken
            continue
        taken = stop
        if isinstance(ref, str):
            index = known[ref]
            ref = ref if index is None else index
        number, surfaces = counts.get(ref) or (0, set())
        surfaces.add(tokens.span(first, stop))
        counts[ref] = (number + 1, surfaces)
    concepts = []
    for ref, (number, surfaces) in counts.items():
        if isinstance(ref, int):
            entry = vocabulary.entries[ref]
            concepts.append(PaperConcept(Identity(ref, name_key(entry.name)), entry.name, number, frozenset(surfaces)))
        else:
            found = typed[ref]
            if found.definition:  # the long form as the paper writes it, which names a defined short form
                surfaces = surfaces | {surface for surface in found.surfaces if name_key(surface) == found.definition}
            identity = Identity(-1, name_key(found.name), found.definition)
            votes = tuple(found.votes.items())
            concepts.append(PaperConcept(identity, found.name, number, frozenset(surfaces), votes, found.introduced))
    return concepts


def _base_of(surface: str, name: str) -> bool:
    """Whether a name begins with a surface or has it inside one of its words: "X" of "X-V2",
    "X Pro" or "Open-X", not of "Keep It X".

    >>> _base_of("Zorb", "Zorb-V2"), _base_of("Zorb", "Open-Zorb"), _base_of("Zorb", "Keep It Zorb")
    (True, True, False)
    """
    return name.startswith(surface) or any(surface in word and word != surface for word in name.split())
