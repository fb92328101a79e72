"""Fit the extractor's learned scorer on the development sets, and write its weights.

Run from the repository root::

    .venv/bin/python tests/eval/train.py            # writes src/papergraph/data/scorer.json
    .venv/bin/python tests/eval/train.py --check    # the shipped weights are what a fresh fit gives
    .venv/bin/python tests/eval/train.py --cv       # also: 5-fold cross-validation by paper

Only the hand-labelled development sets (``tests/eval/dev/``, ``dev2/`` and ``dev3/``) are read:
the evaluation and held-out sets stay held out. Each development paper is read with a decider that records every
candidate the scorer would be asked about (names no rule types,
:mod:`papergraph.extract.scoring`) and keeps none. A candidate is labelled 1 when it matches a
*required* gold item of its paper (by the scorer's :func:`normalise`, on the gold name and
aliases), 0 when it matches nothing, and is left out when it matches an optional item. A
logistic regression with an L2 penalty is fitted by Newton's method in numpy (deterministic);
the threshold (0.5 or above) is the one that gives the best strict typed F1 on the development
sets when the kept candidates join the rules' own predictions (each kept one counted as one more
true or false positive). ``--cv`` fits on four fifths of the papers (fold = position in the set
modulo 5), reads the fifth left out with that fit, and reports its strict typed figures: the rules
alone and with the scorer (and, as the count above gives them, with its kept candidates: that
count is higher, as a kept name can still be typed wrongly or take an item another prediction had).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from unittest import mock

import numpy as np

from papergraph.extract import load_vocabulary
from papergraph.extract.reader import PaperReader
from papergraph.extract.scoring import BUNDLED_SCORER, FEATURES, Decider, Scorer

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("papergraph_eval_score_train", HERE / "score.py")
assert _spec is not None and _spec.loader is not None
S = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = S
_spec.loader.exec_module(S)

#: L2 penalty on the weights (not the bias): small data, keep the weights modest
PENALTY = 1.0

#: The development sets the scorer learns from
SETS = ("dev", "dev2", "dev3")

FOLDS = 5


class Recorder:
    """A decider that keeps nothing and records what it was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, tuple[float, ...]]] = []

    def keep(self, name: str, features: tuple[float, ...]) -> bool:
        self.asked.append((name, features))
        return False


def candidates() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and folds of the development sets' scorer candidates."""
    reader = PaperReader(load_vocabulary(), Recorder())  # the shipped weights are not read
    rows, labels, folds = [], [], []
    for which in SETS:
        papers_path, gold_path = S.SETS[which]
        gold = {record["id"]: record for record in S.load_gold(gold_path)}
        for position, paper in enumerate(S.load_papers(papers_path)):
            recorder = Recorder()
            reader.decider = recorder
            reader.read(paper.title, paper.abstract)
            record = gold[paper.id]
            required = [S._keys([item["name"], *item["aliases"]]) for item in record["concepts"]]
            optional = [S._keys([item["name"], *item["aliases"]]) for item in record["optional"]]
            seen: set[str] = set()
            for name, features in recorder.asked:
                key = S.normalise(name)
                if key in seen:
                    continue
                seen.add(key)
                if any(key in keys for keys in required):
                    label = 1
                elif any(key in keys for keys in optional):
                    continue
                else:
                    label = 0
                rows.append(features)
                labels.append(label)
                folds.append(position % FOLDS)
    return np.array(rows, dtype=float), np.array(labels, dtype=float), np.array(folds)


def fit(features: np.ndarray, labels: np.ndarray, penalty: float = PENALTY) -> np.ndarray:
    """Logistic regression weights by Newton's method (the first column is the bias, not penalised)."""
    weights = np.zeros(features.shape[1])
    ridge = penalty * np.eye(features.shape[1])
    ridge[0, 0] = 0.0
    for _ in range(50):
        probability = 1 / (1 + np.exp(-features @ weights))
        gradient = features.T @ (probability - labels) + ridge @ weights
        curvature = features * (probability * (1 - probability))[:, None]
        hessian = features.T @ curvature + ridge + 1e-9 * np.eye(len(weights))
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-10:
            break
    return weights


def best_threshold(probability: np.ndarray, labels: np.ndarray, base_tp: int, base_fp: int, base_fn: int) -> float:
    """The threshold that maximises F1 when the kept candidates join the rules' own predictions."""
    best, best_f1 = 1.0, -1.0
    for threshold in np.round(np.arange(0.50, 0.91, 0.05), 2):
        kept = probability >= threshold
        tp = base_tp + int((kept & (labels == 1)).sum())
        fp = base_fp + int((kept & (labels == 0)).sum())
        fn = base_fn - int((kept & (labels == 1)).sum())
        f1 = 2 * tp / (2 * tp + fp + fn)
        if f1 > best_f1 + 1e-12:
            best, best_f1 = float(threshold), f1
    return best


