"""Score papergraph's concept extractor against the hand-annotated gold set.

Run from the repository root::

    .venv/bin/python tests/eval/score.py            # micro P/R/F1, typed and untyped, per type
    .venv/bin/python tests/eval/score.py --errors   # plus false positives / negatives per paper
    .venv/bin/python tests/eval/score.py --set dev --errors   # the development set (tests/eval/dev/)
    .venv/bin/python tests/eval/score.py --set all   # strict and lenient typed F1 on every set (make eval)

or import it: ``score(predictions, gold) -> Scores``.

Matching rules (see ``tests/eval/README.md``):

* A predicted concept matches a gold concept when any of its name/aliases equals any of the
  gold name/aliases after :func:`normalise` (case, hyphens/spaces, punctuation, plural "s",
  possessive "'s"); failing that, when the best :func:`rapidfuzz.fuzz.ratio` between the
  normalised strings is >= :data:`FUZZY_THRESHOLD`, both are at least
  :data:`FUZZY_MIN_LENGTH` characters long and both carry the same digits (so "ImageNet-1k"
  never fuzzy-matches "ImageNet-21k", nor "GPT-4" "GPT-4o", nor "ConvNet" "ConvNeXt").
* Matching is one-to-one within a paper: a maximum bipartite matching, exact matches first,
  then fuzzy ones; required gold items are matched before optional ones.
* A prediction matched to an *optional* gold item is neither TP nor FP; an unmatched optional
  item is not a FN.
* Untyped: a match is a TP. Typed: a match whose predicted *primary* type (``types[0]``) is
  one of the gold types (a two-typed gold item accepts either). With ``any_type=True``
  (``--any-type``) any predicted type in the gold types suffices.
* Per type: recall is counted by the gold item's primary type, precision by the predicted
  primary type; both use typed matches.
* Strict (``strict=True``): a prediction matches only by its canonical *name*, not by the
  aliases the extractor attached to it (the lenient rule above credits those too). One
  prediction per gold item holds in both.

Per-paper errors are printed for the development set only: the evaluation and held-out sets
are reported as aggregate figures, so that nobody tunes on them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

HERE = Path(__file__).resolve().parent
PAPERS = HERE / "papers.jsonl"
GOLD = HERE / "gold.jsonl"
#: ``--set``: which papers/gold pair to score; "dev" is the development set for error analysis
SETS = {
    "eval": (PAPERS, GOLD),
    "dev": (HERE / "dev" / "papers.jsonl", HERE / "dev" / "gold.jsonl"),
    "heldout": (HERE / "heldout" / "papers.jsonl", HERE / "heldout" / "gold.jsonl"),
    "dev2": (HERE / "dev2" / "papers.jsonl", HERE / "dev2" / "gold.jsonl"),
    "dev3": (HERE / "dev3" / "papers.jsonl", HERE / "dev3" / "gold.jsonl"),
}
#: the only sets whose per-paper errors may be printed (the others stay held out)
ERRORS_ALLOWED = ("dev", "dev2", "dev3")
TYPES: tuple[str, ...] = ("method", "model", "hardware", "dataset")
FUZZY_THRESHOLD = 90.0
#: fuzzy matching only between normalised strings at least this long ("convnet" is not "convnext")
FUZZY_MIN_LENGTH = 8

__all__ = [
    "GoldItem",
    "Predicted",
    "Counts",
    "TypeCounts",
    "PaperErrors",
    "Scores",
    "normalise",
    "load_papers",
    "load_gold",
    "score",
    "format_scores",
    "main",
]


# ---------------------------------------------------------------------------- records


@dataclass(frozen=True)
class GoldItem:
    """One gold concept of one paper (required or optional)."""

    name: str
    types: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    optional: bool = False

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Predicted:
    """One predicted concept of one paper: name, types (primary first) and aliases."""

    name: str
    types: tuple[str, ...]
    aliases: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return _share(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _share(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


@dataclass
class TypeCounts:
    """Typed counts for one type: precision over predictions of that (primary) type,
    recall over required gold items of that (primary) type."""

    tp_pred: int = 0
    fp: int = 0
    tp_gold: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return _share(self.tp_pred, self.tp_pred + self.fp)

    @property
    def recall(self) -> float:
        return _share(self.tp_gold, self.tp_gold + self.fn)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


@dataclass
class PaperErrors:
    """What went wrong on one paper."""

    paper_id: str
    false_positives: list[Predicted] = field(default_factory=list)
    false_negatives: list[GoldItem] = field(default_factory=list)
    #: matched, but the predicted type is not a gold type: (prediction, gold)
    wrong_type: list[tuple[Predicted, GoldItem]] = field(default_factory=list)


@dataclass
class Scores:
    papers: int
    gold_concepts: int
    gold_optional: int
    predictions: int
    #: predictions matched to optional gold items (neither TP nor FP)
    optional_matches: int
    untyped: Counts
    typed: Counts
    #: per type, typed: recall by gold primary type, precision by predicted primary type
    per_type: dict[str, TypeCounts]
    gold_by_type: dict[str, int]
    errors: list[PaperErrors]
    any_type: bool = False
    strict: bool = False


# ---------------------------------------------------------------------------- matching

_PUNCT = re.compile(r"[^0-9a-z]+")
_POSSESSIVE = re.compile(r"['\u2019]s\b")


def normalise(text: str) -> str:
    """Normalise a concept name for exact comparison.

    Case, hyphens, spaces and punctuation are ignored; a plural or possessive "s" at the end
    of a word of three or more letters is dropped (but not "ss").

    >>> normalise("Large Language Models (LLMs)")
    'largelanguagemodelllm'
    >>> normalise("LLaMA-2") == normalise("llama 2")
    True
    >>> normalise("the LLM's output") == normalise("the LLM output")
    True
    >>> normalise("GPUs"), normalise("loss")
    ('gpu', 'loss')
    """
    text = unicodedata.normalize("NFKC", text).lower()
    text = _POSSESSIVE.sub("", text)
    words = []
    for word in _PUNCT.split(text):
        if len(word) >= 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        if word:
            words.append(word)
    return "".join(words)


def _digits(norm: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+", norm))


def _keys(forms: Iterable[str]) -> set[str]:
    return {k for k in (normalise(f) for f in forms) if k}


def _fuzzy(a: set[str], b: set[str]) -> bool:
    for x in a:
        for y in b:
            if (min(len(x), len(y)) >= FUZZY_MIN_LENGTH and _digits(x) == _digits(y)
                    and fuzz.ratio(x, y) >= FUZZY_THRESHOLD):
                return True
    return False


def _max_matching(n_left: int, edges: list[list[int]], match_right: dict[int, int],
                  free_left: list[int]) -> None:
    """Kuhn's augmenting paths: extend ``match_right`` (right -> left) over ``edges``."""

    def augment(u: int, seen: set[int]) -> bool:
        for v in edges[u]:
            if v in seen:
                continue
            seen.add(v)
            if v not in match_right or augment(match_right[v], seen):
                match_right[v] = u
                return True
        return False

    for u in free_left:
        augment(u, set())


