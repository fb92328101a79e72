"""Tests of candidate names and their typing evidence, on constructed papers."""

from __future__ import annotations

from papergraph.extract import extract_concepts, paper_concepts
from papergraph.extract.tokens import tokenize
from papergraph.extract.vocabulary import Vocabulary, VocabularyEntry
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


def test_a_name_ending_in_a_defined_short_form_is_whole():
    concepts = found(
        "Reinforcement learning (RL) helps agents. This paper introduces QXE-RL, the first approach to scale RL",
        "on repositories. QXE-RL wins.",
        title="QXE-RL: Advancing Agents",
    )
    assert concepts["QXE-RL"]["count"] == 3 and "QXE" not in concepts
    assert concepts["reinforcement learning"]["count"] == 3  # the long form, "(RL)", "scale RL"


def test_tasks_kinds_of_data_and_spelt_out_capitals_are_no_concepts():
    concepts = found(
        "We study Picture-to-Sketch (P2S) on Electronic Quill Records (EQR) and Natural Language Quilting.",
        "We introduce QUIN-1, the largest Quill INterleaved dataset, and PIQ (Paired and INterleaved Quills).",
    )
    assert not {"Picture-to-Sketch", "P2S", "Electronic Quill Records", "EQR", "Natural Language Quilting"} & set(
        concepts
    )
    assert not {"INterleaved", "INTerleaved"} & set(concepts)


def test_a_title_case_label_before_a_colon_goes_to_no_scorer():
    from papergraph.extract import load_vocabulary
    from papergraph.extract.reader import PaperReader
    from papergraph.extract.scoring import FEATURES, Scorer

    always = Scorer((30.0,) + (0.0,) * (len(FEATURES) - 1))
    read = PaperReader(load_vocabulary(), always).read
    assert read("", "Results are good. Lantern Page: see the site.") == []
    assert [concept.name for concept in read("", "Results are good. Lantern Page helps.")] == ["Lantern Page"]


def test_the_scorer_reads_plural_acronyms_and_abstract_heads():
    from papergraph.extract import load_vocabulary
    from papergraph.extract.scoring import FEATURES, name_features
    from papergraph.extract.tokens import tokenize

    def features(text: str, first: int, stop: int) -> dict[str, float]:
        return dict(zip(FEATURES, name_features(load_vocabulary(), tokenize(text), first, stop, 0), strict=True))

    plural = features("Agents click on QUIs all day.", 3, 4)
    assert plural["acronym"] == 1 and plural["camel"] == 0
    assert features("We score Quill Consistency and Lantern Mixer.", 2, 4)["abstract_head"] == 1
    assert features("We score Quill Consistency and Lantern Mixer.", 5, 7)["abstract_head"] == 0
    camel = [features(text, 2, 3)["clean_camel"] for text in ("We add QuillBot now.", "We add DoF now.", "See x/QuillBot now.")]
    assert camel == [1, 0, 0]


def test_a_corpus_named_in_the_title_after_the_is_a_dataset():
    concepts = found("We collect parallel texts from schoolbooks.", title="The Quillmark Corpus: Parallel Data for Idioms")
    assert concepts["Quillmark Corpus"]["type"] == "dataset"
    assert not found("We study it.", title="The Unreasonable Quillmark Effectiveness of Data")


def test_metrics_retrievers_and_a_main_clause_after_a_list_are_read_as_such():
    concepts = found(
        "We present QuillIR, the first retriever trained for reasoning.",
        "On benchmarks including HDTF, AVSpeech, and QuillV-HQ, our distilled model matches them.",
    )
    assert concepts["QuillIR"]["type"] == "model"
    assert concepts.get("QuillV-HQ", {}).get("type") != "model"
    assert "QuillScore" not in found("We introduce QuillScore to rate images.", title="QuillScore: Rating Images")


def test_dotted_abbreviations_are_no_names():
    concepts = found("Experiments on QuillBench show gains across U.S. federal taxes and U.K. law.")
    assert not {"U.S", "U.K"} & set(concepts)


