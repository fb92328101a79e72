"""Turn one input file into clean text: read within limits, gunzip, decode, drop control characters.

Every reader of :mod:`papergraph.listings` starts here, so that gzip, encodings, stray
control characters and the size limit are handled once, the same way for every format.
"""

from __future__ import annotations

import codecs
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from papergraph.listings.limits import MAX_FILE_BYTES
from papergraph.types import InputProblem

__all__ = ["Decoded", "decode_bytes", "decode_stream", "clean_field", "line_of", "nonblank_lines"]

_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20

# C0 and C1 control characters other than tab, newline and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# From the first non-space character to the end of its line: linear even on huge blank runs,
# for files longer than _SPLIT_CHARS, which are not split into a list of every line.
_NONBLANK_LINE = re.compile(r"\S[^\n]*")
_SPLIT_CHARS = 4_000_000
_SURROGATE = re.compile("[\ud800-\udfff]")
# Every ASCII character but the control characters: what str.isprintable accepts of ASCII.
_NOT_PRINTABLE_ASCII = bytes(range(0x20, 0x7f))
# The same test on UTF-8 bytes, ten times faster than the regex on the decoded text.
_C0_BYTES = bytes(range(0x00, 0x09)) + b"\x0b\x0c" + bytes(range(0x0e, 0x20)) + b"\x7f"
_NOT_C0_BYTES = bytes(sorted(set(range(256)) - set(_C0_BYTES)))
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")

# A text with more control characters than this share of its first block is not text.
_BINARY_SHARE = 0.05

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    """The text of one input file and what was wrong on the way to it.

    ``text`` is None when the file could not be used at all (``problems`` says why).
    ``truncated`` is True when a gzip stream ended early, so the last line may be cut.
    ``raw`` is the uncompressed content, used to recognise the same page given twice.
    """

    text: str | None
    raw: bytes
    problems: tuple[InputProblem, ...] = ()
    truncated: bool = False


def line_of(text: str, index: int) -> int:
    """The 1-based line on which character ``index`` of ``text`` lies.

    Examples
    --------
    >>> line_of("a\\nb\\nc", 2)
    2
    """
    return text.count("\n", 0, index) + 1


def nonblank_lines(text: str) -> Iterator[tuple[int, str]]:
    """(1-based line number, line) of the lines of ``text`` holding more than whitespace, stripped.

    Lines end at ``\\n`` only (a JSON string may hold U+2028).
    Blank lines are skipped in C, so a file of millions of empty lines costs no Python loop.

    Examples
    --------
    >>> list(nonblank_lines("a\\r\\n\\n  \\n b "))
    [(1, 'a'), (4, 'b')]
    """
    if len(text) < _SPLIT_CHARS:  # the usual file: splitting is fastest, and its list stays small
        for number, line in enumerate(text.split("\n"), 1):
            if line and not line.isspace():
                yield number, line.strip()
        return
    number, end = 1, 0
    count = text.count
    for match in _NONBLANK_LINE.finditer(text):
        start = match.start()
        number += count("\n", end, start)
        end = start
        yield number, match.group().rstrip()


def clean_field(value: str) -> str:
    """A title or abstract on one line: control characters dropped, whitespace runs collapsed.

    Examples
    --------
    >>> clean_field("  Attention\\n is\\x07 all   you need ")
    'Attention is all you need'
    >>> clean_field("Bad \\ud800 surrogate")
    'Bad \\ufffd surrogate'
    """
    if "\n" in value:  # abstracts wrapped over lines (arXiv's): one copy instead of a list of words
        value = value.replace("\n", " ")
    # For ASCII text (isascii costs nothing) the same test as isprintable, twice as fast.
    printable = not value.encode().translate(None, _NOT_PRINTABLE_ASCII) if value.isascii() else value.isprintable()
    if printable and "  " not in value and value[:1] != " " and value[-1:] != " ":
        return value  # the common case, without building a list of words
    value = " ".join(value.split())
    if not value.isprintable():
        # Lone surrogates (from JSON escapes such as \\ud800) cannot be written as UTF-8.
        value = " ".join(_SURROGATE.sub("\ufffd", _CONTROL.sub(" ", value)).split())
    return value


def _gunzip(stream: BinaryIO, head: bytes, limit: int) -> tuple[bytes, bool, bool]:
    """Decompress every gzip member of ``head`` + the rest of ``stream``, at most ``limit`` bytes.

    Returns what could be read, whether the stream was cut short (truncated or corrupt), and
    whether there was more than ``limit`` bytes to read. Memory stays within ``limit``: a gzip
    bomb stops at the limit.
    """
    out = bytearray()
    pending = head
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    while True:
        if not pending:
            pending = stream.read(_CHUNK)
            if not pending:
                return bytes(out), True, False
        try:
            out += inflater.decompress(pending, limit + 1 - len(out))
        except zlib.error:
            return bytes(out), True, False
        if len(out) > limit:
            return bytes(out[:limit]), False, True
        pending = inflater.unconsumed_tail
        if inflater.eof:
            rest = inflater.unused_data + pending
            while not rest.strip(b"\x00"):
                more = stream.read(_CHUNK)
                if not more:
                    return bytes(out), False, False
                rest = more
            rest = rest.lstrip(b"\x00")
            if not rest.startswith(_GZIP_MAGIC):
                return bytes(out), False, False
            pending = rest
            inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)


