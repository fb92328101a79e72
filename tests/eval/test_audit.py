"""Tests of the node-audit scorer (score_audit.py) on hand-made judge files."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("papergraph_eval_score_audit", HERE / "score_audit.py")
A = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = A
_spec.loader.exec_module(A)


def judge(tmp_path: Path, name: str, labels: list[str]) -> Path:
    path = tmp_path / name
    lines = [json.dumps({"id": f"concept:{number}", "label": label}) for number, label in enumerate(labels)]
    path.write_text("".join(line + "\n" for line in lines))
    return path


def test_shares_and_agreement(tmp_path, capsys):
    first = judge(tmp_path, "1.jsonl", ["correct"] * 8 + ["over_merged", "junk"])
    second = judge(tmp_path, "2.jsonl", ["correct"] * 7 + ["duplicate", "over_merged", "junk"])
    assert A.main([str(first), str(second)]) == 0
    out = capsys.readouterr().out
    assert "nodes judged by both: 10" in out
    assert "correct          80.0%     70.0%     77.8%" in out
    assert "90.0 % same label" in out


def test_a_bad_label_is_an_error_naming_the_line(tmp_path, capsys):
    first = judge(tmp_path, "1.jsonl", ["correct", "maybe"])
    assert A.main([str(first), str(first)]) == 2
    assert "1.jsonl:2: label must be one of" in capsys.readouterr().err
