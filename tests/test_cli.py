"""The command line: every command's shape, errors as one clean line, effects checked through the API."""

from __future__ import annotations

import dataclasses
import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from lxml import etree

from papergraph import api
from papergraph.cli import cli
from papergraph.options import BuildOptions
from papergraph.schema import EXPORT_FORMATS

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "cli"


@pytest.fixture
def runner(shared_sample_build) -> CliRunner:
    """A runner whose commands on the bundled sample share the session's build (conftest.py)."""
    return CliRunner()


def run(runner: CliRunner, *args: str):
    return runner.invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example_and_a_readme_entry(runner, name):
    result = run(runner, name, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output
    assert f"papergraph {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_python_dash_m_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "papergraph", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "neighbors" in result.stdout


def test_papers_jsonl_on_the_samples_has_659_papers_and_725_listings(runner):
    result = run(runner, "papers", "--format", "jsonl", "-q")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines()]
    assert len(records) == 659
    assert sum(len(r["listings"]) for r in records) == 725
    assert {len(r["listings"]) for r in records} == {1, 2, 3, 4}
    assert set(records[0]) == {"id", "title", "abstract", "first_listed", "published", "listings"}
    assert set(records[0]["listings"][0]) == {"source", "date", "position"}


def test_a_missing_path_is_a_warning_when_other_inputs_are_read(runner, tmp_path):
    good = FIXTURES / "two_papers.jsonl"
    result = runner.invoke(cli, ["papers", str(tmp_path / "nope.txt"), str(good), "--format", "jsonl"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2
    assert "nope.txt" in result.stderr
    assert "Traceback" not in result.output


def test_nothing_readable_is_one_error_line_and_exit_1(runner, tmp_path):
    result = runner.invoke(cli, ["papers", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1].startswith("Error: ")
    assert "Traceback" not in result.output


def test_unknown_concept_gets_suggestions_not_a_traceback(runner):
    result = runner.invoke(cli, ["neighbors", "quantum annealing", "-q"])
    assert result.exit_code == 1
    assert re.search(r"^Error: no concept matches 'quantum annealing'; did you mean: .*quantum computer", result.stderr)
    assert "Traceback" not in result.output


def test_a_misspelt_concept_is_found_forgivingly(runner):
    result = runner.invoke(cli, ["neighbors", "quantisaton", "-q"])
    assert result.exit_code == 0
    assert result.stdout.startswith("quantization (method")


def test_unknown_edge_kind_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(cli, ["build", "--kinds", "mentions,cites", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "cites" in result.stderr


def test_neighbors_jsonl_is_json_and_names_the_concept(runner):
    result = runner.invoke(cli, ["neighbors", "lora", "--format", "jsonl", "-q"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    assert "LoRA" in result.stdout


def test_a_build_in_another_process_with_another_hash_seed_gives_the_same_bytes(tmp_path, sample_exports):
    # String hashing is salted per process: set and dict orders that leak into the output
    # would differ between this process's build and one with a fixed, different salt.
    out = tmp_path / "seeded"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run([sys.executable, "-m", "papergraph", "build", "-q", "--out", str(out)],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    for path in sorted(sample_exports.iterdir()):
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name


_IMPORTS_OF_A_BUILD = """
import gc, json, sys
from papergraph.cli import main
sys.argv = ["papergraph", "build", "-q", "--out", sys.argv[1]]
try:
    main()
except SystemExit as done:
    assert not done.code, done.code
print(json.dumps({"imported": sorted({"pandas", "IPython", "pyvis", "matplotlib"} & set(sys.modules)),
                  "collecting": gc.isenabled(), "frozen": gc.get_freeze_count()}))
"""


def test_a_build_imports_no_library_it_does_not_use_and_freezes_what_it_imports(tmp_path):
    # pandas (tables for the Python API), pyvis (only its vis-network file is read) and
    # matplotlib (plots) cost a build half a second of imports and are not needed by it; the
    # import of the API runs with the cyclic collector paused, which is on again afterwards.
    done = subprocess.run([sys.executable, "-c", _IMPORTS_OF_A_BUILD, str(tmp_path / "out")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.splitlines()[-1])
    assert found["imported"] == []
    assert found["collecting"] is True
    assert found["frozen"] > 10_000


def test_build_writes_every_format_and_reruns_byte_identical(tmp_path, sample_exports):
    # A build of its own (no shared one): the same input must give the same bytes as the
    # session's build, written by another call.
    first = tmp_path / "a"
    assert run(CliRunner(), "build", "-q", "--out", str(first)).exit_code == 0
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(filename for files in api.WRITERS.values() for filename, _ in files)
    for name in names:
        assert (first / name).read_bytes() == (sample_exports / name).read_bytes(), name

    # The must-show of the graph issue, read with an independent XML parser.
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    tree = etree.parse(str(first / "graph.graphml"))
    keys = {k.get("attr.name"): k.get("id") for k in tree.findall("g:key", ns)}
    for node in tree.iterfind(".//g:node", ns):
        data = {d.get("key"): d.text for d in node.findall("g:data", ns)}
        if (data.get(keys["title"]) or "").startswith("AutoNumerics-Zero"):
            assert data[keys["n_listings"]] == "4"
            break
    else:
        pytest.fail("AutoNumerics-Zero is not in graph.graphml")


def test_build_formats_selects_files(runner, tmp_path):
    result = run(runner, "build", "-q", "--out", str(tmp_path), "--formats", "graphml,csv")
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edges.csv", "graph.graphml", "nodes.csv"]


def test_concepts_lists_the_corpus_concepts_most_frequent_first(runner):
    result = run(runner, "concepts", "--format", "jsonl", "--type", "hardware", "-q")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and {r["type"] for r in records} == {"hardware"}
    counts = [r["papers"] for r in records]
    assert counts == sorted(counts, reverse=True)
    assert records[0]["name"] == "GPU"


def test_extract_jsonl_gives_each_paper_its_typed_concepts(runner):
    result = run(runner, "extract", str(FIXTURES / "two_papers.jsonl"), "--format", "jsonl", "-q")
    assert result.exit_code == 0
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    found = {(c["name"], c["type"]) for c in first["concepts"]}
    assert {("LoRA", "method"), ("BERT", "model"), ("GLUE", "dataset"), ("A100", "hardware")} <= found
    assert ("ImageNet", "dataset") in {(c["name"], c["type"]) for c in second["concepts"]}


def test_a_bad_thesaurus_is_one_error_line_naming_file_and_line(runner):
    bad = ROOT / "tests" / "fixtures" / "extract" / "bad_type.tsv"
    result = runner.invoke(cli, ["extract", "--thesaurus", str(bad), "-q"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}:2: type must be")


def test_neighbors_html_writes_the_page_of_the_neighbourhood(runner, tmp_path, sample_kg):
    page = tmp_path / "lora.html"
    result = runner.invoke(cli, ["neighbors", "LoRA", "--html", str(page), "-q"])
    assert result.exit_code == 0
    html = page.read_text(encoding="utf-8")
    hood = sample_kg.neighbors("LoRA")
    data = json.loads(re.search(r'id="graph-data">(.*?)</script>', html, re.S).group(1))
    drawn = {node["id"] for node in data["nodes"]}
    assert drawn == set(hood.node_ids())


# One name for one thing: every option of a command is the keyword of the same name in the API
# call the command makes. What only chooses how the command line prints (or where a side file
# goes) is named here, with the reason.
_CLI_ONLY = {
    "inputs": "the INPUT arguments: the API's first positional argument",
    "concept": "the CONCEPT argument: KnowledgeGraph.neighbors' first positional argument",
    "fmt": "--format: how the table is printed",
    "quiet": "-q: the API takes progress, which the command line derives from -q and the terminal",
    "html_path": "--html FILE: the path of KnowledgeGraph.write_neighbors_html",
    "graph_dir": "--graph DIR: the path of papergraph.api.load",
    "plot_path": "--plot FILE: the path of papergraph.trends.plot_trends",
}
_API_OF_COMMAND = {
    "papers": [api.read_corpus],
    "extract": [api.extract_corpus],
    "concepts": [api.extract_corpus],
    "build": [api.build, api.KnowledgeGraph.write, BuildOptions],
    "neighbors": [api.build, api.KnowledgeGraph.neighbors, BuildOptions],
    "trends": [api.extract_corpus, api.KnowledgeGraph.trends],
}
# concepts --type filters the printed table by the concept's type: the keyword trends and
# neighbors call types.
_TABLE_FILTERS = {("concepts", "types")}


def _keywords(target) -> set[str]:
    if isinstance(target, type) and dataclasses.is_dataclass(target):
        return {field.name for field in dataclasses.fields(target)}
    return set(inspect.signature(target).parameters)


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_option_is_the_api_keyword_of_the_same_name(name):
    command = cli.commands[name]
    assert name in _API_OF_COMMAND, f"say which API call `papergraph {name}` makes"
    keywords = set().union(*map(_keywords, _API_OF_COMMAND[name]))
    for param in command.params:
        if param.name in _CLI_ONLY or (name, param.name) in _TABLE_FILTERS:
            continue
        assert param.name in keywords, f"papergraph {name} {param.opts[0]}: no API keyword {param.name!r}"
        flag = param.opts[0].lstrip("-").replace("-", "_")
        plural = isinstance(param, click.Option) and param.multiple and param.name == flag + "s"
        assert param.name == flag or plural, f"{param.opts[0]} is spelt {param.name!r} in the API"


def test_the_export_formats_are_the_writers():
    assert tuple(api.WRITERS) == EXPORT_FORMATS == api.FORMATS
