"""Reading listings: the five sample pages, every input format, and every kind of bad input."""

from __future__ import annotations

import dataclasses
import gzip
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from papergraph.errors import NoListingsError
from papergraph.listings import detect_format, parse_listings, read_listings, sample_paths
from papergraph.listings.records import MAX_LINE_CHARS
from papergraph.types import Listing

FIXTURES = Path(__file__).parent / "fixtures" / "listings"
CHROME = {"new", "Subscribe", "Daily Papers", "Get trending papers in your email inbox!",
          "by AK and the research community", "byAK and the research community"}


def read_one(name: str):
    return read_listings([str(FIXTURES / name)])


def titles(result) -> list[str]:
    return [listing.title for listing in result.listings]


def messages(result) -> str:
    return "\n".join(str(problem) for problem in result.problems)


# --- the bundled samples ------------------------------------------------------------------

@pytest.fixture(scope="module")
def samples():
    return read_listings()


def test_the_samples_hold_exactly_133_127_109_97_259_listings(samples):
    counts = Counter(listing.source for listing in samples.listings)
    assert [counts[path.name] for path in sample_paths()] == [133, 127, 109, 97, 259]
    assert len(samples.listings) == 725
    assert samples.problems == ()


def test_sample_sources_are_bare_file_names_and_positions_count_per_page(samples):
    by_page = Counter(listing.page for listing in samples.listings)
    for listing in samples.listings:
        assert listing.source == listing.page and "/" not in listing.source
        assert 1 <= listing.position <= by_page[listing.page]
    assert len({(x.page, x.position) for x in samples.listings}) == 725


def test_page_chrome_is_dropped_and_glued_subscribe_cut_off(samples):
    assert not CHROME & set(titles(samples))
    first = {listing.source[:3]: listing.title for listing in samples.listings if listing.position == 1}
    assert first["003"] == "Muon is Scalable for LLM Training"
    assert first["004"] == "Thinking Like Transformers"
    assert first["000"] == ("Reinforcement Learning for Adaptive Time-Stepping in the Chaotic "
                            "Gravitational Three-Body Problem")


def test_date_lines_become_the_date_label(samples):
    dates = {listing.source[:3]: listing.date for listing in samples.listings}
    assert dates == {"000": None, "001": "Sep 16", "002": "Mar 13", "003": None, "004": None}


def test_every_sample_abstract_is_the_line_after_its_title(samples):
    lines = {path.name: path.read_text(encoding="utf-8").splitlines() for path in sample_paths()}
    for listing in samples.listings[::7]:
        page = [line.removeprefix("Subscribe") for line in lines[listing.source]]
        after = page[page.index(listing.title) + 1:]
        assert next(line for line in after if line.strip()) == listing.abstract


# --- page text dumps ---------------------------------------------------------------------

def test_blank_line_layout_with_all_the_chrome():
    result = read_one("blank_layout.txt")
    assert titles(result) == ["Low-Rank Adapters at Scale", "Four-Bit Vision Transformers"]
    assert {listing.date for listing in result.listings} == {"Sep 16"}
    assert result.problems == ()


def test_consecutive_layout_with_subscribe_glued_to_the_first_title():
    result = read_one("consecutive_layout.txt")
    assert titles(result) == ["Low-Rank Adapters at Scale", "Sparse Attention for a Million Tokens"]
    assert result.listings[1].abstract.startswith("We show that sparse attention")


def test_crlf_reads_like_lf_without_a_warning():
    crlf = read_one("crlf.txt")
    lf = parse_listings((FIXTURES / "crlf.txt").read_bytes().replace(b"\r\n", b"\n"), str(FIXTURES / "crlf.txt"))
    assert crlf.listings == lf.listings and len(crlf.listings) == 2
    assert crlf.problems == ()


def test_titles_without_abstracts_are_reported_by_line_and_the_rest_is_read():
    result = read_one("title_without_abstract.txt")
    assert titles(result) == ["Low-Rank Adapters at Scale", "Sparse Attention for a Million Tokens"]
    assert [(p.line, "title without an abstract" in p.message) for p in result.problems] == [(3, True), (6, True)]


