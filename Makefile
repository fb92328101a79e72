# papergraph: everything runs from a local virtual environment in .venv/.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install graphs test bench eval clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# The screenshots come from the browser tests; they skip (and say why) where Chromium is missing.
graphs: install
	$(BIN)/papergraph build --out graphs
	PAPERGRAPH_SCREENSHOTS=graphs $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/test_readwrite_html_browser.py -k screenshots

# The lint and type gate first (configured in pyproject.toml), then the whole suite.
test: install
	$(BIN)/ruff check src
	$(BIN)/mypy src
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/bench.py

eval: install
	$(BIN)/python tests/eval/score.py --set all
	$(BIN)/python tests/eval/score_audit.py tests/eval/audit/round6/judge1.jsonl tests/eval/audit/round6/judge2.jsonl

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
