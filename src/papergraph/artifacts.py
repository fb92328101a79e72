"""The code, models, data and pages papers release: URLs in titles and abstracts as artifacts.

A URL is found when it starts with ``http://`` or ``https://``, or, without a scheme, when it
is on a known host (``github.com/...``, ``huggingface.co/...``, ``name.github.io/...``). It ends
at white space, a quote, a bracket or a brace (LaTeX leftovers such as ``url{url}`` give two
URLs of one artifact), and loses trailing punctuation. Each URL is reduced to its **canonical
form**, which is the artifact's identity:

====================================================  =========================================  ========
URL                                                   canonical form                             type
====================================================  =========================================  ========
``github.com/Owner/Repo[.git][/tree/...]``            ``github.com/owner/repo``                  code
``gitlab.com``, ``bitbucket.org``, ``gitee.com``,     ``host/owner/repo``                        code
``codeberg.org``: ``host/owner/repo[/...]``
``huggingface.co/datasets/owner/name[/...]``          ``huggingface.co/datasets/owner/name``     dataset
``huggingface.co/spaces/owner/name[/...]``            ``huggingface.co/spaces/owner/name``       page
``huggingface.co/owner/name[/...]`` (``hf.co`` too)   ``huggingface.co/owner/name``              model
``modelscope.cn/models|datasets/owner/name``          ``modelscope.cn/models|datasets/...``      model / dataset
``kaggle.com/datasets/owner/name``,                   ``host/datasets/owner/name``,              dataset
``zenodo.org/records/N``                              ``zenodo.org/records/N``
anything else (project pages, ``*.github.io``, a      host without ``www.`` + path, without      page
GitHub or Hugging Face profile, videos)               trailing ``/`` or ``index.html``
====================================================  =========================================  ========

Owners and names of code, model and dataset hosts compare without case (GitHub and the Hub
do), so the id is lower-case while the ``url`` keeps the spelling most links use; page paths
keep their case. Links to other papers (``arxiv.org``, ``doi.org``) are references, not
releases, and are left out. The artifact's ``url`` is ``https://`` + its canonical form for
the hosts above, and the page's own scheme otherwise.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from papergraph.schema import ARTIFACT_TYPES
from papergraph.types import Paper

__all__ = ["ARTIFACT_TYPES", "Artifact", "Release", "Artifacts", "find_urls", "canonical_artifact",
           "extract_artifacts", "without_urls"]

_URL_CHARS = r"[^\s<>\"'`(){}\[\]\\|^]"
_KNOWN_HOSTS = r"(?:github\.com|gitlab\.com|huggingface\.co|hf\.co|[\w-]+\.github\.io)"
_URL = re.compile(rf"\bhttps?://{_URL_CHARS}+|(?<![\w./@-])(?:www\.)?{_KNOWN_HOSTS}/?{_URL_CHARS}*", re.IGNORECASE)
# Every text _URL matches holds "://", or a known host's ".co"/".io" in any case (where "i" may be
# written "İ" or "ı", which re's IGNORECASE takes for it): the abstracts without skip its slow scan.
_HINTS = ("://", ".co", ".io")
_DOTTED_I = ("\u0130", "\u0131")
_TRAILING = ".,;:!?*"
_CODE_HOSTS = frozenset({"github.com", "gitlab.com", "bitbucket.org", "gitee.com", "codeberg.org"})
_REFERENCE_HOSTS = frozenset({"arxiv.org", "doi.org", "dx.doi.org"})
# First path segments of huggingface.co that are not an owner.
_HUB_PAGES = frozenset({"papers", "docs", "blog", "collections", "organizations", "learn", "join", "settings",
                        "tasks", "models", "posts", "spaces", "datasets", "login", "pricing", "chat"})
_GITHUB_PAGES = frozenset({"orgs", "topics", "features", "marketplace", "sponsors", "settings", "apps", "about"})
_HOST = re.compile(r"^(?:[\w-]+\.)+[a-z]{2,}$", re.IGNORECASE)


@dataclass(frozen=True)
class Artifact:
    """Something papers release: a repository, a model, a dataset or a page.

    ``id`` is ``artifact:<canonical form>``; ``url`` the link to it; ``type`` one of
    :data:`ARTIFACT_TYPES`.
    """

    id: str
    url: str
    type: str

    @property
    def label(self) -> str:
        """The canonical form as most links spell it, as shown on a node: ``github.com/Owner/Repo``."""
        return self.url.split("://", 1)[1]


@dataclass(frozen=True)
class Release:
    """A paper links an artifact ``count`` times, written as ``urls``."""

    paper_id: str
    artifact_id: str
    count: int
    urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class Artifacts:
    """The artifacts of a set of papers (sorted by id) and who releases them (by paper, artifact)."""

    artifacts: tuple[Artifact, ...]
    releases: tuple[Release, ...]


def find_urls(text: str) -> list[str]:
    """The URLs written in a text, in order, trailing punctuation removed.

    Examples
    --------
    >>> find_urls("Code: https://github.com/a/b.git. Demo at (b.github.io/demo) and url{https://x.org/p}.")
    ['https://github.com/a/b.git', 'b.github.io/demo', 'https://x.org/p']
    >>> find_urls("javascript:alert(1) or GitHub or e.g. github.com")
    ['github.com']
    """
    urls: list[str] = []
    for match in _url_matches(text):
        url = match.group(0).rstrip(_TRAILING)
        if url:
            urls.append(url)
    return urls


def _url_matches(text: str) -> Iterator[re.Match]:
    """The matches of _URL in the text, in order, as ``_URL.finditer(text)`` gives them.

    No match holds a space or a new line, nor do they tell a match from what stands before it:
    in ASCII text, only the runs between them that hold a hint are searched, which spares
    the slow scan of the rest (most of an abstract that holds a link).
    """
    lowered = text.lower()
    if not text.isascii():
        if any(hint in lowered for hint in _HINTS) or any(i in text for i in _DOTTED_I):
            yield from _URL.finditer(text)
        return
    done = 0
    for at in sorted(at for hint in _HINTS for at in _positions(lowered, hint)):
        if at < done:
            continue  # in the run searched last
        start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
        done = min((end for end in (text.find(" ", at), text.find("\n", at)) if end >= 0), default=len(text))
        yield from _URL.finditer(text, start, done)


def _positions(text: str, part: str) -> Iterator[int]:
    at = text.find(part)
    while at >= 0:
        yield at
        at = text.find(part, at + 1)


def without_urls(text: str) -> str:
    """The text with its URLs blanked out by spaces (offsets stay).

    A link's words are no names of the text ("github.com/KaLM-Embedding/..." names an
    owner), but for the name of a repository (the last part of a path of three parts or
    more) that the text writes elsewhere too: there it is one more mention of that name.

    >>> without_urls("FooNet-S wins. Code: github.com/Org/FooNet. Site: https://org.github.io/")
    'FooNet-S wins. Code:                FooNet. Site:                       '
    """
    pieces: list[str] = []
    done = 0
    for match in _url_matches(text):
        pieces += (text[done : match.start()], _blank(match, text))
        done = match.end()
    return "".join((*pieces, text[done:])) if pieces else text


def _blank(match: re.Match, text: str) -> str:
    url = match.group(0).rstrip(_TRAILING)
    path = url.rstrip("/")
    parts = path.split("://", 1)[-1].split("/")
    kept = parts[-1] if len(parts) >= 3 else ""
    if kept and not _written(kept, text[: match.start()] + text[match.end() :]):
        kept = ""
    return " " * (len(path) - len(kept)) + kept + " " * (len(url) - len(path)) + match.group(0)[len(url) :]


def _written(word: str, text: str) -> bool:
    """Whether a text writes a word as a word of its own (or the first part of one: "FooNet-S")."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before, after = text[start - 1 : start], text[end : end + 1]
        if not (before.isalnum() or before in ("/", "_")) and not (after.isalnum() or after == "_"):
            return True
        start = text.find(word, start + 1)
    return False


