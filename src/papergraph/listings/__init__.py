"""Stage 1: read listing pages of every supported format into :class:`~papergraph.types.Listing` records.

Formats are detected from content, not only from the file name, and may be mixed freely:
text dumps of Daily Papers pages (:mod:`~papergraph.listings.text`), the Hugging Face
``daily_papers`` API response (:mod:`~papergraph.listings.hf`), JSON Lines, JSON arrays and CSV
(:mod:`~papergraph.listings.records`); any of them gzip-compressed; directories (recursively)
and globs. Bad input is reported as :class:`~papergraph.types.InputProblem`, never raised, so
that the rest of the input is still read.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import stat
import sys
from collections.abc import Container, Iterable
from importlib import resources
from pathlib import Path

from tqdm import tqdm

from papergraph.engine import Workers
from papergraph.errors import NoListingsError
from papergraph.gc_pause import cyclic_gc_paused
from papergraph.listings._decode import Decoded, decode_bytes, decode_stream
from papergraph.listings._entries import iso_date, listings_from_entries
from papergraph.listings.records import is_csv_header, json_loads, parse_csv, parse_json, parse_json_lines
from papergraph.listings.text import parse_page_text
from papergraph.types import InputProblem, Listing, ReadResult

__all__ = ["LISTING_SUFFIXES", "FORMATS", "sample_paths", "detect_format", "parse_listings", "read_listings"]

#: File names a directory walk reads (each also with ``.gz``); named files are always read.
LISTING_SUFFIXES: tuple[str, ...] = (".txt", ".json", ".jsonl", ".ndjson", ".csv", ".tsv")
#: The formats :func:`detect_format` tells apart.
FORMATS: tuple[str, ...] = ("text", "json", "jsonl", "csv")

_ACCEPTED = ("expected page text dumps (a title line, then an abstract line), Hugging Face daily_papers "
             "JSON, JSON Lines or JSON arrays of records with a title and an abstract, or CSV with title "
             "and abstract columns; optionally gzip-compressed; directories and globs")
_MAX_PROBLEMS_PER_FILE = 20
_GLOB_CHARS = re.compile(r"[*?[]")
# How JSON starts, unlike a page dump whose first title is "[Re] ..." or "{Curly} ...".
_JSON_ARRAY_START = re.compile(r'\[\s*(?:[\[{"\]\d-]|true|false|null)')
_JSON_OBJECT_START = re.compile(r'\{\s*["}]')
_LINE_PARSERS = {"text": parse_page_text, "jsonl": parse_json_lines, "csv": parse_csv}


def sample_paths() -> list[Path]:
    """The bundled sample corpus: five Daily Papers page dumps, sorted by name.

    Examples
    --------
    >>> [path.name[:3] for path in sample_paths()]
    ['000', '001', '002', '003', '004']
    """
    folder = resources.files("papergraph") / "data" / "samples"
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".txt"))


def _suffix(name: str) -> str:
    name = name.lower().removesuffix(".gz")
    return os.path.splitext(name)[1]


def detect_format(text: str, name: str = "") -> str:
    """Which of :data:`FORMATS` a decoded file is, from its content (and ``.jsonl``/``.csv`` names).

    Examples
    --------
    >>> detect_format('[{"title": "T"}]'), detect_format('{"a": 1}\\n{"a": 2}\\n'), detect_format("x", "a.ndjson")
    ('json', 'jsonl', 'jsonl')
    >>> detect_format("title,abstract\\nT,A\\n"), detect_format("[Re] A Title\\nIts abstract.\\n")
    ('csv', 'text')
    """
    suffix = _suffix(name)
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    head = text.lstrip()
    if _JSON_ARRAY_START.match(head):
        return "json"
    if _JSON_OBJECT_START.match(head):
        first, _, rest = head.partition("\n")
        try:
            json_loads(first)
        except ValueError:
            return "json"
        return "jsonl" if rest.strip() else "json"
    first_line = next((line for line in head[:100_000].split("\n") if line.strip()), "")
    if suffix in (".csv", ".tsv") or is_csv_header(first_line):
        return "csv"
    return "text"


def _by_line(problem: InputProblem) -> int:
    return problem.line or 0


def _parse_decoded(decoded: Decoded, source: str) -> tuple[list[Listing], list[InputProblem]]:
    problems = list(decoded.problems)
    if decoded.text is None:
        return [], problems
    text = decoded.text
    form = detect_format(text, source)
    date = iso_date(os.path.basename(source))
    if form == "json":
        entries, found = parse_json(text, source, date=date, truncated=decoded.truncated)
    else:
        if decoded.truncated:
            text = text[: text.rfind("\n") + 1]
        entries, found = _LINE_PARSERS[form](text, source, date=date)
    listings, entry_problems = listings_from_entries(entries, source)
    found = sorted(found + entry_problems, key=_by_line)
    if len(found) > _MAX_PROBLEMS_PER_FILE:
        hidden = len(found) - _MAX_PROBLEMS_PER_FILE
        found = found[:_MAX_PROBLEMS_PER_FILE] + [InputProblem(source, f"{hidden} more problem(s) in this file")]
    problems += found
    if not listings and not problems:
        problems.append(InputProblem(source, f"no listings in this {form} file; {_ACCEPTED}"))
    return listings, problems


def parse_listings(data: bytes | str, source: str = "<data>") -> ReadResult:
    """Read the listings of one file's content; ``source`` names it (and may carry its date).

    The in-memory twin of :func:`read_listings`: same detection, same problems, no exception.

    Examples
    --------
    >>> result = parse_listings(b'{"title": "T", "abstract": "A."}\\n{"title": "U"}\\n', "2024-06-01.jsonl")
    >>> [(x.title, x.date, x.page, x.position) for x in result.listings]
    [('T', '2024-06-01', '2024-06-01.jsonl', 1)]
    >>> [str(problem) for problem in result.problems]
    ['2024-06-01.jsonl:2: title without an abstract; skipped (every title needs its abstract)']
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    listings, problems = _parse_decoded(decode_bytes(data, source), source)
    return ReadResult(tuple(listings), tuple(problems))


