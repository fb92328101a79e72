"""Inter-annotator agreement of two independent annotations of one paper set.

Each annotator's required concepts are scored as predictions against the other's annotation
with the evaluation scorer's matching rules (tests/eval/score.py), twice: as the scorer scores the
extractor (the other's optional items are neutral), and required against required only (an item
one annotator called optional counts as a disagreement). Reports F1 both ways and their mean.

    .venv/bin/python tests/eval/agreement.py tests/eval/heldout/annotator_a.jsonl tests/eval/heldout/annotator_b.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score import score  # noqa: E402


def _read(path: str) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def _required(records: list[dict]) -> dict[str, list[dict]]:
    return {r["id"]: r["concepts"] for r in records}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first")
    parser.add_argument("second")
    args = parser.parse_args(argv)
    a, b = _read(args.first), _read(args.second)
    if [r["id"] for r in a] != [r["id"] for r in b]:
        print("the two files do not annotate the same papers in the same order", file=sys.stderr)
        return 2
    required_only = [[{"id": r["id"], "concepts": r["concepts"]} for r in records] for records in (a, b)]
    for rule, (gold_a, gold_b) in (("optional neutral", (a, b)), ("required only", required_only)):
        ab, ba = score(_required(b), gold_a), score(_required(a), gold_b)
        for label, pick in (("untyped", lambda s: s.untyped), ("typed", lambda s: s.typed)):
            f_ab, f_ba = pick(ab).f1, pick(ba).f1
            print(f"{rule:16s} {label:8s} F1 second-vs-first {f_ab:.3f}  first-vs-second {f_ba:.3f}"
                  f"  mean {(f_ab + f_ba) / 2:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
