"""Rules that read the structure of scientific prose to find and type unknown names.

Each rule is a small function over the text of one paper:

- :func:`abbreviations` finds Schwartz–Hearst definitions, "Low-Rank Adaptation (LoRA)";
- :func:`introduced_starts` finds names a paper introduces ("we propose EfficientTAM",
  "a framework dubbed X");
- :func:`list_type` types the items of lists in evaluation sentences ("experiments on
  X, Y and Z" are datasets, "baselines such as X and Y" methods);
- :func:`hardware_models` finds hardware model numbers ("RTX 4090", "Ascend 910B");
- :func:`title_head` reads the "MKOR: Momentum-Enabled ..." head of a title;
- :func:`head_type`, :func:`tail_type` and :func:`context_type` give a name its type from
  its head noun ("... dataset"), its tail ("LiveCodeBench", "SmoothQuant") and the words
  around it ("X, a new benchmark for ...").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .tokens import NOT_CONCEPTS, camel_parts, is_name_like

__all__ = [
    "HEAD_NOUNS",
    "head_type",
    "tail_type",
    "context_type",
    "abbreviations",
    "introduced_starts",
    "list_type",
    "listed_with",
    "introducer_type",
    "called_type",
    "hardware_models",
    "title_head",
]

_NOT_A_CONCEPT = "-"

#: Head nouns and the type they give the name they head; "-" marks heads of things that
#: are no concept (metrics, tasks, languages), which veto the name.
HEAD_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        "dataset datasets benchmark benchmarks corpus corpora suite testbed bench leaderboard "
        "collection database arena".split(),
        "dataset",
    ),
    **dict.fromkeys(
        "model models llm llms lm lms mllm mllms vlm vlms lmm lmms family network networks net transformer transformers "
        "backbone encoder decoder autoencoder classifier detector gan vae perceptron "
        "architecture foundation".split(),
        "model",
    ),
    **dict.fromkeys(
        "method methods framework frameworks approach algorithm algorithms technique techniques "
        "system pipeline strategy mechanism optimizer optimiser scheme paradigm module engine "
        "toolkit recipe procedure protocol loss regularizer attention decoding encoding "
        "embedding embeddings learning training tuning finetuning fine-tuning pretraining "
        "pre-training distillation quantization quantisation pruning optimization "
        "optimisation sampling search regularization normalization augmentation adaptation "
        "prompting parallelism sharding offloading caching scheduling scheduler batching "
        "compression sparsification merging descent propagation convolution pooling gating "
        "routing steering unlearning splatting decomposition factorization initialization "
        "inference planner solver compiler runtime kernel kernels attack defense refinement "
        "enrichment alignment masking voting ensemble modeling modelling forcing penalty "
        "matching tokenizer branch layer block head sink prefix token tokens".split(),
        "method",
    ),
    **dict.fromkeys(
        "gpu gpus tpu npu fpga asic accelerator accelerators chip chips processor processors "
        "unit units circuit cluster supercomputer soc microcontroller".split(),
        "hardware",
    ),
    **dict.fromkeys(
        "metric metrics score scores measure index task tasks problem problems challenge "
        "language languages library libraries format interface api study survey analysis "
        "evaluation rate ratio error accuracy precision recall distance divergence "
        "test tests game company lab team university project license hypothesis olympiad competition "
        "conference workshop institute organization organisation agency association information".split(),
        _NOT_A_CONCEPT,
    ),
}
# Task nouns head the long forms of tasks ("Visual Question Answering (VQA)"), which are no
# concept; unlike the heads above they do not veto a name they follow ("FooNet segmentation").
_TASK_HEADS = frozenset(
    "answering recognition detection segmentation classification prediction estimation tracking "
    "summarization translation localization captioning understanding reasoning planning driving "
    "forecasting completion navigation diagnosis generation synthesis editing scoring".split()
)

# Tails of CamelCase or hyphenated names that give their type ("LiveCodeBench", "BioBERT").
_TAIL_TYPES: dict[str, str] = {
    **dict.fromkeys("bench benchmark eval qa set data corpus arena".split(), "dataset"),
    **dict.fromkeys(
        "net former gpt bert llm lm vit gan vae diffusion clip llama llava mamba rwkv yolo "
        "vl vla vlm mllm coder model".split(),
        "model",
    ),
    **dict.fromkeys(
        "attention attn lora prompt prompting decoding quant prune pruning optimizer opt "
        "search sampler sampling distill tuning rag cache kv align rl po".split(),
        "method",
    ),
    **dict.fromkeys("gpu tpu npu fpga chip accelerator".split(), "hardware"),
}

_BENCH_PARTS = frozenset(("bench", "benchmark"))
# Known techniques whose mixed capitals CamelCase splitting breaks apart ("Lo"+"RA").
_FUSED_TAILS = re.compile(r"(?:LoRA|NeRF)$")

_PREPOSITIONS = frozenset("of for from with in on via by to using over under through".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


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
    """
    words = [word.lower() for word in _WORD.findall(phrase)]
    for position, word in enumerate(words):
        if word in _PREPOSITIONS and position > 0:
            words = words[:position]
            break
    if not words:
        return None
    head = words[-1]
    if head in _TASK_HEADS:
        return _NOT_A_CONCEPT
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
    parts = [part for piece in re.split(r"[-_ ]+", name) for part in camel_parts(piece)]
    while parts and (parts[-1][0].isdigit() or parts[-1] in ("V", "v")):
        parts.pop()
    if len(parts) < 2:
        return None
    if any(part.lower() in _BENCH_PARTS for part in parts[1:-1]):
        return "dataset"
    fused = _FUSED_TAILS.search(name)
    if fused and fused.start() > 0 and name[fused.start() - 1].isalpha():
        return "method"
    return _TAIL_TYPES.get(parts[-1].lower())