def test_a_long_paragraph_where_a_title_belongs_is_an_abstract_without_title():
    stray = "We present a method. " * 20
    result = parse_listings(f"[Re] First Title\nFirst abstract.\n{stray}\nLast Title\nLast abstract.\n", "p.txt")
    assert titles(result) == ["[Re] First Title", "Last Title"]
    assert [(p.line, p.message) for p in result.problems] == [(3, "abstract without a title before it; skipped")]


def test_a_text_that_is_no_listing_page_is_refused_not_misread(tmp_path):
    prose = tmp_path / "notes.txt"
    prose.write_text("Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/\n"
                     "TERMS AND CONDITIONS FOR USE\n", encoding="utf-8")
    with pytest.raises(NoListingsError, match="does not look like a listing page"):
        read_listings([prose])


def test_an_enormous_line_is_one_problem_and_the_rest_is_read(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("First Title\nFirst abstract.\nHuge Title\n" + "x" * 200_000 + "\nLast Title\nLast abstract.\n",
                    encoding="utf-8")
    result = read_listings([page])
    assert titles(result) == ["First Title", "Last Title"]
    assert [(p.line, "too long" in p.message) for p in result.problems] == [(4, True)]


# --- encodings, gzip and broken files --------------------------------------------------------

@pytest.mark.parametrize(("name", "message", "line", "n_listings"), [
    ("latin1.txt", "not valid UTF-8 (byte 0xe9); read as Windows-1252", 1, 1),
    ("utf16.txt", "encoded as UTF-16 (byte-order mark)", None, 1),
    ("control.txt", "1 control character(s) replaced by spaces", 1, 1),
    ("2025-03-18.jsonl", "invalid JSON (Unterminated string", 2, 2),
    ("truncated.json", "JSON ends early (truncated?); read the 2 complete record(s)", 15, 2),
    ("truncated.jsonl.gz", "gzip stream is truncated or corrupt", None, 1),
    ("not_records.json", "2 array item(s) are not records", 1, 1),
    ("papers.csv", "title without an abstract", 5, 2),
])
def test_damaged_input_is_one_clear_problem_and_still_read(name, message, line, n_listings):
    result = read_one(name)
    assert len(result.listings) == n_listings
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.path == str(FIXTURES / name)
    assert message in problem.message
    assert problem.line == line


@pytest.mark.parametrize(("name", "message"), [
    ("empty.txt", "empty file"),
    ("binary.txt", "contains NUL bytes"),
    ("wrong_shape.json", "JSON of the wrong shape: found an object with keys status, message"),
    ("no_columns.csv", "CSV header has no title and abstract"),
    ("missing.txt", "no such file or directory"),
])
def test_unusable_input_alone_raises_no_listings_error_naming_the_file(name, message):
    with pytest.raises(NoListingsError) as error:
        read_one(name)
    assert f"{FIXTURES / name}: {message}" in str(error.value)
    assert "\n" not in str(error.value)


def test_unusable_inputs_are_problems_when_others_are_read():
    bad = ["empty.txt", "binary.txt", "wrong_shape.json", "no_columns.csv", "missing.txt"]
    result = read_listings([str(FIXTURES / name) for name in bad] + [str(FIXTURES / "blank_layout.txt")])
    assert len(result.listings) == 2
    assert [Path(problem.path).name for problem in result.problems] == bad


def test_utf16_and_latin1_characters_survive():
    assert titles(read_one("utf16.txt")) == ["Naïve Transformers"]
    assert titles(read_one("latin1.txt")) == ["Café Transformers"]


def test_gzip_is_recognised_by_content_not_name(tmp_path):
    disguised = tmp_path / "page.txt"
    disguised.write_bytes(gzip.compress((FIXTURES / "blank_layout.txt").read_bytes(), mtime=0))
    assert read_listings([disguised]).listings == parse_listings(
        (FIXTURES / "blank_layout.txt").read_bytes(), str(disguised)).listings


def test_an_enormous_json_lines_line_is_skipped(tmp_path):
    days = tmp_path / "days.jsonl"
    huge = json.dumps({"title": "Huge", "abstract": "y" * MAX_LINE_CHARS})
    days.write_text(f'{{"title": "T", "abstract": "A."}}\n{huge}\n', encoding="utf-8")
    result = read_listings([days])
    assert titles(result) == ["T"]
    assert result.problems[0].line == 2 and "too long" in result.problems[0].message


# --- records: Hugging Face API, JSON Lines, JSON arrays, CSV ----------------------------------

def test_hf_day_file_with_a_python_repr_entry():
    result = read_one("2024-05-27.json")
    assert [(x.arxiv_id, x.date, x.position, x.authors) for x in result.listings] == [
        ("2405.00001", "2024-05-27", 1, ("Ada Lovelace",)),
        ("2405.00002", "2024-05-27", 2, ("Alan Turing",)),
    ]
    assert {x.page for x in result.listings} == {str(FIXTURES / "2024-05-27.json")}


def test_hf_day_wrapped_in_an_object_and_gzipped():
    [listing] = read_one("wrapped_2025-01-10.json.gz").listings
    assert (listing.title, listing.arxiv_id, listing.date) == ("Sparse Attention for a Million Tokens",
                                                              "2501.00003", "2025-01-10")


def test_json_lines_fields_are_put_on_one_line_and_dated_by_file_name():
    listing = read_one("2025-03-18.jsonl").listings[0]
    assert listing.title == "Low-Rank Adapters at Scale"
    assert listing.abstract == "We train low-rank adapters on a frozen model and match full fine-tuning."
    assert (listing.arxiv_id, listing.date, listing.authors) == ("2503.00001", "2025-03-18",
                                                                ("Ada Lovelace", "Alan Turing"))


def test_listings_are_made_as_their_constructor_makes_them():
    # Reading makes listings without calling Listing's own constructor: the same records, every field.
    text = ('{"title": "T", "summary": "S.", "id": "2401.00001", "authors": ["A B"], "date": "2024-01-01", '
            '"published": "2023-12-30"}\n{"title": "U", "abstract": "V.", "date": "2024-01-02"}\n')
    listings = parse_listings(text.encode(), "days.jsonl").listings
    remade = [Listing(*(getattr(listing, field.name) for field in dataclasses.fields(Listing))) for listing in listings]
    assert listings == tuple(remade)
    assert [vars(listing) for listing in listings] == [vars(listing) for listing in remade]
    assert [hash(listing) for listing in listings] == [hash(listing) for listing in remade]
    assert listings[0].published == "2023-12-30" and listings[1].page == "days.jsonl#2024-01-02"
    with pytest.raises(dataclasses.FrozenInstanceError):
        listings[0].title = "changed"  # type: ignore[misc]


def test_records_from_several_days_get_one_page_per_day():
    result = read_one("multi_day.json")
    source = str(FIXTURES / "multi_day.json")
    assert [(x.page, x.position, x.date) for x in result.listings] == [
        (f"{source}#2024-01-01", 1, "2024-01-01"),
        (f"{source}#2024-01-02", 1, "2024-01-02"),
        (f"{source}#2024-01-02", 2, "2024-01-02"),
    ]
    assert result.listings[2].arxiv_id == "2401.00003"  # from Title/Abstract/arxiv_id keys in other case


def test_csv_with_quoted_commas_multiline_fields_and_any_case_header():
    result = read_one("papers.csv")
    first, second = result.listings
    assert (first.title, first.arxiv_id, first.authors) == ("Low-Rank Adapters, at Scale", "2404.00001",
                                                           ("Ada Lovelace", "Alan Turing"))
    assert second.abstract == "We quantize vision transformers to four bits with little loss of accuracy."


def test_tab_separated_with_a_summary_column():
    assert titles(read_one("papers.tsv")) == ["Sparse Attention for a Million Tokens"]


@pytest.mark.parametrize(("text", "name", "expected"), [
    ('[{"title": "T"}]', "x.txt", "json"),
    ('{"title": "T", "abstract": "A."}\n{"title": "U", "abstract": "B."}\n', "x", "jsonl"),
    ('{\n  "data": []\n}\n', "x.jsonl.gz", "jsonl"),
    ('{\n  "data": []\n}\n', "x.json", "json"),
    ("Title;Summary\nT;A\n", "x", "csv"),
    ("A Title\nIts abstract.\n", "x.csv", "csv"),
    ("A Title\nIts abstract.\n", "x.json", "text"),
])
def test_format_detection(text, name, expected):
    assert detect_format(text, name) == expected


# --- paths: directories, globs, duplicates, progress --------------------------------------------

def test_directory_walk_is_recursive_and_skips_non_listing_files():
    result = read_listings([str(FIXTURES / "tree")])
    assert [x.source for x in result.listings] == [str(FIXTURES / "tree" / "page.txt"),
                                                   str(FIXTURES / "tree" / "sub" / "days.jsonl.gz")]
    assert result.problems == ()


def test_a_file_named_explicitly_is_always_sniffed():
    with pytest.raises(NoListingsError, match="LICENSE"):
        read_listings([str(FIXTURES / "tree" / "LICENSE")])


def test_globs_and_a_glob_matching_nothing():
    result = read_listings([str(FIXTURES / "tree" / "**" / "*.gz"), str(FIXTURES / "nothing-*.txt")])
    assert [Path(x.source).name for x in result.listings] == ["days.jsonl.gz"]
    assert [p.message for p in result.problems] == ["the pattern matches no files"]


def test_an_empty_directory_is_a_problem(tmp_path):
    (tmp_path / "empty").mkdir()
    result = read_listings([tmp_path / "empty", FIXTURES / "blank_layout.txt"])
    assert "directory holds no listing files" in result.problems[0].message


def test_the_same_page_given_twice_counts_once_with_a_warning(tmp_path):
    copy = tmp_path / "copy.txt"
    shutil.copy(sample_paths()[0], copy)
    result = read_listings([sample_paths()[0], copy])
    assert len(result.listings) == 133
    assert [(p.path, p.message) for p in result.problems] == [(str(copy), f"same content as {sample_paths()[0]}; "
                                                                           "read once")]


def test_a_page_given_again_is_not_parsed_again(tmp_path, monkeypatch):
    import papergraph.listings as listings

    parsed = []
    parse = listings._parse_decoded
    def counted(decoded, source):
        parsed.append(source)
        return parse(decoded, source)

    monkeypatch.setattr(listings, "_parse_decoded", counted)
    for name in ("a.txt", "b.txt"):
        shutil.copy(sample_paths()[1], tmp_path / name)
    result = read_listings([tmp_path])
    assert parsed == [str(tmp_path / "a.txt")]
    assert [p.message for p in result.problems] == [f"same content as {tmp_path / 'a.txt'}; read once"]


def test_same_content_on_different_days_is_two_pages(tmp_path):
    for day in ("2025-03-22", "2025-03-23"):
        shutil.copy(FIXTURES / "records.jsonl.gz", tmp_path / f"{day}.jsonl.gz")
    result = read_listings([tmp_path])
    assert [x.date for x in result.listings] == ["2025-03-22"] * 2 + ["2025-03-23"] * 2
    assert result.problems == ()


def test_a_single_path_string_is_one_input():
    assert len(read_listings(str(FIXTURES / "blank_layout.txt")).listings) == 2


def test_progress_bar_goes_to_stderr(capsys):
    read_listings([FIXTURES / "blank_layout.txt"], progress=True)
    captured = capsys.readouterr()
    assert "reading" in captured.err and captured.out == ""


def test_reading_is_deterministic():
    inputs = [FIXTURES / "tree", FIXTURES / "papers.csv", FIXTURES / "2024-05-27.json"]
    assert read_listings(inputs) == read_listings(inputs)
