"""Read one paper: the concepts its title and abstract mention, each a :class:`~.records.PaperConcept`.

The stages, each in its own module:

1. :mod:`.candidates`: vocabulary matches (one automaton pass, extended over sizes and
   versions), names the paper introduces, hardware model numbers;
2. :mod:`.abbreviations`: short forms the paper defines, and what each one means here;
3. :mod:`.candidates` again: unknown names found by their shape, outside what is known;
4. :mod:`.decision`: each candidate kept when :mod:`.evidence` types it, then every
   concept counted wherever it occurs.

:mod:`.extractor` assembles the papers of a corpus.
"""

from __future__ import annotations

from papergraph.artifacts import without_urls
from papergraph.schema import DATASET, HARDWARE, MODEL

from . import candidates
from .abbreviations import define_short_forms
from .canonical import name_key
from .decision import count_concepts, judge
from .evidence import NOT_A_CONCEPT, Evidence, listed_with, non_concepts, title_head
from .records import PaperConcept, Weight
from .scoring import Decider, load_scorer
from .tokens import token_range, tokenize
from .vocabulary import Vocabulary, named

__all__ = ["PaperReader"]


class PaperReader:
    """Finds the concepts of one paper with a vocabulary of names known in advance.

    Examples
    --------
    >>> from papergraph.extract import load_vocabulary
    >>> from papergraph.extract.evidence import winner
    >>> reader = PaperReader(load_vocabulary())
    >>> found = reader.read("TeamLLM", "We propose TeamLLM, a collaboration framework for agentic language models.")
    >>> sorted((concept.name, concept.identity.known, winner(dict(concept.votes))) for concept in found)
    [('TeamLLM', False, 'method'), ('agentic language model', False, 'model')]
    """

    def __init__(self, vocabulary: Vocabulary, decider: Decider | None = None):
        self.vocabulary = vocabulary
        #: decides the candidates no rule types (the bundled learned scorer by default)
        self.decider: Decider = load_scorer() if decider is None else decider

    def read(self, title: str, abstract: str) -> list[PaperConcept]:
        """The concepts of one paper, in the order first found."""
        vocabulary = self.vocabulary
        title = " ".join(title.split())
        text = without_urls(f"{title}\n{' '.join(abstract.split())}")
        tokens = tokenize(text)
        discoveries: dict[str, Evidence] = {}
        introduced = candidates.introduced_starts(text)
        compounds: set[int] = set()
        spans = candidates.known_spans(vocabulary, tokens, introduced, discoveries, compounds)
        for start, end, name in candidates.hardware_models(text):
            found = discoveries.setdefault(name_key(name), Evidence(name))
            found.see(tokens, *token_range(tokens, start, end))
            found.vote(HARDWARE, Weight.CERTAIN)
        definitions = define_short_forms(vocabulary, tokens, discoveries, introduced)
        covered = {position for span in spans for position in range(span.first, span.stop)}
        memo: dict[tuple[str, ...], list[int]] = {}
        for form in [*definitions.overrides, *(form for found in discoveries.values() for form in found.forms)]:
            for first in candidates.occurrences(tokens, form, memo):
                if candidates.in_compound(tokens, introduced, first, first + len(form)):
                    compounds.add(first)  # "MLE-Smith" on a defined "MLE" is a name of its own
                else:
                    covered.update(range(first, first + len(form)))
        entries = vocabulary.entries
        known: dict[str, set[int]] = {DATASET: set(), MODEL: set()}
        for span in spans:
            if isinstance(span.ref, int):
                entry = entries[span.ref]
                kind = entry.types[0] if named(entry) else None
            else:  # a new version of a known model ("Qwen9"), or data ("the GQA benchmark")
                kind = discoveries[span.ref].type()
            if kind in known:
                known[kind].add(tokens.starts[span.first])
        # A name listed with known datasets is a dataset, with known models a model ("X, Llama-3 and Y"),
        # with libraries, organisations or metrics none ("Open3D, NumPy and OpenCV").
        listed = dict.fromkeys(listed_with(text, non_concepts(tokens, len(title)), len(title)), NOT_A_CONCEPT)
        listed.update(dict.fromkeys(listed_with(text, known[MODEL], len(title)), MODEL))
        listed.update(dict.fromkeys(listed_with(text, known[DATASET], len(title)), DATASET))
        head = title_head(title)
        starts = (introduced, compounds, listed)
        for candidate in candidates.shape_candidates(tokens, head, len(title), starts, covered):
            judge(vocabulary, tokens, candidate, (introduced, head), discoveries, definitions.aliases, self.decider)
        return count_concepts(vocabulary, tokens, spans, definitions, discoveries, memo)