_APPOSITION = re.compile(
    r"^\s*\)?\s*(?:,|:|\u2014|--)?\s*(?:which\s+is\s+|is\s+)?(?:a|an|the|our|one)\s+((?:[\w-]+,?\s*){1,6})"
)
_APPOSITION_STOP = frozenset("that which who to whose where when and".split())
_NEXT_WORD = re.compile(r"^\s*(?:[)}]\s*)?([A-Za-z][\w-]*)")
# Nouns that, right after a name, say what it is ("X dataset", "X model"); other heads
# right after a name usually make a compound about it ("PDE solver", "X attention"), and
# "X score" is a score on or of X.
_NEXT_HEADS = frozenset(
    "dataset datasets benchmark benchmarks corpus suite leaderboard model models llm llms network "
    "networks architecture backbone framework method algorithm system approach technique optimizer "
    "pipeline gpu gpus accelerator chip processor".split()
) | ({word for word, found in HEAD_NOUNS.items() if found == _NOT_A_CONCEPT} - {"score", "scores", "accuracy"})
_CALLED = re.compile(r"\b([A-Za-z][\w-]*)\s*,?\s+(?:called|named|dubbed|termed|coined)\s*$", re.IGNORECASE)
# "the leading model, DiverGen,": a singular head noun, then the name in apposition,
# closed by a comma (not "On the X datasets, Y achieves").
_HEAD_THEN_NAME = re.compile(r"\b(?:the|a|an|our|its|their)\s+(?:[\w-]+\s+){0,3}?([A-Za-z][\w-]*[^\Ws])\s*,\s*$")
_CLOSED_BY_COMMA = re.compile(r"[^\s,()]+\s*,")