def fold_scores(decider: Decider | None = None) -> list:
    """The strict typed scores, per fold, of the development sets read with ``decider`` as the
    scorer (None: one that keeps nothing, the rules alone).

    Each set is read whole, as ``score.py`` reads it, and then scored fold by fold.
    """
    from papergraph.extract import extract_concepts, reader

    predictions: dict = {}
    gold: list[tuple[int, dict]] = []
    with mock.patch.object(reader, "load_scorer", lambda: decider or Recorder()):
        for which in SETS:
            papers_path, gold_path = S.SETS[which]
            papers = S.load_papers(papers_path)
            predictions.update(S._predictions_by_paper(extract_concepts(papers), strict=True))
            fold_of = {paper.id: index % FOLDS for index, paper in enumerate(papers)}
            gold += [(fold_of[record["id"]], record) for record in S.load_gold(gold_path)]
    scores = []
    for fold in range(FOLDS):
        records = [record for of, record in gold if of == fold]
        ids = {record["id"] for record in records}
        mine = {paper: found for paper, found in predictions.items() if paper in ids}
        scores.append(S.score(mine, records, strict=True).typed)
    return scores


def _counts(scores: list) -> tuple[int, int, int]:
    return sum(s.tp for s in scores), sum(s.fp for s in scores), sum(s.fn for s in scores)


def _figures(tp: int, fp: int, fn: int) -> str:
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return f"P {precision:.3f} R {recall:.3f} F1 {2 * tp / max(1, 2 * tp + fp + fn):.3f}"


def cross_validate(features: np.ndarray, labels: np.ndarray, folds: np.ndarray, bases: list) -> None:
    """Print the strict typed figures of the left-out folds: the rules alone, then each fold read
    with the scorer fitted on the other four (and, as the threshold is chosen, counted from the
    fold's candidates alone: each kept one a further true or false positive)."""
    tp, fp, fn = _counts(bases)
    gained = [0, 0]
    read: list = []
    for fold in range(FOLDS):
        train = folds != fold
        weights = fit(features[train], labels[train])
        probability = 1 / (1 + np.exp(-features[train] @ weights))
        threshold = best_threshold(probability, labels[train], *_counts(bases[:fold] + bases[fold + 1 :]))
        kept = (1 / (1 + np.exp(-features[~train] @ weights))) >= threshold
        gained[0] += int((kept & (labels[~train] == 1)).sum())
        gained[1] += int((kept & (labels[~train] == 0)).sum())
        read.append(fold_scores(Scorer(tuple(map(float, weights)), threshold))[fold])
    print(f"cross-validation ({FOLDS} folds, strict typed, {'+'.join(SETS)}): rules alone {_figures(tp, fp, fn)}; "
          f"with the scorer {_figures(*_counts(read))} "
          f"(counted from its candidates: {_figures(tp + gained[0], fp + gained[1], fn - gained[0])})", file=sys.stderr)


def trained(cv: bool = False) -> dict:
    features, labels, folds = candidates()
    weights = fit(features, labels)
    probability = 1 / (1 + np.exp(-features @ weights))
    bases = fold_scores()
    if cv:
        cross_validate(features, labels, folds, bases)
    threshold = best_threshold(probability, labels, *_counts(bases))
    print(f"candidates: {len(labels)} ({int(labels.sum())} concepts); threshold {threshold}", file=sys.stderr)
    return {
        "features": list(FEATURES),
        "weights": [round(float(weight), 6) for weight in weights],
        "threshold": threshold,
        "trained_on": "tests/eval/dev, dev2 and dev3 (hand-labelled development sets only)",
    }


def _dump(data: dict) -> str:
    return json.dumps(data, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare the shipped weights with a fresh fit")
    parser.add_argument("--cv", action="store_true", help="also print 5-fold cross-validation figures")
    args = parser.parse_args(argv)
    text = _dump(trained(args.cv))
    if args.check:
        same = BUNDLED_SCORER.read_text(encoding="utf-8") == text
        print(f"{BUNDLED_SCORER}: {'matches' if same else 'differs from'} a fresh fit")
        return 0 if same else 1
    temporary = BUNDLED_SCORER.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(BUNDLED_SCORER)
    print(f"wrote {BUNDLED_SCORER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