def _read_within_limit(stream: BinaryIO, path: str, limit: int) -> tuple[bytes, list[InputProblem], bool]:
    """The content of ``stream`` (gunzipped when it is gzip), at most ``limit`` bytes, and what was wrong."""
    head = stream.read(len(_GZIP_MAGIC))
    if head == _GZIP_MAGIC:
        data, broken, over = _gunzip(stream, head, limit)
        if broken:
            return data, [InputProblem(path, f"gzip stream is truncated or corrupt; read the {len(data):,} "
                                             "bytes before the break (the last line may be cut)")], True
    else:
        data = head + stream.read(limit + 1 - len(head))
        over = len(data) > limit
        data = data[:limit]
    if over:
        return data, [InputProblem(path, f"larger than {limit // (1024 * 1024):,} MiB (decompressed); read the "
                                         "first part only (split bigger collections into several files)")], True
    return data, [], False


def _may_hold_controls(raw: bytes) -> bool:
    """False when UTF-8 ``raw`` surely holds no control character."""
    if raw.translate(None, _NOT_C0_BYTES):
        return True
    return b"\xc2" in raw and _C1_UTF8.search(raw) is not None  # memchr first: \xc2 is rare


def _decode_text(raw: bytes, path: str) -> tuple[str | None, str, list[InputProblem]]:
    """The text, the codec it was decoded with, and what was odd about it."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as error:
                message = (f"starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()} "
                           f"({error.reason}); save it as UTF-8")
                return None, codec, [InputProblem(path, message)]
            if codec == "utf-8-sig":
                return text, codec, []
            return text, codec, [InputProblem(path, f"encoded as {codec.upper()} (byte-order mark); read as such, "
                                                    "but UTF-8 is preferred")]
    head = raw[:4096]
    if len(head) - len(head.translate(None, _C0_BYTES)) > _BINARY_SHARE * len(head):
        # A few stray control bytes are damage to read past; this many are not text.
        if b"\x00" in head:
            return None, "", [InputProblem(path, "contains NUL bytes among many control bytes: a binary file, or "
                                                 "UTF-16 without a byte-order mark; skipped (save listings as "
                                                 "UTF-8 text)")]
        return None, "", [InputProblem(path, "looks like a binary file (many control characters); skipped")]
    try:
        return raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start]
    try:
        text, codec = raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        text, codec = raw.decode("latin-1"), "Latin-1"
    return text, codec, [InputProblem(path, f"not valid UTF-8 (byte 0x{byte:02x}); read as {codec} - "
                                            "save it as UTF-8 if characters look wrong", line)]


def decode_stream(stream: BinaryIO, path: str, *, limit: int = MAX_FILE_BYTES) -> Decoded:
    """Read and decode one input file from a binary stream; ``path`` names it in messages.

    gzip is recognised by its magic bytes, whatever the file name, and at most ``limit`` bytes
    are read after decompression (one problem says what was cut). Text is UTF-8 (with or
    without a byte-order mark), UTF-16 or UTF-32 with a byte-order mark, or else read as
    Windows-1252 / Latin-1 with a warning. Control characters (NUL included) are replaced by
    spaces, with one warning naming the first line; a file full of them is reported as binary.

    Examples
    --------
    >>> import gzip, io
    >>> decoded = decode_stream(io.BytesIO(gzip.compress(b"A title\\n" * 100)), "bomb.txt.gz", limit=16)
    >>> decoded.text, decoded.truncated
    ('A title\\nA title\\n', True)
    >>> decoded.problems[0].message.startswith("larger than")
    True
    """
    data, problems, truncated = _read_within_limit(stream, path, limit)
    if not data or data.isspace():
        if not truncated:
            problems.append(InputProblem(path, "empty file; skipped"))
        return Decoded(None, data, tuple(problems), truncated)
    text, codec, decode_problems = _decode_text(data, path)
    problems.extend(decode_problems)
    if text is None:
        return Decoded(None, data, tuple(problems), truncated)
    utf8 = codec in ("utf-8", "utf-8-sig")
    first = _CONTROL.search(text) if not utf8 or _may_hold_controls(data) else None
    if first:
        head = text[:4096]
        if len(_CONTROL.findall(head)) > _BINARY_SHARE * len(head):
            problems.append(InputProblem(path, "looks like a binary file (many control characters); skipped"))
            return Decoded(None, data, tuple(problems), truncated)
        count = len(_CONTROL.findall(text))
        message = f"{count} control character(s) replaced by spaces"
        problems.append(InputProblem(path, message, line_of(text, first.start())))
        text = _CONTROL.sub(" ", text)
    return Decoded(text, data, tuple(problems), truncated)


def decode_bytes(data: bytes, path: str, *, limit: int = MAX_FILE_BYTES) -> Decoded:
    """:func:`decode_stream` of bytes already in memory.

    Examples
    --------
    >>> decode_bytes("Titel\\r\\nÜber".encode("utf-16"), "page.txt").text
    'Titel\\r\\nÜber'
    >>> decoded = decode_bytes(b"caf\\xe9", "page.txt")
    >>> decoded.text, decoded.problems[0].message.startswith("not valid UTF-8")
    ('café', True)
    >>> decoded = decode_bytes(b"A title with a stray\\x00 NUL\\nIts abstract.\\n", "page.txt")
    >>> decoded.text.split("\\n")[0], str(decoded.problems[0])
    ('A title with a stray  NUL', 'page.txt:1: 1 control character(s) replaced by spaces')
    """
    return decode_stream(io.BytesIO(data), path, limit=limit)