def context_type(text: str, start: int, end: int) -> tuple[str | None, int]:
    """The type the words around a name at ``text[start:end]`` give it, with a weight.

    Looks at the next word ("X dataset"), an apposition ("X, a new benchmark for ...",
    "X is a model") and "a benchmark called X". Returns ``(None, 0)`` without a cue and
    ``("-", weight)`` when the name is headed by a non-concept noun ("X, a new metric").

    Examples
    --------
    >>> text = "We build WildBench, a new benchmark of tasks, and the Foo dataset."
    >>> context_type(text, 9, 18), context_type(text, 54, 57)
    (('dataset', 3), ('dataset', 3))
    >>> context_type("SafeGround, a new set of metrics", 0, 10), context_type("X, a large-scale, curated benchmark for QA", 0, 1)
    (('-', 3), ('dataset', 3))
    """
    after = text[end : end + 80]
    next_word = _NEXT_WORD.match(after)
    if next_word and not after.lstrip().startswith(")") and next_word.group(1).lower() in _NEXT_HEADS:
        return HEAD_NOUNS[next_word.group(1).lower()], 3
    apposition = _APPOSITION.match(after)
    if apposition:
        # The head is the last typing noun before a preposition ("a new challenge
        # benchmark for ..."), else the first one after it ("a new set of metrics").
        heads = []
        for word in apposition.group(1).lower().replace(",", " ").split():
            if word in _APPOSITION_STOP or (word in _PREPOSITIONS and heads):
                break
            if word in HEAD_NOUNS:
                heads.append(HEAD_NOUNS[word])
        if heads:
            return heads[-1], 3
    return called_type(text, start)


def called_type(text: str, start: int) -> tuple[str | None, int]:
    """The type "a benchmark called / named / dubbed" gives the name at ``start``, with a weight.

    A head noun in apposition before the name ("the leading model, DiverGen") counts too.

    >>> called_type("a modular framework named YARN", 26), called_type("we propose YARN", 11)
    (('method', 2), (None, 0))
    >>> called_type("it beats the leading model, DiverGen, by far", 28), called_type("On the benchmark, FooNet wins", 18)
    (('model', 2), (None, 0))
    """
    window = text[max(0, start - 60) : start]
    before = _CALLED.search(window)
    if before is None and _CLOSED_BY_COMMA.match(text, start):
        before = _HEAD_THEN_NAME.search(window)
    if before:
        found = HEAD_NOUNS.get(before.group(1).lower())
        if found:
            return found, 2
    return None, 0


_SHORT_FORM = re.compile(r"\(([^()\s][^()]{0,14}?)\)")
# "SGR (Sequential Grounding Refinement)": a short form, then its long form in parentheses.
# Searched from the parenthesis, then backwards, which is much faster than one pattern.
_LONG_FORM = re.compile(r"\(([A-Za-z][A-Za-z -]{6,80}?)\)")
_SHORT_BEFORE = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9]*s?)\s+$")
_CLAUSE_BREAK = re.compile(r"[.;:!?()\[\]]|, ")
# "TAPE, a training-free Temporal Aware Pruning for ...": a short form, then its long form in apposition.
# Found from each ", a": a search over the whole text would cost more than all else here.
_SF_BEFORE = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)$")
_ARTICLE = re.compile(r" an? ")
_SHORT_SHAPE = re.compile(r"^[A-Za-z0-9][\w.+/-]*(?: [\w.+/-]+)?$")


