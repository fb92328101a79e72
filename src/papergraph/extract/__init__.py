"""Stage 3: extract typed concepts (method, model, hardware, dataset) from titles and abstracts.

CONTRACT (to be implemented):
    extract_concepts(papers: Sequence[Paper], *, thesaurus: Thesaurus | str | os.PathLike | None = None,
                     progress: bool = False) -> Extraction
    load_thesaurus(path) -> Thesaurus           raises ThesaurusError naming file and line
    concepts_frame(extraction: Extraction) -> pandas.DataFrame
        columns: id, name, type, types, papers (number of papers), mentions, aliases;
        sorted by papers descending, then name.
"""
