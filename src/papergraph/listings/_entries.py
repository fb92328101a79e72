"""Entries found in one file, checked and numbered into :class:`~papergraph.types.Listing` records.

Every format reader yields :class:`Entry` values; the checks (title without abstract,
implausibly long fields) and the page and position rules live here, once for all formats.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from papergraph.listings._decode import clean_field
from papergraph.listings.limits import MAX_ABSTRACT_CHARS, MAX_ENTRIES_PER_FILE, MAX_TITLE_CHARS
from papergraph.types import InputProblem, Listing

__all__ = ["Entry", "iso_date", "listings_from_entries", "too_many_entries"]

_ISO_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
_new_object = object.__new__
_set_attribute = object.__setattr__


class Entry(NamedTuple):
    """A title and abstract found in a file, before pages and positions are given out.

    ``line`` is where the entry starts (the record number for JSON arrays). A named tuple,
    not a frozen dataclass, because readers make one per record and this is the hot loop.
    """

    line: int | None
    title: str
    abstract: str
    date: str | None = None
    arxiv_id: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None


def iso_date(value: object) -> str | None:
    """The ISO date (YYYY-MM-DD) at the start of a timestamp or in a file name, if any.

    Examples
    --------
    >>> iso_date("2024-05-27T07:54:25.329Z"), iso_date("days/2025-01-10.json.gz"), iso_date("Sep 16")
    ('2024-05-27', '2025-01-10', None)
    """
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.search(value)
    if match is None:
        return None
    try:
        datetime.date.fromisoformat(match.group(1))
    except ValueError:
        return None
    return match.group(1)


def too_many_entries(source: str) -> InputProblem:
    """The one problem of a file holding more entries than a file may give."""
    return InputProblem(source, f"more than {MAX_ENTRIES_PER_FILE:,} records; read the first "
                                f"{MAX_ENTRIES_PER_FILE:,} only (split bigger collections into several files)")


def _entry_problem(title: str, abstract: str) -> str:
    """Why an entry whose cleaned fields failed the quick check in :func:`listings_from_entries` is skipped."""
    if not title and not abstract:
        return "record has neither a title nor an abstract; skipped"
    if not abstract:
        return "title without an abstract; skipped (every title needs its abstract)"
    if not title:
        return "abstract without a title; skipped (every abstract needs its title)"
    if len(title) > MAX_TITLE_CHARS:
        return f"title is {len(title):,} characters long, not a title; skipped"
    return f"abstract is {len(abstract):,} characters long, more than any abstract; skipped"


def _listing(source: str, page: str, position: int, title: str, abstract: str, entry: Entry) -> Listing:
    """The same :class:`Listing` as its constructor gives, at less than half the cost.

    A frozen dataclass sets its nine fields one ``object.__setattr__`` call at a time, which
    made it the dearest step of reading per record; its field dict is given whole instead.
    """
    listing = _new_object(Listing)
    _set_attribute(listing, "__dict__", {
        "source": source, "page": page, "position": position, "title": title, "abstract": abstract,
        "date": entry.date, "arxiv_id": entry.arxiv_id, "authors": entry.authors, "published": entry.published,
    })
    return listing


def listings_from_entries(entries: Iterable[Entry], source: str) -> tuple[list[Listing], list[InputProblem]]:
    """Check the entries of one file and turn the good ones into listings.

    Titles and abstracts are put on one line each. The page is ``source`` when the file
    holds one day (or no dates), else ``"<source>#<date>"``; positions count from 1 per page.

    Examples
    --------
    >>> entries = [Entry(1, "A title", "An abstract.", "2024-01-01"), Entry(3, "Lonely title", ""),
    ...            Entry(4, "Another", "Its  abstract.", "2024-01-02")]
    >>> listings, problems = listings_from_entries(entries, "days.jsonl")
    >>> [(x.page, x.position, x.abstract) for x in listings]
    [('days.jsonl#2024-01-01', 1, 'An abstract.'), ('days.jsonl#2024-01-02', 1, 'Its abstract.')]
    >>> str(problems[0])
    'days.jsonl:3: title without an abstract; skipped (every title needs its abstract)'
    """
    # The hot loop of reading: positional arguments and no intermediate records on purpose.
    good: list[tuple[Entry, str, str]] = []
    problems: list[InputProblem] = []
    for entry in entries:
        title, abstract = clean_field(entry.title), clean_field(entry.abstract)
        if title and abstract and len(title) <= MAX_TITLE_CHARS and len(abstract) <= MAX_ABSTRACT_CHARS:
            good.append((entry, title, abstract))
        else:
            problems.append(InputProblem(source, _entry_problem(title, abstract), entry.line))
    dates = {entry.date for entry, _, _ in good}
    dates.discard(None)
    if len(dates) <= 1:  # one page: the file
        listings = [_listing(source, source, position, title, abstract, entry)
                    for position, (entry, title, abstract) in enumerate(good, 1)]
        return listings, problems
    positions: Counter[str] = Counter()
    listings = []
    for entry, title, abstract in good:
        page = f"{source}#{entry.date}" if entry.date else source
        positions[page] += 1
        listings.append(_listing(source, page, positions[page], title, abstract, entry))
    return listings, problems
