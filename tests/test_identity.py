"""One node per thing (issue 9): how names discovered in different papers become nodes.

Every case is constructed here; none is taken from the audit or the evaluation sets.
"""

from __future__ import annotations

import re

from papergraph.artifacts import without_urls
from papergraph.extract import extract_concepts, load_vocabulary
from papergraph.extract.abbreviations import abbreviations
from papergraph.extract.canonical import CITATION_KEY, model_family, name_key, spelling
from papergraph.extract.thesaurus import Thesaurus, ThesaurusRule
from papergraph.types import Paper


def nodes(papers: list[Paper], **options) -> dict[str, set[str]]:
    """concept id -> the ids of the papers mentioning it."""
    extraction = extract_concepts(papers, **options)
    found: dict[str, set[str]] = {}
    for mention in extraction.mentions:
        found.setdefault(mention.concept_id, set()).add(mention.paper_id)
    return found


def node_of(found: dict[str, set[str]], paper: str, prefix: str) -> str:
    """The one node of ``paper`` whose id starts with ``prefix``."""
    (node,) = [node for node, papers in found.items() if paper in papers and node.startswith(prefix)]
    return node


def test_two_papers_introducing_one_name_hold_two_nodes_and_a_user_joins_only_the_unambiguous():
    a = Paper("a", "VidZorb: Fast Video Synthesis", "We propose VidZorb, a video generation framework.", ())
    b = Paper("b", "VidZorb: Graph Partitioning at Scale", "We propose VidZorb, a graph partitioning method.", ())
    user = Paper("c", "", "We compare with VidZorb, a strong baseline method, on two tasks.", ())
    found = nodes([a, b, user])
    first, second, third = (node_of(found, paper, "concept:vidzorb") for paper in "abc")
    assert len({first, second, third}) == 3  # two things, and a use that could be either
    # One paper introducing the name: the paper using it joins that node.
    found = nodes([a, user])
    assert node_of(found, "a", "concept:vidzorb") == node_of(found, "c", "concept:vidzorb")


def test_names_written_in_other_capitals_stay_apart():
    a = Paper("a", "QuillNet: Sparse Routing", "We propose QuillNet, a sparse routing method.", ())
    b = Paper("b", "QUILLNET: Audio Tagging", "We introduce QUILLNET, an audio tagging model.", ())
    c = Paper("c", "", "Our method beats QUILLNET, a strong audio model, by 3 points.", ())
    found = nodes([a, b, c])
    assert node_of(found, "a", "concept:quillnet") != node_of(found, "b", "concept:quillnet")
    assert node_of(found, "b", "concept:quillnet") == node_of(found, "c", "concept:quillnet")
    assert spelling("QuillNet") != spelling("QUILLNET") and spelling("Quill-Net") == spelling("QuillNet")


def test_two_papers_defining_one_acronym_two_ways_stay_two_nodes():
    papers = [
        Paper("a", "", "We introduce Gated Rotary Kernel Attention, GRKA, an attention method. GRKA is fast.", ()),
        Paper("b", "", "We propose GRKA (Graph Retrieval Knowledge Agent), a retrieval framework.", ()),
        Paper("c", "", "We propose GRKA (Graph Retrieval Knowledge Agent), a new retrieval framework.", ()),
    ]
    extraction = extract_concepts(papers)
    names = sorted(concept.name for concept in extraction.concepts if concept.name.startswith("GRKA"))
    assert names == ["GRKA (Gated Rotary Kernel Attention)", "GRKA (Graph Retrieval Knowledge Agent)"]
    found = nodes(papers)
    assert node_of(found, "b", "concept:grka") == node_of(found, "c", "concept:grka")  # long forms agree


def test_a_discovered_name_joins_a_vocabulary_concept_only_when_written_alike():
    assert load_vocabulary().lookup("MoE") is not None  # matched only as written
    papers = [
        Paper("a", "", "We scale a MoE layer to many experts.", ()),
        Paper("b", "", "We evaluate on the MOE benchmark, a dataset of 5,000 questions.", ()),
        Paper("c", "", "Each MoE block routes tokens; the MoE benchmark has 5,000 questions.", ()),
    ]
    extraction = extract_concepts(papers)
    found = nodes(papers)
    moe = extraction.concept(node_of(found, "a", "concept:m"))
    assert found[moe.id] == {"a", "c"} and "MOE" not in moe.aliases
    assert node_of(found, "b", "concept:moe") != moe.id


def test_a_papers_own_definition_of_a_short_form_beats_the_vocabularys_reading():
    vocabulary_reading = name_key(load_vocabulary().lookup("FL").name)
    assert vocabulary_reading == "federatedlearning"
    own = Paper("a", "", "We study Fuzzy Logic (FL) controllers. FL rules and NL-FL pairs are compared.", ())
    plain = Paper("b", "", "We train models with FL across many clients.", ())
    extraction = extract_concepts([own, plain])
    (federated,) = [c for c in extraction.concepts if "federated learning" in (c.name, *c.aliases)]
    assert {mention.paper_id for mention in extraction.mentions if mention.concept_id == federated.id} == {"b"}


def test_a_version_is_not_its_family():
    assert model_family("Blorp V2") == "Blorp V2"
    assert model_family("Blorp-7B-v0.2") == model_family("Blorp-7B-Instruct") == "Blorp"
    thesaurus = Thesaurus([ThesaurusRule("Blorp", None, ("model",))])
    found = nodes([Paper("a", "", "We compare Blorp V2 with Blorp-7B and Blorp.", ())], thesaurus=thesaurus)
    assert {"concept:blorp", "concept:blorp-v2"} <= set(found)


def test_no_vocabulary_alias_is_a_version_or_plus_variant_of_its_entry():
    version = re.compile(r"[-\s]?(?:\++|[vV]\d+(?:\.\d+)*)$")
    # A benchmark's "Pro" or "Plus" edition is another benchmark (a model's Pro is a tier of it).
    edition = re.compile(r"[-\s]?(?:\++|[vV]\d+(?:\.\d+)*|Pro|Plus)$")
    for entry in load_vocabulary().entries:
        for alias in entry.aliases:
            match = (edition if entry.types[0] == "dataset" else version).search(alias)
            assert not (match and name_key(alias[: match.start()]) == name_key(entry.name)), (entry.name, alias)


