"""Dates of papers: which field gives the listing date and which the publication date, per format."""

from __future__ import annotations

import json

import pytest

from papergraph.dates import arxiv_month, choose_period, period_of, period_range
from papergraph.listings import parse_listings
from papergraph.resolve import resolve_papers

ABSTRACT = "We study a thing and show that it works well in practice."


def _papers(data: str, source: str):
    return resolve_papers(parse_listings(data, source).listings)


def test_daily_papers_day_file_gives_the_listing_date_and_the_paper_its_publication_date():
    day = [{"paper": {"id": "2405.15738", "title": "ConvLLaVA", "summary": ABSTRACT,
                      "publishedAt": "2024-05-24T17:34:15.000Z"},
            "publishedAt": "2024-05-27T03:50:58.348Z"}]
    (paper,) = _papers(json.dumps(day), "days/2024-05-28.json")
    assert paper.first_listed == "2024-05-28"  # the file's day, not the entry's timestamp
    assert paper.published == "2024-05-24"  # the paper object's own publishedAt
    assert paper.first_seen == "2024-05-28"


def test_record_fields_give_listing_and_publication_dates():
    text = (json.dumps({"title": "T", "abstract": ABSTRACT, "date": "2025-01-10", "published": "2025-01-02"})
            + "\n" + json.dumps({"title": "U", "abstract": ABSTRACT, "publishedAt": "2025-01-03T10:00:00Z"}) + "\n")
    papers = {p.title: p for p in _papers(text, "records.jsonl")}
    assert (papers["T"].first_listed, papers["T"].published) == ("2025-01-10", "2025-01-02")
    assert (papers["U"].first_listed, papers["U"].published) == ("2025-01-03", "2025-01-03")


def test_arxiv_id_gives_the_month_when_nothing_else_does():
    (paper,) = _papers(json.dumps({"id": "2503.11731v2", "title": "T", "summary": ABSTRACT}), "x.json")
    assert (paper.first_listed, paper.published, paper.first_seen) == (None, "2025-03", "2025-03")


def test_a_date_label_without_a_year_stays_a_label_and_is_never_completed():
    page = f"Sep 16\nA Title\n{ABSTRACT}\n"
    (paper,) = _papers(page, "page.txt")
    assert paper.dates == ("Sep 16",)
    assert (paper.first_listed, paper.published, paper.first_seen) == (None, None, None)


def test_the_earliest_listing_is_the_first_listing():
    text = "\n".join(json.dumps({"id": "2401.00001", "title": "T", "abstract": ABSTRACT, "date": day})
                     for day in ("2024-01-09", "2024-01-03", "2024-01-05"))
    (paper,) = _papers(text, "days.jsonl")
    assert paper.first_listed == "2024-01-03"
    assert paper.published == "2024-01"


@pytest.mark.parametrize("arxiv_id, month", [("0704.0001", "2007-04"), ("1912.12345", "2019-12"),
                                             ("cond-mat/0001001", "2000-01"), ("hep-th/9108001", "1991-08"),
                                             ("2400.00001", None), ("title-only", None)])
def test_arxiv_month(arxiv_id, month):
    assert arxiv_month(arxiv_id) == month


def test_periods_cover_every_label_between_first_and_last_even_empty_ones():
    months = period_range("2024-11-30", "2025-03-01", "month")
    assert months == ["2024-11", "2024-12", "2025-01", "2025-02", "2025-03"]
    weeks = period_range("2024-12-23", "2025-01-13", "week")
    assert weeks == ["2024-W52", "2025-W01", "2025-W02", "2025-W03"]
    assert [period_of(day, "week") for day in ("2024-12-29", "2024-12-30")] == ["2024-W52", "2025-W01"]
    assert choose_period(["2024-05-27", "2026-08-21"]) == "month"
