"""Extract typed concepts from the titles and abstracts of a corpus of papers.

Each paper is read by :class:`.reader.PaperReader` (vocabulary names, prose rules, and
the count of every name found). Across the corpus, unknown names are merged by key and
by spelling similarity, typed by the evidence of all papers, and the user thesaurus is
applied last. Large corpora are read by two worker processes, with the same result.
"""

from __future__ import annotations

import bisect
import multiprocessing
import os
import re
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from tqdm import tqdm

if TYPE_CHECKING:
    import pandas as pd

from papergraph.engine import Workers
from papergraph.gc_pause import cyclic_gc_paused
from papergraph.schema import METHOD, MODEL
from papergraph.types import Concept, Extraction, Mention, Paper
from papergraph.unionfind import UnionFind

from .abbreviations import long_forms, spelt_out
from .canonical import (
    CITATION_KEY,
    Variant,
    fuzzy_groups,
    last_part,
    name_key,
    other_order,
    same_long_form,
    singular,
    spelling,
    unique_ids,
    unshouted,
    unversioned,
    variant_of,
    word_list,
    worded_like,
)
from .evidence import winner
from .reader import PaperReader
from .records import Identity, PaperConcept
from .thesaurus import Thesaurus, load_thesaurus
from .tokens import NOT_CONCEPTS
from .vocabulary import Vocabulary, VocabularyEntry, load_vocabulary

__all__ = ["PARALLEL_THRESHOLD", "concepts_frame", "extract_concepts", "paper_concepts"]

#: Corpora with more papers than this are read by two worker processes (where the
#: platform can fork); the result is the same as reading them in one.
PARALLEL_THRESHOLD = 5_000

_Value = TypeVar("_Value")


# Classes of names that are no concept (CONCEPTS.md), which new names often are: natural
# languages and their pairs ("Tamil", "French-German"), venues, bare media words, and
# tasks or representations named by their head ("Instruction Following", "Bird's Eye View").
_LANGUAGES = frozenset(word_list(
    "english chinese mandarin cantonese arabic french german spanish portuguese italian dutch russian polish "
    "czech ukrainian greek turkish persian farsi hebrew hindi urdu bengali bangla kannada tamil telugu "
    "malayalam marathi gujarati punjabi nepali sinhala japanese korean vietnamese thai indonesian malay "
    "tagalog filipino swahili amharic yoruba hausa igbo zulu finnish swedish norwegian danish hungarian "
    "romanian bulgarian serbian croatian catalan basque latin sanskrit "
    "tatar kazakh uzbek kyrgyz tajik turkmen azerbaijani armenian georgian mongolian tibetan uyghur burmese "
    "khmer lao javanese sundanese cebuano somali oromo tigrinya kinyarwanda wolof afrikaans estonian latvian "
    "lithuanian slovak slovenian albanian icelandic irish welsh maltese quechua maori pashto kurdish odia"
))
# Parts of the world ("Southeast Asia", "Sub-Saharan Africa"): a region, after qualifiers.
_REGIONS = frozenset(word_list("asia africa europe america americas oceania caribbean scandinavia balkans"))
_REGION_QUALIFIERS = frozenset(word_list(
    "north south east west northern southern eastern western central southeast northeast southwest northwest "
    "southeastern northeastern southwestern northwestern sub saharan latin"
))
_VENUES = frozenset(word_list(
    "neurips nips icml iclr acl emnlp naacl eacl coling cvpr iccv eccv wacv bmvc aaai ijcai kdd sigir "
    "wsdm www icra iros corl rss aistats uai miccai interspeech icassp siggraph tpami tacl jmlr tmlr"
))
# A venue's year or edition after its name: "NeurIPS 2024", "ICLR'25", "CVPR-2023".
_VENUE_YEAR = re.compile(r"[\s'-]*(?:19|20)?\d\d$")
_GENERIC_WORDS = frozenset(word_list(
    "video videos image images audio speech text music vision language multimodal crossmodal omnimodal"
))
# Organisations, websites, hubs, operating systems and game engines, which papers name as the
# place data or weights come from or go to ("released on Hugging Face", "videos from YouTube").
_PLATFORMS = frozenset(name_key(name) for name in (
    "Hugging Face", "HuggingFace", "GitHub", "GitLab", "Kaggle", "arXiv", "OpenReview", "Stack Overflow",
    "StackOverflow", "Reddit", "Twitter", "YouTube", "Bilibili", "Instagram", "Facebook", "WeChat", "Weibo",
    "Zhihu", "Google Colab", "Colab", "ModelScope", "AtCoder", "Unreal Engine", "Unity", "Android", "iOS",
    "macOS", "Linux", "Ubuntu", "Windows", "HarmonyOS", "OpenAI", "Google", "DeepMind", "Google DeepMind",
    "Anthropic", "NVIDIA", "Microsoft", "Alibaba", "Tencent", "ByteDance", "Baidu", "Huawei", "Amazon",
    "AWS", "Azure", "Google Cloud", "MediaTek", "Qualcomm", "Samsung", "Intel", "Meta AI", "Mistral AI", "xAI",
    "Moonshot AI", "Zhipu AI", "DeepSeek-AI",
))
_NO_CONCEPT_HEADS = frozenset(word_list("following view intelligence"))
# A task's short form, media to media: "T2I" (text-to-image), "I2V", "TI2V", "V2A".
_TASK_SHORT = re.compile(r"^(?:[TIVAS]|TI|TV)2(?:[TIVAS]|3D|SQL)$", re.IGNORECASE)
# Two capitals ("SD", "PD", "WM") stand for too many things for a bare use to name one.
_TWO_CAPITALS = re.compile(r"^[A-Z]{2}s?$")
# A generic class of model after a word that describes or counts it, or a word of the
# sentence the candidate ran into, is that class and no concept of its own ("a stronger
# language model", "generalist foundation models", "three reasoning models").
_DESCRIPTIVE = "|".join(word_list(
    "strong stronger weak weaker safe safer large larger small smaller better best broad broader powerful "
    "capable advanced leading popular existing modern contemporary cutting-edge successful effective "
    "practical diverse accurate top candidate baseline generalist general universal generic proprietary "
    "open-source prominent suitable scalable reliable costly newly released "
    "frozen native fine-tuned non-reasoning base foundational generalizable parameter language "
    "two three four five six seven eight nine ten "
    "whether since through over under around especially particularly wherein meet made combine employ "
    "inject require show wrap match"
))
_GENERIC_MODEL = re.compile(rf"^(?:{_DESCRIPTIVE})(?: [a-z][a-z-]*)? (?:language |foundation |reasoning )?models?$")


