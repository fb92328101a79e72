"""Draw the node audit: 100 concept nodes of hf-daily-papers, for two judges.

Run from the repository root (needs ``../shared/corpora/hf-daily-papers``)::

    .venv/bin/python tests/eval/draw_audit.py            # writes tests/eval/audit/round4/nodes.jsonl
    .venv/bin/python tests/eval/draw_audit.py --check    # nodes.jsonl is what a fresh draw gives

Each round of the audit has its own seed (:data:`ROUNDS`) and folder (``audit/roundN/``): the
mechanisms a round's judges found are fixed on that round's nodes, and the next round draws
fresh ones with a new seed to measure the result, as a held-out sample.
The corpus is read with :func:`papergraph.api.extract_corpus`, as ``papergraph build`` reads it.
Among the concepts mentioned by two or more papers, :data:`N_NODES` are drawn with
``random.Random(seed)`` from the list sorted by concept id. Each line of ``nodes.jsonl``
holds what a judge needs: ``id``, ``name``, ``type``, ``types``, ``aliases``, ``papers`` (how many)
and :data:`N_EXAMPLES` example papers (drawn with the same generator), each with its ``id``,
``title`` and an abstract ``snippet`` around the first surface form of the concept.

A judge copies ``nodes.jsonl`` and adds a ``label`` to every line (correct / wrong_type / junk /
over_merged / duplicate); ``score_audit.py`` reads two judges' files.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "hf-daily-papers"
AUDIT = HERE / "audit"
#: Seed of each audit round; the last is the current one.
ROUNDS = {1: 20261203, 2: 20261205, 3: 20261206, 4: 20261207, 5: 20261209, 6: 20261210}
N_NODES = 100
N_EXAMPLES = 3
SNIPPET = 160  # characters either side of the concept in an abstract


def _snippet(abstract: str, forms: list[str]) -> str:
    """The part of the abstract around the first form of the concept it contains."""
    lowered = abstract.lower()
    found = [index for index in (lowered.find(form.lower()) for form in forms) if index >= 0]
    if not found:
        return abstract[: 2 * SNIPPET]
    start = max(0, min(found) - SNIPPET)
    return ("…" if start else "") + abstract[start : min(found) + SNIPPET] + "…"


def draw_nodes(corpus: Path = CORPUS, seed: int = ROUNDS[max(ROUNDS)]) -> list[dict]:
    """The audit sample: concept nodes in two or more papers, drawn with ``seed``."""
    from papergraph.api import extract_corpus

    papers_corpus, extraction = extract_corpus([corpus])
    papers = {paper.id: paper for paper in papers_corpus.papers}
    by_concept: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for mention in extraction.mentions:
        by_concept.setdefault(mention.concept_id, []).append((mention.paper_id, mention.surface_forms))
    eligible = sorted(concept_id for concept_id, mentions in by_concept.items() if len(mentions) >= 2)
    rng = random.Random(seed)
    nodes = []
    for concept_id in sorted(rng.sample(eligible, min(N_NODES, len(eligible)))):
        concept = extraction.concept(concept_id)
        mentions = by_concept[concept_id]
        examples = []
        for paper_id, surfaces in sorted(rng.sample(mentions, min(N_EXAMPLES, len(mentions)))):
            paper = papers[paper_id]
            examples.append(
                {"id": paper_id, "title": paper.title, "snippet": _snippet(paper.abstract, [*surfaces, concept.name])}
            )
        nodes.append(
            {
                "id": concept.id,
                "name": concept.name,
                "type": concept.type,
                "types": list(concept.types),
                "aliases": list(concept.aliases),
                "papers": len(mentions),
                "examples": examples,
            }
        )
    return nodes


def _lines(nodes: list[dict]) -> str:
    return "".join(json.dumps(node, ensure_ascii=False) + "\n" for node in nodes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--round", type=int, choices=sorted(ROUNDS), default=max(ROUNDS),
                        help="the audit round: its seed and its folder audit/roundN/ (default: the last)")
    parser.add_argument("--output", type=Path, help="default: audit/roundN/nodes.jsonl")
    parser.add_argument("--check", action="store_true", help="compare the output file with a fresh draw")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"Error: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    args.output = args.output or AUDIT / f"round{args.round}" / "nodes.jsonl"
    text = _lines(draw_nodes(args.corpus, ROUNDS[args.round]))
    if args.check:
        same = args.output.exists() and args.output.read_text(encoding="utf-8") == text
        print(f"{args.output}: {'matches' if same else 'differs from'} a fresh draw")
        return 0 if same else 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    temporary = args.output.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(args.output)
    print(f"wrote {args.output} ({text.count(chr(10))} nodes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
