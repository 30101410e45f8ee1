# saboot — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: demo test test-spark e2e install lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/saboot --db $(DEMO_DB) ingest --actor demo examples/corpus
	$(BIN)/saboot --db $(DEMO_DB) ingest --actor demo examples/corpus
	$(BIN)/saboot --db $(DEMO_DB) documents
	$(BIN)/saboot --db $(DEMO_DB) claims
	$(BIN)/saboot --db $(DEMO_DB) link
	$(BIN)/saboot --db $(DEMO_DB) incidents
	$(BIN)/saboot --db $(DEMO_DB) report --out demo-dossier.html --title "saboot demo dossier"
	$(BIN)/saboot --db $(DEMO_DB) audit verify
	@echo "demo store: $(DEMO_DB), dossier: demo-dossier.html  (try: $(BIN)/saboot --db $(DEMO_DB) serve)"

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -q

# The Spark engine test runs in Spark local mode (needs Java 17; pyspark builds from source, about a minute).
test-spark: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,spark]'
	$(BIN)/pytest -q tests/test_link.py tests/test_extract_cli.py -k spark

# End-to-end tests in Debian's headless Chromium, driven by Playwright (never `playwright install`).
e2e: $(STAMP)
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium)
	$(BIN)/pip install --quiet -e '.[dev,e2e]'
	$(BIN)/pytest -q tests/e2e

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_extract.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm demo-dossier.html .pytest_cache .mypy_cache .ruff_cache
