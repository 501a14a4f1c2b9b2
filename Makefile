# Two public targets: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
EXAMPLE := examples/harbor-strike

.PHONY: demo test lint typecheck unit e2e eval bench clean browser postgres

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(DEVSTAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP) $@

demo: $(STAMP)
	$(BIN)/parallax compare $(EXAMPLE)/*

test: $(DEVSTAMP) browser postgres
	$(BIN)/ruff check src tests eval benchmarks
	$(BIN)/ruff format --check src tests eval benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest
	$(MAKE) --no-print-directory e2e eval

e2e: $(STAMP)
	$(BIN)/parallax compare $(EXAMPLE)/* --format json -o $(VENV)/example.json
	$(BIN)/python -m parallax.contract $(VENV)/example.json
	$(BIN)/parallax compare $(EXAMPLE)/* --format markdown > /dev/null
	$(BIN)/parallax compare $(EXAMPLE)/* --format html -o $(VENV)/example.html

eval: $(STAMP)
	$(BIN)/python eval/run.py --check

# The long crash hunt (not part of `make test`): 500 generated stories, a 50,000-word
# paragraph, and every story of ../shared/realdata; see eval/fuzz.py for its options.
.PHONY: fuzz
fuzz: $(DEVSTAMP)
	$(BIN)/python eval/fuzz.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_speed.py
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_reuse.py
	$(BIN)/python benchmarks/bench_compare.py
	$(BIN)/python benchmarks/bench_facts.py
	$(BIN)/python benchmarks/bench_web.py

# Debian's chromium for the browser test (Playwright drives it; it never downloads a browser).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium)

# PostgreSQL 15 binaries for the store tests (the test run starts and stops its own server).
postgres:
	@command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
		|| (apt-get update -qq && apt-get install -y -qq postgresql)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
