"""The shared value helpers every exporter relies on."""

from __future__ import annotations

import io

import networkx as nx
import numpy as np
import pytest
from readwrite_fixtures import CONTROLS, HOSTILE, LORA, PAPER_A, PAPER_B, schema_graph

from papergraph.readwrite._values import (
    attribute_types,
    clean_text,
    escape_attribute,
    escape_attributes,
    escape_text,
    escape_texts,
    join_values,
    scalar,
    sorted_edges,
    sorted_nodes,
    write_chunks,
    write_text,
    xml_float,
)


def test_clean_text_keeps_tab_and_newline_and_drops_other_controls():
    assert clean_text(CONTROLS) == "\t\n\n"  # the CR (0x0d) becomes a newline


def test_clean_text_folds_carriage_returns_into_newlines():
    assert clean_text("a\r\nb\rc\n") == "a\nb\nc\n"


def test_clean_text_replaces_lone_surrogates_and_joins_pairs():
    assert clean_text("x\ud800y\udfffz") == "x\ufffdy\ufffdz"
    assert clean_text("\ud83d\ude00") == "\N{GRINNING FACE}"
    clean_text(HOSTILE).encode("utf-8")  # strict: would raise on a surrogate


def test_clean_text_leaves_markup_quotes_and_emoji_alone():
    text = "<img src=x onerror=alert(1)></script> & \"'\" ]]> \N{ROCKET}"
    assert clean_text(text) == text


def test_clean_text_drops_noncharacters_and_c1_controls():
    assert clean_text("a\x7f\x85\x9f\ufffe\uffffb") == "ab"


def test_clean_text_of_hostile_text_has_only_xml_characters():
    cleaned = clean_text(HOSTILE)
    assert all(ch in "\t\n" or 0x20 <= ord(ch) < 0x7F or 0xA0 <= ord(ch) for ch in cleaned)
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in cleaned)


def test_join_values_cleans_each_item_and_sorts_sets():
    assert join_values(("b\x00", "a")) == "b; a"
    assert join_values({"b", "a"}) == "a; b"


def test_scalar_keeps_numbers_and_booleans():
    assert scalar(True) is True
    assert scalar(3) == 3 and type(scalar(3)) is int
    assert scalar(0.5) == 0.5
    assert scalar(("x", 1)) == "x; 1"


def test_attribute_types_generalises_mixed_numbers_and_mixed_types():
    types = attribute_types([{"a": 1, "b": 1, "c": True}, {"a": 2, "b": 2.5, "c": "yes"}])
    assert types == {"a": "int", "b": "double", "c": "string"}


def test_xml_float_round_trips():
    for value in (0.1, 1.0 / 3.0, -2.5e-12, 1e300):
        assert float(xml_float(value)) == value


def test_sorted_nodes_and_edges_do_not_depend_on_insertion_order():
    G, H = schema_graph(), schema_graph(reverse=True)
    assert [n for n, _ in sorted_nodes(G)] == [n for n, _ in sorted_nodes(H)]
    assert [e[:3] for e in sorted_edges(G)] == [e[:3] for e in sorted_edges(H)]


def test_sorted_edges_puts_the_paper_first_and_keeps_parallel_edges():
    edges = [e[:3] for e in sorted_edges(schema_graph(reverse=True))]
    assert (PAPER_A, LORA, "mentions") in edges
    assert (PAPER_A, PAPER_B, "co_listed") in edges and (PAPER_A, PAPER_B, "shares_concepts") in edges
    assert len(edges) == schema_graph().number_of_edges()


@pytest.mark.parametrize("buffer", [io.BytesIO(), io.StringIO()])
def test_write_text_to_open_files(buffer):
    write_text(buffer, "é\n")
    assert buffer.getvalue() in (b"\xc3\xa9\n", "é\n")


def test_write_text_to_a_path_is_utf8_with_lf(tmp_path):
    path = tmp_path / "out.txt"
    write_text(str(path), "é\n")
    assert path.read_bytes() == b"\xc3\xa9\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_text_into_a_missing_directory_raises_oserror(tmp_path):
    with pytest.raises(OSError):
        write_text(tmp_path / "missing" / "out.txt", "x")


@pytest.mark.parametrize("buffer", [io.BytesIO(), io.StringIO()])
def test_write_chunks_to_open_files_writes_each_chunk(buffer):
    write_chunks(buffer, (chunk for chunk in ["é", "", "\n", "x"]))
    assert buffer.getvalue() in (b"\xc3\xa9\nx", "é\nx")


