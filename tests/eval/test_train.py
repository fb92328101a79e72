"""The shipped scorer weights are reproducible: what train.py fits on the development sets."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("papergraph_eval_train", HERE / "train.py")
T = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = T
_spec.loader.exec_module(T)


def test_the_shipped_weights_are_a_fresh_fit(capsys):
    # A change to the candidates or their features changes the fit: refit with train.py.
    assert T.main(["--check"]) == 0, capsys.readouterr().out + "\nrefit: .venv/bin/python tests/eval/train.py"


def test_cross_validation_reads_the_folds_with_the_fitted_scorer():
    # --cv scores what the extractor predicts with a fold's scorer: one that keeps every candidate
    # must predict more than the rules alone, in every fold.
    from papergraph.extract.scoring import FEATURES, Scorer

    always = Scorer((30.0,) + (0.0,) * (len(FEATURES) - 1))
    rules, kept = T.fold_scores(), T.fold_scores(always)
    assert len(rules) == len(kept) == T.FOLDS
    assert all(a.tp + a.fp > b.tp + b.fp for a, b in zip(kept, rules, strict=True))
