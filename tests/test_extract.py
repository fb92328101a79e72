"""Tests of the concept extractor: papergraph.extract."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from papergraph.errors import ThesaurusError
from papergraph.extract import (
    concepts_frame,
    extract_concepts,
    load_thesaurus,
    load_vocabulary,
    paper_concepts,
)
from papergraph.extract.canonical import concept_id, model_family, name_key
from papergraph.extract.vocabulary import BUNDLED_VOCABULARY
from papergraph.types import CONCEPT_TYPES, Paper

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def fixture_papers() -> list[Paper]:
    with open(FIXTURES / "papers.jsonl", encoding="utf-8") as handle:
        return [Paper(row["id"], row["title"], row["abstract"], ()) for row in map(json.loads, handle)]


def found(extraction, paper) -> dict[str, dict]:
    return {concept["name"]: concept for concept in paper_concepts(extraction, paper)}


@pytest.fixture(scope="module")
def papers() -> list[Paper]:
    return fixture_papers()


@pytest.fixture(scope="module")
def extraction(papers):
    return extract_concepts(papers)


def test_named_and_generic_concepts_are_found_with_their_types(extraction, papers):
    first = found(extraction, papers[0])
    assert {name: concept["type"] for name, concept in first.items()} == {
        "LoRA": "method",
        "Llama 2": "model",
        "A100": "hardware",
        "GSM8K": "dataset",
        "MATH": "dataset",
        "MKOR": "method",
        "knowledge distillation": "method",
        "fine-tuning": "method",  # "We fine-tune ...": the verb names the technique
    }


def test_abbreviation_and_its_long_form_are_one_concept(extraction, papers):
    lora = found(extraction, papers[0])["LoRA"]
    assert lora["aliases"] == ["Low-Rank Adaptation"]
    assert lora["count"] == 3


def test_sizes_of_one_family_merge_and_versions_stay_apart(extraction, papers):
    llama = found(extraction, papers[0])["Llama 2"]
    assert llama["aliases"] == ["LLaMA-2-13B", "LLaMA-2-7B"] and llama["count"] == 2
    third = found(extraction, papers[2])
    assert {"GPT-3", "GPT-4", "ResNet", "ResNeXt"} <= set(third)


def test_unknown_names_are_found_from_the_structure_of_the_prose(extraction, papers):
    second, third = found(extraction, papers[1]), found(extraction, papers[2])
    assert second["FooServe"]["type"] == "method"  # "We propose FooServe, a serving system"
    assert second["Qwen2.5"]["aliases"] == ["Qwen2.5-7B-Instruct"]
    assert second["RTX 4090"]["type"] == second["Ascend 910B"]["type"] == "hardware"
    assert third["BarBench"]["type"] == "dataset" and third["BarBench"]["count"] == 3
    assert third["WikiTQ"]["type"] == "dataset"  # "Results on BarBench, WikiTQ and HumanEval"


def test_metrics_and_libraries_are_not_concepts(extraction, papers):
    third = found(extraction, papers[2])
    assert not {"accuracy", "FLOPs", "PyTorch"} & set(third)


def test_extraction_is_sorted_and_ids_are_slugs(extraction):
    ids = [concept.id for concept in extraction.concepts]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    keys = [(mention.paper_id, mention.concept_id) for mention in extraction.mentions]
    assert keys == sorted(keys)
    assert extraction.concept("concept:llama-2").name == "Llama 2"
    assert all(concept.types and set(concept.types) <= set(CONCEPT_TYPES) for concept in extraction.concepts)


def test_extraction_is_deterministic_whatever_the_order_of_papers(papers, extraction):
    assert extract_concepts(list(reversed(papers))) == extraction


def test_concepts_frame_counts_papers_and_mentions():
    papers = [Paper("a", "", "We use LoRA and GPT-4 on A100 GPUs.", ()), Paper("b", "", "LoRA and LoRAs again.", ())]
    frame = concepts_frame(extract_concepts(papers))
    assert list(frame.columns) == ["id", "name", "type", "types", "papers", "mentions", "aliases"]
    assert frame.iloc[0][["name", "papers", "mentions"]].tolist() == ["LoRA", 2, 3]
    assert frame["papers"].is_monotonic_decreasing


def test_paper_concepts_of_a_paper_without_concepts_is_empty(extraction):
    assert paper_concepts(extraction, "no-such-paper") == []


def test_thesaurus_merges_ignores_retypes_and_teaches(papers):
    extraction = extract_concepts(papers, thesaurus=FIXTURES / "thesaurus.tsv")
    names = {concept.name: concept for concept in extraction.concepts}
    assert "knowledge distillation" not in names
    assert names["WikiTableQuestions"].aliases == ("WikiTQ",)
    assert names["FooServe"].types == ("model",)


def test_thesaurus_errors_name_file_and_line(tmp_path):
    with pytest.raises(ThesaurusError, match=r"bad_type\.tsv:2: type must be"):
        load_thesaurus(FIXTURES / "bad_type.tsv")
    with pytest.raises(ThesaurusError, match=r"bad_header\.tsv:1: header must name"):
        load_thesaurus(FIXTURES / "bad_header.tsv")
    with pytest.raises(ThesaurusError, match="cannot read"):
        load_thesaurus(tmp_path / "missing.tsv")


def test_thesaurus_reads_comma_separated_files(tmp_path):
    path = tmp_path / "thesaurus.csv"
    path.write_text("Label,Replace by\nGPT-4,GPT-3\n", encoding="utf-8")
    extraction = extract_concepts([Paper("a", "", "GPT-4 and GPT-3 are compared.", ())], thesaurus=path)
    assert [concept.name for concept in extraction.concepts] == ["GPT-3"]
    assert "GPT-4" in extraction.concepts[0].aliases and extraction.mentions[0].count == 2


def test_bundled_vocabulary_is_broad_and_unambiguous():
    vocabulary = load_vocabulary()
    assert len(vocabulary) >= 500
    by_type = {t: sum(entry.types[0] == t for entry in vocabulary.entries) for t in CONCEPT_TYPES}
    assert min(by_type.values()) >= 60
    owners: dict[str, str] = {}
    for entry in vocabulary.entries:
        for alias in (entry.name, *entry.aliases):
            assert owners.setdefault(name_key(alias), entry.name) == entry.name, alias


def test_vocabulary_file_errors_name_the_line(tmp_path):
    path = tmp_path / "vocabulary.tsv"
    path.write_text(BUNDLED_VOCABULARY.read_text(encoding="utf-8").splitlines()[4] + "\nBroken\tgizmo\t\n")
    with pytest.raises(ValueError, match=r"vocabulary\.tsv:2: types must be"):
        load_vocabulary(path)


@pytest.mark.parametrize(
    ("surface", "family"),
    [("Qwen2.5-7B-Instruct", "Qwen2.5"), ("LLaMA-2-13B", "LLaMA-2"), ("Mixtral-8x7B", "Mixtral"), ("GPT-4", "GPT-4")],
)
def test_model_family_drops_sizes_only(surface, family):
    assert model_family(surface) == family


def test_case_rules_keep_short_acronyms_apart_from_words():
    papers = [
        Paper("a", "", "We apply the Sharpness-Aware Minimization (SAM) optimizer; SAM helps.", ()),
        Paper("b", "", "Segment Anything Model (SAM) segments math problems, not the MATH benchmark.", ()),
    ]
    extraction = extract_concepts(papers)
    first, second = found(extraction, papers[0]), found(extraction, papers[1])
    assert "SAM" not in first and first["sharpness-aware minimization"]["count"] == 3
    assert second["SAM"]["type"] == "model" and second["MATH"]["count"] == 1


def test_parallel_reading_gives_exactly_the_serial_result(papers, extraction, monkeypatch):
    import papergraph.extract.extractor as extractor

    monkeypatch.setattr(extractor, "PARALLEL_THRESHOLD", 1)
    corpus = papers * 3
    assert extract_concepts(corpus) == extractor_serial(corpus, monkeypatch)


def extractor_serial(corpus, monkeypatch):
    import papergraph.extract.extractor as extractor

    monkeypatch.setattr(extractor, "PARALLEL_THRESHOLD", len(corpus))
    return extract_concepts(corpus)


def test_hyphenated_compounds_and_short_forms_first_are_whole_names():
    paper = Paper(
        "a",
        "HO-Flow: Hand-Object Motion Generation",
        "We present HO-Flow, a framework trained on the Benchmark for Object Pose Estimation (BOP) and "
        "BOP-ASK, a new dataset. We compare with Nemotron-Terminal and GAPE (Geometry-Aware Prototype "
        "Enrichment), and propose Sequential Grounding Refinement (SGR).",
        (),
    )
    concepts = found(extract_concepts([paper]), paper)
    assert concepts["HO-Flow"]["type"] == "method" and concepts["BOP-ASK"]["type"] == "dataset"
    assert "Nemotron" not in concepts  # a known name inside a new one
    assert concepts["GAPE"]["type"] == "method"
    assert concepts["GAPE"]["aliases"] == ["Geometry-Aware Prototype Enrichment"]
    assert concepts["Sequential Grounding Refinement"]["aliases"] == ["SGR"]
    assert not {"HO", "ASK", "Flow"} & set(concepts)


def test_a_modifier_makes_a_generic_class_a_class_of_its_own():
    paper = Paper(
        "a",
        "Tabular Foundation Models",
        "Agentic language models and fully connected neural networks use a prefix KV cache. "
        "We adapt existing language models, enhance language models and use off-the-shelf language models.",
        (),
    )
    concepts = found(extract_concepts([paper]), paper)
    for name in ("tabular foundation model", "agentic language model", "fully connected neural network"):
        assert concepts[name]["type"] in ("model", "method"), name
    assert concepts["prefix KV cache"]["type"] in ("model", "method")
    assert concepts["language model"]["count"] == 3  # qualifiers and verbs are no modifiers
    assert not {"foundation model", "neural network", "KV cache"} & set(concepts)


def test_tier_words_and_dataset_sizes_stay_in_the_name():
    paper = Paper(
        "a",
        "",
        "We compare Gemini 2.5 Pro with GPT-4 plus retrieval. We also build a large dataset named RMR-75K.",
        (),
    )
    concepts = found(extract_concepts([paper]), paper)
    assert concepts["Gemini 2.5 Pro"]["type"] == "model"  # a tier of its own, not Gemini 2.5
    assert concepts["GPT-4"]["aliases"] == []
    assert concepts["RMR-75K"]["type"] == "dataset"


def test_what_a_paper_says_a_name_is_outweighs_its_shape():
    paper = Paper(
        "a",
        "TeamLLM: A Human-Like Team-Oriented Collaboration Framework",
        "We propose TeamLLM, a human-like Team-Oriented Multi-LLM Collaboration Framework. TeamLLM helps. "
        "TeamLLM wins. In this work, we present a two-stage framework, CriticVLA, which judges. CriticVLA acts. "
        "It outperforms strong baselines, including OPD, EOPD, and REOPOLD, on math benchmarks. "
        "We introduce NEST (Narrative Event Structures in Time), a dataset of movies.",
        (),
    )
    concepts = found(extract_concepts([paper]), paper)
    assert {name: concepts[name]["type"] for name in ("TeamLLM", "CriticVLA", "EOPD", "REOPOLD", "NEST")} == {
        "TeamLLM": "method",
        "CriticVLA": "method",
        "EOPD": "method",
        "REOPOLD": "method",
        "NEST": "dataset",
    }


def test_title_case_components_and_short_forms_in_apposition_are_names():
    paper = Paper(
        "a",
        "OmniForcing",
        "We introduce an Asymmetric Block-Causal Alignment with a Global Prefix, an Audio Sink Token "
        "mechanism and a Joint Self-Forcing Distillation paradigm. While Convolutional Neural Networks "
        "fail, we propose TAPE, a training-free Temporal Aware Pruning for Efficient generation.",
        (),
    )
    concepts = found(extract_concepts([paper]), paper)
    components = ("Asymmetric Block-Causal Alignment", "Global Prefix", "Audio Sink Token")
    for name in (*components, "Joint Self-Forcing Distillation"):
        assert concepts[name]["type"] == "method", name
    assert concepts["TAPE"]["aliases"] == ["Temporal Aware Pruning for Efficient"]
    assert "knowledge distillation" not in concepts and not any(name.startswith("While") for name in concepts)


def test_names_listed_with_a_known_dataset_or_after_a_benchmark_colon_are_datasets():
    paper = Paper(
        "a",
        "",
        "We test on ScanNet, TUM and Bonn. It wins on three benchmarks: Nr3D, Sr3D, and ScanRef. "
        "We thank Alice and Bob.",
        (),
    )
    concepts = found(extract_concepts([paper]), paper)
    for name in ("TUM", "Bonn", "Nr3D", "Sr3D", "ScanRef"):
        assert concepts[name]["type"] == "dataset", name
    assert not {"Alice", "Bob"} & set(concepts)


def test_what_the_text_says_retypes_a_known_acronym_and_a_known_name():
    paper = Paper(
        "a",
        "",
        "We evaluate on the GQA benchmark and train on DAPO-17k; later GQA is hard. It beats the leading "
        "model, DiverGen, by far. It achieves state-of-the-art results among systems (e.g., Kling-Omni). "
        "On the benchmark, FooNet wins.",
        (),
    )
    concepts = found(extract_concepts([paper]), paper)
    assert concepts["GQA"]["type"] == "dataset" and concepts["GQA"]["count"] == 2
    assert "grouped-query attention" not in concepts
    assert concepts["DAPO-17k"]["type"] == "dataset" and "DAPO" not in concepts
    assert concepts["DiverGen"]["type"] == "model" and concepts["Kling-Omni"]["type"] == "model"
    assert concepts.get("FooNet", {"type": "model"})["type"] != "dataset"


def test_fused_and_prefixed_names_of_known_techniques_are_new_names():
    paper = Paper(
        "a",
        "K-LoRA: Training-Free Fusion of LoRAs",
        "We propose K-LoRA, a training-free LoRA fusion approach. Solutions such as DyLoRA sample ranks. "
        "We introduce ARMBench-VL, comprising three tests, and the DreamOmni Bench for evaluation.",
        (),
    )
    concepts = found(extract_concepts([paper]), paper)
    assert concepts["K-LoRA"]["type"] == "method" and concepts["DyLoRA"]["type"] == "method"
    assert concepts["LoRA"]["type"] == "method"
    assert concepts["ARMBench-VL"]["type"] == "dataset" and concepts["DreamOmni Bench"]["type"] == "dataset"


def test_short_forms_with_hyphens_plurals_and_number_words_are_defined():
    paper = Paper(
        "a",
        "Position: Agents Must Plan",
        "World models (WMs) simulate. Existing WM benchmarks are narrow. We propose Vehicle-to-Vehicle "
        "Large Language Model (V2V-LLM) and PIRA-Bench (Proactive Intent Recommendation Agent Benchmark). "
        "We face the International Mathematical Olympiad (IMO).",
        (),
    )
    concepts = found(extract_concepts([paper]), paper)
    assert concepts["world model"]["type"] == "model" and "WM" not in concepts
    assert concepts["V2V-LLM"]["type"] == "model"
    assert concepts["PIRA-Bench"]["type"] == "dataset"
    assert concepts["PIRA-Bench"]["aliases"] == ["Proactive Intent Recommendation Agent Benchmark"]
    assert not {"Position", "International Mathematical Olympiad", "IMO"} & set(concepts)
    assert "alongside language model" not in found(
        extract_concepts([Paper("b", "", "We infuse KGs alongside language models.", ())]), Paper("b", "", "", ())
    )


# ---------------------------------------------------------------- one node per thing (issue 9)


def concepts_by_paper(extraction) -> dict[str, dict[str, str]]:
    """paper id -> {concept name: type}."""
    by_paper: dict[str, dict[str, str]] = {}
    for mention in extraction.mentions:
        concept = extraction.concept(mention.concept_id)
        by_paper.setdefault(mention.paper_id, {})[concept.name] = concept.type
    return by_paper


def test_a_short_form_means_what_each_paper_defines_it_as():
    papers = [
        Paper("a", "", "We propose PRISM (Policy Regularized Iterative Self-play Method), a method. PRISM wins.", ()),
        Paper("b", "", "We propose PRISM (Prompt Refinement with Iterative Search Methods), a method.", ()),
        Paper("c", "", "We compare with PRISM, a baseline method.", ()),
    ]
    extraction = extract_concepts(papers)
    by_paper = concepts_by_paper(extraction)
    first, second = next(iter(by_paper["a"])), next(iter(by_paper["b"]))
    assert first != second and first.startswith("PRISM (Policy") and second.startswith("PRISM (Prompt")
    assert list(by_paper["c"]) == ["PRISM"]  # undefined, and two definitions exist: its own node
    # With one definition in the corpus, the undefined mentions are that concept.
    single = concepts_by_paper(extract_concepts([papers[0], papers[2]]))
    assert single["a"] == single["c"] == {"PRISM": "method"}


def test_one_papers_cue_does_not_retype_a_concept_other_papers_use():
    papers = [Paper(f"p{i}", "", "We train with RLVR and GRPO.", ()) for i in range(3)]
    papers.append(Paper("q", "", "We build the RLVR benchmark.", ()))
    extraction = extract_concepts(papers)
    rlvr = [concept for concept in extraction.concepts if concept.name == "RLVR"]
    assert len(rlvr) == 1 and rlvr[0].type == "method"
    assert concepts_by_paper(extraction)["q"] == {"RLVR": "method"}
    # Alone, the paper's own cue decides: the same name is a dataset there.
    assert concepts_by_paper(extract_concepts(papers[-1:]))["q"] == {"RLVR": "dataset"}


def test_generic_classes_are_not_datasets_and_sizes_are_not_names():
    paper = Paper(
        "a",
        "Can Language Models Reason?",
        "Existing LLM benchmarks, VLM benchmarks and SFT datasets are narrow. We use Qwen3-30B-A3B, a 30B-A3B model.",
        (),
    )
    concepts = concepts_by_paper(extract_concepts([paper]))["a"]
    # named by their long forms, which no capitals' short form replaces
    assert concepts["large language model"] == concepts["vision-language model"] == "model"
    assert concepts["supervised fine-tuning"] == "method"
    assert "dataset" not in concepts.values()
    assert not {"A", "can language model"} & set(concepts)


def test_acronyms_are_never_plurals_and_versions_stay_apart():
    assert name_key("ATLAS") != name_key("ATLA") and name_key("GNNs") == name_key("GNN")
    vocabulary = load_vocabulary()
    assert vocabulary.lookup("GPT-5") is None or vocabulary.lookup("GPT-5").name == "GPT-5"
    assert vocabulary.lookup("π0.5").name == "π0.5" and vocabulary.lookup("π0").name == "π0"
    paper = Paper("a", "", "We compare GPT-5, GPT-3.5, π0 and π0.5.", ())
    assert set(concepts_by_paper(extract_concepts([paper]))["a"]) == {"GPT-5", "GPT-3.5", "π0", "π0.5"}


def test_lookup_of_a_version_never_answers_another_version():
    import networkx as nx

    from papergraph.errors import UnknownConceptError
    from papergraph.explore import find_concept

    graph = nx.MultiGraph()
    graph.add_node("concept:gpt-3-5", kind="concept", label="GPT-3.5", aliases=(), n_papers=3)
    with pytest.raises(UnknownConceptError):
        find_concept(graph, "GPT-5")
    assert find_concept(graph, "GPT 3.5") == "concept:gpt-3-5"


def test_vocabulary_versions_of_models_and_methods_are_entries_of_their_own():
    """A model or method alias with other numbers than its entry is another generation, unless
    reviewed as the same thing (datasets keep their yearly editions together: AIME 2024, AIME 2025)."""
    same_thing = {  # reviewed: the same model under another number
        ("wav2vec 2.0", "wav2vec2"), ("Zero-1-to-3", "Zero123"), ("FlashAttention", "FlashAttention-1"),
        ("LLaMA", "LLaMA-1"), ("LLaMA", "Llama 1"), ("FLUX", "FLUX.1"), ("NLLB", "NLLB-200"),
    }

    def letters(name: str) -> str:
        return "".join(char for char in model_family(name).lower() if char.isalpha())

    def numbers(name: str) -> list[str]:
        return re.findall(r"\d+(?:\.\d+)?", model_family(name))

    for entry in load_vocabulary().entries:
        if entry.types[0] not in ("model", "method"):
            continue
        for alias in entry.aliases:
            if letters(alias) == letters(entry.name) and numbers(alias) != numbers(entry.name):
                assert (entry.name, alias) in same_thing, (entry.name, alias)


def test_common_phrases_are_not_aliases_of_specific_things():
    vocabulary = load_vocabulary()
    assert vocabulary.lookup("persistent memory") is None  # agent memory, not NVM hardware
    paper = Paper("a", "", "Agents with persistent memory recall facts.", ())
    assert "non-volatile memory" not in concepts_by_paper(extract_concepts([paper])).get("a", {})


def test_ids_keep_letters_beyond_ascii_and_never_collide_silently():
    from papergraph.extract.canonical import unique_ids

    assert concept_id("π0") == "concept:π0" and name_key("π0") != name_key("0")
    ids = unique_ids(["ATLAS", "Atlas", "π0", "0", "GPT-4", "GPT 4"])
    assert len(set(ids)) == 6
    paper = Paper("a", "", "We compare π0 and Pi-Zero-Net.", ())
    extraction = extract_concepts([paper])
    assert "concept:π0" in {concept.id for concept in extraction.concepts}


def test_a_vocabulary_concept_is_named_as_most_papers_write_it():
    papers = [Paper(f"p{i}", "", "Chain-of-thought (CoT) prompting helps. CoT wins.", ()) for i in range(2)]
    papers += [Paper(f"q{i}", "", "We use CoT and fine-tune the model.", ()) for i in range(3)]
    extraction = extract_concepts(papers)
    names = {concept.name for concept in extraction.concepts}
    assert "CoT" in names and "chain-of-thought prompting" not in names  # 5 papers write CoT
    assert "fine-tuning" in names  # a verb form ("fine-tune") never names the concept
    cot = next(concept for concept in extraction.concepts if concept.name == "CoT")
    assert "chain-of-thought prompting" in cot.aliases


def test_the_learned_scorer_decides_the_candidates_no_rule_types():
    from papergraph.extract.reader import PaperReader
    from papergraph.extract.scoring import FEATURES, Scorer, load_scorer

    assert len(load_scorer().weights) == len(FEATURES)  # the shipped weights fit the features
    always, never = Scorer((30.0,) + (0.0,) * (len(FEATURES) - 1)), Scorer((-30.0,) + (0.0,) * (len(FEATURES) - 1))
    text = "Sampling with FreeInit improves videos. FreeInit helps."  # a name's shape, no typing cue
    kept = {concept.name: dict(concept.votes) for concept in PaperReader(load_vocabulary(), always).read("", text)}
    assert kept == {"FreeInit": {"method": 1}}
    assert PaperReader(load_vocabulary(), never).read("", text) == []


def test_a_title_case_phrase_no_head_noun_types_goes_to_the_learned_scorer():
    from papergraph.extract.reader import PaperReader
    from papergraph.extract.scoring import FEATURES, Scorer

    always, never = Scorer((30.0,) + (0.0,) * (len(FEATURES) - 1)), Scorer((-30.0,) + (0.0,) * (len(FEATURES) - 1))
    text = "Our planner adds a Lantern Path Mixer that routes tokens. The Lantern Path Mixer is cheap."
    kept = {concept.name: dict(concept.votes) for concept in PaperReader(load_vocabulary(), always).read("", text)}
    assert kept == {"Lantern Path Mixer": {"method": 1}}
    assert PaperReader(load_vocabulary(), never).read("", text) == []
    # A head that names no concept still vetoes the phrase, whatever the scorer says.
    vetoed = "It reports a Lantern Error Rate on two tasks."
    assert PaperReader(load_vocabulary(), always).read("", vetoed) == []


def test_a_kept_candidate_takes_its_type_from_the_nearest_typing_noun():
    from papergraph.extract.reader import PaperReader
    from papergraph.extract.scoring import FEATURES, Scorer

    always = Scorer((30.0,) + (0.0,) * (len(FEATURES) - 1))
    text = "Scores rise on QuillTrace, a hard benchmark. The MopRider models answer well."
    kept = {concept.name: dict(concept.votes) for concept in PaperReader(load_vocabulary(), always).read("", text)}
    assert "dataset" in kept["QuillTrace"] and "model" in kept["MopRider"]


def test_the_scorer_features_read_short_forms_and_handles():
    from papergraph.extract.scoring import FEATURES, name_features
    from papergraph.extract.tokens import tokenize

    def features(text: str, first: int, stop: int) -> dict[str, float]:
        return dict(zip(FEATURES, name_features(load_vocabulary(), tokenize(text), first, stop, 0), strict=True))

    defined = features("We add a Lantern Path Mixer (LPM) to it.", 3, 6)
    assert defined["abbreviated"] == 1 and defined["phrase"] == 1 and defined["sentence_start"] == 0
    assert features("Code: github.com/QuillMan1999 now.", 2, 3)["handle"] == 1
    assert features("Modern Path Mixers win.", 0, 3)["qualifier"] == 1
    listed = features("Four tools (Quill, MopRider, Zed) were run by us.", 3, 4)
    assert listed["listed"] == 1 and listed["typed_near"] == 0
    assert features("Four tools were run on the QuillTrace benchmark.", 6, 7)["typed_near"] == 1


def test_a_name_apposed_after_its_kind_is_typed_by_it():
    paper = Paper("a", "", "We fit a small detector, Quillwort, on the logs. Quillwort flags spam.", ())
    concepts = found(extract_concepts([paper]), paper)
    assert concepts["Quillwort"]["type"] == "model" and concepts["Quillwort"]["count"] == 2


def test_an_acronym_name_keeps_a_one_letter_variant_suffix():
    paper = Paper("a", "", "The method is termed MAPLE-D (dual maple). We compare MAPLE-D with the MAPLE-S method.", ())
    concepts = found(extract_concepts([paper]), paper)
    assert "MAPLE-D" in concepts and "MAPLE-S" in concepts and "MAPLE" not in concepts


def test_a_modifier_makes_a_reasoning_model_class_of_its_own():
    paper = Paper("a", "", "Video reasoning models fail where large reasoning models (LRMs) succeed.", ())
    concepts = found(extract_concepts([paper]), paper)
    assert {"video reasoning model", "large reasoning model"} <= set(concepts)
    assert "reasoning model" not in concepts


def test_an_introduced_compound_with_a_short_first_part_is_read_whole():
    paper = Paper("a", "", "In this work, we propose Qo-SQL, which maps questions to queries. Qo-SQL is fast.", ())
    concepts = found(extract_concepts([paper]), paper)
    assert concepts["Qo-SQL"]["count"] == 2 and "SQL" not in concepts


def test_a_short_lower_case_part_after_a_hyphen_ends_a_name():
    paper = Paper("a", "", "Results on QuillSet-core, a held-out test benchmark, and on QuillSet-lab.", ())
    concepts = found(extract_concepts([paper]), paper)
    assert {"QuillSet-core", "QuillSet-lab"} <= set(concepts)
    assert concepts["QuillSet-core"]["type"] == "dataset"


def test_generic_distillation_is_not_knowledge_distillation():
    paper = Paper("a", "", "We shrink the model with distillation and pruning.", ())
    assert "knowledge distillation" not in found(extract_concepts([paper]), paper)
    paper = Paper("b", "", "We shrink the model with knowledge distillation (KD).", ())
    assert "knowledge distillation" in found(extract_concepts([paper]), paper)


def test_a_known_acronym_of_a_generic_term_inside_a_new_name_is_part_of_it():
    paper = Paper("a", "", "We introduce Race-DiT, a novel MoE model. Race-DiT scales.", ())
    concepts = found(extract_concepts([paper]), paper)
    assert concepts["Race-DiT"]["type"] == "model" and concepts["Race-DiT"]["count"] == 2
    assert "diffusion transformer" not in concepts
