"""Extract typed concepts from the titles and abstracts of a corpus of papers.

Each paper is read in three passes: the vocabulary gazetteer finds known names (model
names keep their size suffixes as aliases, "LLaMA-2-13B" is Llama 2; a known family
with a new version, "Llama 5", is a new model); the prose rules of :mod:`.patterns`
find and type unknown names (abbreviation definitions, introduced names, title heads,
"X dataset", evaluation lists, name shapes such as "XBench" or "Foo-7B", hardware model
numbers); then every name found is counted wherever it occurs in the paper. Across the
corpus, unknown names are merged by key and by spelling similarity, typed by the
evidence of all papers, and the user thesaurus is applied last.
"""

from __future__ import annotations

import bisect
import multiprocessing
import operator
import os
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress

import pandas as pd
from rapidfuzz import fuzz
from tqdm import tqdm

from papergraph.types import CONCEPT_TYPES, Concept, Extraction, Mention, Paper

from . import patterns
from .canonical import MODEL_SIZE, RELEASE_WORDS, concept_id, fuzzy_groups, model_family, name_key
from .thesaurus import Thesaurus, load_thesaurus
from .tokens import NOT_CONCEPTS, Tokens, is_name_like, tokenize, words_of
from .vocabulary import Vocabulary, VocabularyEntry, load_vocabulary

__all__ = ["extract_concepts", "concepts_frame", "paper_concepts", "PARALLEL_THRESHOLD"]

#: Corpora with more papers than this are read by two worker processes (where the
#: platform can fork); the result is the same as reading them in one.
PARALLEL_THRESHOLD = 5_000

_VERSION = re.compile(r"^(?:v?\d+(?:\.\d+)*[a-z]?|[A-Z]\d{1,2})$")
_FAMILY_VERSION = re.compile(r"^([A-Za-z][A-Za-z-]*?)-?(v?\d+(?:\.\d+)*)$")
_NOT_AFTER_VERSION = frozenset("times layers layer billion million percent epochs hours steps bits gpus x fold".split())
_DEVICE_WORDS = frozenset("gpu gpus npu npus chip chips".split())
_STRONG = 3
_NO_VOTES: Counter = Counter()  # the votes of a vocabulary concept: it is typed already; never changed

# A reference to a concept: ("v", vocabulary index) or ("d", key of a discovered name).
Ref = tuple[str, object]


class _Discovery:
    """Evidence for a name no vocabulary knows, in one paper."""

    __slots__ = ("name", "surfaces", "forms", "votes")

    def __init__(self, name: str):
        self.name = name
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
        return _winner(self.votes)


def _winner(votes: Counter) -> str | None:
    """The type with most votes, if it has more than the vetoes ("-")."""
    veto = votes.get("-", 0)
    ranked = sorted((-votes[t], CONCEPT_TYPES.index(t), t) for t in CONCEPT_TYPES if votes[t] > veto)
    return ranked[0][2] if ranked else None


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


def _is_capitalised(word: str) -> bool:
    return len(word) > 2 and word[0].isupper() and word[1:].islower()


# Capitalised words that make Title Case adjectives after a hyphen ("LLM-Aware") rather
# than the second part of a name ("HO-Flow", "Nemotron-Terminal").
_NOT_NAME_PARTS = frozenset(
    "aware free level scale like style wise only specific agnostic centric efficient friendly native "
    "time source step shot order end world art way based driven guided enhanced augmented".split()
)


def _name_part(word: str) -> bool:
    """Whether a word after a hyphen continues a name: a name or a capitalised noun.

    >>> [_name_part(word) for word in ("Flow", "ASK", "Aware", "Guided", "bench")]
    [True, True, False, False, False]
    """
    if is_name_like(word):
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