def test_a_citation_key_is_not_a_concept():
    assert CITATION_KEY.match("DrivesimKowalski2023") and CITATION_KEY.match("smith2021neural")
    assert not any(CITATION_KEY.match(name) for name in ("ResNet50", "Llama2", "GPT2024", "ImageNet"))
    papers = [
        Paper(f"p{i}", "", "Results on the DrivesimKowalski2023 benchmark and the Kitti dataset improve.", ())
        for i in range(2)
    ]
    assert not any("kowalski" in node for node in nodes(papers))


def test_the_owner_in_a_link_is_no_name_but_a_repository_written_in_the_text_is():
    text = "We release FrobNet-S. Code: https://github.com/QuarkLabs/FrobNet and github.com/QuarkLabs/other."
    blanked = without_urls(text)
    assert len(blanked) == len(text) and "QuarkLabs" not in blanked and "other" not in blanked
    assert blanked.count("FrobNet") == 2
    found = nodes([Paper("a", "", "We propose FrobNet, a model. See https://github.com/QuarkLabs/FrobNet.", ())])
    assert not any("quarklabs" in node for node in found)


def test_long_forms_differing_in_spelling_are_one_definition_and_a_dominant_one_takes_the_uses():
    papers = [
        Paper(f"d{i}", "", f"We use Sparse Quorum Learning Routers (SQLR), a routing method, in {i} tasks.", ())
        for i in range(3)
    ]
    papers.append(Paper("s", "", "We use Sparse Quorum Learned Routers (SQLR), a routing method.", ()))
    papers.append(Paper("x", "", "We propose SQLR (Spectral Query Lifting Retriever), a retrieval method.", ()))
    papers.append(Paper("u", "", "Our router beats SQLR, a strong routing method, on two tasks.", ()))
    found = nodes(papers)
    main = node_of(found, "d0", "concept:sqlr")
    assert found[main] >= {"d0", "d1", "d2", "s"}  # long forms alike: one definition
    assert node_of(found, "x", "concept:sqlr") != main
    # The use joins the definition holding three in four of the papers written alike.
    assert "u" in found[main]


def test_a_definition_that_spells_out_a_vocabulary_acronym_is_that_concept():
    entry = load_vocabulary().lookup("MTEB")
    assert entry is not None and not any(" " in alias for alias in entry.aliases)
    papers = [
        Paper("a", "", "We evaluate on the Massive Text Embedding Benchmark (MTEB) and improve.", ()),
        Paper("b", "", "Our embeddings lead the MTEB benchmark.", ()),
    ]
    extraction = extract_concepts(papers)
    assert [concept.name for concept in extraction.concepts if "MTEB" in (concept.name, *concept.aliases)] == ["MTEB"]


def test_a_paper_cannot_mean_a_thing_introduced_after_it():
    def paper(arxiv_id: str, abstract: str) -> Paper:
        return Paper(f"arxiv:{arxiv_id}", "", abstract, (), arxiv_id=arxiv_id)

    early = paper("2401.00001", "We merge models with DROPR, a strong merging method.")
    late = paper("2605.00001", "We propose DROPR (Dynamic Routing Of Prompt Replies), a method.")
    found = nodes([early, late])
    assert node_of(found, early.id, "concept:dropr") != node_of(found, late.id, "concept:dropr")
    after = paper("2607.00001", "We compare with DROPR, a strong routing method.")
    found = nodes([late, after])
    assert node_of(found, late.id, "concept:dropr") == node_of(found, after.id, "concept:dropr")
    # A thing is in use a few months before its paper (a release, a preprint).
    shortly = paper("2603.00001", "We compare with DROPR, a strong routing method.")
    found = nodes([shortly, late])
    assert node_of(found, late.id, "concept:dropr") == node_of(found, shortly.id, "concept:dropr")


def test_a_name_in_use_before_the_months_of_grace_keeps_the_uses_just_before_a_new_paper():
    def paper(arxiv_id: str, abstract: str) -> Paper:
        return Paper(f"arxiv:{arxiv_id}", "", abstract, (), arxiv_id=arxiv_id)

    old = paper("2402.00001", "Our decoder is 2x faster on Quorb-Bench, a benchmark of drafting.")
    shortly = paper("2503.00001", "Our drafter is 3x faster on Quorb-Bench than EAGLE.")
    new = paper("2506.00001", "We present QuorbBench, a benchmark for specification alignment.")
    found = nodes([old, shortly, new])
    # The name was in use a year before the new paper: the use three months before it is of the older thing.
    assert node_of(found, old.id, "concept:quorb") == node_of(found, shortly.id, "concept:quorb")
    assert node_of(found, new.id, "concept:quorb") != node_of(found, shortly.id, "concept:quorb")
    # Without the older use, the use three months before is the new paper's thing (a preprint).
    found = nodes([shortly, new])
    assert node_of(found, new.id, "concept:quorb") == node_of(found, shortly.id, "concept:quorb")


def test_a_name_in_other_capitals_is_the_one_name_another_paper_introduces():
    a = Paper("a", "Zorblo3: Open Language Models", "We introduce Zorblo3, a family of open language models.", ())
    b = Paper("b", "", "We fine-tune ZORBLO3 and Qwen3 models, and ZORBLO3 gains most.", ())
    # Other capitals ("ZORblo3") write the one capitalised name, but the capitals of a
    # mixed-case name count: a paper's "QuaDa" is no use of another's "QuaDA".
    c = Paper("c", "", "We fine-tune ZORblo3 and Qwen3 models, and ZORblo3 gains most.", ())
    found = nodes([a, b, c])
    assert node_of(found, "a", "concept:zorblo3") == node_of(found, "b", "concept:zorblo3")
    assert node_of(found, "c", "concept:zorblo3") == node_of(found, "a", "concept:zorblo3")
    e = Paper("e", "QuaDA: Sparse Graph Routing", "We propose QuaDA, a graph routing method.", ())
    f = Paper("f", "", "We compare with QuaDa, a strong mobile agent method, on phones.", ())
    found = nodes([e, f])
    assert node_of(found, "e", "concept:quada") != node_of(found, "f", "concept:quada")
    # Two papers introducing the two writings still hold two things.
    d = Paper("d", "ZORBLO3: Sparse Graph Routing", "We propose ZORBLO3, a graph routing method.", ())
    found = nodes([a, d])
    assert node_of(found, "a", "concept:zorblo3") != node_of(found, "d", "concept:zorblo3")


