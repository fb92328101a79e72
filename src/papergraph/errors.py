"""The one exception hierarchy of papergraph.

Library code raises these; the CLI turns them into a clean ``Error: ...`` line and a
non-zero exit, never a traceback. Messages name the bad value (file, line, option).
"""

from __future__ import annotations

__all__ = [
    "PapergraphError",
    "OptionError",
    "InputError",
    "NoListingsError",
    "ThesaurusError",
    "UnknownConceptError",
    "ExportError",
    "EngineError",
]


class PapergraphError(Exception):
    """Base class of every error papergraph raises on purpose."""


class OptionError(PapergraphError, ValueError):
    """A parameter or option with a value papergraph cannot use (also a :class:`ValueError`).

    Raised before any work: by :class:`~papergraph.options.BuildOptions`, :func:`papergraph.build`,
    ``KnowledgeGraph.write`` and every writer, alike.
    """


class InputError(PapergraphError):
    """An input path or file that cannot be used at all."""


class NoListingsError(InputError):
    """None of the inputs held a single readable listing."""


class ThesaurusError(PapergraphError):
    """A thesaurus file that cannot be read; the message names file and line."""


class UnknownConceptError(PapergraphError, KeyError):
    """A concept name that matches nothing; ``suggestions`` holds close names."""

    def __init__(self, name: str, suggestions: tuple[str, ...] = ()):
        self.name = name
        self.suggestions = suggestions
        super().__init__(name)

    def __str__(self) -> str:
        message = f"no concept matches {self.name!r}"
        if self.suggestions:
            message += "; did you mean: " + ", ".join(self.suggestions) + "?"
        return message


class ExportError(PapergraphError):
    """An export that could not be written (unusable directory, full disk, another build writing there).

    A bad export *parameter* is an :class:`OptionError` instead.
    """


class EngineError(PapergraphError):
    """The engine cannot run: a Dask scheduler that cannot be reached, Dask not installed."""
