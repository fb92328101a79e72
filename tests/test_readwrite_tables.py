"""nodes.csv and edges.csv: flat, sorted, UTF-8 tables read back by csv and pandas."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pandas as pd
import pytest
from readwrite_fixtures import HOSTILE, LORA, PAPER_A, PAPER_B, schema_graph

from papergraph.readwrite._values import clean_text, join_values
from papergraph.readwrite.tables import (
    EDGE_COLUMNS,
    NODE_COLUMNS,
    edges_frame,
    nodes_frame,
    read_edges,
    read_nodes,
    write_edges_csv,
    write_nodes_csv,
)


@pytest.fixture
def written(tmp_path):
    write_nodes_csv(schema_graph(), tmp_path / "nodes.csv")
    write_edges_csv(schema_graph(), tmp_path / "edges.csv")
    return tmp_path


def _rows(path):
    text = path.read_bytes().decode("utf-8", errors="strict")
    return list(csv.DictReader(io.StringIO(text, newline=""), strict=True))


def test_files_are_utf8_with_lf_and_no_control_characters(written):
    for name in ("nodes.csv", "edges.csv"):
        data = written.joinpath(name).read_bytes()
        assert b"\r" not in data and b"\x00" not in data
        data.decode("utf-8", errors="strict")


def test_node_rows_read_back_sorted_with_every_value(written):
    G = schema_graph()
    rows = _rows(written / "nodes.csv")
    assert list(rows[0])[: len(NODE_COLUMNS)] == list(NODE_COLUMNS)
    assert [row["id"] for row in rows] == sorted(G.nodes)
    by_id = {row["id"]: row for row in rows}
    for node, attrs in G.nodes(data=True):
        row = by_id[node]
        assert row["label"] == clean_text(attrs["label"])
        assert float(row["x"]) == attrs["x"] and int(row["degree"]) == attrs["degree"]
    assert by_id[PAPER_A]["abstract"] == clean_text(HOSTILE + "\nSecond line.")
    assert by_id[PAPER_A]["pages"] == join_values(G.nodes[PAPER_A]["pages"])
    assert by_id[LORA]["aliases"] == "low-rank adaptation; LoRA <img src=x onerror=alert(1)>"
    assert by_id[PAPER_A]["n_papers"] == "" and by_id[LORA]["n_papers"] == "2"


def test_edge_rows_read_back_sorted_with_parallel_kinds(written):
    G = schema_graph()
    rows = _rows(written / "edges.csv")
    assert list(rows[0]) == list(EDGE_COLUMNS)
    assert len(rows) == G.number_of_edges()
    keys = [(row["source"], row["target"], row["kind"]) for row in rows]
    assert keys == sorted(keys)
    assert (PAPER_A, PAPER_B, "co_listed") in keys and (PAPER_A, PAPER_B, "shares_concepts") in keys
    for row in rows:
        attrs = G.edges[row["source"], row["target"], row["kind"]]
        assert float(row["weight"]) == attrs["weight"] and row["papers"] == join_values(attrs["papers"])


def test_pandas_reads_back_what_the_frames_hold(written):
    nodes = pd.read_csv(written / "nodes.csv", keep_default_na=False, na_values=[""])
    assert nodes["id"].tolist() == nodes_frame(schema_graph())["id"].tolist()
    assert nodes["pagerank"].tolist() == nodes_frame(schema_graph())["pagerank"].tolist()
    edges = pd.read_csv(written / "edges.csv")
    assert edges["weight"].tolist() == edges_frame(schema_graph())["weight"].tolist()


def test_counts_stay_integers_with_gaps():
    frame = nodes_frame(schema_graph())
    assert str(frame["n_papers"].dtype) == "Int64" and str(frame["n_listings"].dtype) == "Int64"
    assert str(frame["weighted_degree"].dtype) == "Float64"
    assert frame.set_index("id").loc[LORA, "n_papers"] == 2


def test_byte_identical_whatever_the_insertion_order(tmp_path):
    for writer in (write_nodes_csv, write_edges_csv):
        a, b = io.StringIO(), io.StringIO()
        writer(schema_graph(), a)
        writer(schema_graph(reverse=True), b)
        assert a.getvalue() == b.getvalue()


def test_empty_graph_gives_the_headers_only():
    nodes, edges = io.StringIO(), io.StringIO()
    write_nodes_csv(nx.MultiGraph(), nodes)
    write_edges_csv(nx.MultiGraph(), edges)
    assert nodes.getvalue() == ",".join(NODE_COLUMNS) + "\n"
    assert edges.getvalue() == ",".join(EDGE_COLUMNS) + "\n"


def test_extra_attributes_follow_the_schema_columns_alphabetically():
    G = nx.MultiGraph()
    G.add_node("a", zeta=1, alpha="x")
    assert list(nodes_frame(G).columns) == [*NODE_COLUMNS, "alpha", "zeta"]


def _arxiv_graph() -> nx.MultiGraph:
    """Papers whose arXiv ids read as numbers, two of them equal as floats (2405.1743 = 2405.17430)."""
    G = nx.MultiGraph()
    for arxiv_id in ("2405.17430", "2405.1743", "2401.00010", "1706.03762", "hep-th/9901001"):
        G.add_node(f"arxiv:{arxiv_id}", kind="paper", label=f"Paper {arxiv_id}", arxiv_id=arxiv_id, n_listings=1)
    G.add_node("title:007f69d955b5", kind="paper", label="No id", arxiv_id="", n_listings=1)
    G.add_node("concept:1984", kind="concept", label="1984", type="dataset", n_papers=1)
    G.add_edge("arxiv:2405.17430", "concept:1984", "mentions", kind="mentions", weight=1.0, count=1.0,
               papers=("arxiv:2405.17430",))
    return G


def test_pandas_with_no_options_gives_every_id_back_exactly(tmp_path):
    G = _arxiv_graph()
    write_nodes_csv(G, tmp_path / "nodes.csv")
    write_edges_csv(G, tmp_path / "edges.csv")
    nodes = pd.read_csv(tmp_path / "nodes.csv")
    assert nodes["id"].tolist() == sorted(G)
    papers = nodes[nodes["kind"] == "paper"]
    recovered = {row.id: row.arxiv_id for row in papers.itertuples()}
    assert recovered == {n: f"arXiv:{d['arxiv_id']}" if d["arxiv_id"] else None for n, d in G.nodes(data=True)
                         if d["kind"] == "paper"} | {"title:007f69d955b5": recovered["title:007f69d955b5"]}
    assert pd.isna(recovered["title:007f69d955b5"])
    assert all(isinstance(value, str) for value in papers["arxiv_id"].dropna())
    edges = pd.read_csv(tmp_path / "edges.csv")
    assert edges[["source", "target", "papers"]].values.tolist() == [["arxiv:2405.17430", "concept:1984", "arxiv:2405.17430"]]


def test_read_nodes_and_read_edges_give_the_frames_back(tmp_path):
    for G in (_arxiv_graph(), schema_graph()):
        write_nodes_csv(G, tmp_path / "nodes.csv")
        write_edges_csv(G, tmp_path / "edges.csv")
        # CSV has one empty cell for both an empty string and a missing value: both read as missing.
        for read, frame in ((read_nodes, nodes_frame), (read_edges, edges_frame)):
            expected = frame(G).replace("", pd.NA)
            got = read(tmp_path / f"{frame.__name__.split('_')[0]}.csv")
            pd.testing.assert_frame_equal(got, expected, check_dtype=True)


def _built_graph():
    from graph_fixtures import random_corpus

    from papergraph.analyse import analyse_graph
    from papergraph.graph import build_graph

    G = build_graph(*random_corpus(9))
    analyse_graph(G)
    return G


def _quoting_graph():
    """Cells the csv writer quotes (commas, quotes, line breaks) and floats pandas writes its own way."""
    G = nx.MultiGraph()
    numbers = [0.0, -0.0, float("nan"), float("inf"), float("-inf"), 0.1]
    for i, x in enumerate(numbers):
        G.add_node(f"n{i}", kind="concept", label=['a, b', 'say "hi"', "two\nlines", "plain", "cr\rlf", ""][i],
                   aliases=("x, y", 'q"'), x=x, weighted_degree=numbers[-1 - i])
        G.add_edge(f"n{i}", f"n{(i + 1) % len(numbers)}", key="co_occurs", kind="co_occurs", weight=x,
                   count=float(i), papers=(f"p,{i}", 'p"'))
    return G


@pytest.mark.parametrize("make", [schema_graph, _built_graph, _quoting_graph])
def test_streamed_csv_is_what_pandas_writes_of_the_frames(make):
    """The writers format cells column by column; pandas formatting the frames is the reference."""
    G = make()
    edges, nodes = io.StringIO(), io.StringIO()
    write_edges_csv(G, edges, max_papers=0)
    write_nodes_csv(G, nodes)
    assert edges.getvalue() == edges_frame(G).to_csv(index=False, lineterminator="\n")
    frame = nodes_frame(G)
    frame["arxiv_id"] = frame["arxiv_id"].where(frame["arxiv_id"].isna() | (frame["arxiv_id"] == ""),
                                                "arXiv:" + frame["arxiv_id"])
    assert nodes.getvalue() == frame.to_csv(index=False, lineterminator="\n")