def _no_concept(record: _Record) -> bool:
    """Whether a discovered name belongs to a class of names that are no concept: a
    language or pair of languages, a part of the world, a venue, a platform or organisation, a bare
    media word, a task's short form, a
    task, view, field of research or goal ("... Intelligence") named by its head, a descriptive phrase of a
    generic model class no paper introduces, or two capitals no paper defines or introduces
    ("SD" for Stable Diffusion, standard deviation or self-distillation)."""
    name = record.name
    words = name.replace("\u2019", "'").split()
    parts = [part.lower() for part in re.split(r"[-\u2013/ ]+", name) if part]
    return (
        all(part in _LANGUAGES for part in parts)
        or (parts[-1] in _REGIONS and all(part in _REGION_QUALIFIERS for part in parts[:-1]))
        or _VENUE_YEAR.sub("", name).lower() in _VENUES
        or name_key(name) in _GENERIC_WORDS
        or name_key(name) in _PLATFORMS
        or _TASK_SHORT.match(name) is not None
        or (_TWO_CAPITALS.match(name) is not None and not record.owner and not record.identity.definition)
        or (len(words) > 1 and words[-1].lower() in _NO_CONCEPT_HEADS)
        or name.lower().startswith("number of ")  # a count, a metric ("Number of Function Evaluations")
        # "Operations Research" is a field; a name of more words a system ("Universal Deep Research").
        or (len(words) == 2 and words[-1] == "Research")
        or (not record.owner and record.types == (MODEL,) and _GENERIC_MODEL.match(name) is not None)
        # the long form of a short form that names no concept ("Graphical User Interfaces (GUIs)")
        or any(short.isupper() and short.lower() in NOT_CONCEPTS
               for _, surfaces in record.mentions.values() for short in map(singular, surfaces))
    )


def _add_mention(mentions: dict[str, tuple[int, frozenset[str]]], paper_id: str, count: int,
                 surfaces: frozenset[str]) -> None:
    """Add ``count`` mentions in written forms ``surfaces`` to a paper's tally."""
    seen = mentions.get(paper_id)
    mentions[paper_id] = (count, surfaces) if seen is None else (seen[0] + count, seen[1] | surfaces)


class _Record:
    """A concept of the corpus while it is being assembled.

    ``owner`` is the first paper of a name that papers introduce or define as their own
    ("we propose X", "X (long form)"): such a record is never merged with another.
    """

    __slots__ = ("aliases", "identity", "mentions", "name", "owner", "types")

    def __init__(self, identity: Identity, name: str, types: tuple[str, ...], aliases: Iterable[str] = ()):
        self.identity = identity
        self.name = name
        self.types = types
        self.aliases: set[str] = set(aliases)
        self.mentions: dict[str, tuple[int, frozenset[str]]] = {}
        self.owner = ""

    def mention(self, paper_id: str, count: int, surfaces: frozenset[str]) -> None:
        _add_mention(self.mentions, paper_id, count, surfaces)

    def absorb(self, other: _Record) -> None:
        self.aliases |= other.aliases | {other.name}
        for paper_id, (count, surfaces) in other.mentions.items():
            self.mention(paper_id, count, surfaces)

    def order(self) -> tuple[Identity, str, str]:
        return self.identity, self.name, self.owner


class _Memo(dict[str, _Value]):
    """A function of names worked out once per name (a dict lookup after): the corpus-wide
    steps ask about every written form of every record, and most forms recur."""

    __slots__ = ("function",)

    def __init__(self, function: Callable[[str], _Value]):
        super().__init__()
        self.function = function

    def __missing__(self, name: str) -> _Value:
        value = self[name] = self.function(name)
        return value


#: The papers that mention one discovered thing: (paper id, what the paper says of it).
_Sense = list[tuple[str, PaperConcept]]


