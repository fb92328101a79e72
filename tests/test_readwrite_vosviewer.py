"""vosviewer.json: the VOSviewer JSON network of the concepts, read back with the json module."""

from __future__ import annotations

import html
import json

import networkx as nx
import pytest
from readwrite_fixtures import H100, IMAGENET, LLAMA, LORA, schema_graph

from papergraph.readwrite._values import clean_text
from papergraph.readwrite.vosviewer import generate_vosviewer, vosviewer_data, write_vosviewer


def _reject_constant(name):
    raise ValueError(f"not JSON: {name}")


@pytest.fixture
def document(tmp_path):
    path = tmp_path / "vosviewer.json"
    write_vosviewer(schema_graph(), path)
    return json.loads(path.read_bytes().decode("utf-8", errors="strict"), parse_constant=_reject_constant)


def test_items_are_the_concepts_with_integer_ids_in_id_order(document):
    items = document["network"]["items"]
    assert [item["id"] for item in items] == [1, 2, 3, 4]
    assert [item["label"] for item in items] == ["H100", "ImageNet", "Llama \N{LLAMA}", "LoRA"]
    assert [item["description"].split("</div>")[0] for item in items] == [
        f"<div>{node}" for node in sorted((H100, IMAGENET, LLAMA, LORA))
    ]


def test_items_carry_layout_cluster_weights_and_scores(document):
    G = schema_graph()
    ids = {node: number for number, node in enumerate(sorted((H100, IMAGENET, LLAMA, LORA)), start=1)}
    items = {item["id"]: item for item in document["network"]["items"]}
    for node, number in ids.items():
        attrs, item = G.nodes[node], items[number]
        assert (item["x"], item["y"]) == (attrs["x"], attrs["y"])
        assert item["cluster"] == attrs["community"] + 1
        assert item["weights"]["Occurrences"] == attrs["n_papers"]
        assert item["scores"] == {"PageRank": attrs["pagerank"]}
        assert all(value >= 0 for value in item["weights"].values())
    lora = items[ids[LORA]]["weights"]
    assert lora["Links"] == 2 and lora["Total link strength"] == 1.0 + 1.0  # raw counts, not weights


def test_links_are_the_co_occurrences_with_their_raw_counts(document):
    G = schema_graph()
    ids = {node: number for number, node in enumerate(sorted((H100, IMAGENET, LLAMA, LORA)), start=1)}
    links = document["network"]["links"]
    expected = {
        frozenset((ids[u], ids[v])): d["count"] for u, v, k, d in G.edges(keys=True, data=True) if k == "co_occurs"
    }
    assert {frozenset((link["source_id"], link["target_id"])): link["strength"] for link in links} == expected
    assert len(links) == len(expected)


def test_clusters_are_named_after_communities(document):
    assert document["network"]["clusters"] == [
        {"cluster": 1, "label": "LoRA & fine-tuning <i>"},
        {"cluster": 2, "label": "vision"},
    ]


def test_descriptions_escape_every_piece_of_text(document):
    lora = document["network"]["items"][3]["description"]
    assert "<img" not in lora and "<i>" not in lora
    assert "&lt;img src=x onerror=alert(1)&gt;" in lora
    assert "LoRA <img src=x onerror=alert(1)>" in html.unescape(lora)
    assert "Type: method" in lora


def test_config_speaks_of_concepts(document):
    config = document["config"]
    assert config["terminology"]["item"] == "Concept" and config["terminology"]["link"] == "Co-occurrence link"
    assert config["parameters"]["item_size"] == "Occurrences"


def test_hostile_labels_are_clean_and_utf8():
    G = nx.MultiGraph()
    G.add_node("concept:x", kind="concept", label="a\x00b\ud800c</script>", type="method", community=5000)
    item = vosviewer_data(G)["network"]["items"][0]
    assert item["label"] == clean_text("a\x00b\ud800c</script>") == "ab\ufffdc</script>"
    assert item["cluster"] == 1000  # VOSviewer numbers clusters 1 to 1000
    generate_vosviewer(G).encode("utf-8")


