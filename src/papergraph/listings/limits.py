"""The limits every listing file is read within, so that no file can cost the rest of a run.

Each limit is enforced while the file is streamed, and what was cut is said in one warning
naming the file (and line). The values are far above anything a listing page holds (the
largest day file of the shared corpora decompresses to 1.7 MB and holds 935 records); split
a larger collection into several files.
"""

from __future__ import annotations

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_ENTRIES_PER_FILE",
    "MAX_LINES_PER_FILE",
    "MAX_LINE_CHARS",
    "MAX_TITLE_CHARS",
    "MAX_ABSTRACT_CHARS",
]

#: Bytes of one file read, after gzip decompression; the rest is cut (a gzip bomb stops here).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Listings read from one file; reading stops after this many.
MAX_ENTRIES_PER_FILE = 100_000
#: Non-blank lines of one text dump looked at; reading stops after this many.
MAX_LINES_PER_FILE = 4 * MAX_ENTRIES_PER_FILE
#: Longer lines (a JSON Lines record, a line of a page dump) are skipped unread.
MAX_LINE_CHARS = 1_000_000
#: Longer "titles" are skipped as not being titles.
MAX_TITLE_CHARS = 1_000
#: Longer abstracts are skipped as garbage.
MAX_ABSTRACT_CHARS = 100_000
