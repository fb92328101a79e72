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


def test_a_guessed_type_yields_to_what_the_name_itself_says():
    # Neither the subtitle nor the introductions type the name; its "-Bench" tail does.
    concepts = found(
        "We introduce QuillBench: a unified implementation of 50+ suites. We release the QuillBench code.",
        title="QuillBench: Rethinking Visual Reasoning",
    )
    assert concepts["QuillBench"]["type"] == "dataset"
    concepts = found("We introduce Quillmark, and we release Quillmark openly.", title="Quillmark: Rethinking Reasoning")
    assert concepts["Quillmark"]["type"] == "method"


def test_a_split_of_data_types_the_names_it_describes():
    concepts = found(
        "QuillMix is a combination of QuillTrain, the training data of the detector, and QuillTest,",
        "a small human-annotated moderation test set.",
    )
    assert {name: concepts[name]["type"] for name in ("QuillMix", "QuillTrain", "QuillTest")} == dict.fromkeys(
        ("QuillMix", "QuillTrain", "QuillTest"), "dataset"
    )


def test_a_gym_is_data_and_only_a_processing_unit_is_hardware():
    concepts = found(
        "We introduce QuillSpecGym for agents. A Bidirectional Quill Recurrent Unit (BQRU) runs on a",
        "Quill Processing Unit (QPU).",
    )
    assert concepts["QuillSpecGym"]["type"] == "dataset"
    assert "hardware" not in {concepts.get(name, {}).get("type") for name in ("BQRU", "Bidirectional Quill Recurrent Unit")}
    assert concepts["Quill Processing Unit"]["type"] == "hardware"


def test_a_name_listed_with_known_models_is_a_model():
    concepts = found(
        "We compare QuillMax, Llama 2 and Mistral on reasoning. Notably, Mistral and Claude Code fail."
    )
    assert concepts["QuillMax"]["type"] == "model"
    assert "Notably" not in concepts and "Code" not in concepts
