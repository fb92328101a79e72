"""Typing evidence: what the words of a paper say a name is, and the vote that decides.

Each rule reads the text around a name and returns a type (or "-" for no concept):

- :func:`head_type` and :func:`tail_type`: the name's own head noun ("... dataset") or tail
  ("LiveCodeBench", "SmoothQuant");
- :func:`context_type` and :func:`called_type`: the words around it ("X, a new benchmark for
  ...", "a model called X");
- :func:`list_type` and :func:`listed_with`: lists in evaluation sentences ("experiments on X,
  Y and Z"), or lists holding a known dataset;
- :func:`introducer_type`: "a two-stage framework, X";
- :func:`title_head`: the "MKOR: Momentum-Enabled ..." head of a title.

:class:`Evidence` gathers the votes for one name in one paper (weights in
:class:`~.records.Weight`), and :func:`winner` decides its type.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from itertools import compress

from papergraph.schema import DATASET, HARDWARE, METHOD, MODEL
from papergraph.types import CONCEPT_TYPES

from .canonical import word_list
from .records import TitleHead
from .tokens import NOT_CONCEPTS, WORD, Tokens, camel_parts, is_name_like

__all__ = [
    "HEAD_NOUNS",
    "NOT_A_CONCEPT",
    "Evidence",
    "called_type",
    "context_type",
    "head_type",
    "introducer_type",
    "list_type",
    "listed_with",
    "non_concepts",
    "own_method",
    "tail_type",
    "title_head",
    "winner",
]

NOT_A_CONCEPT = "-"


#: Head nouns and the type they give the name they head; "-" marks heads of things that
#: are no concept (metrics, tasks, languages), which veto the name.
HEAD_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        word_list("dataset datasets benchmark benchmarks corpus corpora suite testbed bench leaderboard "
        "collection database arena"),
        DATASET,
    ),
    **dict.fromkeys(
        word_list("model models llm llms lm lms mllm mllms vlm vlms lmm lmms family network networks net "
        "transformer transformers "
        "backbone encoder decoder autoencoder classifier detector gan vae perceptron "
        "retriever retrievers reranker rerankers embedder architecture foundation"),
        MODEL,
    ),
    **dict.fromkeys(
        word_list("method methods framework frameworks approach algorithm algorithms technique techniques "
        "system pipeline strategy mechanism optimizer optimiser scheme paradigm module engine "
        "toolkit recipe procedure protocol methodology loss regularizer attention decoding encoding "
        "embedding embeddings learning training tuning finetuning fine-tuning pretraining "
        "pre-training distillation quantization quantisation pruning optimization "
        "optimisation sampling search regularization normalization augmentation adaptation "
        "prompting parallelism sharding offloading caching scheduling scheduler batching "
        "compression sparsification merging descent propagation convolution pooling gating "
        "routing steering unlearning splatting decomposition factorization initialization "
        "inference planner solver compiler runtime kernel kernels attack defense refinement "
        "enrichment alignment masking voting ensemble modeling modelling forcing penalty "
        "matching tokenizer branch layer block head sink prefix token tokens"),
        METHOD,
    ),
    **dict.fromkeys(
        word_list("gpu gpus tpu npu fpga asic accelerator accelerators chip chips processor processors "
        "unit units circuit cluster supercomputer soc microcontroller"),
        HARDWARE,
    ),
    **dict.fromkeys(
        word_list("metric metrics score scores measure index task tasks problem problems challenge "
        "language languages library libraries format interface api study survey analysis "
        "evaluation rate ratio error accuracy precision recall distance divergence deviation "
        "test tests game company lab team university project license hypothesis olympiad competition "
        "conference workshop institute organization organisation agency association information"),
        NOT_A_CONCEPT,
    ),
}


# Task nouns head the long forms of tasks ("Visual Question Answering (VQA)"), which are no
# concept; unlike the heads above they do not veto a name they follow ("FooNet segmentation").
_TASK_HEADS = frozenset(
    word_list("answering recognition detection segmentation classification prediction estimation tracking "
    "summarization translation localization captioning understanding reasoning planning driving "
    "forecasting completion navigation diagnosis generation synthesis editing scoring "
    "repair extraction restoration super-resolution try-on proving assessment personalization recommendation "
    "linking removal interpolation "
    # a kind of exchange or a file format ("Emotional Support Conversation", "Scalable Vector Graphics")
    "conversation conversations dialogue dialogues graphics")
)


# A system for evaluating is a benchmark ("an online evaluation framework", "a benchmark suite").
_EVALUATION_WORDS = frozenset(word_list("evaluation evaluating benchmark benchmarking"))


_EVALUATION_SYSTEMS = frozenset(
    word_list("framework frameworks system systems toolkit platform platforms environment environments sandbox "
              "harness suite testbed")
)


# Kinds of data head unnamed data ("Electronic Health Records"), no dataset; like the task
# heads they do not veto a name they follow ("FooSet images").
_DATA_KINDS = frozenset(word_list("records logs notes reports documents images videos texts"))


# Tails of CamelCase or hyphenated names that give their type ("LiveCodeBench", "BioBERT").
_TAIL_TYPES: dict[str, str] = {
    **dict.fromkeys(word_list("bench benchmark eval qa set data corpus arena gym"), DATASET),
    **dict.fromkeys(
        word_list("net former gpt bert llm lm vit gan vae diffusion clip llama llava mamba rwkv yolo "
        "vl vla vlm mllm coder model embed"),
        MODEL,
    ),
    **dict.fromkeys(
        word_list("attention attn lora prompt prompting decoding quant prune pruning optimizer opt "
        "search sampler sampling distill tuning rag cache kv align rl po"),
        METHOD,
    ),
    **dict.fromkeys(word_list("gpu tpu npu fpga chip accelerator"), HARDWARE),
    **dict.fromkeys(word_list("score"), NOT_A_CONCEPT),  # a metric: "BERTScore"
}


_BENCH_PARTS = frozenset(("bench", "benchmark"))


# Known techniques whose mixed capitals CamelCase splitting breaks apart ("Lo"+"RA").
_FUSED_TAILS = re.compile(r"(?:LoRA|NeRF)$")


# "unit" heads hardware only as a processing unit ("Tensor Processing Unit").
_UNITS = frozenset(word_list("unit units"))


_TAIL_SEPARATORS = re.compile(r"[-_ ]+")


_PREPOSITIONS = frozenset(word_list("of for from with in on via by to using over under through"))


# Heads of what a paper may introduce as its own method though they name a task or a study
# ("we introduce Next Sequence Prediction (NSP)", "we introduce Conditional Pathway Analysis").
_OWN_METHOD_HEADS = _TASK_HEADS | {"analysis"}


def own_method(phrase: str) -> bool:
    """Whether a phrase headed by a task or a study names a method when a paper introduces it.

    >>> [own_method(phrase) for phrase in ("Next Sequence Prediction", "Pathway Analysis", "Word Error Rate")]
    [True, True, False]
    """
    words = _head_words(phrase)
    return bool(words) and words[-1] in _OWN_METHOD_HEADS


def _head_words(phrase: str) -> list[str]:
    """The lower-case words of a phrase up to its first preposition ("Mixture *of* Experts")."""
    words = [word.lower() for word in WORD.findall(phrase)]
    for position, word in enumerate(words):
        if word in _PREPOSITIONS and position > 0:
            return words[:position]
    return words


@lru_cache(maxsize=200_000)
def head_type(phrase: str) -> str | None:
    """The type a phrase gets from its head noun, "-" when it names no concept, else None.

    The head is the last word before the first preposition ("Mixture *of* Experts" is
    headed by "mixture"), else the last word.

    Examples
    --------
    >>> head_type("Low-Rank Adaptation"), head_type("Reinforcement Learning from Human Feedback")
    ('method', 'method')
    >>> head_type("a new benchmark"), head_type("Word Error Rate"), head_type("Visual Question Answering")
    ('dataset', '-', '-')
    >>> head_type("Sequential Grounding Refinement"), head_type("Visual Attribute Binding")
    ('method', None)
    >>> head_type("Image-to-Video"), head_type("Natural Language Inference"), head_type("Electronic Health Records")
    ('-', '-', '-')
    >>> head_type("Holistic Evaluation Framework"), head_type("Collective Evaluation Platform")
    ('dataset', 'dataset')
    """
    words = _head_words(phrase)
    if not words:
        return None
    head = words[-1]
    if head in _TASK_HEADS or head in _DATA_KINDS or "-to-" in head or words[:2] == ["natural", "language"]:
        # a task ("Image-to-Video", "Natural Language Inference") or a kind of data ("Health Records")
        return NOT_A_CONCEPT
    if head in _UNITS and words[-2:-1] != ["processing"]:
        return None  # a "Gated Recurrent Unit" is no processor
    if head in _EVALUATION_SYSTEMS and len(words) > 1 and words[-2] in _EVALUATION_WORDS:
        return DATASET
    return HEAD_NOUNS.get(head) or HEAD_NOUNS.get(head.rsplit("-", 1)[-1])


@lru_cache(maxsize=200_000)
def tail_type(name: str) -> str | None:
    """The type a name gets from its last CamelCase or hyphenated part, or None.

    Numbers and version tags at the end are skipped ("MobileNetV2" ends in "Net").

    Examples
    --------
    >>> tail_type("LiveCodeBench"), tail_type("BioBERT"), tail_type("SmoothQuant"), tail_type("SWE-bench")
    ('dataset', 'model', 'method', 'dataset')
    >>> tail_type("MobileNetV2"), tail_type("EfficientTAM")
    ('model', None)

    A benchmark part inside the name makes it a benchmark ("ARMBench-VL", "MMBench-Video"),
    and a name fused to a known technique in its own capitals is that kind of technique
    ("DyLoRA", "IllumiNeRF"):

    >>> tail_type("ARMBench-VL"), tail_type("DyLoRA"), tail_type("IllumiNeRF"), tail_type("LoRA")
    ('dataset', 'method', 'method', None)
    """
    parts = [part for piece in _TAIL_SEPARATORS.split(name) for part in camel_parts(piece)]
    while parts and (parts[-1][0].isdigit() or parts[-1] in ("V", "v")):
        parts.pop()
    if len(parts) < 2:
        return None
    if " " not in name and any(part.lower() in _BENCH_PARTS for part in parts[1:-1]):
        return DATASET  # "MMBench-Video"; a phrase's "Cross-Benchmark Ranking Consistency" is none
    fused = _FUSED_TAILS.search(name)
    if fused and fused.start() > 0 and name[fused.start() - 1].isalpha():
        return METHOD
    return _TAIL_TYPES.get(parts[-1].lower())


_APPOSITION = re.compile(
    r"^\s*[)}]?\s*(?:,|:|\u2014|--|\()?\s*(?:which\s+is\s+|is\s+)?(?:a|an|the|our|one)\s+((?:[\w-]+,?\s*){1,6})"
)


# The last item of a list, and the subject of a main clause after it.
_LAST_ITEM = re.compile(r"\b(?:and|or)\s+$")


_MAIN_CLAUSE = re.compile(r"\s*,\s*(?:our|the|this|its|their)\s")


_APPOSITION_STOP = frozenset(word_list("that which who to whose where when and"))


# Participles that open a clause on what the thing holds ("a benchmark comprising 30 tasks"):
# like a preposition, they end the head phrase once it has a head; the nouns after them
# are its contents, not what it is.
_CONTENT_VERBS = frozenset(
    word_list("comprising containing consisting spanning covering featuring including encompassing "
              "involving incorporating")
)


# A split of data ("a test set", "the training data"): the kind is no head of its own there.
_SPLITS = frozenset(word_list("data set sets split splits"))


_SPLIT_KINDS = frozenset(word_list("training train test testing evaluation validation calibration held-out"))


_NEXT_WORD = re.compile(r"^\s*(?:[)}]\s*)?([A-Za-z][\w-]*)")


# Nouns that, right after a name, say what it is ("X dataset", "X model"); other heads
# right after a name usually make a compound about it ("PDE solver", "X attention"), and
# "X score" is a score on or of X.
_NEXT_HEADS = frozenset(
    word_list("dataset datasets benchmark benchmarks corpus suite leaderboard model models llm llms network "
    "networks architecture backbone framework method algorithm system approach technique optimizer "
    "pipeline gpu gpus accelerator chip processor")
) | ({word for word, found in HEAD_NOUNS.items() if found == NOT_A_CONCEPT} - {"score", "scores", "accuracy"})


_CALLED = re.compile(r"\b([A-Za-z][\w-]*)\s*,?\s+(?:called|named|dubbed|termed|coined)\s*$", re.IGNORECASE)


# The naming words _CALLED ends with: the window before a name rarely ends so, and testing
# its end first spares the regex, which tries every word of the window.
_CALLING = word_list("called named dubbed termed coined")


# "the leading model, DiverGen,": a singular head noun, then the name in apposition,
# closed by a comma (not "On the X datasets, Y achieves").
_HEAD_THEN_NAME = re.compile(r"\b(?:the|a|an|our|its|their)\s+(?:[\w-]+\s+){0,3}?([A-Za-z][\w-]*[^\Ws])\s*,\s*$")


_CLOSED_BY_COMMA = re.compile(r"[^\s,()]+\s*,")


def context_type(text: str, start: int, end: int) -> tuple[str | None, int]:
    """The type the words around a name at ``text[start:end]`` give it, with a weight.

    Looks at the next word ("X dataset"), an apposition ("X, a new benchmark for ...",
    "X (a language model ...)", "X is a model"; a LaTeX brace may close the name) and "a
    benchmark called X". Returns ``(None, 0)`` without a cue and ``("-", weight)`` when the
    name is headed by a non-concept noun ("X, a new metric").

    Examples
    --------
    >>> text = "We build WildBench, a new benchmark of tasks, and the Foo dataset."
    >>> context_type(text, 9, 18), context_type(text, 54, 57)
    (('dataset', 3), ('dataset', 3))
    >>> context_type("SafeGround, a new set of metrics", 0, 10)
    ('-', 3)
    >>> context_type("X, a large-scale, curated benchmark for QA", 0, 1)
    ('dataset', 3)
    >>> context_type("X, an online evaluation framework for code", 0, 1)
    ('dataset', 3)
    >>> context_type("X, a benchmark comprising 30 tasks", 0, 1), context_type("X, a set containing 9 metrics", 0, 1)
    (('dataset', 3), ('-', 3))
    >>> context_type("X, a unified and scalable model", 0, 1), context_type("X, a tool and a dataset", 0, 1)
    (('model', 3), (None, 0))
    >>> text = "On A, B and X, our model wins; we add Y, our new model."
    >>> context_type(text, 12, 13), context_type(text, 38, 39)
    ((None, 0), ('model', 3))
    """
    after = text[end : end + 80]
    next_word = _NEXT_WORD.match(after)
    if next_word and not after.lstrip().startswith(")") and next_word.group(1).lower() in _NEXT_HEADS:
        return HEAD_NOUNS[next_word.group(1).lower()], 3
    apposition = _APPOSITION.match(after)
    if apposition and _LAST_ITEM.search(text, max(0, start - 5), start) and _MAIN_CLAUSE.match(after):
        apposition = None  # "On A, B and X, our model wins": the main clause begins, no apposition to X
    if apposition:
        # The head is the last typing noun before a preposition ("a new challenge
        # benchmark for ..."), else the first one after it ("a new set of metrics").
        heads: list[str] = []
        words = apposition.group(1).lower().replace(",", " ").split()
        for position, word in enumerate(words):
            # "and" between two adjectives ("a unified and scalable model") goes on.
            adjectives = word == "and" and not heads and words[position + 1 : position + 2] not in ([], ["a"], ["an"])
            if (word in _APPOSITION_STOP and not adjectives) or (
                heads and (word in _PREPOSITIONS or word in _CONTENT_VERBS)
            ):
                break
            if word in _SPLITS and position and words[position - 1] in _SPLIT_KINDS:
                # "the training data of X", "a test set": a split of data, whatever "training" heads
                heads[-1:] = [DATASET] if words[position - 1] in HEAD_NOUNS else [*heads[-1:], DATASET]
            elif word in _EVALUATION_SYSTEMS and position and words[position - 1] in _EVALUATION_WORDS:
                # "an online evaluation framework", "a benchmark framework": a benchmark
                heads[-1:] = [DATASET] if words[position - 1] in HEAD_NOUNS else [*heads[-1:], DATASET]
            elif word in HEAD_NOUNS:
                heads.append(HEAD_NOUNS[word])
        if heads:
            return heads[-1], 3
    return called_type(text, start)


def called_type(text: str, start: int) -> tuple[str | None, int]:
    """The type "a benchmark called / named / dubbed" gives the name at ``start``, with a weight.

    A head noun in apposition before the name ("the leading model, DiverGen") counts too.

    >>> called_type("a modular framework named YARN", 26), called_type("we propose YARN", 11)
    (('method', 2), (None, 0))
    >>> called_type("it beats the leading model, DiverGen, by far", 28)
    ('model', 2)
    >>> called_type("On the benchmark, FooNet wins", 18)
    (None, 0)
    """
    window = text[max(0, start - 60) : start]
    tail = window.rstrip()[-6:]
    # Outside ASCII, IGNORECASE matches more than lower() spells ("ı" is an "i").
    before = _CALLED.search(window) if not tail.isascii() or tail.lower().endswith(_CALLING) else None
    if before is None and tail.endswith(",") and _CLOSED_BY_COMMA.match(text, start):
        before = _HEAD_THEN_NAME.search(window)
    if before:
        found = HEAD_NOUNS.get(before.group(1).lower())
        if found:
            return found, 2
    return None, 0


_LIST_BEFORE = re.compile(
    r"(?:\b(?:on|across|over|including|includes?|such as|namely|like|e\.g\.,?|i\.e\.,?)|(?<=\w):)\s+(?:the\s+)?"
    r"(?:[\w.+/-]+\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+)(?:the\s+)?)*$"
)


# What the text before a list item ends with, white space aside, when _LIST_BEFORE can match
# (a list word, "the", "and", "or", a separator): one test spares most searches.
_LIST_BEFORE_ENDS = (
    ",", ".", ":", "&", *word_list("on across over including include includes as namely like the and or")
)


_EVALUATION = re.compile(
    r"experiment|evaluat|benchmark|dataset|\bresults?\b|outperform|achiev|state-of-the-art|"
    r"\bSOTA\b|accuracy|\btested\b|performance|surpass|\bscores?\b|improvement",
    re.IGNORECASE,
)


# The noun a list follows ("baselines, including X, Y"; "models such as X") types its items.
_LIST_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        word_list("baseline baselines method methods approaches algorithms techniques optimizers"), METHOD
    ),
    **dict.fromkeys(word_list("models llms vlms architectures backbones"), MODEL),
    **dict.fromkeys(word_list("datasets benchmarks corpora"), DATASET),
    **dict.fromkeys(word_list("metrics measures scores"), NOT_A_CONCEPT),
}


_LIST_NOUN = re.compile(r"([A-Za-z]+)\s*[,(]?\s*$")


_ON = tuple(word_list("on across over"))


def list_type(text: str, start: int) -> str | None:
    """The type of the word at ``start`` as an item of an "on X, Y and Z" list, or None.

    Items of a list after a typing noun ("baselines such as X") get its type; items of
    other lists in a sentence about evaluation are datasets.

    Examples
    --------
    >>> text = "Experiments on FooQA, BarSet and the Baz-1k benchmark show gains. We use FooNet."
    >>> [list_type(text, text.index(name)) for name in ("FooQA", "BarSet", "Baz-1k", "FooNet")]
    ['dataset', 'dataset', 'dataset', None]
    >>> text = "It outperforms strong baselines, including OPD and EOPD, on math benchmarks."
    >>> list_type(text, text.index("EOPD"))
    'method'
    >>> text = "We evaluate FooNet and baselines on BarBench, BazVideo, and QuxSet."
    >>> list_type(text, text.index("BazVideo"))
    'dataset'
    >>> text = "Even the best models (e.g., FooEmb and BarLM) fail on the benchmark."
    >>> list_type(text, text.index("BarLM"))
    'model'
    >>> text = "It wins on three benchmarks: Nr3D, Sr3D, and ScanRef."
    >>> list_type(text, text.index("Sr3D")), list_type(text, text.index("ScanRef"))
    ('dataset', 'dataset')
    """
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    if not text[sentence_start:start].rstrip().endswith(_LIST_BEFORE_ENDS):
        return None
    found = _LIST_BEFORE.search(text, sentence_start, start)
    if not found:
        return None
    noun = _LIST_NOUN.search(text, max(sentence_start, found.start() - 30), found.start())
    # "baselines such as X, Y" are baselines; "baselines on X, Y" are run on data
    if noun and noun.group(1).lower() in _LIST_NOUNS and not found.group().startswith(_ON):
        return _LIST_NOUNS[noun.group(1).lower()]
    sentence_end = text.find(". ", start)
    evaluation = _EVALUATION.search(text, sentence_start, len(text) if sentence_end < 0 else sentence_end)
    return DATASET if evaluation else None


_LIST_ITEM = r"[A-Z][\w.]*(?:-[\w.]+)*"


# Runs of two or more capitalised items joined by commas, "and" or "or" ("ScanNet, TUM and Bonn").
_NAME_LIST = re.compile(rf"{_LIST_ITEM}(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+){_LIST_ITEM})+")


_LIST_ITEMS = re.compile(_LIST_ITEM)


_SENTENCE_ENDS = ("", ".", "!", "?", "\n")


def _list_item(text: str, start: int) -> bool:
    """Whether a capitalised word in a list starts an item of its own: not a sentence
    ("... ImageNet. Additionally, X"), nor the second word of a name ("Claude Code").

    >>> text = "Notably, ScanNet and Claude Code"
    >>> [_list_item(text, text.index(word)) for word in ("Notably", "ScanNet", "Claude", "Code")]
    [False, True, True, False]
    """
    before = text[max(0, start - 40) : start].rstrip(" ")
    if before[-1:] in _SENTENCE_ENDS:
        return False
    word = before.rsplit(None, 1)[-1]
    return not word[0].isupper() or not word[-1].isalnum()


class _NonConceptParts(dict):
    """Each word as written -> the offsets in it of its capitalised parts (between dots) that
    name no concept, found on first sight: one lookup per token, at C speed."""

    def __missing__(self, word: str) -> tuple[int, ...]:
        if len(self) >= 200_000:
            self.clear()
        offsets, at = [], 0
        for part in word.split("."):
            if "A" <= part[0] <= "Z" and part.lower() in NOT_CONCEPTS:
                offsets.append(at)
            at += len(part) + 1
        found = self[word] = tuple(offsets)
        return found


_NON_CONCEPT_PARTS = _NonConceptParts()


def non_concepts(tokens: Tokens, floor: int) -> set[int]:
    """The starts of capitalised words after ``floor`` that name no concept: libraries,
    organisations, metrics ("NumPy", "OpenAI", "BLEU"; :data:`~.tokens.NOT_CONCEPTS`).

    A word starts at a token or after a dot inside one, and ends before the next dot.

    >>> from papergraph.extract.tokens import tokenize
    >>> text = "Tools: Open3D, NumPy, and OpenCV from Google; the BLEU score is low (v1.Rust)."
    >>> sorted(text[start : start + 5] for start in non_concepts(tokenize(text), 0))
    ['BLEU ', 'Googl', 'NumPy', 'Rust)']
    """
    words, starts, parts = tokens.words, tokens.starts, _NON_CONCEPT_PARTS
    return {
        starts[index] + offset
        for index in compress(range(len(words)), map(parts.__getitem__, words))
        for offset in parts[words[index]]
        if starts[index] + offset >= floor
    }


# A list's separator right after an item ("X, Y", "X and Y"); and the text between items and
# separators: every character of an item, none of a separator but "and" and "or".
_SEPARATOR_AFTER = re.compile(r"\s*,|\s+(?:and|or)\s")
_LAST_BREAK = re.compile(r"[\s,][^\s,]*\Z")
_BREAK = re.compile(r"[\s,]")


def _beside_separator(text: str, start: int) -> bool:
    """Whether the word at ``start`` may be in an item of a list (:data:`_NAME_LIST`): a test that
    spares most scans, and never says no where a list holds it.

    An item is no longer than the run of characters other than white space and commas around it,
    and in a list of two items or more each has a separator right after that run or right before
    it: a comma, "and" or "or". Where the run reaches past 64 characters before ``start``, yes.

    >>> text = "Experiments on FooQA, BarSet and Baz-Qux. The NumPy library"
    >>> [_beside_separator(text, text.index(word)) for word in ("FooQA", "BarSet", "Qux", "NumPy")]
    [True, True, True, False]
    """
    window = max(0, start - 64)
    last = _LAST_BREAK.search(text, window, start)
    if last is None and window > 0:
        return True
    first = 0 if last is None else last.start() + 1
    following = _BREAK.search(text, start)
    end = len(text) if following is None else following.start()
    if text[first:end] in ("and", "or") or _SEPARATOR_AFTER.match(text, end):
        return True
    before = text[max(0, first - 64) : first].rstrip()
    return before.endswith((",", "and", "or")) or (not before and first > 64)


def listed_with(text: str, known: set[int], floor: int) -> set[int]:
    """The starts of the items of lists that also hold a known dataset (at a start in ``known``).

    Names listed with a dataset are datasets too: "on Imagewoof and ImageNet-1k". Only
    lists after ``floor`` (the title) count, where capitals mean names.

    Examples
    --------
    >>> text = "We test on ScanNet, TUM and Bonn. We thank Alice and Bob. Notably, ScanNet is hard."
    >>> sorted(text[start:start + 3] for start in listed_with(text, {11, 67}, 0))
    ['Bon', 'TUM']
    """
    found: set[int] = set()
    for dataset in sorted(known):
        if dataset < floor or dataset in found or not _beside_separator(text, dataset):
            continue
        # Only the text around a known dataset is searched: a list holding it is near.
        for run in _NAME_LIST.finditer(text, max(floor, dataset - 200), dataset + 200):
            if run.start() <= dataset < run.end():
                starts = [run.start() + item.start() for item in _LIST_ITEMS.finditer(run.group())]
                found.update(start for start in starts if start not in known and _list_item(text, start))
    return found


_INTRODUCER = re.compile(r"\b(?:a|an|our|the)\s+(?:[\w-]+\s+){0,5}?([\w-]+)\s*,\s*$", re.IGNORECASE)


def introducer_type(text: str, start: int) -> str | None:
    """The type an introducing phrase before a name gives it ("a two-stage framework, X").

    Examples
    --------
    >>> text = "we present a theoretically inspired two-stage framework, CriticVLA, which"
    >>> introducer_type(text, text.index("CriticVLA")), introducer_type("we propose FooNet", 11)
    ('method', None)
    """
    found = _INTRODUCER.search(text, max(0, start - 80), start)
    if not found:
        return None
    return HEAD_NOUNS.get(found.group(1).lower())


# Title heads that say what kind of paper it is ("Position: LLMs Must ...").
_TITLE_GENRES = frozenset(
    word_list("position survey review tutorial perspective overview commentary editorial roadmap")
)


_TITLE_HEAD = re.compile(r"^\s*([^:]{2,40}?)\s*:\s+(.+)$")


# A subtitle about evaluating ("Evaluating LLM Agents on ...", "A Simulator for Evaluating ..."): a benchmark.
_EVALUATING = re.compile(r"^(?:evaluating|assessing|measuring)\b|\bfor (?:evaluating|assessing|measuring)\b")


def title_head(title: str) -> TitleHead | None:
    """The name heading a title ("MKOR: Momentum-...") and the type its subtitle gives.

    The head must be one to three words, at least one of them a name (an acronym,
    CamelCase, or a capitalised word with digits) or a single capitalised word. The
    subtitle's type comes from "A Benchmark for ..." / "... Dataset" / "... Models".

    Examples
    --------
    >>> head = title_head("MKOR: Momentum-Enabled Kronecker-Factor-Based Optimizer Using Rank-1 Updates")
    >>> head.name, head.type
    ('MKOR', 'method')
    >>> title_head("CodeArena: A Benchmark for Code Agents").type, title_head("Learning to Rank: a survey")
    ('dataset', None)
    >>> title_head("Position: LLMs Must Use RAG")

    A subtitle about evaluating names a benchmark:

    >>> title_head("FooSim: A Simulator for Evaluating Agents").type, title_head("BarEval: Evaluating LLMs").type
    ('dataset', 'dataset')
    >>> title_head("BazArena: A Collective Evaluation Platform for Code").type
    'dataset'
    """
    match = _TITLE_HEAD.match(title)
    if not match:
        return None
    head, subtitle = match.group(1).strip(), match.group(2)
    words = head.split()
    if len(words) > 3 or head.lower() in NOT_CONCEPTS or head.lower() in _TITLE_GENRES:
        return None
    named = any(is_name_like(part) for word in words for part in word.split("-"))
    if not named and not (len(words) == 1 and head[0].isupper() and head[1:].islower() and len(head) > 3):
        return None
    found = None
    if re.match(r"(?:an?|the)\s", subtitle, re.IGNORECASE):
        found = head_type(" ".join(subtitle.split()[:5]))
    if found is None:
        lowered = subtitle.lower()
        if re.search(r"\b(?:benchmark|benchmarking|dataset|corpus)s?\b", lowered) or _EVALUATING.search(lowered):
            found = DATASET
        elif re.search(r"\bmodels?\b|\bllms?\b", lowered) and not re.search(r"\bfor\b.*\bmodels?\b", lowered):
            found = MODEL
        else:
            return TitleHead(head, METHOD, title, cued=False)
    if found == NOT_A_CONCEPT:
        return None
    return TitleHead(head, found, title)


class Evidence:
    """The evidence for a name no vocabulary knows, in one paper: its spellings and type votes."""

    __slots__ = ("definition", "forms", "introduced", "name", "surfaces", "votes")

    def __init__(self, name: str, definition: str = ""):
        self.name = name
        #: the key of the long form the paper defined the name as, if it did
        self.definition = definition
        self.surfaces: set[str] = set()
        self.forms: set[tuple[str, ...]] = set()
        self.votes: dict[str, int] = {}  # a plain dict: made for every name of every paper, cheaper than a Counter
        #: whether the paper introduces the name as its own ("we propose X", "X: ..." title)
        self.introduced = False

    def see(self, tokens: Tokens, first: int, stop: int) -> None:
        self.surfaces.add(tokens.span(first, stop))
        self.forms.add(tokens.words[first:stop])

    def vote(self, concept_type: str | None, weight: int) -> None:
        if concept_type and weight:
            self.votes[concept_type] = self.votes.get(concept_type, 0) + weight

    def type(self) -> str | None:
        return winner(self.votes)


def winner(votes: Mapping[str, int]) -> str | None:
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