def abbreviations(text: str) -> list[tuple[str, str, int]]:
    """Schwartz–Hearst abbreviation definitions "Long Form (SF)" in a text.

    Returns ``(long form, short form, start of long form)`` triples. The short form has
    one or two words, a capital letter and no more than 14 characters; the long form is
    the shortest run of preceding words whose letters spell it. The other orders, "SF
    (Long Form)" and "SF, a ... Long Form", count when the words of the long form start
    with the capitals of the short form.

    Examples
    --------
    >>> abbreviations("We use Low-Rank Adaptation (LoRA) and large language models (LLMs).")
    [('Low-Rank Adaptation', 'LoRA', 7), ('large language models', 'LLMs', 38)]
    >>> abbreviations("accuracy (see Table 2) and GPUs (e.g. A100)")
    []
    >>> abbreviations("We run GAPE (Geometry-Aware Prototype Enrichment) on TSP (the scan pipeline).")
    [('Geometry-Aware Prototype Enrichment', 'GAPE', 13)]
    >>> abbreviations("We propose TAPE, a training-free Temporal Aware Pruning for Efficient generation.")
    [('Temporal Aware Pruning for Efficient', 'TAPE', 33)]
    """
    found = []
    comma = text.find(", a")
    while comma >= 0:
        short = _SF_BEFORE.search(text, max(0, comma - 20), comma)
        article = _ARTICLE.match(text, comma + 1) if short else None
        if article:
            after = article.end()
            words = list(_WORD.finditer(text[after : after + 100]))
            for first, word in enumerate(words[:4]):
                if not word.group()[0].isupper():
                    continue
                for last in range(first, min(first + 8, len(words))):
                    long_form = text[after + word.start() : after + words[last].end()]
                    if _initials_match(short.group(1), long_form):
                        found.append((long_form, short.group(1), after + word.start()))
                        break
                break
        comma = text.find(", a", comma + 3)
    for match in _LONG_FORM.finditer(text):
        short = _SHORT_BEFORE.search(text, max(0, match.start() - 16), match.start())
        if short and _initials_match(short.group(1), match.group(1)):
            found.append((match.group(1), short.group(1), match.start(1)))
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
        long_form = _best_long_form(short.rstrip("s") if letters < len(short) else short, " ".join(words))
        if long_form and len(long_form) > len(short) and long_form.lower() != short.lower():
            start = text.rfind(long_form, 0, match.start())
            found.append((long_form, short, start))
    return found


def _initials_match(short: str, long_form: str) -> bool:
    """Whether the capitals of a short form are the initials of the long form's words."""
    capitals = "".join(char for char in short if char.isupper())
    initials = "".join(word[0] for word in re.split(r"[\s-]+", long_form) if word[:1].isupper())
    return len(capitals) >= 2 and capitals == initials.upper() and short.lower() not in NOT_CONCEPTS


def _between_letters(word: str, index: int) -> bool:
    """Whether ``word[index]`` has a letter on both sides ("V2V", not "L3")."""
    return 0 < index < len(word) - 1 and word[index - 1].isalpha() and word[index + 1].isalpha()


def _best_long_form(short: str, candidate: str) -> str | None:
    """The long form of ``short`` at the end of ``candidate``, after Schwartz and Hearst.

    A digit between letters stands for a word ("V2V" is "Vehicle-to-Vehicle") and need
    not be spelt.

    >>> _best_long_form("V2V-LLM", "our baseline Vehicle-to-Vehicle Large Language Model")
    'Vehicle-to-Vehicle Large Language Model'
    """
    short_index, long_index = len(short) - 1, len(candidate) - 1
    while short_index >= 0:
        char = short[short_index].lower()
        if not char.isalnum() or (char.isdigit() and _between_letters(short, short_index)):
            short_index -= 1
            continue
        while long_index >= 0 and (
            candidate[long_index].lower() != char
            or (short_index == 0 and long_index > 0 and candidate[long_index - 1].isalnum())
        ):
            long_index -= 1
        if long_index < 0:
            return None
        long_index -= 1
        short_index -= 1
    start = candidate.rfind(" ", 0, long_index + 1) + 1
    return candidate[start:].strip(" ,-")


