"""Fixtures shared across test modules: the bundled sample built once per test session.

Building the sample (read, resolve, extract, build, analyse) is most of what the CLI and API
tests would otherwise spend their time on; they share one build instead, and the tests that
are about the pipeline's own determinism still build afresh.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import papergraph
from papergraph import api
from papergraph.options import BuildOptions


@pytest.fixture(scope="session")
def sample_kg() -> papergraph.KnowledgeGraph:
    """The knowledge graph of the bundled sample corpus with the default options (read only!)."""
    return papergraph.build()


@pytest.fixture(scope="session")
def sample_exports(sample_kg: papergraph.KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with every export of :func:`sample_kg` written into it (read only!)."""
    out = tmp_path_factory.mktemp("sample-graph")
    sample_kg.write(out)
    return out


@pytest.fixture
def shared_sample_build(monkeypatch: pytest.MonkeyPatch, sample_kg: papergraph.KnowledgeGraph) -> None:
    """Make ``api.build`` of the bundled sample with default options answer with :func:`sample_kg`.

    Every other call builds as usual, so a command given inputs, a thesaurus or other options
    is untouched; what is shared is exactly what ``papergraph.build()`` returns.
    """
    real_build = api.build

    def build(inputs=None, *, thesaurus=None, options=None, seed=42, **kwargs):
        default_options = options is None or options == BuildOptions()
        local = kwargs.get("engine", "local") == "local"
        if not inputs and thesaurus is None and default_options and seed == 42 and local:
            return sample_kg
        return real_build(inputs, thesaurus=thesaurus, options=options, seed=seed, **kwargs)

    monkeypatch.setattr(api, "build", build)


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright: one launch shared by every browser test.

    The browser test modules skip themselves first when Chromium is missing.
    """
    from html_fixtures import CHROMIUM, CHROMIUM_ARGS  # tests/fixtures/html, put on sys.path by those modules
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
