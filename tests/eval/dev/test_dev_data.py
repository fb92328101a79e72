"""Checks on the development set's data files (tests/eval/dev/{papers,gold}.jsonl).

Independent of the extractor and of ``papergraph`` (only ``score.normalise`` is used), so they
run even while the package does not import.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVAL = HERE.parent
TYPES = {"method", "model", "hardware", "dataset"}

_spec = importlib.util.spec_from_file_location("papergraph_eval_score_dev", EVAL / "score.py")
S = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = S
_spec.loader.exec_module(S)


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_dev_gold_and_papers_are_consistent():
    papers = _read(HERE / "papers.jsonl")
    gold = _read(HERE / "gold.jsonl")
    assert len(papers) == 50 and len({p["id"] for p in papers}) == 50
    assert [g["id"] for g in gold] == [p["id"] for p in papers]
    for p, g in zip(papers, gold):
        assert p["id"].startswith("arxiv:")
        assert p["abstract"] == " ".join(p["abstract"].split())
        text = (p["title"] + " " + p["abstract"]).lower()
        names = [S.normalise(c["name"]) for c in g["concepts"] + g["optional"]]
        assert len(names) == len(set(names)), g["id"]
        for c in g["concepts"] + g["optional"]:
            assert set(c) == {"name", "types", "aliases"}
            assert 1 <= len(c["types"]) <= 2 and set(c["types"]) <= TYPES, c
            assert c["aliases"], c
            for alias in c["aliases"]:  # aliases are surface forms of the text
                assert alias.lower() in text, (g["id"], alias)


def test_dev_set_is_disjoint_from_the_eval_set():
    dev = _read(HERE / "papers.jsonl")
    ev = _read(EVAL / "papers.jsonl")
    assert not {p["id"] for p in dev} & {p["id"] for p in ev}
    titles = {" ".join(p["title"].lower().split()) for p in ev}
    assert not [p["id"] for p in dev if " ".join(p["title"].lower().split()) in titles]
