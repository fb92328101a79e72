"""Hostile input, as an attacker would try it: one case per mechanism of issue 11.

Every case asserts that no traceback is printed, that nothing hangs (each test has a
timeout; the cases that could block a process run in a subprocess with a timeout of its
own), that the good file given beside the bad one is still read, and the exit code. Big and
odd files are generated in ``tmp_path`` at test time, never committed.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

import papergraph.cli as cli_module
import papergraph.resolve as resolve
from papergraph.cli import cli
from papergraph.listings import limits, read_listings
from papergraph.readwrite._atomic import LOCK_NAME
from papergraph.types import Listing

# A hang (a blocking open, a walk that never ends) fails the test instead of stopping the suite.
pytestmark = pytest.mark.timeout(120)

GOOD_TITLE = "A Good Paper on Low-Rank Adaptation"
GOOD = json.dumps({"title": GOOD_TITLE, "abstract": "We fine-tune large language models with LoRA on GPUs."})


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.jsonl"
    path.write_text(GOOD + "\n", encoding="utf-8")
    return path


def invoke(*args: str | os.PathLike):
    """Run the CLI in this process; the result, after checking that no exception escaped."""
    result = CliRunner().invoke(cli, [os.fspath(arg) for arg in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def run(*args: str | os.PathLike, timeout: float = 90, **kwargs: Any) -> subprocess.CompletedProcess:
    """Run ``papergraph`` in a subprocess (for what needs a real standard output), with a timeout."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    process = subprocess.run([sys.executable, "-m", "papergraph", *map(os.fspath, args)], stderr=subprocess.PIPE,
                             text=True, timeout=timeout, **kwargs)
    assert "Traceback" not in process.stderr
    return process


# Tracebacks -------------------------------------------------------------------------------

def test_a_lone_surrogate_escape_in_a_title_is_replaced_and_the_run_goes_on(tmp_path, good):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "Broken \\ud800 title", "abstract": "An abstract on LoRA."}\n', encoding="utf-8")
    result = invoke("papers", bad, good, "--format", "jsonl")
    assert result.exit_code == 0
    titles = [json.loads(line)["title"] for line in result.stdout.splitlines()]
    assert GOOD_TITLE in titles and "Broken \ufffd title" in titles


@pytest.mark.parametrize("shape", ["jsonl", "json"])
def test_an_integer_of_5000_digits_is_read_not_fatal(tmp_path, good, shape):
    record = '{"title": "Huge Number", "abstract": "An abstract.", "upvotes": ' + "9" * 5_000 + "}"
    bad = tmp_path / f"bad.{shape}"
    bad.write_text(record + "\n" if shape == "jsonl" else f"[{record}]", encoding="utf-8")
    result = invoke("papers", bad, good, "--format", "jsonl")
    assert result.exit_code == 0
    titles = {json.loads(line)["title"] for line in result.stdout.splitlines()}
    assert titles == {GOOD_TITLE, "Huge Number"}


@pytest.mark.parametrize(("content", "message"), [
    ("label\treplace by\n" + "x" * 140_000 + "\ty\nLLaMA\tLlama 2\n", "thesaurus.tsv:2: unreadable row (field larger"),
    ('label\treplace by\n"LLaMA\tLlama 2\nfoo\tbar\nbaz\tqux\n', "thesaurus.tsv:2: unreadable row (a quote is never"),
])
def test_a_bad_thesaurus_row_is_one_error_naming_its_line(tmp_path, good, content, message):
    thesaurus = tmp_path / "thesaurus.tsv"
    thesaurus.write_text(content, encoding="utf-8")
    result = invoke("extract", good, "--thesaurus", thesaurus)
    assert result.exit_code == 1
    assert message in result.stderr