def test_a_short_form_defined_one_way_is_one_node_with_its_long_form():
    a = Paper("a", "Quor-IT: Decoding Scenes from Signals",
              "We present Quor-IT, a decoding approach built on a Quorvan Interaction Transformer (QIT).", ())
    b = Paper("b", "", "Building on the Quorvan Interaction Transformer (Quor-IT), we decode answers from signals.", ())
    c = Paper("c", "", "We train a Quorvan Interaction Transformer, a strong decoding model, on our data.", ())
    found = nodes([a, b, c])
    assert node_of(found, "a", "concept:quor") == node_of(found, "b", "concept:quor")
    assert node_of(found, "c", "concept:quor") == node_of(found, "b", "concept:quor")
    # Defined two ways, the short form's definitions and the long form stay apart.
    d = Paper("d", "", "We propose a Quorum Iterative Tracker (Quor-IT), a tracking method.", ())
    found = nodes([a, b, c, d])
    assert node_of(found, "d", "concept:quor") != node_of(found, "b", "concept:quor")
    assert node_of(found, "c", "concept:quorvan") != node_of(found, "b", "concept:quor")


def test_a_vendor_prefix_or_a_language_split_is_a_written_variant():
    papers = [
        Paper("a", "", "We compare with the ZorvexLM model, a strong reasoning model.", ()),
        Paper("b", "", "We compare with the GPT-ZorvexLM model, a strong reasoning model.", ()),
        Paper("c", "", "We evaluate on the Quibble-Bench benchmark, a visual editing benchmark.", ()),
        Paper("d", "", "We evaluate on the Quibble-Bench-ZH benchmark, a visual editing benchmark.", ()),
    ]
    found = nodes(papers)
    assert node_of(found, "a", "concept:zorvexlm") == node_of(found, "b", "concept:zorvexlm")
    assert node_of(found, "c", "concept:quibble") == node_of(found, "d", "concept:quibble")
    # Without the plain name in the corpus, the prefixed name stays as written.
    assert "concept:gpt-zorvexlm" in nodes(papers[1:2])


def test_a_long_form_never_runs_from_the_title_into_the_abstract():
    # The second L is in no word of the abstract's phrase: the title must not lend it one.
    text = "Pruning Quorvan Language Models\nQuorvan language models (qLLMs) are fast."
    assert abbreviations(text) == []
    text = "Pruning Zebra Routing Networks\nZebra routing networks (zRNs) route tokens fast."
    assert [(long_form, short) for long_form, short, _ in abbreviations(text)] == [("Zebra routing networks", "zRNs")]


def test_a_whole_version_is_its_point_zero_release_but_not_another_version():
    papers = [
        Paper("a", "", "We compare with the ZorvexLM 3.0 model, a strong reasoning model.", ()),
        Paper("b", "", "We compare with the ZorvexLM3 model, a strong reasoning model.", ()),
        Paper("c", "", "We compare with the ZorvexLM3 model, a strong reasoning model, again.", ()),
        Paper("d", "", "We compare with the ZorvexLM 3.5 model, a strong reasoning model.", ()),
    ]
    found = nodes(papers)
    assert node_of(found, "a", "concept:zorvexlm") == node_of(found, "b", "concept:zorvexlm") == "concept:zorvexlm3"
    assert node_of(found, "d", "concept:zorvexlm") != node_of(found, "a", "concept:zorvexlm")


def test_a_long_form_headed_by_an_exchange_or_a_file_format_is_no_concept():
    papers = [
        Paper("a", "", "We study Quorvan Support Conversation (QSC) between users and agents. QSC is hard.", ()),
        Paper("b", "", "Models draw Quorvan Vector Graphics (QVG) from text. QVG files are small.", ()),
    ]
    assert not any(node.startswith(("concept:qsc", "concept:qvg", "concept:quorvan")) for node in nodes(papers))


def test_of_two_names_with_one_slug_the_more_widespread_keeps_the_plain_id():
    # By name alone "ZoBA" would come first; "ZobA" is in more papers, so it keeps concept:zoba.
    papers = [
        Paper("a", "ZoBA: Fast Attention", "We propose ZoBA, an attention method. ZoBA is fast.", ()),
        Paper("b", "ZobA: A Phone Agent", "We propose ZobA, an agent method. ZobA acts.", ()),
        *(Paper(f"c{n}", f"Agents {n}", "We build on the ZobA method. ZobA acts.", ()) for n in range(3)),
    ]
    ids = {concept.name: concept.id for concept in extract_concepts(papers).concepts}
    assert ids["ZobA"] == "concept:zoba" and ids["ZoBA"] == "concept:zoba-2"


def test_languages_venues_media_words_and_task_short_forms_are_no_concepts():
    papers = [
        Paper("a", "", "We release Tamil, a new dataset of questions, and the French-German corpus.", ()),
        Paper("b", "", "We compare with ICLR, a strong method, Audio, a strong model, and Quorvan Research.", ()),
        Paper("c", "", "We compare with V2A, a strong model, and with Quorvan Following, a strong method.", ()),
        Paper("d", "", "We compare with Top Down View, a strong method, and a weaker language model.", ()),
    ]
    found = nodes(papers)
    dropped_names = ("tamil", "french-german", "iclr", "audio", "v2a", "quorvan-following", "top-down-view")
    for dropped in (*dropped_names, "quorvan-research"):
        assert f"concept:{dropped}" not in found
    assert not any("weaker" in node for node in found)
    # A name of no such class stays.
    assert "concept:zorvexlm" in nodes([Paper("e", "", "We compare with ZorvexLM, a strong baseline model.", ())])