def _is_listing_name(name: str) -> bool:
    return not name.startswith(".") and _suffix(name) in LISTING_SUFFIXES


def _walk(directory: str) -> tuple[list[str], list[InputProblem]]:
    """The listing files under ``directory``, and the folders that could not be read.

    Symbolic links to folders are not followed, so a link loop is never walked twice.
    """
    found: list[str] = []
    unreadable: list[InputProblem] = []

    def report(error: OSError) -> None:
        unreadable.append(InputProblem(str(error.filename), f"folder cannot be read ({error.strerror}); skipped"))

    for root, folders, files in os.walk(directory, onerror=report):
        folders[:] = sorted(folder for folder in folders if not folder.startswith("."))
        found.extend(os.path.join(root, name) for name in sorted(files) if _is_listing_name(name))
    return found, unreadable


def _glob(pattern: str) -> tuple[list[str], list[InputProblem]]:
    """The paths a glob pattern matches, sorted, and the folders under a ``**`` that could not be read.

    ``**`` spans folders but never follows a link to one (the standard library's ``glob``
    does, so a link loop would make it run until the path is too long). Hidden files and
    folders match only when the pattern names something with a leading dot.
    """
    parts = Path(pattern).parts
    fixed = next(index for index, part in enumerate(parts) if _GLOB_CHARS.search(part))
    base = Path(*parts[:fixed]) if fixed else Path()
    wanted = parts[fixed:]
    hidden_wanted = any(part.startswith(".") for part in wanted)
    matches = []
    try:
        for match in base.glob(str(Path(*wanted))):
            if hidden_wanted or not any(part.startswith(".") for part in match.relative_to(base).parts):
                matches.append(str(match))
    except OSError:  # an unreadable folder on the way: what was found so far stands
        pass
    # pathlib passes over a folder it cannot read in silence: a walk of the same folders says which.
    unreadable = _walk(str(base))[1] if "**" in wanted and base.is_dir() else []
    return sorted(matches), unreadable


def _expand(inputs: Iterable[str | os.PathLike]) -> list[tuple[str, Path] | InputProblem]:
    """(source as the user spelled it, path) of every file the inputs name, or the miss, in order."""
    found: list[tuple[str, Path] | InputProblem] = []
    for item in inputs:
        name = os.fspath(item)
        if os.path.isdir(name):
            matches = [name]
        elif os.path.lexists(name):
            found.append((name, Path(name)))
            continue
        elif _GLOB_CHARS.search(name):
            matches, unreadable = _glob(name)
            found.extend(unreadable)
            if not matches:
                found.append(InputProblem(name, "the pattern matches no files"))
        else:
            found.append(InputProblem(name, "no such file or directory"))
            continue
        for match in matches:
            if not os.path.isdir(match):
                found.append((match, Path(match)))
                continue
            files, unreadable = _walk(match)
            found.extend(unreadable)
            if not files and not unreadable:
                found.append(InputProblem(match, "directory holds no listing files ("
                                                 + ", ".join(LISTING_SUFFIXES) + ", each optionally .gz)"))
            found.extend((source, Path(source)) for source in files)
    return found


