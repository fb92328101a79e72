"""Concept nodes you can trust (issue 9): the type of a node, and names that are no concept.

Every case is constructed here; none is taken from the audit or the evaluation sets.
"""

from __future__ import annotations

from papergraph.extract import extract_concepts, paper_concepts
from papergraph.types import Paper


def types(papers: list[Paper]) -> dict[str, str]:
    """The corpus's concepts: name -> type."""
    return {concept.name: concept.type for concept in extract_concepts(papers).concepts}


def names_of(paper: Paper) -> dict[str, str]:
    """One paper's concepts: name -> type."""
    return {concept["name"]: concept["type"] for concept in paper_concepts(extract_concepts([paper]), paper)}


def test_a_bare_typing_word_is_no_name():
    # A name a lost macro left out ("we introduce \\name, a benchmark"), and the rest of a name
    # cut at a caret ("Q^2-Bench").
    paper = Paper(
        "a",
        "",
        "We introduce Bench, a benchmark of 900 coding tasks. It extends Q^2-Bench and tau^3-Bench.",
        (),
    )
    assert "Bench" not in names_of(paper)


def test_a_noun_hyphened_onto_a_name_is_part_of_it():
    paper = Paper(
        "a",
        "",
        "We present ZorbBot-World, an interactive world simulator. ZorbBot-World beats open-world baselines.",
        (),
    )
    found = names_of(paper)
    assert "ZorbBot-World" in found and "ZorbBot" not in found


def test_names_in_parentheses_after_a_typing_noun_have_its_type():
    papers = [
        Paper("a", "", "Even state-of-the-art models (e.g., QuorvEmbed and GRITZ) fail on our benchmark.", ()),
        Paper("b", "", "It beats embedding models trained on public data (e.g., QuorvEmbed) on MTEB.", ()),
    ]
    found = types(papers)
    assert found["QuorvEmbed"] == "model"  # and "...Embed" names an embedding model
    assert found["GRITZ"] == "model"


def test_a_subtitle_about_evaluating_and_a_system_for_evaluating_name_a_benchmark():
    found = types(
        [
            Paper(
                "a",
                "ChatZim: A Real-Time Simulator for Evaluating Dialogue Agents",
                "We introduce ChatZim, a real-time dialogue simulator. Agents answer in real time.",
                (),
            ),
            Paper("b", "", "We introduce CodeZorb, an online evaluation framework tailored for code generation.", ()),
            Paper("c", "", "We present QuuxPlat, a modular framework tailored for code generation.", ()),
        ]
    )
    assert found["ChatZim"] == "dataset"
    assert found["CodeZorb"] == "dataset"
    assert found["QuuxPlat"] == "method"


def test_a_verb_before_a_generic_class_is_no_modifier():
    paper = Paper(
        "a",
        "",
        "Causal models support KV caching for speed. Our design natively support KV cache offloading. "
        "Agents expand neural networks. We use a natively agentic language model and a prefix KV cache.",
        (),
    )
    found = names_of(paper)
    assert not {"support KV cache", "expand neural network"} & set(found)
    assert {"agentic language model", "prefix KV cache"} <= set(found)


def test_a_task_named_by_its_head_is_no_concept_unless_a_paper_makes_it_its_method():
    papers = [
        Paper("a", "", "There is an urgent need for Neural Bug Repair (NBR) methods. NBR is hard.", ()),
        Paper("b", "", "NBR (Neural Bug Repair) aims to fix defects. Existing NBR tools are slow.", ()),
        Paper(
            "c",
            "",
            "To address this, we rely on Hazy Scene Image Generation (HSIG), a unified framework for hazy "
            "images. HSIG wins.",
            (),
        ),
    ]
    found = types(papers)
    assert not [name for name in found if "NBR" in name or "Bug Repair" in name]
    assert found["HSIG"] == "method"  # named by its long form's task, and a framework


def test_a_new_name_begun_by_a_known_model_or_ending_in_a_known_dataset_takes_its_type():
    paper = Paper(
        "a",
        "",
        "Trained on the same data, our agent is competitive with LLaMA3-Q across tasks. "
        "It reaches success rates of 74.1% and 60.2% on WebQuux and Online-GSM8K.",
        (),
    )
    found = names_of(paper)
    assert found["LLaMA3-Q"] == "model"
    assert found["Online-GSM8K"] == "dataset"


def test_the_head_of_an_apposition_types_the_name_not_the_nouns_of_its_contents():
    # "tasks", "problems", "languages" and "metrics" name no concept, but after a participle
    # they say what the benchmark holds, not what it is.
    papers = [
        Paper("a", "", "We introduce ZorvaBench, a benchmark comprising 30 tasks across five domains.", ()),
        Paper("b", "", "We introduce QuillBench, a benchmark containing 412 problems from olympiads.", ()),
        Paper("c", "", "We present TarnBench, a new benchmark spanning 12 languages and 40 tasks.", ()),
        Paper("d", "", "We release Plovset, a dataset consisting of 30k tasks for web agents.", ()),
        Paper("e", "", "We release MeldBench, a benchmark with 250 problems on theorem proving.", ()),
        Paper("f", "", "We propose FlimNet, a model featuring 3 modules and 2 losses.", ()),
    ]
    for paper, name, kind in zip(
        papers,
        ("ZorvaBench", "QuillBench", "TarnBench", "Plovset", "MeldBench", "FlimNet"),
        ("dataset", "dataset", "dataset", "dataset", "dataset", "model"),
        strict=True,
    ):
        assert names_of(paper).get(name) == kind, paper.abstract
    # Without a head before it, the noun after the participle still says what the name is.
    assert "GlowMark" not in names_of(Paper("g", "", "We propose GlowMark, a set containing 9 metrics.", ()))


def test_interpolating_is_a_task():
    papers = [
        Paper("a", "", "Flow estimation is central to Depth Map Interpolation (DMI). DMI remains hard.", ()),
        Paper("b", "", "We study DMI (Depth Map Interpolation) with sparse keyframes. Our DMI model is fast.", ()),
    ]
    assert not [name for name in types(papers) if "Interpolation" in name or "DMI" in name]


def test_regions_and_languages_are_no_concepts():
    papers = [
        Paper("a", "", "Central Asia (CA) is a region rich in dialects. We adapt LLMs to Kazakh and Kyrgyz.", ()),
        Paper("b", "", "We build ZelkoNet, a translation model for Kazakh, trained on text from Central Asia.", ()),
        Paper("c", "", "Kyrgyz and Kazakh speakers in Central Asia rate ZelkoNet highly.", ()),
        Paper("d", "", "We develop a state-of-the-art machine translation model for Kazakh, in a zero-shot manner.", ()),
        Paper("e", "", "Low resource languages such as Kazakh get little attention. We detoxify text in Kazakh.", ()),
    ]
    found = types(papers)
    assert found["ZelkoNet"] == "model"
    assert not [name for name in found if "Asia" in name or name in ("CA", "Kazakh", "Kyrgyz")]