def test_a_resolution_or_a_device_count_is_a_written_variant():
    papers = [
        Paper("a", "", "We compare with the Quibble-Video model, a strong video model.", ()),
        Paper("b", "", "We compare with the Quibble-Video-14B-720p model, a strong video model.", ()),
        Paper("c", "", "We train on 8 A100 GPUs.", ()),
        Paper("d", "", "We train on 8timesA100 GPUs for a day.", ()),
    ]
    found = nodes(papers)
    assert node_of(found, "a", "concept:quibble") == node_of(found, "b", "concept:quibble")
    assert node_of(found, "c", "concept:a") == node_of(found, "d", "concept:a") == "concept:a100"


def test_a_defined_short_form_beside_its_plain_use_is_named_with_its_long_form_as_written():
    papers = [
        Paper("a", "", "We build the Massive Multimodal Quorvan Benchmark (MMQB), a benchmark of images.", ()),
        Paper("b", "MMQB: Charts at Scale", "We introduce MMQB, a new benchmark of charts.", ()),
    ]
    extraction = extract_concepts(papers)
    (defined,) = [concept for concept in extraction.concepts if "(" in concept.name]
    assert re.fullmatch(r"MMQB \((?:Massive )?Multimodal Quorvan Benchmark\)", defined.name)


def test_a_size_or_release_or_a_chips_memory_is_a_written_variant_of_its_family():
    papers = [
        Paper("a", "", "We compare with the QuorVex model, a strong vision encoder model.", ()),
        Paper("b", "", "We compare with QuorVex-Large, a strong vision encoder model.", ()),
        Paper("c", "", "We compare with QuorVex-So400m, a strong vision encoder model.", ()),
        Paper("d", "", "We train on 8 V100 GPUs.", ()),
        Paper("e", "", "We train on V100-SXM2-32GB GPUs for a day.", ()),
    ]
    found = nodes(papers)
    assert node_of(found, "a", "concept:quorvex") == node_of(found, "b", "concept:quorvex")
    assert node_of(found, "a", "concept:quorvex") == node_of(found, "c", "concept:quorvex") == "concept:quorvex"
    assert node_of(found, "e", "concept:v100") == "concept:v100"
    # Without the family in the corpus, the sized name stays as written.
    assert "concept:quorvex-large" in nodes(papers[1:2])


def test_a_maker_or_an_apps_name_before_a_model_is_a_written_variant():
    papers = [
        Paper("a", "", "We compare with the ZorvexLM model, a strong reasoning model.", ()),
        Paper("b", "", "We compare with HY-ZorvexLM on three tasks.", ()),
    ]
    found = nodes(papers)
    assert found["concept:zorvexlm"] == {"a", "b"} and not any("hy-" in node for node in found)
    papers = [Paper("c", "", "We ask GPT-4o to label. ", ()), Paper("d", "", "We ask ChatGPT-4o to label.", ())]
    assert nodes(papers)["concept:gpt-4o"] == {"c", "d"}


def test_tiers_with_names_of_their_own_are_models_of_their_own():
    papers = [
        Paper("a", "", "We compare with Claude 3 Haiku, a small model.", ()),
        Paper("b", "", "We compare with Claude 3 Opus, a large model.", ()),
        Paper("c", "", "We compare with Zorvex-Haiku and Zorvex-Large, two reasoning models.", ()),
    ]
    found = nodes(papers)
    assert node_of(found, "a", "concept:claude") != node_of(found, "b", "concept:claude")
    assert model_family("Zorvex-Haiku") == "Zorvex-Haiku" and model_family("Zorvex-Large") == "Zorvex"


def test_long_forms_of_one_short_form_worded_alike_are_one_node_and_its_bare_use_joins_it():
    papers = [
        Paper("a", "", "We study Zebra-Routed Attention (ZRA) for long inputs.", ()),
        Paper("b", "", "We revisit zebra routing attention (ZRA) in vision models.", ()),
        Paper("c", "", "Unlike Zebra Token Routing Attention (ZRA), our method is sparse.", ()),
        Paper("d", "", "We compare with ZRA, a strong attention method, on three tasks.", ()),
    ]
    found = nodes(papers)
    (node,) = [node for node, ids in found.items() if "a" in ids and "zebra" in node]
    assert found[node] == {"a", "b", "c", "d"}


def test_a_bare_short_form_that_two_things_spell_out_joins_neither():
    papers = [
        Paper("a", "", "We study Zebra Routing Attention (ZRA) for long inputs.", ()),
        Paper("b", "", "We study Zonal Residual Adapters (ZRA) for vision models.", ()),
        Paper("c", "", "We compare with ZRA, a strong attention method, on three tasks.", ()),
    ]
    found = nodes(papers)
    assert len({node_of(found, paper, "concept:z") for paper in "abc"}) == 3


def test_long_forms_alike_in_spelling_but_defined_with_different_short_forms_stay_apart():
    papers = [
        Paper("a", "", "To speed up prefill, we propose Quorvan Parallel Encoding (QPE), a method.", ()),
        Paper("b", "", "We therefore introduce quorvan parallel decoding (QPD), a novel sampler.", ()),
    ]
    found = nodes(papers)
    assert node_of(found, "a", "concept:quorvan") != node_of(found, "b", "concept:quorvan")


def test_no_long_form_runs_back_over_a_dash():
    (definition,) = abbreviations("a three stage recipe--zebra routed tuning (ZRT), then more")
    assert definition[:2] == ("zebra routed tuning", "ZRT")


def test_a_last_part_written_by_its_initials_is_the_name_it_shortens():
    papers = [
        Paper("a", "", "We compare with ZorbLM-OneVision, a strong multimodal model, on charts.", ()),
        Paper("b", "", "We compare with ZorbLM-OV, a strong multimodal model, on charts.", ()),
        Paper("c", "", "We compare with ZorbLM-OmniVoice, a strong speech model, on calls.", ()),
    ]
    found = nodes(papers[:2])
    assert node_of(found, "a", "concept:zorblm") == node_of(found, "b", "concept:zorblm") == "concept:zorblm-onevision"
    found = nodes(papers)  # two names it may shorten: it stays as written
    assert node_of(found, "b", "concept:zorblm") == "concept:zorblm-ov"