def _split(url: str) -> tuple[str, str, list[str], str]:
    """(scheme, lower-case host without www., path segments, query) of a URL."""
    scheme, _, rest = url.partition("://") if "://" in url else ("https", "", url)
    rest = rest.split("#", 1)[0]
    rest, _, query = rest.partition("?")
    host, _, path = rest.partition("/")
    host = host.lower().split("@")[-1].split(":")[0].removeprefix("www.")
    return scheme.lower(), host, [segment for segment in path.split("/") if segment], query


def canonical_artifact(url: str) -> Artifact | None:
    """The artifact a URL links to (see the module docstring), or None for a reference or non-URL.

    Examples
    --------
    >>> repository = canonical_artifact("https://github.com/Google-Research/google-research/tree/master/fax")
    >>> repository.id, repository.type
    ('artifact:github.com/google-research/google-research', 'code')
    >>> repository.url
    'https://github.com/Google-Research/google-research'
    >>> canonical_artifact("HF.co/datasets/HuggingFaceFW/fineweb/viewer").label
    'huggingface.co/datasets/HuggingFaceFW/fineweb'
    >>> canonical_artifact("http://www.cs.columbia.edu/cg/INSR-PDE/index.html").url
    'http://cs.columbia.edu/cg/INSR-PDE'
    >>> canonical_artifact("https://arxiv.org/abs/2405.15738") is None
    True
    """
    scheme, host, segments, query = _split(url)
    if scheme not in ("http", "https") or not _HOST.match(host) or host in _REFERENCE_HOSTS:
        return None
    if host == "hf.co":
        host = "huggingface.co"
    if host == "raw.githubusercontent.com":
        host = "github.com"
    kind, path = "page", None
    lowered = [segment.lower() for segment in segments]
    if host in _CODE_HOSTS and len(segments) >= 2 and lowered[0] not in _GITHUB_PAGES and lowered[1] != "-":
        kind, path = "code", segments[:2]
    elif host == "huggingface.co" and len(segments) >= 3 and lowered[0] in ("datasets", "spaces", "models"):
        kind = {"datasets": "dataset", "spaces": "page", "models": "model"}[lowered[0]]
        path = [lowered[0], *segments[1:3]] if kind != "model" else segments[1:3]
    elif host == "huggingface.co" and len(segments) >= 2 and lowered[0] not in _HUB_PAGES:
        kind, path = "model", segments[:2]
    elif host == "modelscope.cn" and len(segments) >= 3 and lowered[0] in ("models", "datasets"):
        kind, path = ("model" if lowered[0] == "models" else "dataset"), [lowered[0], *segments[1:3]]
    elif host == "kaggle.com" and len(segments) >= 3 and lowered[0] == "datasets":
        kind, path = "dataset", [lowered[0], *segments[1:3]]
    elif host == "zenodo.org" and len(segments) >= 2 and lowered[0] in ("record", "records"):
        kind, path = "dataset", ["records", segments[1]]
    if path is not None:
        path[-1] = re.sub(r"\.git$", "", path[-1], flags=re.IGNORECASE)
        canonical = "/".join([host, *path])
        return Artifact("artifact:" + canonical.lower(), "https://" + canonical, kind)
    while segments and segments[-1].lower() in ("index.html", "index.htm"):
        segments.pop()
    canonical = "/".join([host, *segments]) + (f"?{query}" if query else "")
    return Artifact("artifact:" + canonical, f"{scheme}://{canonical}", "page")