def test_glued_words_and_phrases_cut_inside_a_compound_are_no_names():
    concepts = found(
        "We fix the training.In tests, the Quill Multi-discipline Lantern Benchmark is hard.",
        "Current Transformer-based models fail.",
    )
    assert not {"training.In", "Quill Multi", "Current Transformer"} & set(concepts)


def test_bare_generic_training_words_are_no_concepts():
    # Always optional in the annotations (CONCEPTS.md: generic words used in passing): never a node.
    concepts = found("After pre-training, we compress the model by distillation and knowledge distillation.")
    assert set(concepts) == {"knowledge distillation"}


def test_a_generic_term_is_named_by_its_long_form_not_its_capitals():
    papers = [Paper(f"p{i}", "", "We align LLMs with SFT.", ()) for i in range(3)]
    papers.append(Paper("q", "", "We align large language models with supervised fine-tuning.", ()))
    names = {concept.name for concept in extract_concepts(papers).concepts}
    assert {"large language model", "supervised fine-tuning"} <= names and not {"LLM", "SFT"} & names


def test_tasks_the_vocabulary_once_listed_are_no_concepts():
    concepts = found("We study domain generalization and synthetic data generation with LoRA.")
    assert set(concepts) == {"LoRA"}


def test_a_mixed_case_vocabulary_word_never_matches_a_common_word_in_lower_case():
    vocabulary = Vocabulary([VocabularyEntry("HeLix", ("model",)), VocabularyEntry("QuillNet2", ("model",))])
    tokens = tokenize("a helix of wires, two helixes, HeLix, Helix, HELIX, quillnet2")
    matched = [tokens.span(first, stop) for first, stop, _ in vocabulary.find(tokens)]
    assert matched == ["HeLix", "Helix", "HELIX", "quillnet2"]


def test_a_known_name_inside_a_longer_name_the_paper_introduces_is_no_use_of_the_known_name():
    concepts = found(
        "We present Quill Whisper Next, a speech model, the latest of the Quill Whisper series,",
        "trained on speech.",
    )
    assert "Whisper" not in concepts  # a vocabulary model, but here only a part of longer names
    assert "Quill Whisper Next" in concepts
    concepts = found("We present Quill Whisper Next, a speech model. Unlike Whisper, it hears.")
    assert concepts["Whisper"]["count"] == 1


def test_a_name_listed_with_libraries_or_organisations_is_no_concept():
    concepts = found(
        "The scans were processed with Python-based tools, including Quill3D, NumPy, and QuillCV, to segment the body.",
        "We target Quillus, a verifier for Rust, and QuillSpecGym, an environment for agents.",
    )
    assert "Quill3D" not in concepts and "QuillCV" not in concepts
    assert concepts["QuillSpecGym"]["type"] == "dataset"  # its name says what it is, whatever the list


def test_a_long_form_headed_by_a_task_is_a_method_only_when_the_paper_introduces_it():
    concepts = found(
        "We introduce Quill Sequence Prediction (QSP), which unifies next-token and next-block prediction.",
        "Models are tested on Visual Quill Answering (VQAQ) and Quill Pathway Analysis (QPA).",
    )
    assert concepts["Quill Sequence Prediction"]["type"] == "method"
    assert "Visual Quill Answering" not in concepts and "Quill Pathway Analysis" not in concepts


def test_items_of_a_list_after_on_are_data_whatever_noun_comes_before():
    concepts = found("We evaluate QuillNet and baselines on QuillBench, QuillVideo, and QuillSet, where models fail.")
    assert concepts["QuillVideo"]["type"] == "dataset"
    concepts = found("It outperforms strong baselines, including QuillOpt and QuillTune, on math benchmarks.")
    assert concepts["QuillTune"]["type"] == "method"


def test_a_named_tier_with_its_version_is_a_model_of_its_own():
    concepts = found("We compare Claude Sonnet 4.5, Claude Opus 4.7 and Claude 3 Opus. Claude answers.")
    assert {"Claude Sonnet 4.5", "Claude Opus 4.7", "Claude 3 Opus", "Claude"} <= set(concepts)
    assert concepts["Claude Sonnet 4.5"]["type"] == "model"


