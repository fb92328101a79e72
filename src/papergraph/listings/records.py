"""Read records with a title and an abstract: JSON Lines, JSON arrays, CSV.

A record has a ``title`` and an abstract (``abstract`` or ``summary``); optional are an arXiv
id (``arxiv_id``, ``arxiv`` or an arXiv-shaped ``id``), ``authors`` (a list of names or of
objects with a ``name``, or one string separated by ``;`` or ``,``) and a date (``date``,
``published``, ``publishedAt``, ``published_at``, ``created``) and a publication date
(``published``, ``publishedAt``, ``published_at``; for ``daily_papers`` entries the paper's
own ``publishedAt``). Field names are matched
case-insensitively. A JSON document may be an array of records, one record, or an object
holding the array in its one list-valued field (``{"date": ..., "data": [...]}``; its ``date``
then applies to the records). Entries of the Hugging Face ``daily_papers`` response, also as
Python-repr strings, are records too (:mod:`papergraph.listings.hf`).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Iterator
from typing import Any

from papergraph.ids import canonical_arxiv_id
from papergraph.listings._decode import line_of, nonblank_lines
from papergraph.listings._entries import Entry, iso_date, too_many_entries
from papergraph.listings.hf import flatten_entry, is_daily_papers_entry, parse_repr_entry
from papergraph.listings.limits import MAX_ENTRIES_PER_FILE, MAX_LINE_CHARS
from papergraph.types import InputProblem

__all__ = ["json_loads", "parse_json", "parse_json_lines", "parse_csv", "is_csv_header"]

_TITLE_KEYS = ("title",)
_ABSTRACT_KEYS = ("abstract", "summary")
_ID_KEYS = ("arxiv_id", "arxiv", "arxivid", "id")
_AUTHOR_KEYS = ("authors", "author")
_DATE_KEYS = ("date", "published", "publishedat", "published_at", "created")
_PUBLISHED_KEYS = ("paper_published", "published", "publishedat", "published_at")
_CSV_DELIMITERS = (",", "\t", ";")
_AUTHOR_SEPARATOR = re.compile(r"\s*;\s*|\s*,\s*|\s+and\s+")
_WRONG_SHAPE = ("expected records with a title and an abstract (or summary): an array of them, "
                "one per line, or an object holding the array")


def _bounded_int(digits: str) -> int | float:
    # Python refuses to convert integers of more than 4,300 digits; no listing field needs one.
    return int(digits) if len(digits) <= 4_000 else float("inf")


def json_loads(text: str) -> Any:
    """:func:`json.loads`, with nesting too deep for Python reported as a decode error too.

    Integers too long for Python to convert (more than 4,300 digits) are read as infinity.

    Examples
    --------
    >>> json_loads("[" * 100_000)
    Traceback (most recent call last):
    json.decoder.JSONDecodeError: nested too deeply: line 1 column 1 (char 0)
    >>> json_loads('{"n": ' + "9" * 5_000 + '}')
    {'n': inf}
    """
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None
    except ValueError as error:
        if isinstance(error, json.JSONDecodeError):
            raise
        # Only the digit limit raises a plain ValueError: parse again with bounded integers.
        return json.loads(text, parse_int=_bounded_int)


# The scanner json.loads runs, without its per-call checks: the usual JSON Lines line is one
# value from its first character to its last (lines come stripped).
_SCAN_VALUE = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # set in __init__, untyped


def _json_line(line: str) -> Any:
    """:func:`json_loads` of one stripped line, read straight by the scanner when the line is
    one whole value; anything else (errors included) goes through :func:`json_loads`."""
    try:
        value, end = _SCAN_VALUE(line, 0)
    except (StopIteration, ValueError, RecursionError):
        return json_loads(line)
    return value if end == len(line) else json_loads(line)


#: The fields of a record, each with the (lower-case) keys that name it, in order of preference.
_FIELDS = (_TITLE_KEYS, _ABSTRACT_KEYS, _ID_KEYS, _AUTHOR_KEYS, _DATE_KEYS, _PUBLISHED_KEYS, ("fallback_date",))


@functools.lru_cache(maxsize=1024)
def _key_plan(keys: tuple[Any, ...]) -> tuple[tuple[Any, ...], ...]:
    """For records with these keys: the keys naming each of :data:`_FIELDS`, in order of preference.

    Records of one file nearly always share their keys, so matching keys case-insensitively is
    done once per key set, not once per record.
    """
    lowered: dict[str, Any] = {}
    for key in keys:
        lowered.setdefault(str(key).lower(), key)
    return tuple(tuple(lowered[name] for name in names if name in lowered) for names in _FIELDS)


def _first(record: dict, keys: tuple[Any, ...]) -> Any:
    """The first value of ``keys`` in ``record`` that is neither None nor empty."""
    for key in keys:
        value = record[key]
        if value is not None and value != "":
            return value
    return None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _authors(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = _AUTHOR_SEPARATOR.split(value) if ";" not in value else value.split(";")
    elif isinstance(value, list):
        try:
            return tuple(filter(None, map(str.strip, value)))  # a list of names: the common case
        except TypeError:
            value = [item.get("name") if isinstance(item, dict) else item for item in value]
    else:
        return ()
    return tuple(name.strip() for name in value if isinstance(name, str) and name.strip())


def _record(value: Any) -> dict | None:
    """A record as a dict (its keys in any case), or None when the value is no record."""
    if isinstance(value, str):
        value = parse_repr_entry(value)
    if not isinstance(value, dict):
        return None
    if is_daily_papers_entry(value):
        value = flatten_entry(value)
    return value


def _entry(number: int | None, record: dict, default_date: str | None) -> Entry:
    title, abstract, ids, authors, dates, published, fallback = _key_plan(tuple(record))
    date = iso_date(_first(record, dates)) or default_date or iso_date(_first(record, fallback))
    arxiv_id = None
    for key in ids:
        value = record[key]
        if value is not None:
            arxiv_id = canonical_arxiv_id(value)
            if arxiv_id:
                break
    return Entry(number, _text(_first(record, title)), _text(_first(record, abstract)), date, arxiv_id,
                 _authors(_first(record, authors)), iso_date(_first(record, published)) if published else None)


def _entries(items: list[tuple[int, Any]], source: str, default_date: str | None,
             where: str) -> tuple[list[Entry], list[InputProblem]]:
    """Entries of (number, value) items; values that are no records make one problem.

    At most :data:`~papergraph.listings.limits.MAX_ENTRIES_PER_FILE` items are read, and one
    problem says so when there were more.
    """
    entries, strays = [], []
    problems = []
    if len(items) > MAX_ENTRIES_PER_FILE:
        problems.append(too_many_entries(source))
        items = items[:MAX_ENTRIES_PER_FILE]
    for number, value in items:
        record = _record(value)
        if record is None:
            strays.append(number)
        else:
            entries.append(_entry(number, record, default_date))
    if strays:
        problems.append(InputProblem(source, f"{len(strays)} {where}(s) are not records, the first is "
                                             f"{where} {strays[0]}; skipped ({_WRONG_SHAPE})", strays[0]))
    return entries, problems


def _unwrap(value: Any) -> tuple[list | None, str | None]:
    """The list of records a JSON document holds and a date that applies to all of them."""
    if isinstance(value, list):
        return value, None
    if not isinstance(value, dict):
        return None, None
    record = _record(value)
    if record is not None:
        title, abstract, *_ = _key_plan(tuple(record))
        if _first(record, title) or _first(record, abstract):
            return [value], None
    lists = [field for field in value.values() if isinstance(field, list)]
    if len(lists) != 1:
        return None, None
    return lists[0], iso_date(value.get("date"))


_SPACE = re.compile(r"\s*")


def _salvage_array(text: str) -> tuple[list, str, int]:
    """The complete items at the start of a broken JSON array, why it broke, and where."""
    decoder = json.JSONDecoder()

    def skip_space(position: int) -> int:
        return _SPACE.match(text, position).end()  # type: ignore[union-attr]  # \s* always matches

    items: list = []
    position = skip_space(text.index("[") + 1)
    while True:
        if position >= len(text):
            return items, "ends early (truncated?)", position
        if text[position] == "]":
            return items, "has extra text after the array", position + 1
        try:
            item, position = decoder.raw_decode(text, position)
        except RecursionError:
            return items, "is invalid (nested too deeply)", position
        except json.JSONDecodeError as error:
            cut = error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string")
            return items, "ends early (truncated?)" if cut else f"is invalid ({error.msg})", error.pos
        items.append(item)
        position = skip_space(position)
        if position < len(text) and text[position] == ",":
            position = skip_space(position + 1)
        elif position < len(text) and text[position] != "]":
            return items, "is invalid (expected ',' or ']' after a record)", position


def parse_json(text: str, source: str, *, date: str | None = None,
               truncated: bool = False) -> tuple[list[Entry], list[InputProblem]]:
    """Entries of a JSON document (see the module docstring for the shapes accepted).

    ``date`` (from the file name) is the date of records that carry none of their own.
    A broken array still gives its complete records before the break, with one problem;
    ``truncated`` (a cut gzip stream, already reported) silences that problem.

    Examples
    --------
    >>> text = '[{"Title": "T", "summary": "S.", "id": "2401.00001v2"}, {"title": "U"'
    >>> entries, problems = parse_json(text, "x.json")
    >>> [(e.line, e.title, e.arxiv_id) for e in entries]
    [(1, 'T', '2401.00001')]
    >>> str(problems[0])
    'x.json:1: JSON ends early (truncated?); read the 1 complete record(s) before line 1'
    """
    try:
        document = json_loads(text)
    except json.JSONDecodeError as error:
        if not text.lstrip().startswith("["):
            if truncated:
                return [], []
            return [], [InputProblem(source, f"invalid JSON ({error.msg}, column {error.colno}); "
                                             "nothing read from this file", error.lineno)]
        items, reason, position = _salvage_array(text)
        line = line_of(text, position)
        entries, problems = _entries(list(enumerate(items, 1)), source, date, "array item")
        if not truncated:
            problems.insert(0, InputProblem(source, f"JSON {reason}; read the {len(items)} complete "
                                                    f"record(s) before line {line}", line))
        return entries, problems
    records, wrapper_date = _unwrap(document)
    if records is None:
        found = f"an object with keys {', '.join(map(str, list(document)[:8]))}" if isinstance(document, dict) \
            else f"a JSON {type(document).__name__}"
        return [], [InputProblem(source, f"JSON of the wrong shape: found {found}; {_WRONG_SHAPE}")]
    return _entries(list(enumerate(records, 1)), source, date or wrapper_date, "array item")


def parse_json_lines(text: str, source: str, *, date: str | None = None) -> tuple[list[Entry], list[InputProblem]]:
    """Entries of a JSON Lines file: one record per line, blank lines ignored.

    A line that is not valid JSON, or longer than :data:`MAX_LINE_CHARS`, is one problem
    naming its line; the other lines are still read.

    Examples
    --------
    >>> text = '{"title": "T", "abstract": "A."}\\n{"title": "U", "abstract"\\n'
    >>> entries, problems = parse_json_lines(text, "x.jsonl", date="2025-03-18")
    >>> [(e.line, e.title, e.date) for e in entries], str(problems[0])
    ([(1, 'T', '2025-03-18')], "x.jsonl:2: invalid JSON (Expecting ':' delimiter, column 26); line skipped")
    """
    items: list[tuple[int, Any]] = []
    problems: list[InputProblem] = []
    for number, line in nonblank_lines(text):
        if len(items) == MAX_ENTRIES_PER_FILE:
            problems.append(too_many_entries(source))
            break
        if len(line) > MAX_LINE_CHARS:
            problems.append(InputProblem(source, f"line of {len(line):,} characters is too long for a record; "
                                                 "skipped", number))
            continue
        try:
            items.append((number, _json_line(line)))
        except json.JSONDecodeError as error:
            problems.append(InputProblem(source, f"invalid JSON ({error.msg}, column {error.colno}); line skipped",
                                         number))
    entries, shape_problems = _entries(items, source, date, "line")
    return entries, problems + shape_problems


def _csv_columns(header: str) -> tuple[str, list[str]] | None:
    for delimiter in _CSV_DELIMITERS:
        columns = [column.strip().strip('"').strip().lower() for column in header.split(delimiter)]
        if "title" in columns and ("abstract" in columns or "summary" in columns):
            return delimiter, columns
    return None


def is_csv_header(line: str) -> bool:
    """True for a CSV (or TSV, or ;-separated) header naming title and abstract columns.

    Examples
    --------
    >>> is_csv_header('ID,"Title",Abstract'), is_csv_header("title\\tsummary"), is_csv_header("Title: abstract")
    (True, True, False)
    """
    return _csv_columns(line) is not None


class _Lines:
    """The lines of a text as an iterator whose position can be set back (to resume a CSV reader)."""

    def __init__(self, text: str):
        self.lines = io.StringIO(text, newline="").readlines()
        self.position = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.position >= len(self.lines):
            raise StopIteration
        self.position += 1
        return self.lines[self.position - 1]


def _csv_rows(text: str, delimiter: str, width: int | None, source: str,
              problems: list[InputProblem]) -> Iterator[tuple[int, list[str]]]:
    """(line the row starts on, row) of the non-blank rows of a CSV text.

    A row that is malformed (say, a quote never closed) or that spans several lines and has
    not ``width`` fields is one problem naming the line it starts on; reading resumes on the
    next line, so one stray quote never swallows the rows after it.
    """
    lines = _Lines(text)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    while True:
        start = lines.position
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            reason = "a quote is never closed" if "end of data" in str(error) else str(error)
        else:
            if not any(map(str.strip, row)):
                continue
            if width is None or len(row) == width or lines.position - start == 1:
                yield start + 1, row
                width = width or len(row)
                continue
            reason = f"{len(row)} fields over {lines.position - start} lines, the header {width}: a stray quote?"
        problems.append(InputProblem(source, f"unreadable CSV row ({reason}); line skipped", start + 1))
        lines.position = start + 1
        reader = csv.reader(lines, delimiter=delimiter, strict=True)


def parse_csv(text: str, source: str, *, date: str | None = None) -> tuple[list[Entry], list[InputProblem]]:
    """Entries of a CSV file whose header names title and abstract (or summary) columns.

    Comma, tab and semicolon separators are recognised from the header; column names are
    matched case-insensitively; quoted fields may span lines. A malformed row (an unclosed
    quote) is one problem naming the line it starts on, and the rows after it are still read.

    Examples
    --------
    >>> entries, problems = parse_csv('Title,Abstract,Date\\r\\n"A, title",An abstract.,2024-01-02\\r\\n', "x.csv")
    >>> [(e.line, e.title, e.abstract, e.date) for e in entries]
    [(2, 'A, title', 'An abstract.', '2024-01-02')]
    >>> entries, problems = parse_csv('title,abstract\\nA,"Unclosed quote\\nB,Its abstract.\\n', "x.csv")
    >>> [(e.line, e.title) for e in entries], [str(problem) for problem in problems]
    ([(3, 'B')], ['x.csv:2: unreadable CSV row (a quote is never closed); line skipped'])
    """
    header = next((line for line in text.split("\n") if line.strip()), "")
    found = _csv_columns(header)
    if found is None:
        return [], [InputProblem(source, f"CSV header has no title and abstract (or summary) columns; found: "
                                         f"{header[:200]!r}")]
    problems: list[InputProblem] = []
    rows = _csv_rows(text, found[0], None, source, problems)
    first = next(rows, None)
    if first is None:
        return [], problems
    columns = [column.strip().lower() for column in first[1]]
    items = []
    for number, row in rows:
        if len(row) != len(columns):
            problems.append(InputProblem(source, f"CSV row has {len(row)} fields, the header {len(columns)}; "
                                                 "skipped", number))
            continue
        items.append((number, dict(zip(columns, row, strict=True))))
    entries, shape_problems = _entries(items, source, date, "row")
    return entries, problems + shape_problems
