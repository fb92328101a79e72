"""Tests of the evaluation scorer (tests/eval/score.py) and of the gold files' shape.

Independent of the extractor: predictions are built as Extraction objects by hand.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from papergraph.types import CONCEPT_TYPES, Concept, Extraction, Mention

HERE = Path(__file__).resolve().parent

# Load score.py under a unique name (tests/eval is not a package).
_spec = importlib.util.spec_from_file_location("papergraph_eval_score", HERE / "score.py")
S = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = S
_spec.loader.exec_module(S)


def extraction(by_paper: dict[str, list[tuple]]) -> Extraction:
    """Build an Extraction from {paper_id: [(name, types, aliases), ...]}."""
    concepts: dict[str, Concept] = {}
    mentions = []
    for pid, items in by_paper.items():
        for name, types, *rest in items:
            aliases = tuple(rest[0]) if rest else ()
            cid = "concept:" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
            # same name in two papers -> one concept (aliases merged), as the extractor would do
            old = concepts.get(cid)
            if old is not None:
                aliases = tuple(dict.fromkeys(old.aliases + aliases))
            concepts[cid] = Concept(cid, name, tuple(types), aliases)
            mentions.append(Mention(pid, cid, 1, (name,)))
    return Extraction(tuple(sorted(concepts.values(), key=lambda c: c.id)),
                      tuple(sorted(mentions, key=lambda m: (m.paper_id, m.concept_id))))


GOLD = [
    {"id": "p1",
     "concepts": [
         {"name": "large language model", "types": ["model"], "aliases": ["LLMs", "Large Language Models"]},
         {"name": "Low-Rank Adaptation", "types": ["method"], "aliases": ["LoRA"]},
         {"name": "A100", "types": ["hardware"], "aliases": ["NVIDIA A100 GPUs"]},
         {"name": "GSM8K", "types": ["dataset"], "aliases": ["GSM8K"]},
     ],
     "optional": [{"name": "neural network", "types": ["model"], "aliases": ["neural networks"]}]},
    {"id": "p2",
     "concepts": [
         {"name": "mixture of experts", "types": ["method", "model"], "aliases": ["MoE"]},
         {"name": "Llama 2", "types": ["model"], "aliases": ["LLaMA-2 7B", "LLaMA-2 13B"]},
     ],
     "optional": []},
]


def perfect() -> Extraction:
    return extraction({
        rec["id"]: [(c["name"], c["types"], c["aliases"]) for c in rec["concepts"]] for rec in GOLD
    })


def test_perfect_predictions_give_f1_one():
    s = S.score(perfect(), GOLD)
    assert (s.papers, s.gold_concepts, s.gold_optional) == (2, 6, 1)
    for c in (s.untyped, s.typed):
        assert (c.tp, c.fp, c.fn) == (6, 0, 0)
        assert c.precision == c.recall == c.f1 == 1.0
    assert s.errors == []
    assert s.gold_by_type == {"method": 2, "model": 2, "hardware": 1, "dataset": 1}


def test_perfect_predictions_on_the_real_gold_set():
    gold = S.load_gold()
    ex = extraction({r["id"]: [(c["name"], c["types"], c["aliases"]) for c in r["concepts"]] for r in gold})
    s = S.score(ex, gold)
    assert s.typed.f1 == 1.0 and s.untyped.f1 == 1.0
    assert s.gold_concepts == sum(len(r["concepts"]) for r in gold)


def test_one_missing_gold_concept_lowers_recall_exactly():
    preds = perfect()
    kept = tuple(m for m in preds.mentions if m.concept_id != "concept:gsm8k")
    s = S.score(Extraction(preds.concepts, kept), GOLD)
    assert (s.untyped.tp, s.untyped.fp, s.untyped.fn) == (5, 0, 1)
    assert s.untyped.precision == 1.0
    assert s.untyped.recall == pytest.approx(5 / 6)
    assert s.untyped.f1 == pytest.approx(2 * (5 / 6) / (1 + 5 / 6))
    assert s.per_type["dataset"].recall == 0.0 and s.per_type["dataset"].fn == 1
    assert [g.name for e in s.errors for g in e.false_negatives] == ["GSM8K"]


def test_optional_match_is_neither_rewarded_nor_penalised():
    base = S.score(perfect(), GOLD)
    with_opt = extraction({
        "p1": [(c["name"], c["types"], c["aliases"]) for c in GOLD[0]["concepts"]] + [("Neural Network", ["model"])],
        "p2": [(c["name"], c["types"], c["aliases"]) for c in GOLD[1]["concepts"]],
    })
    s = S.score(with_opt, GOLD)
    assert s.optional_matches == 1
    assert (s.typed.tp, s.typed.fp, s.typed.fn) == (base.typed.tp, base.typed.fp, base.typed.fn)
    # and not finding an optional item is not a false negative either
    assert base.untyped.fn == 0


def test_unmatched_prediction_is_a_false_positive():
    ex = extraction({"p1": [("PyTorch", ["method"])]})
    s = S.score(ex, GOLD)
    assert (s.untyped.tp, s.untyped.fp, s.untyped.fn) == (0, 1, 6)
    assert s.per_type["method"].fp == 1 and s.per_type["method"].precision == 0.0
    assert [p.name for e in s.errors for p in e.false_positives] == ["PyTorch"]


def test_normalised_and_alias_matching():
    ex = extraction({
        "p1": [("LLM", ["model"]),                    # plural / case against alias "LLMs"
               ("lora", ["method"]),                  # case
               ("NVIDIA A100 GPU", ["hardware"]),     # plural
               ("gsm-8k", ["dataset"])],              # hyphen
        "p2": [("Llama-2", ["model"], ["LLaMA 2 7B"]),  # through a predicted alias
               ("Mixture-of-Experts", ["method"])],
    })
    s = S.score(ex, GOLD)
    assert (s.typed.tp, s.typed.fp, s.typed.fn) == (6, 0, 0)


def test_fuzzy_fallback_and_digit_guard():
    gold = [{"id": "p", "concepts": [
        {"name": "quasi-Newton method", "types": ["method"], "aliases": []},
        {"name": "GPT-4", "types": ["model"], "aliases": []},
        {"name": "ImageNet-1k", "types": ["dataset"], "aliases": []},
        {"name": "ConvNeXt", "types": ["model"], "aliases": []},
    ], "optional": []}]
    ex = extraction({"p": [("quasi-Netwon method", ["method"]),   # typo: fuzzy match
                           ("GPT-4o", ["model"]),                 # another model: no match
                           ("ImageNet-21k", ["dataset"]),         # another dataset: no match
                           ("ConvNet", ["model"])]})              # too short to fuzzy-match
    s = S.score(ex, gold)
    assert (s.untyped.tp, s.untyped.fp, s.untyped.fn) == (1, 3, 3)


def test_matching_is_one_to_one():
    gold = [{"id": "p", "concepts": [{"name": "BERT", "types": ["model"], "aliases": []}], "optional": []}]
    ex = extraction({"p": [("BERT", ["model"]), ("BERTs", ["model"])]})  # two concepts, one gold
    assert len(ex.concepts) == 2
    s = S.score(ex, gold)
    assert (s.untyped.tp, s.untyped.fp, s.untyped.fn) == (1, 1, 0)


def test_one_to_one_prefers_a_complete_matching():
    # The first prediction (a merged "SAM 2" that also carries "SAM") matches both gold items;
    # the second matches only "Segment Anything Model": a greedy matcher would give 1 TP.
    gold = [{"id": "p", "concepts": [
        {"name": "Segment Anything Model", "types": ["model"], "aliases": ["SAM"]},
        {"name": "SAM 2", "types": ["model"], "aliases": ["Segment Anything Model 2"]},
    ], "optional": []}]
    ex = extraction({"p": [("SAM 2", ["model"], ["SAM"]), ("Segment Anything Model", ["model"])]})
    s = S.score(ex, gold)
    assert (s.untyped.tp, s.untyped.fp, s.untyped.fn) == (2, 0, 0)


def test_typed_match_uses_primary_type_unless_any_type():
    ex = extraction({"p1": [("LoRA", ["model", "method"])],
                     "p2": [("MoE", ["model"])]})        # two-typed gold accepts either
    s = S.score(ex, GOLD)
    assert s.untyped.tp == 2
    assert s.typed.tp == 1 and s.typed.fp == 1
    assert s.per_type["model"].fp == 1                 # LoRA predicted as model
    assert [(p.name, g.name) for e in s.errors for p, g in e.wrong_type] == [("LoRA", "Low-Rank Adaptation")]
    s_any = S.score(ex, GOLD, any_type=True)
    assert s_any.typed.tp == 2 and s_any.typed.fp == 0


def test_strict_matching_ignores_predicted_aliases():
    # "language model" carries the gold form "LLMs" only as a predicted alias: lenient credits it, strict not.
    ex = extraction({"p1": [("language model", ["model"], ["LLMs"]), ("LoRA", ["method"], ["Low-Rank Adaptation"])]})
    lenient, strict = S.score(ex, GOLD), S.score(ex, GOLD, strict=True)
    assert (lenient.typed.tp, lenient.typed.fp) == (2, 0)
    assert (strict.typed.tp, strict.typed.fp) == (1, 1)   # LoRA matches by its name, "language model" does not
    assert "strict" in S.format_scores(strict) and "lenient" in S.format_scores(lenient)


def test_errors_are_printed_for_the_dev_set_only(capsys):
    for which in ("eval", "heldout"):
        assert S.main(["--set", which, "--errors"]) == 2
    assert "dev" in capsys.readouterr().err


def test_per_type_precision_by_predicted_recall_by_gold():
    # gold "mixture of experts" is [method, model]; predicted as model: a typed TP that counts
    # for model precision and for method recall (the gold primary type).
    ex = extraction({"p2": [("MoE", ["model"])]})
    s = S.score(ex, GOLD)
    assert s.per_type["model"].tp_pred == 1 and s.per_type["model"].precision == 1.0
    assert s.per_type["method"].tp_gold == 1
    assert s.per_type["method"].recall == pytest.approx(1 / 2)   # LoRA missed


def test_mapping_predictions_and_unknown_papers_ignored():
    s = S.score({"p1": [{"name": "LoRA", "types": ["method"]}], "elsewhere": [{"name": "X", "types": ["model"]}]},
                GOLD)
    assert (s.untyped.tp, s.untyped.fp) == (1, 0)
    assert s.predictions == 1


def test_format_scores_mentions_everything():
    text = S.format_scores(S.score(perfect(), GOLD), errors=True)
    assert "papers: 2" in text and "untyped" in text and "typed" in text
    for t in CONCEPT_TYPES:
        assert t in text


# ------------------------------------------------------------------ the data files


@pytest.mark.parametrize("name", sorted(S.SETS))
def test_gold_and_papers_are_consistent(name):
    papers_path, gold_path = S.SETS[name]
    if not gold_path.exists():
        pytest.skip(f"{name}: gold not annotated yet")
    papers = [json.loads(line) for line in papers_path.read_text(encoding="utf-8").splitlines()]
    gold = S.load_gold(gold_path)
    assert len(papers) == {"heldout": 100, "dev2": 100, "dev3": 100}.get(name, 50) and len({p["id"] for p in papers}) == len(papers)
    assert [g["id"] for g in gold] == [p["id"] for p in papers]
    for p, g in zip(papers, gold, strict=True):
        assert p["id"].startswith("arxiv:")
        assert p["abstract"] == " ".join(p["abstract"].split())
        text = (p["title"] + " " + p["abstract"]).lower()
        names = [S.normalise(c["name"]) for c in g["concepts"] + g["optional"]]
        # The held-out gold is adjudicated by its annotators, not here: a repeated name there is
        # theirs to settle (it costs at most one unmatched gold item), and is not read here.
        assert name == "heldout" or len(names) == len(set(names)), g["id"]
        for c in g["concepts"] + g["optional"]:
            assert set(c) == {"name", "types", "aliases"}
            assert 1 <= len(c["types"]) <= 2 and set(c["types"]) <= set(CONCEPT_TYPES), c
            # aliases are surface forms of the text
            for alias in c["aliases"]:
                assert alias.lower() in text, (g["id"], alias)


def test_dev_set_is_disjoint_from_the_eval_set():
    (dev_path, _), (eval_path, _) = S.SETS["dev"], S.SETS["eval"]
    dev = [json.loads(line) for line in dev_path.read_text(encoding="utf-8").splitlines()]
    held_out = [json.loads(line) for line in eval_path.read_text(encoding="utf-8").splitlines()]
    assert not {p["id"] for p in dev} & {p["id"] for p in held_out}
    titles = {" ".join(p["title"].lower().split()) for p in held_out}
    assert not [p["id"] for p in dev if " ".join(p["title"].lower().split()) in titles]


def test_development_sets_share_no_paper_with_the_held_out_sets():
    def ids_and_titles(name):
        papers_path = S.SETS[name][0]
        records = [json.loads(line) for line in papers_path.read_text(encoding="utf-8").splitlines()]
        return {p["id"] for p in records}, {" ".join(p["title"].lower().split()) for p in records}

    for development in ("dev", "dev2", "dev3"):
        dev_ids, dev_titles = ids_and_titles(development)
        for held_out in ("eval", "heldout"):
            ids, titles = ids_and_titles(held_out)
            assert not dev_ids & ids and not dev_titles & titles, (development, held_out)