def _match(preds: Sequence[Predicted], golds: Sequence[GoldItem]) -> dict[int, int]:
    """One-to-one matching of predictions (left) to gold items (right): gold index -> pred index.

    Exact edges are matched first, then fuzzy edges extend the matching (without undoing any
    exact pair); within each pass, required gold items are served before optional ones.
    """
    pkeys = [_keys(p.forms) for p in preds]
    gkeys = [_keys(g.forms) for g in golds]
    exact = [[j for j, gk in enumerate(gkeys) if pk & gk] for pk in pkeys]
    fuzzy = [[j for j, gk in enumerate(gkeys) if j not in exact[i] and _fuzzy(pk, gk)]
             for i, pk in enumerate(pkeys)]
    match_right: dict[int, int] = {}
    required = [j for j, g in enumerate(golds) if not g.optional]
    optional = [j for j, g in enumerate(golds) if g.optional]
    for edges in (exact, fuzzy):
        for allowed in (set(required), set(optional)):
            restricted = [[j for j in e if j in allowed] for e in edges]
            used = set(match_right.values())
            _max_matching(len(preds), restricted, match_right,
                          [i for i in range(len(preds)) if i not in used])
    return match_right


def _type_ok(pred: Predicted, gold: GoldItem, any_type: bool) -> bool:
    if not pred.types:
        return False
    candidates = pred.types if any_type else pred.types[:1]
    return any(t in gold.types for t in candidates)


