"""Artifacts: URLs in titles and abstracts, reduced to the repositories, models, data and pages they link."""

from __future__ import annotations

import math
import re
from urllib.parse import urlsplit

import pytest

from papergraph.api import read_corpus
from papergraph.artifacts import canonical_artifact, extract_artifacts, find_urls, without_urls
from papergraph.graph import ARTIFACT, KIND, LABEL, RELEASES, SHARES_ARTIFACTS, BuildOptions, build_graph
from papergraph.types import Extraction, Listing, Paper


@pytest.fixture(scope="module")
def sample_papers():
    return read_corpus().papers


def _independent_keys(text: str) -> set[tuple[str, ...]]:
    """The distinct repositories/pages a text links, counted without papergraph's code: split the
    text at white space and brackets, keep what looks like a link, and key a repository by host,
    owner and name (any case, no .git), a Hugging Face model by owner and name, a page by host
    and path."""
    keys = set()
    for token in re.split(r"[\s{}\[\]()<>\"']+", text):
        start = re.search(r"(?i)https?://|(www\.)?(github\.com|gitlab\.com|huggingface\.co|hf\.co)/|[\w-]+\.github\.io",
                          token)
        if start is None:
            continue
        token = token[start.start():].rstrip(".,;:!?*")
        parts = urlsplit(token if "://" in token else "https://" + token)
        host = {"hf.co": "huggingface.co"}.get(parts.hostname, parts.hostname).removeprefix("www.")
        if host in ("arxiv.org", "doi.org"):
            continue
        path = [segment for segment in parts.path.split("/") if segment and segment != "index.html"]
        if host in ("github.com", "gitlab.com") and len(path) >= 2:
            keys.add((host, path[0].lower(), re.sub(r"\.git$", "", path[1].lower())))
        elif host == "huggingface.co" and len(path) >= 2:
            keys.add((host, path[0].lower(), path[1].lower()))
        else:
            keys.add((host, *path) + ((parts.query,) if parts.query else ()))
    return keys


def test_the_sample_has_one_artifact_per_distinct_repository_or_page_linked(sample_papers):
    found = extract_artifacts(sample_papers)
    expected = set().union(*(_independent_keys(f"{p.title}\n{p.abstract}") for p in sample_papers))
    assert len(found.artifacts) == len(expected) > 100
    types = {artifact.type for artifact in found.artifacts}
    assert types == {"code", "model", "page"}
    # Two subfolders of one repository are one artifact.
    labels = {artifact.label for artifact in found.artifacts}
    assert "github.com/google-research/google-research" in labels
    assert not any("/tree/" in label for label in labels)
    # Every release joins a paper of the corpus to an artifact found.
    ids = {artifact.id for artifact in found.artifacts}
    assert {release.artifact_id for release in found.releases} == ids
    assert {release.paper_id for release in found.releases} <= {paper.id for paper in sample_papers}


@pytest.mark.parametrize("url, label, kind", [
    ("https://github.com/RWKV/RWKV-LM.git", "github.com/RWKV/RWKV-LM", "code"),
    ("github.com/nvidia/megatron-lm/blob/main/README.md", "github.com/nvidia/megatron-lm", "code"),
    ("https://gitlab.com/ones-ai/q-hyvit/-/tree/main", "gitlab.com/ones-ai/q-hyvit", "code"),
    ("https://huggingface.co/stabilityai/stable-code-3b/tree/main", "huggingface.co/stabilityai/stable-code-3b",
     "model"),
    ("https://huggingface.co/datasets/openai/gsm8k", "huggingface.co/datasets/openai/gsm8k", "dataset"),
    ("https://huggingface.co/spaces/org/demo", "huggingface.co/spaces/org/demo", "page"),
    ("https://huggingface.co/RWKV", "huggingface.co/RWKV", "page"),
    ("https://huggingface.co/papers/2405.15738", "huggingface.co/papers/2405.15738", "page"),
    ("https://www.kaggle.com/datasets/owner/name/data", "kaggle.com/datasets/owner/name", "dataset"),
    ("https://github.com/microsoft", "github.com/microsoft", "page"),
    ("https://snap-research.github.io/SF-V/", "snap-research.github.io/SF-V", "page"),
    ("https://horizonrobotics.github.io/robot_lab/index.html#top", "horizonrobotics.github.io/robot_lab", "page"),
    ("https://www.youtube.com/watch?v=abc", "youtube.com/watch?v=abc", "page"),
])
def test_canonical_forms_and_types(url, label, kind):
    artifact = canonical_artifact(url)
    assert (artifact.label, artifact.type) == (label, kind)
    assert artifact.id == "artifact:" + (label.lower() if kind != "page" else label)


