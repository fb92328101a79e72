"""Read entries of the Hugging Face ``daily_papers`` API response.

The response is a JSON array with one entry per listed paper; the paper itself is the entry's
``paper`` object (``id`` = arXiv id, ``title``, ``summary`` = abstract, ``authors`` as objects
with a ``name``). Real archives have two quirks handled here and in
:mod:`papergraph.listings.records`: some days hold entries as Python-repr strings
(``"{'paper': {...}, 'title': ...}"``) instead of JSON objects, and one day wraps the array in
an object (``{"status", "date", "count", "data": [...]}``).
"""

from __future__ import annotations

import ast
from typing import Any

__all__ = ["is_daily_papers_entry", "flatten_entry", "parse_repr_entry"]


def is_daily_papers_entry(value: Any) -> bool:
    """True for an entry of the ``daily_papers`` response (a record with a ``paper`` object).

    Examples
    --------
    >>> is_daily_papers_entry({"paper": {"id": "2405.15738", "title": "T"}}), is_daily_papers_entry({"title": "T"})
    (True, False)
    """
    return isinstance(value, dict) and isinstance(value.get("paper"), dict)


def parse_repr_entry(text: str) -> dict | None:
    """The entry a Python-repr string holds, or None when it holds no dict.

    Only literals are evaluated (:func:`ast.literal_eval`), never code.

    Examples
    --------
    >>> parse_repr_entry("{'paper': {'id': '2412.07730', 'hidden': False}}")
    {'paper': {'id': '2412.07730', 'hidden': False}}
    >>> parse_repr_entry("__import__('os')") is None
    True
    """
    if not text.lstrip().startswith("{"):
        return None
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _author_names(authors: Any) -> list[str]:
    if not isinstance(authors, list):
        return []
    names = (author.get("name") if isinstance(author, dict) else author for author in authors)
    return [name for name in names if isinstance(name, str) and name.strip()]


def flatten_entry(entry: dict) -> dict:
    """A ``daily_papers`` entry as a plain record: title, summary, id, authors, fallback_date,
    paper_published.

    The paper object's fields win over the entry's own copies. ``fallback_date`` is the
    entry's ``publishedAt``: the listing day is the day file's date when there is one.
    ``paper_published`` is the paper object's ``publishedAt``, its arXiv submission.

    Examples
    --------
    >>> entry = {"paper": {"id": "2405.15738", "title": "ConvLLaVA", "summary": "We ...",
    ...          "authors": [{"name": "Chunjiang Ge"}]}, "publishedAt": "2024-05-26T22:12:03.000Z"}
    >>> flat = flatten_entry(entry)
    >>> flat["title"], flat["summary"], flat["id"], flat["authors"]
    ('ConvLLaVA', 'We ...', '2405.15738', ['Chunjiang Ge'])
    >>> flat["fallback_date"], flat["paper_published"]
    ('2024-05-26T22:12:03.000Z', None)
    """
    paper = entry["paper"]
    return {
        "title": paper.get("title") or entry.get("title"),
        "summary": paper.get("summary") or entry.get("summary"),
        "id": paper.get("id"),
        "authors": _author_names(paper.get("authors")),
        "fallback_date": entry.get("publishedAt") or paper.get("publishedAt"),
        "paper_published": paper.get("publishedAt"),
    }
