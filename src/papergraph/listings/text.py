"""Read text dumps of listing pages: a title line, then its abstract line, entry after entry.

Both layouts of the Daily Papers page dumps are read: entries separated by blank lines, and
title and abstract on consecutive lines with no blank line at all. Page chrome ("new",
"Subscribe", "Daily Papers", "Get trending papers in your email inbox!", "by AK and the
research community") is dropped, "Subscribe" glued to the first title is cut off, and a date
line such as "Sep 16" becomes the date label of the entries below it.

A title is a line followed by its abstract. Lines simply alternate title, abstract, title, ...
unless the text says otherwise: a line of 300 characters or 35 words is always an abstract, and
a title followed by a title-like line (short, no full stop) and then by an abstract-like line
(long, or ending with a full stop) has lost its abstract (reported, skipped).
"""

from __future__ import annotations

import re

from papergraph.listings._decode import nonblank_lines
from papergraph.listings._entries import Entry, too_many_entries
from papergraph.listings.limits import MAX_ABSTRACT_CHARS, MAX_ENTRIES_PER_FILE, MAX_LINES_PER_FILE
from papergraph.types import InputProblem

__all__ = ["parse_page_text"]

_CHROME = re.compile(
    r"new|subscribe|daily papers|by ?ak and the research community"
    r"|get trending papers in your email inbox( once a day)?!?",
    re.IGNORECASE,
)
_GLUED_SUBSCRIBE = re.compile(r"^Subscribe(?=[^\sa-z])")
_DATE_LABEL = re.compile(
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? \d{1,2}(?:, \d{4})?"
)
_LONG_CHARS = 300
_LONG_WORDS = 35


def _abstractness(line: str) -> int:
    """2 for a line only an abstract can be, 1 for a sentence, 0 for a title-like line."""
    if len(line) >= _LONG_CHARS or line.count(" ") >= _LONG_WORDS - 1:
        return 2
    return 1 if line.endswith(".") else 0


def _content_lines(text: str, source: str) -> tuple[list[tuple[int, str | None, str | None]], list[InputProblem]]:
    """(line number, content or None when too long, date label in force) of the content lines."""
    lines: list[tuple[int, str | None, str | None]] = []
    problems: list[InputProblem] = []
    label = None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for seen, (number, raw) in enumerate(nonblank_lines(text)):
        if seen == MAX_LINES_PER_FILE:
            problems.append(InputProblem(source, f"more than {MAX_LINES_PER_FILE:,} lines; read the first "
                                                 f"{MAX_LINES_PER_FILE:,} only (split bigger pages)", number))
            break
        line = " ".join(raw.split())
        if _CHROME.fullmatch(line):
            continue
        if _DATE_LABEL.fullmatch(line):
            label = line
            continue
        if not lines:
            line = _GLUED_SUBSCRIBE.sub("", line)
        if len(line) > MAX_ABSTRACT_CHARS:
            problems.append(InputProblem(source, f"line of {len(line):,} characters is too long for a title "
                                                 "or an abstract; skipped", number))
            lines.append((number, None, label))
        else:
            lines.append((number, line, label))
    return lines, problems


def parse_page_text(text: str, source: str, *, date: str | None = None) -> tuple[list[Entry], list[InputProblem]]:
    """Find the title/abstract entries of one page dump.

    Parameters
    ----------
    text : the decoded page text.
    source : the file, for messages.
    date : the page's ISO date when known (from the file name); else each entry gets the
        date label printed above it, if any.

    Returns
    -------
    The entries in page order, and the problems met (titles without abstracts, abstracts
    without titles, overlong lines), each with its line number. A text that does not look
    like a listing page at all (most "abstracts" neither long nor ending with a full stop)
    gives no entries and one problem.

    Examples
    --------
    >>> page = "Daily Papers\\nSep 16\\nSubscribeA Title\\nIts abstract.\\n\\nB Title\\n\\nB abstract."
    >>> entries, problems = parse_page_text(page, "page.txt")
    >>> [(e.line, e.title, e.abstract, e.date) for e in entries]
    [(3, 'A Title', 'Its abstract.', 'Sep 16'), (6, 'B Title', 'B abstract.', 'Sep 16')]
    """
    lines, problems = _content_lines(text, source)
    entries: list[Entry] = []
    i = 0
    while i < len(lines):
        number, title, label = lines[i]
        if title is None:
            i += 1
            continue
        if _abstractness(title) == 2:
            problems.append(InputProblem(source, "abstract without a title before it; skipped", number))
            i += 1
            continue
        following = [line for _, line, _ in lines[i + 1 : i + 3]]
        if not following:
            problems.append(InputProblem(source, "title without an abstract (last line); skipped", number))
            break
        abstract = following[0]
        if abstract is not None and len(following) == 2 and following[1] is not None:
            if _abstractness(abstract) == 0 and _abstractness(following[1]) > 0:
                problems.append(InputProblem(source, "title without an abstract (the next line is the next "
                                                     "title); skipped", number))
                i += 1
                continue
        if abstract is not None:
            if len(entries) == MAX_ENTRIES_PER_FILE:
                problems.append(too_many_entries(source))
                break
            entries.append(Entry(number, title, abstract, date or label))
        i += 2
    unlike = sum(1 for entry in entries if _abstractness(entry.abstract) == 0)
    if entries and unlike * 2 > len(entries):
        return [], [InputProblem(source, "does not look like a listing page: most lines after titles are not "
                                         "abstracts; skipped (expected a title line, then an abstract line)")]
    return entries, problems
