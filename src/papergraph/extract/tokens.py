"""Word tokens of titles and abstracts, and what a name looks like.

A token is a run of letters and digits, with inner dots kept ("Qwen2.5", "v0.1").
Two neighbouring tokens are *linked* when only one space or one hyphen separates
them: a multi-word name may span linked tokens, never punctuation.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import accumulate
from typing import overload

from .canonical import MODEL_SIZE, word_list

__all__ = [
    "NOT_CONCEPTS",
    "WORD",
    "LowerWords",
    "Tokens",
    "camel_parts",
    "hyphen",
    "is_name_like",
    "token_range",
    "tokenize",
    "words_of",
]

#: A word of a phrase, hyphens kept ("Low-Rank"), as the phrase rules read it.
WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*")

_TOKEN = re.compile(r"[^\W_]+(?:\.[^\W_]+)*")
# Possessive: a token never gives back what it took, which spares the engine its backtracking marks.
_SPLITTER = re.compile(r"([^\W_]++(?:\.[^\W_]++)*+)")
# The same split for ASCII text, where a character set is much faster than Unicode classes.
_ASCII_SPLITTER = re.compile(r"([A-Za-z0-9]++(?:\.[A-Za-z0-9]++)*+)")
_LINKS = frozenset({" ", "-", "\u2010", "\u2011"})
_UPPER_INSIDE = re.compile(r".[A-Z]")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_HAS_DIGIT = re.compile(r"\d")
# Quantities and units ("7B", "3D", "100ms", "8K", "4x"), version tags ("v2"), ordinals.
_QUANTITY = re.compile(r"^(?:\d+(?:\.\d+)?[A-Za-z]{0,3}|[vV]\d+(?:\.\d+)*|\d+(?:st|nd|rd|th))$")
_CAMEL_PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+(?:\.\d+)*")

#: Acronyms and names that look like concept names but are none of the four types:
#: metrics, tasks, fields, organisations, languages, libraries, units (lower case).
NOT_CONCEPTS: frozenset[str] = frozenset(
    word_list("""
    ai agi ml dl nlp nlu nlg cv ir hci hpc iot api apis sota soa flop flops gflops tflops
    pflops macs gmacs bleu rouge meteor cider spice chrf bertscore f1 auc roc auroc auprc iou
    miou map ap ar psnr ssim lpips fid fvd kid is wer cer mse rmse mae mape ppl em nll elbo
    ttft tpot qps fps tps rps gpu-hours kl js ood iid id us usa uk eu un phd ieee acm
    covid covid-19 sars 2d 3d 4d rgb rgbd rgb-d lidar ar vr xr mr uav uavs ugv eeg ecg mri
    ct pet fmri dna rna i ii iii iv github huggingface hugging arxiv openai google deepmind
    meta microsoft nvidia amd intel apple anthropic alibaba baidu tencent bytedance huawei
    ibm amazon aws azure gcp pytorch tensorflow jax keras numpy scipy sklearn cuda opencl
    rocm triton python java javascript typescript rust golang sql json yaml xml html css
    url urls http https pdf latex markdown vqa qa ocr asr tts stt ner mt nli pos srl
    reid mot sfm gui ui ux os linux windows android ios cpu-gpu io i/o sla slo qos
    kpi roi r&d sme smes llc inc ltd tbd faq pdfs vs etc cot-free ok pre post gb mb kb tb
    pde pdes ode odes sde sdes fem cfd gps rfid nfc wifi bluetooth kv simd ram rom ndcg mrr
    gemm gemv spmv spmm mlir llvm gcc xla cad
    pb gib mib ghz mhz khz hz kw mw ms ns us fp16 fp32 fp8 bf16 int8 int4 fp4 nf4
    """)
)


class LowerWords:
    """The words of a text in lower case, each lowered when asked for: the vocabulary pass
    codes words as written, and the rules ask for a few words only."""

    __slots__ = ("words",)

    def __init__(self, words: tuple[str, ...]):
        self.words = words

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...

    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        if isinstance(index, slice):
            return tuple(word.lower() for word in self.words[index])
        return self.words[index].lower()


class Tokens:
    """The tokens of one text: words, lower-cased words, offsets and links.

    ``linked[i]`` tells whether token ``i`` continues token ``i - 1`` (only a space or
    a hyphen between them), ``hyphens[i]`` whether a hyphen joins them; ``linked[0]`` and
    ``hyphens[0]`` are False. Read-only by convention (a plain slotted class: one is made per text).
    """

    __slots__ = ("ends", "hyphens", "linked", "lower", "starts", "text", "words")

    def __init__(self, text: str, words: tuple[str, ...], starts: tuple[int, ...], ends: tuple[int, ...],
                 linked: tuple[bool, ...], hyphens: tuple[bool, ...]):
        self.text = text
        self.words = words
        self.starts = starts
        self.ends = ends
        self.linked = linked
        self.hyphens = hyphens
        self.lower = LowerWords(words)

    def __len__(self) -> int:
        return len(self.words)

    def span(self, first: int, stop: int) -> str:
        """The text of tokens ``first`` up to (not including) ``stop``."""
        return self.text[self.starts[first] : self.ends[stop - 1]]


def tokenize(text: str) -> Tokens:
    """Split a text into :class:`Tokens`.

    Examples
    --------
    >>> tokens = tokenize("We fine-tune Qwen2.5-7B (on GSM8K).")
    >>> tokens.words
    ('We', 'fine', 'tune', 'Qwen2.5', '7B', 'on', 'GSM8K')
    >>> tokens.linked
    (False, True, True, True, True, False, True)
    >>> tokens.hyphens
    (False, False, True, False, True, False, False)
    >>> tokens.span(3, 5)
    'Qwen2.5-7B'
    """
    parts = (_ASCII_SPLITTER if text.isascii() else _SPLITTER).split(text)  # gap, word, ..., gap
    offsets = list(accumulate(map(len, parts), initial=0))
    words = tuple(parts[1::2])
    gaps = parts[2:-1:2]
    linked = (False, *map(_LINKS.__contains__, gaps)) if words else ()
    hyphens = (False, *map("-".__eq__, gaps)) if words else ()
    return Tokens(text, words, tuple(offsets[1:-1:2]), tuple(offsets[2::2]), linked, hyphens)


def words_of(text: str) -> tuple[str, ...]:
    """The words of a text, as :func:`tokenize` splits them.

    >>> words_of("Qwen2.5-7B (LLMs)")
    ('Qwen2.5', '7B', 'LLMs')
    """
    return tuple(_TOKEN.findall(text))


@lru_cache(maxsize=200_000)
def is_name_like(word: str) -> bool:
    """Whether a token looks like a name: an acronym, CamelCase, or letters with digits.

    Plain words, capitalised or not, quantities and known non-concepts are not names.

    Examples
    --------
    >>> [is_name_like(w) for w in ("EfficientTAM", "MKOR", "GSM8K", "nuScenes", "Method", "7B", "FLOPs", "A", "A3B")]
    [True, True, True, True, False, False, False, False, False]
    """
    if len(word) < 2 or not _HAS_LETTER.search(word) or _QUANTITY.match(word) or MODEL_SIZE.match(word):
        return False
    if word.lower() in NOT_CONCEPTS:
        return False
    return bool(_UPPER_INSIDE.search(word)) or (bool(_HAS_DIGIT.search(word)) and word[0].isalpha())


def camel_parts(word: str) -> list[str]:
    """The CamelCase parts of a token, numbers apart.

    Examples
    --------
    >>> camel_parts("LiveCodeBench"), camel_parts("MobileNetV2"), camel_parts("SmoothQuant")
    (['Live', 'Code', 'Bench'], ['Mobile', 'Net', 'V', '2'], ['Smooth', 'Quant'])
    """
    return _CAMEL_PART.findall(word)


def hyphen(tokens: Tokens, position: int) -> bool:
    """Whether a hyphen joins token ``position`` to the one before."""
    return tokens.hyphens[position]


def token_range(tokens: Tokens, start: int, end: int) -> tuple[int, int]:
    """The tokens ``(first, stop)`` covering the characters ``start`` to ``end``."""
    first = bisect.bisect_left(tokens.starts, start)
    return first, max(first + 1, bisect.bisect_left(tokens.starts, end))