@pytest.mark.parametrize("args", [
    ("--seed", "-5"),
    ("--min-weight", "nan"),
    ("--min-weight", "inf"),
    ("--formats", ""),
    ("--formats", "graphml,pdf"),
    ("--kinds", ""),
    ("--kinds", "mentions,cites"),
])
def test_a_bad_option_is_a_usage_error_before_any_work(tmp_path, args):
    # The input does not exist: had any work started, reading it would have failed with exit 1.
    out = tmp_path / "out"
    result = invoke("build", tmp_path / "missing.jsonl", "--out", out, *args)
    assert result.exit_code == 2
    assert "Invalid value for" in result.stderr
    assert not out.exists()


def test_a_full_device_on_standard_output_is_one_error_line(good):
    with open("/dev/full", "w") as full:
        process = run("papers", good, stdout=full)
    assert process.returncode == 1
    assert process.stderr.strip().splitlines()[-1] == "Error: cannot write to standard output: No space left on device"


def test_sigterm_is_reported_like_ctrl_c(monkeypatch, good, tmp_path):
    def terminated(*args, **kwargs):
        raise cli_module._Terminated

    monkeypatch.setattr("papergraph.api.build", terminated)
    result = invoke("build", good, "--out", tmp_path / "out")
    assert result.exit_code == 143
    assert result.stderr.strip() == "Terminated."


# Resources --------------------------------------------------------------------------------

