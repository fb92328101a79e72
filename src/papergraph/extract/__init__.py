"""Stage 3: extract typed concepts (method, model, hardware, dataset) from titles and abstracts.

>>> from papergraph.types import Paper
>>> extraction = extract_concepts([Paper("p1", "", "Speculative decoding on H100 GPUs.", ())])
>>> [(concept.name, concept.type) for concept in extraction.concepts]
[('H100', 'hardware'), ('speculative decoding', 'method')]
"""

from .canonical import concept_id, model_family, name_key
from .extractor import concepts_frame, extract_concepts, paper_concepts
from .thesaurus import Thesaurus, ThesaurusRule, load_thesaurus
from .vocabulary import Vocabulary, VocabularyEntry, load_vocabulary

__all__ = [
    "Thesaurus",
    "ThesaurusRule",
    "Vocabulary",
    "VocabularyEntry",
    "concept_id",
    "concepts_frame",
    "extract_concepts",
    "load_thesaurus",
    "load_vocabulary",
    "model_family",
    "name_key",
    "paper_concepts",
]
