"""Generate a large listing corpus from real ones, to measure papergraph beyond the corpora we have.

Usage::

    .venv/bin/python benchmarks/generate_corpus.py N OUT [--seed S] [--source DIR ...]

Reads the source listings with papergraph's own reader (default: ``../shared/corpora/arxiv-daily-cs``
beside the repository), resolves them into papers, and writes N papers into OUT as one gzipped
JSON Lines file per listing day (``2030-01-01.jsonl.gz``, ...), records ``{"id", "title", "summary",
"authors", "categories"}``: a format papergraph reads.

- Every paper gets a fresh arXiv-like id (``3001.10000`` on: months that do not exist yet), so
  nothing collides with the real papers and copies of one source paper are different papers.
- The source papers are drawn in a seeded order, as many rounds as N needs. The first round
  keeps the real text; later rounds perturb it word by word (a word replaced by one drawn from
  the corpus's words, dropped, or swapped with the next), about 15% of a title's words and
  10% of an abstract's, so concepts keep realistic frequencies without repeating text exactly.
- Each paper keeps its source's listing pattern (listed on one day, or again some days later),
  shifted to a random first day; the number of days grows with N so a day holds as many papers
  as in the source. A small share of repeated listings (``--without-id``) carries no id, as on
  pages that name papers by title only, so identity by title is exercised too.
- Same arguments and seed: the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

from papergraph.listings import read_listings
from papergraph.resolve import resolve_papers

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT / ".." / "shared" / "corpora" / "arxiv-daily-cs"
FIRST_DAY = dt.date(2030, 1, 1)
TITLE_EDIT_RATE = 0.15
ABSTRACT_EDIT_RATE = 0.10


def fake_arxiv_id(index: int) -> str:
    """The ``index``-th fresh id: 90,000 a month from January 2030 (``3001.10000``)."""
    month, number = divmod(index, 90_000)
    year, month = divmod(month, 12)
    return f"{30 + year:02d}{month + 1:02d}.{10_000 + number:05d}"


def perturb(text: str, rate: float, pool: list[str], rng: random.Random) -> str:
    """``text`` with about ``rate`` of its words replaced, dropped or swapped (at least one edit)."""
    words = text.split()
    if not words:
        return text
    for position in rng.sample(range(len(words)), max(1, round(rate * len(words)))):
        if position >= len(words):  # a drop made the text shorter
            continue
        edit = rng.random()
        if edit < 0.6:
            words[position] = rng.choice(pool)
        elif edit < 0.8 and len(words) > 1:
            del words[position]
        elif position + 1 < len(words):
            words[position], words[position + 1] = words[position + 1], words[position]
    return " ".join(words)


def _day_offsets(paper) -> list[int]:
    """The paper's listing days, as offsets from its first one (0 for undated listings)."""
    days = sorted({dt.date.fromisoformat(x.date) for x in paper.listings if x.date and len(x.date) == 10})
    if not days:
        return [0] * len(paper.pages)
    return [(day - days[0]).days for day in days]


def generate(n: int, out: Path, *, seed: int = 0, sources: list[Path] | None = None,
             without_id: float = 0.02) -> int:
    """Write ``n`` papers into ``out``; return the number of day files written."""
    papers = resolve_papers(read_listings([str(s) for s in sources or [DEFAULT_SOURCE]]).listings)
    if not papers:
        raise SystemExit("no papers in the sources")
    source_days = {x.date for p in papers for x in p.listings}
    n_days = max(1, round(len(source_days) * n / len(papers)))
    rng = random.Random(seed)
    pool = [word for paper in rng.sample(papers, min(len(papers), 2_000)) for word in paper.abstract.split()]
    days: dict[int, list[tuple[float, dict]]] = defaultdict(list)
    index = 0
    round_number = 0
    while index < n:
        order = list(range(len(papers)))
        random.Random(f"{seed}:order:{round_number}").shuffle(order)
        for source_index in order[: n - index]:
            paper = papers[source_index]
            paper_rng = random.Random(f"{seed}:{round_number}:{source_index}")
            title, abstract = paper.title, paper.abstract
            if round_number:
                title = perturb(title, TITLE_EDIT_RATE, pool, paper_rng)
                abstract = perturb(abstract, ABSTRACT_EDIT_RATE, pool, paper_rng)
            offsets = _day_offsets(paper)
            first = paper_rng.randrange(max(1, n_days - offsets[-1]))
            record = {"id": fake_arxiv_id(index), "title": title, "summary": abstract,
                      "authors": list(paper.authors), "categories": ["cs.XX"]}
            for listing_number, offset in enumerate(offsets):
                if first + offset >= n_days:
                    break
                entry = record
                if listing_number and paper_rng.random() < without_id:
                    entry = {key: value for key, value in record.items() if key != "id"}
                days[first + offset].append((paper_rng.random(), entry))
            index += 1
        round_number += 1
    out.mkdir(parents=True, exist_ok=True)
    for day, entries in sorted(days.items()):
        name = (FIRST_DAY + dt.timedelta(days=day)).isoformat() + ".jsonl.gz"
        lines = "".join(json.dumps(entry, ensure_ascii=False) + "\n" for _, entry in sorted(entries, key=_by_key))
        with open(out / name, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle:
            handle.write(lines.encode("utf-8"))
    return len(days)


def _by_key(item: tuple[float, dict]) -> tuple[float, str]:
    return item[0], item[1].get("id", "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of papers to write")
    parser.add_argument("out", type=Path, help="folder to write the day files into")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--source", type=Path, action="append", help="listing files or folders to draw from")
    parser.add_argument("--without-id", type=float, default=0.02,
                        help="share of repeated listings written without id (default 0.02)")
    args = parser.parse_args(argv)
    files = generate(args.n, args.out, seed=args.seed, sources=args.source, without_id=args.without_id)
    print(f"{args.n} papers in {files} day files in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