def extract_concepts(
    papers: Sequence[Paper],
    *,
    thesaurus: Thesaurus | str | os.PathLike | None = None,
    progress: bool = False,
    workers: Workers | None = None,
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
    workers : Workers or None
        Where to read the papers, a partition at a time (:class:`papergraph.engine.Workers`);
        None reads them here (in two processes above :data:`PARALLEL_THRESHOLD`). The
        corpus-wide merge runs here either way, so the result is the same.

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
    >>> [(c.name, c.type) for c in extraction.concepts][:3]
    [('A100', 'hardware'), ('fine-tuning', 'method'), ('GSM8K', 'dataset')]
    >>> [(c.name, c.type) for c in extraction.concepts][3:]
    [('Llama 2', 'model'), ('LoRA', 'method'), ('MKOR', 'method')]
    >>> [(m.concept_id, m.count) for m in extraction.mentions][3:5]
    [('concept:llama-2', 2), ('concept:lora', 3)]
    """
    if isinstance(thesaurus, (str, os.PathLike)):
        thesaurus = load_thesaurus(thesaurus)
    vocabulary = load_vocabulary()
    if thesaurus is not None and thesaurus.vocabulary_entries():
        vocabulary = Vocabulary([*thesaurus.vocabulary_entries(), *vocabulary.entries])
    reader = PaperReader(vocabulary)
    with cyclic_gc_paused():
        return _extract(reader, papers, thesaurus, progress, workers)


def _extract(
    reader: PaperReader, papers: Sequence[Paper], thesaurus: Thesaurus | None, progress: bool, workers: Workers | None
) -> Extraction:
    vocabulary = reader.vocabulary
    folded = _Partial()
    with tqdm(total=len(papers), desc="extract", unit="paper", disable=not progress) as bar:
        for partial in _read_all(reader, papers, bar, workers):
            folded.merge(partial)
    records = []
    for identity, mentions in folded.known.items():
        entry = vocabulary.entries[identity.entry]
        record = _Record(identity, entry.name, entry.types, entry.aliases)
        record.mentions = mentions
        records.append(record)
    dates = {paper.id: paper.published or paper.first_listed for paper in papers}
    found = [record for record in _short_and_long(_merge_found(_senses(folded.found, dates)))
             if not _no_concept(record)]
    merged = _one_per_name([*records, *found], vocabulary)
    merged = _short_forms_joined(_versions_joined(_variants_joined(_worded_like_known(merged))), dates)
    for record in merged:
        if record.identity.known and not record.identity.definition:
            record.aliases.add(record.name)
            record.name = _most_used_name(record, vocabulary.entries[record.identity.entry])
    if thesaurus is not None:
        merged = _apply_thesaurus(merged, thesaurus, vocabulary)
    return _extraction(merged)


class _Partial:
    """What a run of consecutive papers says, folded by name: the summary a partition's
    worker sends back, reduced by :meth:`merge` in input order into the corpus's.

    ``known`` holds each vocabulary concept's mentions (paper id -> count and surface
    forms); ``found`` each discovered name's papers with what each says of it, which the
    corpus-wide steps need whole (who introduces or defines the name, its type votes).
    """

    __slots__ = ("found", "known", "papers")

    def __init__(self) -> None:
        self.papers = 0
        self.known: dict[Identity, dict[str, tuple[int, frozenset[str]]]] = {}
        self.found: dict[Identity, _Sense] = {}

    def add(self, paper_id: str, concepts: Iterable[PaperConcept]) -> None:
        """Fold in the concepts :meth:`PaperReader.read` found in one paper."""
        self.papers += 1
        for concept in concepts:
            identity = concept.identity
            if not identity.known:
                self.found.setdefault(identity, []).append((paper_id, concept))
                continue
            _add_mention(self.known.setdefault(identity, {}), paper_id, concept.occurrences, concept.surfaces)

    def merge(self, later: _Partial) -> None:
        """Fold in the summary of the papers that follow these (the result is that of
        folding all the papers here, in order)."""
        self.papers += later.papers
        for identity, mentions in later.known.items():
            mine = self.known.get(identity)
            if mine is None:
                self.known[identity] = mentions
            elif mine.keys().isdisjoint(mentions):  # papers of two runs: always, for resolved papers
                mine.update(mentions)
            else:
                for paper_id, (count, surfaces) in mentions.items():
                    _add_mention(mine, paper_id, count, surfaces)
        for identity, uses in later.found.items():
            self.found.setdefault(identity, []).extend(uses)

    def __reduce__(self) -> tuple:
        # Sent between processes as plain tuples, which pickle several times faster than
        # named tuples; a use's identity is its name's, so it is sent once.
        known = [(tuple(identity), mentions) for identity, mentions in self.known.items()]
        found = [(tuple(identity), [(paper_id, concept[1:]) for paper_id, concept in uses])
                 for identity, uses in self.found.items()]
        return _rebuilt_partial, (self.papers, known, found)


def _rebuilt_partial(papers: int, known: list[tuple], found: list[tuple]) -> _Partial:
    partial = _Partial()
    partial.papers = papers
    partial.known = {Identity(*identity): mentions for identity, mentions in known}
    for fields, uses in found:
        identity = Identity(*fields)
        partial.found[identity] = [(paper_id, PaperConcept(identity, *rest)) for paper_id, rest in uses]
    return partial


def _read_partition(papers: Sequence[tuple[str, str, str]], reader: PaperReader) -> _Partial:
    """The folded concepts of ``(id, title, abstract)`` triples: one partition's work."""
    partial = _Partial()
    for paper_id, title, abstract in papers:
        partial.add(paper_id, reader.read(title, abstract))
    return partial


# What the worker processes read: set before they are forked, so only chunk bounds and
# folded results cross between processes.
_SHARED: tuple[PaperReader, Sequence[Paper]] | None = None


def _read_chunk(bounds: tuple[int, int]) -> _Partial:
    assert _SHARED is not None, "set by _read_all before the workers fork"
    reader, papers = _SHARED
    return _read_partition([(paper.id, paper.title, paper.abstract) for paper in papers[bounds[0]:bounds[1]]], reader)