# Verbs that introduce a name after "we / this paper / work / study", and words that name
# one by themselves. Found with str.find, which is many times faster than one regex.
_INTRODUCING_VERBS = (
    "propose present introduce develop design build release construct curate create contribute devise open-source"
).split()
_NAMING_WORDS = "Introducing introducing Proposing proposing Presenting presenting called named dubbed termed coined".split()
_VERB_SUFFIX = re.compile(r"(?:s|d|ed)?\b")
_SUBJECT = re.compile(r"\b(?:we|We|paper|work|study)\s+(?:\w+\s+){0,2}$")
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
    """
    starts = set()
    for end in _trigger_ends(text):
        after = text[end : end + 60]
        after = _SENTENCE_END.split(after, maxsplit=1)[0]
        name = _CANDIDATE.search(after)
        if name:
            starts.add(end + name.start())
    return starts


def _trigger_ends(text: str):
    """The offsets right after each introducing verb (with its subject) or naming word."""
    for verb in _INTRODUCING_VERBS:
        found = text.find(verb)
        while found >= 0:
            suffix = _VERB_SUFFIX.match(text, found + len(verb))
            if suffix and (found == 0 or not text[found - 1].isalnum()):
                if _SUBJECT.search(text, max(0, found - 40), found):
                    yield suffix.end()
            found = text.find(verb, found + len(verb))
    for word in _NAMING_WORDS:
        found = text.find(word)
        while found >= 0:
            stop = found + len(word)
            if (found == 0 or not text[found - 1].isalnum()) and not text[stop : stop + 1].isalnum():
                yield stop
            found = text.find(word, stop)


_LIST_BEFORE = re.compile(
    r"(?:\b(?:on|across|over|including|includes?|such as|namely|like|e\.g\.,?|i\.e\.,?)|(?<=\w):)\s+(?:the\s+)?"
    r"(?:[\w.+/-]+\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+)(?:the\s+)?)*$"
)
_EVALUATION = re.compile(
    r"experiment|evaluat|benchmark|dataset|\bresults?\b|outperform|achiev|state-of-the-art|"
    r"\bSOTA\b|accuracy|\btested\b|performance|surpass|\bscores?\b|improvement",
    re.IGNORECASE,
)


# The noun a list follows ("baselines, including X, Y"; "models such as X") types its items.
_LIST_NOUNS: dict[str, str] = {
    **dict.fromkeys("baseline baselines method methods approaches algorithms techniques optimizers".split(), "method"),
    **dict.fromkeys("models llms vlms architectures backbones".split(), "model"),
    **dict.fromkeys("datasets benchmarks corpora".split(), "dataset"),
    **dict.fromkeys("metrics measures scores".split(), _NOT_A_CONCEPT),
}
_LIST_NOUN = re.compile(r"([A-Za-z]+)\s*,?\s*$")


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
    >>> text = "It wins on three benchmarks: Nr3D, Sr3D, and ScanRef."
    >>> list_type(text, text.index("Sr3D")), list_type(text, text.index("ScanRef"))
    ('dataset', 'dataset')
    """
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    found = _LIST_BEFORE.search(text, sentence_start, start)
    if not found:
        return None
    noun = _LIST_NOUN.search(text, max(sentence_start, found.start() - 30), found.start())
    if noun and noun.group(1).lower() in _LIST_NOUNS:
        return _LIST_NOUNS[noun.group(1).lower()]
    sentence_end = text.find(". ", start)
    evaluation = _EVALUATION.search(text, sentence_start, len(text) if sentence_end < 0 else sentence_end)
    return "dataset" if evaluation else None


_LIST_ITEM = r"[A-Z][\w.]*(?:-[\w.]+)*"
# Runs of two or more capitalised items joined by commas, "and" or "or" ("ScanNet, TUM and Bonn").
_NAME_LIST = re.compile(rf"{_LIST_ITEM}(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+){_LIST_ITEM})+")
_LIST_ITEMS = re.compile(_LIST_ITEM)


def listed_with(text: str, known: set[int], floor: int) -> set[int]:
    """The starts of the items of lists that also hold a known dataset (at a start in ``known``).

    Names listed with a dataset are datasets too: "on Imagewoof and ImageNet-1k". Only
    lists after ``floor`` (the title) count, where capitals mean names.

    Examples
    --------
    >>> text = "We test on ScanNet, TUM and Bonn. We thank Alice and Bob."
    >>> sorted(text[start:start + 3] for start in listed_with(text, {11}, 0))
    ['Bon', 'TUM']
    """
    found: set[int] = set()
    for dataset in sorted(known):
        if dataset < floor or dataset in found:
            continue
        # Only the text around a known dataset is searched: a list holding it is near.
        for run in _NAME_LIST.finditer(text, max(floor, dataset - 200), dataset + 200):
            if run.start() <= dataset < run.end():
                starts = [run.start() + item.start() for item in _LIST_ITEMS.finditer(run.group())]
                found.update(start for start in starts if start not in known)
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


