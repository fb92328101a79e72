"""A crash or Ctrl-C in the middle of a write never leaves a half-written file."""

from __future__ import annotations

import pytest

from papergraph.readwrite._atomic import atomic_open


def test_an_interrupted_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "graph.graphml"
    target.write_text("old complete content")
    with pytest.raises(KeyboardInterrupt):
        with atomic_open(target) as handle:
            handle.write("new half")
            raise KeyboardInterrupt
    assert target.read_text() == "old complete content"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.graphml"]


def test_an_interrupted_first_write_leaves_nothing(tmp_path):
    target = tmp_path / "nodes.csv"
    with pytest.raises(RuntimeError):
        with atomic_open(target, "wb") as handle:
            handle.write(b"id,label\n")
            raise RuntimeError("writer failed")
    assert list(tmp_path.iterdir()) == []


def test_a_finished_write_replaces_the_file_with_normal_permissions(tmp_path):
    target = tmp_path / "edges.csv"
    target.write_text("old")
    with atomic_open(target) as handle:
        handle.write("a\nb\n")
    assert target.read_bytes() == b"a\nb\n"
    assert target.stat().st_mode & 0o777 == 0o644
