"""Paper identifiers, shared by every stage: arXiv ids and the ids of paper nodes.

Lower than any stage, so that reading listings (which finds arXiv ids in records) never
imports the later stage that resolves papers.
"""

from __future__ import annotations

import hashlib
import re

__all__ = ["ARXIV_PREFIX", "TITLE_PREFIX", "canonical_arxiv_id", "is_arxiv_id", "arxiv_paper_id", "title_paper_id"]

#: Paper ids are ``arxiv:<id>`` when an arXiv id is known ...
ARXIV_PREFIX = "arxiv:"
#: ... otherwise ``title:<first 12 hex digits of sha1(normalised title)>``.
TITLE_PREFIX = "title:"

_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/(.+?)(?:\.pdf)?/?$", re.IGNORECASE)
_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?")


def canonical_arxiv_id(value: object) -> str | None:
    """The arXiv id in ``value`` without its version suffix, or None if there is none.

    Accepts bare ids, ``arXiv:`` prefixes and abs/pdf URLs, new (``2405.15738``) and old
    (``hep-th/9901001``) style.

    Examples
    --------
    >>> canonical_arxiv_id("2405.15738v2"), canonical_arxiv_id("https://arxiv.org/abs/hep-th/9901001v1")
    ('2405.15738', 'hep-th/9901001')
    >>> canonical_arxiv_id("arxiv:2401.00001"), canonical_arxiv_id("42")
    ('2401.00001', None)
    """
    if not isinstance(value, str):
        return None
    if len(value) == 10 and value[4] == "." and value[:4].isdigit() and value[5:].isdigit():
        return value  # the usual bare new-style id, without a regex
    match = _ARXIV_ID.fullmatch(value)
    if match:
        return match.group(1)
    text = value.strip()
    url = _ARXIV_URL.search(text)
    if url:
        text = url.group(1)
    elif text[:6].lower() == "arxiv:":
        text = text[6:].strip()
    match = _ARXIV_ID.fullmatch(text)
    return match.group(1) if match else None


def is_arxiv_id(value: str) -> bool:
    """True for a bare arXiv id, new or old style, with or without its version.

    Examples
    --------
    >>> is_arxiv_id("2405.15738v2"), is_arxiv_id("math.GT/0309136"), is_arxiv_id("arXiv:2405.15738")
    (True, True, False)
    """
    return _ARXIV_ID.fullmatch(value) is not None


def arxiv_paper_id(arxiv_id: str) -> str:
    """The id of the paper node of a canonical arXiv id.

    Examples
    --------
    >>> arxiv_paper_id("2405.15738")
    'arxiv:2405.15738'
    """
    return ARXIV_PREFIX + arxiv_id


def title_paper_id(normalised_title: str) -> str:
    """The id of the paper node of a paper known only by its normalised title.

    Examples
    --------
    >>> title_paper_id("attention is all you need")
    'title:37f63852cdfb'
    """
    return TITLE_PREFIX + hashlib.sha1(normalised_title.encode("utf-8")).hexdigest()[:12]