def test_a_long_form_spelling_a_short_form_only_loosely_takes_no_longer_one():
    # "Zebra Router" spells ZRR out letter by letter ("ZebRa Router"), not by its words'
    # initials: "Zebra Reasoning Router" (ZRR) is another thing.
    papers = [
        Paper("a", "", "We tune a Zebra Router (ZRR) for mixtures.", ()),
        Paper("b", "", "Unlike the Zebra Reasoning Router (ZRR), our router does not reason first.", ()),
    ]
    found = nodes(papers)
    assert node_of(found, "a", "concept:zebra") != node_of(found, "b", "concept:zebra")


def test_a_definition_of_a_name_in_use_sets_no_date_but_an_introduction_does():
    def paper(arxiv_id: str, abstract: str) -> Paper:
        return Paper(f"arxiv:{arxiv_id}", "", abstract, (), arxiv_id=arxiv_id)

    early = paper("2401.00001", "We fine-tune ZMDiT, a strong diffusion backbone model, on charts.")
    late = paper("2605.00001", "Our backbone is the Zorb Multimodal Diffusion Transformer (ZMDiT) model.")
    found = nodes([early, late])
    assert node_of(found, early.id, "concept:zmdit") == node_of(found, late.id, "concept:zmdit")
    late = paper("2605.00001", "We propose ZMDiT (Zorb Multimodal Diffusion Transformer), a new model.")
    found = nodes([early, late])
    assert node_of(found, early.id, "concept:zmdit") != node_of(found, late.id, "concept:zmdit")


def test_names_alike_in_spelling_but_not_in_their_words_stay_apart():
    papers = [
        Paper("a", "", "Our zorbic codec language model beats the baseline on calls.", ()),
        Paper("b", "", "Our zorbic code language model beats the baseline on repositories.", ()),
        Paper("c", "", "Our zorbic code language models beat the baseline on notebooks.", ()),
    ]
    found = nodes(papers)
    assert node_of(found, "a", "concept:") != node_of(found, "b", "concept:")
    assert node_of(found, "b", "concept:") == node_of(found, "c", "concept:")


def test_a_size_written_by_its_initial_joins_the_family_its_spelt_out_size_joined():
    papers = [
        Paper("a", "", "We compare with the QuorVex model, a strong vision encoder model.", ()),
        Paper("b", "", "We compare with QuorVex-Medium, a strong vision encoder model.", ()),
        Paper("c", "", "We compare with QuorVex-M, a strong vision encoder model.", ()),
    ]
    assert nodes(papers)["concept:quorvex"] == {"a", "b", "c"}


def test_a_bare_two_letter_short_form_joins_no_long_form():
    papers = [
        Paper("a", "", "We study Zebra Gating (ZG) for long inputs.", ()),
        Paper("b", "", "We compare with ZG, a strong attention method, on three tasks.", ()),
    ]
    found = nodes(papers)
    assert node_of(found, "a", "concept:zebra") not in {node for node, ids in found.items() if "b" in ids}


def test_two_capitals_no_paper_defines_are_no_concept_and_a_bare_use_joins_no_definition():
    papers = [
        Paper("a", "", "We introduce Zebra Quantile Diffusion, ZQ, a diffusion method. ZQ is fast.", ()),
        Paper("b", "", "Disaggregated serving (e.g., ZQ separation) improves the throughput of ZQ systems.", ()),
        Paper("c", "", "Our ZQ pipeline and the ZQ baseline are compared on three tasks.", ()),
    ]
    found = nodes(papers)
    assert node_of(found, "a", "concept:zebra-quantile-diffusion") in found
    # The bare uses join no paper's definition, nor make a node of their own.
    assert not [node for node, ids in found.items() if ids & {"b", "c"} and "z" in node]
    # Three letters are still a name a bare use may mean.
    assert "concept:zqx" in nodes([Paper(p, "", "We compare with ZQX, a strong attention method.", ()) for p in "de"])


def test_a_name_cut_from_a_compound_at_a_hyphen_is_no_name_of_its_own():
    papers = [
        Paper("a", "", "Pairing it with the Qwen3-Zembedding-8B retriever and UI-ZARS-72B helps.", ()),
        Paper("b", "", "We compare with Qwen3-Zembedding-4B and UI-ZARS 7B, strong baseline models.", ()),
        Paper("c", "", "We propose VO-π, a post-training method, and Orka-QM, a world simulator model.", ()),
    ]
    names = {concept.name for concept in extract_concepts(papers).concepts}
    assert not names & {"Zembedding", "ZARS", "VO", "QM"}
    paper = Paper("d", "", "GUI-Zowl-7B, a strong agent model, beats ZOWL, an agent framework.", ())
    extraction = extract_concepts([paper])
    assert [(concept.name, concept.aliases) for concept in extraction.concepts] == [("ZOWL", ())]  # no "Zowl-7B"
    assert {"UI-ZARS", "VO-π", "Orka-QM"} <= names


def test_a_version_two_or_later_after_a_size_is_a_generation_not_a_release():
    papers = [
        Paper("a", "", "We fine-tune Zorbo-Nano-12B-v2, a strong open language model, on math.", ()),
        Paper("b", "", "We fine-tune Zorbo-Nano-9B-v2-Base, a strong open language model, on code.", ()),
        Paper("c", "", "We fine-tune Zorbo-7B and Zorbo-7B-Instruct-v0.3, strong open language models.", ()),
    ]
    found = nodes(papers)
    assert node_of(found, "a", "concept:zorbo") == node_of(found, "b", "concept:zorbo") == "concept:zorbo-v2"
    assert node_of(found, "c", "concept:zorbo") == "concept:zorbo"
    # The vocabulary's families too: a second generation is no use of the family.
    found = nodes([Paper("d", "", "We fine-tune Mistral-7B-Instruct-v2, a strong open language model.", ())])
    assert "concept:mistral" not in found


