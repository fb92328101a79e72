"""The Dask engine gives the same exports as the local engine, byte for byte.

A LocalCluster of two worker processes is started once for the module; Dask is an optional
dependency, so the module is skipped (and says why) where it is not installed.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from graph_fixtures import tied_corpus

import papergraph
from papergraph.errors import EngineError
from papergraph.listings import sample_paths

distributed = pytest.importorskip("distributed", reason="the dask engine needs dask[distributed] (pip install "
                                                        "'papergraph[dask]')")

ABSTRACT = ("We fine-tune LLaMA-2-7B with Low-Rank Adaptation (LoRA) on GSM8K using 8 A100 GPUs, "
            "and compare it with full fine-tuning of GPT-4 on ImageNet.")


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=50) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def awkward_corpus(tmp_path_factory) -> Path:
    """Repeated listings, near-duplicate titles without ids, hostile text, a repeated and a bad file."""
    folder = tmp_path_factory.mktemp("awkward")
    records = [
        {"id": "2401.00001v2", "title": "Scaling LoRA to Many Tasks", "summary": ABSTRACT},
        {"id": "2401.00002", "title": "<img src=x onerror=alert(1)> and </script> in a title",
         "summary": "An abstract with \u0007 a bell, a lone \ud800 surrogate, \u202e right-to-left and "
                    "a ]]> CDATA end, using BERT and ResNet-50 on CIFAR-10."},
        {"id": "2401.00003", "title": "Memory Augmented LLMs are Computationally Universal",
         "summary": "We show that transformers are universal when augmented with an external memory."},
    ]
    for day, chosen in (("2024-01-01", records), ("2024-01-02", records[:2]), ("2024-01-03", records[1:])):
        lines = "".join(json.dumps(record) + "\n" for record in chosen)
        (folder / f"{day}.jsonl.gz").write_bytes(gzip.compress(lines.encode("utf-8"), mtime=0))
    (folder / "page.txt").write_text(
        "Memory-augmented LLMs are computationally universal.\n"
        "We show that transformers are universal when augmented with an external memory.\n\n"
        "Memory Augmented LLM are Computationally Universal\n"
        "We show that transformers are universal when augmented with an external memory!\n\n"
        "Scaling LoRA to many tasks\n" + ABSTRACT + "\n\n"
        "A Paper With Only Its Title And No Abstract Here\n",
        encoding="utf-8",
    )
    (folder / "again.txt").write_bytes((folder / "page.txt").read_bytes())  # the same page twice
    (folder / "broken.json").write_bytes(b'[{"title": "Cut off", "abstract": "mid')
    (folder / "binary.csv").write_bytes(bytes(range(256)) * 4)
    return folder


def _exports(kg: papergraph.KnowledgeGraph, out: Path, max_papers: int) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in kg.write(out, max_papers=max_papers)}


@pytest.mark.parametrize("corpus", ["sample", "awkward"])
def test_dask_engine_writes_the_same_bytes_as_the_local_engine(corpus, scheduler, awkward_corpus, tmp_path):
    inputs = None if corpus == "sample" else [awkward_corpus]
    local = papergraph.build(inputs)
    on_dask = papergraph.build(inputs, engine="dask", scheduler=scheduler)
    assert on_dask.corpus == local.corpus  # papers, listings and every warning, in order
    assert on_dask.extraction == local.extraction
    written = {}
    for max_papers in (10, 0):  # the default cap, and every paper behind every edge
        expected = _exports(local, tmp_path / f"local-{max_papers}", max_papers)
        assert len(expected) == 6
        assert _exports(on_dask, tmp_path / f"dask-{max_papers}", max_papers) == expected
        written[max_papers] = expected
    if corpus == "sample":  # edges behind more papers than the cap: the two tables differ
        assert written[0]["edges.csv"] != written[10]["edges.csv"]


def test_the_awkward_corpus_exercises_what_it_should(awkward_corpus):
    corpus = papergraph.read_corpus([awkward_corpus])
    by_title = {paper.title: paper for paper in corpus.papers}
    assert len(by_title["Memory Augmented LLMs are Computationally Universal"].listings) == 4  # 2 near-duplicates
    assert len(by_title["Scaling LoRA to Many Tasks"].listings) == 3  # by id, and by exact title
    messages = " ".join(problem.message for problem in corpus.problems)
    assert "same content as" in messages and "without an abstract" in messages


def test_any_partitioning_gives_the_same_extraction(scheduler):
    papers = papergraph.read_corpus([sample_paths()[0]]).papers
    expected = papergraph.extract.extract_concepts(papers)
    from papergraph.engine.dask import dask_workers

    for partitions in (1, 7, len(papers) + 5):
        with dask_workers(scheduler, partitions) as workers:
            assert papergraph.extract.extract_concepts(papers, workers=workers) == expected


@pytest.mark.parametrize("corpus, entries", [("sample", 2_000), ("tied", 3)])
def test_pairwise_products_in_many_tiles_give_the_same_graph(corpus, entries, scheduler, monkeypatch):
    if corpus == "sample":
        read, extraction = papergraph.extract_corpus()
        papers = read.papers
    else:
        papers, extraction = tied_corpus()  # equal ties everywhere, cut at every few columns
    expected = papergraph.graph.build_graph(papers, extraction)
    # Dozens of tiles per edge kind on the sample, bands of a row by runs of a few columns on the ties.
    monkeypatch.setattr(papergraph.graph, "_TILE_ENTRIES", entries)
    from papergraph.engine.dask import dask_workers

    with dask_workers(scheduler) as workers:
        on_dask = papergraph.graph.build_graph(papers, extraction, workers=workers)
    assert list(on_dask.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert on_dask.graph == expected.graph


def test_engine_options_are_checked():
    with pytest.raises(EngineError, match="unknown engine 'spark'"):
        papergraph.build(engine="spark")
    with pytest.raises(EngineError, match="need the dask engine"):
        papergraph.build(scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(EngineError, match="partitions must be at least 1"):
        papergraph.build(engine="dask", partitions=0)


def test_dask_is_imported_only_for_the_dask_engine():
    code = "import sys, papergraph, papergraph.cli; papergraph.build(); print('dask' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"