def extract_artifacts(papers: Iterable[Paper]) -> Artifacts:
    """Find the artifacts every paper links in its title and abstract.

    An artifact's ``url`` is the spelling most of its links use (ties: ``https``, then the
    first in sort order).

    Examples
    --------
    >>> papers = [Paper("p1", "T", "Code: https://github.com/a/b (github.com/a/b.git, github.com/A/B/issues).", ()),
    ...           Paper("p2", "U", "Weights at https://huggingface.co/a/b-7b.", ())]
    >>> found = extract_artifacts(papers)
    >>> [(a.label, a.type) for a in found.artifacts]
    [('github.com/a/b', 'code'), ('huggingface.co/a/b-7b', 'model')]
    >>> found.releases[0].artifact_id, found.releases[0].count, found.releases[0].urls
    ('artifact:github.com/a/b', 3, ('https://github.com/a/b', 'github.com/a/b.git', 'github.com/A/B/issues'))
    """
    by_id: dict[str, list[Artifact]] = defaultdict(list)
    releases = []
    for paper in papers:
        written: dict[str, list[str]] = defaultdict(list)
        for url in find_urls(f"{paper.title}\n{paper.abstract}"):
            artifact = canonical_artifact(url)
            if artifact is not None:
                by_id[artifact.id].append(artifact)
                written[artifact.id].append(url)
        releases += [Release(paper.id, aid, len(urls), tuple(dict.fromkeys(urls))) for aid, urls in written.items()]
    artifacts = []
    for _, seen in sorted(by_id.items()):
        urls = Counter(artifact.url for artifact in seen)
        artifacts.append(min(seen, key=lambda a: (-urls[a.url], not a.url.startswith("https"), a.url)))
    return Artifacts(tuple(artifacts), tuple(sorted(releases, key=lambda r: (r.paper_id, r.artifact_id))))
