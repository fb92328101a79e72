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

graphs: install
	$(BIN)/papergraph build --out graphs

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/bench.py

eval: install
	$(BIN)/python tests/eval/score.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