def test_non_finite_numbers_never_reach_the_json():
    G = nx.MultiGraph()
    G.add_node("concept:a", kind="concept", label="A", x=float("nan"), y=0.0, pagerank=float("inf"))
    G.add_node("concept:b", kind="concept", label="B", x=1.0, y=0.0)
    G.add_edge("concept:a", "concept:b", key="co_occurs", kind="co_occurs", weight=-1.0)
    data = json.loads(generate_vosviewer(G), parse_constant=_reject_constant)
    assert data["network"]["items"][0]["x"] == 0 and data["network"]["items"][0]["scores"]["PageRank"] == 0
    assert data["network"]["links"][0]["strength"] == 0.0


def test_byte_identical_whatever_the_insertion_order():
    assert generate_vosviewer(schema_graph()) == generate_vosviewer(schema_graph(reverse=True))


def _record_per_line(data):
    """The file as one json.dumps per record would write it: the reference for the streamed text."""
    def dumps(value):
        return json.dumps(value, ensure_ascii=False, allow_nan=False)

    lines = ["{", f'"config": {dumps(data["config"])},', '"network": {']
    for name, end in (("items", ","), ("links", ","), ("clusters", "")):
        records = data["network"][name]
        lines.append(f'"{name}": [\n' + ",\n".join(map(dumps, records)) + f"\n]{end}" if records else f'"{name}": []{end}')
    return "\n".join(lines) + "\n}\n}\n"


def _counted_graph(counts):
    """A ring of concepts (labels that look like the file's own text) tied by co_occurs edges of these counts."""
    G = nx.MultiGraph()
    for i in range(len(counts) + 1):
        G.add_node(f"concept:c{i}", kind="concept", label=f'c{i} }}, {{"id": 1', type="method", types=("method",),
                   aliases=("a, b",), n_papers=i, community=i % 2, community_label=f"group {i % 2}", x=float(i),
                   y=-float(i), pagerank=0.1 * i, mean_date="2024-05-02", first_seen="2024-05")
    G.add_node("paper:p", kind="paper", label="P")
    G.add_node("concept:lone", kind="concept", label="Lone")  # no link: its strength sums nothing, 0
    for i, count in enumerate(counts):
        data = {"kind": "co_occurs", "weight": 0.5 + i}
        if count is not None:
            data["count"] = count
        G.add_edge(f"concept:c{i}", f"concept:c{i + 1}", key="co_occurs", **data)
        G.add_edge("paper:p", f"concept:c{i}", key="mentions", kind="mentions", weight=1.0, count=1.0)
    G.add_edge("concept:c0", "concept:c2", key="co_occurs", kind="co_occurs", weight=0.25,
               **({"count": counts[0]} if counts[0] is not None else {}))
    return G


@pytest.mark.parametrize("counts", [
    [2.0, 0.1, 0.2, -0.0, 3.0],  # float counts on every edge: the links as arrays
    [2.0, None, 7, float("inf"), -1.5],  # none, an int, an infinite and a negative one: link by link
])
def test_streamed_file_is_one_json_record_per_line_of_vosviewer_data(counts):
    G = _counted_graph(counts)
    data = vosviewer_data(G)
    assert generate_vosviewer(G) == _record_per_line(data)
    totals = [item["weights"]["Total link strength"] for item in data["network"]["items"]]
    strengths = {}
    for link in data["network"]["links"]:  # summed link by link, in the links' order
        for end in ("source_id", "target_id"):
            strengths[link[end]] = strengths.get(link[end], 0) + link["strength"]
    expected = [strengths.get(item["id"], 0) for item in data["network"]["items"]]
    assert [(type(total), total) for total in totals] == [(type(total), total) for total in expected]