def _read_file(source: str, path: Path) -> Decoded:
    """Read and decode one input file; only regular files are read (a FIFO would block forever)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return Decoded(None, b"", (InputProblem(source, f"not a regular file ({_file_type(info.st_mode)}); "
                                                            "skipped"),))
        with open(path, "rb") as handle:
            return decode_stream(handle, source)
    except OSError as error:
        return Decoded(None, b"", (InputProblem(source, f"cannot be read ({error.strerror or error}); skipped"),))


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a file"


def _listings_of_file(item: tuple[str, Path], seen: Container[tuple[str, str | None]] = ()) -> tuple[
        tuple[str, str | None] | None, list[Listing], list[InputProblem]]:
    """Read one file (``(source, path)``): its page key (None if it could not be decoded), listings
    and problems; a page whose key is in ``seen`` (read before) is not parsed. Independent of
    every other file, so files can be read on other workers."""
    source, path = item
    decoded = _read_file(source, path)
    page_key = None
    if decoded.text is not None:
        # Pages dated by their file names are different pages even when their content repeats.
        page_key = (hashlib.sha1(decoded.raw).hexdigest(), iso_date(os.path.basename(source)))
        if page_key in seen:
            return page_key, [], []
    listings, problems = _parse_decoded(decoded, source)
    return page_key, listings, problems


def _nothing_read(problems: list[InputProblem]) -> str:
    shown = "; ".join(str(problem) for problem in problems[:5])
    more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
    return f"no listings could be read: {shown or 'no inputs'}{more} - {_ACCEPTED}"


def read_listings(inputs: Iterable[str | os.PathLike] | None = None, *, progress: bool = False,
                  workers: Workers | None = None) -> ReadResult:
    """Read every listing in the inputs: files, directories (recursively) and globs.

    Parameters
    ----------
    inputs : paths, directories or glob patterns, in any mix of formats; None or empty reads
        the bundled sample corpus (:func:`sample_paths`).
    progress : show a progress bar of the files read on standard error.
    workers : where to read the files (:class:`papergraph.engine.Workers`); None reads them here.
        The result is the same.

    Returns
    -------
    ReadResult
        The listings in input order, and one :class:`~papergraph.types.InputProblem` per
        problem (missing path, empty, binary, badly encoded or truncated file, record without
        abstract, ...). ``Listing.source`` is the path as given (joined onto the directory
        given, for files found in it; the bare file name for the bundled samples). A directory walk reads
        only files named like :data:`LISTING_SUFFIXES` (skipping e.g. LICENSE files and
        hidden files); a file named explicitly is always read. A file with the same content
        as one read before (and the same date in its name, if any) is read once, with a
        problem: the same page given twice.

    Raises
    ------
    papergraph.errors.NoListingsError
        When not a single listing could be read; the message lists the problems.

    Examples
    --------
    >>> result = read_listings()
    >>> len(result.listings), result.problems
    (725, ())
    >>> result.listings[0].source, result.listings[0].position
    ('000_a838712ad13a088a.txt', 1)
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    inputs = list(inputs or ())
    files = _expand(inputs) if inputs else [(path.name, path) for path in sample_paths()]
    readable = [(source, path.absolute()) for source, path in (x for x in files if not isinstance(x, InputProblem))]
    first_with_content: dict[tuple[str, str | None], str] = {}
    # Read here, one file at a time as the loop below asks, a file skips the parsing of a page
    # already read; workers read ahead, and the loop drops such a page after.
    read = iter(map(functools.partial(_listings_of_file, seen=first_with_content), readable) if workers is None
                else workers.map(_listings_of_file, readable))
    listings: list[Listing] = []
    problems: list[InputProblem] = []
    # Every record read is kept, and JSON values make no reference cycles: the cyclic
    # collector would walk the growing heap again and again (a fifth of reading's CPU).
    with cyclic_gc_paused():
        for item in tqdm(files, desc="reading", unit="file", disable=not progress, file=sys.stderr):
            if isinstance(item, InputProblem):
                problems.append(item)
                continue
            source = item[0]
            page_key, found, found_problems = next(read)
            if page_key is not None:
                if page_key in first_with_content:
                    problems.append(InputProblem(source, f"same content as {first_with_content[page_key]}; read once"))
                    continue
                first_with_content[page_key] = source
            listings.extend(found)
            problems.extend(found_problems)
    if not listings:
        raise NoListingsError(_nothing_read(problems))
    return ReadResult(tuple(listings), tuple(problems))
