"""Turn the bytes of one input file into clean text: gunzip, decode, drop control characters.

Every reader of :mod:`papergraph.listings` starts here, so that gzip, encodings and stray
control characters are handled once, the same way for every format.
"""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass

from papergraph.types import InputProblem

__all__ = ["Decoded", "decode_bytes", "clean_field", "line_of"]

_GZIP_MAGIC = b"\x1f\x8b"

# C0 and C1 control characters other than tab, newline and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
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


def clean_field(value: str) -> str:
    """A title or abstract on one line: control characters dropped, whitespace runs collapsed.

    Examples
    --------
    >>> clean_field("  Attention\\n is\\x07 all   you need ")
    'Attention is all you need'
    """
    value = " ".join(value.split())
    if not value.isprintable():
        value = " ".join(_CONTROL.sub(" ", value).split())
    return value


def _gunzip(data: bytes) -> tuple[bytes, bool]:
    """Decompress every gzip member; return what could be read and whether it was cut short."""
    chunks = []
    while data:
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            chunks.append(inflater.decompress(data))
        except zlib.error:
            return b"".join(chunks), True
        if not inflater.eof:
            return b"".join(chunks), True
        data = inflater.unused_data.lstrip(b"\x00")
        if data and not data.startswith(_GZIP_MAGIC):
            break
    return b"".join(chunks), False


def _may_hold_controls(raw: bytes) -> bool:
    """False when UTF-8 ``raw`` surely holds no control character."""
    return bool(raw.translate(None, _NOT_C0_BYTES)) or _C1_UTF8.search(raw) is not None


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
    if b"\x00" in raw:
        return None, "", [InputProblem(path, "contains NUL bytes: a binary file, or UTF-16 without a byte-order "
                                             "mark; skipped (save listings as UTF-8 text)")]
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


def decode_bytes(data: bytes, path: str) -> Decoded:
    """Decode the bytes of one input file named ``path`` (for messages) into text.

    gzip is recognised by its magic bytes, whatever the file name. Text is UTF-8 (with or
    without a byte-order mark), UTF-16 or UTF-32 with a byte-order mark, or else read as
    Windows-1252 / Latin-1 with a warning. Control characters are replaced by spaces, with
    one warning naming the first line; a file full of them is reported as binary.

    Examples
    --------
    >>> decode_bytes("Titel\\r\\nÜber".encode("utf-16"), "page.txt").text
    'Titel\\r\\nÜber'
    >>> decoded = decode_bytes(b"caf\\xe9", "page.txt")
    >>> decoded.text, decoded.problems[0].message.startswith("not valid UTF-8")
    ('café', True)
    """
    problems: list[InputProblem] = []
    truncated = False
    if data.startswith(_GZIP_MAGIC):
        data, truncated = _gunzip(data)
        if truncated:
            problems.append(InputProblem(path, f"gzip stream is truncated or corrupt; read the {len(data):,} "
                                               "bytes before the break (the last line may be cut)"))
    if not data.strip():
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