def test_a_platform_or_an_organisation_is_no_concept():
    papers = [
        Paper(p, "", "We propose Zorvex, a retrieval model released on Hugging Face and GitHub, "
              "and its videos come from YouTube and run on HarmonyOS and MediaTek chips.", ())
        for p in "ab"
    ]
    names = {concept.name for concept in extract_concepts(papers).concepts}
    assert "Zorvex" in names and not names & {"Hugging Face", "GitHub", "YouTube", "HarmonyOS", "MediaTek"}


def test_a_describing_word_before_a_generic_model_class_makes_no_concept():
    papers = [Paper(p, "", "We adapt frozen foundation models and native foundation models, unlike "
                    "non-reasoning models, with a tabular foundation model.", ()) for p in "ab"]
    names = {concept.name for concept in extract_concepts(papers).concepts}
    assert "tabular foundation model" in names
    assert not names & {"frozen foundation model", "native foundation model", "non-reasoning model"}


def test_a_name_with_a_number_that_papers_call_a_model_as_often_as_a_framework_is_a_model():
    papers = [
        Paper("a", "", "Zorvo-Predict2.5 frameworks are used for planning.", ()),
        Paper("b", "", "Zorvo-Predict2.5 models are used for planning.", ()),
    ]
    (concept,) = [concept for concept in extract_concepts(papers).concepts if concept.name.startswith("Zorvo")]
    assert concept.type == "model"
    papers = [Paper("c", "", "Zorvo-Predict frameworks are used for planning.", ()),
              Paper("d", "", "Zorvo-Predict models are used for planning.", ())]
    (concept,) = [concept for concept in extract_concepts(papers).concepts if concept.name.startswith("Zorvo")]
    assert concept.type == "method"  # no number: the tie stays with the method


def test_a_lettered_version_with_a_point_is_a_new_model_of_a_known_family():
    found = nodes([Paper("a", "", "We compare Kimi K2.5 with Kimi-chat on long documents.", ())])
    assert node_of(found, "a", "concept:kimi-k2") == "concept:kimi-k2-5" and "concept:kimi" in found
    # A named variant of such a version is a name of its own, not cut after the version.
    found = nodes([Paper("b", "", "We compare DeepSeek-V7.5-Zorbale with DeepSeek V7.5 on math.", ())])
    assert {"concept:deepseek-v7-5-zorbale", "concept:deepseek-v7-5"} <= set(found)




def test_a_short_form_opening_a_longer_parenthesis_is_defined_there():
    papers = [Paper(p, "", "Planning with zebra gating models (ZGMs, i.e., learned gates) is costly, and ZGMs drift.", ())
              for p in "ab"]
    (concept,) = extract_concepts(papers).concepts
    assert {concept.name, *concept.aliases} >= {"ZGMs", "zebra gating models"}


def test_one_side_of_a_title_case_x_of_y_is_a_fragment():
    papers = [Paper(p, "", "We find two issues: Inaccurate Capture of Exception Types and Slow Handling of "
                    "Zebra Blocks, and propose ZorbFix, a repair method.", ()) for p in "cd"]
    names = {concept.name for concept in extract_concepts(papers).concepts}
    assert "ZorbFix" in names and not names & {"Inaccurate Capture", "Exception Types", "Slow Handling", "Zebra Blocks"}


def test_a_venue_with_its_year_a_modality_word_and_a_name_cut_at_its_possessive_are_no_concepts():
    papers = [Paper(p, "", "ZorbNet, our model, tops Zebrania's Last Trial (NeurIPS 2024, ICLR'25) and "
                    "beats Multi-Modal LLMs and the model's Quill Block.", ()) for p in "ab"]
    names = {concept.name for concept in extract_concepts(papers).concepts}
    assert {"ZorbNet", "Quill Block"} <= names
    assert not names & {"Zebrania", "Last Trial", "NeurIPS 2024", "ICLR'25", "Multi-Modal"}
    papers = [Paper(p, "", "Towards Zebra Super Intelligence (ZSI), we propose ZorbNet, a planning model, "
                    "and halve the Number of Zorb Evaluations (NZE).", ()) for p in "ab"]
    names = {concept.name for concept in extract_concepts(papers).concepts}
    assert "ZorbNet" in names and not any("Intelligence" in name or "Number" in name for name in names)


def test_a_tier_written_before_its_version_is_that_version_of_the_tier():
    papers = [
        Paper("a", "", "We compare with ZorBix-1.5-Pro, a strong language model, and with Gemini 1.5 Pro.", ()),
        Paper("b", "", "We compare with ZorBix-Pro-1.5, a strong language model, on math.", ()),
        Paper("c", "", "We compare with Gemini-Pro-1.5, a strong language model, on math.", ()),
    ]
    found = nodes(papers)
    assert node_of(found, "a", "concept:zorbix") == node_of(found, "b", "concept:zorbix")
    assert node_of(found, "a", "concept:gemini") == node_of(found, "c", "concept:gemini")


def test_a_name_of_one_capital_after_a_lower_case_phrase_is_no_short_form_of_it():
    assert load_vocabulary().lookup("Sora") is not None
    papers = [
        Paper("a", "", "We build a world simulator upon a frontier video foundation model (Sora).", ()),
        Paper("b", "", "We study video foundation models for robots, and Sora.", ()),
    ]
    (sora,) = [concept for concept in extract_concepts(papers).concepts if concept.name == "Sora"]
    assert sora.aliases == ()


def test_the_long_form_of_a_short_form_that_names_no_concept_is_none():
    papers = [Paper(p, "", "Agents act on Graphical User Interfaces (GUIs) with ZorbNet, our agent model.", ())
              for p in "ab"]
    names = {concept.name for concept in extract_concepts(papers).concepts}
    assert "ZorbNet" in names and not any("Interface" in name or "GUI" in name for name in names)


