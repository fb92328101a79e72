"""The user thesaurus: merge these names, ignore those, set a type (like VOSviewer's).

A thesaurus is a small tab- or comma-separated file with a header line naming the
columns ``label`` and ``replace by`` (any case, any order) and optionally ``type``::

    label	replace by	type
    LLaMA	Llama 2
    our method
    Gaussian splats	Gaussian splatting	method
    MyNet		model

- a row with a ``replace by`` merges the concept named ``label`` (or having it as an
  alias) into the concept named ``replace by``;
- a row with an empty ``replace by`` and no ``type`` removes the concept;
- a ``type`` sets the type of the resulting concept (``method``, ``model``, ``hardware``,
  ``dataset``, or two joined by ``|``), and also teaches the extractor ``label`` as a
  name to look for, so terms no vocabulary knows can be added.

Blank lines and lines starting with ``#`` are skipped. Names compare by
:func:`~papergraph.extract.canonical.name_key`, so case, hyphens and plurals do not matter.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from papergraph.errors import ThesaurusError
from papergraph.types import CONCEPT_TYPES

from .canonical import name_key
from .vocabulary import VocabularyEntry

__all__ = ["Thesaurus", "ThesaurusRule", "load_thesaurus"]


@dataclass(frozen=True)
class ThesaurusRule:
    """One row: ``replace_by`` None means ignore (unless ``types`` is set)."""

    label: str
    replace_by: str | None = None
    types: tuple[str, ...] = ()


@dataclass(frozen=True)
class Thesaurus:
    """Rules keyed by the :func:`name_key` of their label.

    Examples
    --------
    >>> thesaurus = Thesaurus((ThesaurusRule("LLaMA", "Llama 2"), ThesaurusRule("our method")))
    >>> thesaurus.rule("llama").replace_by, thesaurus.rule("Our Methods").replace_by, thesaurus.rule("BERT")
    ('Llama 2', None, None)
    """

    rules: tuple[ThesaurusRule, ...] = ()
    _by_key: dict[str, ThesaurusRule] | None = field(default=None, init=False, repr=False, compare=False)

    def rule(self, name: str) -> ThesaurusRule | None:
        """The rule whose label matches ``name``, or None."""
        by_key = self._by_key
        if by_key is None:
            by_key = {name_key(rule.label): rule for rule in self.rules}
            object.__setattr__(self, "_by_key", by_key)
        return by_key.get(name_key(name))

    def vocabulary_entries(self) -> list[VocabularyEntry]:
        """Entries that teach the extractor the labels of typed rules."""
        return [
            VocabularyEntry(rule.replace_by or rule.label, rule.types, (rule.label,))
            for rule in self.rules
            if rule.types
        ]


def _rows(lines: list[tuple[int, str]], delimiter: str, source: str) -> Iterator[list[str]]:
    """Each line as one row: a quote never spans lines, so a stray one cannot merge rules."""
    for number, line in lines:
        try:
            yield next(csv.reader([line], delimiter=delimiter, strict=True))
        except csv.Error as error:  # an unclosed quote, or a field over the csv module's 128 KiB
            reason = "a quote is never closed" if "end of data" in str(error) else str(error)
            raise ThesaurusError(f"{source}:{number}: unreadable row ({reason})") from None


def load_thesaurus(path: str | os.PathLike) -> Thesaurus:
    """Read a thesaurus file (tab- or comma-separated, with a header line).

    Raises
    ------
    ThesaurusError
        The file is missing or unreadable, the header lacks ``label`` or ``replace by``,
        or a row is malformed; the message names the file and the line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "thesaurus.txt"
    >>> _ = path.write_text("label\\treplace by\\ttype\\nLLaMA\\tLlama 2\\t\\nour method\\t\\t\\n")
    >>> [(rule.label, rule.replace_by, rule.types) for rule in load_thesaurus(path).rules]
    [('LLaMA', 'Llama 2', ()), ('our method', None, ())]
    """
    source = os.fspath(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ThesaurusError(f"{source}: cannot read thesaurus: {error}") from error
    lines = [(number, line) for number, line in enumerate(text.splitlines(), start=1)]
    lines = [(number, line) for number, line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise ThesaurusError(f"{source}: empty thesaurus: expected a header line 'label<TAB>replace by'")
    header_number, header_line = lines[0]
    delimiter = "\t" if "\t" in header_line else ","
    rows = _rows(lines, delimiter, source)
    header = [column.strip().lower() for column in next(rows)]
    if "label" not in header or "replace by" not in header:
        raise ThesaurusError(
            f"{source}:{header_number}: header must name the columns 'label' and 'replace by', "
            f"got {header_line.strip()!r}"
        )
    label_column, replace_column = header.index("label"), header.index("replace by")
    type_column = header.index("type") if "type" in header else None
    rules = []
    for (number, _), row in zip(lines[1:], rows, strict=True):
        if len(row) > len(header):
            raise ThesaurusError(f"{source}:{number}: {len(row)} fields, the header has {len(header)}")
        row = [cell.strip() for cell in row] + [""] * (len(header) - len(row))
        label = row[label_column]
        if not label:
            raise ThesaurusError(f"{source}:{number}: empty label")
        types: tuple[str, ...] = ()
        if type_column is not None and row[type_column]:
            types = tuple(t.strip().lower() for t in row[type_column].split("|"))
            unknown = [t for t in types if t not in CONCEPT_TYPES]
            if unknown or len(types) > 2:
                raise ThesaurusError(
                    f"{source}:{number}: type must be one or two of {', '.join(CONCEPT_TYPES)} joined by '|', "
                    f"got {row[type_column]!r}"
                )
        rules.append(ThesaurusRule(label, row[replace_column] or None, types))
    return Thesaurus(tuple(rules))