# ---------------------------------------------------------------------------- scoring


def _predictions_by_paper(predictions, strict: bool = False) -> dict[str, list[Predicted]]:
    """Accept an ``Extraction`` or a mapping paper id -> sequence of concepts."""
    out: dict[str, list[Predicted]] = {}
    if isinstance(predictions, Mapping):
        for pid, concepts in predictions.items():
            out[pid] = [_as_predicted(c, strict) for c in concepts]
        return out
    for mention in predictions.mentions:
        concept = predictions.concept(mention.concept_id)
        out.setdefault(mention.paper_id, []).append(_as_predicted(concept, strict))
    return out


def _as_predicted(c, strict: bool = False) -> Predicted:
    """A prediction; ``strict`` keeps only its canonical name to match by."""
    if isinstance(c, Mapping):
        name, types, aliases = c["name"], tuple(c.get("types", ())), tuple(c.get("aliases", ()))
    else:
        name, types, aliases = c.name, tuple(c.types), tuple(c.aliases)
    return Predicted(name, types, () if strict else aliases)


def _gold_by_paper(gold) -> dict[str, list[GoldItem]]:
    out: dict[str, list[GoldItem]] = {}
    for rec in gold:
        items = [GoldItem(c["name"], tuple(c["types"]), tuple(c.get("aliases", ())))
                 for c in rec.get("concepts", ())]
        items += [GoldItem(c["name"], tuple(c["types"]), tuple(c.get("aliases", ())), optional=True)
                  for c in rec.get("optional", ())]
        out[rec["id"]] = items
    return out


def score(predictions, gold, *, any_type: bool = False, strict: bool = False) -> Scores:
    """Score predictions against gold.

    Parameters
    ----------
    predictions : Extraction or mapping
        The extractor's output (concepts reached through its mentions), or a mapping
        ``paper_id -> [Concept | Predicted | {"name", "types", "aliases"}]``.
        Predictions for papers that are not in ``gold`` are ignored.
    gold : iterable of dict
        Gold records as in ``gold.jsonl`` (see :func:`load_gold`).
    any_type : bool
        Typed matches accept any predicted type in the gold types, not only the primary one.
    strict : bool
        Match predictions by their canonical name only, not by their aliases.
    """
    gold_items = _gold_by_paper(gold)
    preds = _predictions_by_paper(predictions, strict)
    untyped, typed = Counts(), Counts()
    per_type = {t: TypeCounts() for t in TYPES}
    gold_by_type = {t: 0 for t in TYPES}
    n_preds = n_opt_matches = n_opt = n_req = 0
    errors: list[PaperErrors] = []

    for pid, golds in gold_items.items():
        ps = preds.get(pid, [])
        n_preds += len(ps)
        match = _match(ps, golds)  # gold index -> pred index
        err = PaperErrors(pid)
        matched_preds = set(match.values())
        for j, g in enumerate(golds):
            if g.optional:
                n_opt += 1
                if j in match:
                    n_opt_matches += 1
                continue
            n_req += 1
            gtype = g.types[0]
            gold_by_type[gtype] = gold_by_type.get(gtype, 0) + 1
            if j not in match:
                untyped.fn += 1
                typed.fn += 1
                per_type.setdefault(gtype, TypeCounts()).fn += 1
                err.false_negatives.append(g)
                continue
            p = ps[match[j]]
            untyped.tp += 1
            ptype = p.types[0] if p.types else "?"
            if _type_ok(p, g, any_type):
                typed.tp += 1
                per_type.setdefault(gtype, TypeCounts()).tp_gold += 1
                per_type.setdefault(ptype, TypeCounts()).tp_pred += 1
            else:
                typed.fn += 1
                typed.fp += 1
                per_type.setdefault(gtype, TypeCounts()).fn += 1
                per_type.setdefault(ptype, TypeCounts()).fp += 1
                err.wrong_type.append((p, g))
        for i, p in enumerate(ps):
            if i in matched_preds:
                continue
            untyped.fp += 1
            typed.fp += 1
            per_type.setdefault(p.types[0] if p.types else "?", TypeCounts()).fp += 1
            err.false_positives.append(p)
        if err.false_positives or err.false_negatives or err.wrong_type:
            errors.append(err)

    return Scores(
        papers=len(gold_items),
        gold_concepts=n_req,
        gold_optional=n_opt,
        predictions=n_preds,
        optional_matches=n_opt_matches,
        untyped=untyped,
        typed=typed,
        per_type=per_type,
        gold_by_type=gold_by_type,
        errors=errors,
        any_type=any_type,
        strict=strict,
    )