def _leave_signals_to_parent() -> None:
    # Ctrl-C reaches the whole process group and the parent's SIGTERM handler is inherited:
    # the parent reports and stops the pool, so a worker ignores the one and dies on the other
    # quietly, instead of printing a traceback each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _read_all(reader: PaperReader, papers: Sequence[Paper], bar: tqdm, workers: Workers | None) -> Iterator[_Partial]:
    """The papers' concepts folded a partition at a time, partitions in input order: on
    ``workers`` if given, else here, in two processes above :data:`PARALLEL_THRESHOLD`."""
    global _SHARED
    if workers is not None:
        triples = [(paper.id, paper.title, paper.abstract) for paper in papers]
        for partial in workers.map_partitions(_read_partition, triples, common=(reader,)):
            bar.update(partial.papers)
            yield partial
        return
    processes = min(2, os.cpu_count() or 1)
    if len(papers) <= PARALLEL_THRESHOLD or processes < 2 or "fork" not in multiprocessing.get_all_start_methods():
        partial = _Partial()
        for paper in papers:
            partial.add(paper.id, reader.read(paper.title, paper.abstract))
            bar.update()
        yield partial
        return
    size = max(1, min(1_000, len(papers) // (8 * processes)))
    chunks = [(first, min(first + size, len(papers))) for first in range(0, len(papers), size)]
    _SHARED = (reader, papers)
    try:
        with multiprocessing.get_context("fork").Pool(processes, initializer=_leave_signals_to_parent) as pool:
            for partial in pool.imap(_read_chunk, chunks):
                bar.update(partial.papers)
                yield partial
    finally:
        _SHARED = None


def _most_common(counts: Mapping[str, int]) -> str:
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def _spellings(names: Iterable[str]) -> set[str]:
    return {spelling(name) for name in names}


#: Months a thing may be in use before the paper that introduces it (a release, a preprint):
#: "SmolLM2-1.7B" two months before "SmolLM2: ..." is that model.
_IN_USE_BEFORE = 6


def _not_before(date: str | None, first: str | None, grace: int = _IN_USE_BEFORE) -> bool:
    """Whether a paper of ``date`` may name a thing first seen on ``first`` (ISO days or
    months; unknown dates allow it), or up to ``grace`` months before it.

    >>> _not_before("2024-12-11", "2025-02-04"), _not_before("2024-06-20", "2025-02-04")
    (True, False)
    >>> _not_before("2024-12-11", "2025-02-04", grace=0), _not_before("2025-02", "2025-02-04", grace=0)
    (False, True)
    """
    if date is None or first is None:
        return True
    if len(first) >= 7 and first[:4].isdigit() and first[5:7].isdigit():
        months = int(first[:4]) * 12 + int(first[5:7]) - 1 - grace
        first = f"{months // 12:04d}-{months % 12 + 1:02d}{first[7:]}"
    size = min(len(date), len(first))
    return date[:size] >= first[:size]


def _senses(found: dict[Identity, _Sense], dates: Mapping[str, str | None]) -> list[tuple[bool, _Sense]]:
    """The papers of each discovered name, split into the things the name means.

    A name is its own thing in each paper that introduces it ("we propose X", a title
    head "X: ...") and in each long form papers define it as ("X (long form)"; long forms
    that differ only in spelling are one): two papers proposing "Phantom" hold two things.
    A paper that only uses the name joins the one such thing written as it writes the name
    ("MoBA" is not "MobA"; failing that, "OLMO3" is "Olmo3", and
    "OLMo-3" the one capitalised "Olmo 3") and introduced no later than
    the paper (``dates``: paper id -> first date), or the one of several that holds three in four of their papers; the
    others are one thing of their own. Returns ``(owned, papers)`` pairs, owned when
    introduced or defined.
    """
    by_key: dict[str, list[Identity]] = {}
    for identity in sorted(found):
        by_key.setdefault(identity.key, []).append(identity)
    units: list[tuple[bool, _Sense]] = []
    for identities in by_key.values():
        senses: list[_Sense] = []
        users: _Sense = []
        long_forms: list[str] = []
        sized: list[set[str]] = []  # the forms with a model's size each sense is written in
        for identity in identities:
            # A name that is its own long form ("self-forcing (SF)") is no paper's own.
            if identity.definition and identity.definition != identity.key:
                # Long forms that differ only in spelling define one thing.
                same = next((index for index, other in enumerate(long_forms)
                             if other and same_long_form(other, identity.definition)), None)
                if same is None:
                    senses.append(list(found[identity]))
                    long_forms.append(identity.definition)
                    sized.append(set())
                else:
                    senses[same] += found[identity]
                continue
            for item in found[identity]:
                if item[1].introduced:
                    # Papers introducing releases of one model written with one size ("Foo-8B", then
                    # "Foo-8B-Instruct" beside "Foo-8B") introduce one thing.
                    forms = {surface for surface in item[1].surfaces if _SIZED.search(surface)}
                    same = next((index for index, other in enumerate(sized) if other & forms), None)
                    if same is None:
                        senses.append([item])
                        long_forms.append("")
                        sized.append(forms)
                    else:
                        senses[same].append(item)
                else:
                    users.append(item)
        if not senses:  # most names: no paper introduces or defines them, so every use is one thing
            units.append((False, users))
            continue
        pool: _Sense = []
        if _TWO_CAPITALS.match(identities[0].key.upper()):
            # A bare use of two capitals ("PD") may mean anything: it joins no paper's own.
            pool, users = users, []
        if users:  # most names papers introduce or define no other paper uses: nothing to compare
            written = [_spellings(name for _, concept in sense for name in (concept.name, *concept.surfaces))
                       for sense in senses]
            unshout = [{unshouted(name) for _, concept in sense for name in (concept.name, *concept.surfaces)}
                       for sense in senses]
            capitalised = [{spelling(name).lower() for _, concept in sense
                            for name in (concept.name, *concept.surfaces) if _capitalised(name)} for sense in senses]
            # A thing that holds three in four papers of those written alike is what a use means.
            sizes = [len(sense) for sense in senses]
            firsts = [_introduced_on(sense, dates) for sense in senses]
            # A name written alike in use before a thing's months of grace names an older thing:
            # the uses just before the thing's paper are of that one too ("Foo-Bench" of 2024
            # beside a "FooBench" introduced in 2025 and used in the months before it).
            graces = [_IN_USE_BEFORE] * len(senses)
            for paper_id, concept in users:
                mine = _spellings((concept.name, *concept.surfaces))
                for index, spelt in enumerate(written):
                    if mine & spelt and not _not_before(dates.get(paper_id), firsts[index]):
                        graces[index] = 0
        for item in users:
            mine = _spellings((item[1].name, *item[1].surfaces))
            # A paper cannot mean a thing introduced after it.
            date = dates.get(item[0])
            matches = [index for index, spelt in enumerate(written)
                       if mine & spelt and _not_before(date, firsts[index], graces[index])]
            if not matches:
                # Written in capitals throughout by one paper and capitalised by another.
                loud = {unshouted(name) for name in (item[1].name, *item[1].surfaces)}
                matches = [index for index, spelt in enumerate(unshout)
                           if loud & spelt and _not_before(date, firsts[index], graces[index])]
            if not matches:
                # A name written capitalised ("Olmo 3") has capitals of no meaning: other capitals
                # ("OLMo-3") write the one such thing, unlike those of a mixed-case name ("MoBA", "MobA").
                folded = {spelt.lower() for spelt in mine}
                matches = [index for index, spelt in enumerate(capitalised)
                           if folded & spelt and _not_before(date, firsts[index], graces[index])]
                matches = matches if len(matches) == 1 else []
            most = max(matches, key=sizes.__getitem__, default=None)
            if most is not None and sizes[most] >= 3 and 4 * sizes[most] >= 3 * sum(map(sizes.__getitem__, matches)):
                matches = [most]
            (senses[matches[0]] if len(matches) == 1 else pool).append(item)
        units += [(True, sense) for sense in senses]
        if pool:
            units.append((False, pool))
    return units


# A model's size as a part of a written name: "Foo-8B", "Foo 1.5B-Instruct".
_SIZED = re.compile(r"[- _](?:\d+(?:\.\d+)?[BMT]|\d+x\d+(?:\.\d+)?[BM])(?:$|[- _])")


def _capitalised(name: str) -> bool:
    """Whether no word of a name has a capital but its first ("Olmo 3", not "MobA" or "OLMo")."""
    return all(word[1:] == word[1:].lower() for word in name.replace("-", " ").split())


def _introduced_on(sense: _Sense, dates: Mapping[str, str | None]) -> str | None:
    """The date a thing was introduced: that of its first paper, when that paper introduces
    it. A name its first paper only defines ("MMDiT (Multimodal Diffusion Transformer)") was
    in use before, so it sets no date."""
    dated = [(date, concept.introduced) for paper_id, concept in sense if (date := dates.get(paper_id))]
    first = min(dated, default=None, key=lambda pair: (pair[0], not pair[1]))
    return first[0] if first is not None and first[1] else None


def _merge_found(units: list[tuple[bool, _Sense]]) -> list[_Record]:
    """Merge discovered names across papers by spelling, and type them by all evidence.

    Names that differ only in spelling are one thing, unless several of them are owned
    (introduced or defined): those stay apart, and the rest join each other.
    """
    # Most units are one paper's use, named as that paper writes it.
    representatives = [
        sense[0][1].name if len(sense) == 1 else _most_common(Counter(concept.name for _, concept in sense))
        for _, sense in units
    ]
    merged = []
    for group in fuzzy_groups(representatives):
        owned = [index for index in group if units[index][0]]
        parts = [[index] for index in owned] + [[index for index in group if not units[index][0]]]
        for part in parts if len(owned) > 1 else [group]:
            record = _found_record([units[index] for index in part])
            if record is not None:
                merged.append(record)
    return merged


def _found_record(units: list[tuple[bool, _Sense]]) -> _Record | None:
    """One record of the papers of some units, typed by all their evidence; None when untyped."""
    total: dict[str, int] = {}
    names: dict[str, int] = {}  # a plain dict: a Counter's every new key is a call of its __missing__
    for _, sense in units:
        for _, concept in sense:
            for vote, weight in dict(concept.votes).items():
                total[vote] = total.get(vote, 0) + weight
            names[concept.name] = names.get(concept.name, 0) + 1
    concept_type = winner(total)
    if concept_type is None or all(CITATION_KEY.match(name) for name in names):
        return None
    if concept_type == METHOD and total.get(MODEL) == total[METHOD] and any(map(str.isdigit, _most_common(names))):
        concept_type = MODEL  # as many papers call it a model as a framework, and it has a model's number ("Foo-2.5")
    first = units[0][1][0]
    record = _Record(first[1].identity, _most_common(names), (concept_type,), names)
    record.owner = first[0] if any(owned for owned, _ in units) else ""
    for _, sense in units:
        for paper_id, concept in sense:
            record.mention(paper_id, concept.occurrences, concept.surfaces)
    return record


def _short_and_long(records: list[_Record]) -> list[_Record]:
    """Join a short form and its long form where the corpus defines the short form one way.

    When papers define a short form as one long form only ("Brain-IT (Brain Interaction
    Transformer)"), the nodes named by that long form are the definition's, and so is a
    paper's own introduction of the short form when that paper writes the long form too. A long form that two short
    forms claim stays apart.
    """
    defined: dict[str, list[_Record]] = {}
    for record in records:
        if record.identity.definition and record.identity.definition != record.identity.key:
            defined.setdefault(record.identity.key, []).append(record)
    single = {key: definitions[0] for key, definitions in defined.items() if len(definitions) == 1}
    if not single:
        return records
    by_name: dict[str, list[_Record]] = {}
    for record in records:
        if not (record.identity.definition and record.identity.definition != record.identity.key):
            by_name.setdefault(name_key(record.name), []).append(record)
    claims: dict[int, list[_Record]] = {}
    for definition in single.values():
        for record in by_name.get(definition.identity.definition, ()):
            claims.setdefault(id(record), []).append(definition)
    keepers = {id(record): claimants[0] for record in records if len(claimants := claims.get(id(record), [])) == 1}
    # The papers that write each definition's long form as a node of its own.
    written: dict[int, set[str]] = {}
    for record in records:
        if (keeper := keepers.get(id(record))) is not None:
            written.setdefault(id(keeper), set()).update(record.mentions)
    for record in records:
        defining = single.get(record.identity.key)
        if not record.owner or defining is None or record is defining or id(record) in keepers:
            continue
        long_form = defining.identity.definition
        if written.get(id(defining), set()) & set(record.mentions) or any(
            name_key(surface) == long_form for _, surfaces in record.mentions.values() for surface in surfaces
        ):
            keepers[id(record)] = defining
    own = {id(definition): set(definition.mentions) for definition in single.values()}
    long_names: dict[int, Counter[str]] = {}
    kept = []
    for record in records:
        keeper = keepers.get(id(record))
        if keeper is None:
            kept.append(record)
            continue
        keeper.absorb(record)
        if name_key(record.name) == keeper.identity.definition:
            long_names.setdefault(id(keeper), Counter())[record.name] += len(record.mentions)
    # Named as most papers write it: a long form more papers write than the short form.
    for record in kept:
        names = long_names.get(id(record))
        if names and len(written[id(record)] - own[id(record)]) > len(own[id(record)]):
            record.aliases.add(record.name)
            record.name = _most_common(names)
    return kept


def _one_per_name(records: list[_Record], vocabulary: Vocabulary) -> list[_Record]:
    """Settle the records that share a name: one node per thing, the type most papers give.

    A vocabulary concept and the same name typed otherwise by a cue in some papers ("the
    RLVR benchmark") are one concept, of the type given by most papers (the vocabulary's on
    a tie): one paper's cue does not re-type what others use. A discovered name joins a
    vocabulary concept only when written as the vocabulary writes it ("STAR" is not
    "STaR"). Names papers introduce or define as their own stay apart, but for a definition
    that spells out a vocabulary acronym the vocabulary does not spell out itself ("MTEB
    (Massive Text Embedding Benchmark)"); a short form defined in different ways is one
    concept per definition, named with its long form.
    """
    by_name: dict[str, list[_Record]] = {}
    for record in sorted(records, key=_Record.order):
        by_name.setdefault(name_key(record.name), []).append(record)
    settled = []
    for group in by_name.values():
        if len(group) == 1:
            settled.extend(group)
            continue
        entries = [vocabulary.entries[record.identity.entry] for record in group if record.identity.known]
        owned = [record for record in group if record.owner and not _spells_out(record, entries)]
        plain = [record for record in group if record not in owned]
        known = _spellings(name for record in plain if record.identity.known for name in (record.name, *record.aliases))
        joining = [
            record for record in plain if not known or record.identity.known or _spellings(record.aliases) & known
        ]
        apart = [record for record in plain if record not in joining]
        settled += [_by_majority(records) for records in (joining, apart) if records]
        for record in owned:
            if record.identity.definition:
                record.aliases.add(record.name)
                record.name = f"{record.name} ({_long_form(record)})"
            settled.append(record)
    return settled


def _worded_like_known(records: list[_Record]) -> list[_Record]:
    """Join a discovered name no paper introduces to the one vocabulary concept of its type
    worded alike but for the endings of its words ("video generative models" beside the
    vocabulary's "video generation model", :func:`.canonical.worded_like`)."""
    known = [record for record in records if record.identity.known]
    plain = [record for record in records if not (record.identity.known or record.owner)]
    into: dict[int, _Record] = {}
    matches = worded_like([record.name for record in plain], [record.name for record in known])
    for record, match in zip(plain, matches, strict=True):
        if match is not None and set(record.types) & set(known[match].types):
            into[id(record)] = known[match]
    return _joined(records, into, {})


def _variants_joined(records: list[_Record]) -> list[_Record]:
    """Join a discovered name no paper introduces to the one node (by name or alias) it is
    a written variant of, when that node has the type the variant is of: "GPT-o3" is o3,
    "Gemini2" is Gemini 2.0, "Foo-Large" and "Foo-So400m" are Foo, "A100-40G" is A100, a
    benchmark's "-EN" split is the benchmark (:func:`.canonical.variant_of`). A variant is
    of the type of that node, but for one whose name alone shows it (a maker's name before
    a model's, a count before hardware): what a few papers say of a spelling counts less.
    Then "Foo-OV" is the one node that writes "Foo-OneVision" (:func:`.canonical.last_part`),
    once the variants have joined (so that "Foo-Medium" and Foo are one such node)."""
    names = {id(record): _names(record) for record in records}
    keys, parts = _Memo(name_key), _Memo(last_part)
    by_key: dict[str, list[_Record]] = {}
    for record in records:
        for key in set(map(keys.__getitem__, names[id(record)])):
            by_key.setdefault(key, []).append(record)
    into: dict[int, _Record] = {}
    respelt: dict[int, str] = {}
    for record in records:
        variant = None if record.identity.known or record.owner else variant_of(record.name)
        if variant is None and not (record.identity.known or record.owner) and (hybrid := other_order(record.name)):
            # A hybrid of two models written in the other order ("Transformer-Kestrel") is one thing.
            if all(any(MODEL in part.types for part in by_key.get(keys[name], ())) for name in hybrid):
                variant = Variant("-".join(hybrid), MODEL, respelt=True)
        if variant is not None and (variant.certain or variant.type in record.types):
            targets = [target for target in by_key.get(keys[variant.name], []) if variant.type in target.types]
            if len(targets) == 1 and targets[0] is not record:
                into[id(record)] = targets[0]
                if variant.respelt:
                    respelt[id(record)] = variant.name
    records = _joined(records, into, respelt)
    for target in into.values():  # a node that absorbed variants writes their names too
        names[id(target)] = _names(target)
    # "Foo-OneVision" under ("foo", "OV"): what "Foo-OV" may be written for.
    by_initials: dict[tuple[str, str], list[_Record]] = {}
    for record in records:
        for part in set(map(parts.__getitem__, names[id(record)])):
            if part is not None and not part[2]:
                by_initials.setdefault(part[:2], []).append(record)
    into = {}
    for record in records:
        part = None if record.identity.known or record.owner else parts[record.name]
        if part is not None and part[2]:
            targets = [target for target in by_initials.get(part[:2], []) if set(target.types) & set(record.types)]
            if len(targets) == 1 and targets[0] is not record:
                into[id(record)] = targets[0]
    return _joined(records, into, {})


def _versions_joined(records: list[_Record]) -> list[_Record]:
    """Join the names of one version written with and without its "v" ("Foo-v1.6" and
    "Foo-1.6", "Foo V6" and "Foo 6"): a node no paper introduces joins the other node of
    its type so written, the vocabulary's or the one most papers mention."""
    groups: dict[tuple[str, str], list[_Record]] = {}
    for record in records:
        if (key := unversioned(record.name)) is not None:
            groups.setdefault((key, record.types[0]), []).append(record)
    into: dict[int, _Record] = {}
    for group in groups.values():
        if len(group) > 1 and len({name_key(record.name) for record in group}) > 1:
            target = max(group, key=lambda record: (record.identity.known, len(record.mentions)))
            for record in group:
                if record is not target and not (record.identity.known or record.owner):
                    into[id(record)] = target
    return _joined(records, into, {})


def _joined(records: list[_Record], into: dict[int, _Record], respelt: Mapping[int, str]) -> list[_Record]:
    """The records, each record of ``into`` absorbed by the one it points to (or by the end
    of a chain of such: a node a variant joins may be a variant itself); a record of
    ``respelt`` is another spelling of the name given there."""
    kept = []
    for record in records:
        target, seen = into.get(id(record)), {id(record)}
        while target is not None and id(target) in into and id(target) not in seen:
            seen.add(id(target))
            target = into[id(target)]
        if target is None or id(target) in seen:
            kept.append(record)
            continue
        # Another spelling of a name is named as most papers write it ("Gemini-3" over the few
        # papers' "Gemini-3.0", "Foo-Benchmark"); a size or release never names its family.
        spelt = id(record) in respelt and name_key(target.name) == name_key(respelt[id(record)])
        if spelt and not target.identity.known and len(record.mentions) > len(target.mentions):
            target.name, record.name = record.name, target.name
        target.absorb(record)
    return kept


# A short form as papers write one: letters and digits, two capitals at least ("MAS", "LLaVA").
_SHORT_FORM = re.compile(r"^[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*$")


def _short_forms_joined(records: list[_Record], dates: Mapping[str, str | None]) -> list[_Record]:
    """Join the nodes of one short form's long forms worded alike, and a short form used
    without its definition to the one node that spells it out.

    Long forms of one short form that differ only in the endings of their words, or by
    words the short form skips, are one thing ("Zebra-Routed Attention (ZRA)", "zebra
    routing attention (ZRA)", "Zebra Token Routing Attention (ZRA)"), but for two that
    papers introduce as their own, or two vocabulary concepts. Then a paper's bare "ZRA",
    which no paper of the corpus introduces or defines, is the one node whose names spell
    ZRA out, when none of its papers is older than that node's first (``dates``: paper id
    -> first date); a short form spelt out by several nodes, or of two letters, is left
    alone, as it may be any.
    """
    # Many papers write one pair of forms: each pair's definitions are worked out once, for this merge.
    memo: dict[frozenset[str], _PaperDefinitions] = {}
    defined = [_definitions(record, memo) for record in records]
    spelt: dict[str, list[tuple[_Record, set[_Wording]]]] = {}
    for record, definitions in zip(records, defined, strict=True):
        for short, wordings in definitions.items():
            spelt.setdefault(short, []).append((record, wordings))
    index = {id(record): position for position, record in enumerate(records)}
    sets = UnionFind(len(records))
    for claims in spelt.values():
        for position, (first, first_forms) in enumerate(claims):
            for second, second_forms in claims[position + 1 :]:
                if (first.owner and second.owner) or (first.identity.known and second.identity.known):
                    continue
                owned = bool(first.owner or second.owner)
                if any(_worded_alike(one, two, owned) for one in first_forms for two in second_forms):
                    sets.union(index[id(first)], index[id(second)])
    groups = sets.groups()
    joined = [_by_majority([records[member] for member in group]) for group in groups]
    meaning: dict[str, list[_Record]] = {}
    for group, record in zip(groups, joined, strict=True):
        # A record joined with none defines what it did.
        for short in defined[group[0]] if len(group) == 1 else _definitions(record, memo):
            meaning.setdefault(short, []).append(record)
    shorts = [_bare_short_form(record) for record in joined]
    # The other names of the papers that use a short form bare, which may spell it out their own way.
    users = {paper_id for record, short in zip(joined, shorts, strict=True)
             if short and len(meaning.get(spelling(short), ())) == 1 for paper_id in record.mentions}
    written: dict[str, list[tuple[_Record, str]]] = {}
    for record in joined if users else ():
        for paper_id in users.intersection(record.mentions):
            written.setdefault(paper_id, []).extend((record, surface) for surface in record.mentions[paper_id][1])
    kept = []
    for record, short in zip(joined, shorts, strict=True):
        targets = meaning.get(spelling(short), []) if short else []
        since = _first_date(targets[0], dates) if len(targets) == 1 else None
        if not (
            len(targets) == 1
            and targets[0] is not record
            and all(_not_before(dates.get(paper_id), since) for paper_id in record.mentions)
        ):
            kept.append(record)
            continue
        apart = _spelt_otherwise(short, targets[0], record, written, memo)
        if apart:  # the papers that spell it their own way keep it; the others mean the definition
            joining = _Record(record.identity, record.name, record.types)
            joining.mentions = {paper_id: seen for paper_id, seen in record.mentions.items() if paper_id not in apart}
            record.mentions = {paper_id: seen for paper_id, seen in record.mentions.items() if paper_id in apart}
            kept.append(record)
            record = joining
        if record.mentions:
            targets[0].absorb(record)
    return kept


def _bare_short_form(record: _Record) -> str:
    """The short form a record is, used without its definition ("ZRA"); "" for none. Two
    letters ("PC", "NL", "GD") stand for too many things for one paper's definition to settle."""
    short = singular(record.name)
    bare = not (record.identity.known or record.owner or record.identity.definition)
    return short if bare and sum(map(str.isalpha, short)) >= 3 and _SHORT_FORM.match(short) else ""


def _spelt_otherwise(
    short: str,
    target: _Record,
    record: _Record,
    written: Mapping[str, list[tuple[_Record, str]]],
    memo: dict[frozenset[str], _PaperDefinitions],
) -> set[str]:
    """The papers using a short form bare that write a name of other words whose initials are
    it ("HZD" beside "Hierarchical Zonal Decoding"): there it means that, not what another
    paper defines it as ("Hybrid Zorb Distillation (HZD)")."""
    wordings = {wording for wording, _ in _definitions(target, memo).get(spelling(short), ())}
    return {
        paper_id for paper_id in record.mentions if any(
            other is not target and " " in surface.strip() and _initials(short, surface)
            and _wording(surface) not in wordings
            for other, surface in written.get(paper_id, ())
        )
    }


#: The words of a long form without their endings, and whether their initials are the short form.
_Wording = tuple[tuple[str, ...], bool]
#: What one paper's written forms define: each short form with the wordings of its long forms.
_PaperDefinitions = tuple[tuple[str, frozenset[_Wording]], ...]


def _definitions(record: _Record, memo: dict[frozenset[str], _PaperDefinitions]) -> dict[str, set[_Wording]]:
    """The short forms (by :func:`.canonical.spelling`) that a paper writes beside a long
    form of the record spelling them out, with the wordings of those long forms: what papers
    define it as, one paper at a time, so that a long form of one paper and a short form of
    another never pair ("Reward Reasoning Model" spells "RM" out too, letter by letter)."""
    found: dict[str, set[_Wording]] = {}
    for _, surfaces in record.mentions.values():
        # A short form and a long form are two written forms; most papers write one.
        if len(surfaces) > 1:
            if (definitions := memo.get(surfaces)) is None:
                definitions = memo[surfaces] = _paper_definitions(surfaces)
            for short, wordings in definitions:
                found.setdefault(short, set()).update(wordings)
    return found


def _paper_definitions(surfaces: frozenset[str]) -> _PaperDefinitions:
    """What one paper's written forms of a record define, as :func:`_definitions` gives it."""
    found: list[tuple[str, frozenset[_Wording]]] = []
    if all(" " not in surface.strip() for surface in surfaces):
        return ()  # a long form is of several words (:func:`.abbreviations.long_forms`)
    for short in {singular(surface) for surface in surfaces if len(surface) <= 9}:
        if _SHORT_FORM.match(short) and (forms := long_forms(short, surfaces)):
            found.append((spelling(short), frozenset((_wording(form), _initials(short, form)) for form in forms)))
    return tuple(found)


def _initials(short: str, long_form: str) -> bool:
    """Whether the initials of a long form's words are the letters or the capitals of a short form.

    >>> _initials("MoE", "mixture of experts"), _initials("LoRA", "Low-Rank Adaptation")
    (True, True)
    >>> _initials("RRM", "Reward Models"), _initials("RRM", "reward reasoning models")
    (False, True)
    """
    initials = "".join(word[0] for word in re.split(r"[\s-]+", long_form) if word).upper()
    return initials in (short.upper(), "".join(filter(str.isupper, short)))


def _first_date(record: _Record, dates: Mapping[str, str | None]) -> str | None:
    return min((date for paper_id in record.mentions if (date := dates.get(paper_id))), default=None)


def _wording(long_form: str) -> tuple[str, ...]:
    """The words of a long form without their endings ("Splatting" and "splats" are "splat").

    >>> _wording("Computer-Using Agents"), _wording("computer use agent")
    (('computer', 'us', 'agent'), ('computer', 'us', 'agent'))
    """
    stems = []
    for word in re.split(r"[\W_]+", long_form.lower()):
        for ending in ("ing", "ed", "al", "es", "s", "e"):
            if word.endswith(ending) and len(word) - len(ending) >= 2:
                word = word[: -len(ending)]
                break
        stems.append(word[:-1] if len(word) > 3 and word[-1] == word[-2] else word)
    return tuple(stem for stem in stems if stem)


def _worded_alike(first: _Wording, second: _Wording, owned: bool) -> bool:
    """Whether two wordings of long forms of one short form name one thing: the same words
    (joined or apart), or, when neither is a paper's own, the words of one among the
    other's but for one, the shorter's initials being the short form ("rejection fine-tuning",
    "rejection sampling fine-tuning": RFT); a paper's own "Foo Optimization with Bar" is its
    own thing beside "Foo Optimization", and "reward model" no "RRM"."""
    if "".join(first[0]) == "".join(second[0]):
        return True
    (shorter, strict), (longer, _) = sorted((first, second), key=lambda wording: len(wording[0]))
    return (
        strict and not owned and len(shorter) >= 2 and len(longer) == len(shorter) + 1 and set(shorter) <= set(longer)
    )


def _names(record: _Record) -> set[str]:
    """Every name of a record: its name, its aliases and the forms papers write it in
    ("DA3" where a paper defines "Depth Anything 3 (DA3)")."""
    names = {record.name, *record.aliases}
    for _, surfaces in record.mentions.values():
        names.update(surfaces)
    return names


def _spells_out(record: _Record, entries: list[VocabularyEntry]) -> bool:
    """Whether a defined record is the vocabulary entry of its short form, spelt out: one
    entry, written alike, that has no long form of its own."""
    return (
        bool(record.identity.definition)
        and len(entries) == 1
        and spelling(record.name) in _spellings((entries[0].name, *entries[0].aliases))
        and not spelt_out(record.name, entries[0])
    )


def _by_majority(records: list[_Record]) -> _Record:
    """One record of records naming one thing: typed as most papers type it."""
    first = max(records, key=lambda record: (len(record.mentions), record.identity.known))
    keeper = next((record for record in records if record.identity.known), first)
    keeper.types = first.types
    for record in records:
        if record is not keeper:
            keeper.absorb(record)
    return keeper


def _most_used_name(record: _Record, entry: VocabularyEntry) -> str:
    """The name of a vocabulary concept that most papers of the corpus write: its canonical
    name, or an alias the papers prefer ("CoT" where papers rarely spell chain-of-thought out).

    Only the entry's own spellings compete (never a sized variant such as "LLaMA-2-7B"); a
    lower-case alias is a spelling or a verb form of a term ("fine-tune") and never replaces it,
    nor does a short form in capitals replace a generic term ("LLM", large language model: the
    papers that spell it out write the term); the canonical name wins a tie.
    """
    generic = entry.name.islower() and " " in entry.name
    named_aliases = [
        alias for alias in reversed(entry.aliases) if not alias.islower() and not (generic and alias.isupper())
    ]
    spellings = {name_key(spelling): spelling for spelling in (*named_aliases, entry.name)}
    papers: Counter[str] = Counter()
    for _, surfaces in record.mentions.values():
        papers.update({spellings[key] for key in map(name_key, surfaces) if key in spellings})
    if not papers:
        return record.name
    return max(papers.items(), key=lambda item: (item[1], item[0] == entry.name))[0]


def _long_form(record: _Record) -> str:
    """The long form a defined short form stands for, as most papers spell it."""
    spellings: Counter[str] = Counter()
    for _, surfaces in record.mentions.values():
        spellings.update(surface for surface in surfaces if name_key(surface) == record.identity.definition)
    return _most_common(spellings) if spellings else record.identity.definition


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
                record.identity,
                entry.name if entry else rule.replace_by,
                rule.types or (entry.types if entry else record.types),
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
    # Ids are given most widespread first, so that of two names with one slug the one more
    # papers mention keeps the plain id whatever the other's name ("RoPE" before a "ROPE").
    records = sorted(records, key=lambda record: (-len(record.mentions), record.name, record.types, *record.order()))
    concepts, rows = [], []
    for identifier, record in zip(unique_ids([record.name for record in records]), records, strict=True):
        aliases = {alias for alias in record.aliases if alias != record.name}
        for paper_id, (count, surfaces) in record.mentions.items():
            aliases.update(surfaces)
            ordered = tuple(surfaces) if len(surfaces) == 1 else tuple(sorted(surfaces, key=_alias_order))
            rows.append((paper_id, identifier, count, ordered))
        aliases.discard(record.name)
        concepts.append(Concept(identifier, record.name, record.types, tuple(sorted(aliases, key=_alias_order))))
    concepts.sort(key=lambda concept: concept.id)
    rows.sort()  # by paper id, then concept id: each pair is unique, so the tuples never tie
    return Extraction(tuple(concepts), tuple(Mention(*row) for row in rows))


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
    import pandas as pd  # here: the build itself makes no table

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
