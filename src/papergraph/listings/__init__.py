"""Stage 1: read listing pages of every supported format into :class:`~papergraph.types.Listing` records.

Formats are detected from content, not only from the file name, and may be mixed freely:
text dumps of Daily Papers pages, the Hugging Face ``daily_papers`` API response, JSON Lines
or JSON arrays of records, CSV; any of them gzip-compressed; directories (recursively) and
globs. Bad input is reported as :class:`~papergraph.types.InputProblem`, never raised, so
that the rest of the input is still read.
"""

from __future__ import annotations

# CONTRACT (to be implemented):
#   read_listings(inputs: Iterable[str | os.PathLike] | None = None, *, progress: bool = False) -> ReadResult
#       inputs None or empty -> the bundled sample corpus (sample_paths()).
#       A missing path is an InputProblem, not an exception. Identical pages given twice
#       (same content) count once, with an InputProblem warning.
#       Raises NoListingsError only when nothing at all could be read (message lists why).
#   sample_paths() -> list[pathlib.Path]   the five bundled sample pages, sorted.