# ---------------------------------------------------------------------------- I/O


def _read_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_gold(path: str | Path = GOLD) -> list[dict]:
    """The gold records of ``gold.jsonl``."""
    return _read_jsonl(path)


def load_papers(path: str | Path = PAPERS) -> list:
    """The evaluation papers as :class:`papergraph.types.Paper` objects."""
    from papergraph.types import Paper

    papers = []
    for rec in _read_jsonl(path):
        arxiv_id = rec["id"].split(":", 1)[1] if rec["id"].startswith("arxiv:") else None
        papers.append(Paper(id=rec["id"], title=rec["title"], abstract=rec["abstract"],
                            listings=(), arxiv_id=arxiv_id))
    return papers


def _fmt_concept(c) -> str:
    types = "/".join(c.types)
    extra = [a for a in c.aliases if normalise(a) != normalise(c.name)]
    return f"{c.name} [{types}]" + (f" aka {', '.join(extra[:4])}" if extra else "")


def format_scores(s: Scores, *, errors: bool = False) -> str:
    lines = [
        f"papers: {s.papers}   gold concepts: {s.gold_concepts} required "
        f"({', '.join(f'{t} {s.gold_by_type.get(t, 0)}' for t in TYPES)}), {s.gold_optional} optional",
        f"predictions: {s.predictions} ({s.optional_matches} matched optional items, not scored)",
        f"typed match: predicted {'any type' if s.any_type else 'primary type'} in gold types; "
        f"{'strict: predictions match by canonical name only' if s.strict else 'lenient: predicted aliases match too'}",
        "",
        f"{'':10} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}",
    ]

    def row(label: str, c: Counts | TypeCounts) -> str:
        tp = str(c.tp) if isinstance(c, Counts) else f"{c.tp_pred}/{c.tp_gold}"
        return (f"{label:10} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} "
                f"{tp:>5} {c.fp:5d} {c.fn:5d}")

    lines.append(row("untyped", s.untyped))
    lines.append(row("typed", s.typed))
    lines.append("per type (typed; precision by predicted primary type, recall by gold primary type;")
    lines.append("          TP shown as predicted-side/gold-side):")
    for t in TYPES:
        lines.append(row(f"  {t}", s.per_type.get(t, TypeCounts())))
    for t, c in s.per_type.items():
        if t not in TYPES and (c.tp_pred or c.fp or c.tp_gold or c.fn):
            lines.append(row(f"  {t}", c))
    if errors:
        lines.append("")
        lines.append("errors per paper:")
        for e in s.errors:
            lines.append(f"{e.paper_id}")
            for p in e.false_positives:
                lines.append(f"  FP    {_fmt_concept(p)}")
            for g in e.false_negatives:
                lines.append(f"  FN    {_fmt_concept(g)}")
            for p, g in e.wrong_type:
                lines.append(f"  TYPE  {p.name} [{'/'.join(p.types)}] vs gold {g.name} [{'/'.join(g.types)}]")
    return "\n".join(lines)


