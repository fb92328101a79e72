"""Stage 2: resolve listings into distinct papers.

The same paper listed several times becomes one :class:`~papergraph.types.Paper` with several
listings. Identity, in order:

1. the arXiv id (version suffix dropped) when a listing carries one;
2. otherwise the normalised title (:func:`normalize_title`); a listing without an id whose
   normalised title equals that of exactly one arXiv paper joins that paper;
3. then near-duplicate titles are merged: titles are blocked by their two rarest words and by
   a title prefix, compared with rapidfuzz only within a block and there only with the next
   :data:`WINDOW` titles in title order (so the work stays linear for any input), and two
   papers merge only when their titles hold the same numbers, score at least
   :data:`TITLE_CUTOFF` *and* their abstracts at least :data:`ABSTRACT_CUTOFF`. Two different
   arXiv ids never merge.

Paper ids are ``arxiv:<id>`` or ``title:<first 12 hex digits of sha1(normalised title)>``,
so they are the same on every run and machine.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from tqdm import tqdm

if TYPE_CHECKING:
    import pandas as pd

from papergraph.gc_pause import cyclic_gc_paused
from papergraph.ids import arxiv_paper_id, canonical_arxiv_id, title_paper_id
from papergraph.types import Listing, Paper
from papergraph.unionfind import UnionFind

__all__ = [
    "TITLE_CUTOFF",
    "ABSTRACT_CUTOFF",
    "WINDOW",
    "normalize_title",
    "resolve_papers",
    "paper_record",
    "papers_frame",
]

#: Minimum rapidfuzz ratio (0-100) of two normalised titles for a near-duplicate.
TITLE_CUTOFF = 90.0
#: Minimum rapidfuzz ratio (0-100) of the two normalised abstracts for the merge to happen.
ABSTRACT_CUTOFF = 80.0

_LATEX_COMMAND = re.compile(r"\\([A-Za-z]+)")
_LATEX_STYLE = frozenset(
    "mathbf mathrm mathit mathcal mathbb mathsf mathtt mathfrak text textbf textit texttt textrm textsc "
    "emph operatorname boldsymbol bm left right displaystyle rm bf it underline overline textsl textup".split()
)
_LATEX_SYMBOL = {"times": "x", "cdot": " ", "sim": "~", "approx": "~"}
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`]")
_NOT_WORD = re.compile(r"[\W_]+")
_NUMBER = re.compile(r"\d+")
_GREEK = {code: unicodedata.name(chr(code)).split()[-1].lower() for code in range(0x3B1, 0x3CA) if code != 0x3C2}
_GREEK[ord("\u00d7")] = "x"  # the multiplication sign, as in "100×"
_PREFIX_CHARS = 16
_RARE_KEYS = 2
#: Within a block sorted by title, each title is compared with the next this many: all pairs
#: of a small block, a bounded number per title in a large one (templated titles).
WINDOW = 25
_ABSTRACT_CHARS = 2_000


def _latex_word(match: re.Match) -> str:
    name = match.group(1)
    if name in _LATEX_STYLE:
        return ""
    return _LATEX_SYMBOL.get(name, " " + name + " ")


def normalize_title(title: str) -> str:
    """A title reduced to what identifies it: same paper, same normalised title.

    Unicode NFKC, LaTeX commands (``\\times`` becomes ``x``, ``\\alpha`` and ``α`` become
    ``alpha``, style commands such as ``\\mathbf`` go), case folded, apostrophes dropped,
    any other punctuation and whitespace run turned into one space. A title of nothing but
    punctuation keeps its punctuation.

    Examples
    --------
    >>> normalize_title("LightHGNN: Distilling ... into MLPs for $100\\\\times$ Faster Inference")
    'lighthgnn distilling into mlps for 100x faster inference'
    >>> normalize_title("LightHGNN:  distilling … into MLPs for 100× faster inference")
    'lighthgnn distilling into mlps for 100x faster inference'
    >>> normalize_title("$\\\\alpha$-Divergence Isn't Enough") == normalize_title("α-divergence isnt enough")
    True
    """
    text = unicodedata.normalize("NFKC", title)
    if "\\" in text:
        text = _LATEX_COMMAND.sub(_latex_word, text).replace("{", "").replace("}", "")
    text = _APOSTROPHES.sub("", text.casefold())
    if not text.isascii():
        text = text.translate(_GREEK)
    return _NOT_WORD.sub(" ", text).strip() or " ".join(text.split())


class _Clusters(UnionFind):
    """Union-find over groups of listings that never joins two different arXiv ids."""

    def __init__(self, arxiv_ids: Sequence[str | None]):
        super().__init__(len(arxiv_ids))
        self.arxiv_id = list(arxiv_ids)

    def union(self, i: int, j: int) -> int | None:
        id_i, id_j = self.arxiv_id[self.find(i)], self.arxiv_id[self.find(j)]
        if id_i and id_j:
            return None
        root = super().union(i, j)
        if root is not None:
            self.arxiv_id[root] = id_i or id_j
        return root


def _blocks(titles: Sequence[str]) -> list[list[int]]:
    """Indices of titles sharing a block key (one of their rarest words, or their prefix), sorted by title."""
    document_frequency = Counter(word for title in titles for word in set(title.split()))
    blocks: dict[str, list[int]] = defaultdict(list)
    # Filled in title order, each block comes out sorted without sorting it again.
    for index in sorted(range(len(titles)), key=lambda i: (titles[i], i)):
        title = titles[index]
        words = sorted(set(title.split()), key=lambda word: (document_frequency[word], word))
        for word in words[:_RARE_KEYS]:
            blocks["w:" + word].append(index)
        blocks["p:" + title.replace(" ", "")[:_PREFIX_CHARS]].append(index)
    return [members for _, members in sorted(blocks.items()) if len(members) > 1]


def _abstracts_agree(a: str, b: str) -> bool:
    a, b = normalize_title(a[:_ABSTRACT_CHARS]), normalize_title(b[:_ABSTRACT_CHARS])
    return bool(a and b) and fuzz.ratio(a, b, score_cutoff=ABSTRACT_CUTOFF) > 0


def _merge_near_duplicates(titles: Sequence[str], abstracts: Sequence[str], owner: Sequence[int],
                           clusters: _Clusters, progress: bool) -> None:
    """Join the groups owning near-identical titles whose abstracts agree.

    Each title is compared with at most :data:`WINDOW` titles per block it is in (its
    neighbours in title order), so the work grows linearly with the number of titles
    whatever they look like; near-duplicates sort next to each other within a block.

    Only pairs with at least one title of a group without arXiv id are compared (two
    different arXiv ids never merge), and only titles with the same numbers: "Llama 2" and
    "Llama 3", or the 2024 and 2025 editions of a challenge, are different papers.
    """
    candidates: set[tuple[float, int, int]] = set()
    free = [clusters.arxiv_id[group] is None for group in owner]
    numbers = [sorted(_NUMBER.findall(title)) for title in titles]
    for block in tqdm(_blocks(titles), desc="comparing titles", unit="block", disable=not progress,
                      file=sys.stderr):
        if not any(free[i] for i in block):
            continue
        for position, i in enumerate(block):
            for j in block[position + 1 : position + 1 + WINDOW]:
                if (free[i] or free[j]) and owner[i] != owner[j] and numbers[i] == numbers[j]:
                    score = fuzz.ratio(titles[i], titles[j], score_cutoff=TITLE_CUTOFF)
                    if score:
                        candidates.add((-score, min(i, j), max(i, j)))
    for _, i, j in sorted(candidates):
        if clusters.find(owner[i]) != clusters.find(owner[j]) and _abstracts_agree(abstracts[i], abstracts[j]):
            clusters.union(owner[i], owner[j])


def _listing_order(listing: Listing) -> tuple[str, str, int]:
    return listing.source, listing.page, listing.position


def _paper(listings: list[Listing], arxiv_id: str | None, normalised: dict[str, str]) -> Paper:
    listings.sort(key=_listing_order)
    title_counts = Counter(listing.title for listing in listings)
    representative = min(listings, key=lambda x: (-title_counts[x.title], -len(x.abstract), _listing_order(x)))
    if arxiv_id:
        paper_id = arxiv_paper_id(arxiv_id)
    else:
        counts = Counter(normalised[listing.title] for listing in listings)
        paper_id = title_paper_id(min(counts, key=lambda title: (-counts[title], title)))
    authors = representative.authors or next((x.authors for x in listings if x.authors), ())
    return Paper(id=paper_id, title=representative.title, abstract=representative.abstract,
                 listings=tuple(listings), arxiv_id=arxiv_id, authors=authors)


def _merge_title_groups(keys: Sequence[tuple[str, str]], groups: dict[tuple[str, str], list[Listing]],
                        normalised: dict[str, str], clusters: _Clusters, progress: bool) -> None:
    """Join the groups without arXiv id (``keys[i]`` is group ``i``) to the papers they duplicate."""
    arxiv_by_title: dict[str, set[int]] = defaultdict(set)
    for group, (kind, _) in enumerate(keys):
        if kind == "arxiv":
            for listing in groups[keys[group]]:
                arxiv_by_title[normalised[listing.title]].add(group)
    for group, (kind, title) in enumerate(keys):
        owners = arxiv_by_title.get(title, ()) if kind == "title" else ()
        if len(owners) == 1:
            clusters.union(group, next(iter(owners)))

    titles, abstracts, owner = [], [], []
    for group, key in enumerate(keys):
        for title in sorted({normalised[listing.title] for listing in groups[key]}):
            if title:
                fullest = max(groups[key], key=lambda x: (normalised[x.title] == title, len(x.abstract)))
                titles.append(title)
                abstracts.append(fullest.abstract)
                owner.append(group)
    _merge_near_duplicates(titles, abstracts, owner, clusters, progress)


def resolve_papers(listings: Iterable[Listing], *, progress: bool = False) -> tuple[Paper, ...]:
    """Group listings into distinct papers (the identity rules are in the module docstring).

    Parameters
    ----------
    listings : the listings, e.g. ``read_listings(...).listings``.
    progress : show progress bars on standard error.

    Returns
    -------
    The papers, sorted by id; each paper's listings sorted by (source, page, position). A
    paper's title and abstract are those of its most common title's fullest listing.

    Examples
    --------
    >>> from papergraph.types import Listing
    >>> memory = "We show that transformers are universal when augmented with an external memory."
    >>> papers = resolve_papers([
    ...     Listing("a.txt", "a.txt", 1, "Memory Augmented LLMs are Computationally Universal", memory),
    ...     Listing("b.txt", "b.txt", 1, "Memory-augmented LLMs are computationally universal.", memory),
    ...     Listing("b.txt", "b.txt", 2, "Memory Augmented LLM are Computationally Universal", memory),
    ...     Listing("c.json", "c.json", 1, "Memory augmented LLMs are computationally universal", "",
    ...             arxiv_id="2301.04589v1"),
    ...     Listing("b.txt", "b.txt", 3, "Autoregressive LLMs are Computationally Universal",
    ...             "We show that autoregressive decoding of a transformer realizes universal computation."),
    ... ])
    >>> [(p.id, len(p.listings)) for p in papers]
    [('arxiv:2301.04589', 4), ('title:db218e15a419', 1)]
    """
    # Groups, clusters and papers make no reference cycles: the cyclic collector would walk
    # every listing again and again as they grow (half of resolving's CPU).
    with cyclic_gc_paused():
        groups: dict[tuple[str, str], list[Listing]] = defaultdict(list)
        normalised: dict[str, str] = {}
        for listing in tqdm(listings, desc="resolving", unit="listing", disable=not progress, file=sys.stderr):
            if listing.title not in normalised:
                normalised[listing.title] = normalize_title(listing.title)
            arxiv_id = canonical_arxiv_id(listing.arxiv_id)
            key = ("arxiv", arxiv_id) if arxiv_id else ("title", normalised[listing.title])
            groups[key].append(listing)
        keys = sorted(groups)
        clusters = _Clusters([value if kind == "arxiv" else None for kind, value in keys])

        if any(kind == "title" for kind, _ in keys):
            _merge_title_groups(keys, groups, normalised, clusters, progress)
        members: dict[int, list[Listing]] = defaultdict(list)
        for group, key in enumerate(keys):
            members[clusters.find(group)].extend(groups[key])
        papers = [_paper(listings_of, clusters.arxiv_id[root], normalised) for root, listings_of in members.items()]
        return tuple(sorted(papers, key=lambda paper: paper.id))


def paper_record(paper: Paper) -> dict:
    """A paper as the JSON object ``papergraph papers --format jsonl`` prints.

    Examples
    --------
    >>> from papergraph.types import Listing
    >>> listing = Listing("a.txt", "a.txt", 3, "A Title", "An abstract.", date="Sep 16")
    >>> record = paper_record(Paper("title:0123456789ab", "A Title", "An abstract.", (listing,)))
    >>> record["id"], record["title"], record["abstract"], record["first_listed"], record["published"]
    ('title:0123456789ab', 'A Title', 'An abstract.', None, None)
    >>> record["listings"]
    [{'source': 'a.txt', 'date': 'Sep 16', 'position': 3}]
    """
    return {
        "id": paper.id,
        "title": paper.title,
        "abstract": paper.abstract,
        "first_listed": paper.first_listed,
        "published": paper.published,
        "listings": [{"source": x.source, "date": x.date, "position": x.position} for x in paper.listings],
    }


def papers_frame(papers: Iterable[Paper]) -> pd.DataFrame:
    """One row per paper, ready for ``to_csv``; multi-valued columns are joined with ``"; "``.

    Columns: id, title, abstract, arxiv_id ("" if none), authors, n_listings, n_pages,
    dates, first_listed, published (ISO, "" if unknown), pages, sources.

    Examples
    --------
    >>> from papergraph.types import Listing
    >>> listing = Listing("a.txt", "a.txt", 1, "A Title", "An abstract.", date="Sep 16")
    >>> frame = papers_frame([Paper("title:0123456789ab", "A Title", "An abstract.", (listing,))])
    >>> frame[["id", "n_listings", "dates", "sources"]].to_dict("records")
    [{'id': 'title:0123456789ab', 'n_listings': 1, 'dates': 'Sep 16', 'sources': 'a.txt'}]
    """
    columns = ["id", "title", "abstract", "arxiv_id", "authors", "n_listings", "n_pages", "dates", "first_listed",
               "published", "pages", "sources"]
    rows = [
        (
            paper.id,
            paper.title,
            paper.abstract,
            paper.arxiv_id or "",
            "; ".join(paper.authors),
            len(paper.listings),
            len(paper.pages),
            "; ".join(paper.dates),
            paper.first_listed or "",
            paper.published or "",
            "; ".join(paper.pages),
            "; ".join(sorted({x.source for x in paper.listings})),
        )
        for paper in papers
    ]
    import pandas as pd  # here: the build itself makes no table

    return pd.DataFrame(rows, columns=columns).astype({"n_listings": "int64", "n_pages": "int64"})