def test_benchmark_for_the_bench_of_a_name_is_another_spelling_of_it():
    papers = [
        Paper("a", "", "We gain 5 points on QuorAI-Bench, a visual editing benchmark.", ()),
        Paper("b", "", "In QuorAI-benchmark, our 2B model reaches 0.77 on hard prompts.", ()),
        Paper("c", "", "We gain 5 points on QuorAI-Bench and on GenEval.", ()),
        Paper("d", "", "We gain 2 points on the Video Benchmark, a benchmark of clips.", ()),
        Paper("e", "", "We gain 2 points on Video-Bench, a benchmark of clips.", ()),
    ]
    extraction = extract_concepts(papers)
    found = nodes(papers)
    quor = node_of(found, "a", "concept:quorai")
    assert found[quor] == {"a", "b", "c"} and extraction.concept(quor).name == "QuorAI-Bench"
    # A plain word before "Benchmark" is a description, no name: it joins no "...-Bench".
    assert node_of(found, "d", "concept:video") != node_of(found, "e", "concept:video")
    # Named as most papers write it.
    found = nodes([papers[0], *(Paper(name, "", papers[1].abstract, ()) for name in "xy")])
    assert set(found) & {"concept:quorai-benchmark", "concept:quorai-bench"} == {"concept:quorai-benchmark"}


def test_a_hybrid_of_two_models_written_in_either_order_is_one_node():
    papers = [
        Paper("a", "", "We train a hybrid Kestrel-Transformer model on 8T tokens.", ()),
        Paper("b", "", "Our Transformer-Kestrel model, a hybrid model, is fast.", ()),
        Paper("c", "", "We compare Kestrel, Llama-2 and Mistral with the Transformer.", ()),
        # Parts that are no models of the corpus: other names, not another order.
        Paper("d", "", "We fine-tune Quor-Video, a video model, and Video-Quor, another video model.", ()),
    ]
    found = nodes(papers)
    assert node_of(found, "a", "concept:kestrel-") == node_of(found, "b", "concept:")  # one hybrid
    assert len([node for node in found if node.startswith(("concept:quor-video", "concept:video-quor"))]) == 2
    # Without the two parts as models of the corpus, the two orders stay apart.
    found = nodes(papers[:2])
    assert node_of(found, "a", "concept:kestrel") != node_of(found, "b", "concept:transformer-kestrel")


def test_a_name_worded_like_a_vocabulary_concept_but_for_endings_is_that_concept():
    assert load_vocabulary().lookup("graph attention network") is not None
    papers = [
        Paper("a", "", "We train Graph Attentional Networks on citation graphs.", ()),
        Paper("b", "", "A graph attention network is our baseline on citation graphs.", ()),
        Paper("c", "", "We train Graph Retention Networks on citation graphs.", ()),
    ]
    extraction = extract_concepts(papers)
    found = nodes(papers)
    gat = node_of(found, "b", "concept:graph")
    assert node_of(found, "a", "concept:graph") == gat and extraction.concept(gat).name == "graph attention network"
    assert node_of(found, "c", "concept:graph") != gat  # another word, not another ending
    # A paper's own name stays its own.
    own = Paper("d", "Graph Attentional Networks: Routing on Citation Graphs",
                "We propose Graph Attentional Networks, a routing model for citation graphs.", ())
    found = nodes([own, papers[1]])
    assert node_of(found, "d", "concept:graph") != node_of(found, "b", "concept:graph")


def test_a_version_written_with_or_without_its_v_is_one_node():
    papers = [
        Paper("a", "", "We compare with Zorblax-1.6 and Llama-2 on charts.", ()),
        Paper("b", "", "We compare with Zorblax-1.6 and Mistral on charts.", ()),
        Paper("c", "", "We compare with Zorblax-v1.6 and Llama-2 on charts.", ()),
        Paper("d", "", "We compare with Zorblax-v1.7 and Llama-2 on charts.", ()),
    ]
    extraction = extract_concepts(papers)
    found = nodes(papers)
    zorblax = node_of(found, "a", "concept:zorblax")
    assert found[zorblax] == {"a", "b", "c"} and extraction.concept(zorblax).name == "Zorblax-1.6"
    assert node_of(found, "d", "concept:zorblax") != zorblax  # another version


def test_a_use_in_the_singular_joins_the_plural_name_a_paper_introduces():
    a = Paper("a", "Mixture-of-Zorbs: Sparse Multi-Modal Models",
              "We introduce Mixture-of-Zorbs, a sparse multi-modal transformer architecture.", ())
    b = Paper("b", "", "We compare with Mixture-of-Zorbs, Llama-2 and Mistral on charts.", ())
    c = Paper("c", "", "We compare with Mixture-of-Zorb, Llama-2 and Mistral on charts.", ())
    found = nodes([a, b, c])
    assert node_of(found, "a", "concept:mixture") == node_of(found, "b", "concept:mixture")
    assert node_of(found, "a", "concept:mixture") == node_of(found, "c", "concept:mixture")


def test_papers_introducing_releases_of_one_sized_model_introduce_one_thing():
    a = Paper("a", "", "We present Quorbit-8B, a security-focused language model trained on logs.", ())
    b = Paper("b", "", "We previously introduced Quorbit-8B. We release Quorbit-8B-Instruct, a chat model.", ())
    c = Paper("c", "", "We fine-tune Quorbit-8B-Instruct, Llama-2 and Mistral on our logs.", ())
    found = nodes([a, b, c])
    assert node_of(found, "a", "concept:quorbit") == node_of(found, "b", "concept:quorbit")
    assert node_of(found, "c", "concept:quorbit") == node_of(found, "a", "concept:quorbit")
    # Two papers introducing the name in other sizes may be two things.
    d = Paper("d", "", "We present Quorbit-3B, a tiny speech recognition model.", ())
    found = nodes([a, d])
    assert node_of(found, "a", "concept:quorbit") != node_of(found, "d", "concept:quorbit")


def test_a_capital_alone_inside_a_short_form_keeps_it_apart_from_the_same_letters_in_capitals():
    defined = Paper("a", "", "Recent Quizzes-as-Reward (QaR) methods score answers with quizzes.", ())
    shouted = Paper("b", "", "We evaluate on QAR, a dataset of 5,000 questions, and report accuracy.", ())
    found = nodes([defined, shouted])
    assert node_of(found, "a", "concept:qar") != node_of(found, "b", "concept:qar")
    # A capitalised CamelCase name still compares in any case.
    assert spelling("ZorbNet") == spelling("ZORBNET".capitalize()) and spelling("QaR") != spelling("Qar")


