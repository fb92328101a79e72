"""Score the node audit from two judges' files.

Usage (from the repository root)::

    .venv/bin/python tests/eval/score_audit.py tests/eval/audit/round2/judge1.jsonl tests/eval/audit/round2/judge2.jsonl

Each file is ``nodes.jsonl`` (written by :mod:`draw_audit`) with a ``label`` added to every
line, one of ``correct``, ``wrong_type``, ``junk``, ``over_merged``, ``duplicate``. Prints, for
each judge and for the nodes both judges agree on, the share of each label (the issue's targets
are ≥ 90 % correct and ≤ 3 % over-merged), then the agreement: the share of nodes with the same
label, and Cohen's kappa.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

LABELS = ("correct", "wrong_type", "junk", "over_merged", "duplicate")


class AuditError(ValueError):
    """A judge's file is malformed."""


def read_labels(path: Path) -> dict[str, str]:
    """Node id -> label of one judge's file."""
    labels: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        label = record.get("label")
        if label not in LABELS:
            raise AuditError(f"{path}:{number}: label must be one of {', '.join(LABELS)}, got {label!r}")
        labels[record["id"]] = label
    return labels


def kappa(first: Sequence[str], second: Sequence[str]) -> float:
    """Cohen's kappa of two label sequences of the same nodes.

    >>> kappa(["correct", "junk"], ["correct", "junk"]), kappa(["correct", "junk"], ["junk", "correct"])
    (1.0, -1.0)
    """
    total = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / total
    counts_a, counts_b = Counter(first), Counter(second)
    expected = sum(counts_a[label] * counts_b[label] for label in LABELS) / total**2
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def report(first: dict[str, str], second: dict[str, str]) -> str:
    """The label shares per judge and on agreed nodes, and the agreement."""
    shared = sorted(first.keys() & second.keys())
    if not shared:
        raise AuditError("the two files share no node id")
    agreed = [first[node] for node in shared if first[node] == second[node]]
    columns = [("judge 1", [first[node] for node in shared]), ("judge 2", [second[node] for node in shared])]
    columns.append(("agreed", agreed))
    lines = [f"nodes judged by both: {len(shared)}", f"{'label':12}" + "".join(f"{name:>10}" for name, _ in columns)]
    for label in LABELS:
        cells = "".join(f"{100 * labels.count(label) / max(1, len(labels)):9.1f}%" for _, labels in columns)
        lines.append(f"{label:12}{cells}")
    lines.append(f"agreement: {100 * len(agreed) / len(shared):.1f} % same label, Cohen's kappa "
                 f"{kappa([first[n] for n in shared], [second[n] for n in shared]):.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: score_audit.py JUDGE1.jsonl JUDGE2.jsonl", file=sys.stderr)
        return 2
    try:
        print(report(read_labels(Path(args[0])), read_labels(Path(args[1]))))
    except (OSError, json.JSONDecodeError, KeyError, AuditError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
