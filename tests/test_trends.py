"""Concept time series: counts per period, growth with its uncertainty, Kleinberg bursts, the command."""

from __future__ import annotations

import json
import math
from collections import Counter

import pytest
from click.testing import CliRunner

from papergraph.cli import cli
from papergraph.errors import InputError
from papergraph.trends import concept_trends, plot_trends
from papergraph.types import Concept, Extraction, Listing, Mention, Paper

MONTHS = ("2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06")
PAPERS_PER_MONTH = 10
# Papers per month mentioning each concept: LoRA bursts late, ImageNet early, GPT-4 is steady.
PLAN = {
    "LoRA": (1, 0, 0, 0, 8, 8),
    "ImageNet": (5, 5, 0, 0, 0, 0),
    "GPT-4": (2, 2, 2, 2, 2, 2),
}


def _plan_corpus() -> tuple[list[Paper], Extraction]:
    """Ten papers a month for six months, each on a day of its month; concepts as in PLAN."""
    concepts = {name: Concept(f"concept:{name.lower()}", name, ("method",)) for name in PLAN}
    papers, mentions = [], []
    for m, month in enumerate(MONTHS):
        for k in range(PAPERS_PER_MONTH):
            paper_id = f"p{m}{k}"
            day = f"{month}-{k + 1:02d}"
            papers.append(Paper(paper_id, f"Paper {paper_id}", "An abstract.",
                                (Listing("days.jsonl", "days.jsonl", k + 1, "t", "a", date=day),)))
            mentions += [Mention(paper_id, concepts[name].id, 1) for name, plan in PLAN.items() if k < plan[m]]
    return papers, Extraction(tuple(sorted(concepts.values(), key=lambda c: c.id)), tuple(mentions))


@pytest.fixture(scope="module")
def trends():
    papers, extraction = _plan_corpus()
    return concept_trends(papers, extraction, period="month")


def _row(trends, name):
    return trends.table.set_index("name").loc[name]


def test_counts_per_period_are_the_papers_of_each_month(trends):
    assert list(trends.totals.index) == list(MONTHS)
    assert trends.totals.tolist() == [PAPERS_PER_MONTH] * len(MONTHS)
    for name, plan in PLAN.items():
        assert trends.counts.loc[f"concept:{name.lower()}"].tolist() == list(plan)
        assert _row(trends, name)["papers"] == sum(plan)
    assert trends.undated == 0


def test_first_and_last_seen_are_the_dates_of_the_first_and_last_paper(trends):
    assert (_row(trends, "LoRA")["first_seen"], _row(trends, "LoRA")["last_seen"]) == ("2024-01-01", "2024-06-08")
    assert (_row(trends, "ImageNet")["first_seen"], _row(trends, "ImageNet")["last_seen"]) == ("2024-01-01",
                                                                                                 "2024-02-05")


def test_growth_is_the_late_over_early_rate_with_an_exact_interval(trends):
    lora = _row(trends, "LoRA")
    assert (lora["early"], lora["late"]) == (1, 16)
    assert lora["growth"] == pytest.approx(16.0)
    # Exact binomial test: 16 of 17 in the later half where half are expected.
    assert lora["p_value"] == pytest.approx(2 * 18 / 2**17)
    assert 1 < lora["growth_low"] < lora["growth"] < lora["growth_high"]
    assert lora["trend"] == "rising"
    imagenet = _row(trends, "ImageNet")
    assert imagenet["growth"] == 0 and imagenet["growth_high"] < 1 and imagenet["trend"] == "falling"
    gpt4 = _row(trends, "GPT-4")
    assert gpt4["growth"] == pytest.approx(1.0) and gpt4["p_value"] == pytest.approx(1.0)
    assert gpt4["growth_low"] < 1 < gpt4["growth_high"] and gpt4["trend"] == "steady"


def test_kleinberg_flags_the_burst_months_and_nothing_in_a_steady_series(trends):
    lora, imagenet, gpt4 = (_row(trends, name) for name in ("LoRA", "ImageNet", "GPT-4"))
    assert (lora["burst"], lora["burst_start"], lora["burst_end"]) == (True, "2024-05", "2024-06")
    assert trends.in_burst.loc["concept:lora"].tolist() == [False, False, False, False, True, True]
    assert (imagenet["burst"], imagenet["burst_start"], imagenet["burst_end"]) == (True, "2024-01", "2024-02")
    assert not gpt4["burst"] and not trends.in_burst.loc["concept:gpt-4"].any()
    assert lora["burst_strength"] > imagenet["burst_strength"] > 0


