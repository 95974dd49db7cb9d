# Two commands for a fresh machine (Python 3.11+):
#   make demo   virtualenv + the `local` extra (compiles llama-cpp-python once for a portable
#               CPU baseline, 4-15 min, a progress line every 30 s; later installs reuse the
#               wheel), then summarizes a seed article on the embedded model
#   make test   virtualenv + the `dev` extra, then the offline test suite (cassette replay)
# Both install exactly what uv.lock pins (hashes checked); `make lock` updates it.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SEED   := seeds/belgorod-kharkiv-2024-01-01.txt
PYTEST_ARGS ?= -q
# Parallel test processes (pytest-xdist); 0 runs in this process, e.g. for a debugger.
PYTEST_WORKERS ?= 4
# uv installs from the lock; pinned so every machine resolves and installs alike.
UV_VERSION := 0.13.9
UV := UV_PROJECT_ENVIRONMENT=$(VENV) UV_PYTHON_DOWNLOADS=never $(BIN)/uv

.PHONY: demo test test-embedded install-local rebuild-embedded lock lock-check record lint typecheck typecheck-baseline bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q uv==$(UV_VERSION)

# --inexact: `make test` after `make demo` keeps the embedded model installed.
$(VENV)/.installed-dev: pyproject.toml uv.lock | $(BIN)/python
	$(UV) sync -q --locked --inexact --extra dev
	touch $@

# The one slow step: llama-cpp-python is compiled from source, for a portable CPU baseline
# (tools/install_embedded.py says why; scripts/heartbeat.sh prints a line every 30 s).
$(VENV)/.installed-local: pyproject.toml uv.lock tools/install_embedded.py | $(BIN)/python
	$(UV) sync -q --locked --inexact --extra dev --extra local --no-install-package llama-cpp-python
	@echo "Installing the embedded model: llama-cpp-python is compiled from source the first time,"
	@echo "4-15 minutes on 2 cores (later installs reuse the built wheel)."
	@scripts/heartbeat.sh 30 "building llama-cpp-python (portable CPU baseline)" -- \
		$(BIN)/python tools/install_embedded.py
	touch $@

install-local: $(VENV)/.installed-local

# After "died of SIGILL": compile llama-cpp-python again (portable flags unless
# SUMMARIZER_LLAMA_CMAKE_ARGS says otherwise) and install it over the old build.
rebuild-embedded: | $(BIN)/python
	$(BIN)/python tools/install_embedded.py --rebuild

# Update uv.lock after editing pyproject.toml, or upgrade one package:
#   make lock                      re-resolve what pyproject.toml changed
#   make lock UPGRADE=instructor   also take that package's newest allowed release
lock: | $(BIN)/python
	$(UV) lock $(if $(UPGRADE),--upgrade-package $(UPGRADE))

# Fails when uv.lock no longer satisfies pyproject.toml (CI runs it).
lock-check: | $(BIN)/python
	$(UV) lock --check

demo: $(VENV)/.installed-local
	@echo "Summarizing $(SEED) on the embedded SmolLM2-135M model (about 1-2 minutes on 2 cores)."
	$(BIN)/summarizer summarize $(SEED)

# Bytecode caches are written even when PYTHONDONTWRITEBYTECODE is set (some shells and
# containers set it): without them every one of the ~40 processes a run starts compiles the
# package again, and every pytest worker re-rewrites the asserts of all 50 test modules
# (~1.4 s of CPU each). The caches land in git-ignored __pycache__ folders.
# The tests that run the embedded model itself go first, on their own (they need both
# cores); they skip, saying why, where the `local` extra is not installed.
test: $(VENV)/.installed-dev
	$(MAKE) --no-print-directory test-embedded
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist worksteal -m "not embedded" $(PYTEST_ARGS)

test-embedded: $(VENV)/.installed-dev
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n 0 -m embedded $(PYTEST_ARGS)

# Re-record every cassette from the embedded model (real recordings, never edited).
# `make record PROMPT=event-summary` re-records one prompt's cassettes.
record: $(VENV)/.installed-local
	$(BIN)/summarizer eval --record $(if $(PROMPT),--prompt $(PROMPT))
	$(BIN)/python -m pytest -q --record-mode=rewrite -m recorded

# Style, formatting and types. The layering contract (no cycles, no cli imports in the
# library, no private names across modules) is a test: tests/unit/test_layering.py.
lint: $(VENV)/.installed-dev typecheck
	$(BIN)/ruff check summarizer tests bench seeds tools
	$(BIN)/ruff format --check summarizer tests bench seeds tools

# mypy on summarizer/: fails on errors not in mypy-baseline.txt, which only shrinks.
typecheck: $(VENV)/.installed-dev
	$(BIN)/python tools/typecheck.py

typecheck-baseline: $(VENV)/.installed-dev
	$(BIN)/python tools/typecheck.py --update

bench: $(VENV)/.installed-dev
	$(BIN)/python -m bench.numbers
	$(BIN)/python -m bench.extractor_gold
	$(BIN)/python -m bench.incidents
	$(BIN)/python -m bench.verify
	$(BIN)/python -m bench.mutations
	$(BIN)/python -m bench.realistic
	$(BIN)/python -m bench.batch
	$(BIN)/python -m bench.startup
	$(BIN)/python -m bench.service
	$(BIN)/python -m bench.replicas

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache build *.egg-info
