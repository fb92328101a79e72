"""Draw the papers of the evaluation set, reproducibly.

Run from the repository root::

    .venv/bin/python tests/eval/draw.py            # writes tests/eval/papers.jsonl
    .venv/bin/python tests/eval/draw.py --check    # verifies papers.jsonl matches a fresh draw
    .venv/bin/python tests/eval/draw.py --set dev [--check]   # the development set, dev/papers.jsonl

The draw uses :data:`SEED` and is deterministic given the corpora in
``/work/shared/corpora`` (kept byte-identical): candidates are gathered, de-duplicated by
arXiv id, sorted by id, and sampled with ``random.Random(SEED).sample``.

* ``arxiv-daily-cs``: :data:`N_ARXIV` papers whose *primary* (first) category is an ML or
  systems category (:data:`ML_SYSTEMS_CATEGORIES`).
* ``hf-daily-papers``: :data:`N_HF` papers (all Hugging Face Daily Papers are ML papers);
  days whose entries are stored as Python-repr strings are skipped; the one day wrapping the
  array in ``{"status", "date", "count", "data"}`` is unwrapped.

Papers whose normalised title equals a line of the bundled sample listing pages
(``/work/shared/listings/*.txt``) are excluded, as are papers already drawn from the other
corpus. Nothing else is filtered: papers are taken as drawn.

``--set dev`` draws the *development* set (``dev/papers.jsonl``) the same way with
:data:`DEV_SEED`, and also excludes every paper of the evaluation set (its fresh draw and
``papers.jsonl``, by arXiv id and by normalised title).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

SEED = 20250518
DEV_SEED = 20250607
#: The second held-out set (issue 9): 100 papers, annotated twice independently, adjudicated.
HELDOUT_SEED = 20261203
N_HELDOUT_ARXIV = 60
N_HELDOUT_HF = 40
#: The second development set: 100 more papers to learn from and read errors on.
DEV2_SEED = 20261204
DEV3_SEED = 20261208
N_ARXIV = 30
N_HF = 20
CORPORA = Path("/work/shared/corpora")
SAMPLE_LISTINGS = Path("/work/shared/listings")
OUT = Path(__file__).resolve().parent / "papers.jsonl"
DEV_OUT = Path(__file__).resolve().parent / "dev" / "papers.jsonl"
HELDOUT_OUT = Path(__file__).resolve().parent / "heldout" / "papers.jsonl"
DEV2_OUT = Path(__file__).resolve().parent / "dev2" / "papers.jsonl"
DEV3_OUT = Path(__file__).resolve().parent / "dev3" / "papers.jsonl"

ML_SYSTEMS_CATEGORIES = frozenset(
    {"cs.LG", "cs.CL", "cs.CV", "cs.AI", "cs.NE", "cs.DC", "cs.AR", "cs.PF", "stat.ML"}
)


def norm_space(text: str) -> str:
    """Collapse all whitespace (newlines included) to single spaces."""
    return " ".join(str(text).split())


def norm_title(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def sample_titles() -> set[str]:
    titles: set[str] = set()
    for path in sorted(SAMPLE_LISTINGS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                titles.add(norm_title(line))
    return titles


def arxiv_candidates() -> dict[str, dict]:
    found: dict[str, dict] = {}
    for path in sorted((CORPORA / "arxiv-daily-cs").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                rec = json.loads(line)
                cats = rec.get("categories") or []
                if not cats or cats[0] not in ML_SYSTEMS_CATEGORIES:
                    continue
                pid, title, summary = rec.get("id"), rec.get("title"), rec.get("summary")
                if pid and title and summary and pid not in found:
                    found[pid] = {"id": pid, "title": title, "summary": summary}
    return found


def hf_candidates() -> dict[str, dict]:
    found: dict[str, dict] = {}
    for path in sorted((CORPORA / "hf-daily-papers").glob("*.json.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        if isinstance(data, dict):
            data = data.get("data") or []
        if any(not isinstance(entry, dict) for entry in data):
            continue  # a day stored as Python-repr strings: skipped for drawing
        for entry in data:
            paper = entry.get("paper") or {}
            pid, title, summary = paper.get("id"), paper.get("title"), paper.get("summary")
            if pid and title and summary and pid not in found:
                found[pid] = {"id": pid, "title": title, "summary": summary}
    return found


def draw(pool: dict[str, dict], n: int, rng: random.Random, exclude_ids: set[str],
         exclude_titles: set[str]) -> list[dict]:
    ids = sorted(pool)
    chosen: list[dict] = []
    # Shuffle the whole (sorted) pool once and walk it: the first n eligible papers are taken.
    order = rng.sample(ids, len(ids))
    for pid in order:
        rec = pool[pid]
        if pid in exclude_ids or norm_title(rec["title"]) in exclude_titles:
            continue
        chosen.append(rec)
        if len(chosen) == n:
            break
    return chosen


def _eval_exclusions() -> tuple[set[str], set[str]]:
    """Ids and normalised titles of the evaluation set (fresh draw and papers.jsonl)."""
    ids: set[str] = set()
    titles: set[str] = set()
    recs = draw_all("eval")
    if OUT.exists():
        recs += [json.loads(line) for line in OUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in recs:
        ids.add(r["id"].split(":", 1)[1])
        titles.add(norm_title(r["title"]))
    return ids, titles


def _set_exclusions(path: Path) -> tuple[set[str], set[str]]:
    """Ids and normalised titles of the papers in an existing set file."""
    recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["id"].split(":", 1)[1] for r in recs}, {norm_title(r["title"]) for r in recs}


def draw_all(which: str = "eval") -> list[dict]:
    titles = sample_titles()
    exclude: set[str] = set()
    n_arxiv, n_hf, seed = N_ARXIV, N_HF, SEED
    if which in ("dev", "heldout", "dev2", "dev3"):
        exclude, eval_titles = _eval_exclusions()
        titles |= eval_titles
        seed = DEV_SEED
    if which == "heldout":
        dev_ids, dev_titles = _set_exclusions(DEV_OUT)
        exclude |= dev_ids
        titles |= dev_titles
        n_arxiv, n_hf, seed = N_HELDOUT_ARXIV, N_HELDOUT_HF, HELDOUT_SEED
    if which == "dev2":
        for path in (DEV_OUT, HELDOUT_OUT):
            set_ids, set_titles = _set_exclusions(path)
            exclude |= set_ids
            titles |= set_titles
        n_arxiv, n_hf, seed = N_HELDOUT_ARXIV, N_HELDOUT_HF, DEV2_SEED
    if which == "dev3":
        for path in (DEV_OUT, HELDOUT_OUT, DEV2_OUT):
            set_ids, set_titles = _set_exclusions(path)
            exclude |= set_ids
            titles |= set_titles
        n_arxiv, n_hf, seed = N_HELDOUT_ARXIV, N_HELDOUT_HF, DEV3_SEED
    rng = random.Random(seed)
    arxiv = draw(arxiv_candidates(), n_arxiv, rng, exclude, titles)
    hf = draw(hf_candidates(), n_hf, rng, exclude | {r["id"] for r in arxiv}, titles)
    return [
        {"id": f"arxiv:{r['id']}", "title": norm_space(r["title"]), "abstract": norm_space(r["summary"])}
        for r in arxiv + hf
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the existing papers.jsonl")
    parser.add_argument("--set", dest="which", choices=("eval", "dev", "heldout", "dev2", "dev3"), default="eval",
                        help="eval: papers.jsonl (SEED); dev: dev/papers.jsonl (DEV_SEED, "
                             "excluding the eval set); heldout: heldout/papers.jsonl (HELDOUT_SEED, "
                             "100 papers, excluding eval and dev); dev2: dev2/papers.jsonl (DEV2_SEED, "
                             "100 papers, excluding eval, dev and heldout); dev3: dev3/papers.jsonl (DEV3_SEED, "
                             "100 papers, excluding all the others) (default: %(default)s)")
    args = parser.parse_args(argv)
    out = {"eval": OUT, "dev": DEV_OUT, "heldout": HELDOUT_OUT, "dev2": DEV2_OUT, "dev3": DEV3_OUT}[args.which]
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in draw_all(args.which))
    if args.check:
        same = out.exists() and out.read_text(encoding="utf-8") == text
        print(f"{out.name} ({args.which}) matches a fresh draw" if same
              else f"{out.name} ({args.which}) DIFFERS from a fresh draw")
        return 0 if same else 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({text.count(chr(10))} papers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