def test_small_counts_are_never_called_a_trend():
    papers, _ = _plan_corpus()
    rare = Concept("concept:rare", "rare", ("model",))
    extraction = Extraction((rare,), (Mention("p50", rare.id, 1), Mention("p51", rare.id, 1)))
    row = concept_trends(papers, extraction, period="month").table.iloc[0]
    assert row["late"] == 2 and math.isinf(row["growth"]) and row["trend"] == "steady"


def test_sorting_top_and_type_filter(trends):
    papers, extraction = _plan_corpus()
    by_papers = concept_trends(papers, extraction, period="month", sort="papers")
    assert by_papers.table["name"].tolist() == ["LoRA", "GPT-4", "ImageNet"]
    assert concept_trends(papers, extraction, period="month", sort="burst", top=1).table["name"].tolist() == ["LoRA"]
    assert concept_trends(papers, extraction, period="month", types=["model"]).table.empty


def test_undated_papers_are_left_out_and_counted_and_none_dated_is_an_error():
    papers, extraction = _plan_corpus()
    undated = Paper("x", "Undated", "An abstract.", (Listing("page.txt", "page.txt", 1, "t", "a", date="Sep 16"),))
    assert concept_trends([*papers, undated], extraction, period="month").undated == 1
    with pytest.raises(InputError, match="none of the 1 papers has a date"):
        concept_trends([undated], extraction)


def test_a_month_only_date_counts_by_month_but_not_by_day():
    arxiv_only = Paper("arxiv:2401.00001", "T", "A.", (Listing("x.json", "x.json", 1, "t", "a"),),
                       arxiv_id="2401.00001")
    dated = Paper("d", "T", "A.", (Listing("x.json", "x.json", 2, "t", "a", date="2024-01-05"),))
    extraction = Extraction((), ())
    assert concept_trends([arxiv_only, dated], extraction, period="month").totals.tolist() == [2]
    by_day = concept_trends([arxiv_only, dated], extraction, period="day")
    assert (by_day.totals.tolist(), by_day.undated) == ([1], 1)


def test_the_plot_is_the_same_bytes_every_time(trends, tmp_path):
    for name in ("a.png", "b.png", "a.svg", "b.svg"):
        plot_trends(trends, tmp_path / name)
    assert (tmp_path / "a.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()
    assert b"LoRA" in (tmp_path / "a.svg").read_bytes()


@pytest.fixture(scope="module")
def day_files(tmp_path_factory):
    """The PLAN as real listings: one JSON Lines file per day, concepts named in the abstracts."""
    folder = tmp_path_factory.mktemp("days")
    for m, month in enumerate(MONTHS):
        for k in range(PAPERS_PER_MONTH):
            named = [name for name, plan in PLAN.items() if k < plan[m]]
            abstract = (f"We study problem {m}{k} of sorting lists. "
                        + (f"We use {' and '.join(named)} in our experiments." if named else "We use nothing known."))
            record = {"title": f"Sorting lists, part {m}{k}", "abstract": abstract}
            (folder / f"{month}-{k + 1:02d}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return folder


def test_the_command_counts_agree_with_a_count_made_from_papers_and_extract(day_files):
    runner = CliRunner()
    papers = [json.loads(line) for line in
              runner.invoke(cli, ["papers", str(day_files), "--format", "jsonl", "-q"]).output.splitlines()]
    extracted = [json.loads(line) for line in
                 runner.invoke(cli, ["extract", str(day_files), "--format", "jsonl", "-q"]).output.splitlines()]
    month_of = {paper["id"]: paper["first_listed"][:7] for paper in papers}
    expected = Counter((concept["name"], month_of[paper["id"]]) for paper in extracted for concept in paper["concepts"])

    result = runner.invoke(cli, ["trends", str(day_files), "--period", "month", "--top", "0", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    found = Counter({(row["name"], month): n for row in rows for month, n in row["counts"].items() if n})
    assert found == expected
    assert {name for name, _ in found} >= set(PLAN)
    lora = next(row for row in rows if row["name"] == "LoRA")
    assert (lora["trend"], lora["burst_start"], len(lora["paper_ids"])) == ("rising", "2024-05", 17)


def test_the_command_table_and_plot(day_files, tmp_path):
    result = CliRunner().invoke(cli, ["trends", str(day_files), "--top", "3", "--sort", "papers",
                                      "--plot", str(tmp_path / "t.png")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("papers per week, 2024-W01 to 2024-W24")
    assert lines[1].split()[:3] == ["trend", "growth", "(95%"]
    assert "LoRA (method)" in lines[2]
    assert (tmp_path / "t.png").stat().st_size > 0


def test_the_command_on_undated_pages_is_one_clean_error():
    result = CliRunner().invoke(cli, ["trends"])  # the bundled sample: page dumps whose dates have no year
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith("Error: none of the 659 papers has a date to count by")