def test_a_title_case_phrase_reads_over_a_lower_case_part_hyphened_on():
    concepts = found("The framework unifies Asynchronous Quill-wise Noise Scheduling and Multi-view Quill Decoding.")
    assert "Asynchronous Quill-wise Noise Scheduling" in concepts and "Noise Scheduling" not in concepts
    assert "Multi-view Quill Decoding" in concepts


def test_a_title_case_phrase_begun_by_a_describing_word_is_no_name():
    concepts = found("Prevailing Quill Distillation methods and Mainstream Test-Time Quill Adaptation are slow.")
    assert not {name for name in concepts if "Quill" in name}


def test_generic_model_classes_and_their_adjectives():
    concepts = found(
        "Text-to-image models and video generation models use a vision encoder. A diffusion-based",
        "planner beats autoregressive decoding. Gemini 2.5 Pro and Gemini 2.5 Flash differ; ImageNet-1K is used.",
    )
    assert {name: concepts[name]["type"] for name in ("text-to-image model", "video generation model", "vision encoder",
                                                      "diffusion model", "autoregressive model")} == dict.fromkeys(
        ("text-to-image model", "video generation model", "vision encoder", "diffusion model", "autoregressive model"),
        "model",
    )
    assert {"Gemini 2.5 Pro", "Gemini 2.5 Flash", "ImageNet-1K"} <= set(concepts)


def test_a_tier_after_a_new_version_and_a_letter_after_a_name_make_models_of_their_own():
    concepts = found("We compare Gemini 7 Pro with SDXL and Stable Diffusion. We introduce QuiLLaDA-V, built on ViT-B/16.")
    assert {"Gemini 7 Pro", "SDXL", "Stable Diffusion", "QuiLLaDA-V", "ViT"} <= set(concepts)
    assert "Gemini 7" not in concepts and "ViT-B" not in concepts


def test_an_edition_has_the_type_of_its_base():
    concepts = found("We report results on GSM8K-Lite. We introduce QuillMMU-Pro, a benchmark of charts.",
                     "QuillMMU-Pro extends QuillMMU by composing the question into an image.")
    assert concepts["GSM8K-Lite"]["type"] == "dataset"
    assert concepts["QuillMMU"]["type"] == "dataset"


def test_a_phrase_is_no_benchmark_by_a_word_inside_and_a_deviation_is_a_metric():
    concepts = found("We measure the Cross-Benchmark Quill Consistency and the Quill Alignment Deviation of models.")
    assert concepts.get("Cross-Benchmark Quill Consistency", {}).get("type") != "dataset"
    assert "Quill Alignment Deviation" not in concepts


def test_title_case_words_before_a_known_method_name_a_variant_of_it():
    concepts = found(
        "We add a Quill Narrative RoPE to the model and an Osprey RAG for retrieval. RoPE alone drifts.",
        "Standard RoPE fails, unlike Vanilla RoPE. Long CoTs help.",
        title="Quill: Shot-Aware Video Generation",
    )
    assert concepts["Quill Narrative RoPE"]["type"] == "method" and concepts["Quill Narrative RoPE"]["count"] == 1
    assert concepts["Osprey RAG"]["type"] == "method"
    # prose before the name (a qualifier, a describing or size word, a sentence's first word) makes no variant
    assert not {"Standard RoPE", "Vanilla RoPE", "Long CoTs", "Long CoT"} & set(concepts)
    assert concepts["RoPE"]["count"] == 3  # "RoPE alone", "Standard RoPE", "Vanilla RoPE"


def test_a_title_case_title_makes_no_variant_of_a_known_method():
    concepts = found("We study retrieval-augmented generation.", title="Towards Stable and Interpretable RAG")
    assert "Interpretable RAG" not in concepts


def test_an_apposition_in_parentheses_types_the_name_before_it():
    concepts = found(
        "We compare with strong baselines, Quorvant (a language model fine-tuned on chats) among them.",
        "We also report scores, Vexalia (a benchmark of clinical questions) included.",
    )
    assert concepts["Quorvant"]["type"] == "model"
    assert concepts["Vexalia"]["type"] == "dataset"