def _gzip_of_chunks(path: Path, chunk: bytes, count: int) -> None:
    """A gzip file of ``count`` copies of ``chunk``, compressed as it is generated."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    with open(path, "wb") as handle:
        for _ in range(count):
            handle.write(compressor.compress(chunk))
        handle.write(compressor.flush())


def test_a_gzip_bomb_is_cut_at_the_size_limit_and_the_good_file_read(tmp_path, good):
    bomb = tmp_path / "bomb.txt.gz"
    mib = limits.MAX_FILE_BYTES // (1024 * 1024)
    _gzip_of_chunks(bomb, b"\n" * (1024 * 1024), mib + 16)
    assert bomb.stat().st_size < mib * 1024 * 1024 // 100
    result = read_listings([bomb, good])
    assert [listing.title for listing in result.listings] == [GOOD_TITLE]
    assert [problem.message.split(";")[0] for problem in result.problems] == [f"larger than {mib:,} MiB (decompressed)"]


def test_a_file_of_too_many_records_gives_the_first_ones_and_one_warning(tmp_path, good):
    record = (json.dumps({"title": "Templated", "abstract": "Same abstract."}) + "\n").encode()
    crowd = tmp_path / "crowd.jsonl.gz"
    _gzip_of_chunks(crowd, record * 1_000, limits.MAX_ENTRIES_PER_FILE // 1_000 + 5)
    result = read_listings([crowd, good])
    assert len(result.listings) == limits.MAX_ENTRIES_PER_FILE + 1
    assert result.listings[-1].title == GOOD_TITLE
    assert [problem.message for problem in result.problems] == [
        f"more than {limits.MAX_ENTRIES_PER_FILE:,} records; read the first {limits.MAX_ENTRIES_PER_FILE:,} only "
        "(split bigger collections into several files)"
    ]


def test_a_page_dump_of_millions_of_short_lines_stops_at_the_line_limit(tmp_path, good):
    page = tmp_path / "page.txt.gz"
    _gzip_of_chunks(page, b"new\n" * 100_000, 50)  # 5 million lines of page chrome
    result = read_listings([page, good])
    assert [listing.title for listing in result.listings] == [GOOD_TITLE]
    assert any(f"more than {limits.MAX_LINES_PER_FILE:,} lines" in problem.message for problem in result.problems)


def test_an_overlong_jsonl_line_is_skipped_alone(tmp_path, good):
    long_line = tmp_path / "long.jsonl"
    long_line.write_text(json.dumps({"title": "T", "abstract": "y" * limits.MAX_LINE_CHARS}) + "\n" + GOOD + "\n")
    result = read_listings([long_line])
    assert [listing.title for listing in result.listings] == [GOOD_TITLE]
    assert result.problems[0].line == 1 and "too long" in result.problems[0].message


# Special files ----------------------------------------------------------------------------

def test_a_fifo_in_an_input_folder_is_skipped_not_waited_on(tmp_path, good):
    os.mkfifo(tmp_path / "pipe.txt")
    result = invoke("papers", tmp_path, "--format", "jsonl")  # opening the pipe would block: the timeout ends it
    assert result.exit_code == 0
    assert GOOD_TITLE in result.stdout
    assert "pipe.txt: not a regular file (a named pipe); skipped" in result.stderr


def test_a_glob_over_symlink_loops_ends(tmp_path, good):
    loops = tmp_path / "sub"
    loops.mkdir()
    (loops / "up").symlink_to("..")
    (loops / "self").symlink_to(".")
    (loops / "good.jsonl").symlink_to(good)
    result = invoke("papers", str(tmp_path / "**" / "*.jsonl"), "--format", "jsonl")
    assert result.exit_code == 0
    assert GOOD_TITLE in result.stdout
    # good.jsonl is reached directly and through the link to it: read once, never through the loops.
    assert len(result.stdout.splitlines()) == 1


def test_an_unreadable_folder_is_warned_about(tmp_path, good, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.jsonl").write_text(GOOD.replace("Good", "Hidden") + "\n")
    real_scandir = os.scandir

    def scandir(path="."):
        # Root reads any folder whatever its mode, so the refusal is simulated.
        if os.fspath(path) == os.fspath(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    warning = f"{locked}: folder cannot be read (Permission denied); skipped"
    for inputs in ([tmp_path], [str(tmp_path / "**" / "*.jsonl")]):
        result = read_listings(inputs)
        assert [listing.title for listing in result.listings] == [GOOD_TITLE]
        assert [str(problem) for problem in result.problems] == [warning]


# Scale of pathological input --------------------------------------------------------------

def test_near_duplicate_titles_are_compared_a_bounded_number_of_times(monkeypatch):
    calls = 0
    ratio = resolve.fuzz.ratio

    def counting_ratio(*args, **kwargs):
        nonlocal calls
        calls += 1
        return ratio(*args, **kwargs)

    monkeypatch.setattr(resolve.fuzz, "ratio", counting_ratio)
    n = 5_000
    listings = [Listing(f"p{i}.txt", f"p{i}.txt", 1, f"A templated study of large language model variant number "
                        f"{i % 7} part", f"Abstract {i}.") for i in range(n)]
    listings += [Listing(f"q{i}.txt", f"q{i}.txt", 1, f"Templated title {'x' * (i % 50)} about models",
                         "Abstract.") for i in range(n)]
    papers = resolve.resolve_papers(listings)
    # Every title is compared with at most WINDOW others per block (three blocks each): linear,
    # where comparing within blocks of thousands used to be quadratic.
    assert calls <= 3 * resolve.WINDOW * 2 * n
    assert len(papers) < 2 * n


# Silent damage ----------------------------------------------------------------------------

def test_stray_nul_and_control_bytes_in_a_text_page_are_read_past_with_a_warning(tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes(b"A Title With a NUL\x00 Byte\nIts abstract, with a bell\x07 in it.\n\n" + GOOD_TITLE.encode()
                     + b"\nWe fine-tune models.\n")
    result = read_listings([page])
    assert [listing.title for listing in result.listings] == ["A Title With a NUL Byte", GOOD_TITLE]
    assert [str(problem) for problem in result.problems] == [f"{page}:1: 2 control character(s) replaced by spaces"]


def test_a_nul_byte_in_a_csv_is_read_past(tmp_path):
    table = tmp_path / "papers.csv"
    table.write_bytes(b"title,abstract\nNUL\x00 Title,An abstract.\n" + f'"{GOOD_TITLE}",Its abstract.\n'.encode())
    result = read_listings([table])
    assert [listing.title for listing in result.listings] == ["NUL Title", GOOD_TITLE]


def test_an_unclosed_csv_quote_names_its_line_and_swallows_nothing(tmp_path):
    table = tmp_path / "papers.csv"
    table.write_text(f'title,abstract\nFirst,An abstract.\n"Unclosed,quote\n{GOOD_TITLE},Its abstract.\n'
                     f'Last,"A quoted\nabstract over two lines."\n', encoding="utf-8")
    result = read_listings([table])
    assert [listing.title for listing in result.listings] == ["First", GOOD_TITLE, "Last"]
    assert [(problem.line, problem.message.split(" (")[0]) for problem in result.problems] == [
        (3, "unreadable CSV row")]


def test_a_stray_quote_closed_lines_later_swallows_nothing(tmp_path):
    table = tmp_path / "papers.csv"
    table.write_text(f'title,abstract\nA "stray,quote\n{GOOD_TITLE},Its abstract.\n"Closed" late,x\n',
                     encoding="utf-8")
    result = read_listings([table])
    assert GOOD_TITLE in [listing.title for listing in result.listings]


# Output folder ----------------------------------------------------------------------------

def test_stale_temporary_files_of_a_killed_build_are_removed(tmp_path, good):
    out = tmp_path / "out"
    out.mkdir()
    stale = [out / ".graph.graphml.k1ll3d.tmp", out / ".nodes.csv.abc123.tmp"]
    for path in stale:
        path.write_text("half written")
    (out / "notes.tmp").write_text("not ours")
    result = invoke("build", good, "--out", out, "--formats", "csv", "-q")
    assert result.exit_code == 0
    assert not any(path.exists() for path in stale)
    assert (out / "notes.tmp").exists() and (out / "nodes.csv").exists()


def test_a_second_build_into_a_folder_being_written_stops_with_an_error(tmp_path, good):
    out = tmp_path / "out"
    out.mkdir()
    with open(out / LOCK_NAME, "a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        result = invoke("build", good, "--out", out, "--formats", "csv", "-q")
    assert result.exit_code == 1
    assert "another papergraph build is writing into" in result.stderr
    assert not (out / "nodes.csv").exists()


# Spreadsheets and the terminal ------------------------------------------------------------

def test_formula_like_titles_go_into_csv_unchanged_and_read_back_exactly(tmp_path):
    titles = ['=HYPERLINK("http://example.com/x","Click me")', "+1 Trick for Models", "@SUM(A1:A9) Attack",
              "-2 Ways to Quantise"]
    source = tmp_path / "formulas.jsonl"
    source.write_text("".join(json.dumps({"title": t, "abstract": f"Abstract {i} about LoRA."}) + "\n"
                              for i, t in enumerate(titles)), encoding="utf-8")
    out = tmp_path / "out"
    assert invoke("build", source, "--out", out, "--formats", "csv", "-q").exit_code == 0
    nodes = pd.read_csv(out / "nodes.csv", keep_default_na=False)
    assert sorted(nodes.loc[nodes["kind"] == "paper", "title"]) == sorted(titles)


def test_control_sequences_in_file_names_and_titles_never_reach_the_terminal_raw(tmp_path, good):
    evil = tmp_path / "evil\x1b]0;owned\x07\x1b[2J.jsonl"
    evil.write_text('{"title": "Title \\u001b[31mred\\u009b", "abstract": "An abstract."}\n{"title": "x"}\n')
    for output_format in ("table", "jsonl", "csv"):
        result = invoke("papers", evil, good, "--format", output_format)
        assert result.exit_code == 0
        assert GOOD_TITLE in result.stdout
        for stream in (result.stdout, result.stderr):
            assert not any(char in stream for char in "\x1b\x07\x9b")
    assert "\\x1b]0;owned\\x07" in result.stderr  # the warning about the file still names it, escaped