def test_two_papers_linking_one_repository_share_one_artifact():
    papers = [Paper("a", "A", "Code: https://github.com/Org/Tool.", ()),
              Paper("b", "B", "We build on github.com/org/tool/tree/v2 and https://org.github.io/tool/.", ())]
    found = extract_artifacts(papers)
    assert [a.id for a in found.artifacts] == ["artifact:github.com/org/tool", "artifact:org.github.io/tool"]
    assert [(r.paper_id, r.artifact_id) for r in found.releases] == [
        ("a", "artifact:github.com/org/tool"), ("b", "artifact:github.com/org/tool"), ("b", "artifact:org.github.io/tool")]


@pytest.mark.parametrize("text", [
    "javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "see <a href=\"javascript:alert(1)\">here</a>",
    "ftp://example.org/file",
    "https://",
])
def test_hostile_and_non_web_links_are_no_artifacts(text):
    assert extract_artifacts([Paper("p", "T", text, ())]).artifacts == ()


def test_quotes_and_markup_end_a_url():
    assert find_urls('"https://x.org/a"><script>alert(1)</script>') == ["https://x.org/a"]
    assert find_urls("https://x.org/a'onmouseover='alert(1)") == ["https://x.org/a"]
    assert find_urls("https://github.com/a/b.git{https://github.com/a/b}.") == ["https://github.com/a/b.git",
                                                                            "https://github.com/a/b"]


def test_a_link_written_in_capitals_is_found_and_blanked_alike():
    text = "Code at GITHUB.COM/QuarkLabs/FrobTool."
    assert find_urls(text) == ["GITHUB.COM/QuarkLabs/FrobTool"]
    blanked = without_urls(text)
    assert len(blanked) == len(text) and "QuarkLabs" not in blanked


def test_references_to_papers_are_not_releases():
    assert canonical_artifact("https://arxiv.org/abs/2405.15738") is None
    assert canonical_artifact("https://doi.org/10.1000/xyz") is None


# --- in the graph -----------------------------------------------------------------------------

def _linking_papers():
    page = [Listing("a.txt", "a.txt", i, f"T{i}", "") for i in (1, 2, 3)]
    return [Paper("p1", "A", "Code: https://github.com/Org/Tool and https://org.github.io/tool/.", (page[0],)),
            Paper("p2", "B", "We build on github.com/org/tool/tree/v2 (github.com/org/tool).", (page[1],)),
            Paper("p3", "C", "No links here.", (page[2],))]


def test_artifacts_become_nodes_joined_to_their_papers_by_releases_edges():
    G = build_graph(_linking_papers(), Extraction((), ()))
    repo = "artifact:github.com/org/tool"
    assert G.nodes[repo] == {KIND: ARTIFACT, LABEL: "github.com/org/tool", "type": "code",
                             "url": "https://github.com/org/tool", "n_papers": 2}
    assert G.nodes["artifact:org.github.io/tool"]["type"] == "page"
    assert sorted(G[repo]) == ["p1", "p2"]
    assert G.edges["p2", repo, RELEASES]["count"] == 2.0  # two links to one repository
    assert G.edges["p2", repo, RELEASES]["weight"] == 1.0  # its only artifact
    assert G.edges["p1", repo, RELEASES]["weight"] == round(1 / math.sqrt(2), 6)


def test_two_papers_pointing_at_one_repository_get_a_tie():
    G = build_graph(_linking_papers(), Extraction((), ()))
    tie = G.edges["p1", "p2", SHARES_ARTIFACTS]
    assert tie["artifacts"] == ("artifact:github.com/org/tool",)
    assert tie["count"] == 1.0 and tie["weight"] == round(1 / math.sqrt(2 * 1), 6)
    assert not G.has_edge("p1", "p3", SHARES_ARTIFACTS)


def test_without_the_artifact_kinds_there_are_no_artifacts():
    G = build_graph(_linking_papers(), Extraction((), ()), BuildOptions(kinds=("mentions", "co_listed")))
    assert not any(d[KIND] == ARTIFACT for _, d in G.nodes(data=True))


def test_the_sample_graph_has_one_artifact_node_per_distinct_link(sample_papers):
    G = build_graph(sample_papers, Extraction((), ()))
    expected = set().union(*(_independent_keys(f"{p.title}\n{p.abstract}") for p in sample_papers))
    assert sum(1 for _, d in G.nodes(data=True) if d[KIND] == ARTIFACT) == len(expected)


def test_build_summary_counts_artifacts_by_type(sample_kg):
    lines = sample_kg.summary().lines()  # the bundled sample, built once per session (conftest.py)
    assert "artifacts: 160 (128 code, 5 model, 27 page)" in lines