def test_a_one_letter_lower_case_part_after_an_acronym_makes_another_name():
    papers = [Paper("a", "", "Gains across open-domain retrieval datasets (BeIR, QUAR-b).", ())]
    names = {concept.name for concept in extract_concepts(papers).concepts}
    assert "QUAR-b" in names and "QUAR" not in names


def test_a_bare_short_form_in_a_paper_that_spells_it_otherwise_joins_no_other_papers_definition():
    def paper(arxiv_id: str, abstract: str) -> Paper:
        return Paper(f"arxiv:{arxiv_id}", "", abstract, (), arxiv_id=arxiv_id)

    defining = paper("2604.00001", "We propose Hybrid Zorb Distillation (HZD), a distillation method. HZD is fast.")
    other = paper("2607.00001", "Our parser uses Hierarchical Zonal Decoding. HZD, our method, parses pages fast.")
    user = paper("2608.00001", "We compare with HZD, a strong distillation baseline method.")
    found = nodes([defining, other, user])
    hzd = node_of(found, defining.id, "concept:h")
    assert node_of(found, other.id, "concept:hzd") != hzd  # that paper's own HZD
    assert node_of(found, user.id, "concept:h") == hzd  # a bare use with no other spelling joins it


def test_a_size_after_a_benchmarks_name_is_a_model_trained_on_it_not_the_benchmark():
    gym = Paper("a", "", "We present Zorb-Gym, the first environment for training software agents.", ())
    trained = Paper("b", "", "Our 8B agent surpasses Zorb-Gym-32B, with gains on the held-out Zorb-Gym split.", ())
    extraction = extract_concepts([gym, trained])
    found = nodes([gym, trained])
    benchmark = extraction.concept(node_of(found, "a", "concept:zorb-gym"))
    (model,) = [node for node in found if node.startswith("concept:zorb-gym-32b")]
    assert found[benchmark.id] == {"a", "b"} and "Zorb-Gym-32B" not in benchmark.aliases
    assert found[model] == {"b"} and extraction.concept(model).type == "model"
    # A count of items after a dataset's name is its size.
    data = Paper("c", "", "We release Zorb-Data-15M, a dataset of 15M image pairs.", ())
    assert [(c.name, c.type) for c in extract_concepts([data]).concepts] == [("Zorb-Data", "dataset")]


def test_a_digit_counting_a_letter_of_a_short_form_is_spelt_out_and_no_alias_of_the_shorter_acronym():
    papers = [
        Paper("a", "", "We introduce the Legal Large Language Model (L3M), a model for statutes. L3M is small.", ()),
        Paper("b", "", "Large language models (LLMs) answer questions about law.", ()),
    ]
    extraction = extract_concepts(papers)
    found = nodes(papers)
    l3m = extraction.concept(node_of(found, "a", "concept:legal"))
    assert l3m.name == "Legal Large Language Model" and "L3M" in l3m.aliases and found[l3m.id] == {"a"}
    assert "L3M" not in extraction.concept(node_of(found, "b", "concept:large-language-model")).aliases


def test_a_name_two_papers_introduce_is_two_nodes_even_as_a_word_of_a_title_phrase_or_after_and():
    a = Paper("a", "ZorbMind: Evaluating Reasoning Styles", "We introduce ZorbMind, an evaluation framework.", ())
    b = Paper("b", "Keep It ZorbMind: Benchmarking Agent Memory",
              "We call this failure mode the blind spot and introduce ZorbMind, a 125-task benchmark.", ())
    found = nodes([a, b])
    assert node_of(found, "a", "concept:zorbmind") != node_of(found, "b", "concept:zorbmind")


def test_a_release_word_and_a_version_after_a_known_family_is_a_generation_of_its_own():
    papers = [Paper("a", "", "We compare Mistral Nano 3 with Mistral-7B and Mistral Pro V2 on reasoning.", ())]
    extraction = extract_concepts(papers)
    names = {mention.concept_id: extraction.concept(mention.concept_id).name for mention in extraction.mentions}
    family = sorted(name for name in names.values() if name.startswith("Mistral"))
    assert family == ["Mistral Nano 3", "Mistral-7B", "Mistral-V2"]  # the family named as the paper writes it


def test_a_distilled_student_is_no_release_of_its_teacher():
    assert model_family("Blorp-7B-Distill") == "Blorp-7B-Distill" and model_family("Blorp-7B-Instruct") == "Blorp"
    thesaurus = Thesaurus([ThesaurusRule("Zorb-R1", None, ("model",))])
    papers = [
        Paper("a", "", "We fine-tune Blorp-7B and compare with Blorp-7B-Distill and Blorp on math.", ()),
        Paper("b", "", "Zorb-R1 Distill models are weaker on math reasoning.", ()),
        Paper("c", "", "We compare Zorb-R1 with the distilled Zorb-R1-distill on math reasoning.", ()),
    ]
    extraction = extract_concepts(papers, thesaurus=thesaurus)
    aliases = {concept.name: {name_key(alias) for alias in concept.aliases} for concept in extraction.concepts}
    assert name_key("Blorp-7B-Distill") not in aliases["Blorp"]
    assert "blorp7bdistill" in {name_key(name) for name in aliases}
    assert not {name_key("Zorb-R1 Distill")} & aliases["Zorb-R1"]


def test_a_short_form_whose_x_is_a_trans_is_defined_by_its_long_form():
    a = Paper("a", "", "We name the resulting model the Quorvan Transformer (QoX), a sequence model.", ())
    b = Paper("b", "", "Our Quorvan Transformer variant is trained on long documents.", ())
    found = nodes([a, b])
    assert node_of(found, "a", "concept:qox") == node_of(found, "b", "concept:qox")
    # An X that no word's "trans" stands for spells nothing.
    assert abbreviations("the Zelder Translation Attention (ZXA) and a Zelder Attention (ZXA)") == [
        ("Zelder Translation Attention", "ZXA", 4)
    ]