class _PaperReader:
    """Finds the concepts of one paper; holds the vocabulary and the text rules."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self._model_families = {
            name_key(alias)
            for entry in vocabulary.entries
            if entry.types[0] == "model" and _named(entry)
            for alias in (entry.name, *entry.aliases)
            if " " not in alias
        }

    def read(self, title: str, abstract: str) -> dict[Ref, tuple[int, set[str], Counter, str]]:
        """Each concept of one paper: ``ref -> (count, surface forms, type votes, name)``."""
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
            found.vote("hardware", 5)
        overrides, aliases = self._abbreviations(tokens, discoveries)
        covered = {position for first, stop, _ in spans for position in range(first, stop)}
        memo: dict[tuple[str, ...], list[int]] = {}
        for form in [*overrides, *(form for found in discoveries.values() for form in found.forms)]:
            for first in _occurrences(tokens, form, memo):
                covered.update(range(first, first + len(form)))
        self._shapes(tokens, title, (introduced, compounds), covered, discoveries, aliases)
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
            if _named(entry) and self._in_compound(tokens, introduced, first, stop):
                compounds.add(first)
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
                    discoveries.setdefault(name_key(name), _Discovery(name)).vote("model", 5)
                    ref, stop = ("d", name_key(name)), stop + 1
                while stop < count and linked[stop] and (MODEL_SIZE.match(words[stop]) or lower[stop] in RELEASE_WORDS):
                    stop += 1
                if ref[0] == "d":
                    discoveries[ref[1]].see(tokens, first, stop)
            elif entry.types[0] == "hardware" and any(char.isdigit() for char in entry.name):
                if stop < count and linked[stop] and lower[stop] in _DEVICE_WORDS:
                    stop += 1
            spans.append((first, stop, ref))
        return spans

    @staticmethod
    def _in_compound(tokens: Tokens, introduced: set[int], first: int, stop: int) -> bool:
        words = tokens.words
        if first > 0 and tokens.linked[first]:
            before = words[first - 1]
            if _hyphen(tokens, first) and (is_name_like(before) or _is_capitalised(before)):
                return True
            if _is_capitalised(before) and (tokens.starts[first - 1] in introduced):
                return True
        return (
            stop < len(tokens)
            and _hyphen(tokens, stop)
            and _name_part(words[stop])
            and not (_VERSION.match(words[stop]) or MODEL_SIZE.match(words[stop]))
        )

    def _abbreviations(self, tokens: Tokens, discoveries: dict[str, _Discovery]):
        """Short forms defined in the text: what each stands for, and the keys of its names."""
        overrides: dict[tuple[str, ...], Ref] = {}
        aliases: dict[str, str] = {}
        for long_form, short, start in patterns.abbreviations(tokens.text):
            short_words = words_of(short)
            index = self.vocabulary.index(long_form)
            short_index = self.vocabulary.index(short)
            if index is None and short_index is not None:
                index = short_index if _same_thing(long_form, self.vocabulary.entries[short_index]) else None
            if index is not None:
                overrides[short_words] = ("v", index)
                continue
            singular = short[:-1] if short.endswith("s") and short[:-1].isupper() else short
            name = _singular(short) if len(singular) >= 4 or not singular.isupper() else long_form
            key = name_key(name)
            found = discoveries.setdefault(key, _Discovery(name))
            found.see(tokens, *_token_range(tokens, start, start + len(long_form)))
            found.surfaces.add(short)
            found.forms.add(short_words)
            head = patterns.head_type(long_form)
            found.vote(head, _STRONG)
            found.vote(patterns.tail_type(short) or patterns.tail_type(long_form), _STRONG)
            # A Title Case long form without a typing head is most often a method the paper names.
            found.vote("method", 1 if head is None and _title_case(long_form) else 0)
            aliases[name_key(short)] = aliases[name_key(long_form)] = key
            overrides[short_words] = ("d", key)
        return overrides, aliases

    def _shapes(self, tokens, title, starts, covered, discoveries, aliases) -> None:
        """Unknown names found by their shape and typed by the words around them.

        A name joined by hyphens to another ("HO-Flow", "BOP-ASK" where "BOP" is defined
        apart) is read whole, even over a name found before.
        """
        words, linked, count = tokens.words, tokens.linked, len(tokens)
        introduced, compounds = starts
        head = patterns.title_head(title)
        stop = 0
        for position in compress(range(count), map(operator.not_, map(str.islower, words))):
            if position in covered or position < stop:
                continue
            word = words[position]
            plain = not is_name_like(word) and position not in compounds
            if not plain:
                while position > stop and _hyphen(tokens, position) and is_name_like(words[position - 1]):
                    position -= 1
            if plain and not (
                _is_capitalised(word)
                and (
                    tokens.starts[position] in introduced
                    or (head is not None and head[0].startswith(word))
                    or (
                        position + 1 < count
                        and MODEL_SIZE.match(words[position + 1])
                        and _hyphen(tokens, position + 1)
                    )
                )
            ):
                continue
            stop = position + 1
            while stop < count and linked[stop] and stop not in covered:
                following = words[stop]
                if not (
                    is_name_like(following)
                    or _VERSION.match(following)
                    or MODEL_SIZE.match(following)
                    or tokens.lower[stop] in RELEASE_WORDS
                    or (plain and _is_capitalised(following))
                    or (_hyphen(tokens, stop) and patterns.tail_type("X" + following.capitalize()))
                    or (not plain and _hyphen(tokens, stop) and _name_part(following))
                ):
                    break
                stop += 1
            self._judge(tokens, position, stop, plain, (introduced, head), discoveries, aliases)

    def _judge(self, tokens, first, stop, plain, cues, discoveries, aliases) -> None:
        """Keep a candidate name if some evidence types it, and record the evidence."""
        introduced, head = cues
        surface = tokens.span(first, stop)
        if surface.lower() in NOT_CONCEPTS:
            return
        start, end = tokens.starts[first], tokens.ends[stop - 1]
        sized = any(MODEL_SIZE.match(word) for word in tokens.words[first:stop])
        family = model_family(surface)
        versioned = _FAMILY_VERSION.match(family)
        family_known = bool(versioned) and name_key(versioned.group(1).rstrip("vV")) in self._model_families
        name = _singular(family if sized or family_known or patterns.tail_type(family) == "model" else surface)
        key = aliases.get(name_key(name), name_key(name))
        context, weight = patterns.context_type(tokens.text, start, end)
        in_title = head is not None and head[0] == surface
        apposed = tokens.text[end : end + 1] in (",", "(", ":")
        if plain and not (sized or in_title or context or apposed):
            return
        listed = patterns.in_evaluation_list(tokens.text, start)
        if key not in discoveries and not (
            context or sized or family_known or start in introduced or listed or in_title or patterns.tail_type(name)
        ):
            return
        found = discoveries.setdefault(key, _Discovery(name))
        found.see(tokens, first, stop)
        found.vote("model", 5 if sized or family_known else 0)
        found.vote(patterns.tail_type(name), _STRONG)
        found.vote(context, weight)
        found.vote("method", 1 if start in introduced else 0)
        found.vote("dataset", 1 if listed else 0)
        if in_title:
            found.vote(head[1], 1)

    def _count(self, tokens, spans, overrides, discoveries, memo):
        """Count every occurrence of every concept found, longest spans first."""
        typed = {key: found for key, found in discoveries.items() if found.type()}
        candidates = [(first, stop, 0, ref) for first, stop, ref in spans]
        local = [(form, 2, ref) for form, ref in overrides.items()]
        local += [(form, 1, ("d", key)) for key, found in typed.items() for form in found.forms]
        for form, priority, ref in local:
            candidates += [(first, first + len(form), priority, ref) for first in _occurrences(tokens, form, memo)]
        candidates.sort(key=lambda item: (item[0], item[0] - item[1], -item[2]))
        counts: dict[Ref, tuple[int, set[str], Counter, str]] = {}
        taken = 0
        for first, stop, _, ref in candidates:
            if first < taken or (ref[0] == "d" and ref[1] not in typed):
                continue
            taken = stop
            number, surfaces, _, _ = counts.get(ref, (0, set(), None, ""))
            surfaces.add(tokens.span(first, stop))
            if ref[0] == "d":
                counts[ref] = (number + 1, surfaces, typed[ref[1]].votes, typed[ref[1]].name)
            else:
                counts[ref] = (number + 1, surfaces, _NO_VOTES, self.vocabulary.entries[ref[1]].name)
        return counts


class _Record:
    """A concept of the corpus while it is being assembled."""

    __slots__ = ("name", "types", "aliases", "mentions")

    def __init__(self, name: str, types: tuple[str, ...], aliases=()):
        self.name = name
        self.types = types
        self.aliases: set[str] = set(aliases)
        self.mentions: dict[str, tuple[int, set[str]]] = {}

    def mention(self, paper_id: str, count: int, surfaces) -> None:
        number, seen = self.mentions.get(paper_id, (0, set()))
        self.mentions[paper_id] = (number + count, seen | set(surfaces))

    def absorb(self, other: _Record) -> None:
        self.aliases |= other.aliases | {other.name}
        for paper_id, (count, surfaces) in other.mentions.items():
            self.mention(paper_id, count, surfaces)


def extract_concepts(
    papers: Sequence[Paper],
    *,
    thesaurus: Thesaurus | str | os.PathLike | None = None,
    progress: bool = False,
) -> Extraction:
    """Find the method, model, hardware and dataset concepts of a corpus of papers.

    Parameters
    ----------
    papers : sequence of Paper
        Titles and abstracts are read; ids identify the mentions.
    thesaurus : Thesaurus, path or None
        Merge, ignore and type rules applied last (see :mod:`.thesaurus`); typed rules
        also add their labels to the names looked for.
    progress : bool
        Show a progress bar on standard error.

    Returns
    -------
    Extraction
        Concepts sorted by id, mentions sorted by (paper id, concept id).

    Raises
    ------
    ThesaurusError
        The thesaurus file cannot be read.

    Examples
    --------
    >>> paper = Paper("p1", "MKOR: A Fast Optimizer", "We fine-tune LLaMA-2-7B and LLaMA-2-13B "
    ...     "with Low-Rank Adaptation (LoRA) on GSM8K using 8 A100 GPUs. LoRA helps.", ())
    >>> extraction = extract_concepts([paper])
    >>> [(c.name, c.type) for c in extraction.concepts]
    [('A100', 'hardware'), ('fine-tuning', 'method'), ('GSM8K', 'dataset'), ('Llama 2', 'model'), ('LoRA', 'method'), ('MKOR', 'method')]
    >>> [(m.concept_id, m.count) for m in extraction.mentions][3:5]
    [('concept:llama-2', 2), ('concept:lora', 3)]
    """
    if isinstance(thesaurus, (str, os.PathLike)):
        thesaurus = load_thesaurus(thesaurus)
    vocabulary = load_vocabulary()
    if thesaurus is not None and thesaurus.vocabulary_entries():
        vocabulary = Vocabulary([*thesaurus.vocabulary_entries(), *vocabulary.entries])
    reader = _PaperReader(vocabulary)
    known: dict[int, _Record] = {}
    found: dict[str, _Record] = {}
    votes: dict[str, Counter] = defaultdict(Counter)
    names: dict[str, Counter] = defaultdict(Counter)
    bar = tqdm(total=len(papers), desc="extract", unit="paper", disable=not progress)
    for paper, concepts in zip(papers, _read_all(reader, papers, bar)):
        for ref, (count, surfaces, paper_votes, name) in concepts.items():
            kind, key = ref
            if kind == "d" and vocabulary.index(name) is not None:
                kind, key = "v", vocabulary.index(name)
            if kind == "v":
                entry = vocabulary.entries[key]
                record = known.setdefault(key, _Record(entry.name, entry.types, entry.aliases))
            else:
                record = found.setdefault(key, _Record(name, ()))
                votes[key].update(paper_votes)
                names[key][name] += 1
            record.mention(paper.id, count, surfaces)
    bar.close()
    records = list(known.values()) + _merge_found(found, votes, names)
    if thesaurus is not None:
        records = _apply_thesaurus(records, thesaurus, vocabulary)
    return _extraction(records)


# What the worker processes read: set before they are forked, so only chunk bounds and
# results cross between processes.
_SHARED: tuple[_PaperReader, Sequence[Paper]] | None = None


def _read_chunk(bounds: tuple[int, int]) -> list[dict]:
    reader, papers = _SHARED
    return [reader.read(paper.title, paper.abstract) for paper in papers[bounds[0] : bounds[1]]]


def _read_all(reader: _PaperReader, papers: Sequence[Paper], bar):
    """The concepts of each paper, in input order; in two processes above :data:`PARALLEL_THRESHOLD`."""
    global _SHARED
    workers = min(2, os.cpu_count() or 1)
    if len(papers) <= PARALLEL_THRESHOLD or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for paper in papers:
            yield reader.read(paper.title, paper.abstract)
            bar.update()
        return
    size = max(1, min(1_000, len(papers) // (8 * workers)))
    chunks = [(first, min(first + size, len(papers))) for first in range(0, len(papers), size)]
    _SHARED = (reader, papers)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for results in pool.imap(_read_chunk, chunks):
                yield from results
                bar.update(len(results))
    finally:
        _SHARED = None


def _merge_found(found: dict[str, _Record], votes, names) -> list[_Record]:
    """Merge discovered names across papers by spelling, and type them by all evidence."""
    keys = sorted(found)
    representatives = [min(names[key].items(), key=lambda item: (-item[1], item[0]))[0] for key in keys]
    merged = []
    for group in fuzzy_groups(representatives):
        group_keys = [keys[index] for index in group]
        total: Counter = Counter()
        all_names: Counter = Counter()
        for key in group_keys:
            total.update(votes[key])
            all_names.update(names[key])
        concept_type = _winner(total)
        if concept_type is None:
            continue
        name = min(all_names.items(), key=lambda item: (-item[1], item[0]))[0]
        record = _Record(name, (concept_type,), all_names)
        for key in group_keys:
            record.absorb(found[key])
        merged.append(record)
    return merged


def _apply_thesaurus(records: list[_Record], thesaurus: Thesaurus, vocabulary: Vocabulary) -> list[_Record]:
    """Rename, merge, retype or drop records as the thesaurus says."""
    by_key: dict[str, _Record] = {}
    for record in sorted(records, key=lambda record: record.name):
        rule = thesaurus.rule(record.name) or next(
            (thesaurus.rule(alias) for alias in sorted(record.aliases) if thesaurus.rule(alias)), None
        )
        if rule is not None and rule.replace_by is None and not rule.types:
            continue
        if rule is not None and rule.replace_by:
            entry = vocabulary.lookup(rule.replace_by)
            renamed = _Record(
                entry.name if entry else rule.replace_by, rule.types or (entry.types if entry else record.types)
            )
            renamed.absorb(record)
            record = renamed
        elif rule is not None:
            record.types = rule.types
        target = by_key.get(name_key(record.name))
        if target is None:
            by_key[name_key(record.name)] = record
        else:
            target.absorb(record)
            target.types = rule.types if rule is not None and rule.types else target.types
    return list(by_key.values())


def _extraction(records: list[_Record]) -> Extraction:
    by_id: dict[str, _Record] = {}
    for record in sorted(records, key=lambda record: (record.name, record.types)):
        identifier = concept_id(record.name)
        if identifier in by_id:
            by_id[identifier].absorb(record)
        else:
            by_id[identifier] = record
    concepts, mentions = [], []
    for identifier, record in sorted(by_id.items()):
        aliases = {alias for alias in record.aliases if alias != record.name}
        for paper_id, (count, surfaces) in record.mentions.items():
            aliases |= surfaces - {record.name}
            mentions.append(Mention(paper_id, identifier, count, tuple(sorted(surfaces, key=_alias_order))))
        concepts.append(Concept(identifier, record.name, record.types, tuple(sorted(aliases, key=_alias_order))))
    mentions.sort(key=lambda mention: (mention.paper_id, mention.concept_id))
    return Extraction(tuple(concepts), tuple(mentions))


def _alias_order(alias: str) -> tuple[str, str]:
    return alias.lower(), alias


def concepts_frame(extraction: Extraction) -> pd.DataFrame:
    """The concepts of an extraction as a table, most widely mentioned first.

    Columns: ``id``, ``name``, ``type`` (primary), ``types`` (joined by ``|``),
    ``papers`` (number of papers mentioning it), ``mentions`` (total count) and
    ``aliases`` (joined by ``; ``). Sorted by papers descending, then name.

    Examples
    --------
    >>> papers = [Paper("a", "", "We use LoRA and GPT-4.", ()), Paper("b", "", "LoRA, LoRA and LoRAs.", ())]
    >>> frame = concepts_frame(extract_concepts(papers))
    >>> frame[["name", "type", "papers", "mentions"]].values.tolist()
    [['LoRA', 'method', 2, 4], ['GPT-4', 'model', 1, 1]]
    """
    papers: Counter = Counter()
    counts: Counter = Counter()
    for mention in extraction.mentions:
        papers[mention.concept_id] += 1
        counts[mention.concept_id] += mention.count
    rows = [
        {
            "id": concept.id,
            "name": concept.name,
            "type": concept.type,
            "types": "|".join(concept.types),
            "papers": papers[concept.id],
            "mentions": counts[concept.id],
            "aliases": "; ".join(concept.aliases),
        }
        for concept in extraction.concepts
    ]
    frame = pd.DataFrame(rows, columns=["id", "name", "type", "types", "papers", "mentions", "aliases"])
    return frame.sort_values(["papers", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


def paper_concepts(extraction: Extraction, paper: Paper | str) -> list[dict]:
    """The concepts of one paper (or paper id), ready for JSON.

    Each concept is ``{"name", "type", "types", "aliases", "count"}``: ``type`` is the
    primary type, ``types`` all of them (primary first), ``aliases`` the other spellings
    seen in that paper. Sorted by count descending, then name. Finding the paper's
    mentions is a binary search, so rendering a whole corpus stays linear.

    Examples
    --------
    >>> paper = Paper("p1", "Tiny", "We quantize LLMs: large language models (LLMs) and GPT-4.", ())
    >>> first = paper_concepts(extract_concepts([paper]), paper)[0]
    >>> first["name"], first["type"], first["types"], first["count"]
    ('large language model', 'model', ['model'], 3)
    >>> first["aliases"]
    ['large language models', 'LLMs']
    """
    paper_id = paper if isinstance(paper, str) else paper.id
    mentions = extraction.mentions
    first = bisect.bisect_left(mentions, paper_id, key=lambda mention: mention.paper_id)
    stop = bisect.bisect_right(mentions, paper_id, lo=first, key=lambda mention: mention.paper_id)
    concepts = []
    for mention in mentions[first:stop]:
        concept = extraction.concept(mention.concept_id)
        concepts.append(
            {
                "name": concept.name,
                "type": concept.type,
                "types": list(concept.types),
                "aliases": [surface for surface in mention.surface_forms if surface != concept.name],
                "count": mention.count,
            }
        )
    return sorted(concepts, key=lambda item: (-item["count"], item["name"]))
