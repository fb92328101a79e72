"""Tests of papergraph.explore: forgiving concept lookup and neighbourhoods."""

from __future__ import annotations

import json

import pytest
from graph_fixtures import make_corpus

from papergraph.graph import BuildOptions, build_graph
from papergraph.errors import UnknownConceptError
from papergraph.explore import find_concept, neighbors
from papergraph.types import Concept, Extraction, Mention

PAGES = {"d1": ["p1", "p2", "p3", "p4"]}
MENTIONS = {
    "p1": {"LoRA": 3, "GPU": 1, "Llama": 1},
    "p2": {"LoRA": 1, "GPU": 1},
    "p3": {"LoRA": 1, "MMLU": 1},
    "p4": {"GPU": 1, "Llama": 1},
}
TYPES = {"GPU": "hardware", "Llama": "model", "MMLU": "dataset"}


@pytest.fixture
def G():
    papers, extraction = make_corpus(PAGES, MENTIONS, TYPES)
    kd = Concept("concept:knowledge-distillation", "knowledge distillation", ("method",), ("KD",))
    return build_graph(papers, Extraction(extraction.concepts + (kd,), extraction.mentions + (Mention("p3", kd.id, 1),)))


@pytest.mark.parametrize("name", ["concept:lora", "LoRA", "lora", "LORAs", "Lo-RA", "LoRAA"])
def test_find_concept_forgives_case_aliases_punctuation_and_typos(G, name):
    assert find_concept(G, name) == "concept:lora"


def test_find_concept_knows_abbreviations(G):
    assert find_concept(G, "KD") == find_concept(G, "kd") == "concept:knowledge-distillation"
    assert find_concept(G, "Knowledge Distillation") == "concept:knowledge-distillation"


def test_unknown_concept_gets_suggestions(G):
    with pytest.raises(UnknownConceptError) as error:
        find_concept(G, "Llamas-3 huge")
    assert error.value.suggestions[0] == "Llama"
    assert "did you mean: Llama" in str(error.value)
    with pytest.raises(UnknownConceptError) as error:
        find_concept(G, "zzzz")
    assert error.value.suggestions == ()


def test_neighbours_by_weight_with_the_papers_behind_each_tie(G):
    hood = neighbors(G, "lora")
    assert hood.concept.id == "concept:lora" and hood.concept.n_papers == 3
    ties = {t.concept.label: t for t in hood.related}
    assert [p.id for p in ties["GPU"].papers] == ["p1", "p2"] and ties["GPU"].count == 2
    assert [p.id for p in ties["MMLU"].papers] == ["p3"]
    ranks = [(t.count, t.weight) for t in hood.related]
    assert ranks == sorted(ranks, reverse=True) and hood.related[0].concept.label == "GPU"
    assert [p.id for p in hood.papers] == ["p1", "p2", "p3"]  # most mentions first
    assert all(t.depth == 1 and t.via == "concept:lora" for t in hood.related)


def test_top_kinds_and_depth(G):
    assert len(neighbors(G, "lora", top=1).related) == 1
    assert [t.concept.label for t in neighbors(G, "lora", types=["hardware"]).related] == ["GPU"]
    deep = neighbors(G, "mmlu", depth=2)
    assert {t.concept.label for t in deep.related if t.depth == 1} == {"LoRA", "knowledge distillation"}
    second = {t.concept.label: t.via for t in deep.related if t.depth == 2}
    assert second == {"GPU": "concept:lora", "Llama": "concept:lora"}


def test_without_co_occurs_edges_ties_come_from_mentions():
    papers, extraction = make_corpus(PAGES, MENTIONS, TYPES)
    G = build_graph(papers, extraction, BuildOptions(kinds=("mentions",)))
    ties = {t.concept.label: (t.weight, t.count, [p.id for p in t.papers]) for t in neighbors(G, "LoRA").related}
    assert ties["GPU"] == (round(2 / 3, 6), 2.0, ["p1", "p2"])
    # the same ties, weights and papers as the co_occurs edges give
    full = build_graph(papers, extraction)
    assert ties == {t.concept.label: (t.weight, t.count, [p.id for p in t.papers]) for t in neighbors(full, "LoRA").related}


def test_renderings_and_node_set(G):
    hood = neighbors(G, "lora")
    records = hood.records()
    assert [r["record"] for r in records] == ["concept"] + ["related"] * len(hood.related) + ["paper"] * 3
    json.dumps(records)
    lines = hood.lines(papers=1)
    assert lines[0].startswith("LoRA (method, 3 papers")
    assert any("... and 2 more" in line for line in lines)
    assert set(hood.node_ids()) == {"concept:lora", "p1", "p2", "p3"} | {t.concept.id for t in hood.related}
    assert set(hood.subgraph(G)) == set(hood.node_ids())


def test_the_written_tables_give_the_same_neighbourhoods(G, tmp_path):
    from papergraph.explore import GraphTables
    from papergraph.readwrite import write_edges_csv, write_nodes_csv

    write_nodes_csv(G, tmp_path / "nodes.csv")
    write_edges_csv(G, tmp_path / "edges.csv", max_papers=1)  # the papers behind a tie do not come from the edge
    tables = GraphTables.read(tmp_path)
    for name, depth in (("lora", 1), ("MMLU", 2), ("KD", 1), ("Lo-RA", 2)):
        assert neighbors(tables, name, depth=depth).records() == neighbors(G, name, depth=depth).records()
    with pytest.raises(UnknownConceptError):
        neighbors(tables, "zzzz")


def test_reading_tables_that_are_not_there_says_so(tmp_path):
    from papergraph.errors import PapergraphError
    from papergraph.explore import GraphTables

    with pytest.raises(PapergraphError, match="no nodes.csv"):
        GraphTables.read(tmp_path)


def test_the_command_answers_from_a_built_graph_as_from_the_inputs(tmp_path, shared_sample_build):
    from click.testing import CliRunner

    from papergraph.cli import cli

    runner = CliRunner()
    built = runner.invoke(cli, ["build", "-q", "--out", str(tmp_path), "--formats", "csv"])
    assert built.exit_code == 0, built.output
    args = ["neighbors", "quantisaton", "--depth", "2", "--type", "model", "--format", "jsonl", "-q"]
    rebuilt = runner.invoke(cli, args)
    read = runner.invoke(cli, [*args, "--graph", str(tmp_path)])
    assert read.exit_code == rebuilt.exit_code == 0
    assert read.output == rebuilt.output
    assert sum(json.loads(line)["record"] == "related" for line in read.output.splitlines()) > 1
    missing = runner.invoke(cli, ["neighbors", "LoRA", "--graph", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "holds no nodes.csv" in missing.output and "Traceback" not in missing.output
    both = runner.invoke(cli, ["neighbors", "LoRA", "some.csv", "--graph", str(tmp_path)])
    assert both.exit_code == 2 and "give no INPUT" in both.output