def format_summary(rows: Sequence[tuple[str, Scores, Scores]]) -> str:
    """One line per set: typed P/R/F1 strict and lenient, untyped F1 lenient."""
    lines = [
        f"{'set':8} {'papers':>6} {'gold':>5}   {'strict typed P':>14} {'R':>6} {'F1':>6}"
        f"   {'lenient typed P':>15} {'R':>6} {'F1':>6}   {'untyped F1':>10}"
    ]
    for name, strict, lenient in rows:
        lines.append(
            f"{name:8} {strict.papers:6d} {strict.gold_concepts:5d}   {strict.typed.precision:14.3f} "
            f"{strict.typed.recall:6.3f} {strict.typed.f1:6.3f}   {lenient.typed.precision:15.3f} "
            f"{lenient.typed.recall:6.3f} {lenient.typed.f1:6.3f}   {lenient.untyped.f1:10.3f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score extract_concepts against the gold set.")
    parser.add_argument("--set", dest="which", choices=[*SETS, "all"], default="eval",
                        help="eval: tests/eval/{papers,gold}.jsonl; dev: tests/eval/dev/; dev2, dev3: tests/eval/dev2/, dev3/; heldout: "
                             "tests/eval/heldout/; all: a strict and lenient summary of every set "
                             "(default: %(default)s)")
    parser.add_argument("--papers", default=None, help="papers.jsonl (overrides --set)")
    parser.add_argument("--gold", default=None, help="gold.jsonl (overrides --set)")
    parser.add_argument("--errors", action="store_true",
                        help=f"print FPs, FNs and type errors per paper (only with --set {' or '.join(ERRORS_ALLOWED)})")
    parser.add_argument("--any-type", action="store_true",
                        help="typed match accepts any predicted type, not only the primary one")
    parser.add_argument("--strict", action="store_true",
                        help="predictions match by their canonical name only, not by their aliases")
    args = parser.parse_args(argv)
    if args.errors and (args.which not in ERRORS_ALLOWED or args.papers or args.gold):
        print(f"Error: --errors is for the development set only (--set {' or '.join(ERRORS_ALLOWED)}); "
              "the other sets stay held out", file=sys.stderr)
        return 2

    try:
        from papergraph.extract import extract_concepts
    except ImportError as exc:
        print(f"Error: papergraph.extract.extract_concepts is not available ({exc})", file=sys.stderr)
        return 2
    if args.which == "all":
        rows = []
        for name, (papers_path, gold_path) in SETS.items():
            if not Path(gold_path).exists():
                print(f"{name}: skipped, no gold yet ({Path(gold_path).relative_to(HERE.parent.parent)})")
                continue
            extraction = extract_concepts(load_papers(papers_path))
            gold = load_gold(gold_path)
            rows.append((name, score(extraction, gold, any_type=args.any_type, strict=True),
                         score(extraction, gold, any_type=args.any_type)))
        print(format_summary(rows))
        return 0
    papers_path = args.papers or str(SETS[args.which][0])
    gold_path = args.gold or str(SETS[args.which][1])
    if not Path(gold_path).exists():
        print(f"{args.which}: no gold yet ({gold_path}); nothing to score")
        return 0
    papers = load_papers(papers_path)
    extraction = extract_concepts(papers)
    scores = score(extraction, load_gold(gold_path), any_type=args.any_type, strict=args.strict)
    print(format_scores(scores, errors=args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
