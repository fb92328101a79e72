"""Stage 2: resolve listings into distinct papers.

CONTRACT (to be implemented):
    resolve_papers(listings: Iterable[Listing], *, progress: bool = False) -> tuple[Paper, ...]
        sorted by Paper.id; identity = arXiv id, else normalised title, then rapidfuzz
        near-duplicate titles merged only when abstracts agree; blocking, not quadratic.
    normalize_title(title: str) -> str
    papers_frame(papers: Sequence[Paper]) -> pandas.DataFrame   one row per paper
"""
