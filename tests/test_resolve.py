"""Resolving listings into papers: identity, near-duplicates, blocking, stable ids, views."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

import pytest

import papergraph.resolve as resolve
from papergraph.listings import read_listings
from papergraph.ids import canonical_arxiv_id
from papergraph.resolve import (normalize_title, paper_record, papers_frame,
                                resolve_papers)
from papergraph.types import Listing

MEMORY = ("We show that transformer-based large language models are computationally universal when "
          "augmented with an external memory.")
OTHER = "We prove a lower bound on the regret of online learning with limited memory."


def listing(title: str, abstract: str = MEMORY, source: str = "a.txt", position: int = 1,
            arxiv_id: str | None = None) -> Listing:
    return Listing(source, source, position, title, abstract, arxiv_id=arxiv_id)


@pytest.fixture(scope="module")
def sample_papers():
    return resolve_papers(read_listings().listings)


# --- the samples ------------------------------------------------------------------------

def test_samples_resolve_to_659_papers_repeated_2_3_or_4_times(sample_papers):
    assert len(sample_papers) == 659
    assert sum(len(paper.listings) for paper in sample_papers) == 725
    assert set(Counter(len(paper.listings) for paper in sample_papers)) == {1, 2, 3, 4}


def test_autonumerics_zero_is_one_paper_on_four_pages(sample_papers):
    [paper] = [p for p in sample_papers if p.title.startswith("AutoNumerics-Zero")]
    assert len(paper.listings) == 4 and len(paper.pages) == 4


def test_the_two_computationally_universal_papers_stay_apart(sample_papers):
    universal = sorted(p.title for p in sample_papers if p.title.endswith("are Computationally Universal"))
    assert universal == ["Autoregressive Large Language Models are Computationally Universal",
                         "Memory Augmented Large Language Models are Computationally Universal"]


def test_sample_ids_are_hashes_of_the_normalised_title(sample_papers):
    for paper in sample_papers:
        digest = hashlib.sha1(normalize_title(paper.title).encode("utf-8")).hexdigest()[:12]
        assert paper.id == f"title:{digest}"
    assert [p.id for p in sample_papers] == sorted(p.id for p in sample_papers)


# --- normalisation and arXiv ids ---------------------------------------------------------

@pytest.mark.parametrize(("a", "b"), [
    ("LightHGNN: MLPs for $100\\times$ Faster Inference", "LightHGNN — MLPs for 100× faster inference"),
    ("Ｆｕｌｌ-ｗｉｄｔｈ Ｔｉｔｌｅ", "full width title"),
    ("  Attention   Is\tAll You Need ", "attention is all you need"),
    ("$\\alpha$-Divergence and $\\mathbf{\\beta}$-VAE", "α divergence and β VAE"),
    ("Don't Stop Pretraining", "Dont stop pretraining!"),
])
def test_normalize_title_equates_spellings_of_one_title(a, b):
    assert normalize_title(a) == normalize_title(b)


def test_normalize_title_keeps_different_titles_different():
    assert normalize_title("Llama 2") != normalize_title("Llama 3")
    assert normalize_title("???") == "???"


@pytest.mark.parametrize(("value", "expected"), [
    ("2405.15738v3", "2405.15738"), ("arXiv:2405.15738", "2405.15738"),
    ("https://arxiv.org/pdf/2405.15738v1.pdf", "2405.15738"), ("math.GT/0309136", "math.GT/0309136"),
    ("hep-th/9901001v2", "hep-th/9901001"), ("12345", None), ("", None), (None, None), (2405.15738, None),
])
def test_canonical_arxiv_id(value, expected):
    assert canonical_arxiv_id(value) == expected


# --- identity rules -------------------------------------------------------------------------

def test_versions_of_an_arxiv_id_are_one_paper():
    papers = resolve_papers([listing("A", arxiv_id="2401.00001v1"), listing("A v2", "Other.", "b.txt",
                                                                            arxiv_id="2401.00001v2")])
    assert [(p.id, p.arxiv_id, len(p.listings)) for p in papers] == [("arxiv:2401.00001", "2401.00001", 2)]


def test_an_id_less_listing_joins_the_arxiv_paper_with_its_exact_title():
    papers = resolve_papers([listing("Memory Augmented LLMs", arxiv_id="2401.00001"),
                             listing("memory-augmented LLMs", "A shorter, different abstract.", "b.txt")])
    assert [(p.id, len(p.listings)) for p in papers] == [("arxiv:2401.00001", 2)]


def test_an_exact_title_shared_by_two_arxiv_papers_is_not_guessed():
    papers = resolve_papers([listing("Same Title", OTHER, arxiv_id="2401.00001"),
                             listing("Same Title", OTHER + " Another.", "b.txt", arxiv_id="2401.00002"),
                             listing("Same Title", "Unrelated words entirely here.", "c.txt")])
    assert sorted(len(p.listings) for p in papers) == [1, 1, 1]


def test_near_duplicate_titles_merge_only_when_abstracts_agree():
    near = "Memory Augmented Large Language Model are Computationally Universal"
    papers = resolve_papers([listing("Memory Augmented Large Language Models are Computationally Universal"),
                             listing(near, MEMORY.replace("external", "outside"), "b.txt"),
                             listing(near.replace("Model", "Modles"), OTHER, "c.txt", 2)])
    assert sorted(len(p.listings) for p in papers) == [1, 2]


def test_near_duplicate_titles_with_different_numbers_stay_apart():
    papers = resolve_papers([listing("Overview of the BioASQ 2024 Challenge on Biomedical Question Answering"),
                             listing("Overview of the BioASQ 2025 Challenge on Biomedical Question Answering",
                                     source="b.txt")])
    assert len(papers) == 2


def test_two_arxiv_ids_never_merge():
    papers = resolve_papers([listing("Same Title", arxiv_id="2401.00001"),
                             listing("Same Title", source="b.txt", arxiv_id="2401.00002")])
    assert [p.id for p in papers] == ["arxiv:2401.00001", "arxiv:2401.00002"]


def test_an_id_less_near_duplicate_joins_an_arxiv_paper_when_abstracts_agree():
    papers = resolve_papers([listing("Memory Augmented Large Language Models are Computationally Universal",
                                     arxiv_id="2301.04589"),
                             listing("Memory-Augmented Large Language Model are Computationally Universal",
                                     source="b.txt")])
    assert [(p.id, len(p.listings)) for p in papers] == [("arxiv:2301.04589", 2)]


def test_fuzzy_comparison_is_blocked_not_quadratic(monkeypatch):
    calls = []
    ratio = resolve.fuzz.ratio

    class CountingFuzz:
        @staticmethod
        def ratio(a, b, **kwargs):
            calls.append((a, b))
            return ratio(a, b, **kwargs)

    monkeypatch.setattr(resolve, "fuzz", CountingFuzz)
    words = [f"w{i:03d}{chr(97 + i % 26)}" for i in range(600)]
    listings = [listing(f"{words[2 * i]} {words[2 * i + 1]} and things", f"Abstract {i}.", position=i + 1)
                for i in range(300)]
    listings.append(listing(f"{words[0]} {words[1]} and thing", "Abstract 0.", "b.txt"))
    papers = resolve_papers(listings)
    assert len(papers) == 300
    title_comparisons = [pair for pair in calls if "abstract" not in pair[0]]
    assert len(title_comparisons) < 300 * 299 / 2 / 50


# --- determinism and views -------------------------------------------------------------------

def test_result_does_not_depend_on_input_order():
    listings = read_listings().listings
    forward = resolve_papers(listings)
    backward = resolve_papers(reversed(listings))
    assert forward == backward


def test_paper_record_is_the_jsonl_shape(sample_papers):
    record = paper_record(next(p for p in sample_papers if len(p.listings) == 4))
    assert set(record) == {"id", "title", "abstract", "first_listed", "published", "listings"}
    assert len(record["listings"]) == 4
    assert all(set(x) == {"source", "date", "position"} for x in record["listings"])
    assert re.fullmatch(r"title:[0-9a-f]{12}", record["id"])


def test_papers_frame_has_one_row_per_paper(sample_papers):
    frame = papers_frame(sample_papers)
    assert len(frame) == 659
    assert list(frame.columns) == ["id", "title", "abstract", "arxiv_id", "authors", "n_listings", "n_pages",
                                   "dates", "first_listed", "published", "pages", "sources"]
    assert frame["n_listings"].sum() == 725
    assert frame["id"].tolist() == [p.id for p in sample_papers]