def test_write_chunks_to_a_path_is_atomic_and_utf8_with_lf(tmp_path):
    path = tmp_path / "out.txt"
    write_chunks(path, iter(["é\n", "b\n"]))
    assert path.read_bytes() == b"\xc3\xa9\nb\n"

    def failing():
        yield "new, half"
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        write_chunks(path, failing())
    assert path.read_bytes() == b"\xc3\xa9\nb\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_sorted_nodes_of_empty_graph():
    assert sorted_nodes(nx.MultiGraph()) == [] and sorted_edges(nx.MultiGraph()) == []


def test_column_text_is_xml_value_of_each_value():
    """GraphColumns.text converts a column in one pass; xml_value of each value is the reference."""
    import networkx as nx

    from papergraph.readwrite._columns import MISSING, GraphColumns
    from papergraph.readwrite._values import xml_value

    table = GraphColumns(nx.MultiGraph())
    columns = {
        "double": [0.1, 1e-05, 3.0, float("nan"), float("inf"), -0.0, 1e22, MISSING, 2.5],
        "string": ["plain", "ctl\x00\x07", "lone \ud800", "crlf\r\nx", MISSING, ""],
        "int": [0, -3, 10**20, MISSING],
    }
    for type_, values in columns.items():
        expected = [None if value is MISSING else xml_value(value, type_) for value in values]
        assert table.text(values, type_) == expected, type_
    tuples = [("a", "b\x01"), (), ("x",) * 30, MISSING]
    assert table.text(tuples, "string") == [None if v is MISSING else xml_value(v, "string") for v in tuples]
    capped = GraphColumns(nx.MultiGraph(), max_papers=2)
    assert capped.text(tuples, "string", papers=True)[2] == "x; x"
    not_text = [("a", 1), (2.5,), ("a", "b")]  # items that are no str are joined as join_values joins them
    assert table.text(not_text, "string") == ["a; 1", "2.5", "a; b"]
    mixed = [1, 2.5, MISSING]
    assert table.text(mixed, "double") == ["1.0", "2.5", None]


@pytest.mark.parametrize("texts", [
    [], [""], ["a", "b"], ["x", "a < b & c > d", "", 'say "hi"\tthen\nbye', "\r"],
    ["NUL \x00 inside", "a & b", "\x00"],  # a text that holds the joining character: escaped one by one
])
def test_column_escaping_is_escaping_of_each_text(texts):
    assert escape_texts(texts) == [escape_text(text) for text in texts]
    assert escape_attributes(texts) == [escape_attribute(text) for text in texts]


def _float_graph() -> nx.MultiGraph:
    """Every node and edge has a float of each kind a column can hold, signed zeros and non-finite ones too."""
    numbers = [0.0, -0.0, float("nan"), float("inf"), float("-inf"), 0.1, 0.1, 1e-300, 2.5, 2.5, 7.0]
    G = nx.MultiGraph()
    for i, x in enumerate(numbers):
        G.add_node(f"n{i:02d}", kind="concept", label=f"n, {i}", x=x, y=numbers[-1 - i], weighted_degree=x)
    for i, w in enumerate(numbers):
        G.add_edge(f"n{i:02d}", f"n{(i + 3) % len(numbers):02d}", key="co_occurs", kind="co_occurs", weight=w,
                   count=float(i % 3))
    return G


def test_whole_float_columns_are_spelt_as_xml_value_of_each_value():
    """The texts of a column of floats are spelt once per distinct value; each is xml_value of its value."""
    from papergraph.readwrite._columns import GraphColumns, double_texts
    from papergraph.readwrite._values import xml_value

    table = GraphColumns(_float_graph())
    for scope, columns in (("node", table.node_columns), ("edge", table.edge_columns)):
        for name in ("x", "y", "weighted_degree", "weight", "count"):
            if name in columns:
                assert table.doubles(scope, name) is not None, name
                texts = table.node_text(name) if scope == "node" else table.edge_text(name, 2, 9)
                values = columns[name] if scope == "node" else columns[name][2:9]
                assert texts == [xml_value(value, "double") for value in values], name
    assert table.doubles("node", "label") is None and table.doubles("edge", "no such") is None
    assert "-0.0" in table.node_text("x") and "0.0" in table.node_text("x")
    assert double_texts(np.array([-0.0, 0.0, float("nan")])) == ["-0.0", "0.0", "NaN"]


def test_interleave_puts_rows_together_from_columns_and_constants():
    from papergraph.readwrite._values import interleave

    assert interleave(3, ["<", ["a", "b", "c"], "=", ["1", "", "3"], ">", "\n"]) == "<a=1>\n<b=>\n<c=3>\n"
    assert interleave(0, ["x", []]) == "" and interleave(2, []) == ""
