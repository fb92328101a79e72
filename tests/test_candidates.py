"""Tests of candidate names and their typing evidence, on constructed papers."""

from __future__ import annotations

from papergraph.extract import extract_concepts, paper_concepts
from papergraph.types import Paper


def found(*texts: str, title: str = "") -> dict[str, dict]:
    paper = Paper("a", title, " ".join(texts), ())
    return {concept["name"]: concept for concept in paper_concepts(extract_concepts([paper]), paper)}


def test_a_name_hyphened_onto_a_defined_short_form_is_a_new_name():
    concepts = found(
        "Quill Ledger Modelling (QLM) is costly. We introduce QLM-Smith, a pipeline that writes QLM tasks,",
        "and QLM-D, a variant. QLM-Smith scales.",
    )
    assert concepts["QLM-Smith"]["type"] == "method" and concepts["QLM-Smith"]["count"] == 2
    assert "QLM-D" in concepts
    assert concepts["Quill Ledger Modelling"]["count"] == 3  # long form, "(QLM)", "QLM tasks": not inside the new names