_HARDWARE = re.compile(
    r"\b(?:(?:NVIDIA|Nvidia)\s+)?(?:GeForce\s+)?((?:RTX|GTX|Quadro)[\s-]?A?\d{3,4}(?:\s?(?:Ti|SUPER|Super))?)"
    r"|\b(Ascend[\s-]?\d{3}[A-Z]?|TPU[\s-]?v\d[a-z]?|Snapdragon[\s-]?\d+(?:\s?Gen\s?\d)?|"
    r"iPhone[\s-]?\d+(?:\s?Pro(?:\s?Max)?)?|Raspberry Pi[\s-]?\d|Apple M\d(?:\s?(?:Pro|Max|Ultra))?|"
    r"(?:MI|Gaudi)[\s-]?\d{1,3}[A-Z]?)\b"
    r"|\b([ABHLV]\d{2,3}[A-Z]?)(?=[\s-]+GPUs?\b)"
)


_HARDWARE_TRIGGERS = (
    "RTX", "GTX", "Quadro", "Ascend", "TPU", "Snapdragon", "iPhone", "Raspberry", "Apple", "MI", "Gaudi", "GPU"
)


def hardware_models(text: str) -> list[tuple[int, int, str]]:
    """Hardware model numbers: ``(start, end, canonical name)`` triples.

    Examples
    --------
    >>> [name for _, _, name in hardware_models("on an RTX 4090, two Ascend 910B NPUs and TPU-v5p pods, 8 B300 GPUs")]
    ['RTX 4090', 'Ascend 910B', 'TPU v5p', 'B300']
    """
    found: list[tuple[int, int, str]] = []
    if not any(trigger in text for trigger in _HARDWARE_TRIGGERS):
        return found
    for match in _HARDWARE.finditer(text):
        group = next(index for index in (1, 2, 3) if match.group(index))
        surface = match.group(group)
        name = surface
        if group == 1 or (group == 2 and not surface.startswith(("MI", "Apple"))):
            name = re.sub(r"(?<=[A-Za-z])[\s-]?(?=v?\d)", " ", surface, count=1)
        found.append((match.start(group), match.end(group), " ".join(name.split())))
    return found


# Title heads that say what kind of paper it is ("Position: LLMs Must ...").
_TITLE_GENRES = frozenset("position survey review tutorial perspective overview commentary editorial roadmap".split())
_TITLE_HEAD = re.compile(r"^\s*([^:]{2,40}?)\s*:\s+(.+)$")


def title_head(title: str) -> tuple[str, str | None] | None:
    """The name heading a title ("MKOR: Momentum-...") and the type its subtitle gives.

    The head must be one to three words, at least one of them a name (an acronym,
    CamelCase, or a capitalised word with digits) or a single capitalised word. The
    subtitle's type comes from "A Benchmark for ..." / "... Dataset" / "... Models".

    Examples
    --------
    >>> title_head("MKOR: Momentum-Enabled Kronecker-Factor-Based Optimizer Using Rank-1 Updates")
    ('MKOR', 'method')
    >>> title_head("CodeArena: A Benchmark for Code Agents"), title_head("Learning to Rank: a survey")
    (('CodeArena', 'dataset'), None)
    >>> title_head("Position: LLMs Must Use RAG")
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
        if re.search(r"\b(?:benchmark|benchmarking|dataset|corpus)s?\b", lowered):
            found = "dataset"
        elif re.search(r"\bmodels?\b|\bllms?\b", lowered) and not re.search(r"\bfor\b.*\bmodels?\b", lowered):
            found = "model"
        else:
            found = "method"
    if found == _NOT_A_CONCEPT:
        return None
    return head, found
